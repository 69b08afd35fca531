"""Line breaks that respect non-breaking spaces.

French typography keeps ``80 011 €``, ``environ ?`` and ``« mot »`` together with
non-breaking spaces (U+00A0, U+202F, U+2007): :func:`tui.strings.typeset` and the core's
number formatting put them there. Textual 8.2 (``textual._wrap``) and Rich 14
(``rich._wrap``) split words on any ``\\s``, and Python counts those spaces as white space,
so a screen could still show « 80 » at the end of a line and « 011 € » on the next, or a
line starting with « ? ». Both wrap functions read their word pattern from a module
global at each call; :func:`install` replaces the pattern by one that breaks only at
breaking spaces. Checked by ``tests/tui/test_tui_typography.py`` against the pinned
versions (``constraints.txt``).
"""

from __future__ import annotations

import re

#: Spaces a line never breaks at.
NO_BREAK = "\u00a0\u202f\u2007"
_SPACE = rf"[^\S{NO_BREAK}]"  # white space that may break a line
_WORD = rf"(?:[^\s]|[{NO_BREAK}])+"


def install() -> None:
    """Make Textual's and Rich's wrapping keep non-breaking spaces (idempotent)."""
    from rich import _wrap as rich_wrap
    from textual import _wrap as textual_wrap

    textual_wrap.re_chunk = re.compile(rf"{_WORD}{_SPACE}*|{_SPACE}+")
    rich_wrap.re_word = re.compile(rf"{_SPACE}*{_WORD}{_SPACE}*")
