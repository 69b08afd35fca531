"""The memo's story, second half: recommendations (with the note's two remedies, their
clause checklist, conditions table, conflicts and status), facts to verify, the annex of
answers and provenance, and the disclaimer."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from advisor.findings import RecommendationOut

from .pdf_sections import Blocks, Story, hexcolour
from .pdf_styles import Palette
from .typography import shorten


class BackSections(Blocks):
    """Recommendations, facts to verify, annex and disclaimer."""

    def recommendations(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        story: Story = [
            PageBreak(),
            *self.heading(m.sections[3].title, st.h1, "recommendations", 0),
        ]
        if not m.remedies:
            return story + [self.p(w["no_recommendations"])]
        if m.note_remedies:
            story += self.heading(w["note_remedies"], st.h2, "note-remedies", 1, room=120)
            for r in m.note_remedies:
                story += self.remedy(r)
        if m.other_remedies:
            story += self.heading(w["other_remedies"], st.h2, "other-remedies", 1, room=120)
            for r in m.other_remedies:
                story += self.remedy(r)
        return story

    def remedy(self, r: RecommendationOut) -> Story:
        st, w = self.st, self.w
        mr = self.memo.remedy(r.id)
        story: Story = self.heading(r.title, st.h3, mr.anchor, 2, room=90)
        d = r.details
        if d and d.get("enacted") is False:
            note = f" {self.e(d['status_note'])}" if d.get("status_note") else ""
            story.append(
                self._boxed(
                    f'<font color="{hexcolour(Palette.status["to_verify"])}"><b>'
                    f"{self.e(w['not_enacted'])}.</b></font>{note}"
                )
            )
        story.append(self.p(r.summary))
        if r.why:
            story.append(self.run_in(w["why"], self.e(r.why), st.body))
        if mr.numbers:
            story.append(self.run_in(w["answers_findings"], self.numbers(mr.numbers), st.body))
        if d.get("conflicts"):
            story += self.label(w["conflicts"])
            for c in d["conflicts"]:
                state = w.get(f"conflict_{c.get('state')}", c.get("state", ""))
                colour = hexcolour(
                    Palette.status["flagged" if c.get("state") == "present" else "to_verify"]
                )
                story.append(
                    Paragraph(
                        f'<font color="{colour}"><b>[{self.e(state)}]</b></font> '
                        f"{self.e(c.get('text', ''))}",
                        st.item,
                        bulletText="!",
                    )
                )
        if d.get("clauses"):
            story += self._clauses(d["clauses"])
        if d.get("conditions"):
            story += self._conditions(d)
        if r.references:
            refs = [
                self.url(self.e(ref.text), ref.url)
                + (f" ({self.e(w['unverified'])})" if ref.unverified else "")
                for ref in r.references
            ]
            sep = "\u00a0; " if self.memo.lang == "fr" else "; "
            story.append(self.run_in(w["references"], sep.join(refs), st.body))
        return story

    def _boxed(self, markup: str) -> Table:
        t = Table([[self.pm(markup, self.st.small)]], colWidths=[self.page.frame_width])
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), Palette.status_light["to_verify"]),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, Palette.status["to_verify"]),
                ]
            )
        )
        t.spaceAfter = 6
        return t

    def _clauses(self, clauses: list[dict]) -> Story:
        st, w = self.st, self.w
        width = self.page.frame_width
        rows = [self.head_row(w["clause"], w["content"], w["answers_challenges"], w["basis"])]
        for cl in clauses:
            content = self.e(cl.get("content", ""))
            numbers = self._numbers_of(cl.get("findings", []))
            if numbers:
                content += (
                    f'<br/><font color="{hexcolour(Palette.muted)}">'
                    f"{self.e(w['answers_findings'])}&nbsp;: </font>" + self.numbers(numbers)
                )
            rows.append(
                [
                    self.p(cl.get("title", ""), st.cell_bold),
                    self.pm(content, st.cell),
                    self.p(", ".join(cl.get("answers", [])), st.cell),
                    self.p(cl.get("basis") or "—", st.cell),
                ]
            )
        return [
            *self.label(w["clauses"], room=110),
            self.table(rows, [34 * mm, width - 106 * mm, 34 * mm, 38 * mm]),
        ]

    def _conditions(self, d: dict) -> Story:
        st, w = self.st, self.w
        width = self.page.frame_width
        q = d.get("qualifies")
        story: Story = [
            self.run_in(
                w["qualifies"].rstrip(" ?"), f"<b>{self.e(w.get(f'qualifies_{q}', q))}</b>", st.body
            )
        ]
        rows = [self.head_row(w["condition"], w["state"], w["unknowns"])]
        for c in d["conditions"]:
            state = c.get("state", "unknown")
            colour = hexcolour(
                Palette.status[{"met": "clear", "missing": "flagged"}.get(state, "to_verify")]
            )
            rows.append(
                [
                    self.p(c.get("label", ""), st.cell),
                    self.pm(
                        f'<font color="{colour}"><b>'
                        f"{self.e(w.get(f'state_{state}', state))}</b></font>",
                        st.cell,
                    ),
                    self.p(", ".join(c.get("unknown", [])) or "—", st.cell),
                ]
            )
        story += [
            *self.label(w["conditions"], room=90),
            self.table(rows, [width - 90 * mm, 26 * mm, 64 * mm]),
        ]
        if d.get("local_note"):
            story.append(Spacer(1, 3))
            story.append(self.p(d["local_note"], st.small))
        return story

    def _numbers_of(self, rule_ids: list[str]) -> list[str]:
        number_of = {mf.finding.rule_id: mf.number for mf in self.memo.findings}
        return sorted((number_of[r] for r in rule_ids if r in number_of), key=lambda n: int(n[1:]))

    def to_verify(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        story: Story = [
            PageBreak(),
            *self.heading(m.sections[4].title, st.h1, "to_verify_title", 0),
        ]
        if not m.questions:
            return story + [self.p(w["no_to_verify"])]
        story.append(self.p(w["to_verify_intro"]))
        width = self.page.frame_width
        rows = [self.head_row(w["number"], w["question"], w["fact"], w["settles"])]
        for i, q in enumerate(m.questions, start=1):
            rows.append(
                [
                    self.p(f"Q{i}", st.cell_bold),
                    self.p(q.text, st.cell),
                    self.p(shorten(q.about, 200), st.cell),
                    self.pm(self.numbers(q.numbers), st.cell),
                ]
            )
        story.append(self.table(rows, [11 * mm, width - 95 * mm, 50 * mm, 34 * mm]))
        return story

    def annex(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        width = self.page.frame_width
        story: Story = [
            PageBreak(),
            *self.heading(m.sections[5].title, st.h1, "annex", 0),
            *self.heading(w["answers"], st.h2, "answers", 1, room=90),
        ]
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
        story += self.heading(w["provenance"], st.h2, "provenance", 1, room=150)
        prov = [
            [self.p(k, st.cell_bold), Paragraph(self.e(v), st.mono if v.isascii() else st.cell)]
            for k, v in m.provenance.items()
        ]
        story.append(KeepTogether(self.table(prov, [62 * mm, width - 62 * mm], header=False)))
        return story

    def disclaimer(self) -> Story:
        m, st = self.memo, self.st
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
        return [
            Spacer(1, 6 * mm),
            KeepTogether([*self.heading(m.sections[6].title, st.h2, "disclaimer_title", 0), box]),
        ]
