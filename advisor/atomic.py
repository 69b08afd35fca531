"""Writing files so that nothing is lost, altered or exposed.

* A regular file is written through a temporary file in the same folder, fsync, then
  rename: a crash at any point leaves the old file or the new one, whole. The new file
  keeps the mode of the one it replaces; a file that did not exist follows the umask.
* A symbolic link is never replaced: its target is written (atomically), so that a case
  kept in a synced folder and linked from elsewhere stays where it is.
* Nothing is ever renamed over what is not a regular file: a device or a FIFO
  (``/dev/null``, ``/dev/stdout``, a pipe) is written as a stream; a folder is refused.
* A full disk, a missing folder or a permission error is an :class:`InputFileError` with
  the file and the reason, never a traceback; the old file is kept.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

from .errors import InputFileError

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back, under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the umask."""
    return 0o666 & ~current_umask()


def resolved(path: str | os.PathLike[str]) -> Path:
    """Where writing ``path`` really goes: the final target when it is a symbolic link."""
    p = Path(path)
    return Path(os.path.realpath(p)) if p.is_symlink() else p


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one existing file (through links, ``./``, hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to ``path``: readers see the old file or the new one, whole.

    Raises:
        InputFileError: a folder, a missing folder, no permission, a full disk.
    """
    name = str(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = resolved(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputFileError(f"cannot write the file: {_reason(exc)}", file=name) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputFileError("is a folder; give a file name to write to", file=name)
    if st is not None and not stat.S_ISREG(st.st_mode):
        _stream(target, data, name)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputFileError(f"folder '{folder}' does not exist", file=name)
    try:
        import tempfile  # only when a file is written (a report to stdout needs none)

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputFileError(
            f"cannot write in folder '{folder}': {_reason(exc)}", file=name
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else new_file_mode())
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        kept = "; the previous file is kept" if st is not None else ""
        raise InputFileError(f"cannot write the file: {_reason(exc)}{kept}", file=name) from None
    except BaseException:
        _unlink(tmp)
        raise
    _sync_folder(folder)


def _stream(target: Path, data: bytes, name: str) -> None:
    """Write to a device or a FIFO as a stream (renaming over it would replace it)."""
    try:
        with open(target, "wb") as fh:
            fh.write(data)
            fh.flush()
    except OSError as exc:
        raise InputFileError(f"cannot write the file: {_reason(exc)}", file=name) from None


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
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


class AtomicOutput:
    """A text output written progressively and published at the end (``close``).

    For a regular file (or a link to one, or a new file) the text goes to a temporary
    file renamed over the target on success, and is removed on failure; for a device or a
    FIFO it is written as a stream. Used by batches that stream rows.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.name = str(path)
        self.target = resolved(path)
        self.tmp: str | None = None
        try:
            st = os.stat(self.target)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise InputFileError(f"cannot write the file: {_reason(exc)}", file=self.name) from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise InputFileError("is a folder; give a file name to write to", file=self.name)
        self.mode = stat.S_IMODE(st.st_mode) if st is not None else None
        try:
            if st is not None and not stat.S_ISREG(st.st_mode):
                self.fh = open(self.target, "w", encoding="utf-8", newline="")  # noqa: SIM115
                return
            folder = self.target.parent if str(self.target.parent) else Path(".")
            if not folder.is_dir():
                raise InputFileError(f"folder '{folder}' does not exist", file=self.name)
            import tempfile  # only when a file is written

            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{self.target.name}.", suffix=".tmp", dir=folder
            )
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise InputFileError(f"cannot write the file: {_reason(exc)}", file=self.name) from None

    def write(self, text: str) -> None:
        try:
            self.fh.write(text)
        except OSError as exc:
            self.abort()
            raise InputFileError(f"cannot write the file: {_reason(exc)}", file=self.name) from None

    def close(self) -> None:
        """Publish the output (rename the temporary file over the target)."""
        try:
            self.fh.flush()
            if self.tmp is not None:
                os.fsync(self.fh.fileno())
            self.fh.close()
            if self.tmp is not None:
                os.chmod(self.tmp, self.mode if self.mode is not None else new_file_mode())
                os.replace(self.tmp, self.target)
                _sync_folder(self.target.parent)
                self.tmp = None
        except OSError as exc:
            self.abort()
            raise InputFileError(f"cannot write the file: {_reason(exc)}", file=self.name) from None

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        try:
            self.fh.close()
        except OSError:
            pass
        if self.tmp is not None:
            _unlink(self.tmp)
            self.tmp = None


__all__ = [
    "AtomicOutput",
    "atomic_write",
    "current_umask",
    "new_file_mode",
    "resolved",
    "same_file",
]
