"""Making user text harmless for terminals, Markdown and PDF markup.

A partner's name may hold terminal escape sequences, bidi overrides, markup or control
characters. Every output escapes them so that they print literally and break nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from json.encoder import encode_basestring as _enc  # the C one (ensure_ascii=False)
from typing import Any

_KEEP = {"\n", "\t"}


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control and format characters by a visible escape (``\\x1b``, ``\\u202e``).

    Emoji, accents and right-to-left letters are kept; what a terminal would *interpret*
    (ESC, BEL, backspace, bidi overrides, zero-width controls) is shown as an escape.
    """
    out = []
    for ch in text:
        if keep_newlines and ch in _KEEP:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in ("\u200d",):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(text: str, limit: int | None = None) -> str:
    """``visible`` on a single line, optionally shortened with an ellipsis."""
    flat = visible(text, keep_newlines=False)
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


#: Characters that make markup wherever they stand: emphasis, code, links and images (an
#: image or a link needs a ``[``, so ``!``, ``(`` and ``)`` are harmless without it), HTML
#: and entities, table cells, strike-through, escapes.
_MD_SPECIAL = "\\`*_{}[]<>|~&"
#: What makes a block only at the start of a line: a heading, a list item, a quote, a
#: rule or a setext underline (``#``, ``+``, ``-``, ``=``), an ordered item (``1.``).
_MD_LINE_START = re.compile(r"^(\s*)([#+=-])|^(\s*\d+)([.)])")


def markdown(text: str) -> str:
    """Escape text for Markdown: no markup, no HTML, no escapes interpreted. Only what
    Markdown reads as markup where it stands is escaped: a hyphen inside a name
    (« Saint-Aubin-des-Prés ») or parentheses inside a line print as typed; the same
    characters opening the text, where they would start a list or a heading, are escaped."""
    text = visible(text, keep_newlines=False)
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
    m = _MD_LINE_START.match(out)
    if m:
        at = m.end(1) if m.group(2) else m.end(3)
        out = out[:at] + "\\" + out[at:]
    return out


#: Characters JSON may carry raw but a terminal would interpret: DEL, the C1 controls
#: (U+009B is CSI on many terminals) and the line and paragraph separators.
_JSON_RAW: dict[int, str] = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029)}
_JSON_RAW_FOUND = re.compile("[\x7f-\x9f\u2028\u2029]")


_float_repr = float.__repr__
_int_repr = int.__repr__


class _NotPlain(Exception):
    """A value :func:`indented` leaves to ``json.dumps`` (which raises or calls ``default``)."""


def _floatstr(o: float) -> str:
    if o != o:
        return "NaN"
    if o == float("inf"):
        return "Infinity"
    if o == -float("inf"):
        return "-Infinity"
    return _float_repr(o)


def indented(obj: object, indent: int = 2) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, the same text, ~40 % faster:
    with an indent the standard library leaves its C encoder for a generic Python one
    (0.2 s for the 10 MB assessment of a 1,500-entry case). Anything but plain JSON
    data (dict, list, tuple, str, int, float, bool, None) is left to ``json.dumps``."""
    out: list[str] = []
    app = out.append
    pads = ["\n"]

    def pad(level: int) -> str:
        while len(pads) <= level:
            pads.append("\n" + " " * (indent * len(pads)))
        return pads[level]

    def scalar(o: object) -> str | None:
        if isinstance(o, str):
            return _enc(o)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return _int_repr(o)
        if isinstance(o, float):
            return _floatstr(o)
        return None

    def key(k: object) -> str:
        """A key as ``json.dumps`` writes it (before quoting): a scalar's text."""
        if isinstance(k, str):
            return k
        text = scalar(k)
        if text is None:
            raise _NotPlain
        return text

    def item(x: object, level: int) -> None:
        """One value inside a container: the common types by their exact type first (a
        call to :func:`scalar` per value was a third of the writer's time)."""
        t = type(x)
        if t is str:
            app(_enc(x))  # type: ignore[arg-type]
        elif t is dict or t is list:
            value(x, level)
        elif x is None:
            app("null")
        elif x is True:
            app("true")
        elif x is False:
            app("false")
        elif t is int:
            app(_int_repr(x))
        elif t is float:
            app(_floatstr(x))  # type: ignore[arg-type]
        else:
            s = scalar(x)
            if s is None:
                value(x, level)
            else:
                app(s)

    def value(o: object, level: int) -> None:
        if isinstance(o, (list, tuple)):
            if not o:
                app("[]")
                return
            inner = pad(level + 1)
            between = "," + inner
            app("[")
            first = True
            for x in o:
                app(inner if first else between)
                first = False
                item(x, level + 1)
            app(pad(level))
            app("]")
        elif isinstance(o, dict):
            if not o:
                app("{}")
                return
            inner = pad(level + 1)
            between = "," + inner
            app("{")
            first = True
            for k, x in o.items():
                app((inner if first else between) + _enc(k if type(k) is str else key(k)) + ": ")
                first = False
                item(x, level + 1)
            app(pad(level))
            app("}")
        else:
            s = scalar(o)
            if s is None:
                raise _NotPlain
            app(s)

    try:
        value(obj, 0)
    except (_NotPlain, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=indent)
    return "".join(out)


def json_text(obj: object, **options: Any) -> str:
    """``json.dumps`` with Unicode kept but every control character escaped.

    ``json.dumps`` escapes C0 controls (ESC is ``\\u001b``) but writes C1 controls raw
    with ``ensure_ascii=False``. They can only occur inside strings, so escaping them in
    the text is valid JSON that decodes to the same value.
    """
    if options.keys() == {"indent"} and isinstance(options["indent"], int):
        text = indented(obj, options["indent"])
    else:
        text = json.dumps(obj, ensure_ascii=False, **options)
    # str.translate looks every character up in the table (~12 ms on a 300 KB assessment);
    # a search in C finds the rare text that has one of them.
    return text.translate(_JSON_RAW) if _JSON_RAW_FOUND.search(text) else text


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV
#: Injection"): ``=HYPERLINK(...)`` would be live in the portfolio summary.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell that prints literally and that no spreadsheet runs: control characters
    shown as escapes, and text starting like a formula prefixed with an apostrophe.
    Numbers are kept as they are (a negative number is a number, not a formula)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return visible(value, keep_newlines=False)
