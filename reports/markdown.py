"""The risk memo in Markdown: the PDF's sections, readable as plain text and in a diff.

Same content as the PDF (:mod:`reports.memo`), in the same order. User text (names,
answers, notes, anything the client typed) goes through
:func:`advisor.textsafe.markdown`, which shows control characters and escapes every
Markdown character; the rules base's own wording gets a lighter escape that keeps it
readable. A note of several lines is written as several paragraphs. No line ends with a
space.
"""

from __future__ import annotations

from advisor.textsafe import markdown as md_user
from advisor.textsafe import one_line

from .memo import Memo, MemoFinding
from .memo_actions import Action
from .typography import typeset

_LIGHT = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


class MarkdownMemo:
    """Writes one memo as Markdown lines."""

    def __init__(self, memo: Memo):
        self.m = memo
        self.w = memo.words
        self.lines: list[str] = []
        fr = memo.lang == "fr"
        self.colon = "\u00a0:" if fr else ":"
        self.sep = "\u202f; " if fr else "; "

    # ---- escaping ---------------------------------------------------------------------

    def u(self, text: object) -> str:
        """User text: everything escaped (``&`` too, or ``&amp;`` would print ``&``)."""
        return typeset(md_user(str(text)), self.m.lang)

    def t(self, text: object) -> str:
        """The rules base's and the memo's own wording: inline markup escaped."""
        return typeset(one_line(str(text)).translate(_LIGHT), self.m.lang)

    def paragraphs(self, text: str) -> None:
        """A user's text of several lines, one paragraph per line."""
        for para in str(text).split("\n"):
            if para.strip():
                self.out(self.u(para.strip()), "")

    def out(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, head: list[str], rows: list[list[str]], align: str = "") -> None:
        self.out(
            "| " + " | ".join(head) + " |",
            "|"
            + "|".join(("---:" if a == "r" else "---") for a in align.ljust(len(head), "l"))
            + "|",
        )
        for row in rows:
            self.out("| " + " | ".join(cell or " " for cell in row) + " |")
        self.out("")

    def refs(self, refs) -> str:
        out = []
        for text, url in refs:
            shown = self.t(text)
            if url and url.startswith(("https://", "http://")):
                link = one_line(url).replace(" ", "%20").replace(")", "%29").replace("(", "%28")
                shown = f"[{shown}]({link})"
            out.append(shown)
        return self.sep.join(out)

    # ---- sections -----------------------------------------------------------------------

    def render(self) -> str:
        for part in (
            self.summary,
            self.questions,
            self.matrix,
            self.findings,
            self.recommendations,
            self.advocacy,
            self.facts,
            self.annex,
            self.signature,
            self.technical,
        ):
            part()
        text = "\n".join(line.rstrip() for line in self.lines).rstrip("\n") + "\n"
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text

    def section(self, key: str) -> None:
        self.out(f"## {self.t(self.m.section(key).title)}", "")

    def summary(self) -> None:
        m, w = self.m, self.w
        sig = m.signature
        self.out(f"# {self.t(m.title)} — {self.u(m.alliance)}", "")
        self.out(f"*{self.t(w.text('as_of', date=m.date_text))}*", "")
        rows = []
        client = self.u(sig.client) if sig.client else ""
        if client and sig.addressee:
            attention = self.t(w.text("attention_of", name="@@NAME@@"))
            client += ", " + attention.replace("@@NAME@@", self.u(sig.addressee))
        adviser = ", ".join(self.u(x) for x in (sig.adviser, sig.firm) if x)
        partners = ", ".join(
            f"{self.u(name)} ({self.t(kind)})" if kind else self.u(name)
            for name, kind in m.partners
        )
        for label, value in (
            (w["prepared_for"], client),
            (w["prepared_by"], adviser),
            (w["partners"], partners),
            (w["territory"], self.u(m.territory) if m.territory else ""),
            (w["date_label"], self.t(m.date_text)),
        ):
            if value:
                rows.append([f"**{self.t(label)}**", value])
        self.table(["", ""], rows)
        self.section("summary")
        self.out(f"**{self.t(m.opinion_title)}.** " + " ".join(self.t(s) for s in m.opinion), "")
        self.out(f"### {self.t(w['top_risks'])}", "")
        self.out(
            *([f"- **{r.number}** {self.t(r.line)}" for r in m.top_risks])
            or [self.t(w["no_top_risks"])],
            "",
        )
        self.out(f"### {self.t(w['priorities'])}", "")
        # The same priority actions as the PDF's page 1: the plan's first five, who, when.
        if m.priorities:
            self.out(
                *(
                    f"- **{x.number}** {self.t(x.text)} — {self.u(x.who)}, {self.t(x.when)}"
                    for x in m.priorities
                ),
                "",
            )
        else:
            priorities = ([(m.rd.title, m.rd.numbers)] if m.rd else []) + [
                (x.title, x.numbers) for x in m.measures
            ]
            self.out(
                *(
                    f"{i}. {self.t(title)}"
                    + (f" — {self.t(w.count('answers_n', len(numbers)))}" if numbers else "")
                    for i, (title, numbers) in enumerate(priorities[:5], start=1)
                ),
                "",
            )
            if not priorities:
                self.out(self.t(w["no_recommendations"]), "")
        if m.client_note:
            self.out(f"### {self.t(w['client_note'])}", "")
            self.paragraphs(m.client_note)

    def questions(self) -> None:
        m, w = self.m, self.w
        self.section("questions")
        if not m.questions:
            self.out(self.t(w["no_questions"]), "")
            return
        self.out(self.t(w["questions_intro"]), "")
        for g in m.questions:
            self.out(f"### {self.u(g.title)}", "")
            self.table(
                [self.t(w["number"]), self.t(w["question"]), self.t(w["settles"])],
                [
                    [
                        q.number,
                        self.t(q.text) + (f" — {self.u(q.entry)}" if q.entry else ""),
                        ", ".join(q.numbers)
                        or self.t(
                            w.text("may_reveal_in", where=q.reveals)
                            if q.reveals
                            else w["may_reveal"]
                        ),
                    ]
                    for q in g.questions
                ],
            )

    def matrix(self) -> None:
        m, w = self.m, self.w
        self.section("matrix")
        self.out(self.t(w["matrix_intro"]), "")
        head = [f"{self.t(w['severity'])} / {self.t(w['likelihood'])}"]
        head += [self.t(m.likelihood_labels.get(c.likelihood, c.likelihood)) for c in m.matrix[0]]
        rows = [
            [f"**{self.t(m.severity_labels.get(row[0].severity, row[0].severity))}**"]
            + [
                ", ".join(f"**{n}**" if n in c.flagged else n for n in c.numbers) or "–"
                for c in row
            ]
            for row in m.matrix
        ]
        self.table(head, rows)
        self.out(f"*{self.t(w['legend_flagged'])} · {self.t(w['legend_to_verify'])}*", "")
        self.out(f"### {self.t(w['challenges_view'])}", "")
        self.table(
            [self.t(w["challenge"]), self.t(w["state"]), self.t(w["risks"])],
            [
                [
                    f"{self.t(ch.framework_label)} — {self.t(ch.label)}",
                    self.t(ch.status_label),
                    ", ".join(ch.numbers) or "—",
                ]
                for ch in m.challenges
            ],
        )

    def findings(self) -> None:
        self.section("findings")
        if not self.m.groups:
            self.out(self.t(self.w["no_findings"]), "")
        for g in self.m.groups:
            self.out(f"### {self.t(g.framework_label)} — {self.t(g.challenge_label)}", "")
            for f in g.findings:
                self.finding(f)

    def finding(self, mf: MemoFinding) -> None:
        f, w, c = mf.finding, self.w, self.colon
        self.out(
            f"#### {mf.number} — {self.t(f.title)}",
            "",
            f"*{self.t(w['severity'])}{c} {self.t(mf.severity_label)} · "
            + (
                f"{self.t(w['likelihood'])}{c} {self.t(mf.likelihood_label)} · "
                if mf.likelihood_label
                else ""
            )
            + f"{self.t(mf.status_label)}*",
            "",
            f"**{self.t(w['explanation'])}.** {self.t(f.explanation)}",
            "",
        )
        for title, lines in ((w["evidence"], mf.facts), (w["unknowns"], mf.unknowns)):
            if not lines:
                continue
            self.out(f"**{self.t(title)}**", "")
            for fact in lines:
                entry = f" — {self.u(fact.entry)}" if fact.entry else ""
                asks = f" — {', '.join(fact.asks)}" if fact.asks else ""
                self.out(f"- {self.t(fact.label)}{entry}{c} **{self.u(fact.shown)}**{asks}")
                if not fact.asks:
                    self.out(*(f"  - → {self.t(q)}" for q in fact.questions))
            self.out("")
        if mf.exposure:
            stakes = self.sep.join(
                f"{self.t(label)}{c} **{self.u(shown)}**" for label, shown in mf.exposure
            )
            self.out(f"**{self.t(w['exposure'])}.** {stakes} ({self.t(w['estimate'])})", "")
            for note in mf.exposure_notes:
                self.out(f"*{self.t(note)}*", "")
        if mf.references:
            self.out(f"**{self.t(w['references'])}.** {self.refs(mf.references)}", "")
        if mf.see_also:
            self.out(f"**{self.t(w['see_also'])}.** {self.refs(mf.see_also)}", "")
        self.out(f"**{self.t(w['remedies'])}.** {self.t(f.advice)}", "")

    def recommendations(self) -> None:
        m, w, c = self.m, self.w, self.colon
        self.section("recommendations")
        if not (m.rd or m.measures or m.actions):
            self.out(self.t(w["no_recommendations"]), "")
        if m.actions:  # the PDF's action table: action, who, when, the risks it answers
            self.out(f"### {self.t(w['actions'])}", "")
            self.table(
                [self.t(w[k]) for k in ("number", "action", "who", "when", "risks")],
                [
                    [x.number, self._action(x), self.u(x.who), self.t(x.when), ", ".join(x.numbers)]
                    for x in m.actions
                ],
            )
        if m.rd:
            rd = m.rd
            self.out(f"### {self.t(rd.title)}", "")
            self.out(f"> **{self.t(rd.nature)}.** {self.t(rd.nature_text)}", "")
            self.out(self.t(rd.summary), "")
            if rd.numbers:
                self.out(f"**{self.t(w['answers_findings'])}{c}** {', '.join(rd.numbers)}", "")
            if rd.conflicts:
                self.out(f"**{self.t(w['conflicts'])}**", "")
                self.out(*(f"- **{self.t(x.label)}{c}** {self.t(x.text)}" for x in rd.conflicts))
                self.out("")
            if rd.clauses:
                self.out(f"**{self.t(w['clauses'])}**", "")
                self.table(
                    [self.t(w[k]) for k in ("clause", "content", "basis", "answers_findings")],
                    [
                        [
                            self.t(cl.title),
                            self.u(cl.content),
                            self.t(cl.basis or "—"),
                            ", ".join(cl.numbers),
                        ]
                        for cl in rd.clauses
                    ],
                )
            if rd.references:
                self.out(f"**{self.t(w['references'])}.** {self.refs(rd.references)}", "")
            if rd.see_also:
                self.out(f"**{self.t(w['see_also'])}.** {self.refs(rd.see_also)}", "")

    def _action(self, x: Action) -> str:
        """An action of the table; a measure with its name first and its legal basis."""
        text = self.t(x.text)
        if x.title:
            text = f"**{self.t(x.title)}.** {text}"
        if x.references:
            text += f" *{self.t(self.w['basis'])}{self.colon}* {self.refs(x.references)}"
        return text

    def advocacy(self) -> None:
        xp, w = self.m.advocacy, self.w
        if xp is None:
            return
        self.section("advocacy")
        self.out(f"> **{self.t(xp.status_title)}.** {self.t(xp.status_note)}", "")
        self.out(self.t(xp.summary), "")
        self.out(f"**{self.t(xp.today_title)}.** {self.t(xp.today)}", "")
        self.out(f"**{self.t(w['qualifies'])}** {self.t(xp.qualifies)}", "")
        self.table(
            [self.t(w["condition"]), self.t(w["state"])],
            [[self.t(x.label), self.t(x.state_label)] for x in xp.conditions],
        )
        if xp.references:
            self.out(f"**{self.t(w['references'])}.** {self.refs(xp.references)}", "")
        if xp.see_also:
            self.out(f"**{self.t(w['see_also'])}.** {self.refs(xp.see_also)}", "")

    def facts(self) -> None:
        f, w = self.m.facts, self.w
        self.section("facts")
        self.out(self.t(w["facts_intro"]), "")
        for label, value in (
            (w["purpose"], f.purpose),
            (w["duration"], f.duration),
            (w["territory"], f.territory),
        ):
            if value:
                self.out(f"**{self.t(label)}.** {self.u(value)}", "")
        if f.partners:
            self.table(
                [self.t(w["partner"]), self.t(w["nature"]), self.t(w["role"])],
                [[self.u(p.name), self.t(p.nature), self.u(p.role)] for p in f.partners],
            )
        if f.vehicle:
            self.out(f"**{self.t(w['vehicle'])}.** {self.u(f.vehicle)}", "")
        if f.flows:
            self.out(f"**{self.t(w['flows'])}**", "")
            self.out(*(f"- {self.u(x)}" for x in f.flows), "")
        if f.warnings:
            self.out(f"**{self.t(w['odd_facts'])}**", "")
            self.out(*(f"- {self.u(x)}" for x in f.warnings), "")

    def annex(self) -> None:
        m, w = self.m, self.w
        if not m.has("annex"):
            return
        self.section("annex")
        head = [self.t(w["question"]), self.t(w["entry"]), self.t(w["answer"])]
        section = None
        rows: list[list[str]] = []
        for ln in m.answers:
            if ln.section != section:
                if rows:
                    self.table(head, rows)
                    rows = []
                section = ln.section
                self.out(f"### {self.t(section)}", "")
            rows.append([self.t(ln.question), self.u(ln.entry or ""), self.u(ln.answer)])
        if rows:
            self.table(head, rows)

    def signature(self) -> None:
        m, w = self.m, self.w
        if m.disclaimer:
            self.out(f"## {self.t(w['disclaimer_title'])}", "", f"> {self.t(m.disclaimer)}", "")
            return
        sig = m.signature
        self.out("---", "", self.t(w.text("signed_at", date=sig.date_text)), "")
        for x in (sig.adviser, sig.firm):
            if x:
                self.out(f"**{self.u(x)}**", "")
        if sig.addressed:
            self.out(self.u(sig.addressed), "")

    def technical(self) -> None:
        m, w = self.m, self.w
        self.section("technical")
        self.out(f"*{self.t(self.m.technical_intro)}*", "")
        self.table(
            [
                self.t(w["number"]),
                self.t(w["rule"]),
                self.t(w["source"]),
                self.t(m.to_confirm or w["to_confirm"]),
            ],
            [
                [
                    row.number,
                    ", ".join(f"`{one_line(r)}`" for r in row.rule_ids),
                    row.source,
                    self.t(row.unverified),
                ]
                for row in m.technical
            ],
        )
        self.table(
            ["", ""],
            [
                [self.t(k), f"`{one_line(v)}`" if v.isascii() and "`" not in v else self.u(v)]
                for k, v in m.provenance
            ],
        )


def render_markdown(memo: Memo) -> str:
    """The risk memo as Markdown text (ends with one newline, no trailing spaces)."""
    return MarkdownMemo(memo).render()
