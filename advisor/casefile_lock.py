"""One interview per case file: an advisory lock next to the case.

Two interviews on one file would each save their own answers over the other's (and
``--serve`` starts one process per browser tab). The first interview creates
``.<case name>.lock`` beside the case (through a symbolic link: beside its target),
holding its process id, host and start time. A second interview finds it, says who holds
the case and since when, and works read-only.

* The lock file appears whole: it is written under a private name, then hard-linked to
  its real name, which fails if the name exists (as ``O_EXCL`` does), so a reader never
  sees half a lock.
* A lock whose process is dead (same host, no such process) is stale and is taken over.
  Two interviews may find the same stale lock at once: the takeover happens under an
  exclusive ``flock`` on the old lock file and only if the lock still holds what was
  judged stale, so exactly one of them wins.
* A lock of another host cannot be checked: it is respected.
* Only the holder removes its lock (it checks its token first).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from .atomic import resolved

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: takeovers are not serialised
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Holder:
    """Who holds a case file."""

    pid: int
    host: str
    since: str
    """Local time the interview opened the case, ``YYYY-MM-DD HH:MM``."""
    token: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.since}"


def lock_path(case_path: str | os.PathLike[str]) -> Path:
    """``dir/case.yaml`` -> ``dir/.case.yaml.lock`` (beside a link's target)."""
    target = resolved(case_path)
    return target.with_name(f".{target.name}.lock")


def _read(path: Path) -> Holder | None | str:
    """The holder written in a lock file; ``None`` if there is no file; ``"damaged"``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return "damaged"
    try:
        data = json.loads(raw)
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]), str(data["token"]))
    except (ValueError, KeyError, TypeError):
        return "damaged"


def _alive(holder: Holder) -> bool:
    if holder.host != socket.gethostname():
        return True  # cannot be checked from here: respected
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    except OSError:
        return True
    return True


class CaseLock:
    """The lock of one case file, for this process."""

    def __init__(self, case_path: str | os.PathLike[str]):
        self.path = lock_path(case_path)
        self.mine = Holder(
            pid=os.getpid(),
            host=socket.gethostname(),
            since=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            token=secrets.token_hex(8),
        )
        self.held = False

    def acquire(self) -> Holder | None:
        """Take the lock; return ``None`` when taken (or when locking is impossible, e.g.
        a read-only folder, where saving fails anyway), else who holds it."""
        for _ in range(5):
            try:
                if self._create():
                    return None
            except OSError:
                return None  # the folder cannot be written: no lock, saves will say why
            found = _read(self.path)
            if found is None:
                continue  # released meanwhile: try again
            if isinstance(found, Holder):
                ours = found.pid == os.getpid() and found.host == self.mine.host
                if not ours and _alive(found):
                    return found
            if self._take_over(found):
                return None
        return None  # pragma: no cover - the lock kept changing hands: do not block

    def _create(self) -> bool:
        tmp = self.path.with_name(f"{self.path.name}.{self.mine.token}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.mine.__dict__, fh)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                return False
            self.held = True
            return True
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def _take_over(self, stale: Holder | str) -> bool:
        """Replace a stale lock by ours, if it is still the stale one."""
        try:
            fh = open(self.path, encoding="utf-8")  # noqa: SIM115
        except FileNotFoundError:
            return False
        except OSError:
            return False
        with fh:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            if _read(self.path) != stale:
                return False  # someone else took it over first
            tmp = self.path.with_name(f"{self.path.name}.{self.mine.token}")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(self.mine.__dict__, out)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)
            except OSError:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                return False
        self.held = True
        return True

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if not self.held:
            return
        self.held = False
        found = _read(self.path)
        if isinstance(found, Holder) and found.token == self.mine.token:
            try:
                os.unlink(self.path)
            except OSError:
                pass


__all__ = ["CaseLock", "Holder", "lock_path"]
