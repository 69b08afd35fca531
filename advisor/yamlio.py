"""Reading YAML safely and writing files atomically.

Reading refuses, with a message naming the file, what YAML can do to a program that trusts
it: a huge file (refused before parsing), anchors and aliases (the "billion laughs" bomb),
bytes that are not UTF-8, tabs used for indentation. Only ``safe_load`` semantics are
used; no tag can construct a Python object.

Numbers are read strictly: plain decimal digits only (no hexadecimal, octal, binary,
sexagesimal ``1:30`` or ``+5``), at most 30 digits; a key given twice is refused with
both lines. Writing is :mod:`advisor.atomic` (``atomic_write`` is re-exported here).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from typing import Any

import yaml

from .atomic import atomic_write
from .errors import InputFileError

try:  # libyaml is much faster; fall back to the pure-Python loader when absent.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper
    from yaml import SafeLoader as _Loader


class _NoTimestampLoader(_Loader):
    """Safe loader that leaves dates as text: the models parse them, so that an impossible
    date (2025-02-30) is reported against its field instead of failing the whole file."""


_NoTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}

#: Largest case file accepted, in bytes. A real case is a few kilobytes.
MAX_CASE_BYTES = 2 * 1024 * 1024
#: Largest rules base file accepted, in bytes.
MAX_RULES_BYTES = 1024 * 1024
#: Largest number of YAML nodes in one document (a 500-partner case is ~25,000).
MAX_NODES = 200_000
#: Most digits a whole number may have. The largest value any field accepts has 12, so
#: the model refuses a longer one with its bound; converting a 5,000-digit text to an
#: int raises instead (Python's int conversion limit), so it is refused here, before.
MAX_DIGITS = 100

# Plain scalars that YAML 1.1 reads as numbers in forms no adviser means: hexadecimal,
# octal (a leading zero), binary, sexagesimal (``1:30`` is 90), a leading ``+``. They are
# kept as the text written: a text field keeps it as is, a number field refuses it and
# says how to write a number.
_DECIMAL_INT = re.compile(r"-?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|-?\.[0-9]+")
# YAML 1.2 reads ``1e6`` and ``1e-10`` as numbers; PyYAML (YAML 1.1) as text.
_EXPONENT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*)?[eE][-+]?[0-9]+")


def read_text(path: str | os.PathLike[str], *, max_bytes: int) -> str:
    """Read a whole text file as UTF-8, refusing what cannot be a YAML document of ours.

    Only a regular file (or a link to one) is read: a FIFO or a device would block or
    never end, so it is refused before anything is read from it.
    """
    return decode(read_bytes(path, max_bytes=max_bytes), str(path))


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (see :func:`read_text`)."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputFileError(
                f"is a symbolic link to '{os.readlink(path)}', which does not exist", file=name
            ) from None
        raise InputFileError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputFileError("is a directory; give a YAML file", file=name) from None
    except PermissionError:
        raise InputFileError("cannot read the file: permission denied", file=name) from None
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputFileError("is a directory; give a YAML file", file=name)
        if not stat.S_ISREG(st.st_mode):
            raise InputFileError(f"is {_kind(st.st_mode)}, not a file; give a YAML file", file=name)
        if st.st_size > max_bytes:
            raise InputFileError(
                f"file is {_human(st.st_size)}, larger than the limit of {_human(max_bytes)}; "
                "refused before parsing",
                file=name,
            )
        chunks = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise InputFileError(f"file is larger than the limit of {_human(max_bytes)}", file=name)
    return raw


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (a BOM is accepted), with a useful message when they are not."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise InputFileError(f"the file is encoded in {encoding}; save it as UTF-8", file=name)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        # UTF-16 without a byte order mark: every other byte of ASCII text is zero.
        pairs = raw[: 2 * 512]
        if pairs[1::2].count(0) > len(pairs) // 4 or pairs[0::2].count(0) > len(pairs) // 4:
            raise InputFileError("the file looks encoded in UTF-16; save it as UTF-8", file=name)
        at = raw.index(b"\x00")
        line = raw[:at].count(b"\n") + 1
        raise InputFileError(
            f"line {line}: the file contains a NUL byte (0x00); a case or rules file is text: "
            "save it as UTF-8",
            file=name,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        hint = " (it looks like Latin-1 / Windows-1252)" if 0x80 <= byte <= 0xFF else ""
        raise InputFileError(
            f"line {line}: byte 0x{byte:02X} is not valid UTF-8{hint}; save the file as UTF-8",
            file=name,
        ) from None


def parse(text: str, name: str) -> Any:
    """Parse one YAML document with safe semantics, refusing aliases and oversize graphs."""
    return parse_marked(text, name)[0]


def parse_marked(text: str, name: str) -> tuple[Any, dict[str, int]]:
    """Parse like :func:`parse`; also return the line of every value, by field path.

    Paths are written as in error messages (``rules[2].title.en``); lines count from 1.
    """
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputFileError("file is empty; expected a YAML mapping", file=name)
    loader = _NoTimestampLoader(text)
    marks: dict[str, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputFileError("file is empty; expected a YAML mapping", file=name)
        return _construct(node, loader, name, marks), marks
    except yaml.MarkedYAMLError as exc:
        raise InputFileError(_syntax_message(exc, text), file=name) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = exc.character
        shown = f"U+{ord(char) if isinstance(char, str) else char:04X}"
        raise InputFileError(
            f"line {line}: character {shown} is not allowed in a YAML file", file=name
        ) from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"not valid YAML: {_one_line(str(exc))}", file=name) from None
    except RecursionError:
        raise InputFileError("YAML nesting is too deep", file=name) from None
    finally:
        loader.dispose()


def load_mapping(path: str | os.PathLike[str], *, max_bytes: int) -> dict[str, Any]:
    """Read, parse and check that the document is a mapping."""
    return load_mapping_marked(path, max_bytes=max_bytes)[0]


def load_mapping_marked(
    path: str | os.PathLike[str], *, max_bytes: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """Like :func:`load_mapping`, with the line of each value (see :func:`parse_marked`)."""
    data, marks, _ = load_mapping_as_read(path, max_bytes=max_bytes)
    return data, marks


def load_mapping_as_read(
    path: str | os.PathLike[str], *, max_bytes: int
) -> tuple[dict[str, Any], dict[str, int], str]:
    """Like :func:`load_mapping_marked`, with the text as read (what the journal keeps,
    rather than the case written out again)."""
    name = str(path)
    text = read_text(path, max_bytes=max_bytes)
    data, marks = mapping_marked(text, name)
    return data, marks, text


def mapping_marked(text: str, name: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse ``text`` (the file ``name``) and check that it is a mapping, with the line of
    each value."""
    data, marks = parse_marked(text, name)
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        kind = {
            "list": "a list",
            "str": "a single text",
            "int": "a number",
            "float": "a number",
            "bool": "a yes/no value",
        }.get(kind, kind)
        raise InputFileError(f"top level is {kind}; expected a mapping of fields", file=name)
    return data, marks


def line_of(marks: Mapping[str, int], path: str) -> int | None:
    """The line of ``path``, or of its nearest parent that has one."""
    while path:
        if path in marks:
            return marks[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = (_STR, _INT, _FLOAT, _BOOL, _NULL)


def _construct(root: yaml.Node, loader: Any, name: str, marks: dict[str, int]) -> Any:
    """Build plain Python data from the node graph, refusing aliases, duplicate keys and
    huge graphs.

    Equivalent to ``safe_load`` for the tags a case or rules file uses (map, seq, str, int,
    float, bool, null); any other tag is refused. A node reached twice came from an alias
    (the "billion laughs" bomb): refused. A key given twice in one mapping is refused with
    both lines (YAML loaders keep the last one in silence). Numbers are read strictly (see
    ``_DECIMAL_INT``). Mapping keys are always text: ``true:`` is the key ``'true'``.
    """
    seen: set[int] = set()
    count = 0

    def fail(node: yaml.Node, path: str, message: str) -> InputFileError:
        where = f"line {node.start_mark.line + 1}: " if node.start_mark else ""
        field = f"field '{path}': " if path else ""
        return InputFileError(f"{where}{field}{message}", file=name)

    def number(node: yaml.ScalarNode, path: str, text: str) -> float:
        """A decimal number; one so small that it would silently become 0 is refused."""
        value = float(text)
        mantissa = re.split("[eE]", text)[0]
        if value == 0 and any(ch in "123456789" for ch in mantissa):
            raise fail(
                node,
                path,
                f"{text} is too small to be read: it would become 0; write 0 if you mean nothing",
            )
        return value

    def scalar(node: yaml.ScalarNode, path: str) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            if not node.style and _EXPONENT.fullmatch(value):
                return number(node, path, value)
            return value
        if tag == _INT:
            # '1_000' (YAML 1.1 reads 1000) is kept as written, like hex and octal: a
            # number field refuses it, a text field keeps it.
            text = value
            if not _DECIMAL_INT.fullmatch(text):
                return value  # hex, octal, binary, sexagesimal, '+': kept as written
            if len(text.lstrip("-")) > MAX_DIGITS:
                raise fail(
                    node,
                    path,
                    f"a number of {len(text.lstrip('-'))} digits is far too large; "
                    f"at most {MAX_DIGITS} digits are read",
                )
            return int(text)
        if tag == _FLOAT:
            text = value
            if text.lower() in (".nan", ".inf", "-.inf", "+.inf"):
                return float(text.lower().replace(".", ""))
            if not _DECIMAL_FLOAT.fullmatch(text):
                return value  # sexagesimal, a leading '+', '1_000.5': kept as written
            return number(node, path, text)
        if tag == _BOOL:
            return value.lower() in ("yes", "true", "on")
        if tag == _NULL:
            return None
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag '{tag}'", node.start_mark
        )

    def make(node: yaml.Node, path: str) -> Any:
        nonlocal count
        ident = id(node)
        if ident in seen:
            raise fail(node, "", "YAML anchors and aliases (&, *) are not allowed in this file")
        seen.add(ident)
        count += 1
        if count > MAX_NODES:
            raise InputFileError(f"document has more than {MAX_NODES} YAML nodes", file=name)
        if node.start_mark is not None:
            marks.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return scalar(node, path)
        if node.tag not in (_SEQ, _MAP):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"could not determine a constructor for the tag '{node.tag}'",
                node.start_mark,
            )
        if isinstance(node, yaml.SequenceNode):
            return [make(x, f"{path}[{i}]") for i, x in enumerate(node.value)]
        out: dict[Any, Any] = {}
        lines: dict[str, int] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag not in _PLAIN_TAGS:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", k.start_mark
                )
            key = k.value
            line = k.start_mark.line + 1 if k.start_mark else 0
            if key in lines:
                inside = f" in '{path}'" if path else ""
                raise fail(
                    k,
                    "",
                    f"key '{_one_line(key)}' is given twice{inside} (lines {lines[key]} and "
                    f"{line}); keep one",
                )
            lines[key] = line
            out[key] = make(v, f"{path}.{key}" if path else key)
        return out

    return make(root, "")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    where = f"line {line}: " if line else ""
    problem = exc.problem or exc.context or "syntax error"
    if line and "\t" in (text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""):
        return f"{where}a tab character is used for indentation; YAML allows spaces only"
    if "\t" in problem or "'\\t'" in problem:
        return f"{where}a tab character is used for indentation; YAML allows spaces only"
    return f"{where}not valid YAML: {_one_line(problem)}"


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def dump(data: Any) -> str:
    """Dump plain data as block-style YAML, keys in the given order, Unicode kept."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


__all__ = [
    "MAX_CASE_BYTES",
    "MAX_RULES_BYTES",
    "atomic_write",
    "decode",
    "dump",
    "line_of",
    "load_mapping",
    "load_mapping_marked",
    "mapping_marked",
    "parse",
    "parse_marked",
    "read_bytes",
    "read_text",
]
