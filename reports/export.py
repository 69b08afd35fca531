"""Writing the memo to a file in one of its forms (used by the CLI and the interview)."""

from __future__ import annotations

import os

from advisor.findings import Assessment
from advisor.model import AllianceCase
from advisor.rulesbase import RulesBase
from advisor.textsafe import json_text
from advisor.yamlio import atomic_write

FORMATS = ("pdf", "md", "json")


def export(
    fmt: str,
    path: str | os.PathLike[str],
    a: Assessment,
    case: AllianceCase,
    rb: RulesBase,
    *,
    annex: bool = False,
) -> None:
    """Write the memo as ``pdf``, ``md`` or ``json`` to ``path``, atomically; ``annex``
    adds every answer of the case to the PDF and Markdown memos."""
    from .memo import build_memo

    data: str | bytes
    if fmt == "json":
        from .jsonout import assessment_json

        data = json_text(assessment_json(a, case, rb), indent=2) + "\n"
    elif fmt == "md":
        from .markdown import render_markdown

        data = render_markdown(build_memo(a, case, rb, annex=annex))
    elif fmt == "pdf":
        from .pdf import render_pdf

        data = render_pdf(build_memo(a, case, rb, annex=annex))  # bytes
    else:
        raise ValueError(f"unknown memo format '{fmt}'; formats: {', '.join(FORMATS)}")
    atomic_write(path, data)
