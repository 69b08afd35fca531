"""What every command shares: reading dates, counts and languages, the rules base, case
paths, and where an output may go."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import stat
import sys
from pathlib import Path

from ..atomic import same_file
from ..errors import UsageError
from ..model.types import DayError, parse_day
from ..textsafe import one_line

#: Case files are ``*.yaml`` or ``*.yml``, in any case (``CASE.YAML`` too).
CASE_SUFFIXES = (".yaml", ".yml")


def parse_date(text: str) -> dt.date:
    """``--as-of``: the same forms and bounds as a date in a case file or an answer."""
    try:
        return parse_day(text)
    except DayError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_int(text: str) -> int:
    """A whole number of at least 1 (``--jobs``, ``--limit``)."""
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small; give 1 or more")
    return value


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535."""
    value = positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; give 1 to 65535")
    return value


def percent(text: str) -> float:
    """A percentage, 0 to 100 (``--min``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage; give 0 to 100")
    return value


def default_lang() -> str:
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "fr" if (env or "").lower().startswith("fr") else "en"


def rules_base(args):
    from ..assess import default_rules
    from ..rulesbase import load_rules_base

    return load_rules_base(args.rules) if getattr(args, "rules", None) else default_rules()


def is_case_name(name: str) -> bool:
    return name.lower().endswith(CASE_SUFFIXES) and not name.startswith(".")


def case_paths(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files given, and folders walked for case files (sorted), in the order given.

    Returns the case files and the paths skipped in folders with the reason (a dangling
    link, a FIFO, a device...): nothing is skipped in silence, and nothing that could
    block (a FIFO) is ever opened.
    """
    out: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            out.append(p)  # a file given by name: reading it says what is wrong
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                if not is_case_name(name):
                    continue
                path = Path(folder) / name
                reason = _not_a_case_file(path)
                if reason:
                    skipped.append((str(path), reason))
                else:
                    found.append(path)
        if not found and not skipped:
            raise UsageError(f"{one_line(raw)}: folder holds no .yaml case file")
        out.extend(sorted(found))
    return out, skipped


def _not_a_case_file(path: Path) -> str | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            return f"symbolic link to '{os.readlink(path)}', which does not exist"
        return "vanished while the folder was read"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISFIFO(st.st_mode):
        return "a FIFO (named pipe), not a file"
    if stat.S_ISDIR(st.st_mode):
        return "a folder named like a case file"
    return "a device or socket, not a file"


def check_output(output: str | None, inputs: list[Path]) -> None:
    """Refuse an output that is one of the inputs (the report would replace the case)."""
    if not output:
        return
    for path in inputs:
        if same_file(output, path):
            raise UsageError(
                f"the output '{one_line(output)}' is the input case file "
                f"'{one_line(str(path))}': the report would replace the case; "
                "write it to another file"
            )


def report_skipped(skipped: list[tuple[str, str]]) -> None:
    """Say which paths of a folder are not assessed, and why."""
    from ..errors import shown_path

    for path, reason in skipped:
        sys.stderr.write(f"advisor: skipped {shown_path(path)}: {reason}\n")


def warn_oddities(path, case, lang: str) -> None:
    """Possible but odd facts (gifts in a circle...): a warning, the case is assessed."""
    from ..errors import shown_path
    from ..model.checks import oddities

    for text in oddities(case, lang):
        sys.stderr.write(f"advisor: warning: {shown_path(path)}: {text}\n")


def with_cover(case, adviser: str | None, client: str | None, name: str):
    """The case with ``--adviser`` / ``--client`` on its cover, validated like the file."""
    from ..casefile import case_data, case_from_data

    data = case_data(case)
    meta = data.setdefault("meta", {})
    if adviser:
        meta["adviser"] = adviser
    if client:
        meta["client"] = client
    return case_from_data(data, name)
