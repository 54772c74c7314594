"""The history screen read as a person sees it, at 80x24 and 120x40."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.app.flow_helpers import screen_lines
from tests.app.history_samples import fill, sample_session
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.record import Outcome
from tui.core.stats import heatmap
from tui.screens.history import HistoryScreen
from tui.store.history import History
from tui.widgets.heatmap import CalendarHeatmap, weeks_for_width
from tui.widgets.pain_trend import PainTrend

SIZES = [(80, 24), (120, 40)]
# A Friday early in a month: its first day falls in the calendar's last week.
EARLY_DECEMBER = date(2026, 12, 4)


async def open_history(app: SuppleApp, today: date) -> HistoryScreen:
    assert app.history is not None
    screen = HistoryScreen(app.history, today=lambda: today, pose_name=app.pose_name)
    await app.push_screen(screen)
    return screen


def panel_rows(app: SuppleApp, screen: HistoryScreen, widget: type[CalendarHeatmap]) -> list[str]:
    """The rows of a widget's box, as drawn."""
    region = screen.query_one(widget).region
    return [line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom]]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
async def test_every_month_the_calendar_reaches_is_named_over_it(
    data_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    history = fill(data_dir, today=EARLY_DECEMBER)
    app = SuppleApp(fixture_routine(), clock=clock, history=history)
    async with app.run_test(size=size) as pilot:
        screen = await open_history(app, EARLY_DECEMBER)
        await pilot.pause()
        rows = panel_rows(app, screen, CalendarHeatmap)
        weeks = weeks_for_width(screen.query_one(CalendarHeatmap).content_region.width)
        starts = {d.day for week in heatmap([], EARLY_DECEMBER, weeks) for d in week}
        months = [f"{d:%b}" for d in sorted(starts) if d.day == 1]
        assert months and months[-1] == "Dec"
        assert rows[0].split() == months or rows[0].split()[1:] == months, rows[0]
        assert rows[1].startswith("Mo "), "the month names fit on their own row"


# A first fortnight: (pain before, after, whether a hold hurt) a day, oldest first.
FORTNIGHT = [
    (6, 4, False),
    (6, 5, False),
    (5, 5, True),
    (7, 4, False),
    (4, 6, False),  # pain rose by 2 during it
    (5, 3, False),
    (4, 4, True),
    (5, 2, False),
    (4, 4, False),
    (3, 3, False),
    (4, 2, False),
    (3, 2, False),
]


def fortnight(data_dir: Path, today: date = EARLY_DECEMBER) -> History:
    """The fortnight up to yesterday, and a demo run today rated 9 before and after."""
    history = History(data_dir)
    for number, (before, after, hurt) in enumerate(FORTNIGHT):
        day = today - timedelta(days=len(FORTNIGHT) - number)
        record = sample_session(number, day).with_changes(
            id=f"day-{number}", pain_before=before, pain_after=after
        )
        if hurt:
            poses = list(record.poses)
            poses[4] = replace(poses[4], outcome=Outcome.HURT, note="hurt after 20 s")
            record = record.with_changes(poses=tuple(poses))
        history.save(record)
    demo = sample_session(99, today).with_changes(id="demo", pain_before=9, pain_after=9, speed=4.0)
    history.save(demo)
    return history


def list_row(lines: list[str], record_day: date) -> str:
    """The list's row of the session on `record_day`, as drawn."""
    return next(line for line in lines if line.startswith(f" {record_day:%Y-%m-%d}"))


async def test_the_list_marks_pain_that_rose_and_sessions_that_hurt(
    data_dir: Path, clock: FakeClock
) -> None:
    app = SuppleApp(fixture_routine(), clock=clock, history=fortnight(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, EARLY_DECEMBER)
        await pilot.pause()
        lines = screen_lines(app)
        for number, (before, after, hurt) in enumerate(FORTNIGHT):
            day = EARLY_DECEMBER - timedelta(days=len(FORTNIGHT) - number)
            row = list_row(lines, day)
            assert ("▲" in row) == (after - before >= 2), row
            assert ("▼" in row) == (before - after >= 2), row
            assert ("!" in row) == hurt, row


async def test_the_status_column_reads_whole_at_80_columns(
    data_dir: Path, clock: FakeClock
) -> None:
    app = SuppleApp(fixture_routine(), clock=clock, history=fortnight(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, EARLY_DECEMBER)
        await pilot.pause()
        lines = screen_lines(app)
        demo = list_row(lines, EARLY_DECEMBER)
        assert demo.split()[-1] == "demo"
        for number in range(len(FORTNIGHT) - 5, len(FORTNIGHT)):
            day = EARLY_DECEMBER - timedelta(days=len(FORTNIGHT) - number)
            assert list_row(lines, day).rstrip(" ▁▂▃▄▅▆▇█▎▊").split()[-1] == "completed"


def pain_panel(app: SuppleApp, screen: HistoryScreen) -> list[str]:
    region = screen.query_one(PainTrend).content_region
    lines = screen_lines(app)[region.y : region.bottom]
    return [line[region.x : region.right].rstrip() for line in lines]


async def test_the_pain_panel_says_what_it_shows_the_same_at_80_and_120_columns(
    data_dir: Path, clock: FakeClock
) -> None:
    history = fortnight(data_dir)
    panels: dict[tuple[int, int], list[str]] = {}
    for size in SIZES:
        app = SuppleApp(fixture_routine(), clock=clock, history=history)
        async with app.run_test(size=size) as pilot:
            screen = await open_history(app, EARLY_DECEMBER)
            await pilot.pause()
            panels[size] = pain_panel(app, screen)
    small, large = panels[(80, 24)], panels[(120, 40)]
    # The newest real rating (3 → 2, yesterday), never the demo's 9 this morning.
    assert small[0] == large[0] == "latest 2/10 · 3 Dec"
    assert small[1] == "before each session" and large[1] == "pain before each session"
    for panel in (small, large):
        bars = [line for line in panel if "▕" in line]
        # Twelve real sessions, one column each; none for the demo.
        assert max(len(line) for line in bars) == len("10▕") + len(FORTNIGHT)
        assert bars[0].startswith("10▕") and bars[-1].startswith(" 0▕")
    # Bars tall enough to see a trend, taller where the screen has the rows.
    assert len([line for line in small if "▕" in line]) >= 3
    assert len([line for line in large if "▕" in line]) >= 8


async def test_without_ratings_the_panel_still_says_what_the_lists_mark_means(
    data_dir: Path, clock: FakeClock
) -> None:
    history = History(data_dir)
    for record in fortnight(data_dir).sessions():
        history.save(record.with_changes(pain_before=None, pain_after=None))
    app = SuppleApp(fixture_routine(), clock=clock, history=history)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, EARLY_DECEMBER)
        await pilot.pause()
        assert "! a hold hurt" in pain_panel(app, screen)
