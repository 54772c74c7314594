"""The History screen opens on a month holding records it cannot show, and says which."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.app.history_samples import fill, sample_sessions
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tests.history_paths import own_folder
from tui.app import SuppleApp
from tui.core.record import to_dict
from tui.screens.history import HistoryScreen, SessionTable
from tui.store.history import History, month_of


async def test_history_opens_showing_the_good_sessions_and_naming_the_bad(
    data_dir: Path, clock: FakeClock
) -> None:
    fill(data_dir, count=5)
    newest = sample_sessions(5)[-1]
    month = own_folder(data_dir) / f"{month_of(newest.started_at)}.json"
    content = json.loads(month.read_text())
    bad = {**to_dict(newest), "id": "seven-pain", "pain_before": "seven"}
    content["sessions"]["98"] = bad
    content["sessions"]["99"] = {**to_dict(newest), "id": "negative", "active_seconds": -60}
    month.write_text(json.dumps(content))
    app = SuppleApp(fixture_routine(), clock=clock, history=History(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(SessionTable)
        assert sorted(str(row.key.value) for row in table.ordered_rows) == sorted(
            r.id for r in sample_sessions(5)
        )
        warnings = str(screen.query_one("#history-warnings").render())
        assert f"{month}: session seven-pain could not be read" in warnings
        assert "session negative could not be read" in warnings
        await pilot.press("enter")  # the good sessions still open
        assert type(pilot.app.screen).__name__ == "SessionDetailScreen"


async def test_a_session_dated_9999_is_listed_and_can_be_deleted(
    data_dir: Path, clock: FakeClock
) -> None:
    # A synced month file needs no import: History must place it, or at least survive it.
    fill(data_dir, count=3)
    far = sample_sessions(1)[0].with_changes(
        id="far", started_at=datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12)))
    )
    History(data_dir).save(far.with_changes(ended_at=far.started_at))
    app = SuppleApp(fixture_routine(), clock=clock, history=History(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(SessionTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "far"
        await pilot.press("d", "y")
        await pilot.pause()
        assert "far" not in [str(row.key.value) for row in table.ordered_rows]
    assert History(data_dir).get("far") is None
