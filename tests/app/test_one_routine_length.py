"""One routine length everywhere: the main screen's total, `supple status` and history agree.

Issue 19 found "total 7:02" on the main screen, "≈6 min" from `supple status` and "5:57" in
history for the same routine. The routine's length counts its get-ready and side-switch
pauses everywhere ("in all"); history's figure is the time held, and says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.app.flow_helpers import SIZE, make_app
from tests.conftest import FakeClock
from tui.cli import main
from tui.core.engine import SessionEngine
from tui.core.record import Status
from tui.core.routine import Routine, Timing, format_duration, total_seconds
from tui.screens.history import COLUMNS
from tui.store.history import History
from tui.store.settings import Settings


def _completed_yesterday(routine: Routine, data_dir: Path, timing: Timing) -> None:
    clock = FakeClock()
    engine = SessionEngine(routine, clock, timing)
    engine.start()
    clock.advance(10_000)
    engine.update()
    started = datetime.now().astimezone() - timedelta(days=1)
    record = engine.record("yesterday", started, started + timedelta(minutes=8))
    assert record.status is Status.COMPLETED
    History(data_dir).save(record)


@pytest.mark.parametrize("get_ready", [10.0, 40.0])
async def test_main_total_and_status_estimate_are_the_same_length(
    routine: Routine, data_dir: Path, capsys: pytest.CaptureFixture[str], get_ready: float
) -> None:
    timing = Timing(get_ready=get_ready)
    _completed_yesterday(routine, data_dir, timing)
    total = total_seconds(routine, timing)
    # With --data-dir the settings live there too: `status` reads the get-ready set.
    app = make_app(settings_dir=data_dir, settings=Settings(get_ready_seconds=get_ready))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#routine-total").render())
    assert f"5 poses · {format_duration(total)} in all" in shown
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "status"]) == 0
    out = capsys.readouterr().out
    assert f"(≈{round(total / 60)} min)" in out, (out, total)


def test_history_says_its_time_is_the_time_held() -> None:
    assert "Held" in COLUMNS and "Time" not in COLUMNS
