"""Fonts, colours, paragraph styles and text escaping of the PDF memo, in one place.

Fonts are the bundled DejaVu TTFs (``reports/fonts``, Bitstream Vera / DejaVu licence,
which allows redistribution), so that accents, ``€``, non-breaking spaces, Greek,
Cyrillic, Hebrew and Arabic letters print whatever fonts the machine has. A character
no bundled font has (most emoji, CJK...) is replaced by a visible ``[U+XXXX]`` marker
instead of an empty box or a crash.

Every piece of text reaches a ``Paragraph`` through :meth:`Typesetter.para`, which shows
control characters (:func:`advisor.textsafe.visible`), applies the language's spacing,
replaces missing glyphs and escapes markup: ``<b>Acme & Co</b>`` prints literally.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from advisor.textsafe import visible

from .typography import typeset

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SANS, BOLD, MONO = "MemoSans", "MemoSans-Bold", "MemoMono"
_FILES = {SANS: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", MONO: "DejaVuSansMono.ttf"}


@functools.lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register the bundled fonts once per process; the code points all of them print."""
    from reportlab.lib.fonts import addMapping

    faces = {}
    for name, file in _FILES.items():
        font = TTFont(name, str(FONT_DIR / file))
        pdfmetrics.registerFont(font)
        faces[name] = frozenset(font.face.charToGlyph)
    # No italic face is bundled: <i> falls back to the upright one rather than failing.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, BOLD)
    return faces[SANS] & faces[BOLD]


class Palette:
    """The memo's colours: sober ink, one accent, and a severity scale."""

    ink = colors.HexColor("#1C2430")
    muted = colors.HexColor("#5B6472")
    rule = colors.HexColor("#C9CED6")
    accent = colors.HexColor("#1F3A5F")
    accent_light = colors.HexColor("#E8EEF5")
    zebra = colors.HexColor("#F5F7FA")
    link = colors.HexColor("#1F4E8C")
    severity = {
        "critical": colors.HexColor("#7B1113"),
        "high": colors.HexColor("#C0392B"),
        "medium": colors.HexColor("#C77C0E"),
        "low": colors.HexColor("#3C6E91"),
    }
    status = {
        "flagged": colors.HexColor("#C0392B"),
        "to_verify": colors.HexColor("#C77C0E"),
        "clear": colors.HexColor("#2E7D4F"),
        "minor": colors.HexColor("#3C6E91"),
    }
    status_light = {
        "flagged": colors.HexColor("#F6D5D1"),
        "to_verify": colors.HexColor("#FBE8C8"),
        "clear": colors.HexColor("#D7EEDD"),
        "minor": colors.HexColor("#DCE7EF"),
    }
    #: Heat of a matrix cell, 0 (low, unlikely) to 5 (critical, likely).
    heat = [
        colors.HexColor(c)
        for c in ("#DCEFE2", "#EAF2D3", "#FBEFC8", "#FAD9B5", "#F4B9A8", "#E8938A")
    ]
    white = colors.white


class Typesetter:
    """Turns any text into something safe to print, for one memo language."""

    def __init__(self, lang: str, glyphs: frozenset[int]):
        self.lang = lang
        self.glyphs = glyphs
        self._cache: dict[tuple[str, bool], str] = {}

    def plain(self, text: object, *, one_line: bool = False) -> str:
        """Visible, typeset text with missing glyphs replaced (for the canvas)."""
        raw = str(text)
        key = (raw, one_line)
        done = self._cache.get(key)
        if done is None:
            done = self._cache[key] = self._plain(raw, one_line)
        return done

    def _plain(self, raw: str, one_line: bool) -> str:
        # isprintable() is False for every character visible() would change (and for
        # a few harmless ones, such as non-breaking spaces): a fast path for most text.
        s = raw if raw.isprintable() else visible(raw, keep_newlines=not one_line)
        # reportlab breaks lines at U+202F (and draws it as a full space): use U+00A0.
        s = typeset(s, self.lang).replace("\u202f", "\u00a0")
        if s.isascii():
            return s
        glyphs = self.glyphs
        if all(ord(ch) in glyphs or ch in "\n\t" for ch in s):
            return s
        return "".join(
            ch if ord(ch) in glyphs or ch in "\n\t" else f"[U+{ord(ch):04X}]" for ch in s
        )

    def para(self, text: object) -> str:
        """Text as ``Paragraph`` markup that prints literally, line breaks kept."""
        s = escape(self.plain(text))
        if "\n" in s or "\t" in s:
            s = s.replace("\t", " ").replace("\n", "<br/>")
        return s

    def clip(self, text: object, font: str, size: float, width: float) -> str:
        """One line of plain text cut with an ellipsis to fit ``width`` points."""
        s = self.plain(text, one_line=True)
        if pdfmetrics.stringWidth(s, font, size) <= width:
            return s
        lo, hi = 0, min(len(s), int(width / (size * 0.25)) + 1)
        while lo < hi:  # the longest prefix that fits with its ellipsis
            mid = (lo + hi + 1) // 2
            if pdfmetrics.stringWidth(s[:mid] + "…", font, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        return s[:lo].rstrip() + "…"


@dataclass(frozen=True)
class Page:
    """A4 with room for the running header and footer."""

    width: float = 210 * mm
    height: float = 297 * mm
    left: float = 20 * mm
    right: float = 20 * mm
    top: float = 24 * mm
    bottom: float = 20 * mm

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


class MemoStyles:
    """Every paragraph style of the memo."""

    def __init__(self) -> None:
        p = Palette
        # Headings do not use keepWithNext (it re-wraps whole groups, slow on long memos):
        # the section writers put a CondPageBreak before each heading instead.
        base = ParagraphStyle(
            "body",
            fontName=SANS,
            fontSize=9.2,
            leading=12.6,
            textColor=p.ink,
            spaceAfter=4,
            splitLongWords=1,
            allowWidows=0,
            allowOrphans=0,
            bulletFontName=SANS,
        )
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.6, spaceAfter=2)
        self.muted = ParagraphStyle("muted", parent=self.small, textColor=p.muted)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10.2, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=BOLD)
        self.cell_head = ParagraphStyle(
            "cell_head", parent=self.cell, fontName=BOLD, textColor=p.white
        )
        self.cell_head_right = ParagraphStyle(
            "cell_head_right", parent=self.cell_head, alignment=TA_RIGHT
        )
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.mono = ParagraphStyle(
            "mono", parent=self.cell, fontName=MONO, fontSize=7.4, leading=9.6
        )
        self.bullet = ParagraphStyle(
            "bullet", parent=base, leftIndent=11, bulletIndent=2, spaceAfter=2
        )
        self.item = ParagraphStyle(
            "item", parent=self.small, leftIndent=11, bulletIndent=2, spaceAfter=1.5
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=p.accent,
            spaceBefore=2,
            spaceAfter=8,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=14.5,
            textColor=p.accent,
            spaceBefore=10,
            spaceAfter=5,
        )
        self.h3 = ParagraphStyle(
            "h3",
            parent=base,
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=p.ink,
            spaceBefore=9,
            spaceAfter=2,
        )
        self.finding = ParagraphStyle(
            "finding",
            parent=self.h3,
            fontSize=9.6,
            leading=12.4,
            leftIndent=24,
            firstLineIndent=-24,
            spaceBefore=10,
        )
        self.label = ParagraphStyle(
            "label",
            parent=base,
            fontName=BOLD,
            fontSize=8,
            leading=10.4,
            textColor=p.muted,
            spaceBefore=3,
            spaceAfter=1,
        )
        self.meta = ParagraphStyle(
            "meta", parent=self.small, leftIndent=24, textColor=p.muted, spaceAfter=3
        )
        self.indent = ParagraphStyle("indent", parent=base, leftIndent=24)
        self.indent_label = ParagraphStyle("indent_label", parent=self.label, leftIndent=24)
        self.indent_item = ParagraphStyle(
            "indent_item", parent=self.item, leftIndent=35, bulletIndent=26
        )
        self.cover_kicker = ParagraphStyle(
            "cover_kicker",
            parent=base,
            fontName=BOLD,
            fontSize=9,
            leading=12,
            textColor=p.muted,
            spaceAfter=6,
        )
        self.cover_title = ParagraphStyle(
            "cover_title",
            parent=base,
            fontName=BOLD,
            fontSize=22,
            leading=27,
            textColor=p.accent,
            spaceAfter=4,
            alignment=TA_LEFT,
        )
        self.cover_sub = ParagraphStyle(
            "cover_sub", parent=base, fontSize=11, leading=14, textColor=p.muted, spaceAfter=14
        )
        self.toc_title = ParagraphStyle(
            "toc_title",
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=14.5,
            textColor=p.accent,
            spaceAfter=6,
        )
        self.toc = ParagraphStyle("toc", parent=base, fontSize=9.5, leading=13)
        self.toc_sub = ParagraphStyle(
            "toc_sub", parent=self.toc, fontName=SANS, fontSize=8.4, leading=11.5
        )
        self.disclaimer = ParagraphStyle(
            "disclaimer", parent=base, fontSize=8.6, leading=12, textColor=p.ink
        )
