"""Footer and palette texts of key bindings in the interface language.

Bindings are declared with a string key as description (``"b_next"``); each screen and
the app translate their own bindings when shown and when the language changes.
"""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from advisor import catalogue

from .strings import t


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite the descriptions of ``node``'s bindings in ``lang``."""
    keys: dict[tuple[str, str], str] = node.__dict__.setdefault("_description_keys", {})
    table = node._bindings.key_to_bindings  # noqa: SLF001 - no public API for this
    for key, bindings in table.items():
        out = []
        for b in bindings:
            skey = keys.get((key, b.action))
            if skey is None and f"tui.{b.description}" in catalogue.entries():
                skey = keys[(key, b.action)] = b.description
            if skey is not None:
                b = dataclasses.replace(b, description=t(lang, skey))
            out.append(b)
        table[key] = out
