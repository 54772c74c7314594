"""The history screen read as a person sees it, at 80x24 and 120x40."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.app.flow_helpers import screen_lines
from tests.app.history_samples import fill
from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core.stats import heatmap
from tui.screens.history import HistoryScreen
from tui.store.routines import load_shipped
from tui.widgets.heatmap import CalendarHeatmap, weeks_for_width

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
    app = SuppleApp(load_shipped(), clock=clock, history=history)
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
