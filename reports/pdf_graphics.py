"""The memo's two pictures, drawn with reportlab graphics (vector, text extractable):
the severity × likelihood risk matrix and the map of the 12 challenges by framework.

They only place what the memo model decided (:attr:`Memo.matrix`,
:attr:`Memo.challenges`); cell heights grow with the number of findings they hold.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from .memo import Memo
from .pdf_styles import BOLD, SANS, Palette, Typesetter

_NUM = 7.6  # size of the finding numbers in a cell
_LINE = 9.6  # their line height
_MAX_LINES = 16  # a cell never grows past this many lines (the matrix stays on one page)


def _wrap(tokens: list[tuple[str, bool]], width: float) -> list[list[tuple[str, bool]]]:
    """Greedy wrap of (number, flagged) tokens into lines of at most ``width`` points."""
    lines: list[list[tuple[str, bool]]] = [[]]
    used = 0.0
    for text, bold in tokens:
        w = stringWidth(text + "  ", BOLD if bold else SANS, _NUM)
        if lines[-1] and used + w > width:
            lines.append([])
            used = 0.0
        lines[-1].append((text, bold))
        used += w
    if len(lines) > _MAX_LINES:  # the findings section lists them all anyway
        rest = sum(len(ln) for ln in lines[_MAX_LINES - 1 :])
        lines = lines[: _MAX_LINES - 1] + [[(f"+{rest}", False)]]
    return lines if lines[0] else []


def _text_lines(text: str, font: str, size: float, width: float, limit: int) -> list[str]:
    """Words of ``text`` wrapped to ``width``; at most ``limit`` lines (last one clipped)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1].rstrip(" ,;") + "…"
    out = []
    for ln in lines:  # a single word longer than the box: cut it
        while stringWidth(ln, font, size) > width and len(ln) > 1:
            ln = ln[:-2] + "…"
        out.append(ln)
    return out


def risk_matrix(memo: Memo, ts: Typesetter, width: float) -> Drawing:
    """Severity (rows, most severe on top) × likelihood (columns, likelier to the right)."""
    w = memo.words
    axis = 82.0
    cols = len(memo.matrix[0])
    cell_w = (width - axis) / cols
    tokens = [
        [[(n, n in cell.flagged) for n in cell.numbers] for cell in row] for row in memo.matrix
    ]
    wrapped = [[_wrap(t, cell_w - 12) for t in row] for row in tokens]
    heights = [max(46.0, 26 + max(len(c) for c in row) * _LINE) for row in wrapped]
    legend_h, foot = 16.0, 30.0
    total_h = sum(heights) + foot + legend_h
    d = Drawing(width, total_h)
    y = total_h - legend_h
    for r, row in enumerate(memo.matrix):
        h = heights[r]
        y -= h
        sev = row[0].severity
        d.add(Rect(0, y, axis - 6, h, fillColor=Palette.zebra, strokeColor=None))
        d.add(Rect(0, y, 3, h, fillColor=Palette.severity[sev], strokeColor=None))
        label = ts.plain(memo.severity_labels.get(sev, sev), one_line=True)
        d.add(
            String(
                10,
                y + h / 2 - 3,
                _text_lines(label, BOLD, 8.4, axis - 20, 1)[0],
                fontName=BOLD,
                fontSize=8.4,
                fillColor=Palette.ink,
            )
        )
        for c, cell in enumerate(row):
            x = axis + c * cell_w
            d.add(
                Rect(
                    x,
                    y,
                    cell_w,
                    h,
                    fillColor=Palette.heat[cell.level],
                    strokeColor=Palette.white,
                    strokeWidth=2,
                )
            )
            count = len(cell.numbers)
            d.add(
                String(
                    x + 7,
                    y + h - 17,
                    str(count) if count else "–",
                    fontName=BOLD,
                    fontSize=12,
                    fillColor=Palette.ink if count else Palette.muted,
                )
            )
            ty = y + h - 30
            for line in wrapped[r][c]:
                tx = x + 7
                for text, bold in line:
                    d.add(
                        String(
                            tx,
                            ty,
                            text,
                            fontName=BOLD if bold else SANS,
                            fontSize=_NUM,
                            fillColor=Palette.ink if bold else Palette.muted,
                        )
                    )
                    tx += stringWidth(text + "  ", BOLD if bold else SANS, _NUM)
                ty -= _LINE
    for c, cell in enumerate(memo.matrix[0]):
        label = ts.plain(
            memo.likelihood_labels.get(cell.likelihood, cell.likelihood), one_line=True
        )
        d.add(
            String(
                axis + (c + 0.5) * cell_w,
                foot - 13,
                label,
                fontName=BOLD,
                fontSize=8.4,
                fillColor=Palette.ink,
                textAnchor="middle",
            )
        )
    d.add(Line(axis, foot - 21, width, foot - 21, strokeColor=Palette.rule, strokeWidth=0.6))
    d.add(
        String(
            width,
            foot - 29,
            ts.plain(f"{w['likelihood']} →", one_line=True),
            fontName=SANS,
            fontSize=7.4,
            fillColor=Palette.muted,
            textAnchor="end",
        )
    )
    d.add(
        String(
            0,
            foot - 13,
            ts.plain(f"{w['severity']} ↓", one_line=True),
            fontName=SANS,
            fontSize=7.4,
            fillColor=Palette.muted,
        )
    )
    legend = ts.plain(f"{w['legend_flagged']}   ·   {w['legend_to_verify']}", one_line=True)
    d.add(
        String(
            width,
            total_h - 10,
            legend,
            fontName=SANS,
            fontSize=7.4,
            fillColor=Palette.muted,
            textAnchor="end",
        )
    )
    return d


def challenge_map(memo: Memo, ts: Typesetter, width: float) -> Drawing:
    """The 12 challenges in one column per framework, coloured by status, each with the
    numbers of its findings (the memo's one view of the challenges)."""
    columns: dict[str, list] = {}
    for ch in memo.challenges:
        columns.setdefault(ch.framework, []).append(ch)
    n = max(len(columns), 1)
    gap, head_h, box_h = 5.0, 18.0, 52.0
    col_w = (width - gap * (n - 1)) / n
    rows = max((len(v) for v in columns.values()), default=0)
    total_h = head_h + rows * (box_h + gap)
    d = Drawing(width, total_h)
    for i, chs in enumerate(columns.values()):
        x = i * (col_w + gap)
        d.add(Rect(x, total_h - head_h, col_w, head_h, fillColor=Palette.accent, strokeColor=None))
        title = ts.plain(chs[0].framework_label, one_line=True)
        d.add(
            String(
                x + 6,
                total_h - head_h + 6.5,
                _text_lines(title, BOLD, 8.2, col_w - 12, 1)[0],
                fontName=BOLD,
                fontSize=8.2,
                fillColor=Palette.white,
            )
        )
        for j, ch in enumerate(chs):
            top = total_h - head_h - gap - j * (box_h + gap)
            y = top - box_h
            d.add(
                Rect(
                    x,
                    y,
                    col_w,
                    box_h,
                    fillColor=Palette.status_light[ch.tone or ch.status],
                    strokeColor=None,
                )
            )
            d.add(
                Rect(
                    x,
                    y,
                    3.5,
                    box_h,
                    fillColor=Palette.status[ch.tone or ch.status],
                    strokeColor=None,
                )
            )
            ty = top - 11
            for line in _text_lines(ts.plain(ch.label, one_line=True), BOLD, 7.6, col_w - 14, 3):
                d.add(String(x + 8, ty, line, fontName=BOLD, fontSize=7.6, fillColor=Palette.ink))
                ty -= 9.2
            status = ts.plain(ch.status_label, one_line=True)
            d.add(
                String(
                    x + 8,
                    y + 13,
                    _text_lines(status, BOLD, 7.2, col_w - 14, 1)[0],
                    fontName=BOLD,
                    fontSize=7.2,
                    fillColor=Palette.status[ch.tone or ch.status],
                )
            )
            if ch.numbers:
                numbers = ", ".join(ch.numbers)
                d.add(
                    String(
                        x + 8,
                        y + 4.5,
                        _text_lines(numbers, SANS, 6.8, col_w - 14, 1)[0],
                        fontName=SANS,
                        fontSize=6.8,
                        fillColor=Palette.muted,
                    )
                )
    return d
