"""The memo's story, first half: the synthesis (page 1), the questions for the client
(page 2), the risk map and the analysis of each risk (the rest is in
:mod:`reports.pdf_remedies`).

Each method lays out what the memo model holds; every text goes through the typesetter.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from .memo import MemoFinding
from .pdf_blocks import Blocks, Story, hexcolour
from .pdf_flowables import AtPageTop
from .pdf_graphics import challenge_map, risk_matrix
from .pdf_styles import SANS, Palette

#: The room (points) left below before each heading of the findings, else it opens the
#: next page: a finding's heading with its first lines; a challenge's heading (one line,
#: 24 points with its spacing) with a finding's room; a framework's (30 points) with a
#: challenge's.
_FINDING_ROOM = 80
_CHALLENGE_ROOM = _FINDING_ROOM + 30
_FRAMEWORK_ROOM = _CHALLENGE_ROOM + 36


class FrontSections(Blocks):
    """Synthesis, questions, risk map and findings."""

    def summary(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        story: Story = [
            self.p(w["kicker"].upper(), st.cover_kicker),
            self.p(m.alliance, st.cover_title),
            self.p(w.text("as_of", date=m.date_text), st.cover_sub),
        ]
        rows = []
        partners = ", ".join(f"{name} ({kind})" if kind else name for name, kind in m.partners)
        sig = m.signature
        client = sig.client
        if client and sig.addressee:
            client = f"{client}, {w.text('attention_of', name=sig.addressee)}"
        adviser = ", ".join(x for x in (sig.adviser, sig.firm) if x)
        for label, value in (
            (w["prepared_for"], client),
            (w["prepared_by"], adviser),
            (w["partners"], partners),
            (w["territory"], m.territory),
            (w["date_label"], m.date_text),
        ):
            if value:
                rows.append([self.p(label, st.cell_bold), self.p(value, st.cell)])
        story.append(
            self.table(
                rows,
                [32 * mm, self.page.frame_width - 32 * mm],
                header=False,
                extra=[("LINEABOVE", (0, 0), (-1, 0), 0.8, Palette.accent)],
            )
        )
        story += self.section_heading("summary", room=120)
        story.append(
            self.boxed(
                f"<b>{self.e(m.opinion_title)}.</b> " + " ".join(self.e(s) for s in m.opinion)
            )
        )
        story += self.heading(w["top_risks"], st.h3, "top-risks", 1, room=60)
        if not m.top_risks:
            story.append(self.p(w["no_top_risks"]))
        for r in m.top_risks:
            chip = f'<font color="{hexcolour(Palette.severity[r.finding.severity])}">■</font>'
            story.append(
                Paragraph(
                    f"{chip} {self.link(r.number, r.anchor)}&nbsp; {self.e(r.line)}",
                    st.bullet,
                )
            )
        story += self.heading(w["priorities"], st.h3, "priorities", 1, room=60)
        if m.priorities:
            muted = hexcolour(Palette.muted)
            for x in m.priorities:
                story.append(
                    Paragraph(
                        f"{self.link(x.number, x.anchor)}&nbsp; {self.e(x.text)} "
                        f'<font color="{muted}">— {self.e(x.who)}, {self.e(x.when)}</font>',
                        st.bullet,
                    )
                )
        else:
            story += self.priorities()
        if m.client_note:
            story += self.heading(w["client_note"], st.h3, "client-note", 1, room=50)
            for para in m.client_note.split("\n"):
                if para.strip():
                    story.append(self.p(para.strip()))
        story.append(PageBreak())
        return story

    def priorities(self) -> Story:
        """Without a plan of actions, the remedies that answer the most risks."""
        m, st, w = self.memo, self.st, self.w
        priorities = ([(m.rd.anchor, m.rd.title, m.rd.numbers)] if m.rd else []) + [
            (x.anchor, x.title, x.numbers) for x in m.measures
        ]
        if not priorities:
            return [self.p(w["no_recommendations"])]
        out: Story = []
        for i, (anchor, title, numbers) in enumerate(priorities[:5], start=1):
            answers = f" — {self.e(w.count('answers_n', len(numbers)))}" if numbers else ""
            out.append(
                Paragraph(
                    self.link(self.e(title), anchor, Palette.ink) + answers,
                    st.bullet,
                    bulletText=f"{i}.",
                )
            )
        return out

    def questions(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        story: Story = self.section_heading("questions")
        if not m.questions:
            return story + [self.p(w["no_questions"])]
        story.append(self.p(w["questions_intro"]))
        width = self.page.frame_width
        carried = self.p(w.text("continued", title=m.section("questions").title), st.label)
        for g in m.questions:
            # A group carried over to the next page says whose questions it continues.
            head = self.heading(g.title, st.h3, f"questions-{g.questions[0].number}", 1, room=60)
            story += [head[0], AtPageTop(carried), *head[1:]]
            rows = [self.head_row(w["number"], w["question"], w["settles"])]
            for q in g.questions:
                text = self.e(q.text)
                if q.entry:
                    muted = hexcolour(Palette.muted)
                    text += f'<br/><font color="{muted}">{self.e(q.entry)}</font>'
                rows.append(
                    [
                        self.pm(f'<a name="question-{q.number}"/>{q.number}', st.cell_bold),
                        self.pm(text, st.cell),
                        self.pm(
                            self.numbers(q.numbers)
                            if q.numbers
                            else self.e(w.text("may_reveal_in", where=q.reveals))
                            if q.reveals
                            else self.e(w["may_reveal"]),
                            st.cell,
                        ),
                    ]
                )
            story.append(self.table(rows, [11 * mm, width - 56 * mm, 45 * mm]))
        return story

    def matrix(self) -> Story:
        m, st, w = self.memo, self.st, self.w
        width = self.page.frame_width
        grid = challenge_map(m, self.ts, width)
        # The heading goes with the whole grid: never alone at a page's foot.
        room = grid.wrap(width, 2000)[1] + 40
        return [
            CondPageBreak(330),
            *self.section_heading("matrix"),
            self.p(w["matrix_intro"]),
            risk_matrix(m, self.ts, width),
            Spacer(1, 3 * mm),
            *self.heading(w["challenges_view"], st.h2, "challenges-view", 1, room=room),
            grid,
        ]

    def findings(self) -> Story:
        m, st = self.memo, self.st
        story: Story = [CondPageBreak(250), *self.section_heading("findings")]
        if not m.groups:
            return story + [self.p(m.words["no_findings"])]
        framework = None
        for g in m.groups:
            # Each heading's room holds the headings under it and the room the first
            # finding's heading asks for (``_FINDING_ROOM``): a framework or a challenge
            # never ends a page apart from its first finding.
            if g.framework_label != framework:
                framework = g.framework_label
                story += self.heading(
                    g.framework_label, st.h2, f"framework-{g.framework}", 1, room=_FRAMEWORK_ROOM
                )
            story += self.heading(g.challenge_label, st.h3, g.anchor, 2, room=_CHALLENGE_ROOM)
            for f in g.findings:
                story += self.finding(f)
        return story

    def finding(self, mf: MemoFinding) -> Story:
        f, st, w, colon = mf.finding, self.st, self.w, self.colon
        sev = hexcolour(Palette.severity[f.severity])
        status = hexcolour(Palette.status[f.status])
        muted = hexcolour(Palette.muted)
        # The severity line is part of the heading paragraph (one paragraph less per
        # finding: long memos have many).
        meta = (
            f'<br/><font name="{SANS}" size="7.6" color="{muted}">'
            f'<font color="{sev}"><b>{self.e(w["severity"])}{colon} '
            f"{self.e(mf.severity_label)}</b></font> · "
            + (
                f"{self.e(w['likelihood'])}{colon} {self.e(mf.likelihood_label)} · "
                if mf.likelihood_label
                else ""
            )
            + f'<font color="{status}"><b>{self.e(mf.status_label)}</b></font></font>'
        )
        story: Story = self.heading(
            f.title,
            st.finding,
            mf.anchor,
            3,
            room=_FINDING_ROOM,
            suffix=meta,
            prefix=f'<font color="{sev}">■</font>&nbsp;{mf.number}&nbsp;&nbsp;',
            outline=mf.outline,
        )
        story.append(self.run_in(w["explanation"], self.e(f.explanation)))
        if mf.facts:
            story += self.label(w["evidence"], st.indent_label)
            for fact in mf.facts:
                entry = f" — {self.e(fact.entry)}" if fact.entry else ""
                story.append(
                    Paragraph(
                        f"{self.e(fact.label)}{entry}{colon} <b>{self.e(fact.shown)}</b>",
                        st.indent_item,
                        bulletText="•",
                    )
                )
        if mf.unknowns:
            story += self.label(w["unknowns"], st.indent_label)
            for u in mf.unknowns:
                entry = f" — {self.e(u.entry)}" if u.entry else ""
                asks = (
                    " — " + ", ".join(self.link(q, f"question-{q}") for q in u.asks)
                    if u.asks
                    else "".join(f"<br/>→ {self.e(q)}" for q in u.questions)
                )
                story.append(
                    Paragraph(
                        f"{self.e(u.label)}{entry}{colon} <b>{self.e(u.shown)}</b>{asks}",
                        st.indent_item,
                        bulletText="•",
                    )
                )
        if mf.exposure:
            stakes = self.sep.join(
                f"{self.e(label)}{colon} <b>{self.e(shown)}</b>" for label, shown in mf.exposure
            )
            story.append(self.run_in(w["exposure"], f"{stakes} ({self.e(w['estimate'])})"))
            story += [self.p(note, st.indent) for note in mf.exposure_notes]
        if mf.references:
            story.append(self.run_in(w["references"], self.references(mf.references)))
        if mf.see_also:
            story.append(self.run_in(w["see_also"], self.references(mf.see_also)))
        # What to do and the measures end the finding together: never one line alone at
        # the top of a page.
        tail = [self.run_in(w["remedies"], self.e(f.advice))]
        if mf.actions:
            links = ", ".join(self.link(n, f"action-{n}") for n in mf.actions)
            tail.append(self.run_in(w["actions"], links))
        return story + [KeepTogether(tail)]
