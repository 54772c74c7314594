"""The history screen with a fixed four months of sessions and a frozen today."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.history_samples import TODAY, fill
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.screens.history import HistoryScreen
from tui.store.history import History


def make_app(history: History) -> SuppleApp:
    return SuppleApp(fixture_routine(), clock=FakeClock(), history=history)


async def open_history(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, SuppleApp) and app.history is not None
    await app.push_screen(HistoryScreen(app.history, today=lambda: TODAY, pose_name=app.pose_name))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_history(snap_compare: Any, data_dir: Path, size: tuple[int, int]) -> None:
    app = make_app(fill(data_dir))
    assert snap_compare(app, run_before=open_history, terminal_size=size)


def test_history_no_color(
    snap_compare: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(fill(data_dir))
    assert snap_compare(app, run_before=open_history, terminal_size=(80, 24))


def test_session_detail(snap_compare: Any, data_dir: Path) -> None:
    app = make_app(fill(data_dir))
    # Down to the session that swapped Pigeon for Figure-Four, shortened it and left a note.
    keys = ["down"] * 23 + ["enter"]
    assert snap_compare(app, run_before=open_history, press=keys, terminal_size=(80, 24))


def test_delete_question(snap_compare: Any, data_dir: Path) -> None:
    app = make_app(fill(data_dir))
    assert snap_compare(app, run_before=open_history, press=["d"], terminal_size=(80, 24))


def test_empty_history(snap_compare: Any, data_dir: Path) -> None:
    app = make_app(History(data_dir))
    assert snap_compare(app, run_before=open_history, terminal_size=(80, 24))
