"""The installed `supple` in a pty: mouse reporting over SSH, terminal types, small sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.pty_terminal import Terminal, supple_command

ANY_MOTION_MOUSE = b"\x1b[?1003h"


def _run(terminals: list[Terminal], data_dir: Path, *args: str, **env: str) -> Terminal:
    # Private, as Supple makes it: a folder others can read is warned about at every start.
    (data_dir / ".welcomed").parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / ".welcomed").touch()
    terminal = Terminal(
        [supple_command(), "--data-dir", str(data_dir), *args], size=(80, 24), env=env
    )
    terminals.append(terminal)
    terminal.wait_for_text("daily hip")
    return terminal


@pytest.mark.parametrize(
    ("args", "env", "mouse"),
    [
        ((), {"SSH_CONNECTION": "10.0.0.2 5000 10.0.0.1 22"}, False),
        (("--mouse",), {"SSH_CONNECTION": "10.0.0.2 5000 10.0.0.1 22"}, True),
        ((), {"SSH_CONNECTION": "", "SSH_TTY": ""}, True),
    ],
    ids=["ssh", "ssh-with---mouse", "local"],
)
def test_mouse_reporting_off_over_ssh_unless_asked(
    terminals: list[Terminal], data_dir: Path, args: tuple[str, ...], env: dict[str, str],
    mouse: bool,
) -> None:  # fmt: skip
    terminal = _run(terminals, data_dir, *args, **env)
    assert (ANY_MOTION_MOUSE in terminal.raw) is mouse


@pytest.mark.parametrize("term", ["xterm", "xterm-256color", "screen", "tmux-256color", "linux"])
def test_each_terminal_type_shows_the_routine_and_takes_keys(
    terminals: list[Terminal], data_dir: Path, term: str
) -> None:
    terminal = _run(terminals, data_dir, TERM=term, NO_COLOR="1")
    terminal.wait_for_text("Child's Pose")  # the header can be drawn before the list
    terminal.send("?")
    terminal.wait_for_text("Keys — Main")
    terminal.send("\x1b")
    terminal.wait_for(lambda s: "Keys — Main" not in s)


def test_too_small_then_resized_back(terminals: list[Terminal], data_dir: Path) -> None:
    terminal = _run(terminals, data_dir)
    # Resize only once the app draws: a SIGWINCH before Textual listens for it is lost.
    terminal.wait_for_text("Child's Pose")
    terminal.resize(50, 14)
    terminal.wait_for_text("at least 80×24")  # the main screen's minimum
    terminal.resize(80, 24)
    terminal.wait_for(lambda s: "at least" not in s and "Child's Pose" in s)


def _cells(terminal: Terminal) -> list[list[tuple[str, str]]]:
    """Every cell's character and background, as the person sees them."""
    buffer = terminal.screen.buffer
    return [
        [(buffer[y][x].data, buffer[y][x].bg) for x in range(terminal.width)]
        for y in range(terminal.height)
    ]


def test_cursor_moves_repaint_only_changes_and_leave_nothing_stale(
    terminals: list[Terminal], data_dir: Path
) -> None:
    # A move repaints only the two list rows and the detail cells that differ; if that
    # missed a cell, the screen would differ from a full redraw of the same state.
    terminal = _run(terminals, data_dir)
    terminal.wait_for_text("Child's Pose")
    terminal.send("jjjjkk")  # down to the twist, back up to Thread the Needle
    terminal.wait_for(
        lambda s: (
            "left arm threads under the right" in s
            and "Targets: shoulders, upper back" in s
            and "2. Lift one arm" in s
        )  # the last instruction line the pane shows, at its foot
    )
    moved = _cells(terminal)
    terminal.resize(81, 24)  # a resize redraws every cell
    terminal.wait_for(lambda s: len(s.splitlines()[0]) == 81)
    terminal.resize(80, 24)
    terminal.wait_for(lambda s: _cells(terminal) == moved, timeout=10)
