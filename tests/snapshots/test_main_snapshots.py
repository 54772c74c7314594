"""The main screen after shaping the routine: a moved, an excluded and a swapped pose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.store.routines import RoutineStore

# Child's Pose down one, Pigeon swapped for Figure-Four, the twist left out;
# the highlight ends on Figure-Four so the detail pane shows the alternative.
EDITS = ["J", "j", "j", "a", "b", "j", "space", "k"]  # a asks which sides: b both


def make_app(data_dir: Path) -> SuppleApp:
    store = RoutineStore(data_dir)
    return SuppleApp(store.load_current(), clock=FakeClock(), routines=store)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen_with_edits(snap_compare: Any, data_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(data_dir), press=EDITS, terminal_size=size)


def test_routine_picker(snap_compare: Any, data_dir: Path) -> None:
    store = RoutineStore(data_dir)
    store.duplicate(store.load_current(), "Bad back day")
    assert snap_compare(make_app(data_dir), press=["R"], terminal_size=(80, 24))
