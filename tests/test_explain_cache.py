"""The interview's cached refresh equals a fresh assessment (advisor/explain_cache.py:
the explanations kept, the open questions' memo carried by consolidate.Asking.carried, and
the engine's verdicts kept by ruleset, advisor/engine_memo.py).

Random sequences of answer changes (yes/no, choices, amounts, dates, partners named, list
entries added and removed, the language switched) on every bundled example: after each
change, the assessment computed with the explanations kept from the earlier ones equals
an assessment computed afresh, in every field (findings and their explanations, evidence,
unknowns, open questions, assumptions...), and so do the interview's ranked questions
and progress counts read from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import interview, presumptions
from advisor.assess import assess
from advisor.casefile import load_case, loads_case
from advisor.engine_memo import VerdictMemo
from advisor.errors import EngineError
from advisor.explain_cache import ExplanationCache, _frozen
from advisor.facts import build_facts
from tui.entries import alliance_name_question, identity_questions
from tui.session import Options, Session

from .conftest import AS_OF, EXAMPLES

CASES = sorted(EXAMPLES.glob("*.yaml"))
NUMBERS = [0, 1, 999.5, 1_500, 20_000, 153_000, 2_000_000]
DATES = [dt.date(2019, 1, 1), dt.date(2024, 3, 15), dt.date(2026, 5, 31)]


def _question_at(rb, case, draw):
    """A question asked now (top level or about one list entry) and the entry's index."""
    facts = interview.case_facts(case, AS_OF)
    options = [(q, None) for q in interview.steps(rb, case, AS_OF, facts) if q.spec is not None]
    scopes = sorted({q.list_scope for q in rb.questions if q.list_scope and not q.is_list})
    for scope in scopes:
        for i, qs in enumerate(interview.questions_per_entry(rb, case, scope, AS_OF, facts)):
            options += [(q, i) for q in qs if q.spec is not None]
    return draw(st.sampled_from(options)) if options else (None, None)


def _value(rb, case, q, draw):
    spec = q.spec
    unknown = st.none()
    if spec.kind == "bool":
        return draw(st.sampled_from([True, False, None]))
    if spec.kind == "enum":
        return draw(st.sampled_from([*spec.values, None]))
    if spec.kind == "multi":
        return draw(st.one_of(unknown, st.lists(st.sampled_from(spec.values), unique=True)))
    if spec.kind == "number":
        return draw(st.sampled_from([*NUMBERS, None]))
    if spec.kind == "date":
        return draw(st.sampled_from([*DATES, None]))
    picks = [c.value for c in interview.choices(rb, q, "en", case)]
    if picks:
        return draw(st.sampled_from(picks))
    return draw(st.sampled_from(["Nouveau nom", "Autre", None]))


def _change(rb, case, draw):
    """One edit an adviser can make in the interview; the case unchanged when refused."""
    what = draw(st.sampled_from(["answer"] * 8 + ["add", "remove"]))
    if what == "add":
        scope = draw(st.sampled_from(["partners", "money.gifts", "people.staff_loans"]))
        try:
            return interview.add_entry(case, scope)[0]
        except interview.AnswerError:
            return case
    if what == "remove":
        scope = draw(st.sampled_from(["money.gifts", "people.staff_loans", "partners"]))
        n = len(interview.entries(case, scope))
        if not n:
            return case
        try:
            return interview.remove_entry(case, scope, draw(st.integers(0, n - 1)), rb=rb)
        except interview.AnswerError:
            return case
    q, index = _question_at(rb, case, draw)
    if q is None:
        return case
    try:
        return interview.set_answer(case, q, _value(rb, case, q, draw), index)
    except interview.AnswerError:
        return case


def _same(rb, a, b) -> None:
    assert a.model_dump() == b.model_dump()
    assert interview.askable(rb, a) == interview.askable(rb, b)


@settings(max_examples=20)
@given(data=st.data(), path=st.sampled_from(CASES))
def test_cached_refresh_equals_a_fresh_assessment(rb, data, path: Path) -> None:
    draw = data.draw
    case = load_case(path)
    live = interview.Live(rb)  # what the session keeps: explanations, which questions ask
    lang = draw(st.sampled_from(["fr", "en"]))
    for _ in range(draw(st.integers(1, 6))):
        case = _change(rb, case, draw)
        if draw(st.integers(0, 5)) == 0:
            lang = "en" if lang == "fr" else "fr"
        clear_by = draw(st.sampled_from([False, False, True]))
        cached = assess(
            case, as_of=AS_OF, lang=lang, rules=rb, clear_by=clear_by, explained=live.explained
        )
        fresh = assess(case, as_of=AS_OF, lang=lang, rules=rb, clear_by=clear_by)
        _same(rb, cached, fresh)
        if draw(st.booleans()):  # the panels read the progress and the steps, or not
            assert live.tally(case, AS_OF) == interview.tally(rb, case, AS_OF)
            assert _counted(live.tally(case, AS_OF)) == _counted(_tally_of_review(rb, case))
            assert [q.id for q in live.steps(case, AS_OF)] == [
                q.id for q in interview.steps(rb, case, AS_OF)
            ]


def _tally_of_review(rb, case) -> interview.Tally:
    """The counts from the review's lines, each answer read by ``get_answer`` (the tally
    reads them through a path split once per question)."""
    out = interview.Tally()
    for line in interview.review(rb, case, "en", AS_OF):
        if line.question.is_list:
            continue
        key = (line.question.id, line.index)
        out.order.append(key)
        counts = [out.sections.setdefault(line.section, [0, 0])]
        if line.index is not None:
            entry = (line.question.list_scope, line.index)
            counts.append(out.entries.setdefault(entry, [0, 0]))
        out.asked += 1
        for c in counts:
            c[1] += 1
        if line.state == "open":
            out.open.append(key)
            continue
        out.answered += 1
        out.unknown += line.state == "unknown"
        for c in counts:
            c[0] += 1
    return out


def _counted(t: interview.Tally) -> tuple:
    """What the review's lines can tell of a tally (not the lists' ranges)."""
    return (t.answered, t.asked, t.unknown, t.sections, t.entries, t.order, t.open)


def _all_values(rb, case, q) -> list:
    spec = q.spec
    if spec.kind == "bool":
        return [True, False, None]
    if spec.kind == "enum":
        return [*spec.values, None]
    if spec.kind == "multi":
        return [[], list(spec.values[:1]), list(spec.values), None]
    if spec.kind == "number":
        return [*NUMBERS, None]
    if spec.kind == "date":
        return [*DATES, None]
    return [c.value for c in interview.choices(rb, q, "en", case)]


@pytest.mark.parametrize("name", ["fare-psa.yaml", "silver-geek.yaml"])
def test_every_answer_to_every_question_asked(rb, name: str) -> None:
    """Each question asked (top level, and about each list's first entry) given each of
    its answers in turn, one cache throughout: every assessment equals a fresh one; the
    cache is used, and an answer its rules read explains them again."""
    case = load_case(EXAMPLES / name)
    cache = ExplanationCache()
    first = assess(case, as_of=AS_OF, lang="fr", rules=rb, clear_by=False, explained=cache)
    misses = cache.misses
    again = assess(case, as_of=AS_OF, lang="fr", rules=rb, clear_by=False, explained=cache)
    assert cache.misses == misses and cache.hits >= misses
    _same(rb, first, again)
    facts = interview.case_facts(case, AS_OF)
    asked = [(q, None) for q in interview.steps(rb, case, AS_OF, facts) if q.spec is not None]
    for scope in ("partners", "money.gifts", "people.staff_loans"):
        per_entry = interview.questions_per_entry(rb, case, scope, AS_OF, facts)
        asked += [(q, 0) for q in (per_entry[0] if per_entry else []) if q.spec is not None]
    for q, index in asked:
        for value in _all_values(rb, case, q):
            try:
                changed = interview.set_answer(case, q, value, index)
            except interview.AnswerError:
                continue
            cached = assess(
                changed, as_of=AS_OF, lang="fr", rules=rb, clear_by=False, explained=cache
            )
            fresh = assess(changed, as_of=AS_OF, lang="fr", rules=rb, clear_by=False)
            _same(rb, cached, fresh)
    assert cache.misses > misses  # answers the rules read were explained again


@pytest.mark.parametrize(
    ("a", "b"),
    [(1, True), (1, 1.0), (0, False), (0.0, -0.0), ("1", 1), ([1], (1,)), (None, "")],
)
def test_values_equal_in_python_are_told_apart(a, b) -> None:
    """``1 == True == 1.0`` in Python; an explanation shows them differently."""
    assert _frozen(a) != _frozen(b)


def test_the_session_refresh_equals_a_fresh_assessment(rb, tmp_path) -> None:
    """The interview's session (tui/session.py) keeps one cache across answers: after
    each, its assessment, its full assessment (what would clear each finding), its
    ranked questions and its progress equal fresh ones."""
    path = tmp_path / "case.yaml"
    path.write_bytes((EXAMPLES / "silver-geek.yaml").read_bytes())
    session = Session(Options(path=path, rules=rb, as_of=AS_OF, no_journal=True), "fr")
    asked = [q for q in session.steps() if q.spec is not None and q.spec.kind == "bool"][:8]
    for i, q in enumerate(asked):
        session.answer(q, [True, False, None][i % 3])
        fresh = assess(
            session.case, as_of=AS_OF, lang=session.lang, rules=rb, file=str(path), clear_by=False
        )
        _same(rb, session.assessment, fresh)
        full = assess(session.case, as_of=AS_OF, lang=session.lang, rules=rb, file=str(path))
        assert session.full_assessment().model_dump() == full.model_dump()
        assert session.next_questions() == interview.askable(rb, fresh)
        # The interview's one count: the core's, with its own questions (name, entries).
        assert session.tally() == interview.tally(
            rb,
            load_case(path),
            AS_OF,
            first=alliance_name_question(rb),
            identity=lambda scope: identity_questions(rb, scope),
        )
        assert [q.id for q in session.steps()] == [
            q.id for q in interview.steps(rb, session.case, AS_OF)
        ]
    session.set_lang("en")
    fresh = assess(session.case, as_of=AS_OF, lang="en", rules=rb, file=str(path), clear_by=False)
    _same(rb, session.assessment, fresh)
    assert session.live.explained is not None and session.live.explained.hits > 0


def test_a_conflict_that_orders_the_cures_is_part_of_the_key(rb) -> None:
    """Whether a partner wants exclusive rights is read by no condition of the co-creation
    rule, but it decides which way of clearing comes first (cures naming a remedy): the
    cached finding follows it."""
    from advisor.casefile import loads_case

    from .test_rules_mechanisms import CO_CREATION

    cache = ExplanationCache()
    for wanted in ("false", "true", "false"):
        case = loads_case(CO_CREATION % wanted)
        kept = assess(case, as_of=AS_OF, lang="fr", rules=rb, explained=cache)
        _same(rb, kept, assess(case, as_of=AS_OF, lang="fr", rules=rb))


def _same_verdicts(rb, memo: VerdictMemo, case) -> None:
    """The memo's verdicts equal the engine's, on the facts as answered and as presumed."""
    period = rb.period(AS_OF)
    values = build_facts(case, AS_OF).values
    presumed, _ = presumptions.apply(rb.presumptions, values)
    for v in (values, presumed):
        assert memo.evaluate(period, v) == period.evaluate(v)


@settings(max_examples=25)
@given(data=st.data(), path=st.sampled_from(CASES))
def test_verdicts_kept_by_ruleset_equal_the_engine(rb, data, path: Path) -> None:
    """Random edits (answers, entries added and removed), one memo throughout and a small
    one that forgets: after each, the verdicts equal a fresh evaluation, on the facts as
    answered and as presumed."""
    draw = data.draw
    case = load_case(path)
    memos = [VerdictMemo(), VerdictMemo(limit=2)]
    for _ in range(draw(st.integers(1, 8))):
        case = _change(rb, case, draw)
        for memo in memos:
            _same_verdicts(rb, memo, case)
    assert memos[0].hits > 0


@pytest.mark.parametrize("name", ["fare-psa.yaml", "silver-geek.yaml"])
def test_verdicts_after_every_answer_to_every_question(rb, name: str) -> None:
    """Each question asked (top level, and about each list's first entry) given each of its
    answers, one memo throughout: every verdict equals the engine's; unchanged rulesets
    are reused and the changed ones evaluated again."""
    case = load_case(EXAMPLES / name)
    memo = VerdictMemo()
    _same_verdicts(rb, memo, case)
    facts = interview.case_facts(case, AS_OF)
    asked = [(q, None) for q in interview.steps(rb, case, AS_OF, facts) if q.spec is not None]
    for scope in ("partners", "money.gifts", "people.staff_loans"):
        per_entry = interview.questions_per_entry(rb, case, scope, AS_OF, facts)
        asked += [(q, 0) for q in (per_entry[0] if per_entry else []) if q.spec is not None]
    misses = memo.misses
    for q, index in asked:
        for value in _all_values(rb, case, q):
            try:
                changed = interview.set_answer(case, q, value, index)
            except interview.AnswerError:
                continue
            _same_verdicts(rb, memo, changed)
    assert memo.misses > misses and memo.hits > memo.misses


def test_numbers_the_engine_cannot_read_as_written_take_the_plain_path(rb) -> None:
    """A number json.dumps writes with an exponent, or one beyond the engine's limit: the
    memo gives the engine's verdict, or its error."""
    text = """
partners:
  - {id: d, name: Donateur, kind: company}
  - {id: b, name: Bénéficiaire, kind: association, general_interest: true}
money:
  gifts:
    - {donor: d, beneficiary: b, kind: cash, amount_eur: %s}
"""
    period = rb.period(AS_OF)
    memo = VerdictMemo()
    for amount in (40, 0.00001, 5e15, 40.5, 40):
        values = build_facts(loads_case(text % 1500), AS_OF).values
        values["money.gifts"][0]["counterparts_pct"] = amount
        assert memo.evaluate(period, values) == period.evaluate(values)
    values["money.gifts"][0]["counterparts_pct"] = 2**60
    with pytest.raises(EngineError):
        period.evaluate(values)
    with pytest.raises(EngineError):
        memo.evaluate(period, values)
