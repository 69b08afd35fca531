"""The one module that talks to durable_rules.

We drive durable's C extension (``durable_rules_engine``) directly rather than through
``durable.lang`` / ``Host``, following what was measured (docs/engine.md):

* no ``Host``: it starts timer threads that never stop and is unsafe across threads;
* facts are *asserted* (every matching rule fires), never posted;
* every ruleset has a catch-all rule per fact type, so no fact is ever unhandled
  (deleting the state of an unhandled fact crashed the process);
* there are no Python actions (durable swallows their exceptions): we only read the name
  of each fired rule from the action queue, then complete it;
* one session id per assessment, deleted in ``finally`` (each live session costs memory and
  the 1,025th raises ``MemoryError``);
* every call into the engine runs under one process-wide lock: durable keeps global
  state, and concurrent calls gave wrong results and segfaults;
* the rules base is split into several rulesets so that no fact can overflow durable's
  64-entry alpha stack (error 303).

durable never frees a compiled ruleset (``delete_ruleset`` releases its name, not its
memory: ~65 MB per rules base period, measured). So a ruleset is compiled once per process
for each distinct content (keyed by the SHA-256 of its JSON) and shared by every rules base,
period and thread that needs the same rules: reloading the same rules base costs nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .errors import EngineError, EngineUnavailable

#: What fixes durable-rules 2.0.28 on Python 3.13 (it calls ``PyEval_CallObject``, which
#: 3.13 removed; docs/engine.md). ``tasks.py`` passes the same define.
REINSTALL_313 = (
    'CPPFLAGS="-DPyEval_CallObject=PyObject_CallObject" '
    "pip install --no-cache-dir --force-reinstall durable-rules==2.0.28"
)


def _import_durable():
    """durable's engine library; on Python 3.13, with the missing symbol supplied when a
    plain ``pip install`` built it without the fix (see ``advisor/_callobject.c``)."""
    try:
        import durable_rules_engine
    except ImportError as exc:
        if "PyEval_CallObject" not in str(exc):
            raise EngineUnavailable(
                f"the rules engine durable-rules cannot be loaded ({exc}); reinstall it "
                "with: pip install --no-cache-dir --force-reinstall durable-rules==2.0.28"
            ) from None
        try:
            import ctypes
            import importlib.util

            spec = importlib.util.find_spec("advisor._callobject")
            if spec is None or spec.origin is None:
                raise ImportError("advisor._callobject was not built")
            ctypes.CDLL(spec.origin, mode=ctypes.RTLD_GLOBAL)
            import durable_rules_engine
        except (ImportError, OSError):
            raise EngineUnavailable(
                "the rules engine durable-rules was built without the fix Python 3.13 "
                f"needs (undefined symbol PyEval_CallObject); reinstall it with: {REINSTALL_313}"
            ) from None
    return durable_rules_engine


_dre = _import_durable()

_LOCK = threading.RLock()
_NAMES = itertools.count(1)
_SIDS = itertools.count(1)
_CATCH = "__catch__"

#: durable accepts at most 255 properties per fact (state.h MAX_OBJECT_PROPERTIES).
MAX_PROPERTIES = 250

FLAGGED = "flagged"
TO_VERIFY = "to_verify"


#: Numbers handed to durable lie in this range (or are zero). Its JSON reader crashes the
#: process (facts) or refuses the ruleset (error 204) on a number written with an
#: exponent and no decimal point (``1e-05``, ``1e+16``: Python's shortest form below
#: 1e-4 and from 1e16), so every number is written in positional notation here; beyond
#: 2**53 a double no longer holds every whole number.
SMALLEST_NUMBER = 1e-12
LARGEST_NUMBER = 2**53


class NumberError(ValueError):
    """A number the engine cannot be given faithfully."""


def durable_number(value: int | float) -> str:
    """The JSON text of a number as durable reads it correctly.

    Raises:
        NumberError: not a finite number, or outside what durable compares faithfully.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NumberError(f"{value!r} is not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError(f"{value!r} is not a finite number")
        if value.is_integer() and abs(value) <= LARGEST_NUMBER:
            value = int(value)
    if abs(value) > LARGEST_NUMBER:
        raise NumberError(f"{value!r} is larger than the engine's limit of {LARGEST_NUMBER:,}")
    if isinstance(value, int):
        return str(value)
    if abs(value) < SMALLEST_NUMBER:
        raise NumberError(f"{value!r} is smaller than the engine's limit of {SMALLEST_NUMBER}")
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text or "E" in text else text


def durable_json(obj: object, *, sort_keys: bool = False) -> str:
    """JSON for durable: like ``json.dumps`` (compact, Unicode kept), with every number
    written by :func:`durable_number`.

    Raises:
        NumberError: a number durable would mishandle.
    """
    swaps: dict[str, str] = {}

    def walk(x: object) -> object:
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [walk(v) for v in x]
        if isinstance(x, float):
            token = durable_number(x)
            if "e" in repr(x):  # json.dumps would write the exponent form
                mark = f"\u0000{len(swaps)}\u0000"
                swaps[json.dumps(mark)] = token
                return mark
        elif isinstance(x, int) and not isinstance(x, bool) and abs(x) > LARGEST_NUMBER:
            durable_number(x)  # raises
        return x

    text = json.dumps(walk(obj), ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"))
    for mark, token in swaps.items():
        text = text.replace(mark, token)
    return text


def _plain(v: object) -> bool:
    """Whether ``json.dumps`` already writes ``v`` as durable reads it (the common case)."""
    if type(v) is float:
        return v == 0 or 1e-4 <= abs(v) < 1e15  # written without an exponent
    if type(v) is int:
        return abs(v) <= LARGEST_NUMBER
    return True


#: ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``, built once.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _fact_json(fact: dict, plain: bool | None = None) -> str:
    """A fact as JSON for durable: ``json.dumps`` when every value is plain (facts are
    flat: numbers, texts, lists of texts), else :func:`durable_json`. ``plain``: already
    known for a fact this one is part of."""
    if plain is None:
        plain = all(_plain(v) for v in fact.values())
    return _COMPACT.encode(fact) if plain else durable_json(fact)


def _keys_read(node: object, out: set[str]) -> None:
    """The fact properties a durable rule body reads (as ``advisor.compile.Used``)."""
    if isinstance(node, list):
        for x in node:
            _keys_read(x, out)
    elif isinstance(node, dict):
        for k, v in node.items():
            if not k.startswith("$"):
                out.add(k)
            elif k in ("$iany", "$iall") and isinstance(v, dict):
                out.update(v)
            if k != "_t":
                _keys_read(v, out)


def _scan_body(node: object, reads: set[str]) -> bool:
    """One pass over a ruleset's body: adds to ``reads`` what :func:`_keys_read` adds,
    and tells whether ``json.dumps`` already writes every number in it as
    :func:`durable_json` would (no float it writes with an exponent, and each number
    accepted by :func:`durable_number`, which raises as :func:`durable_json` does).

    Raises:
        NumberError: a number durable would mishandle (not always the first one
        :func:`durable_json` would name).
    """
    plain = True
    stack: list[tuple[object, bool]] = [(node, True)]
    pop, push = stack.pop, stack.append
    while stack:
        x, keys = pop()
        # ``keys``: whether the keys under ``x`` are read (not below a ``_t``).
        if isinstance(x, dict):
            for k, v in x.items():
                if keys:
                    if not k.startswith("$"):
                        reads.add(k)
                    elif k in ("$iany", "$iall") and isinstance(v, dict):
                        reads.update(v)
                if type(v) is not str:
                    push((v, keys and k != "_t"))
        elif isinstance(x, (list, tuple)):
            inner = keys and isinstance(x, list)  # as _keys_read: no key read in a tuple
            for v in x:
                if type(v) is not str:
                    push((v, inner))
        elif isinstance(x, float):
            durable_number(x)
            if "e" in repr(x):
                plain = False
        elif isinstance(x, int) and not isinstance(x, bool) and abs(x) > LARGEST_NUMBER:
            durable_number(x)  # raises
    return plain


#: Compiled rulesets of this process, by the SHA-256 of their content (never freed).
_COMPILED: dict[str, DurableRuleset] = {}


def compiled_count() -> int:
    """How many distinct rulesets this process has compiled (for tests and benchmarks)."""
    return len(_COMPILED)


def ruleset(definitions: Iterable[tuple[str, dict]], fact_types: Iterable[str]) -> DurableRuleset:
    """The compiled ruleset of these definitions, compiled at most once per process."""
    body = dict(definitions)
    # Every fact must be handled by some rule (an unhandled fact's session crashed durable
    # when deleted): one catch-all per fact type.
    for t in fact_types:
        body[f"{_CATCH}{t}"] = {"all": [{"m": {"_t": t}}]}
    reads: set[str] = set()
    try:
        # One pass finds the properties read and whether the plain encoder suffices (it
        # writes the same text as ``durable_json``, whose own pass rebuilds the body).
        try:
            plain = _scan_body(body, reads)
        except NumberError:
            plain = False  # durable_json raises it, on the number it meets first
        if plain:
            text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        else:
            text = durable_json(body, sort_keys=True)
    except NumberError as exc:
        raise EngineError(f"a rule compares with a number the engine cannot read: {exc}") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _LOCK:
        found = _COMPILED.get(digest)
        if found is None:
            found = _COMPILED[digest] = DurableRuleset(body, text, reads)
        return found


def ruleset_from_record(record: RulesetRecord) -> DurableRuleset:
    """The compiled ruleset of a record :meth:`DurableRuleset.record` gave (kept by
    :mod:`advisor.compilecache`), compiled at most once per process as :func:`ruleset`."""
    digest = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    with _LOCK:
        found = _COMPILED.get(digest)
        if found is None:
            found = _COMPILED[digest] = DurableRuleset.from_record(record)
        return found


@dataclass(frozen=True)
class RulesetRecord:
    """What a compiled ruleset is made of, as plain data: its JSON text (what durable
    compiles), the properties its rules read, its fact types and its number of rules."""

    text: str
    reads: tuple[str, ...]
    types: tuple[str, ...]
    size: int


class DurableRuleset:
    """A compiled group of durable rules (a handle into the C engine).

    Built through :func:`ruleset` only, so that identical content is compiled once.
    """

    def __init__(self, body: dict[str, dict], text: str, reads: set[str] | None = None):
        self.size = sum(1 for name in body if not name.startswith(_CATCH))
        self.types = sorted(
            {
                next(iter(e.values()))["$and"][0]["_t"]
                if "$and" in next(iter(e.values()))
                else next(iter(e.values()))["_t"]
                for name, d in body.items()
                if not name.startswith(_CATCH)
                for e in d["all"]
            }
        )
        if reads is None:
            reads = set()
            _keys_read(body, reads)
        self._setup(text, reads)

    @classmethod
    def from_record(cls, record: RulesetRecord) -> DurableRuleset:
        """Built through :func:`ruleset_from_record` only."""
        self = cls.__new__(cls)
        self.size = record.size
        self.types = list(record.types)
        self._setup(record.text, set(record.reads))
        return self

    def record(self) -> RulesetRecord:
        return RulesetRecord(self.text, tuple(sorted(self._reads)), tuple(self.types), self.size)

    def _setup(self, text: str, reads: set[str]) -> None:
        self.text = text
        self._reads = frozenset(reads)
        self.keep = frozenset(reads | {"_t", "id", "sid"})
        """The properties its rules read: durable parses every property of every fact it is
        given, so each ruleset is given only these (a case fact holds ~100, a ruleset reads
        10 to 40: the engine's time per case fell by ~40 %)."""
        self._keys: dict[tuple[str, ...], list[str]] = {}
        self.name = f"alliance_{next(_NAMES)}"
        try:
            self.handle = _dre.create_ruleset(self.name, text)
        except _dre.error as exc:  # pragma: no cover - compile guards prevent it
            raise EngineError(f"durable_rules refused the compiled rules: {exc}") from exc

    def facts_json(self, facts: list[tuple[dict, bool]]) -> str:
        """The JSON array of ``facts`` (each with whether all its values are plain) with
        only the properties this ruleset reads.

        Raises:
            NumberError: a number durable would mishandle.
        """
        parts = []
        for f, plain in facts:
            layout = tuple(f)
            keys = self._keys.get(layout)
            if keys is None:
                keys = self._keys[layout] = [k for k in layout if k in self.keep]
            parts.append(_fact_json({k: f[k] for k in keys}, plain))
        return "[" + ",".join(parts) + "]"

    def fire(self, facts_json: str, sid: str, fired: set[str]) -> None:
        """Assert the facts in session ``sid`` and add the names of the rules that fired."""
        result = _dre.assert_facts(self.handle, facts_json)
        state = result[1]
        started = _dre.start_action_for_state(self.handle, state)
        message = started[1] if started else None
        while message:
            # The message is {"<rule name>": {...}}; rule names never contain a quote.
            fired.add(message[2 : message.index('"', 2)])
            message = _dre.complete_and_start_action(self.handle, state)

    def drop(self, sid: str) -> None:
        try:
            _dre.delete_state(self.handle, sid)
        except _dre.error:  # no state was created for this sid
            pass


class Network:
    """Several durable rulesets that together hold every rule in force at one date."""

    def __init__(self, groups: list[list[tuple[str, dict]]], fact_types: list[str]):
        self.rulesets = [ruleset(g, fact_types) for g in groups]

    @classmethod
    def from_records(cls, records: Iterable[RulesetRecord]) -> Network:
        """The network of rulesets kept as records (see :mod:`advisor.compilecache`)."""
        self = cls.__new__(cls)
        self.rulesets = [ruleset_from_record(r) for r in records]
        return self

    def evaluate(self, facts: list[dict]) -> dict[str, str]:
        """Statuses of the rules that fire: ``{rule_id: flagged|to_verify}``.

        ``facts`` are the list entries then the case fact (see :mod:`advisor.compile`).
        """
        for f in facts:
            if len(f) > MAX_PROPERTIES:
                # durable refuses (error 302) and was seen to crash on such facts: refuse
                # before calling it.
                raise EngineError(
                    f"a fact of {len(f)} properties exceeds the engine's limit of {MAX_PROPERTIES}"
                )
        sid = str(next(_SIDS))
        # Each ruleset gets only the facts of the types its rules read (the case fact
        # last, as the compiler requires), each with only the properties its rules read:
        # durable parses every fact it is given.
        by_type: dict[str, list[tuple[dict, bool]]] = {}
        for f in facts:
            plain = all(_plain(v) for v in f.values())
            by_type.setdefault(f["_t"], []).append((dict(f, sid=sid), plain))
        texts = []
        for rs in self.rulesets:
            given = [f for t in rs.types if t != "case" for f in by_type.get(t, ())]
            given.extend(by_type.get("case", ()))
            try:
                texts.append(rs.facts_json(given))
            except NumberError as exc:
                raise EngineError(f"a fact holds a number the engine cannot read: {exc}") from None
        fired: set[str] = set()
        with _LOCK:
            try:
                for rs, text in zip(self.rulesets, texts, strict=True):
                    try:
                        rs.fire(text, sid, fired)
                    finally:
                        rs.drop(sid)
            except _dre.error as exc:
                raise EngineError(f"durable_rules failed on this case: {exc}") from exc
        return statuses_of(fired)


def statuses_of(fired: Iterable[str]) -> dict[str, str]:
    """Statuses from the names of the durable rules that fired.

    A name reads ``<rule id>#<form>.<alternative>+<part>.<parts>.<n>`` (see
    :func:`advisor.compile.rule_definitions`): an alternative holds when every one of its
    parts fired (through any of its ``n``), or ``<rule id>#<form>.<alternative>`` when
    one durable rule is the whole alternative; a rule is flagged when an alternative of form
    ``T`` holds, to verify when only one of form ``P`` does.
    """
    seen: dict[tuple[str, str], set[str]] = {}
    for name in fired:
        if name.startswith(_CATCH):
            continue
        rule_id, _, form = name.rpartition("#")
        alternative, split, part = form.partition("+")
        parts = seen.setdefault((rule_id, alternative), set())
        if not split:  # ``<id>#T.0``: an alternative in one durable rule
            parts.add("whole")
            continue
        k, _, rest = part.partition(".")
        parts.add(k)
        if len(parts) == int(rest.partition(".")[0]):
            parts.add("whole")
    statuses: dict[str, str] = {}
    for (rule_id, alternative), parts in seen.items():
        if "whole" not in parts:
            continue
        if alternative[0] == "T":
            statuses[rule_id] = FLAGGED
        elif rule_id not in statuses:
            statuses[rule_id] = TO_VERIFY
    return statuses
