"""Which list entry a finding or an open question is about, in words.

The core names an entry by its partners (``[Orange → Unis-Cité]``); one whose partners are
not chosen yet it names « … → … », which says nothing to a client. Shown here as the
entry's kind and number: « [mise à disposition n° 1 (à compléter)] ».
"""

from __future__ import annotations

import re

from advisor import catalogue

from .strings import t

#: What the core writes for a partner not chosen yet.
NOT_CHOSEN = "…"
_ENTRY = re.compile(r"^(?P<scope>[a-z_.]+)\[(?P<index>\d+)\]")


def entry_words(lang: str, entry: str | None, field: str) -> str:
    """`` [entry]`` after a question or an answer (``""`` for none), in words when the
    entry's partners are not chosen yet."""
    if not entry:
        return ""
    m = _ENTRY.match(field)
    if m is None or entry.replace("→", "").replace(NOT_CHOSEN, "").strip():
        return f" [{entry}]"
    key = "entry_kind_" + m["scope"].replace(".", "_")
    kind = t(lang, key if catalogue.has(f"tui.{key}") else "entry_kind")
    return " [" + t(lang, "entry_to_fill", kind=kind, n=int(m["index"]) + 1) + "]"
