"""Shared fixtures: the bundled rules base and a few cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from advisor.assess import default_rules
from advisor.casefile import loads_case

# No test may depend on timing (issue 11, point 18): hypothesis's per-example deadline and
# its "too slow" health check both measure time, and fail on a loaded machine.
settings.register_profile(
    "suite",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="session")
def rb():
    return default_rules()


@pytest.fixture
def small_case():
    return loads_case("""
meta: {name: Petit test}
partners:
  - {id: acme, name: Acme, kind: company, company_size: sme}
  - {id: asso, name: Asso, kind: association, general_interest: true}
agreements: {written: false}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
""")


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_cache(_cache_folder, monkeypatch):
    """Tests never write to the user's real cache of parsed rules files (one for the run:
    entries are checked against each file's bytes)."""
    monkeypatch.setenv("ALLIANCE_ADVISOR_CACHE", str(_cache_folder))
    return _cache_folder


@pytest.fixture(autouse=True)
def _isolated_journal(tmp_path_factory, monkeypatch):
    """Tests never write to the user's real journal."""
    path = tmp_path_factory.mktemp("journal") / "journal.sqlite3"
    monkeypatch.setenv("ALLIANCE_ADVISOR_JOURNAL", str(path))
    return path
