"""Fixtures of the memo tests: real cases assessed with the bundled rules base, a hostile
case, and a synthetic 60-finding assessment that does not depend on the rules base's
current content. PDFs are built once per session (the suite must stay fast)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from advisor.assess import assess
from advisor.casefile import loads_case
from advisor.findings import (
    Assessment,
    CaseInfo,
    ChallengeStatus,
    Change,
    ClearOption,
    Counts,
    Evidence,
    Finding,
    Question,
    RecommendationOut,
    ReferenceOut,
    RulesBaseInfo,
    Unknown,
)
from advisor.rulemodel import LIKELIHOODS, SEVERITIES

AS_OF = dt.date(2026, 6, 1)

RICH = """
meta: {name: Alliance Territoire Solidaire, adviser: Maître Dupont, firm: Cabinet Dupont & Associés,
       client: Commune de Belleville, addressee: Mme la Maire, territory: Hauts-de-France,
       notes: "INTERNE : ne pas imprimer, dossier suivi par la stagiaire",
       client_note: "Première ligne de la note au client.\nSeconde ligne, après un retour."}
partners:
  - {id: acme, name: Acme SA, kind: company, company_size: large, turnover_eur: 5000000}
  - {id: asso, name: Les Amis du Quartier, kind: association, general_interest: true,
     issues_tax_receipts: true}
  - {id: ville, name: Commune de Belleville, kind: public_authority, public_level: municipality}
agreements: {written: false}
co_construction: {innovative: true, duration_months: 24, form: collective_experimentation,
                  purpose: "Co-créer un service de mobilité solidaire."}
results: {co_developed: [method, software], ip_agreement: false}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
  subsidies:
    - {funder: ville, beneficiary: asso, amount_eur_per_year: 30000}
people:
  volunteers: {involved: true, flat_rate_allowances: true}
  staff_loans:
    - {lender: acme, host: asso, kind: skills_sponsorship, employees: 2}
"""

LONG_NAME = "Supercalifragilistic" * 500  # 10,000 characters, no space to break at

#: Strings that must print literally and break nothing.
HOSTILE = {
    "markup": "<b>Acme & Co</b>",
    "font": '<font name="Nope" size="90">big</font>',
    "para": "<para>&amp; &lt;x&gt; &#65;",
    "control": "red\x1b[31m bell\x07",
    "bidi": "abc\u202eevil",
    "rtl": "שלום עולם",
    "arabic": "شركة",
    "emoji": "Café \U0001f984",
    "cjk": "中文公司",
}


def hostile_case_text() -> str:
    import yaml

    names = list(HOSTILE.values())
    data = {
        "meta": {
            "name": "Alliance " + HOSTILE["markup"] + " " + HOSTILE["para"],
            "adviser": HOSTILE["font"],
            "client": HOSTILE["rtl"],
            "notes": "line one\nline two " + HOSTILE["control"],
        },
        "partners": [{"id": f"p{i}", "name": n, "kind": "association"} for i, n in enumerate(names)]
        + [{"id": "long", "name": LONG_NAME, "kind": "company"}],
        "agreements": {"written": False},
        "co_construction": {"purpose": " ".join(["Un objet très long."] * 400)},
        "money": {
            "gifts": [
                {
                    "donor": "long",
                    "beneficiary": "p0",
                    "kind": "cash",
                    "amount_eur": 10000,
                    "counterparts_eur": 4000,
                }
            ]
        },
    }
    return yaml.safe_dump(data, allow_unicode=True)


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@dataclass
class BuiltMemo:
    """One bundled example's memo in one language, in every form (built once)."""

    name: str
    lang: str
    case: Any
    memo: Any
    pdf: bytes
    text: str
    """The PDF's extracted text, white space normalised."""
    pages: int
    md: str
    json: dict
    assessment: Any = None

    @property
    def client_text(self) -> str:
        """What the client reads: everything before the technical annex."""
        title = self.memo.section("technical").title
        return self.text[: self.text.rindex(title)]

    def user_strings(self) -> list[str]:
        """Every text the case's author typed (names, roles, purpose...), longest first."""
        c = self.case
        found = [c.meta.name, c.meta.territory, c.meta.client_note, c.co_construction.purpose]
        for p in c.partners:
            found += [p.name, p.role]
        found += [g.title for g in self.memo.questions]
        found += [q.entry for g in self.memo.questions for q in g.questions]
        found += [x.entry for m in self.memo.findings for x in m.facts + m.unknowns]
        found += [x.shown for m in self.memo.findings for x in m.facts]
        found += list(self.memo.facts.flows)
        from reports.typography import typeset

        shown = {normalise(typeset(x, self.lang)).strip() for x in found if x}
        return sorted(shown | {normalise(x).strip() for x in found if x}, key=len, reverse=True)


_BUILT: dict[tuple[str, str], BuiltMemo] = {}


def _body(memo, page_text: str) -> str:
    """A page's text without its running header and footer (drawn last, so extracted
    last), so that a paragraph running over two pages reads as one."""
    from reports.typography import typeset

    text = normalise(page_text).strip()
    furniture = (
        rf"(?: {re.escape(normalise(typeset(memo.title, memo.lang)))}"
        rf" {re.escape(normalise(typeset(memo.alliance, memo.lang)))})?"
        rf" {re.escape(normalise(memo.words['confidential']))} page \d+ / \d+$"
    )
    return re.sub(furniture, "", text)


def built_memo(rb, path: Path, lang: str) -> BuiltMemo:
    """The example's memo in ``lang``, built once per session."""
    key = (path.stem, lang)
    if key not in _BUILT:
        import io

        from pypdf import PdfReader

        from advisor.casefile import load_case
        from reports.jsonout import assessment_json
        from reports.markdown import render_markdown
        from reports.memo import build_memo
        from reports.pdf import render_pdf

        case = load_case(path)
        a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
        memo = build_memo(a, case, rb)
        pdf = render_pdf(memo)
        reader = PdfReader(io.BytesIO(pdf))
        text = " ".join(_body(memo, p.extract_text()) for p in reader.pages)
        _BUILT[key] = BuiltMemo(
            path.stem,
            lang,
            case,
            memo,
            pdf,
            text,
            len(reader.pages),
            render_markdown(memo),
            assessment_json(a, case, rb),
            a,
        )
    return _BUILT[key]


@pytest.fixture(
    params=[(p, lang) for p in EXAMPLES for lang in ("fr", "en")],
    ids=lambda x: f"{x[0].stem}-{x[1]}",
)
def example(request, rb) -> BuiltMemo:
    path, lang = request.param
    return built_memo(rb, path, lang)


def normalise(text: str) -> str:
    """Extracted PDF text with every run of white space (line breaks, NBSP) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def pdf_text(data: bytes) -> tuple[str, int]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return normalise(" ".join(p.extract_text() for p in reader.pages)), len(reader.pages)


@pytest.fixture(scope="session")
def rich_case():
    return loads_case(RICH)


@pytest.fixture(scope="session")
def rich_fr(rb, rich_case):
    return assess(rich_case, as_of=AS_OF, lang="fr", rules=rb)


@pytest.fixture(scope="session")
def rich_memo(rb, rich_case, rich_fr):
    from reports.memo import build_memo

    return build_memo(rich_fr, rich_case, rb)


@pytest.fixture(scope="session")
def rich_pdf(rich_memo):
    from reports.pdf import render_pdf

    return render_pdf(rich_memo)


@pytest.fixture(scope="session")
def hostile_case():
    return loads_case(hostile_case_text())


@pytest.fixture(scope="session")
def hostile_memo(rb, hostile_case):
    from reports.memo import build_memo

    a = assess(hostile_case, as_of=AS_OF, lang="en", rules=rb)
    return build_memo(a, hostile_case, rb)


def synthetic_assessment(rb, n: int = 60, lang: str = "en") -> Assessment:
    """An assessment with ``n`` findings spread over every challenge, severity and
    likelihood, with evidence, unknowns, references and ways to clear each, plus the
    note's two remedies with a clause checklist and a conditions table."""
    challenges = rb.challenges
    findings = []
    for i in range(n):
        ch = challenges[i % len(challenges)]
        status = "flagged" if i % 3 == 0 else "to_verify"
        rid = f"{ch.id}.synthetic-{i:02d}"
        findings.append(
            Finding(
                rule_id=rid,
                version="2020-01-01 →",
                challenge=ch.id,
                challenge_label=ch.label.get(lang),
                framework=ch.framework,
                framework_label=rb.base.frameworks[ch.framework].get(lang),
                severity=SEVERITIES[i % 4],
                likelihood=LIKELIHOODS[(i // 4) % 3],
                status=status,
                title=f"Synthetic finding {i:02d}: a partner does something risky number {i}",
                explanation=(
                    "A long explanation of why this set-up is risky, citing the "
                    "law and what may happen. "
                )
                * (1 + i % 4),
                advice=f"Do the right thing for finding {i:02d}.",
                evidence=[
                    Evidence(
                        field="money.gifts[0].counterparts_pct",
                        label="Counterparts",
                        entry="Acme → Asso",
                        value=40,
                        shown="40 %",
                        test="> 25 %",
                    )
                ],
                unknowns=(
                    [
                        Unknown(
                            field=f"partners[0].fact_{i % 7}",
                            label=f"Fact {i % 7}",
                            entry="Acme",
                            test="= yes",
                            questions=[Question(id=f"q{i % 7}", text=f"Is fact {i % 7} true?")],
                        )
                    ]
                    if status == "to_verify"
                    else []
                ),
                references=[
                    ReferenceOut(
                        text=f"Code civil art. {1100 + i}",
                        url="https://www.legifrance.gouv.fr/?a=1&b=2",
                    ),
                    ReferenceOut(text=f"BOI-SYNTH-{i:02d}", unverified=i % 5 == 0),
                ],
                recommendations=["rd_societal_convention", "written_partnership_agreement"],
                clear_by=[
                    ClearOption(
                        changes=[
                            Change(
                                field="x",
                                label="Counterparts",
                                text=f"Counterparts ≤ 25 % (option {i})",
                            )
                        ]
                    )
                ],
                source="synthetic.yaml",
            )
        )
    flagged = {
        s: sum(1 for f in findings if f.status == "flagged" and f.severity == s) for s in SEVERITIES
    }
    to_verify = {
        s: sum(1 for f in findings if f.status == "to_verify" and f.severity == s)
        for s in SEVERITIES
    }
    statuses = [
        ChallengeStatus(
            id=ch.id,
            framework=ch.framework,
            framework_label=rb.base.frameworks[ch.framework].get(lang),
            label=ch.label.get(lang),
            status="flagged",
            flagged=1,
            to_verify=1,
            worst="high",
        )
        for ch in challenges
    ]
    ids = [f.rule_id for f in findings]
    recs = [
        RecommendationOut(
            id="rd_societal_convention",
            group="note_remedy",
            title="Societal R&D agreement",
            summary="A contract modelled on research agreements.",
            findings=ids,
            why="The alliance co-creates.",
            details={
                "enacted": False,
                "status_note": "No statute provides for it.",
                "conflicts": [{"id": "excl", "state": "possible", "text": "Exclusivity wanted."}],
                "clauses": [
                    {
                        "id": f"c{k}",
                        "title": f"Clause title {k}",
                        "content": "What the clause says. " * 6,
                        "answers": ["IP"],
                        "findings": ids[k::5],
                        "basis": "C. civ. art. 1101",
                    }
                    for k in range(5)
                ],
            },
        ),
        RecommendationOut(
            id="partnership_experimentation_right",
            group="note_remedy",
            title="Partnership experimentation right",
            summary="A proposed scheme.",
            why="It may fit.",
            details={
                "enacted": False,
                "status_note": "Not enacted.",
                "qualifies": "maybe",
                "conditions": [
                    {"id": "a", "label": "Innovative", "state": "met", "unknown": []},
                    {
                        "id": "b",
                        "label": "Equal governance",
                        "state": "unknown",
                        "unknown": ["Equal governance"],
                    },
                    {"id": "c", "label": "No profit", "state": "missing", "unknown": []},
                ],
                "local_note": "Local authorities may experiment too.",
            },
        ),
        RecommendationOut(
            id="written_partnership_agreement",
            group="contract",
            title="A written agreement binding every partner",
            summary="Write it down.",
            findings=ids,
            why="Findings call for it.",
            references=[ReferenceOut(text="C. civ. art. 1102")],
        ),
    ]
    return Assessment(
        tool={"name": "alliance-advisor", "version": "0.0-test"},
        rules_base=RulesBaseInfo(version=rb.version, sha256="a" * 64),
        case=CaseInfo(name="Synthetic", sha256="b" * 64),
        as_of=AS_OF,
        lang=lang,
        counts=Counts(flagged=flagged, to_verify=to_verify, total=n),
        challenges=statuses,
        findings=findings,
        recommendations=recs,
    )


@pytest.fixture(scope="session")
def synthetic(rb):
    return synthetic_assessment(rb)


@pytest.fixture(scope="session")
def synthetic_memo(rb, synthetic):
    from reports.memo import build_memo

    return build_memo(synthetic, loads_case(RICH), rb)


@pytest.fixture(scope="session")
def synthetic_pdf(synthetic_memo):
    from reports.pdf import render_pdf

    return render_pdf(synthetic_memo)
