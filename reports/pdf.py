"""The risk memo as a PDF a lawyer can sign (reportlab), after pretix's renderer.

:class:`MemoRenderer` holds the page templates, fonts and styles; :meth:`generate`
returns the PDF's bytes. The memo's content comes from :mod:`reports.memo`: this module
only lays it out. Same memo, same bytes: reportlab's invariant mode, a creation date
fixed to the date of assessment, and no dependence on hash order.
"""

from __future__ import annotations

import functools
import io

from reportlab import rl_config
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
)

from advisor.textsafe import one_line

from .memo import Memo
from .pdf_flowables import MemoCanvas
from .pdf_remedies import BackSections
from .pdf_sections import FrontSections
from .pdf_styles import BOLD, SANS, MemoStyles, Page, Palette, Typesetter, register_fonts

_PDF_LANG = {"fr": "fr-FR", "en": "en-GB"}


class MemoRenderer:
    """Lays a :class:`~reports.memo.Memo` out on A4 pages."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.page = Page()
        self.ts = Typesetter(memo.lang, register_fonts())
        self.styles = MemoStyles()

    # ---- page furniture ---------------------------------------------------------------

    def furniture(self, canv: MemoCanvas, total: int) -> None:
        """Running header (from page 2) and footer with "page X / Y"."""
        pg, w, ts = self.page, self.memo.words, self.ts
        number = canv.getPageNumber()
        canv.saveState()
        canv.setStrokeColor(Palette.rule)
        canv.setLineWidth(0.5)
        if number > 1:
            y = pg.height - pg.top + 9
            title = ts.plain(self.memo.title, one_line=True)
            canv.setFont(SANS, 7.5)
            canv.setFillColor(Palette.muted)
            title_w = canv.stringWidth(title, SANS, 7.5)
            canv.drawRightString(pg.width - pg.right, y, title)
            canv.setFont(BOLD, 7.5)
            canv.setFillColor(Palette.accent)
            canv.drawString(
                pg.left, y, ts.clip(self.memo.alliance, BOLD, 7.5, pg.frame_width - title_w - 16)
            )
            canv.line(pg.left, y - 4, pg.width - pg.right, y - 4)
        y = pg.bottom - 11
        canv.line(pg.left, y + 9, pg.width - pg.right, y + 9)
        canv.setFont(SANS, 7.5)
        canv.setFillColor(Palette.muted)
        canv.drawString(pg.left, y, ts.plain(w["confidential"], one_line=True))
        canv.drawRightString(pg.width - pg.right, y, w.text("page_of", page=number, pages=total))
        canv.restoreState()

    # ---- document -----------------------------------------------------------------------

    def story(self) -> list:
        front = FrontSections(self.memo, self.ts, self.styles, self.page)
        back = BackSections(self.memo, self.ts, self.styles, self.page)
        body = (
            front.summary()
            + front.questions()
            + front.matrix()
            + front.findings()
            + back.recommendations()
            + back.advocacy()
        )
        last = back.facts() + back.annex()
        pg = self.page
        closing = _with_last_section(
            body, last, back.signature(), pg.frame_width, pg.height - pg.top - pg.bottom
        )
        return closing + back.technical()

    def generate(self) -> bytes:
        """The memo as PDF bytes."""
        m, pg = self.memo, self.page
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(pg.width, pg.height),
            leftMargin=pg.left,
            rightMargin=pg.right,
            topMargin=pg.top,
            bottomMargin=pg.bottom,
            title=one_line(f"{m.title} — {m.alliance}", 300),
            author=one_line(m.signature.adviser or m.signature.firm or "", 300),
            subject=one_line(" ".join(m.opinion), 500),
            creator=m.tool,
            keywords=[k.strip() for k in m.words["keywords"].split(",")],
            lang=_PDF_LANG.get(m.lang, m.lang),
            invariant=1,
            displayDocTitle=1,
            initialFontName=SANS,
        )
        frame = Frame(
            pg.left,
            pg.bottom,
            pg.frame_width,
            pg.height - pg.top - pg.bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="memo", frames=[frame])])
        maker = functools.partial(MemoCanvas, furniture=self.furniture, created=m.as_of)
        # Streams are zlib-compressed; ASCII85 on top only makes them 25 % larger and
        # costs time (pure Python without rl_accel). The setting is read when saving.
        a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            doc.build(self.story(), canvasmaker=maker)
        finally:
            rl_config.useA85 = a85
        return buffer.getvalue()


def render_pdf(memo: Memo) -> bytes:
    """The risk memo as PDF bytes (same memo, same bytes)."""
    return MemoRenderer(memo).generate()


#: How many of the body's last paragraphs move on with the closing box at most, and the
#: height (points) of a last table short enough to move with it.
_TAIL = 4
_SHORT_TABLE = 160


def _with_last_section(body: list, last: list, closing: list, width: float, height: float) -> list:
    """The body, its last section (the facts) and the closing. A last section that fits on
    one page with the closing is kept on one page with it: its heading never ends a page
    apart from its table, and the closing never sits on a near-empty page with a list's
    last lines. A longer one flows, the closing kept with its last paragraphs."""
    kept = [x for x in [*last, *closing] if not isinstance(x, CondPageBreak)]
    tall = sum(_height(x, width, height) for x in kept)
    if last and tall <= height - 12:
        return [*body, KeepTogether(kept)]
    return _with_closing(body + last, closing, width)


def _height(x, width: float, height: float) -> float:
    """A flowable's height with its spacing, before the build (a group: its parts)."""
    if isinstance(x, KeepTogether):  # it wraps only on a canvas: its parts do without
        return sum(_height(y, width, height) for y in x._content)
    return x.wrap(width, height)[1] + x.getSpaceBefore() + x.getSpaceAfter()


def _with_closing(body: list, closing: list, width: float) -> list:
    """The body, then the closing (the disclaimer box or the signature), kept on one page
    with the body's last paragraphs (a list's last items and its label) or its last table
    when short: the closing never opens a page of its own. Layout only: which flowables,
    not what they say."""
    body = list(body)
    tail: list = []
    while body and len(tail) < _TAIL and isinstance(body[-1], Paragraph):
        tail.insert(0, body.pop())
    if not tail and body and isinstance(body[-1], Table):
        if body[-1].wrap(width, 10_000)[1] <= _SHORT_TABLE:
            tail.append(body.pop())
    if not tail:
        return body + closing
    kept = [x for x in closing if not isinstance(x, CondPageBreak)]
    return [*body, KeepTogether([*tail, *kept])]
