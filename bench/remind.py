"""Figures for issue 22: `supple remind now` and `status --if-not-done` at 36,500 sessions.

Each history is brought in with `supple history import`, one unbroken daily streak ending
today (done) or yesterday (not done), as in bench/history.py. Every figure is the median
of 7 runs of the installed command, printed with `supple --version` from the same run as
the baseline and the issue's budget (0.1 s); nothing is asserted (machines are noisy).
The notification itself goes to a small test server on a private D-Bus session bus
(tests/remind/notification_server.py), never to the desktop this runs on.

Run: python bench/remind.py   (about two minutes on a 2-core machine)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import ENV, supple
from make_history import TZ, write_export

SERVER = Path(__file__).resolve().parent.parent / "tests" / "remind" / "notification_server.py"
REPEAT = 7
SHAPES = (
    # Import refuses dates before 1970, so the longest streak is 50 years (two a day).
    ("36,500 sessions (50 years, 2 a day: an 18,262-day streak)", 36500, 50.0),
    ("36,500 sessions (10 years, 10 a day)", 36500, 10.0),
)


def median_ms(argv: Sequence[str], env: Mapping[str, str]) -> float:
    """Median milliseconds of running `argv` to its end (it must exit 0)."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def import_history(folder: Path, count: int, years: float, *, done_today: bool) -> None:
    """`count` daily-streak sessions ending today (done) or yesterday (not done)."""
    export = folder.with_suffix(".export.json")
    end = datetime.now(TZ) + timedelta(days=1 if done_today else 0)
    write_export(export, count, years, end=end)
    subprocess.run(supple(folder, "history", "import", str(export)), env=ENV, check=True)
    export.unlink()


def start_desktop(log: Path) -> tuple[subprocess.Popen[str], str] | None:
    """A private bus with the test notification server: (process, address), or None."""
    if shutil.which("dbus-run-session") is None:
        return None
    server = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, str(SERVER), str(log)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=ENV,
    )
    assert server.stdout is not None
    address = server.stdout.readline().strip()
    return (server, address) if address else None


def main() -> None:
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; load average {load:.1f}")
    root = Path(tempfile.mkdtemp(prefix="supple-bench-remind-"))
    runtime = root / "runtime"  # no bus socket in it: "no desktop"
    runtime.mkdir(mode=0o700)
    quiet = {k: v for k, v in ENV.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    quiet["XDG_RUNTIME_DIR"] = str(runtime)
    desktop = start_desktop(root / "notifications.jsonl")
    try:
        empty = root / "empty"
        version = median_ms(supple(empty, "--version"), quiet)
        print(f"baseline, same run: supple --version {version:6.0f} ms")
        if desktop is None:
            print("  (no dbus-run-session: the figure with a notification is left out)")
        for label, count, years in SHAPES:
            print(f"{label}:")
            for done_today in (True, False):
                folder = root / f"h{count}-{years:g}-{'done' if done_today else 'open'}"
                import_history(folder, count, years, done_today=done_today)
                today = "done today" if done_today else "not done today"
                figures = [
                    (f"status, {today}", supple(folder, "status"), quiet),
                    (
                        f"status --if-not-done, {today}",
                        supple(folder, "status", "--if-not-done"),
                        quiet,
                    ),
                    (f"remind now, {today}, no desktop", supple(folder, "remind", "now"), quiet),
                ]
                if desktop is not None and not done_today:
                    with_bus = {**quiet, "DBUS_SESSION_BUS_ADDRESS": desktop[1]}
                    figures.append(
                        (
                            "remind now, not done today, notifying",
                            supple(folder, "remind", "now"),
                            with_bus,
                        )
                    )
                for name, argv, env in figures:
                    ms = median_ms(argv, env)
                    print(
                        f"  {name:<42} {ms:6.0f} ms   / --version {ms / version:4.2f}x, goal 100 ms"
                    )
                shutil.rmtree(folder)
    finally:
        if desktop is not None:
            assert desktop[0].stdin is not None
            desktop[0].stdin.close()
            desktop[0].wait(timeout=60)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
