"""Making user text harmless for terminals, Markdown and PDF markup.

A partner's name may hold terminal escape sequences, bidi overrides, markup or control
characters. Every output escapes them so that they print literally and break nothing.
"""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control and format characters by a visible escape (``\\x1b``, ``\\u202e``).

    Emoji, accents and right-to-left letters are kept; what a terminal would *interpret*
    (ESC, BEL, backspace, bidi overrides, zero-width controls) is shown as an escape.
    """
    out = []
    for ch in text:
        if keep_newlines and ch in _KEEP:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in ("\u200d",):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(text: str, limit: int | None = None) -> str:
    """``visible`` on a single line, optionally shortened with an ellipsis."""
    flat = visible(text, keep_newlines=False)
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~&"


def markdown(text: str) -> str:
    """Escape text for Markdown: no markup, no HTML, no escapes interpreted."""
    text = visible(text, keep_newlines=False)
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
