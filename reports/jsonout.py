"""The JSON form of an assessment (``advisor assess --format json``).

The assessment's own fields (its ``model_dump``), plus, when the case and the rules base
are given, a ``memo`` key with the risk memo's summary (:meth:`reports.memo.Memo.summary`):
the sections, counts, three most serious risks, where each finding sits in the risk
matrix, the finding numbers (``F1`` -> rule id) used by the PDF and Markdown memos, and
the recommendations. Keys other programs rely on are documented in README ("JSON output").
"""

from __future__ import annotations

from typing import Any

from advisor.findings import Assessment
from advisor.model import AllianceCase
from advisor.rulesbase import RulesBase


def assessment_json(
    a: Assessment, case: AllianceCase | None = None, rb: RulesBase | None = None
) -> dict[str, Any]:
    """The assessment as plain JSON data, with the memo's summary when it can be built."""
    data = a.model_dump(mode="json")
    if case is not None and rb is not None:
        from .memo import build_memo

        data["memo"] = build_memo(a, case, rb).summary()
    return data
