"""The ``advisor`` command line.

Exit codes: 0 done (nothing at or above ``--fail-on``), 1 a finding at or above
``--fail-on`` (or a lint/test failure), 2 bad input, with a message on stderr and never a
traceback. Heavy modules (Textual, reportlab) are imported only by the commands that
need them, so that a JSON assessment starts fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from ..errors import AdvisorError, EngineError, UsageError
from .common import (
    default_lang,
    parse_date,
    percent,
    port_number,
    positive_int,
    positive_seconds,
)

#: Problems listed under an error message; the rest are counted ("and 480 more").
MAX_PROBLEMS_SHOWN = 20

SEVERITY_CHOICES = ("low", "medium", "high", "critical", "never")

#: Command -> (module of this package, function). Modules are imported on use only, so
#: that a JSON assessment does not pay for Textual or reportlab.
COMMANDS = {
    "assess": ("assess", "cmd_assess"),
    "rules": ("rules", "cmd_rules"),
    "interview": ("interview", "cmd_interview"),
    "explain": ("explain", "cmd_explain"),
    "compare": ("explain", "cmd_compare"),
    "history": ("journal", "cmd_history"),
    "recheck": ("journal", "cmd_recheck"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with our message format."""

    def error(self, message: str) -> NoReturn:  # pragma: no cover - exercised via subprocess
        self.print_usage(sys.stderr)
        self.exit(2, f"advisor: error: {message}\n")


LANG_HELP = "language of texts (default: the case's, else from $LANG)"
AS_OF_HELP = "the rules in force on DATE, YYYY-MM-DD or DD/MM/YYYY (default: today)"
FORMAT_HELP = "output format"
JOURNAL_HELP = "journal database (default: user data)"
NO_JOURNAL_HELP = "do not record assessments in the local journal"
RULES_PATH_HELP = "rules base folder (default: --rules, else the bundled one)"


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="advisor",
        description=(
            "Alliance Advisor: assess French territorial alliance set-ups against a YAML rules "
            "base of the 12 challenges of their technical framework."
        ),
    )
    p.add_argument("--version", action="version", version=f"alliance-advisor {__version__}")
    p.add_argument("--rules", metavar="DIR", help="rules base folder (default: bundled)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    a = sub.add_parser("assess", help="assess case files and report the risks")
    a.add_argument("paths", nargs="+", metavar="CASE", help="case files or folders")
    a.add_argument(
        "--format",
        "-f",
        default="text",
        choices=("text", "json", "jsonl", "md", "pdf", "csv"),
        help="report format: text (terminal), json, jsonl (one line per case), md or pdf "
        "(the memo), csv (with --summary)",
    )
    a.add_argument(
        "--lang",
        choices=("fr", "en"),
        help="language of texts (default: the case's, else from $LANG)",
    )
    a.add_argument(
        "--as-of",
        type=parse_date,
        metavar="DATE",
        help="assess with the rules in force on DATE, YYYY-MM-DD or DD/MM/YYYY (default: today)",
    )
    a.add_argument(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        default="never",
        help="exit 1 when a risk at or above this severity is flagged",
    )
    a.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to PATH (atomically; a link's target; a device or FIFO as a stream)",
    )
    a.add_argument(
        "--summary", action="store_true", help="one ranked row per case (portfolio screening)"
    )
    a.add_argument(
        "--jobs",
        "-j",
        type=positive_int,
        default=1,
        metavar="N",
        help="worker processes for large batches (1 or more)",
    )
    a.add_argument(
        "--case-timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="give up a case that takes longer (it is reported; the others are assessed)",
    )
    a.add_argument("--adviser", help="adviser's name for the memo cover")
    a.add_argument("--client", help="client's name for the memo cover")
    a.add_argument(
        "--annex", action="store_true", help="add every answer of the case to the memo (pdf, md)"
    )
    a.add_argument(
        "--verbose", "-v", action="store_true", help="text report: show rule ids and fingerprints"
    )
    a.add_argument(
        "--no-journal",
        action="store_true",
        help="do not record this assessment in the local journal",
    )
    a.add_argument("--journal", metavar="PATH", help="journal database (default: user data)")
    a.add_argument(
        "--engine", choices=("durable", "direct"), default="durable", help=argparse.SUPPRESS
    )

    i = sub.add_parser("interview", help="run the interview in the terminal (Textual)")
    i.add_argument("case", nargs="?", help="case file to open or create (autosaved)")
    i.add_argument("--lang", choices=("fr", "en"), help=LANG_HELP)
    i.add_argument("--as-of", type=parse_date, metavar="DATE", help=AS_OF_HELP)
    i.add_argument(
        "--serve",
        action="store_true",
        help="serve the app in a browser (textual-serve) instead of the terminal",
    )
    i.add_argument("--port", type=port_number, default=8000, help="with --serve: port to listen on")
    i.add_argument(
        "--host",
        default=None,
        help="with --serve: address to listen on (default 127.0.0.1, this machine only)",
    )
    i.add_argument("--journal", metavar="PATH", help=JOURNAL_HELP)
    i.add_argument("--no-journal", action="store_true", help=NO_JOURNAL_HELP)

    e = sub.add_parser("explain", help="why one rule fired, or did not, for a case")
    e.add_argument("case", help="case file")
    e.add_argument("rule_id", help="id of the rule (see `advisor rules list`)")
    e.add_argument("--lang", choices=("fr", "en"), help=LANG_HELP)
    e.add_argument("--as-of", type=parse_date, metavar="DATE", help=AS_OF_HELP)
    e.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)

    c = sub.add_parser("compare", help="what changes between two versions of a set-up")
    c.add_argument("before", help="case file of the set-up as it was")
    c.add_argument("after", help="case file of the set-up as changed")
    c.add_argument("--lang", choices=("fr", "en"), help=LANG_HELP)
    c.add_argument("--as-of", type=parse_date, metavar="DATE", help=AS_OF_HELP)
    c.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)

    h = sub.add_parser("history", help="list the journal of past assessments")
    h.add_argument("--journal", metavar="PATH", help=JOURNAL_HELP)
    h.add_argument(
        "--limit", type=positive_int, default=50, help="show the N most recent (default 50)"
    )
    h.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)

    rc = sub.add_parser("recheck", help="re-assess journalled cases with the current rules")
    rc.add_argument("--journal", metavar="PATH", help=JOURNAL_HELP)
    rc.add_argument("--as-of", type=parse_date, metavar="DATE", help=AS_OF_HELP)
    rc.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)

    r = sub.add_parser("rules", help="inspect, lint and test the rules base")
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    rl = rsub.add_parser("list", help="every rule with its challenge, severity, dates")
    rl.add_argument("--challenge", help="only the rules of this challenge (e.g. fiscal.taxation)")
    rl.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)
    rs = rsub.add_parser("show", help="one rule in full")
    rs.add_argument("rule_id", help="id of the rule (see `advisor rules list`)")
    rs.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)
    rn = rsub.add_parser("lint", help="check the rules base; list every problem")
    rn.add_argument("path", nargs="?", help=RULES_PATH_HELP)
    rt = rsub.add_parser("test", help="run the YAML rule tests")
    rt.add_argument("path", nargs="?", help="rule tests folder (default: the base's tests/)")
    rv = rsub.add_parser("coverage", help="which rules and branches tests exercise")
    rv.add_argument("--format", "-f", default="text", choices=("text", "json"), help=FORMAT_HELP)
    rv.add_argument(
        "--min",
        type=percent,
        default=None,
        metavar="PCT",
        help="exit 1 when rule coverage is below PCT",
    )
    rsub.add_parser("fields", help="every field a rule or question can use")
    rk = rsub.add_parser(
        "lock", help="record the content hash of the rules base's version (after a bump)"
    )
    rk.add_argument("path", nargs="?", help=RULES_PATH_HELP)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from . import common

    if argv is None:
        # A process of its own: no collections while the modules load (reading --as-of
        # loads the case model): see common.hold_collector.
        common.hold_collector()
        common.no_pydantic_plugins()
    parser = build_parser()
    args = parser.parse_args(argv)
    settles = args.command in ("assess", "interview") and not getattr(args, "serve", False)
    if argv is None and not settles:
        gc.enable()  # a command that never settles the heap (a served interview among them)
    if not args.command:
        parser.print_help()
        return 2
    if argv is None and args.command in ("assess", "interview"):
        # A process of its own: see common.settle_heap (the interview's refresh after an
        # answer at 10 partners: p95 43 -> 24 ms, collections of the rules base no longer
        # in it). It turns the collector back on.
        common.SETTLE_HEAP = True
        # And the rules in force, compiled, kept between such processes (see
        # advisor.compilecache): not for a call from a test or a program, whose rules
        # base may be changed in memory after its load.
        common.COMPILED_CACHE = True
    try:
        module, name = COMMANDS[args.command]
        handler = getattr(importlib.import_module(f"advisor.cli.{module}"), name)
        code = handler(args)
        sys.stdout.flush()
        return code
    except AdvisorError as exc:
        _error(str(exc))
        problems = getattr(exc, "problems", None) or []
        if len(problems) > 1 and not str(exc).count("\n"):
            for p in problems[1 : 1 + MAX_PROBLEMS_SHOWN]:
                _error(f"  {p}")
            hidden = len(problems) - 1 - MAX_PROBLEMS_SHOWN
            if hidden > 0:
                _error(f"  ... and {hidden} more problem{'s' if hidden != 1 else ''}")
        return exc.exit_code
    except EngineError as exc:
        _error(f"the rules engine failed: {exc}")
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        # Writing the report to standard output failed (a full disk, /dev/full...).
        _silence_stdout()
        reason = (exc.strerror or str(exc)).lower()
        _error(f"cannot write the output: {reason}")
        return 2


def _silence_stdout() -> None:
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
    except OSError:
        pass


def _error(message: str) -> None:
    from ..textsafe import visible

    sys.stderr.write(f"advisor: error: {visible(message)}\n")


__all__ = ["main", "build_parser", "default_lang", "parse_date", "UsageError"]
