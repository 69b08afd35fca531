"""Reading YAML safely and writing files atomically.

Reading refuses, with a message naming the file, what YAML can do to a program that trusts
it: a huge file (refused before parsing), anchors and aliases (the "billion laughs" bomb),
bytes that are not UTF-8, tabs used for indentation. Only ``safe_load`` semantics are
used; no tag can construct a Python object.

Writing goes through a temporary file in the same folder, fsync, then rename: a crash at
any point leaves either the old file or the new one, never a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .errors import InputFileError

try:  # libyaml is much faster; fall back to the pure-Python loader when absent.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class _NoTimestampLoader(_Loader):  # type: ignore[misc, valid-type]
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


def read_text(path: str | os.PathLike[str], *, max_bytes: int) -> str:
    """Read a whole text file as UTF-8, refusing what cannot be a YAML document of ours."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputFileError("is a directory; give a YAML file", file=name)
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputFileError("no such file", file=name) from None
    except PermissionError:
        raise InputFileError("cannot read the file: permission denied", file=name) from None
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    if size > max_bytes:
        raise InputFileError(
            f"file is {_human(size)}, larger than the limit of {_human(max_bytes)}; "
            "refused before parsing",
            file=name,
        )
    try:
        with open(p, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputFileError("cannot read the file: permission denied", file=name) from None
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    if len(raw) > max_bytes:
        raise InputFileError(f"file is larger than the limit of {_human(max_bytes)}", file=name)
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (a BOM is accepted), with a useful message when they are not."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
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
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputFileError("file is empty; expected a YAML mapping", file=name)
    loader = _NoTimestampLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputFileError("file is empty; expected a YAML mapping", file=name)
        return _construct(node, loader, name)
    except yaml.MarkedYAMLError as exc:
        raise InputFileError(_syntax_message(exc, text), file=name) from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"not valid YAML: {exc}", file=name) from None
    except RecursionError:
        raise InputFileError("YAML nesting is too deep", file=name) from None
    finally:
        loader.dispose()


def load_mapping(path: str | os.PathLike[str], *, max_bytes: int) -> dict[str, Any]:
    """Read, parse and check that the document is a mapping."""
    name = str(path)
    data = parse(read_text(path, max_bytes=max_bytes), name)
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
    return data


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _construct(root: yaml.Node, loader: Any, name: str) -> Any:
    """Build plain Python data from the node graph, refusing aliases and huge graphs.

    Equivalent to ``safe_load`` for the tags a case or rules file uses (map, seq, str, int,
    float, bool, null); any other tag is refused. A node reached twice came from an alias
    (the "billion laughs" bomb): refused. Written iteratively: PyYAML's constructor is
    recursive, pure Python, and the slowest part of reading a case.
    """
    seen: set[int] = set()
    count = 0

    def scalar(node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _INT:
            text = value.replace("_", "")
            if text.lstrip("+-").isdigit():
                return int(text)
            return loader.construct_yaml_int(node)
        if tag == _FLOAT:
            return loader.construct_yaml_float(node)
        if tag == _BOOL:
            return value.lower() in ("yes", "true", "on")
        if tag == _NULL:
            return None
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag '{tag}'", node.start_mark
        )

    def make(node: yaml.Node) -> Any:
        nonlocal count
        ident = id(node)
        if ident in seen:
            line = node.start_mark.line + 1 if node.start_mark else "?"
            raise InputFileError(
                f"line {line}: YAML anchors and aliases (&, *) are not allowed in this file",
                file=name,
            )
        seen.add(ident)
        count += 1
        if count > MAX_NODES:
            raise InputFileError(f"document has more than {MAX_NODES} YAML nodes", file=name)
        if isinstance(node, yaml.ScalarNode):
            return scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"could not determine a constructor for the tag '{node.tag}'",
                    node.start_mark,
                )
            return [make(x) for x in node.value]
        if node.tag != _MAP:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"could not determine a constructor for the tag '{node.tag}'",
                node.start_mark,
            )
        out: dict[Any, Any] = {}
        for k, v in node.value:
            key = make(k)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", k.start_mark
                )
            out[key] = make(v)
        return out

    return make(root)


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    where = f"line {line}: " if line else ""
    problem = exc.problem or exc.context or "syntax error"
    if line and "\t" in (text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""):
        return f"{where}a tab character is used for indentation; YAML allows spaces only"
    if "\t" in problem or "'\\t'" in problem:
        return f"{where}a tab character is used for indentation; YAML allows spaces only"
    return f"{where}not valid YAML: {problem}"


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


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, whole.

    Raises:
        InputFileError: the folder does not exist or cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputFileError(f"folder '{folder}' does not exist", file=str(path))
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise InputFileError(
            f"cannot write in folder '{folder}': permission denied", file=str(path)
        ) from None
    except OSError as exc:
        raise InputFileError(
            f"cannot write in folder '{folder}': {exc.strerror or exc}", file=str(path)
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            try:
                os.chmod(tmp, target.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
