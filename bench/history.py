"""Figures for issue 4: save time as history grows, against plain TinyDB, and screen load time.

Run: python bench/history.py   (prints figures only; nothing is asserted)
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tinydb import TinyDB

from tui.core.record import (
    Outcome,
    PoseRecord,
    SessionRecord,
    Status,
    summarize,
    summary_to_dict,
    to_dict,
)
from tui.core.stats import best_streak, current_streak, heatmap, pain_trend, weekly_minutes
from tui.store.history import History, month_of

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=TZ)
POSES = tuple(
    PoseRecord(f"pose-{i}", side, 60.0, 60.0, Outcome.DONE)
    for i in range(6)
    for side in (("left", "right") if i % 2 else (None,))
)


def session(number: int, started: datetime) -> SessionRecord:
    return SessionRecord(
        id=f"bench-{number}",
        routine_id="daily",
        routine_name="Daily hips and back",
        started_at=started,
        ended_at=started + timedelta(minutes=12),
        status=Status.COMPLETED,
        planned_seconds=540.0,
        active_seconds=540.0,
        poses=POSES,
        pain_before=number % 7,
        pain_after=number % 5,
    )


def populate(data_dir: Path, count: int, years: float) -> None:
    """Write `count` sessions spread evenly over `years` straight into month files, in bulk."""
    root = data_dir / "history"
    (root / "index").mkdir(parents=True, mode=0o700)
    step = timedelta(days=365.25 * years) / max(count, 1)
    months: dict[str, list[SessionRecord]] = {}
    for n in range(count):
        record = session(n, NOW - timedelta(days=1) - step * n)
        months.setdefault(month_of(record.started_at), []).append(record)
    template = json.dumps(to_dict(session(0, NOW)), separators=(",", ":"))
    summary_template = json.dumps(
        summary_to_dict(summarize(session(0, NOW))), separators=(",", ":")
    )
    for month, records in months.items():
        shard = root / f"{month}.json"
        docs = ",".join(f'"{i + 1}":{_fill(template, r)}' for i, r in enumerate(records))
        shard.write_text(f'{{"sessions":{{{docs}}}}}')
        st = shard.stat()
        summaries = ",".join(f'"{r.id}":{_fill(summary_template, r)}' for r in records)
        meta = json.dumps({"shard": {"size": st.st_size, "mtime_ns": st.st_mtime_ns}})
        (root / "index" / f"{month}.json").write_text(
            f'{{"summaries":{{{summaries}}},"meta":{meta}}}'
        )


def _fill(template: str, record: SessionRecord) -> str:
    # Bulk setup: patch the fields that differ into one encoded record.
    start, end = session(0, NOW).started_at.isoformat(), session(0, NOW).ended_at
    assert end is not None and record.ended_at is not None
    return (
        template.replace('"bench-0"', f'"{record.id}"')
        .replace(start, record.started_at.isoformat())
        .replace(end.isoformat(), record.ended_at.isoformat())
    )


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def bench_saves(count: int, years: float) -> tuple[float, float, float]:
    """Cold first save, then median and worst of progressive saves, in ms."""
    with tempfile.TemporaryDirectory() as tmp:
        populate(Path(tmp), count, years)
        history = History(Path(tmp))
        today = session(10**9, NOW)
        cold = timed(lambda: history.save(today), 1)[0]
        progress = iter(range(1, 10**6))
        warm = timed(
            lambda: history.save(today.with_changes(active_seconds=float(next(progress)))), 30
        )
        assert not history.warnings, history.warnings
        return cold, statistics.median(warm), max(warm)


def bench_plain_tinydb(count: int) -> float:
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


def bench_screen_load(count: int) -> tuple[float, float]:
    """Ms to load what the history screen shows (summaries and every statistic), cold and warm."""
    with tempfile.TemporaryDirectory() as tmp:
        populate(Path(tmp), count, count / 365)

        def load() -> None:
            summaries = History(Path(tmp), create=False).summaries()
            today = NOW.date()
            current_streak(summaries, today)
            best_streak(summaries)
            weekly_minutes(summaries, today)
            heatmap(summaries, today, 12)
            pain_trend(summaries, 60)

        first = timed(load, 1)[0]
        return first, statistics.median(timed(load, 10))


async def _open_screen(data_dir: Path, repeat: int) -> tuple[float, float]:
    # Imported here: the save figures above need no Textual.
    from tui.app import SuppleApp
    from tui.screens.history import HistoryScreen
    from tui.store.routines import load_shipped

    app = SuppleApp(load_shipped())
    painted: list[float] = []
    display = app._display

    def spy(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if isinstance(screen, HistoryScreen) and renderable is not None and not painted:
            painted.append(time.perf_counter())

    app._display = spy  # type: ignore[method-assign]
    cold, warm = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(repeat):
            history = History(data_dir, create=False)  # cold: nothing read yet
            for times in (cold, warm):
                painted.clear()
                start = time.perf_counter()
                app.push_screen(HistoryScreen(history, today=NOW.date))
                await pilot.pause()
                times.append((painted[0] - start) * 1000)
                app.pop_screen()
                await pilot.pause()
    return statistics.median(cold), statistics.median(warm)


def bench_screen_open(count: int, repeat: int = 7) -> tuple[float, float]:
    """Ms from pushing the history screen to its first full paint (headless), cold and warm."""
    with tempfile.TemporaryDirectory() as tmp:
        populate(Path(tmp), count, max(count / 365, 1.0))
        return asyncio.run(_open_screen(Path(tmp), repeat))


def main() -> None:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; times in ms")
    plain = bench_plain_tinydb(3650)
    print(f"plain TinyDB insert, one file of 3,650 sessions: {plain:7.1f}")
    cases = [
        ("0 sessions", 0, 1.0),
        ("3,650 sessions (10 years, daily)", 3650, 10.0),
        ("100,000 sessions (10 years, ~830 per month file)", 100_000, 10.0),
        ("100,000 sessions (274 years, daily)", 100_000, 273.8),
    ]
    for label, count, years in cases:
        cold, median, worst = bench_saves(count, years)
        print(
            f"save with {label}: median {median:.1f}, worst {worst:.1f}, first (cold) {cold:.1f}"
            f"; plain TinyDB at 3,650 / this = {plain / median:.0f}x"
        )
    first, warm = bench_screen_load(3650)
    print(f"history screen data at 3,650 sessions: first load {first:.1f}, repeat {warm:.1f}")
    empty_cold, empty_warm = bench_screen_open(0)
    open_cold, open_warm = bench_screen_open(3650)
    print(
        f"history screen open to first paint, 3,650 sessions: {open_cold:.1f} first, "
        f"{open_warm:.1f} again (empty history: {empty_cold:.1f}, {empty_warm:.1f}; "
        f"3,650 / empty = {open_cold / empty_cold:.1f}x first)"
    )


if __name__ == "__main__":
    main()
