"""Text typed in a burst is all typed, in order: a slow SSH link bunches keys into one read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.storm import Storm
from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.store.routines import RoutineStore

CLEAR = "\x15"  # ctrl+u: clear the field left of the cursor
LEFT, END, BACKSPACE = "\x1b[D", "\x1b[F", "\x7f"


def _names(data_dir: Path) -> list[str]:
    return [entry.name for entry in RoutineStore(data_dir).entries()][1:]  # not the shipped one


@pytest.mark.parametrize(
    ("reads", "name"),
    [
        (["R", "n", f"{CLEAR}Gentle days\r"], "Gentle days"),  # was "ays"
        (["R", f"n{CLEAR}Gentle days\r"], "Gentle days"),  # the field was left empty
        ([f"Rn{CLEAR}Gentle days\r"], "Gentle days"),
        (["R", "n", f"{CLEAR}Gentle{LEFT}x{END}s{BACKSPACE}\r"], "Gentlxe"),
    ],
    ids=["after-the-dialog", "with-its-n", "with-R-and-n", "editing-keys"],
)
async def test_a_name_typed_in_one_read(
    data_dir: Path, clock: FakeClock, reads: list[str], name: str
) -> None:
    store = RoutineStore(data_dir)
    app = SuppleApp(store.load_current(), clock=clock, routines=store)
    async with app.run_test(size=(80, 24)) as pilot:
        storm = Storm(app, 0)
        for read in reads:
            storm.send(read)
            await pilot.pause()
        await pilot.pause()
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == ["MainScreen"]
        assert app.routine.name == name
    assert _names(data_dir) == [name]
