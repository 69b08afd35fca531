"""Footer and palette texts of key bindings in the interface language.

Bindings are declared with a string key as description (``"b_next"``); each screen and
the app translate their own bindings when shown and when the language changes.
"""

from __future__ import annotations

import dataclasses
import weakref

from textual.dom import DOMNode

from advisor import catalogue

from .strings import t

#: Each node's catalogue key of each binding (key, action), remembered the first time: the
#: descriptions are rewritten in place, so the key is gone once translated. Weak, so a
#: closed screen takes its entry with it.
_DESCRIPTION_KEYS: weakref.WeakKeyDictionary[DOMNode, dict[tuple[str, str], str]] = (
    weakref.WeakKeyDictionary()
)


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite the descriptions of ``node``'s bindings in ``lang``."""
    keys = _DESCRIPTION_KEYS.setdefault(node, {})
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
