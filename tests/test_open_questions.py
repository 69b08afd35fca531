"""The client questions (the core's open questions, read by the memo, the JSON and the
interview) are worded questions a client can answer: never a field's name, never English in
French, never a question whose own condition excludes the partner it is about (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.assess import assess
from advisor.casefile import load_case
from advisor.evaluate import truth
from advisor.facts import build_facts

from .conftest import AS_OF, EXAMPLES

HERE = Path(__file__).resolve().parent
#: Every bundled example, and the adviser's case of issue 12 (an ACI, a PME lending two
#: employees without agreement, volunteers with flat allowances, a commune's subsidy).
CASES = sorted(EXAMPLES.glob("*.yaml")) + [HERE / "data" / "aci-pme-commune.yaml"]
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
ENGLISH = re.compile(
    r"\b(the|and|of|is|are|does|staff|servant|partner|lends|hosts|level|civil|"
    r"confirm|unknown|yes)\b"
)


@pytest.fixture(scope="module", params=[(p, lang) for p in CASES for lang in ("fr", "en")])
def assessed(request, rb):
    path, lang = request.param
    case = load_case(path)
    return case, lang, assess(case, as_of=AS_OF, lang=lang, rules=rb, file=str(path))


def _texts(a) -> list[str]:
    texts = [q.question.text for q in a.open_questions] + [q.label for q in a.open_questions]
    for f in a.findings:
        texts += [q.text for u in f.unknowns for q in u.questions] + [u.label for u in f.unknowns]
    return texts


def test_every_open_question_is_a_worded_question(assessed):
    _, lang, a = assessed
    for q in a.open_questions:
        assert q.question.id, f"{q.field} has no question: {q.question.text!r}"
    for text in _texts(a):
        assert not SNAKE.search(text), text
        if lang == "fr":
            assert not ENGLISH.search(text), text


def test_no_question_is_asked_of_an_entry_its_condition_excludes(assessed, rb):
    case, _, a = assessed
    values = build_facts(case, AS_OF).values
    by_id = {q.id: q for q in rb.questions}
    for oq in a.open_questions:
        q = by_id[oq.question.id]
        m = re.fullmatch(r"(.+)\[(\d+)\]\.[^\[]+", oq.field)
        if q.ask_if is None or not m or q.is_list:
            continue
        entry = values[m.group(1)][int(m.group(2))]
        assert truth(q.ask_if, values, entry) is not False, (oq.field, q.id)


def test_the_public_level_is_asked_of_public_authorities_only(rb):
    case = load_case(HERE / "data" / "aci-pme-commune.yaml")
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    asked = {q.field for q in a.open_questions if q.question.id == "partner.public_level"}
    assert asked == {"partners[2].public_level"}  # the commune, not the ACI nor the SAS
    fields = {q.field for q in a.open_questions}
    assert not {"partners[1].lends_staff", "partners[1].places_civil_servant"} & fields
    assert "people.staff_loans[0].kind" in fields  # what decides them instead
