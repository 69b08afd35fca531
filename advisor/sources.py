"""The sources registry: every legal text the rules base cites, once, in one style.

``rules/sources.yaml`` lists each source under an id (``c-trav-l8241-3``) with its
citation in French and English (« C. trav., art. L. 8241-3 »), a link where one was
checked, whether its content was verified against a stored copy, and the date of that
check. Rules, parameters and remedies cite a source by id, optionally with a pinpoint
inside it (``{source: cgi-238-bis, pin: "1, a–g"}``); loading fills the reference's text,
link and ``unverified`` mark from the registry, so that a citation is written once and
a doubt about a source shows wherever it is cited.

Problems are collected like every other problem of the base: an unknown id is a loading
problem (with a suggestion), a source nobody cites and a rule reference written as free
text are lint problems.
"""

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import Field

from .errors import RulesProblem, did_you_mean
from .rulemodel import ID_PATTERN, Bilingual, Reference, Strict

SOURCES_FILE = "sources.yaml"

SourceKind = Literal[
    "code", "law", "decree", "eu", "case_law", "doctrine", "circular", "bill", "guide", "seed"
]


#: Kinds of source that are not law: a memo cites them as « see also », never as a basis.
NOT_LAW = frozenset({"guide", "seed", "bill"})


class SourceDoc(Strict):
    """One legal text, ruling, doctrine page or guide, as the base cites it."""

    citation: Bilingual
    """The citation in one style, in each language (« C. trav., art. L. 8241-3 »)."""
    kind: SourceKind
    """What the source is: a code article, a law, a decree, EU law, a ruling, doctrine..."""
    url: Optional[str] = Field(default=None, pattern=r"^https?://")
    """A link to the text (official where one is known)."""
    verified: bool = False
    """Its content, as the rules use it, was confirmed against a stored public copy."""
    checked: Optional[dt.date] = None
    """When it was last checked."""
    checked_in: Optional[str] = Field(default=None, pattern=r"^https?://")
    """The stored page the check relied on, when it is not ``url`` itself."""
    note: Optional[str] = None
    """For the rules base's maintainers only (never shown to a client): what was checked,
    what remains doubtful."""


class SourcesFile(Strict):
    sources: dict[str, SourceDoc]


def load_sources(col: Any, root: Path) -> dict[str, SourceDoc]:
    """Read ``sources.yaml`` (an empty registry when the file is absent)."""
    path = root / SOURCES_FILE
    if not path.exists():
        return {}
    doc = col.read(path, SourcesFile)
    if doc is None:
        return {}
    for sid in doc.sources:
        if not re.match(ID_PATTERN, sid):
            col.add(path, None, f"source id '{sid}' must be lowercase letters, digits, . _ -")
    return dict(doc.sources)


def citation(sources: dict[str, SourceDoc], ref: Reference, lang: str = "fr") -> str:
    """The text of a reference in ``lang``: the source's citation and the pinpoint."""
    if ref.source is None or ref.source not in sources:
        return ref.text or ""
    text = sources[ref.source].citation.get(lang)
    return f"{text}, {ref.pin}" if ref.pin else text


def _resolve(sources: dict[str, SourceDoc], ref: Reference, where: str, add) -> Reference:
    if ref.source is None:
        return ref
    src = sources.get(ref.source)
    if src is None:
        add(f"{where}: unknown source '{ref.source}'{did_you_mean(ref.source, sources)}")
        return ref
    return ref.model_copy(
        update={
            "text": citation(sources, ref, "fr"),
            "url": ref.url or src.url,
            "unverified": ref.unverified or not src.verified,
            "see_also": ref.see_also or src.kind in NOT_LAW,
            # Notes are for maintainers: they stay in the registry, out of client texts.
            "note": None,
        }
    )


def resolve_all(col: Any, rb_parts: dict[str, Any], sources: dict[str, SourceDoc]) -> None:
    """Fill every cited reference from the registry, in place of the parts given.

    ``rb_parts`` holds ``rules`` (id -> versions), ``recommendations`` (id -> doc) and
    ``params`` (name -> Parameter), as built by the loader; they are replaced by resolved
    copies (the documents are frozen).
    """
    rules = rb_parts["rules"]
    for rid, versions in rules.items():
        fixed = []
        for v in versions:

            def add(msg: str, v=v) -> None:
                col.add(v.source, v.id, msg)

            refs = [_resolve(sources, r, "references", add) for r in v.doc.references]
            exceptions = tuple(
                (_resolve_refs(sources, ex, f"unless {ex.id}: references", add), node)
                for ex, node in v.exceptions
            )
            unless = [ex for ex, _ in exceptions]
            doc = v.doc.model_copy(update={"references": refs, "unless": unless})
            fixed.append(dataclasses.replace(v, doc=doc, exceptions=exceptions))
        rules[rid] = fixed
    recs = rb_parts["recommendations"]
    for rec_id, rec in list(recs.items()):

        def add_rec(msg: str, rec_id=rec_id) -> None:
            col.add("recommendations.yaml", None, f"recommendation {rec_id}: {msg}")

        refs = [_resolve(sources, r, "references", add_rec) for r in rec.references]
        variants = [
            v.model_copy(
                update={
                    "references": [
                        _resolve(sources, r, f"variants:{v.id}", add_rec) for r in v.references
                    ]
                }
            )
            for v in rec.variants
        ]
        recs[rec_id] = rec.model_copy(update={"references": refs, "variants": variants})
    presumed = rb_parts.get("presumptions", [])
    for i, pr in enumerate(presumed):

        def add_pr(msg: str, pid=pr.id) -> None:
            col.add("presumptions.yaml", None, f"presumption {pid}: {msg}")

        presumed[i] = dataclasses.replace(
            pr, doc=_resolve_refs(sources, pr.doc, "references", add_pr)
        )
    params = rb_parts["params"]
    for name, p in list(params.items()):

        def add_param(msg: str, name=name) -> None:
            col.add("parameters.yaml", None, f"parameter '{name}': {msg}")

        basis = tuple(_resolve(sources, r, "basis", add_param) for r in p.basis)
        for v in p.values:
            if v.source is not None and v.source not in sources:
                add_param(
                    f"value from {v.start.isoformat()}: unknown source '{v.source}'"
                    f"{did_you_mean(v.source, sources)}"
                )
        reference = "; ".join(r.text or "" for r in basis) or p.reference
        url = p.url or next((r.url for r in basis if r.url), None)
        params[name] = dataclasses.replace(p, basis=basis, reference=reference, url=url)


def _resolve_refs(sources: dict[str, SourceDoc], doc: Any, where: str, add) -> Any:
    """A copy of ``doc`` (an exception or a presumption) with its references resolved."""
    refs = [_resolve(sources, r, where, add) for r in doc.references]
    return doc.model_copy(update={"references": refs})


def _cited_references(rb: Any):
    """Every reference a rule (its exceptions included) or a presumption carries, with
    where it is written."""
    for v in rb.all_versions():
        for r in v.doc.references:
            yield v.source, v.id, r
        for ex in v.doc.unless:
            for r in ex.references:
                yield v.source, v.id, r
    for pr in getattr(rb, "presumptions", []):
        for r in pr.doc.references:
            yield "presumptions.yaml", None, r


def cited_ids(rb: Any) -> set[str]:
    """Every source id the base cites (rules, remedies, parameters and their values)."""
    out: set[str] = {r.source for _, _, r in _cited_references(rb) if r.source}
    for rec in rb.recommendations.values():
        out |= {r.source for r in rec.references if r.source}
        out |= {r.source for v in rec.variants for r in v.references if r.source}
    for p in rb.params.values():
        out |= {r.source for r in p.basis if r.source}
        out |= {v.source for v in p.values if v.source}
    return out


def lint_problems(rb: Any) -> list[RulesProblem]:
    """Sources nobody cites; rule and parameter references written as free text."""
    problems = [
        RulesProblem(SOURCES_FILE, None, f"source '{sid}' is cited by no rule, parameter or remedy")
        for sid in sorted(set(rb.sources) - cited_ids(rb))
    ]
    for where, rule_id, r in _cited_references(rb):
        if r.source is None:
            problems.append(
                RulesProblem(
                    where,
                    rule_id,
                    f"reference '{r.text}' names no source: cite an id of {SOURCES_FILE}",
                )
            )
    for p in rb.params.values():
        # A parameter without values failed to load: its own problem is already reported.
        if p.values and not p.basis:
            problems.append(
                RulesProblem(
                    "parameters.yaml",
                    None,
                    f"parameter '{p.name}' has no legal basis: add 'basis' citing {SOURCES_FILE}",
                )
            )
    return problems
