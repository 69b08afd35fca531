"""The durable_rules wrapper: isolation between assessments, threads, sessions, failures."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from advisor import engine
from advisor.assess import assess, statuses
from advisor.casefile import loads_case
from advisor.errors import EngineError
from advisor.facts import build_facts
from advisor.rulesbase import load_rules_base

AS_OF = dt.date(2026, 6, 1)

CASES = {
    "counterparts": """
partners:
  - {id: a, name: A, kind: company}
  - {id: b, name: B, kind: association, general_interest: true}
agreements: {written: true}
money:
  gifts: [{donor: a, beneficiary: b, kind: cash, amount_eur: 10000, counterparts_eur: 4000}]
""",
    "volunteers": """
partners:
  - {id: b, name: B, kind: association}
people:
  volunteers: {involved: true, flat_rate_allowances: true, directed_like_employees: true}
""",
    "staff-loan": """
partners:
  - {id: a, name: A, kind: company, employees: 5000}
  - {id: b, name: B, kind: association}
people:
  staff_loans: [{lender: a, host: b, kind: paid_staff_loan, loan_agreement_signed: false}]
""",
    "empty": "meta: {name: nothing known}\n",
}


def _case(name):
    return loads_case(CASES[name])


def test_assessments_in_sequence_do_not_leak_facts(rb):
    alone = {name: statuses(_case(name), as_of=AS_OF, rules=rb) for name in CASES}
    for _ in range(3):
        for name in ["volunteers", "empty", "counterparts", "staff-loan", "empty"]:
            assert statuses(_case(name), as_of=AS_OF, rules=rb) == alone[name]
    assert alone["counterparts"] != alone["volunteers"]


def test_eight_threads_get_what_each_gets_alone(rb):
    names = list(CASES) * 2
    alone = {name: statuses(_case(name), as_of=AS_OF, rules=rb) for name in CASES}
    results: dict[int, list] = {}
    errors = []

    def work(i):
        try:
            name = names[i]
            results[i] = [
                statuses(_case(name), as_of=AS_OF, rules=rb) == alone[name] for _ in range(40)
            ]
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(all(r) for r in results.values()) and len(results) == 8


def test_sessions_are_deleted_after_each_assessment(rb):
    """durable raises MemoryError at the 1,025th live session: 1,500 in a row must pass."""
    case = _case("counterparts")
    period = rb.period(AS_OF)
    values = build_facts(case, AS_OF).values
    first = period.evaluate(values)
    for _ in range(1500):
        assert period.evaluate(values) == first


def test_an_oversized_fact_is_refused_before_reaching_durable(rb):
    period = rb.period(AS_OF)
    bad = [{"_t": "case", "id": "case", **{f"k{i}": i for i in range(400)}}]
    with pytest.raises(EngineError, match="exceeds the engine's limit"):
        period.network.evaluate(bad)


def test_a_failing_assessment_does_not_poison_the_next(rb, monkeypatch):
    """durable raises in the middle of one assessment: the next ones are unaffected."""
    period = rb.period(AS_OF)
    good = build_facts(_case("counterparts"), AS_OF).values
    expected = period.evaluate(good)
    real = engine._dre.assert_facts
    calls = {"n": 0}

    def failing_once(handle, text):
        calls["n"] += 1
        if calls["n"] == 2:  # fail inside the second ruleset of the first assessment
            raise engine._dre.error("Could not assert facts, error code: 999")
        return real(handle, text)

    monkeypatch.setattr(engine._dre, "assert_facts", failing_once)
    with pytest.raises(EngineError, match="durable_rules failed"):
        period.evaluate(build_facts(_case("volunteers"), AS_OF).values)
    for _ in range(20):
        assert period.evaluate(good) == expected
    a = assess(_case("counterparts"), as_of=AS_OF, rules=rb)
    assert any(f.rule_id == "legal.convention.counterparts-over-tolerance" for f in a.findings)


def test_every_ruleset_stays_under_durables_path_limit(rb):
    from advisor import compile as dcompile

    for day in (dt.date(2024, 6, 30), AS_OF, dt.date(2028, 1, 1)):
        for ruleset in rb.period(day).network.rulesets:
            assert ruleset.size > 0
        groups = dcompile.partition(rb.period(day).definitions())
        for g in groups:
            per_type: dict[str, int] = {}
            for _, d in g:
                for t in dcompile.types_of(d):
                    per_type[t] = per_type.get(t, 0) + 1
            assert max(per_type.values()) <= dcompile.MAX_PATHS_PER_RULESET


def test_reloading_the_same_rules_base_does_not_grow_memory(tmp_path):
    """durable never frees a compiled ruleset: a process that reloads the same rules base
    (the interview, a server, the test suite) must compile it once, not once per load."""
    import subprocess
    import sys

    script = """
import datetime as dt, resource
from advisor.assess import assess
from advisor.casefile import load_case
from advisor.engine import compiled_count
from advisor.rulesbase import load_rules_base
case = load_case("examples/silver-geek.yaml")
rss = []
for i in range(20):
    rb = load_rules_base()
    for day in (dt.date(2024, 6, 1), dt.date(2026, 6, 1)):
        assess(case, as_of=day, rules=rb)
    rss.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    if i == 1:
        compiled = compiled_count()
print(rss[1], rss[-1], compiled, compiled_count())
"""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    after_two, after_twenty, compiled_two, compiled_twenty = map(int, out)
    assert compiled_twenty == compiled_two
    assert after_twenty - after_two < 20 * 1024, f"grew by {after_twenty - after_two} KB"


# ---- issue 11, point 8: numbers durable mishandles never reach it ---------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from advisor.casefile import loads_case as _loads  # noqa: E402
from advisor.errors import CaseError  # noqa: E402

#: Magnitudes from a thousandth of a billionth to a thousand billion (issue 11).
MAGNITUDES = st.floats(min_value=1e-12, max_value=1e15, allow_nan=False, allow_infinity=False)
THRESHOLDS = [0, 1e-12, 1e-05, 0.005, 0.5, 1, 1234.56, 1e15]


def _network(thresholds):
    defs = [
        (f"t{i}#T.0", {"all": [{"m": {"$and": [{"_t": "case"}, {"$gt": {"x": t}}]}}]})
        for i, t in enumerate(thresholds)
    ]
    return engine.Network([defs], ["case"])


@settings(max_examples=80, deadline=None)
@given(x=MAGNITUDES, negative=st.booleans())
def test_any_number_in_a_fact_is_compared_faithfully(x, negative):
    """1e-05 written as JSON crashed the process inside durable; 1e+16 too. Every number
    is now written so that durable reads it, and compares it right."""
    value = -x if negative else x
    fired = _network(THRESHOLDS).evaluate([{"_t": "case", "id": "case", "x": value}])
    assert set(fired) == {f"t{i}" for i, t in enumerate(THRESHOLDS) if value > t}


@settings(max_examples=12, deadline=None)
@given(t=MAGNITUDES)
def test_any_number_in_a_rule_or_parameter_compiles_and_compares(t):
    """A rule value (or a parameter, bound into the rule) is written the same way: the
    ruleset compiles (no error 204) and compares right on both sides of the value."""
    net = _network([t])
    assert net.evaluate([{"_t": "case", "id": "case", "x": t * 2}]) == {"t0": "flagged"}
    assert net.evaluate([{"_t": "case", "id": "case", "x": t}]) == {}  # equal: not above


@pytest.mark.parametrize("bad", [1e-13, 2.0**60, float("nan"), float("inf")])
def test_numbers_outside_the_engine_range_are_refused_before_durable(bad):
    with pytest.raises(EngineError, match="cannot read"):
        _network([bad])
    with pytest.raises(EngineError, match="cannot read"):
        _network([1]).evaluate([{"_t": "case", "id": "case", "x": bad}])


@settings(max_examples=40, deadline=None)
@given(amount=MAGNITUDES)
def test_any_amount_in_a_case_is_refused_or_assessed(amount, rb):
    """Finer than a cent or absurd: a clear refusal (exit 2 on the command line);
    otherwise assessed (it once segfaulted the process)."""
    text = (
        "partners: [{id: a, name: A, kind: company}, {id: b, name: B, kind: association}]\n"
        f"money: {{gifts: [{{donor: a, beneficiary: b, amount_eur: {amount!r}}}]}}\n"
    )
    try:
        case = _loads(text)
    except CaseError as exc:
        assert "finer than a cent" in str(exc) or "too large" in str(exc), str(exc)
        assert round(amount, 2) != amount or amount > 100_000_000_000
        return
    assert statuses(case, as_of=AS_OF, rules=rb) is not None


# ---- perf8: one pass over a ruleset's body ----------------------------------------------

_LEAVES = st.one_of(
    st.sampled_from(["a", "case", "_t", "$x"]),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
_KEYS = st.sampled_from(["a", "b", "m", "_t", "$and", "$or", "$iany", "$iall", "$lt"])
_BODIES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(_KEYS, inner, max_size=3),
    ),
    max_leaves=12,
)


def _old_way(body):
    """The text and the properties read as they were found before the single pass: the
    rebuilding ``durable_json``, then ``_keys_read``."""
    reads: set[str] = set()
    engine._keys_read(body, reads)
    return engine.durable_json(body, sort_keys=True), reads


def _new_way(body):
    reads: set[str] = set()
    try:
        plain = engine._scan_body(body, reads)
    except engine.NumberError:
        plain = False
    if not plain:
        return None, reads  # ``ruleset`` falls back to durable_json itself
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")), reads


@settings(max_examples=400, deadline=None)
@given(body=st.dictionaries(st.sampled_from(["r1", "r2"]), _BODIES, min_size=1))
def test_the_single_pass_gives_the_text_and_reads_of_the_two_passes(body):
    try:
        text, reads = _old_way(body)
    except engine.NumberError:
        with pytest.raises(engine.NumberError):
            engine._scan_body(body, set())
        return
    new_text, new_reads = _new_way(body)
    assert new_reads == reads
    assert new_text in (None, text)


def test_every_compiled_ruleset_of_the_rules_base_matches_the_two_passes(monkeypatch):
    """On the bundled rules base, on several days: each body's text (what durable
    compiles, and its cache key) and the properties its facts keep are those of the
    former two passes, and the plain encoder served each (no number needed rewriting)."""
    seen = []
    built = engine.DurableRuleset.__init__

    def spy(self, body, text, reads=None):
        seen.append((body, text, reads))
        built(self, body, text, reads)

    monkeypatch.setattr(engine, "_COMPILED", {})
    monkeypatch.setattr(engine.DurableRuleset, "__init__", spy)
    rb = load_rules_base()  # its own: the periods of a shared one may be compiled
    for day in ("2020-01-01", "2024-06-30", "2026-06-01", "2031-01-01"):
        when = dt.date.fromisoformat(day)
        rb.period(when).evaluate(build_facts(_case("counterparts"), when).values)
    assert seen
    for body, text, reads in seen:
        assert _old_way(body) == (text, reads)
        assert _new_way(body) == (text, reads)


def test_the_python_313_shim_calls_like_pyeval_callobject():
    """durable-rules 2.0.28 calls PyEval_CallObject, gone in Python 3.13: our extension
    supplies it (a plain ``pip install .`` then works on 3.13; checked by hand with 3.13.0,
    see README). Here: the symbol exists and calls a Python function with its arguments."""
    import ctypes
    import importlib.util

    spec = importlib.util.find_spec("advisor._callobject")
    assert spec is not None and spec.origin, "the extension was not built by the install"
    lib = ctypes.PyDLL(spec.origin)
    call = lib.PyEval_CallObject
    call.restype = ctypes.py_object
    call.argtypes = [ctypes.py_object, ctypes.py_object]
    assert call(lambda a, b: a * b, (6, 7)) == 42
