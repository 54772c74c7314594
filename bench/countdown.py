"""Bytes, CPU and visible changes per second of the session countdown in a real pty.

Runs the installed `supple` through a steady hold at 100x30 and 200x60 (Child's Pose,
its figure beside the digits), then paused, then Cat-Cow once it is breathing (the
figure bending with the breath). Baselines, in the same run: a bare Textual app
updating a `Digits` once a second, and `termdown` when it is installed.

Run: .venv/bin/python bench/countdown.py [seconds]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _pty import PtyApp

HERE = Path(__file__).resolve().parent
# Each of 3 windows: at most 12 s, or the hold reaches its last seconds (a restyle).
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
SIZES = ((100, 30), (200, 60))
# Short interludes so the hold starts soon; check-ins off, welcome already seen.
SETTINGS = "pain_checkins = false\nget_ready_seconds = 2.0\n"


@dataclass
class Figures:
    """What one measurement window saw."""

    bytes_per_s: float
    cpu_percent: float
    changes_per_s: float


def cpu_seconds(pid: int) -> float:
    """CPU time of every thread of `pid`, to the nanosecond (/proc/PID/stat counts 10 ms ticks)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError):
            continue  # a thread that just ended
    return total / 1e9


def measure(app: PtyApp, seconds: float) -> Figures:
    """Watch `app` for `seconds`: bytes written, CPU used, and how often the screen changed."""
    app.pump(0.05)
    start_bytes, start_cpu = app.bytes_read, cpu_seconds(app.pid)
    start = time.perf_counter()
    last = app.text()
    changes = 0
    while (elapsed := time.perf_counter() - start) < seconds:
        if app.pump(min(0.01, seconds - elapsed)):
            now = app.text()
            if now != last:
                changes += 1
                last = now
    wall = time.perf_counter() - start
    return Figures(
        (app.bytes_read - start_bytes) / wall,
        100 * (cpu_seconds(app.pid) - start_cpu) / wall,
        changes / wall,
    )


def measure_median(app: PtyApp, seconds: float, windows: int = 3) -> Figures:
    """The median of a few back-to-back windows: CPU at under 1% swings with other load."""
    seen = [measure(app, seconds) for _ in range(windows)]
    return Figures(
        statistics.median(f.bytes_per_s for f in seen),
        statistics.median(f.cpu_percent for f in seen),
        statistics.median(f.changes_per_s for f in seen),
    )


def supple_hold(cols: int, rows: int, extra: list[str]) -> tuple[Figures, Figures, Figures]:
    """A steady hold, then paused (measured after its first second), then Cat-Cow."""
    data = Path(tempfile.mkdtemp(prefix="supple-bench-"))
    (data / ".welcomed").touch()
    (data / "settings.toml").write_text(SETTINGS)
    supple = shutil.which("supple", path=str(Path(sys.executable).parent)) or "supple"
    env = {**os.environ, "COLORTERM": "truecolor", "TEXTUAL_ANIMATIONS": "full"}
    env.pop("SUPPLE_DATA_DIR", None)
    app = PtyApp([supple, "--data-dir", str(data), *extra], cols, rows, env)
    try:
        app.wait_for("Start")
        app.send(b"s")
        app.wait_for("Get ready")
        app.wait_for("Next:", 5)
        time.sleep(0)  # the hold begins once the short get-ready has run out
        deadline = time.perf_counter() + 10
        while "Get ready" in app.text() and time.perf_counter() < deadline:
            app.pump(0.05)
        app.pump(1.0)  # let the first hold frame settle
        hold = measure_median(app, SECONDS)
        app.send(b" ")
        app.pump(1.0)
        paused = measure(app, min(SECONDS, 5.0))
        app.send(b" ")
        app.send(b"n")  # on to Cat-Cow
        app.wait_for("Get ready: Cat-Cow")
        # Its cue says "Inhale" too: wait for the breath count, or the window would
        # hold the get-ready's one-off full repaint as the breathing starts.
        app.wait_for("breath 1 of", 10)
        app.pump(1.0)
        breathing = measure_median(app, SECONDS)
        return hold, paused, breathing
    finally:
        app.close()


def bare_digits(cols: int, rows: int) -> Figures:
    """The baseline: a `Digits` updated once a second."""
    env = {**os.environ, "COLORTERM": "truecolor"}
    app = PtyApp([sys.executable, str(HERE / "bare_digits.py")], cols, rows, env)
    try:
        app.wait_for("Quit")
        app.pump(1.0)
        return measure_median(app, SECONDS)
    finally:
        app.close()


def termdown(cols: int, rows: int) -> Figures | None:
    """The second baseline: `termdown` counting down a minute, if it is installed."""
    found = shutil.which("termdown", path=str(Path(sys.executable).parent)) or shutil.which(
        "termdown"
    )
    if found is None:
        return None
    app = PtyApp([found, "60"], cols, rows, {**os.environ})
    try:
        app.pump(2.0)
        return measure_median(app, SECONDS)
    finally:
        app.close()


# The budgets at 100x30 (issues 3, 11 and 14): bytes/s, CPU %, least visible changes/s.
BUDGETS = {
    "supple hold": (1000, 0.8, 4),
    "supple hold, reduced motion": (1000, 0.8, 1),
    "supple paused": (0, None, 0),
    "supple Cat-Cow": (2000, 2.0, 4),
    "supple Cat-Cow, reduced": (2000, 2.0, 0),
}


def row(name: str, fig: Figures, base: Figures | None = None, budget: bool = False) -> str:
    line = (
        f"  {name:<28} {fig.bytes_per_s:6.0f} B/s {fig.cpu_percent:5.2f}% CPU "
        f"{fig.changes_per_s:4.1f} changes/s"
    )
    if base is not None and base.bytes_per_s and base.cpu_percent:
        line += (
            f"  {fig.bytes_per_s / base.bytes_per_s:4.2f}x bytes "
            f"{fig.cpu_percent / base.cpu_percent:4.2f}x CPU"
        )
    if budget and name in BUDGETS:
        most_bytes, most_cpu, least_changes = BUDGETS[name]
        cpu = "" if most_cpu is None else f" <={most_cpu}%"
        line += f"   budget <={most_bytes} B/s{cpu} >={least_changes}/s"
    return line


def main() -> None:
    with open("/proc/loadavg") as handle:
        load = " ".join(handle.read().split()[:3])
    print(
        f"median of 3 windows of {SECONDS:.0f} s; ratios against the bare Digits app of the "
        f"same size, same run; load average before: {load}"
    )
    results: dict[tuple[int, int], Figures] = {}
    for cols, rows in SIZES:
        base = bare_digits(cols, rows)
        other = termdown(cols, rows)
        hold, paused, breathing = supple_hold(cols, rows, [])
        calm, _, calm_breathing = supple_hold(cols, rows, ["--reduced-motion"])
        results[cols, rows] = hold
        budgets = (cols, rows) == SIZES[0]
        print(f"{cols}x{rows}")
        print(row("bare Digits, 1/s", base))
        if other is not None:
            print(row("termdown 60", other, base))
        print(row("supple hold", hold, base, budgets))
        print(row("supple hold, reduced motion", calm, base, budgets))
        print(row("supple paused", paused, base, budgets))
        print(row("supple Cat-Cow", breathing, base, budgets))
        print(row("supple Cat-Cow, reduced", calm_breathing, base, budgets))
        if other is not None and other.cpu_percent:
            print(f"  hold CPU vs termdown: {hold.cpu_percent / other.cpu_percent:.2f}x (goal < 1)")
    small, big = results[SIZES[0]], results[SIZES[1]]
    with open("/proc/loadavg") as handle:
        load = " ".join(handle.read().split()[:3])
    print(
        f"200x60 vs 100x30 hold bytes: {big.bytes_per_s / small.bytes_per_s:.2f}x "
        f"(budget 1.5x); load average after: {load}"
    )


if __name__ == "__main__":
    main()
