"""``advisor interview [CASE.yaml]``: the terminal interview (Textual), or ``--serve`` it.

Textual is imported here only, so that the other commands start fast. The app is in
``tui/``; this module chooses the case file, the language and the rules base, runs the
app, and says where the case was saved.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from .. import catalogue
from ..errors import UsageError
from .common import default_lang, rules_base

DEFAULT_NAME = "alliance-case"


def next_free_path(folder: Path, stem: str = DEFAULT_NAME) -> Path:
    """``alliance-case.yaml``, or ``alliance-case-2.yaml``... the first that does not exist."""
    candidate = folder / f"{stem}.yaml"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}.yaml"
        n += 1
    return candidate


def case_path(arg: str | None) -> tuple[Path, bool]:
    """The case file to open, and whether the tool chose it (no CASE given)."""
    if not arg:
        return next_free_path(Path.cwd()), True
    path = Path(arg).expanduser()
    if path.is_dir():
        raise UsageError(f"'{arg}' is a folder; give a case file (e.g. {arg}/case.yaml)")
    if not path.parent.is_dir():
        raise UsageError(f"folder '{path.parent}' does not exist: the case cannot be saved there")
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"'{arg}' is not a .yaml file; case files end in .yaml")
    return path, False


def cmd_interview(args) -> int:
    if args.host and not args.serve:
        raise UsageError("--host goes with --serve (the address the browser interview listens on)")
    if args.serve:
        return _serve(args)
    from tui.app import AdvisorApp
    from tui.session import Options

    path, chosen = case_path(args.case)
    options = Options(
        path=path,
        rules=rules_base(args),
        as_of=args.as_of,
        lang=args.lang,
        journal=args.journal,
        no_journal=args.no_journal,
        new_default=chosen,
    )
    app = AdvisorApp(options, default_lang())
    app.run()
    code = app.return_code or 0
    # The last line is in the interview's language (F2 may have changed it).
    lang = app.session.lang
    if code == 0 and path.exists():
        print(catalogue.text(lang, "tui.left_saved", path=path))
    elif code == 0 and chosen:
        print(catalogue.text(lang, "tui.left_nothing"))
    return code


def _serve(args) -> int:
    """Serve the same app in a browser (textual-serve, the optional ``[serve]`` extra)."""
    from .serve import serve

    path, _ = case_path(args.case)
    command = [sys.executable, "-m", "advisor"]
    if getattr(args, "rules", None):
        command += ["--rules", args.rules]
    command += ["interview", str(path.resolve())]
    for flag, value in (
        ("--lang", args.lang),
        ("--journal", args.journal),
        ("--as-of", args.as_of.isoformat() if args.as_of else None),
    ):
        if value:
            command += [flag, value]
    if args.no_journal:
        command.append("--no-journal")
    return serve(shlex.join(command), host=args.host, port=args.port, case=path)
