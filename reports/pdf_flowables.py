"""The memo's canvas and its few custom flowables.

:class:`MemoCanvas` holds every page back until the end (pretix's numbered canvas) so that
the running header and footer can say "page X / Y" in one layout pass. Headings bind a
bookmark and an outline entry (the finding's number for a finding) when drawn.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from hashlib import md5

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph


class MemoCanvas(Canvas):
    """A canvas that draws the page furniture once the number of pages is known."""

    def __init__(
        self,
        *args,
        furniture: Callable[[MemoCanvas, int], None],
        created: dt.date | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[dict] = []
        self.section_pages: dict[str, int] = {}
        """The page each heading's key first appears on."""
        self.showOutline()
        if created is not None:
            _fix_creation_date(self, created)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        # Bookmarks name their page after the document's page counter: advance it as a
        # real showPage would, and rewind it before the pages are really written.
        self._doc.pageCounter += 1
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        self._doc.pageCounter = 1
        for state in self._held:
            self.__dict__.update(state)
            self._furniture(self, total)
            Canvas.showPage(self)
        Canvas.save(self)


def _fix_creation_date(canv: Canvas, day: dt.date) -> None:
    """Date the PDF on ``day`` (00:00 UTC) whatever SOURCE_DATE_EPOCH says, so that the
    same assessment gives the same bytes; the document id is re-seeded to match."""
    doc = canv._doc
    stamp = getattr(doc, "_timeStamp", None)
    if stamp is None or getattr(doc, "_ID", None):
        return
    t = float(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    stamp.t = t
    stamp.lt = time.gmtime(t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    sig = md5(usedforsecurity=False)
    sig.update(b"a reportlab document")
    sig.update(ascii(t).encode())
    doc.signature = sig


class Heading(Paragraph):
    """A heading that is also a bookmark and an outline entry.

    A heading too long for one page (a 10,000-character partner name) splits like any
    paragraph; only its first part carries the bookmark.
    """

    def __init__(self, markup, style, key: str = "", outline: str = "", level: int = 0, **kwargs):
        super().__init__(markup, style, **kwargs)
        self.key = key
        self.outline = outline
        self.level = level

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        parts = super().split(availWidth, availHeight)
        if parts:
            first = parts[0]
            first.key, first.outline, first.level = self.key, self.outline, self.level
        return parts

    def draw(self) -> None:
        canv = self.canv
        if self.key:
            canv.bookmarkHorizontal(self.key, 0, self.height + 6)
            canv.addOutlineEntry(self.outline, self.key, self.level, closed=self.level >= 1)
            pages = getattr(canv, "section_pages", None)
            if pages is not None:
                pages.setdefault(self.key, canv.getPageNumber())
        super().draw()


class AtPageTop(Flowable):
    """A line shown only when it falls at the top of a page (« Questions pour le client
    (suite) » over a group of questions carried over), and nothing elsewhere."""

    def __init__(self, inner: Paragraph):
        super().__init__()
        self.inner = inner
        self._show = False

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        self._show = bool(frame is not None and getattr(frame, "_atTop", 0))
        if not self._show:
            return 0, 0
        return self.inner.wrap(aW, aH)

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return 0

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceAfter() if self._show else 0

    def draw(self) -> None:
        if self._show:
            self.inner.drawOn(self.canv, 0, 0)
