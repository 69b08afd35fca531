"""The JSON form of an assessment (``advisor assess --format json``).

Keys other programs rely on are documented in README ("JSON output").
"""

from __future__ import annotations

from typing import Any

from advisor.findings import Assessment


def assessment_json(a: Assessment, case=None, rb=None) -> dict[str, Any]:
    """The assessment as plain JSON data."""
    return a.model_dump(mode="json")
