"""Each pose's figure at the top of the detail pane, without colour, and on the Linux console."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core.raster import Cells
from tui.store.routines import RoutineStore
from tui.widgets.figure import FigureView

# Keys from the first pose to each pose's row; Figure-Four is Pigeon's swap.
POSES = {
    "childs-pose": [],
    "cat-cow": ["j"],
    "thread-the-needle": ["j", "j"],
    "pigeon": ["j", "j", "j"],
    "figure-four": ["j", "j", "j", "a", "b"],  # a asks which sides: b both
    "seated-spinal-twist": ["j", "j", "j", "j"],
}


def make_app(data_dir: Path) -> SuppleApp:
    store = RoutineStore(data_dir)
    return SuppleApp(store.load_current(), clock=FakeClock(), routines=store)


@pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"]
)
@pytest.mark.parametrize("pose", list(POSES))
def test_pose_figure_in_the_detail_pane(
    snap_compare: Any, data_dir: Path, pose: str, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(data_dir), press=POSES[pose], terminal_size=size)


def test_pigeon_without_colour(
    snap_compare: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_dir)
    assert app.no_color
    assert snap_compare(app, press=POSES["pigeon"], terminal_size=(80, 24))


def test_pigeon_on_the_linux_console(
    snap_compare: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FigureView, "cells", Cells.BLOCKS)
    assert snap_compare(make_app(data_dir), press=POSES["pigeon"], terminal_size=(80, 24))
