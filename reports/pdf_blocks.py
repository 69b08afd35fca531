"""Building blocks shared by the PDF memo's section writers: escaped paragraphs, internal
links, headings that are bookmarks, tables and boxes in the memo's style."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from .memo import Memo
from .pdf_flowables import Heading
from .pdf_styles import MemoStyles, Page, Palette, Typesetter

Story = list[Flowable]


def hexcolour(colour) -> str:
    return "#" + colour.hexval()[2:]


class Blocks:
    """Helpers shared by the section writers: paragraphs, links, headings, tables."""

    def __init__(self, memo: Memo, ts: Typesetter, styles: MemoStyles, page: Page):
        self.memo, self.ts, self.st, self.page = memo, ts, styles, page
        self.w = memo.words
        self.fr = memo.lang == "fr"
        self.colon = "&nbsp;:" if self.fr else ":"
        self.sep = "&nbsp;; " if self.fr else "; "

    def e(self, text: object) -> str:
        return self.ts.para(text)

    def p(self, text: object, style=None) -> Paragraph:
        return Paragraph(self.e(text), style or self.st.body)

    def pm(self, markup: str, style=None) -> Paragraph:
        return Paragraph(markup, style or self.st.body)

    def link(self, markup: str, key: str, colour=Palette.link) -> str:
        return f'<a href="#{key}" color="{hexcolour(colour)}">{markup}</a>'

    def numbers(self, numbers: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.link(n, f"finding-{n}") for n in numbers) or "—"

    def url(self, markup: str, url: str | None) -> str:
        if not url or not url.startswith(("https://", "http://")):
            return markup
        href = escape(self.ts.plain(url, one_line=True), {'"': "&quot;"})
        return f'<a href="{href}" color="{hexcolour(Palette.link)}">{markup}</a>'

    def references(self, refs) -> str:
        """Citations joined by semicolons, each kept whole (no break inside a token)."""
        return self.sep.join(self.url(self.e(text), url) for text, url in refs)

    def heading(
        self,
        text: str,
        style,
        key: str,
        level: int,
        prefix: str = "",
        room: float = 0,
        suffix: str = "",
        outline: str | None = None,
    ) -> Story:
        """A heading that never ends a page: it moves on unless ``room`` points (or
        three lines of text) are left below it."""
        shown = self.ts.plain(outline or text, one_line=True)
        shown = shown if len(shown) <= 140 else shown[:139] + "…"
        return [
            CondPageBreak(room or style.leading + style.spaceBefore + 3 * 12.6),
            Heading(prefix + self.e(text) + suffix, style, key, shown, level),
        ]

    def section_heading(self, key: str, room: float = 0) -> Story:
        s = self.memo.section(key)
        return self.heading(s.title, self.st.h1, s.key, 0, room=room)

    def label(self, text: str, style=None, room: float = 40) -> Story:
        """A small label over a list or a table, kept with its first lines."""
        return [CondPageBreak(room), self.p(text, style or self.st.label)]

    def run_in(self, label: str, markup: str, style=None) -> Paragraph:
        """``Label.`` in bold, then the text, in one paragraph (legal memo style); a label
        that is a question keeps its question mark."""
        stop = "" if label.rstrip().endswith(("?", "!", ":", ".")) else "."
        return self.pm(f"<b>{self.e(label)}{stop}</b> {markup}", style or self.st.indent)

    def table(
        self,
        rows: list[list],
        widths: list[float],
        *,
        header: bool = True,
        extra: list | None = None,
    ) -> Table:
        # Rows split between pages; a row is split *inside* only when a cell holds a very
        # long text (a 20,000-character answer would not fit on any page), since
        # reportlab then also splits ordinary rows, and less neatly.
        huge = any(len(getattr(cell, "text", "")) > 1500 for row in rows for cell in row)
        t = Table(
            rows,
            colWidths=widths,
            repeatRows=1 if header else 0,
            splitInRow=1 if huge else 0,
            hAlign="LEFT",
        )
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, Palette.rule),
        ]
        if header:
            cmds += [
                ("BACKGROUND", (0, 0), (-1, 0), Palette.accent),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, Palette.accent),
            ]
        t.setStyle(TableStyle(cmds + (extra or [])))
        t.spaceBefore, t.spaceAfter = 2, 8
        return t

    def head_row(self, *labels: str) -> list[Paragraph]:
        return [self.p(x, self.st.cell_head) for x in labels]

    def boxed(self, markup: str, tone: str = "accent") -> Table:
        """A paragraph in a tinted box with a coloured rule on its left."""
        fill, rule = {
            "accent": (Palette.accent_light, Palette.accent),
            "to_verify": (Palette.status_light["to_verify"], Palette.status["to_verify"]),
            "clear": (Palette.status_light["clear"], Palette.status["clear"]),
        }[tone]
        t = Table([[self.pm(markup, self.st.small)]], colWidths=[self.page.frame_width])
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), fill),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, rule),
                ]
            )
        )
        t.spaceBefore, t.spaceAfter = 2, 6
        return t
