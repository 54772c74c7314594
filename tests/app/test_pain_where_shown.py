"""History's session details show where it hurt and the note, made safe for the terminal."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.app.history_samples import TODAY, sample_session
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tests.store.session_factory import make_record
from tui.app import SuppleApp
from tui.screens.history import HistoryScreen
from tui.screens.session_detail import session_heading
from tui.store.history import History
from tui.widgets.pain_trend import PainTrend


def test_the_session_details_show_where_and_the_note() -> None:
    record = make_record(0).with_changes(pain_where="right hip", pain_note="sharp\x1b[2J")
    shown = session_heading(record).plain
    assert "Where right hip — sharp" in shown and "\x1b" not in shown
    assert "Where" not in session_heading(make_record(1)).plain


async def test_w_on_history_shows_the_pain_of_sessions_that_hurt_there(tmp_path: Path) -> None:
    history = History(tmp_path)
    for n, day in enumerate((TODAY - timedelta(days=2), TODAY - timedelta(days=1), TODAY)):
        where = "right hip" if n != 1 else None
        history.save(sample_session(n, day).with_changes(pain_where=where))
    app = SuppleApp(fixture_routine(), clock=FakeClock(), history=history)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        trend = screen.query_one(PainTrend)
        assert len(trend.sessions) == 3
        await pilot.press("w")
        assert [getattr(s, "pain_where", None) for s in trend.sessions] == ["right hip"] * 2
        assert screen.query_one("#pain-panel").border_title == "Pain · right hip"
        await pilot.press("w")  # and back to every session
        assert len(trend.sessions) == 3
