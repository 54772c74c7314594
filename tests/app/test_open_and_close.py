"""A screen told to close before it has finished opening closes, and nothing raises.

On a busy machine the key that closes a dialog can reach it before its first mount is done
(a pty storm did this to the routine picker); closed at once, its children went before its
on_mount looked for them (NoMatches), and the app died.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events

from tests.app.history_samples import fill
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.screens.dismiss_once import DismissOnce
from tui.store.routines import RoutineStore


@pytest.mark.parametrize("key", ["R", "o", "h", "question_mark"])
async def test_a_screen_closed_as_it_opens(data_dir: Path, clock: FakeClock, key: str) -> None:
    store = RoutineStore(data_dir)
    store.duplicate(fixture_routine(), "Evening")
    app = SuppleApp(store.load_current(), clock=clock, routines=store, history=fill(data_dir, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.Key(key, "?" if key == "question_mark" else key))
        while len(app.screen_stack) < 3:  # pushed: its mount has only begun
            await asyncio.sleep(0)
        screen = app.screen
        assert isinstance(screen, DismissOnce)
        assert not screen.is_mounted
        screen.dismiss(None)
        await pilot.pause()
        await pilot.pause()
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == ["MainScreen"]
        await pilot.press("h")  # and the main screen still answers
        assert type(app.screen).__name__ == "HistoryScreen"
