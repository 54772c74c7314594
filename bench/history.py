"""Figures for issues 4 and 14: history at 3,650 and 36,500 sessions, each against a baseline.

Every history is made the way a person would: `supple history import` of a generated
export, ending today, so a daily history is one unbroken streak `supple status` must walk.
Each figure is printed with a baseline taken in the same run (plain TinyDB, `python -c
"import tinydb"`, an empty history, a bare Textual OptionList) and the issue's budget;
nothing is asserted (machines are noisy).

Run: python bench/history.py   (about a minute and a half on a quiet 2-core machine)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parent))
import terminal
from _pty import PtyApp
from make_history import NOW, TZ, session, write_export

from tui.core.record import to_dict
from tui.store.history import History

SHAPES = (
    ("3,650 sessions (10 years, daily)", 3650, 10.0),
    ("36,500 sessions (10 years, 10 a day)", 36500, 10.0),
    ("36,500 sessions (50 years, twice a day)", 36500, 50.0),
)
COLS, ROWS = 100, 30
BIN = Path(sys.executable).parent
# No .pyc files means every run compiles Supple afresh: not what a person's install does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _high_water_kib(pid: int) -> int:
    # VmHWM, unlike ru_maxrss, starts afresh at exec: it is not the forking bench's size.
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(argv: Sequence[str]) -> tuple[float, float]:
    """Run a command to its end: (seconds, peak memory in MiB, sampled every 5 ms)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _high_water_kib(process.pid))
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{argv} failed")
    return elapsed, peak / 1024


def supple(data_dir: Path, *args: str) -> list[str]:
    """The argv of the installed `supple` command on `data_dir`."""
    return [str(BIN / "supple"), "--data-dir", str(data_dir), *args]


def make_history(folder: Path, count: int, years: float) -> float:
    """Import a generated export of `count` sessions into `folder`; seconds taken."""
    export = folder.with_suffix(".export.json")
    write_export(export, count, years, end=datetime.now(TZ) + timedelta(days=1))
    seconds, _ = run(supple(folder, "history", "import", str(export)))
    export.unlink()
    (folder / ".welcomed").touch()  # straight to the main screen in the pty figures
    (folder / "settings.toml").write_text("pain_checkins = false\n", encoding="utf-8")
    return seconds


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def save_ms(folder: Path) -> float:
    """Median ms of a progressive save of today's session into a copy of `folder`."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy"
        shutil.copytree(folder, copy)
        history = History(copy)
        today = session(10**9, NOW)
        history.save(today)  # the first save of a session creates its month
        progress = iter(range(1, 10**6))
        warm = timed(
            lambda: history.save(today.with_changes(active_seconds=float(next(progress)))), 20
        )
        assert not history.warnings, history.warnings
        return statistics.median(warm)


def plain_tinydb_ms(count: int) -> float:
    """Median ms per insert into one plain TinyDB JSON file already holding `count` sessions."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plain.json"
        docs = {str(i + 1): to_dict(session(i, NOW - timedelta(days=i))) for i in range(count)}
        path.write_text(json.dumps({"sessions": docs}))
        table = TinyDB(path).table("sessions")
        numbers = iter(range(count, count + 100))
        return statistics.median(
            timed(lambda: table.insert(to_dict(session(next(numbers), NOW))), 5)
        )


def median_run(argv: Sequence[str], repeat: int = 5) -> float:
    """Median seconds of running `argv` to its end."""
    return statistics.median(run(argv)[0] for _ in range(repeat))


def screen_open_ms(folder: Path, repeat: int = 5) -> float:
    """Median ms from pressing h on the main screen to the history screen fully drawn (pty)."""
    times = []
    for _ in range(repeat):
        app = PtyApp(supple(folder), COLS, ROWS, ENV)
        app.wait_for("Child's Pose")
        app.pump(0.3)  # let the main screen settle
        empty = not History(folder, read_only=True).summaries()
        start = time.perf_counter()
        app.send(b"h")
        # Fully drawn: the content and the key bar for it (Details needs the table focused).
        needles = ["No sessions yet", "Back"] if empty else ["Last week", "Date ", "Details"]
        while not all(n in app.text() for n in needles):
            app.pump(0.001)
        times.append((time.perf_counter() - start) * 1000)
        app.close()
    return statistics.median(times)


def list_moves(folder: Path, rounds: int = 40) -> tuple[list[terminal.Press], list[terminal.Press]]:
    """Isolated j/k-style presses (arrows) on a bare OptionList and on Supple's main screen."""
    bare = PtyApp([sys.executable, terminal.__file__, "--bare-list"], COLS, ROWS, ENV)
    bare.wait_for("a pose")
    bare.send(b"\x1b[B")  # focus shows the cursor
    while terminal._highlighted_row(bare) is None:
        bare.pump(0.005)
    bare.pump(0.5)
    bare_moves = terminal._list_moves(bare, rounds)
    bare.close()
    app = PtyApp(supple(folder), COLS, ROWS, ENV)
    app.wait_for("Child's Pose")
    app.pump(0.5)  # let the main screen settle (today's streak, the figure)
    moves = terminal._list_moves(app, rounds)
    app.close()
    return bare_moves, moves


def print_moves(bare: list[terminal.Press], moves: list[terminal.Press]) -> None:
    """Key to fully drawn and bytes per press, Supple against the bare list."""

    def p(presses: list[terminal.Press], q: float) -> float:
        values = sorted(x.last for x in presses)
        return values[max(0, round(q * len(values)) - 1)] * 1000

    def size(presses: list[terminal.Press]) -> float:
        return statistics.median(x.size for x in presses)

    def frames(presses: list[terminal.Press]) -> float:
        return statistics.median(x.frames for x in presses)

    print(f"main screen list move, {len(moves)} isolated presses, key to fully drawn:")
    for label, presses in (("bare Textual OptionList", bare), ("supple main screen", moves)):
        print(
            f"  {label:<24} p50 {p(presses, 0.5):5.1f} ms  p95 {p(presses, 0.95):5.1f} ms  "
            f"{size(presses) / 1024:4.1f} KB  {frames(presses):.0f} frame(s) per press (median)"
        )
    print(
        f"  supple / bare: p95 {p(moves, 0.95) / p(bare, 0.95):.2f}x, bytes "
        f"{size(moves) / size(bare):.2f}x; goal one frame, p95 30 ms, 4 KB"
    )


def status_text(folder: Path) -> str:
    """What `supple status` says, to show the streak it walked."""
    done = subprocess.run(supple(folder, "status"), capture_output=True, text=True, env=ENV)
    return done.stdout.strip()


def main() -> None:
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; load average {load:.1f}")
    root = Path(tempfile.mkdtemp(prefix="supple-bench-history-"))
    try:
        empty = root / "empty"
        make_history(empty, 0, 1.0)
        tinydb_s = median_run([sys.executable, "-c", "import tinydb"])
        version_s = median_run(supple(empty, "--version"))
        plain = plain_tinydb_ms(3650)
        empty_open = screen_open_ms(empty)
        empty_export_s, empty_export_mib = run(supple(empty, "history", "--json"))
        print("baselines, same run:")
        print(f"  python -c 'import tinydb'                  {tinydb_s * 1000:7.0f} ms")
        print(f"  supple --version (the CLI's own start)     {version_s * 1000:7.0f} ms")
        print(f"  plain TinyDB insert, one file of 3,650     {plain:7.1f} ms")
        print(f"  history screen open, empty history         {empty_open:7.0f} ms")
        print(
            f"  supple history --json, empty history       {empty_export_s * 1000:7.0f} ms "
            f"{empty_export_mib:5.0f} MiB"
        )
        for label, count, years in SHAPES:
            folder = root / f"h{count}-{years:g}"
            imported = make_history(folder, count, years)
            print(f"{label}: imported in {imported:.1f} s")
            save = save_ms(folder)
            ratio = plain / save
            print(f"  save (median)         {save:7.1f} ms   plain TinyDB / this {ratio:.0f}x")
            for fmt, goal_s in (("--json", 5.0 if count > 10_000 else 0.5), ("--csv", None)):
                seconds, mib = run(supple(folder, "history", fmt))
                goal = f", goal {goal_s:.1f} s, 60 MiB" if goal_s else ""
                print(
                    f"  history {fmt:<6}        {seconds:7.2f} s  {mib:5.0f} MiB"
                    f"   / empty: {seconds / empty_export_s:4.1f}x time, "
                    f"{mib / empty_export_mib:4.2f}x memory{goal}"
                )
            status = median_run(supple(folder, "status"))
            print(
                f"  status (median of 5)  {status * 1000:7.0f} ms   / import tinydb "
                f"{status / tinydb_s:4.1f}x, / supple --version {status / version_s:4.2f}x, "
                f"goal 100 ms ({status_text(folder)!r})"
            )
            days = History(folder, read_only=True).index_folder / "days.json"
            days.rename(days.with_suffix(".aside"))  # the day index aside: status as it was
            unindexed = median_run(supple(folder, "status"), repeat=3)
            days.with_suffix(".aside").rename(days)
            print(
                f"  status, no day index  {unindexed * 1000:7.0f} ms   (reads every month the "
                f"streak spans: the figure before the day index; this / with it "
                f"{unindexed / status:4.1f}x)"
            )
            opened = screen_open_ms(folder)
            goal_ms = 150 if count < 10_000 else 250
            print(
                f"  history screen open   {opened:7.0f} ms   / empty {opened / empty_open:4.1f}x, "
                f"goal {goal_ms} ms ({goal_ms / 71:.1f}x the issue's empty 71 ms)"
            )
            if count == 3650:
                print_moves(*list_moves(folder))
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
