"""The risk memo in Markdown: the PDF's sections, readable as plain text and in a diff.

Same content as the PDF (:mod:`reports.memo`), in the same order. User text (names,
answers, notes, anything the client typed) goes through
:func:`advisor.textsafe.markdown`, which shows control characters and escapes every
Markdown character; the rules base's own wording gets a lighter escape that keeps it
readable. No line ends with a space.
"""

from __future__ import annotations

from advisor.textsafe import markdown as md_user
from advisor.textsafe import one_line

from .memo import Memo, MemoFinding
from .typography import shorten, typeset

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

    # ---- sections -----------------------------------------------------------------------

    def render(self) -> str:
        for part in (
            self.cover,
            self.summary,
            self.matrix,
            self.findings,
            self.recommendations,
            self.to_verify,
            self.annex,
            self.disclaimer,
        ):
            part()
        text = "\n".join(line.rstrip() for line in self.lines).rstrip("\n") + "\n"
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text

    def section(self, key: str) -> None:
        s = next(s for s in self.m.sections if s.key == key)
        self.out(f"## {self.t(s.title)}", "")

    def cover(self) -> None:
        m, w = self.m, self.w
        self.out(f"# {self.t(m.title)} — {self.u(m.alliance)}", "")
        rows = [
            [self.t(w["alliance"]), self.u(m.alliance)],
            [self.t(w["date_label"]), self.t(m.date_text)],
        ]
        for i, (name, kind) in enumerate(m.partners):
            rows.append(
                [self.t(w["partners"]) if i == 0 else "", f"{self.u(name)} ({self.t(kind)})"]
            )
        for label, value in (
            (w["prepared_for"], m.client),
            (w["prepared_by"], m.adviser),
            (w["territory"], m.territory),
        ):
            if value:
                rows.append([self.t(label), self.u(value)])
        rows.append([self.t(w["language"]), self.t(w["language_name"])])
        self.table(["", ""], rows)
        self.out(f"**{self.t(w['contents'])}**", "")
        for s in m.sections:  # "- 1. Synthèse" would open a nested list: escape the dot
            title = self.t(s.title)
            self.out("- " + (title.replace(". ", "\\. ", 1) if title[:1].isdigit() else title))
        self.out("")

    def summary(self) -> None:
        m, w = self.m, self.w
        self.section("summary")
        self.out(self.t(m.overview), "", f"### {self.t(w['counts'])}", "")
        rows = []
        for sev, fl in m.counts["flagged"].items():
            tv = m.counts["to_verify"].get(sev, 0)
            rows.append([self.t(m.severity_labels.get(sev, sev)), str(fl), str(tv), str(fl + tv)])
        fl = sum(m.counts["flagged"].values())
        tv = sum(m.counts["to_verify"].values())
        rows.append([f"**{self.t(w['total'])}**", str(fl), str(tv), str(fl + tv)])
        self.table(
            [
                self.t(w["severity"]),
                self.t(w["flagged"]),
                self.t(w["to_verify"]),
                self.t(w["total"]),
            ],
            rows,
            "lrrr",
        )
        self.out(f"### {self.t(w['top_risks'])}", "")
        self.out(
            *(
                [f"{i}. {self.t(r.sentence)}" for i, r in enumerate(m.top_risks, 1)]
                or [self.t(w["no_top_risks"])]
            ),
            "",
        )
        self.out(f"### {self.t(w['recs_in_brief'])}", "")
        self.out(
            *([f"- {self.t(r.line)}" for r in m.remedies] or [self.t(w["no_recommendations"])]), ""
        )
        if m.notes or m.adviser_notes:
            self.out(f"### {self.t(w['notes'])}", "")
            if m.adviser_notes:
                self.out(f"**{self.t(w['adviser_notes'])}.** {self.u(m.adviser_notes)}", "")
            self.out(*(f"- {self.u(n)}" for n in m.notes), "")

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
            [self.t(w[k]) for k in ("framework", "challenge", "status", "findings")],
            [
                [
                    self.t(ch.framework_label),
                    self.t(ch.label),
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
            f"{self.t(w['likelihood'])}{c} {self.t(mf.likelihood_label)} · "
            f"{self.t(mf.status_label)}* · {self.t(w['rule'])} `{one_line(f.rule_id)}`",
            "",
            f"**{self.t(w['explanation'])}.** {self.t(f.explanation)}",
            "",
        )
        if f.evidence:
            self.out(f"**{self.t(w['evidence'])}**", "")
            for ev in f.evidence:
                entry = f" \\[{self.u(shorten(ev.entry))}\\]" if ev.entry else ""
                self.out(
                    f"- {self.t(ev.label)}{entry}{c} **{self.u(ev.shown)}** "
                    f"({self.t(w['test']).lower()} {self.t(ev.test)})"
                )
            self.out("")
        if f.unknowns:
            self.out(f"**{self.t(w['unknowns'])}**", "")
            for u in f.unknowns:
                entry = f" \\[{self.u(shorten(u.entry))}\\]" if u.entry else ""
                self.out(
                    f"- {self.t(u.label)}{entry}{c} **{self.t(w['unknown'])}** "
                    f"({self.t(w['test']).lower()} {self.t(u.test)})"
                )
                self.out(*(f"  - → {self.t(q.text)}" for q in u.questions))
            self.out("")
        if f.unverified:
            self.out(f"*{self.t(w['unverified_fact'])}*", "")
        if f.references:
            self.out(
                f"**{self.t(w['references'])}.** "
                + self.sep.join(self.reference(r) for r in f.references),
                "",
            )
        self.out(f"**{self.t(w['remedies'])}.** {self.t(f.advice)}", "")
        if mf.recommendation_titles:
            self.out(
                f"**{self.t(w['recommendations'])}.** "
                + self.sep.join(self.t(x) for x in mf.recommendation_titles),
                "",
            )
        if mf.clear_options:
            joiner = f"{self.sep}*{self.t(w['or'])}* "
            self.out(
                f"**{self.t(w['clear_by'])}.** " + joiner.join(self.u(o) for o in mf.clear_options),
                "",
            )

    def reference(self, ref) -> str:
        text = self.t(ref.text)
        if ref.url and ref.url.startswith(("https://", "http://")):
            url = one_line(ref.url).replace(" ", "%20").replace(")", "%29").replace("(", "%28")
            text = f"[{text}]({url})"
        if ref.unverified:
            text += f" ({self.t(self.w['unverified'])})"
        if ref.note:
            text += f" — {self.t(ref.note)}"
        return text

    def recommendations(self) -> None:
        m, w = self.m, self.w
        self.section("recommendations")
        if not m.remedies:
            self.out(self.t(w["no_recommendations"]), "")
        for title, recs in (
            (w["note_remedies"], m.note_remedies),
            (w["other_remedies"], m.other_remedies),
        ):
            if recs:
                self.out(f"### {self.t(title)}", "")
                for r in recs:
                    self.remedy(r)

    def remedy(self, r) -> None:
        w, d, c = self.w, r.details, self.colon
        mr = self.m.remedy(r.id)
        self.out(f"#### {self.t(r.title)}", "")
        if d and d.get("enacted") is False:
            note = f" {self.t(d['status_note'])}" if d.get("status_note") else ""
            self.out(f"> **{self.t(w['not_enacted'])}.**{note}", "")
        self.out(self.t(r.summary), "")
        if r.why:
            self.out(f"**{self.t(w['why'])}.** {self.t(r.why)}", "")
        if mr.numbers:
            self.out(f"**{self.t(w['answers_findings'])}.** {', '.join(mr.numbers)}", "")
        if d.get("conflicts"):
            self.out(f"**{self.t(w['conflicts'])}**", "")
            self.out(
                *(
                    f"- \\[{self.t(w.get('conflict_' + x.get('state', ''), ''))}\\] "
                    f"{self.t(x.get('text', ''))}"
                    for x in d["conflicts"]
                ),
                "",
            )
        if d.get("clauses"):
            number_of = {f.finding.rule_id: f.number for f in self.m.findings}
            self.out(f"**{self.t(w['clauses'])}**", "")
            self.table(
                [
                    self.t(w[k])
                    for k in ("clause", "content", "answers_challenges", "basis", "findings")
                ],
                [
                    [
                        self.t(cl.get("title", "")),
                        self.u(cl.get("content", "")),
                        self.t(", ".join(cl.get("answers", []))),
                        self.t(cl.get("basis") or "—"),
                        ", ".join(
                            sorted(
                                (number_of[x] for x in cl.get("findings", []) if x in number_of),
                                key=lambda n: int(n[1:]),
                            )
                        ),
                    ]
                    for cl in d["clauses"]
                ],
            )
        if d.get("conditions"):
            q = d.get("qualifies")
            self.out(f"**{self.t(w['qualifies'])}** {self.t(w.get(f'qualifies_{q}', q))}", "")
            self.table(
                [self.t(w["condition"]), self.t(w["state"]), self.t(w["unknowns"])],
                [
                    [
                        self.t(x.get("label", "")),
                        self.t(w.get(f"state_{x.get('state')}", x.get("state", ""))),
                        self.t(", ".join(x.get("unknown", [])) or "—"),
                    ]
                    for x in d["conditions"]
                ],
            )
            if d.get("local_note"):
                self.out(self.t(d["local_note"]), "")
        if r.references:
            self.out(
                f"**{self.t(w['references'])}{c}** "
                + self.sep.join(self.reference(x) for x in r.references),
                "",
            )

    def to_verify(self) -> None:
        m, w = self.m, self.w
        self.section("to_verify_title")
        if not m.questions:
            self.out(self.t(w["no_to_verify"]), "")
            return
        self.out(self.t(w["to_verify_intro"]), "")
        self.table(
            [self.t(w[k]) for k in ("number", "question", "fact", "settles")],
            [
                [f"Q{i}", self.t(q.text), self.u(shorten(q.about, 200)), ", ".join(q.numbers)]
                for i, q in enumerate(m.questions, 1)
            ],
        )

    def annex(self) -> None:
        m, w = self.m, self.w
        self.section("annex")
        self.out(f"### {self.t(w['answers'])}", "")
        section = None
        rows: list[list[str]] = []
        for ln in m.answers:
            if ln.section != section:
                if rows:
                    self.table(
                        [self.t(w["question"]), self.t(w["entry"]), self.t(w["answer"])], rows
                    )
                    rows = []
                section = ln.section
                self.out(f"#### {self.t(section)}", "")
            rows.append([self.t(ln.question), self.u(shorten(ln.entry)), self.u(ln.answer)])
        if rows:
            self.table([self.t(w["question"]), self.t(w["entry"]), self.t(w["answer"])], rows)
        self.out(f"### {self.t(w['provenance'])}", "")
        self.table(
            ["", ""],
            [
                [self.t(k), f"`{one_line(v)}`" if v.isascii() and "`" not in v else self.u(v)]
                for k, v in m.provenance.items()
            ],
        )

    def disclaimer(self) -> None:
        self.section("disclaimer_title")
        self.out(f"> {self.t(self.m.disclaimer)}")


def render_markdown(memo: Memo) -> str:
    """The risk memo as Markdown text (ends with one newline, no trailing spaces)."""
    return MarkdownMemo(memo).render()
