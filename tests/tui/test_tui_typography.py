"""French typography on screen: a line never breaks inside an amount (``80 011 €``) nor
before ``?``, ``:`` or ``»`` (issue 12, adviser's report G)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.content import Content

import tui.app  # noqa: F401 - installs the wrapping that keeps non-breaking spaces
from advisor.parameters import format_number
from tui.strings import typeset

SENTENCE = typeset(
    "fr",
    f"Quel est le montant versé, {format_number(80011, 'eur', 'fr')} environ ? "
    "Voir l'article R4512-7 : elle s'applique (« le prêteur », Cass. soc. n° 18-13.769).",
)
GLUED = (
    "80\u202f011\u00a0€",
    "environ\u00a0?",
    "R4512-7\u00a0:",
    "«\u00a0le",
    "prêteur\u00a0»",
    "n°\u00a018-13.769",
)


def _check(lines: list[str]) -> None:
    for line in lines:
        assert not line.lstrip().startswith(("?", ":", "»", "€", "011")), lines
    text = " ".join(line.strip() for line in lines)
    for glued in GLUED:
        assert glued in text, (glued, lines)


def test_textual_content_keeps_non_breaking_spaces_at_every_width():
    for width in range(12, 70):
        _check([line.plain for line in Content(SENTENCE).wrap(width)])


def test_rich_text_keeps_them_too():  # DataTable cells (review) are Rich texts
    console = Console(width=200)
    for width in range(12, 70):
        lines = Text(SENTENCE).wrap(console, width)
        _check([line.plain for line in lines])
