"""The header's line, fitted to the terminal: the app's title whole, then the case.

Textual's header centres ``title — sub-title`` between an icon (8 columns) and a clock's
space (10) and cuts what does not fit, so at 80 columns a full path and the language's
reason ended in « choisi par -… ». The sub-title gives way in steps instead: the path
becomes the file's name, the language's reason its bare name, and a long name is cut at
its start (its end says which file it is); the title and the tags (read-only) always stay.
"""

from __future__ import annotations

from rich.cells import cell_len

#: The header's icon and clock space around the title (``textual.widgets._header``).
AROUND = 8 + 10
#: What the app puts between the title and the sub-title (``App.format_title``).
DASH = " — "


def fit_sub_title(
    title: str, width: int, where: tuple[str, str], why: tuple[str, str], tags: list[str]
) -> str:
    """The longest sub-title that fits ``width`` columns beside ``title``: ``where`` is
    ``(path, file name)``, ``why`` ``(language and its reason, language)``."""
    room = width - AROUND - cell_len(title) - cell_len(DASH)
    path, name = where
    reason, lang = why
    for place, said in ((path, reason), (name, reason), (name, lang)):
        text = " · ".join([place, said, *tags])
        if cell_len(text) <= room:
            return text
    rest = " · ".join([lang, *tags])
    keep = room - cell_len(rest) - cell_len(" · ") - 1  # 1: the « … »
    if keep >= 4:
        return " · ".join(["…" + name[-keep:], lang, *tags])
    for text in (rest, " · ".join(tags)):
        if cell_len(text) <= room:
            return text
    return ""  # narrower than 80 columns: the title alone
