"""The one module that talks to durable_rules.

We drive durable's C extension (``durable_rules_engine``) directly rather than through
``durable.lang`` / ``Host``, following what was measured in ENGINE-NOTES.md:

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
import threading
from collections.abc import Iterable

import durable_rules_engine as _dre

from .errors import EngineError

_LOCK = threading.RLock()
_NAMES = itertools.count(1)
_SIDS = itertools.count(1)
_CATCH = "__catch__"

#: durable accepts at most 255 properties per fact (state.h MAX_OBJECT_PROPERTIES).
MAX_PROPERTIES = 250

FLAGGED = "flagged"
TO_VERIFY = "to_verify"


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
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _LOCK:
        found = _COMPILED.get(digest)
        if found is None:
            found = _COMPILED[digest] = DurableRuleset(body, text)
        return found


class DurableRuleset:
    """A compiled group of durable rules (a handle into the C engine).

    Built through :func:`ruleset` only, so that identical content is compiled once.
    """

    def __init__(self, body: dict[str, dict], text: str):
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
        self.name = f"alliance_{next(_NAMES)}"
        try:
            self.handle = _dre.create_ruleset(self.name, text)
        except _dre.error as exc:  # pragma: no cover - compile guards prevent it
            raise EngineError(f"durable_rules refused the compiled rules: {exc}") from exc

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
        # last, as the compiler requires): durable parses every fact it is given.
        by_type: dict[str, list[str]] = {}
        for f in facts:
            by_type.setdefault(f["_t"], []).append(
                json.dumps(dict(f, sid=sid), ensure_ascii=False, separators=(",", ":"))
            )
        fired: set[str] = set()
        with _LOCK:
            try:
                for rs in self.rulesets:
                    parts = [j for t in rs.types if t != "case" for j in by_type.get(t, ())]
                    parts.extend(by_type.get("case", ()))
                    try:
                        rs.fire("[" + ",".join(parts) + "]", sid, fired)
                    finally:
                        rs.drop(sid)
            except _dre.error as exc:
                raise EngineError(f"durable_rules failed on this case: {exc}") from exc
        statuses: dict[str, str] = {}
        for name in fired:
            if name.startswith(_CATCH):
                continue
            rule_id, _, form = name.rpartition("#")
            if form[0] == "T":
                statuses[rule_id] = FLAGGED
            elif rule_id not in statuses:
                statuses[rule_id] = TO_VERIFY
        return statuses
