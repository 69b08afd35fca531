"""Digits are 0-9 on the command line as in case files (issue 11): int() and float()
read Arabic-Indic and fullwidth digits silently, so '٢٠٢٤' was the year 2024."""

from __future__ import annotations

import pytest

from advisor.model.types import DayError, parse_day
from tests.test_outputs import CASE, run


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", ["٢٠٢٤-٠١-٠١", "２０２４-０１-０１", "01/01/٢٠٢٤"])
def test_a_date_in_other_digits_is_refused(text):
    with pytest.raises(DayError, match="digits 0-9"):
        parse_day(text)


@pytest.mark.parametrize(
    ("option", "value"),
    [("--as-of", "٢٠٢٤-٠١-٠١"), ("--jobs", "٣"), ("--jobs", "３"), ("--as-of", "2024-01-01T00:00")],
)
def test_an_option_in_other_digits_is_refused(option, value, capsys):
    from advisor.cli import build_parser

    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["assess", option, value, "case.yaml"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}" in err and "Traceback" not in err


def test_ascii_dates_and_counts_still_work(case_file):
    proc = run("assess", "--no-journal", "--as-of", "2024-01-01", "-j", "1", str(case_file))
    assert proc.returncode == 0, proc.stderr
