"""Supple in a real pty at 100x30: key latency, hang-up to saved-and-exited, peak memory.

Each figure is printed next to a bare Textual app measured in the same run, and
against the issue's budget; nothing is asserted (machines are noisy).

    python bench/terminal.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyApp

COLS, ROWS = 100, 30
HERE = Path(__file__).resolve()


# --- the baselines ---------------------------------------------------------------


def bare_list_app() -> None:
    """A bare Textual app with a six-row list and a footer (the latency baseline)."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Header, OptionList

    class BareList(App[None]):
        BINDINGS = [Binding("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield OptionList(*(f"{n}. a pose" for n in range(1, 7)))
            yield Footer()

    BareList().run()


# --- helpers ---------------------------------------------------------------------


def _supple(data_dir: Path, *extra: str) -> PtyApp:
    env = {**os.environ, "SUPPLE_DATA_DIR": str(data_dir)}
    supple = shutil.which("supple", path=str(Path(sys.executable).parent)) or "supple"
    return PtyApp([supple, "--data-dir", str(data_dir), *extra], COLS, ROWS, env)


def _quiet_data_dir() -> Path:
    """A data folder past the welcome, with check-ins off: straight to the main screen."""
    folder = Path(tempfile.mkdtemp(prefix="supple-bench-"))
    (folder / ".welcomed").touch()
    (folder / "settings.toml").write_text("pain_checkins = false\n", encoding="utf-8")
    return folder


def _until(app: PtyApp, done: Callable[[str], bool], timeout: float = 5.0) -> float:
    """Seconds until the screen satisfies `done`."""
    start = time.perf_counter()
    while not done(app.text()):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(app.text())
        app.pump(0.001)
    return time.perf_counter() - start


def _highlighted_row(app: PtyApp) -> int | None:
    """The list row whose background differs from the other rows' (the cursor)."""
    backgrounds = {}
    for y in range(1, ROWS - 1):
        line = app.screen.buffer[y]
        digits = [line[x] for x in range(0, 20) if line[x].data.isdigit()]
        if digits:  # list rows start with their number
            backgrounds[y] = digits[0].bg
    counts: dict[str, int] = {}
    for bg in backgrounds.values():
        counts[bg] = counts.get(bg, 0) + 1
    odd = [y for y, bg in backgrounds.items() if counts[bg] == 1 and len(backgrounds) > 2]
    return odd[0] if odd else None


QUIET = 0.15  # no output for this long after a press: the press is fully drawn
BURST_GAP = 0.004  # output closer together than this is one frame


class Press:
    """What one key press drew: first change, last byte, bytes and frames (bursts)."""

    def __init__(self, first: float, last: float, size: int, frames: int) -> None:
        self.first, self.last, self.size, self.frames = first, last, size, frames


def _drawn(app: PtyApp, sent: float, changed: Callable[[], bool]) -> Press:
    """Read until the screen has changed and the app has been quiet for QUIET seconds."""
    first = last = 0.0
    size = frames = 0
    while True:
        got = app.pump(0.001)
        now = time.perf_counter() - sent
        if got:
            if not frames or now - last > BURST_GAP:
                frames += 1
            last, size = now, size + got
        if not first and got and changed():
            first = now
        if first and now - last > QUIET:
            return Press(first, last, size, frames)
        if now > 5:
            raise TimeoutError(app.text())


def _list_moves(app: PtyApp, rounds: int) -> list[Press]:
    presses = []
    for n in range(rounds):
        before = _highlighted_row(app)
        sent = time.perf_counter()
        app.send(b"\x1b[B" if (n // 4) % 2 == 0 else b"\x1b[A")  # down ×4, up ×4, ...
        presses.append(_drawn(app, sent, lambda was=before: _highlighted_row(app) != was))
    return presses


def _end(app: PtyApp) -> tuple[float, int]:
    """Terminate, reap; (seconds to exit, peak RSS in KiB from the kernel)."""
    start = time.perf_counter()
    with contextlib.suppress(ProcessLookupError):
        os.kill(app.pid, signal.SIGTERM)
    while True:
        app.pump(0.002)
        pid, _status, usage = os.wait4(app.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > 5:
            os.kill(app.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(app.fd)
    return time.perf_counter() - start, usage.ru_maxrss


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _ms(values: list[float]) -> str:
    return f"p50 {statistics.median(values) * 1000:5.1f} ms  p95 {_p95(values) * 1000:5.1f} ms"


def _press_lines(label: str, presses: list[Press], bare: list[Press] | None) -> None:
    first, last = [p.first for p in presses], [p.last for p in presses]
    size = statistics.median(p.size for p in presses)
    frames = statistics.median(p.frames for p in presses)
    print(f"  {label:<24} first change {_ms(first)}")
    ratio = f"   ratio to bare p95 {_p95(last) / _p95([p.last for p in bare]):.2f}" if bare else ""
    print(f"  {'':<24} fully drawn  {_ms(last)}{ratio}")
    bare_size = f" (bare {statistics.median(p.size for p in bare):.0f})" if bare else ""
    print(f"  {'':<24} {size:.0f} bytes{bare_size} and {frames:.0f} frame(s) per press (median)")


# --- the measurements ------------------------------------------------------------


def latency(rounds: int) -> None:
    """Key press to screen change: the routine list, and pausing the countdown."""
    bare = PtyApp([sys.executable, str(HERE), "--bare-list"], COLS, ROWS, dict(os.environ))
    bare.wait_for("a pose")
    bare.send(b"\x1b[B")  # focus shows the cursor
    _until(bare, lambda _: _highlighted_row(bare) is not None)
    bare.pump(0.5)
    bare_moves = _list_moves(bare, rounds)
    _, bare_rss = _end(bare)

    data = _quiet_data_dir()
    app = _supple(data, "--speed", "0.05")  # the countdown barely moves: only our keys change it
    app.wait_for("Child's Pose")
    app.pump(0.5)  # let the first screen settle
    moves = _list_moves(app, rounds)
    app.send(b"s")
    app.wait_for("left")
    pauses = []
    for n in range(rounds):
        want_paused = n % 2 == 0
        app.send(b" ")
        pauses.append(_until(app, lambda s, p=want_paused: ("PAUSED" in s) == p))
    _, rss = _end(app)
    shutil.rmtree(data, ignore_errors=True)

    print(f"keypress → screen change and → fully drawn, {rounds} isolated presses each,")
    print(f"real pty {COLS}x{ROWS} (goal: one frame, p95 ≤ 30 ms, ≤ 4 KB per press)")
    _press_lines("bare Textual list move", bare_moves, None)
    _press_lines("supple list move", moves, bare_moves)
    print(
        f"  supple pause/resume      {_ms(pauses)}   ratio to budget 50 ms "
        f"{_p95(pauses) / 0.05:.2f}"
    )
    print("peak memory (ru_maxrss)")
    print(f"  bare Textual list app    {bare_rss / 1024:6.1f} MiB")
    print(
        f"  supple, list + session   {rss / 1024:6.1f} MiB   ratio {rss / bare_rss:.2f} "
        "(budget 1.30)"
    )


def hangup(rounds: int) -> None:
    """Terminal closed mid-hold → session saved and process gone."""
    from tui.core.record import Status
    from tui.store.history import History

    times = []
    saved = 0
    for _ in range(rounds):
        data = _quiet_data_dir()
        app = _supple(data, "--speed", "2")
        app.wait_for("Child's Pose")
        app.send(b"s")
        app.wait_for("left")
        _until(app, lambda s: "Get ready" not in s)  # holding now
        app.pump(1.0)  # hold at least a second (2 s of routine time) before hanging up
        start = time.perf_counter()
        os.close(app.fd)  # the kernel sends SIGHUP, as a dropped SSH link does
        while not os.waitpid(app.pid, os.WNOHANG)[0]:
            time.sleep(0.001)
        times.append(time.perf_counter() - start)
        sessions = History(data, read_only=True).sessions()
        saved += bool(sessions and sessions[0].status is Status.PARTIAL)
        shutil.rmtree(data, ignore_errors=True)
    print(f"hang-up → saved and exited, {rounds} runs")
    print(
        f"  {_ms(times)}  max {max(times) * 1000:.0f} ms   ratio to budget 1 s "
        f"{max(times) / 1.0:.2f}; partial session saved in {saved}/{rounds}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--bare-list", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_list:
        bare_list_app()
        return
    latency(args.rounds)
    hangup(max(3, args.rounds // 10))


if __name__ == "__main__":
    main()
