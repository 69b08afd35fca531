"""Timing and memory helpers: medians over repeated rounds, CPU of child processes, peak
memory of a command measured in a process of its own."""

from __future__ import annotations

import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """Seconds per call over several rounds: the median and the range."""

    median: float
    low: float
    high: float

    def ms(self, digits: int = 1) -> str:
        return (
            f"{self.median * 1e3:.{digits}f} ms "
            f"({self.low * 1e3:.{digits}f}–{self.high * 1e3:.{digits}f})"
        )

    def us(self) -> str:
        return f"{self.median * 1e6:,.0f} µs ({self.low * 1e6:,.0f}–{self.high * 1e6:,.0f})"


#: In-process figures are this process's CPU time: on a machine shared with other jobs the
#: wall clock measures the neighbours as much as the code (measured: 10-50x on a loaded
#: 2-core machine, where CPU time stayed within 2x).
clock = time.process_time


def rounds(fn: Callable[[], object], calls: int, repeat: int = 7) -> Sample:
    """CPU seconds per call: ``repeat`` rounds of ``calls`` calls each, after a warm call."""
    fn()
    per = []
    for _ in range(repeat):
        start = clock()
        for _ in range(calls):
            fn()
        per.append((clock() - start) / calls)
    return Sample(statistics.median(per), min(per), max(per))


def percentiles(times: Sequence[float]) -> tuple[float, float]:
    """(p50, p95) of a list of durations."""
    q = statistics.quantiles(times, n=100)
    return q[49], q[94]


@dataclass(frozen=True)
class Run:
    """One command run in its own process: wall and CPU seconds, peak memory."""

    wall: float
    cpu: float
    peak_mb: float


def run_command(cmd: Sequence[str], **kwargs) -> Run:
    """Run ``cmd`` through a fresh Python that reports the command's own peak memory and
    CPU (``RUSAGE_CHILDREN`` of a process whose only child is the command), so that an
    earlier, bigger child never shows up in the figure."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write(r.stderr.decode('utf-8', 'replace')[-2000:])\n"
        "print(r.returncode, wall, u.ru_utime + u.ru_stime, u.ru_maxrss)\n"
    )
    proc = subprocess.run(
        [real_python(), "-c", probe, *cmd], capture_output=True, text=True, **kwargs
    )
    code, wall, cpu, peak = proc.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{proc.stderr}")
    return Run(float(wall), float(cpu), int(peak) / 1024)


def median_run(cmd: Sequence[str], repeat: int = 5, **kwargs) -> tuple[Run, Run, Run]:
    """(median, fastest, slowest) of ``repeat`` runs, by CPU time."""
    runs = sorted((run_command(cmd, **kwargs) for _ in range(repeat)), key=lambda r: r.cpu)
    return runs[len(runs) // 2], runs[0], runs[-1]


def real_python() -> str:
    """The interpreter binary itself, not a pyenv or venv shim script (a shim costs a
    second interpreter start and flatters any ratio to ``python -c pass``)."""
    return os.path.realpath(sys.executable)


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


__all__ = [
    "clock",
    "Run",
    "Sample",
    "median_run",
    "percentiles",
    "real_python",
    "rounds",
    "run_command",
    "self_peak_mb",
    "slope",
]
