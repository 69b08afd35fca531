"""The memo's story, section by section: cover and contents, executive summary, risk
matrix and findings (recommendations and the rest are in :mod:`reports.pdf_remedies`).

Each method lays out what the memo model holds; every text goes through the typesetter.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .memo import Memo, MemoFinding
from .pdf_flowables import Heading, TocLine
from .pdf_graphics import challenge_map, risk_matrix
from .pdf_styles import BOLD, SANS, MemoStyles, Page, Palette, Typesetter
from .typography import shorten

Story = list[Flowable]


def hexcolour(colour) -> str:
    return "#" + colour.hexval()[2:]


class Blocks:
    """Helpers shared by the section writers: paragraphs, links, headings, tables."""

    def __init__(self, memo: Memo, ts: Typesetter, styles: MemoStyles, page: Page):
        self.memo, self.ts, self.st, self.page = memo, ts, styles, page
        self.w = memo.words

    def e(self, text: object) -> str:
        return self.ts.para(text)

    def p(self, text: object, style=None) -> Paragraph:
        return Paragraph(self.e(text), style or self.st.body)

    def pm(self, markup: str, style=None) -> Paragraph:
        return Paragraph(markup, style or self.st.body)

    def link(self, markup: str, key: str, colour=Palette.link) -> str:
        return f'<a href="#{key}" color="{hexcolour(colour)}">{markup}</a>'

    def numbers(self, numbers: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.link(n, f"finding-{n}") for n in numbers) or self.e(self.w["none"])

    def url(self, markup: str, url: str | None) -> str:
        if not url or not url.startswith(("https://", "http://")):
            return markup
        href = escape(self.ts.plain(url, one_line=True), {'"': "&quot;"})
        return f'<a href="{href}" color="{hexcolour(Palette.link)}">{markup}</a>'

    def heading(
        self,
        text: str,
        style,
        key: str,
        level: int,
        prefix: str = "",
        room: float = 0,
        suffix: str = "",
    ) -> Story:
        """A heading that never ends a page: it moves on unless ``room`` points (or
        three lines of text) are left below it."""
        outline = self.ts.plain(text, one_line=True)
        outline = outline if len(outline) <= 140 else outline[:139] + "…"
        return [
            CondPageBreak(room or style.leading + style.spaceBefore + 3 * 12.6),
            Heading(prefix + self.e(text) + suffix, style, key, outline, level),
        ]

    def label(self, text: str, style=None, room: float = 40) -> Story:
        """A small label over a list or a table, kept with its first lines."""
        return [CondPageBreak(room), self.p(text, style or self.st.label)]

    def run_in(self, label: str, markup: str, style=None) -> Paragraph:
        """``Label.`` in bold, then the text, in one paragraph (legal memo style)."""
        return self.pm(f"<b>{self.e(label)}.</b> {markup}", style or self.st.indent)

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


class FrontSections(Blocks):
    """Cover, contents, summary, matrix and findings."""

    def cover(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        story: Story = [
            Spacer(1, 18 * mm),
            self.p(m.title.upper(), st.cover_kicker),
            self.p(m.alliance, st.cover_title),
            self.p(f"{w['as_of']} {m.date_text}", st.cover_sub),
        ]
        rows = []
        for i, (name, kind) in enumerate(m.partners or [(w["none"], "")]):
            rows.append(
                [
                    self.p(w["partners"] if i == 0 else "", st.cell_bold),
                    self.pm(
                        f"{self.e(name)}"
                        + (
                            f' <font color="{hexcolour(Palette.muted)}">— {self.e(kind)}</font>'
                            if kind
                            else ""
                        ),
                        st.cell,
                    ),
                ]
            )
        for label, value in (
            (w["prepared_for"], m.client),
            (w["prepared_by"], m.adviser),
            (w["territory"], m.territory),
            (w["date_label"], m.date_text),
            (w["language"], w["language_name"]),
        ):
            if value:
                rows.append([self.p(label, st.cell_bold), self.p(value, st.cell)])
        story.append(
            self.table(
                rows,
                [38 * mm, self.page.frame_width - 38 * mm],
                header=False,
                extra=[("LINEABOVE", (0, 0), (-1, 0), 0.8, Palette.accent)],
            )
        )
        story += [Spacer(1, 12 * mm), self.p(w["contents"], st.toc_title)]
        story += self.contents()
        story.append(PageBreak())
        return story

    def contents(self) -> Story:
        lines: Story = []
        for s in self.memo.sections:
            lines.append(
                TocLine(
                    self.ts.plain(s.title, one_line=True),
                    s.key,
                    BOLD,
                    9.5,
                    self.ts.clip,
                    colour=Palette.ink,
                    leader_colour=Palette.rule,
                )
            )
            if s.key == "findings":
                seen = []
                for g in self.memo.groups:
                    if g.framework_label not in seen:
                        seen.append(g.framework_label)
                        lines.append(
                            TocLine(
                                self.ts.plain(g.framework_label, one_line=True),
                                f"framework-{g.framework}",
                                SANS,
                                8.6,
                                self.ts.clip,
                                indent=14,
                                colour=Palette.muted,
                                leader_colour=Palette.rule,
                            )
                        )
        return lines

    def section_heading(self, key: str) -> Story:
        s = next(s for s in self.memo.sections if s.key == key)
        return self.heading(s.title, self.st.h1, s.key, 0)

    def summary(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        story: Story = [*self.section_heading("summary"), self.p(m.overview)]
        rows = [
            [self.p(w["severity"], st.cell_head)]
            + [self.p(x, st.cell_head_right) for x in (w["flagged"], w["to_verify"], w["total"])]
        ]
        for sev, flagged in m.counts["flagged"].items():
            tv = m.counts["to_verify"].get(sev, 0)
            chip = f'<font color="{hexcolour(Palette.severity[sev])}">■</font> '
            rows.append(
                [
                    self.pm(chip + self.e(m.severity_labels.get(sev, sev)), st.cell),
                    self.p(flagged, st.cell_right),
                    self.p(tv, st.cell_right),
                    self.p(flagged + tv, st.cell_right),
                ]
            )
        fl = sum(m.counts["flagged"].values())
        tv = sum(m.counts["to_verify"].values())
        rows.append(
            [
                self.p(w["total"], st.cell_bold),
                self.p(fl, st.cell_right),
                self.p(tv, st.cell_right),
                self.p(fl + tv, st.cell_right),
            ]
        )
        story += [
            *self.heading(w["counts"], st.h3, "counts", 1),
            self.table(
                rows,
                [50 * mm, 28 * mm, 28 * mm, 28 * mm],
                extra=[
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, Palette.ink),
                    ("FONTNAME", (0, -1), (-1, -1), BOLD),
                ],
            ),
        ]
        story += self.heading(w["top_risks"], st.h3, "top-risks", 1)
        if not m.top_risks:
            story.append(self.p(w["no_top_risks"]))
        for i, r in enumerate(m.top_risks, start=1):
            story.append(
                Paragraph(
                    self.link(self.e(r.sentence), r.anchor, Palette.ink),
                    st.bullet,
                    bulletText=f"{i}.",
                )
            )
        story += self.heading(w["recs_in_brief"], st.h3, "recs-in-brief", 1)
        if not m.remedies:
            story.append(self.p(w["no_recommendations"]))
        for r in m.remedies:
            story.append(
                Paragraph(
                    self.link(self.e(r.line), r.anchor, Palette.ink), st.bullet, bulletText="•"
                )
            )
        if m.notes or m.adviser_notes:
            story += self.heading(w["notes"], st.h3, "notes", 1)
            if m.adviser_notes:
                story.append(self.run_in(w["adviser_notes"], self.e(m.adviser_notes), st.body))
            for note in m.notes:
                story.append(Paragraph(self.e(note), st.item, bulletText="–"))
        return story

    def matrix(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        width = self.page.frame_width
        story: Story = [
            PageBreak(),
            *self.section_heading("matrix"),
            self.p(w["matrix_intro"]),
            risk_matrix(m, self.ts, width),
            Spacer(1, 4 * mm),
            *self.heading(w["challenges_view"], st.h2, "challenges-view", 1, room=150),
            challenge_map(m, self.ts, width),
            Spacer(1, 4 * mm),
            *self.heading(w["matrix_table"], st.h3, "challenges-table", 1, room=80),
        ]
        rows = [self.head_row(w["framework"], w["challenge"], w["status"], w["findings"])]
        for ch in m.challenges:
            colour = hexcolour(Palette.status[ch.status])
            rows.append(
                [
                    self.p(ch.framework_label, st.cell),
                    self.p(ch.label, st.cell),
                    self.pm(
                        f'<font color="{colour}"><b>{self.e(ch.status_label)}</b></font>', st.cell
                    ),
                    self.pm(self.numbers(ch.numbers) if ch.numbers else "—", st.cell),
                ]
            )
        story.append(self.table(rows, [30 * mm, 52 * mm, 28 * mm, width - 110 * mm]))
        return story

    def findings(self) -> Story:
        m, st = self.memo, self.st
        story: Story = [PageBreak(), *self.section_heading("findings")]
        if not m.groups:
            return story + [self.p(m.words["no_findings"])]
        framework = None
        for g in m.groups:
            if g.framework_label != framework:
                framework = g.framework_label
                story += self.heading(
                    g.framework_label, st.h2, f"framework-{g.framework}", 1, room=110
                )
            story += self.heading(g.challenge_label, st.h3, g.anchor, 2, room=95)
            for f in g.findings:
                story += self.finding(f)
        return story

    def finding(self, mf: MemoFinding) -> Story:
        f, st, w = mf.finding, self.st, self.w
        fr = self.memo.lang == "fr"
        colon = "&nbsp;:" if fr else ":"
        sep = "\u00a0; " if fr else "; "
        sev = hexcolour(Palette.severity[f.severity])
        status = hexcolour(Palette.status[f.status])
        muted = hexcolour(Palette.muted)
        # The severity line is part of the heading paragraph (one paragraph less per
        # finding: long memos have many).
        meta = (
            f'<br/><font name="{SANS}" size="7.6" color="{muted}">'
            f'<font color="{sev}"><b>{self.e(w["severity"])}{colon} '
            f"{self.e(mf.severity_label)}</b></font> · {self.e(w['likelihood'])}{colon} "
            f'{self.e(mf.likelihood_label)} · <font color="{status}"><b>'
            f"{self.e(mf.status_label)}</b></font> · {self.e(w['rule'])} "
            f'<font name="MemoMono" size="7">{self.e(f.rule_id)}</font></font>'
        )
        story: Story = self.heading(
            f.title,
            st.finding,
            mf.anchor,
            3,
            room=80,
            suffix=meta,
            prefix=f'<font color="{sev}">■</font>&nbsp;{mf.number}&nbsp;&nbsp;',
        )
        story.append(self.run_in(w["explanation"], self.e(f.explanation)))
        if f.evidence:
            story += self.label(w["evidence"], st.indent_label)
            for ev in f.evidence:
                entry = f" [{self.e(shorten(ev.entry))}]" if ev.entry else ""
                story.append(
                    Paragraph(
                        f"{self.e(ev.label)}{entry}{colon} <b>{self.e(ev.shown)}</b> "
                        f'<font color="{muted}">({self.e(w["test"]).lower()} '
                        f"{self.e(ev.test)})</font>",
                        st.indent_item,
                        bulletText="•",
                    )
                )
        if f.unknowns:
            story += self.label(w["unknowns"], st.indent_label)
            for u in f.unknowns:
                entry = f" [{self.e(shorten(u.entry))}]" if u.entry else ""
                asks = "".join(f"<br/>→ {self.e(q.text)}" for q in u.questions)
                story.append(
                    Paragraph(
                        f"{self.e(u.label)}{entry}{colon} <b>{self.e(w['unknown'])}</b> "
                        f'<font color="{muted}">({self.e(w["test"]).lower()} '
                        f"{self.e(u.test)})</font>{asks}",
                        st.indent_item,
                        bulletText="•",
                    )
                )
        if f.unverified:
            story.append(self.p(w["unverified_fact"], st.indent))
        if f.references:
            refs = []
            for ref in f.references:
                text = self.url(self.e(ref.text), ref.url)
                if ref.unverified:
                    text += f' <font color="{status}">({self.e(w["unverified"])})</font>'
                if ref.note:
                    text += f" — {self.e(ref.note)}"
                refs.append(text)
            story.append(self.run_in(w["references"], sep.join(refs)))
        story.append(self.run_in(w["remedies"], self.e(f.advice)))
        if mf.recommendation_titles:
            recs = sep.join(
                self.link(self.e(r.title), f"rec-{r.id}")
                for r in self.memo.recommendations
                if r.id in f.recommendations
            )
            story.append(self.run_in(w["recommendations"], recs))
        if mf.clear_options:
            joiner = f"{sep}<i>{self.e(w['or'])}</i> "
            story.append(
                self.run_in(w["clear_by"], joiner.join(self.e(opt) for opt in mf.clear_options))
            )
        return story
