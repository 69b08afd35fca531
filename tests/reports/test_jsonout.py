"""The JSON output: the assessment plus the memo's summary."""

from __future__ import annotations

import json

from reports.jsonout import assessment_json


def test_assessment_json_has_memo_summary(rb, rich_case, rich_fr):
    data = json.loads(json.dumps(assessment_json(rich_fr, rich_case, rb), ensure_ascii=False))
    assert data["findings"] == json.loads(rich_fr.model_dump_json())["findings"]
    memo = data["memo"]
    assert set(memo) >= {"counts", "top_risks", "matrix", "numbers", "recommendations"}
    assert sorted(memo["numbers"].values()) == sorted(f.rule_id for f in rich_fr.findings)


def test_without_case_no_memo_key(rich_fr):
    assert "memo" not in assessment_json(rich_fr)
