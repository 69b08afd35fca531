"""From a field named in a finding (``money.gifts[0].amount_eur``) to the question asking it."""

from __future__ import annotations

import re

from advisor.rulesbase import RulesBase
from advisor.schema import case_schema

from .entries import identity_questions

_ENTRY = re.compile(r"^(?P<scope>[a-z_.]+)\[(?P<index>\d+)\]\.(?P<path>.+)$")


def question_for_field(rb: RulesBase, field: str) -> tuple[str, int | None] | None:
    """``(question id, entry index)`` of the question that answers ``field``, if any."""
    m = _ENTRY.match(field)
    if m:
        scope, index, path = m["scope"], int(m["index"]), m["path"]
        absolute = f"{scope}[].{path}"
    else:
        scope, index, absolute = None, None, field
    spec = case_schema().by_absolute(absolute)
    candidates = [absolute]
    if spec is not None and spec.derived:
        candidates = list(spec.inputs)
    for name in candidates:
        asking = list(rb.questions_for(name))
        if scope is not None:
            asking += [q for q in identity_questions(rb, scope) if q.doc.field == name]
        for q in asking:
            entry_scope = None if q.is_list else q.list_scope
            if entry_scope is None:
                return q.id, None
            if entry_scope == scope:
                return q.id, index
    return None
