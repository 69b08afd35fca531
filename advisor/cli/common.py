"""What every command shares: reading dates, counts and languages, the rules base, case
paths, and where an output may go."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import stat
import sys
from pathlib import Path

from ..atomic import same_file
from ..errors import UsageError
from ..textsafe import one_line

#: Case files are ``*.yaml`` or ``*.yml``, in any case (``CASE.YAML`` too).
CASE_SUFFIXES = (".yaml", ".yml")


def parse_date(text: str) -> dt.date:
    """``--as-of``: the same forms and bounds as a date in a case file or an answer."""
    # Imported here: the case model (pydantic) is loaded once the collector is held
    # (see :func:`hold_collector`), not when ``advisor.cli`` is imported.
    from ..model.types import DayError, parse_day

    try:
        return parse_day(text)
    except DayError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_int(text: str) -> int:
    """A whole number of at least 1 (``--jobs``, ``--limit``)."""
    # ASCII digits only: int() would also read '٣' or '３' (issue 11).
    if not re.fullmatch(r"[0-9]+", text.strip()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number in digits 0-9")
    value = int(text, 10)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small; give 1 or more")
    return value


def positive_seconds(text: str) -> float:
    """A duration in seconds, more than 0 and at most a day (``--case-timeout``)."""
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text.strip()):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of seconds in digits 0-9 (e.g. 30 or 2.5)"
        )
    value = float(text)
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"{text} s is out of range; give more than 0, up to 86400")
    return value


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535."""
    value = positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; give 1 to 65535")
    return value


def percent(text: str) -> float:
    """A percentage, 0 to 100 (``--min``)."""
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text.strip()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number in digits 0-9")
    value = float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage; give 0 to 100")
    return value


def default_lang() -> str:
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "fr" if (env or "").lower().startswith("fr") else "en"


#: Set by :func:`advisor.cli.main` for an ``advisor assess`` or ``advisor interview``
#: process run from the command line (not a call from a test or a program): see
#: :func:`settle_heap`.
SETTLE_HEAP = False

#: Set with :data:`SETTLE_HEAP`: the rules base loaded keeps its compiled rules between
#: processes (:mod:`advisor.compilecache`).
COMPILED_CACHE = False


def rules_base(args):
    from ..assess import default_rules
    from ..rulesbase import load_rules_base

    rb = load_rules_base(args.rules) if getattr(args, "rules", None) else default_rules()
    if COMPILED_CACHE and rb.compiled_cache is None and not rb._periods:
        from ..compilecache import CompiledCache

        rb.compiled_cache = CompiledCache.default()
    if SETTLE_HEAP:
        settle_heap()
    return rb


def no_pydantic_plugins() -> None:
    """Before pydantic builds its first model it looks for plugins: the entry points of
    every installed distribution, read through ``importlib.metadata``, whose import alone
    (email, zipfile, csv...) is most of the cost: ~13 ms of CPU of a ~370 ms JSON
    assessment (measured). The command line uses no pydantic plugin, so, when pydantic is
    not loaded yet, its plugin loader is stood in for by one that finds none, as
    ``PYDANTIC_DISABLE_PLUGINS=__all__`` would (that variable still imports
    ``importlib.metadata``). Validation is pydantic's own either way: plugins only observe
    it. tests/test_cli.py checks that ``get_plugins`` is all pydantic takes from the
    loader."""
    if "pydantic" in sys.modules or _PLUGIN_LOADER in sys.modules:
        return
    import types

    loader = types.ModuleType(_PLUGIN_LOADER, "No pydantic plugins (advisor.cli.common).")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[_PLUGIN_LOADER] = loader


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


def hold_collector() -> None:
    """No cyclic garbage collection while an ``advisor assess`` or ``advisor interview``
    process loads its modules and the rules base: what they build lives until the process
    ends, and the collections during that load scanned it again and again for nothing
    (~16 ms of CPU of a ~370 ms JSON assessment, measured). :func:`settle_heap`, reached
    once the rules base is loaded, turns the collector back on."""
    import gc

    gc.disable()


def settle_heap() -> None:
    """Once the modules and the rules base are loaded (they live until the process ends),
    take them out of the cyclic garbage collector's sight (``gc.freeze``), and let it run
    after 10,000 new objects rather than 700: an assessment of a 1,500-entry case spent
    half its CPU in collections that scanned the same long-lived objects again and again
    (measured: 2.0 s with the defaults, 1.2 s settled). No output depends on when the
    collector runs. The collector is on again after this (:func:`hold_collector`)."""
    import gc

    gc.freeze()
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(gen0, 10_000), gen1, gen2)
    gc.enable()


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


def check_output(args, inputs: list[Path]) -> None:
    """Refuse an ``--output`` that would destroy something the command reads or keeps.

    A path ending in a slash (or in ``/.``, ``/..``) names a folder, and no command writes
    into a folder: refused, so that ``case.yaml/`` never becomes ``case.yaml``. Outputs are
    compared with the inputs after resolving links and ``..`` (``os.path.realpath``, then
    ``samefile`` for hard links), never as strings: a case file, the journal in use, any
    SQLite database (another journal) and the rules base's files are refused.
    """
    output = getattr(args, "output", None)
    if not output:
        return
    shown = one_line(output)
    if output.endswith(("/", os.sep)) or os.path.basename(output) in (".", ".."):
        raise UsageError(
            f"the output '{shown}' names a folder (it ends with '/', '/.' or '/..'); "
            "give the name of a file to write to"
        )
    for path in inputs:
        if _same(output, path):
            raise UsageError(
                f"the output '{shown}' is the input case file "
                f"'{one_line(str(path))}': the report would replace the case; "
                "write it to another file"
            )
    journal = _journal_in_use(args)
    if journal is not None and _same(output, journal):
        raise UsageError(
            f"the output '{shown}' is the journal '{one_line(str(journal))}' this command "
            "records in: the report would destroy the history of assessments; "
            "write it to another file"
        )
    if _is_sqlite(output):
        raise UsageError(
            f"the output '{shown}' is an SQLite database (a journal?): "
            "the report would destroy it; write it to another file"
        )
    rules = _rules_folder(args)
    real = os.path.realpath(output)
    if rules is not None and os.path.commonpath([real, rules]) == rules:
        raise UsageError(
            f"the output '{shown}' is inside the rules base '{one_line(rules)}' "
            "this command reads; write it to another file"
        )


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """One file, through links, ``..`` and hard links (existing or not yet)."""
    return os.path.realpath(a) == os.path.realpath(b) or same_file(a, b)


def _journal_in_use(args) -> Path | None:
    if getattr(args, "no_journal", True):
        return None
    from ..journal import default_path

    return Path(args.journal) if getattr(args, "journal", None) else default_path()


def _is_sqlite(path: str) -> bool:
    """Whether ``path`` is a regular file starting with SQLite's 16-byte header."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a device or FIFO is written as a stream, never read here
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _rules_folder(args) -> str | None:
    from ..rulesbase import default_rules_path

    folder = getattr(args, "rules", None) or default_rules_path()
    try:
        return os.path.realpath(folder)
    except OSError:
        return None


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
