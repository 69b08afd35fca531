"""A pool of worker processes that survives its workers.

``multiprocessing.Pool.imap`` never returns when a worker dies (a crash in the engine, a
kill) and aborts everything on an exception. Here each worker is a process of its own on
a pipe: the parent waits on the pipes and on the processes' sentinels together, so a dead
worker is seen at once; the case it was working on is answered with the reason, the rest
of its chunk goes back in the queue, and a new worker takes its place. With a time limit
per case, a worker that spends longer than that on one case is killed and buried the same
way (a watchdog: a case that hangs costs only itself).
"""

from __future__ import annotations

import signal
import sys
import time
from collections import deque
from typing import Any

from ..errors import shown_path


def _serve(conn, init, init_args: tuple, work) -> None:
    """A worker process: run ``work`` on the chunks of paths it is sent, one answer each."""
    init(*init_args)
    conn.send(("ready", None))  # the time limit of a case starts after the start-up
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        start, chunk = task
        for i, path in enumerate(chunk):
            conn.send((start + i, work(path)))
        conn.send(("done", start))


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


class _Worker:
    def __init__(self, ctx, init, init_args: tuple, work):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, init, init_args, work), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, list[str]] | None = None
        self.answered = 0
        self.ready = False
        self.since = time.monotonic()
        """When the worker started its current case (or was given its chunk)."""

    def give(self, task: tuple[int, list[str]]) -> None:
        self.task, self.answered = task, 0
        self.since = time.monotonic()
        self.conn.send(task)

    def overdue(self, limit: float | None, now: float) -> bool:
        return (
            limit is not None
            and self.ready
            and self.task is not None
            and (now - self.since > limit)
        )


def pool_results(
    paths: list[str], jobs: int, init, init_args: tuple, work, limit: float | None = None
):
    """``work(path)`` for every path, in input order, from ``jobs`` processes that may die.

    ``init(*init_args)`` prepares each process; ``work`` returns ``(path, ok, payload)``
    and must not raise. Never hangs: a dead worker's case is answered with the reason, and
    with ``limit`` (seconds) a case that takes longer is answered so and its worker killed.
    """
    import multiprocessing as mp
    from multiprocessing.connection import wait

    ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")
    chunk = max(1, min(64, len(paths) // (jobs * 8)))
    tasks = deque((i, paths[i : i + chunk]) for i in range(0, len(paths), chunk))
    workers = [_Worker(ctx, init, init_args, work) for _ in range(min(jobs, len(tasks)))]
    done: dict[int, tuple[str, bool, Any]] = {}
    following = 0
    try:
        while following < len(paths):
            for w in workers:
                if w.task is None and tasks:
                    w.give(tasks.popleft())
            busy = [w for w in workers if w.task is not None]
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=_next_deadline(busy, limit),
            )
            now = time.monotonic()
            for w in busy:
                overdue = False
                if w.conn in ready or w.process.sentinel in ready:
                    alive = _receive(w, done)
                else:
                    alive, overdue = True, w.overdue(limit, now)
                if overdue:
                    w.process.kill()
                if not alive or overdue:
                    workers.remove(w)
                    why = f"took longer than {limit:g} s (--case-timeout)" if overdue else None
                    _bury(w, done, tasks, why)
                    if tasks or any(x.task for x in workers) or not workers:
                        workers.append(_Worker(ctx, init, init_args, work))
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in workers:
            w.process.join(timeout=5)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()


def _next_deadline(busy: list[_Worker], limit: float | None) -> float | None:
    """Seconds until the first busy worker's case runs out of time (``None``: no limit)."""
    if limit is None:
        return None
    now = time.monotonic()
    started = [w.since for w in busy if w.ready]
    return max(0.0, min(started) + limit - now) if started else None


def _receive(w: _Worker, done: dict) -> bool:
    """Read what a worker sent; ``False`` when it is dead."""
    try:
        while w.conn.poll():
            index, result = w.conn.recv()
            w.since = time.monotonic()  # the next case starts now
            if index == "ready":
                w.ready = True
            elif index == "done":
                w.task = None
            else:
                done[index] = result
                w.answered += 1
    except (EOFError, OSError):
        return False
    return w.process.is_alive() or w.task is None and w.process.exitcode == 0


def _bury(w: _Worker, done: dict, tasks: deque, why: str | None = None) -> None:
    """A worker died (or was killed for taking too long, ``why``): its current case fails
    with the reason, the rest of its chunk is given again."""
    w.process.join()
    w.conn.close()
    if w.task is None:
        return
    start, chunk = w.task
    index = start + w.answered
    path = chunk[w.answered]
    reason = why or f"the worker process assessing it died ({_death(w.process.exitcode)})"
    done[index] = (path, False, f"{shown_path(path)}: {reason}; the other cases are assessed")
    rest = chunk[w.answered + 1 :]
    if rest:
        tasks.appendleft((index + 1, rest))
