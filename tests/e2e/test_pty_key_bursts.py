"""The installed `supple` in a pty, sent several keys in one write, as a laggy SSH link does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import Terminal, supple_command
from tui.store.routines import DEFAULT_ROUTINE_ID, RoutineStore

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

PICKER_HINT = "keeps its name"  # the routine picker's hint on the shipped (here: fixture) routine


def _start(terminals: list[Terminal], data_dir: Path) -> Terminal:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / ".welcomed").touch()
    terminal = Terminal([supple_command(), "--data-dir", str(data_dir)], size=(80, 24))
    terminals.append(terminal)
    terminal.wait_for_text("Child's Pose")
    return terminal


def _main_screen_takes_keys(terminal: Terminal) -> None:
    """The main screen is on top and answers: not blank, not a check-in a stray Enter began."""
    terminal.send("?")
    terminal.wait_for_text("Keys — Main")
    terminal.send("\x1b")
    terminal.wait_for(lambda s: "Keys — Main" not in s)
    assert terminal.poll_exit() is None


@pytest.mark.parametrize("enters", [2, 3, 4])
def test_enters_in_one_write_close_the_picker_once(
    terminals: list[Terminal], data_dir: Path, enters: int
) -> None:
    terminal = _start(terminals, data_dir)
    terminal.send("R")
    terminal.wait_for_text(PICKER_HINT)
    terminal.send("\r" * enters)  # one os.write: the app reads them all at once
    terminal.wait_for(lambda s: PICKER_HINT not in s and "Child's Pose" in s)
    _main_screen_takes_keys(terminal)


def test_enters_in_one_write_save_one_copy(terminals: list[Terminal], data_dir: Path) -> None:
    terminal = _start(terminals, data_dir)
    terminal.send("R")
    terminal.wait_for_text(PICKER_HINT)
    terminal.send("n")
    terminal.wait_for_text("Save as")
    terminal.send("\r\r\r")
    terminal.wait_for(lambda s: "(copy)" in s and "Save as" not in s)
    _main_screen_takes_keys(terminal)
    terminal.send("q")
    assert terminal.wait_exit() is not None
    ids = [entry.id for entry in RoutineStore(data_dir).entries()]
    assert ids == [DEFAULT_ROUTINE_ID, "daily-hip-back-copy"]


def test_a_name_typed_with_the_key_that_asks_for_it(
    terminals: list[Terminal], data_dir: Path
) -> None:
    terminal = _start(terminals, data_dir)
    terminal.send("R")
    terminal.wait_for_text(PICKER_HINT)
    terminal.send("n\x15Gentle days\r")  # Save as…, clear the field, a name, Enter: one write
    terminal.wait_for(lambda s: "Gentle days" in s and "Save as" not in s)
    _main_screen_takes_keys(terminal)
    terminal.send("q")
    assert terminal.wait_exit() is not None
    names = [entry.name for entry in RoutineStore(data_dir).entries()]
    assert names == ["Daily hip & back", "Gentle days"]
