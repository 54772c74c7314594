"""The installed `supple` beside a history lock held by another process, as `flock` holds it."""

from __future__ import annotations

import fcntl
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import Terminal, supple_command
from tui.cli import main
from tui.core.record import Status
from tui.store.history import History

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")


@pytest.fixture
def held_lock(data_dir: Path) -> Iterator[int]:
    """flock(2) on the history lock from a file of our own: what `flock DATA/history/.lock` does."""
    lock = data_dir / "history" / ".lock"
    data_dir.mkdir(mode=0o700)  # private, as Supple makes it: no warning about others reading
    lock.parent.mkdir(mode=0o700)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    os.close(fd)


def _left(screen: str) -> int:
    match = re.search(r"(\d+):(\d\d) left", screen)
    assert match, screen
    return int(match[1]) * 60 + int(match[2])


def test_the_countdown_runs_on_and_sigterm_writes_the_session_elsewhere(
    terminals: list[Terminal], data_dir: Path, tmp_path: Path, held_lock: int
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    terminal = Terminal(
        [supple_command(), "--data-dir", str(data_dir), "--speed", "20"], env={"HOME": str(home)}
    )
    terminals.append(terminal)
    terminal.wait_for_text("safety first")
    terminal.send("\r")
    terminal.wait_for_text("daily hip")
    terminal.send("s")
    terminal.wait_for_text("how much pain")
    terminal.send("4")
    # The first save (as Child's Pose begins) meets the lock and says so, beside the countdown.
    screen = terminal.wait_for(
        lambda s: (
            "Not saved yet: another program holds the lock." in s
            and re.search(r"\d+:\d\d left", s) is not None
        )
    )
    left = _left(screen)
    terminal.wait_for(lambda s: _left(s) <= left - 2)  # the countdown goes on meanwhile
    # Child's Pose held in full (the session has moved on to Cat-Cow), so the session is partial.
    terminal.wait_for_text("pose 2 of 5")
    os.kill(terminal.pid, signal.SIGTERM)
    assert terminal.wait_exit() is not None, "supple did not exit"
    (rescued,) = home.glob("supple-unsaved-*.json")
    printed = bytes(terminal.raw).decode(errors="replace")
    assert f"written to {rescued} instead" in printed  # on stderr, after the terminal is restored
    fcntl.flock(held_lock, fcntl.LOCK_UN)
    assert main(["--data-dir", str(data_dir), "history", "import", str(rescued)]) == 0
    (record,) = History(data_dir).sessions()
    assert record.status is Status.PARTIAL and record.pain_before == 4
    assert record.poses[0].pose_id == "childs-pose"
