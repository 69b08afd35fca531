"""The memo's story, second half: recommendations (one table of actions and measures,
with who acts and when; the societal R&D agreement with its clause checklist), the experimentation right to
advocate, the facts relied on, the optional annex of answers, the signature block (or the
disclaimer when no adviser signs) and the technical annex."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .pdf_blocks import Blocks, Story, hexcolour
from .pdf_styles import Palette
from .typography import shorten


def _ids(ids: list[str] | tuple[str, ...], style, avail: float) -> str:
    """Rule ids as Paragraph markup, one a line; an id wider than ``avail`` points is cut
    after a dot or a hyphen (as many times as needed), its pieces on lines of their own."""
    lines: list[str] = []
    for rid in ids:
        pieces = re.findall(r"[^.\-]+[.\-]?", rid) or [rid]
        line = ""
        for piece in pieces:
            wide = stringWidth(line + piece, style.fontName, style.fontSize) > avail
            if line and wide:
                lines.append(line)
                line = ""
            line += piece
        lines.append(line)
    return "<br/>".join(escape(x) for x in lines)


class BackSections(Blocks):
    """Recommendations, advocacy, facts, annex, signature and technical annex."""

    def recommendations(self) -> Story:
        m, w = self.memo, self.w
        story: Story = [CondPageBreak(200), *self.section_heading("recommendations")]
        if not (m.rd or m.measures or m.actions):
            return story + [self.p(w["no_recommendations"])]
        if m.actions:
            story += self.action_plan()
        if m.rd:
            story += self.rd_convention()
        return story

    def action_plan(self) -> Story:
        """One table: the action (or measure), who acts, when, and the risks it answers."""
        m, st, w = self.memo, self.st, self.w
        width = self.page.frame_width
        muted = hexcolour(Palette.muted)
        rows = [self.head_row(w["number"], w["action"], w["who"], w["when"], w["risks"])]
        for x in m.actions:
            # A measure folded into an action's row keeps its anchor there (page 1 links it).
            anchors = "".join(f'<a name="{k}"/>' for k in (x.anchor, x.key, x.folded) if k)
            text = self.e(x.text)
            if x.title:
                text = f"<b>{self.e(x.title)}.</b> {text}"
            if x.references:
                text += (
                    f'<br/><font color="{muted}">{self.e(w["basis"])}{self.colon} '
                    f"{self.references(x.references)}</font>"
                )
            rows.append(
                [
                    self.pm(f"{anchors}{x.number}", st.cell_bold),
                    self.pm(text, st.cell),
                    self.p(x.who, st.cell),
                    self.p(x.when, st.cell),
                    self.pm(self.numbers(x.numbers), st.cell),
                ]
            )
        return [
            *self.heading(w["actions"], st.h2, "actions", 1, room=100),
            self.table(rows, [10 * mm, width - 86 * mm, 32 * mm, 28 * mm, 16 * mm]),
        ]

    def rd_convention(self) -> Story:
        rd, st, w = self.memo.rd, self.st, self.w
        assert rd is not None
        width = self.page.frame_width
        story: Story = self.heading(rd.title, st.h2, rd.anchor, 1, room=140)
        story.append(self.boxed(f"<b>{self.e(rd.nature)}.</b> {self.e(rd.nature_text)}", "clear"))
        story.append(self.p(rd.summary))
        if rd.numbers:
            story.append(self.run_in(w["answers_findings"], self.numbers(rd.numbers), st.body))
        if rd.conflicts:
            story += self.label(w["conflicts"])
            for c in rd.conflicts:
                colour = hexcolour(Palette.status["flagged" if c.present else "to_verify"])
                story.append(
                    Paragraph(
                        f'<font color="{colour}"><b>{self.e(c.label)}{self.colon}</b></font> '
                        f"{self.e(c.text)}",
                        st.item,
                        bulletText="•",
                    )
                )
        if rd.clauses:
            muted = hexcolour(Palette.muted)
            rows = [self.head_row(w["clause"], w["content"], w["answers_findings"])]
            for cl in rd.clauses:
                content = self.e(cl.content)
                if cl.basis:
                    content += (
                        f'<br/><font color="{muted}">{self.e(w["basis"])}{self.colon} '
                        f"{self.e(cl.basis)}</font>"
                    )
                rows.append(
                    [
                        self.p(cl.title, st.cell_bold),
                        self.pm(content, st.cell),
                        self.pm(self.numbers(cl.numbers), st.cell),
                    ]
                )
            story += [
                *self.label(w["clauses"], room=110),
                self.table(rows, [36 * mm, width - 56 * mm, 20 * mm]),
            ]
        if rd.references:
            story.append(self.run_in(w["references"], self.references(rd.references), st.body))
        if rd.see_also:
            story.append(self.run_in(w["see_also"], self.references(rd.see_also), st.body))
        return story

    def advocacy(self) -> Story:
        xp, st, w = self.memo.advocacy, self.st, self.w
        if xp is None:
            return []
        width = self.page.frame_width
        story: Story = [*self.section_heading("advocacy", room=200)]
        story.append(
            self.boxed(f"<b>{self.e(xp.status_title)}.</b> {self.e(xp.status_note)}", "to_verify")
        )
        story.append(self.p(xp.summary))
        story.append(self.run_in(xp.today_title, self.e(xp.today), st.body))
        story.append(self.run_in(w["qualifies"], self.e(xp.qualifies), st.body))
        rows = [self.head_row(w["condition"], w["state"])]
        for c in xp.conditions:
            tone = {"met": "clear", "missing": "flagged"}.get(c.state, "to_verify")
            colour = hexcolour(Palette.status[tone])
            rows.append(
                [
                    self.p(c.label, st.cell),
                    self.pm(
                        f'<font color="{colour}"><b>{self.e(c.state_label)}</b></font>', st.cell
                    ),
                ]
            )
        # The conditions' label, their table and the legal basis under it move on together:
        # the basis never opens a page on its own.
        block: Story = [
            self.p(w["conditions"], st.label),
            self.table(rows, [width - 34 * mm, 34 * mm]),
        ]
        if xp.references:
            block.append(self.run_in(w["references"], self.references(xp.references), st.body))
        if xp.see_also:
            block.append(self.run_in(w["see_also"], self.references(xp.see_also), st.body))
        story.append(KeepTogether(block))
        return story

    def facts(self) -> Story:
        f, st, w = self.memo.facts, self.st, self.w
        width = self.page.frame_width
        story: Story = [CondPageBreak(220), *self.section_heading("facts")]
        story.append(self.p(w["facts_intro"]))
        for label, value in (
            (w["purpose"], f.purpose),
            (w["duration"], f.duration),
            (w["territory"], f.territory),
        ):
            if value:
                story.append(self.run_in(label, self.e(value), st.body))
        if f.partners:
            rows = [self.head_row(w["partner"], w["nature"], w["role"])]
            rows += [
                [self.p(p.name, st.cell_bold), self.p(p.nature, st.cell), self.p(p.role, st.cell)]
                for p in f.partners
            ]
            story.append(self.table(rows, [62 * mm, 30 * mm, width - 92 * mm]))
        if f.vehicle:
            story.append(self.run_in(w["vehicle"], self.e(f.vehicle), st.body))
        if f.flows:
            story += self.label(w["flows"])
            story += [Paragraph(self.e(x), st.item, bulletText="•") for x in f.flows]
        if f.warnings:
            story += self.label(w["odd_facts"])
            story += [Paragraph(self.e(x), st.item, bulletText="•") for x in f.warnings]
        if self.memo.assumptions:
            story += self.heading(w["assumptions"], st.h3, "assumptions", 1, room=80)
            story.append(self.p(w["assumptions_intro"], st.small))
            muted = hexcolour(Palette.muted)
            for x in self.memo.assumptions:
                text = f"<b>{self.e(x.label)}</b>"
                if x.shown:
                    text += f"{self.colon} {self.e(x.shown)}"
                if x.basis:
                    text += f' <font color="{muted}">({self.e(x.basis)})</font>'
                if x.question:
                    text += f"<br/>{self.e(self.memo.to_confirm or w['to_confirm'])}{self.colon} {self.e(x.question)}"
                story.append(Paragraph(text, st.item, bulletText="•"))
        return story

    def annex(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        if not m.has("annex"):
            return []
        width = self.page.frame_width
        story: Story = [CondPageBreak(300), *self.section_heading("annex")]
        rows = [self.head_row(w["question"], w["entry"], w["answer"])]
        spans, section = [], None
        for ln in m.answers:
            if ln.section != section:
                section = ln.section
                spans += [
                    ("SPAN", (0, len(rows)), (-1, len(rows))),
                    ("BACKGROUND", (0, len(rows)), (-1, len(rows)), Palette.accent_light),
                ]
                rows.append([self.p(section, st.cell_bold), "", ""])
            rows.append(
                [
                    self.p(ln.question, st.cell),
                    self.p(shorten(ln.entry), st.cell),
                    self.p(ln.answer, st.cell_bold if ln.answer != w["unknown"] else st.cell),
                ]
            )
        story.append(self.table(rows, [width - 95 * mm, 40 * mm, 55 * mm], extra=spans))
        return story

    def signature(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        sig = m.signature
        if m.disclaimer:
            box = Table([[self.p(m.disclaimer, st.disclaimer)]], colWidths=[self.page.frame_width])
            box.setStyle(
                TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 0.8, Palette.accent),
                        ("BACKGROUND", (0, 0), (-1, -1), Palette.accent_light),
                        ("LEFTPADDING", (0, 0), (-1, -1), 9),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                        ("TOPPADDING", (0, 0), (-1, -1), 7),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                    ]
                )
            )
            # The heading never stays alone at a page's foot: it moves on with its box.
            title = w["disclaimer_title"]
            return [
                Spacer(1, 6 * mm),
                CondPageBreak(box.wrap(self.page.frame_width, 1000)[1] + 40),
                *self.heading(title, st.h2, "signature", 0),
                box,
                Spacer(1, 6 * mm),
            ]
        lines = [w.text("signed_at", date=sig.date_text)]
        lines += [x for x in (sig.adviser, sig.firm, sig.addressed) if x]
        block = [self.p(line, st.body) for line in lines]
        block.append(Spacer(1, 16 * mm))
        return [Spacer(1, 8 * mm), KeepTogether(block)]

    def technical(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        width = self.page.frame_width
        # For the adviser only: on a page of its own, apart from what the client reads.
        story: Story = [PageBreak(), *self.section_heading("technical")]
        story.append(self.p(self.memo.technical_intro, st.muted))
        rows = [self.head_row(w["number"], w["rule"], w["source"])]
        for row in m.technical:
            rows.append(
                [
                    self.p(row.number, st.cell_bold),
                    # One rule a line, each broken (when too long) at a dot or a hyphen,
                    # never inside a word, and no line opening on a comma.
                    [self.pm(_ids(row.rule_ids, st.mono, width - 68 * mm - 8), st.mono)]
                    + ([self.p(row.unverified, st.muted)] if row.unverified else []),
                    # A file name breaks after its folder, never inside a word.
                    self.pm(self.e(row.source).replace("/", "/<br/>", 1), st.mono),
                ]
            )
        story.append(self.table(rows, [12 * mm, width - 68 * mm, 56 * mm]))
        prov = [
            [self.p(k, st.cell_bold), Paragraph(self.e(v), st.mono if v.isascii() else st.cell)]
            for k, v in m.provenance
        ]
        story.append(KeepTogether(self.table(prov, [62 * mm, width - 62 * mm], header=False)))
        return story
