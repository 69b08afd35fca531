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


def scaled_rules(factor: int) -> Path:
    """A copy of the rules base with every rule repeated ``factor`` times (new ids)."""
    target = Path(tempfile.mkdtemp(prefix=f"advisor-rules-x{factor}-"))
    shutil.copytree(
        default_rules_path(),
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "tests"),
    )
    for framework in ("legal", "social", "fiscal", "financial"):
        for path in sorted((target / framework).glob("*.yaml")):
            if path.name == "index.yaml":
                continue
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            for k in range(2, factor + 1):
                copy = [{**r, "id": f"{r['id']}-x{k}"} for r in doc["rules"]]
                (path.parent / f"{path.stem}-x{k}.yaml").write_text(
                    yaml.safe_dump({"rules": copy}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8",
                )
    return target


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
            "host": f"p{(i + 2) % n}",
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
