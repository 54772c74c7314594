"""The installed `supple` in a real pseudo-terminal: hang-up, termination and resuming."""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import Terminal, processes_using, supple_command
from tui.core.record import SessionRecord, Status
from tui.store.history import History

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

SPEED = "20"  # Child's Pose: 0.5 s to get ready, 2.25 s hold; then Cat-Cow breathing


@pytest.fixture
def launch(data_dir: Path) -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.kill()


def _start(launch: list[Terminal], data_dir: Path, speed: str = SPEED) -> Terminal:
    terminal = Terminal([supple_command(), "--data-dir", str(data_dir), "--speed", speed])
    launch.append(terminal)
    return terminal


def _into_session(terminal: Terminal, *, first_run: bool, pain: str = "4") -> None:
    if first_run:
        terminal.wait_for_text("safety first")
        terminal.send("\r")
    terminal.wait_for_text("daily hip")  # the main screen's header
    terminal.send("s")
    terminal.wait_for_text("how much pain")
    terminal.send(pain)


def _left(screen: str) -> int:
    match = re.search(r"(\d+):(\d\d) left", screen)
    assert match, screen
    return int(match[1]) * 60 + int(match[2])


def _holding(terminal: Terminal, pose: int, for_seconds: int = 3) -> None:
    """Wait until pose number `pose` has been under way (past its get-ready) for a few seconds."""

    def under_way(screen: str) -> bool:
        return f"pose {pose} of" in screen and "get ready" not in screen.lower()

    start = _left(terminal.wait_for(under_way))
    terminal.wait_for(lambda s: under_way(s) and _left(s) <= start - for_seconds)


def _only_session(data_dir: Path) -> SessionRecord:
    sessions = History(data_dir, read_only=True).sessions()
    assert len(sessions) == 1, sessions
    return sessions[0]


def _assert_gone(terminal: Terminal, data_dir: Path) -> None:
    assert terminal.wait_exit() is not None, "supple did not exit"
    assert processes_using(str(data_dir)) == []


def test_closing_the_terminal_mid_hold_saves_a_partial_session(
    launch: list[Terminal], data_dir: Path
) -> None:
    terminal = _start(launch, data_dir, speed="2")  # a 22 s hold: surely still holding
    _into_session(terminal, first_run=True)
    _holding(terminal, 1)
    terminal.hang_up()
    _assert_gone(terminal, data_dir)
    record = _only_session(data_dir)
    assert record.status is Status.PARTIAL
    assert record.pain_before == 4
    assert record.poses[0].pose_id == "childs-pose"
    assert record.poses[0].held_seconds > 0


def test_sigterm_mid_hold_saves_and_restores_the_terminal(
    launch: list[Terminal], data_dir: Path
) -> None:
    terminal = _start(launch, data_dir, speed="2")
    _into_session(terminal, first_run=True, pain="10")
    _holding(terminal, 1)
    os.kill(terminal.pid, signal.SIGTERM)
    _assert_gone(terminal, data_dir)
    assert os.WIFEXITED(terminal.exit_status or 0)
    record = _only_session(data_dir)
    assert record.status is Status.PARTIAL
    assert record.pain_before == 10


def test_resume_after_a_hang_up_keeps_one_session(launch: list[Terminal], data_dir: Path) -> None:
    first = _start(launch, data_dir)
    _into_session(first, first_run=True)
    _holding(first, 2)  # Child's Pose done, Cat-Cow under way
    first.hang_up()
    _assert_gone(first, data_dir)
    before = _only_session(data_dir)
    assert before.poses[0].pose_id == "childs-pose"

    second = _start(launch, data_dir)
    # The whole dialog, not just its title: the body naming the pose may be drawn later.
    second.wait_for(lambda s: "pick up where you left off" in s.lower() and "resume at" in s)
    assert "Cat-Cow" in second.text()
    second.send("r")
    second.wait_for(lambda s: "pose 2 of" in s)
    second.hang_up()
    _assert_gone(second, data_dir)
    after = _only_session(data_dir)
    assert after.id == before.id
    assert after.started_at == before.started_at
    assert after.pain_before == 4
    assert after.poses[0] == before.poses[0]  # carried over, not done again
