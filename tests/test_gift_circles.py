"""Gifts going round in a circle: found in polynomial time whatever the case holds
(issue 11, no hang). Enumerating every circle was exponential: 15 partners who all give
to each other hung ``assess``, ``explain`` and batches."""

from __future__ import annotations

import yaml

from advisor.casefile import loads_case
from advisor.model.checks import MAX_CIRCLES_SHOWN, gift_circle_groups, gift_cycles, oddities


def _case(partners: int, gifts: list[tuple[int, int]]):
    data = {
        "meta": {"name": "circles"},
        "partners": [
            {"id": f"p{i:02d}", "name": f"P{i:02d}", "kind": "association"}
            for i in range(partners)
        ],
        "money": {
            "gifts": [
                {"donor": f"p{a:02d}", "beneficiary": f"p{b:02d}", "kind": "cash",
                 "amount_eur": 100}
                for a, b in gifts
            ]
        },
    }  # fmt: skip
    return loads_case(yaml.safe_dump(data))


def test_a_complete_graph_of_22_partners_is_one_group_with_one_circle():
    n = 22
    case = _case(n, [(a, b) for a in range(n) for b in range(n) if a != b])
    assert gift_cycles(case) == [["p00", "p01", "p00"]]
    (warning,) = oddities(case, "en")
    assert "P00 → P01 → P00" in warning and "among 22 partners" in warning
    (warning,) = oddities(case, "fr")
    assert "parmi 22 partenaires" in warning


def test_separate_groups_are_each_shown_once_and_the_rest_counted():
    pairs = MAX_CIRCLES_SHOWN + 2
    gifts = [g for i in range(pairs) for g in ((2 * i, 2 * i + 1), (2 * i + 1, 2 * i))]
    case = _case(2 * pairs, gifts)
    assert len(gift_cycles(case)) == pairs
    warnings = oddities(case, "en")
    assert len(warnings) == MAX_CIRCLES_SHOWN + 1
    assert warnings[0].startswith("gifts go round in a circle (P00 → P01 → P00)")
    assert warnings[-1] == "and 2 other groups of partners whose gifts go round in a circle"


def test_the_shortest_circle_of_a_long_ring_is_the_ring():
    case = _case(5, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (2, 0)])
    assert gift_cycles(case) == [["p00", "p01", "p02", "p00"]]
    assert "among 5 partners" in oddities(case, "en")[0]


def test_gifts_in_one_direction_are_no_circle():
    assert gift_cycles(_case(4, [(0, 1), (1, 2), (0, 2), (2, 3)])) == []


def test_a_chain_of_10000_partners_does_not_reach_the_recursion_limit():
    n = 10_000
    edges = {f"n{i:05d}": {f"n{i + 1:05d}"} for i in range(n - 1)}
    edges[f"n{n - 1:05d}"] = {"n00000"}
    (group,) = gift_circle_groups(edges)
    assert len(group) == n


def test_a_batch_with_a_complete_graph_assesses_every_case(tmp_path):
    from tests.test_outputs import CASE, run

    n = 22
    gifts = [(a, b) for a in range(n) for b in range(n) if a != b]
    data = {
        "meta": {"name": "Complete"},
        "partners": [{"id": f"p{i:02d}", "name": f"P{i:02d}", "kind": "association"}
                     for i in range(n)],
        "money": {"gifts": [{"donor": f"p{a:02d}", "beneficiary": f"p{b:02d}",
                             "kind": "cash", "amount_eur": 100} for a, b in gifts]},
    }  # fmt: skip
    (tmp_path / "complete.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "plain.yaml").write_text(CASE, encoding="utf-8")
    proc = run("assess", "--no-journal", "--summary", "-f", "csv", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.splitlines()[1:]
    assert len(rows) == 2 and any("Complete" in r for r in rows)
    assert proc.stderr.count("among 22 partners") == 1
