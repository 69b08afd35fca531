"""Inputs for the benchmarks: varied realistic cases, bigger rules bases, bigger cases."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from advisor.casefile import case_data, case_from_data, dumps_case, load_case, loads_case
from advisor.errors import AdvisorError
from advisor.rulesbase import default_rules_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

FALLBACK = """
meta: {name: Cas de référence}
partners:
  - {id: a, name: Entreprise, kind: company, employees: 300, turnover_eur: 40000000}
  - {id: b, name: Association, kind: association, general_interest: true, issues_tax_receipts: true}
  - {id: c, name: Département, kind: public_authority, public_level: department}
co_construction: {form: collective_experimentation, innovative: true}
agreements: {written: false}
people:
  volunteers: {involved: true, flat_rate_allowances: false, expenses_documented: true}
  staff_loans: [{lender: a, host: b, kind: skills_sponsorship, loan_agreement_signed: true}]
money:
  gifts: [{donor: a, beneficiary: b, kind: cash, amount_eur: 20000, counterparts_eur: 2000}]
  subsidies: [{funder: c, beneficiary: b, amount_eur_per_year: 30000, written_agreement: true}]
results: {co_developed: [method], ip_agreement: false}
"""


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml")) if EXAMPLES.is_dir() else []


def largest_example() -> Path:
    """The example with the most answers (the heaviest realistic case)."""
    found = examples()
    if not found:
        path = Path(tempfile.gettempdir()) / "advisor-bench-fallback.yaml"
        path.write_text(FALLBACK, encoding="utf-8")
        return path
    return max(found, key=lambda p: len(p.read_text(encoding="utf-8")))


def _mutate(node: Any, rng: random.Random, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _mutate(v, rng, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_mutate(v, rng, key) for v in node]
    if isinstance(node, bool):
        r = rng.random()
        return node if r < 0.7 else (not node if r < 0.9 else None)
    if isinstance(node, (int, float)) and key.endswith(("_eur", "_eur_ht", "_eur_per_year")):
        value = node * rng.uniform(0.4, 2.5)
        return int(value) if isinstance(node, int) else round(value, 2)
    if isinstance(node, (int, float)) and key.endswith("_pct"):
        return min(100, round(node * rng.uniform(0.5, 1.5), 1))
    return node


def generate_cases(folder: Path, n: int, seed: int = 7) -> None:
    """``n`` valid case files, variations of the bundled examples."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [case_data(load_case(p)) for p in examples()] or [case_data(loads_case(FALLBACK))]
    rng = random.Random(seed)
    for i in range(n):
        base = bases[i % len(bases)]
        data = _mutate(base, rng)
        data.setdefault("meta", {})["name"] = f"{data.get('meta', {}).get('name', 'Cas')} #{i}"
        try:
            case = case_from_data(data, "generated")
        except AdvisorError:
            case = case_from_data(base, "generated")
        (folder / f"case-{i:05d}.yaml").write_text(dumps_case(case), encoding="utf-8")


def scaled_rules(factor: int, seed: int = 11) -> Path:
    """A copy of the rules base with ``factor - 1`` times as many *distinct* generated
    rules added: random conditions over the same facts, so that the engine compiles and
    runs genuinely more rules (copies under new ids would share compiled content)."""
    from advisor.assess import default_rules
    from advisor.schema import case_schema

    target = Path(tempfile.mkdtemp(prefix=f"advisor-rules-x{factor}-"))
    shutil.copytree(
        default_rules_path(),
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "tests"),
    )
    if factor <= 1:
        return target
    rb = default_rules()
    schema = case_schema()
    rng = random.Random(seed)
    root = [f for f in schema.in_scope("") if f.kind in ("bool", "enum", "number")]
    lists = {
        scope: [f for f in schema.in_scope(scope) if f.kind in ("bool", "enum", "number")]
        for scope in schema.scopes
    }
    lists = {k: v for k, v in lists.items() if v}
    challenges = [c.id for c in rb.challenges]
    count = sum(1 for _ in rb.rules) * (factor - 1)
    by_framework: dict[str, list[dict]] = {}
    for k in range(count):
        challenge = rng.choice(challenges)
        terms = [_atom(rng.choice(root), rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            scope = rng.choice(sorted(lists))
            inner = [_atom(rng.choice(lists[scope]), rng) for _ in range(rng.randint(1, 2))]
            terms.append({"some": scope, "where": {"all": inner}})
        by_framework.setdefault(challenge.split(".")[0], []).append(
            {
                "id": f"{challenge}.generated-{k}",
                "challenge": challenge,
                "severity": rng.choice(["low", "medium", "high", "critical"]),
                "likelihood": rng.choice(["unlikely", "possible", "likely"]),
                "when": {"all": terms},
                "title": {"fr": f"Règle générée {k}", "en": f"Generated rule {k}"},
                "explanation": {"fr": "Pour mesurer.", "en": "For measuring."},
                "advice": {"fr": "Rien.", "en": "Nothing."},
                "references": [{"text": "Benchmark"}],
            }
        )
    for framework, rules in by_framework.items():
        (target / framework / "generated.yaml").write_text(
            yaml.safe_dump({"rules": rules}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    return target


def _atom(spec, rng: random.Random) -> dict:
    if spec.kind == "bool":
        return {"field": spec.path, "op": "eq", "value": rng.random() < 0.5}
    if spec.kind == "enum":
        return {"field": spec.path, "op": "eq", "value": rng.choice(spec.values)}
    return {"field": spec.path, "op": rng.choice(["gt", "lt"]), "value": rng.randint(1, 100_000)}


def case_with_partners(n: int):
    """A case with ``n`` partners of every kind, gifts and staff loans between them."""
    kinds = [
        "company",
        "association",
        "foundation",
        "public_authority",
        "cooperative",
        "university",
        "insertion_structure",
        "endowment_fund",
    ]
    partners = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        p = {
            "id": f"p{i}",
            "name": f"Partenaire {i}",
            "kind": kind,
            "general_interest": kind in ("association", "foundation", "endowment_fund"),
        }
        if kind == "company":
            p.update(employees=100 + 50 * i, turnover_eur=1_000_000 * (i + 1))
        if kind == "public_authority":
            p["public_level"] = "department"
        partners.append(p)
    gifts = [
        {
            "donor": f"p{i}",
            "beneficiary": f"p{(i + 1) % n}",
            "kind": "cash",
            "amount_eur": 5_000 * (i + 1),
            "counterparts_eur": 500 * i,
        }
        for i in range(n)
    ]
    loans = [
        {
            "lender": f"p{i}",
            "host": f"p{(i + 2) % n if n > 2 else (i + 1) % n}",
            "kind": "skills_sponsorship",
            "loan_agreement_signed": i % 2 == 0,
        }
        for i in range(n)
    ]
    data = {
        "meta": {"name": f"{n} partenaires"},
        "partners": partners,
        "co_construction": {"form": "collective_experimentation", "innovative": True},
        "agreements": {"written": True, "kinds": ["consortium_agreement"]},
        "people": {
            "volunteers": {"involved": True, "flat_rate_allowances": False},
            "staff_loans": loans,
        },
        "money": {"gifts": gifts},
    }
    return case_from_data(data, f"{n} partners")
