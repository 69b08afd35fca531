"""What every command shares: reading dates and languages, the rules base, case paths."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from ..errors import UsageError


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a valid date; write a real date as YYYY-MM-DD"
        ) from None


def default_lang() -> str:
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "fr" if (env or "").lower().startswith("fr") else "en"


def rules_base(args):
    from ..assess import default_rules
    from ..rulesbase import load_rules_base

    return load_rules_base(args.rules) if getattr(args, "rules", None) else default_rules()


def case_paths(paths: list[str]) -> list[Path]:
    """Files given, folders walked for ``*.yaml`` (sorted), in the order given."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*.yaml") if x.is_file())
            found += sorted(x for x in p.rglob("*.yml") if x.is_file())
            if not found:
                raise UsageError(f"{raw}: folder holds no .yaml case file")
            out.extend(found)
        else:
            out.append(p)
    return out
