"""Start: the routine first; the history, the voice and the offers follow its first frame."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.history_samples import sample_session
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.clock import local_now
from tui.screens.main import MainScreen
from tui.store.history import History
from tui.store.settings import Settings


def _app(folder: Path, clock: FakeClock) -> SuppleApp:
    app = SuppleApp(fixture_routine(), clock=clock, history_folder=folder)
    app.settings = Settings(pain_checkins=False)
    return app


async def test_the_routine_is_up_before_the_history_opens_and_today_follows(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    History(tmp_path).save(sample_session(1, local_now().date() - timedelta(days=1)))
    app = _app(tmp_path, clock)
    seen_at_mount: list[object] = []
    mount = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        seen_at_mount.append(app.history)
        mount(screen)
        today = screen.query_one("#routine-today", Static)
        seen_at_mount.append(today.display)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    async with app.run_test(size=(80, 24)):
        # No history read for the first frame, and the line about today keeps its row.
        assert seen_at_mount == [None, True]
        today = app.screen.query_one("#routine-today", Static)
        assert str(today.render()) == "not done today · 1-day streak"
        assert app.history is not None and app.started


async def test_a_session_started_before_the_history_opened_still_saves_there(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A key quicker than the frame after the first: the history is not open yet.
    monkeypatch.setattr(SuppleApp, "after_first_frame", lambda app: None)
    app = _app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.history is None
        await pilot.press("s")
        assert app.history is not None and app.saves is not None
        assert app.save_record == app.saves.save
        await pilot.press("q")  # end it: what was done is saved
        await pilot.pause()
    assert len(History(tmp_path).sessions()) == 1


def test_keys_typed_ahead_of_the_first_screen_do_nothing_but_quit(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = _app(tmp_path, clock)
    # Help or settings opened then would lie beneath the main screen, out of reach.
    assert app.check_action("show_keys", ()) is False
    assert app.check_action("settings", ()) is False
    assert app.check_action("quit", ()) is True
