"""The probe's path in a real terminal: a stored pose note with escapes, resumed and stopped."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from tests.e2e.pty_terminal import Terminal, supple_command
from tests.fixture_data import fixture_routine
from tests.hostile_text import hostile_record
from tui.store.history import History

CLIPBOARD_WRITE = b"\x1b]52;c;aGVsbG8="
TITLE_CHANGE = b"\x1b]0;PWNED"


def test_resuming_and_stopping_a_session_with_a_hostile_pose_note_writes_no_escape(
    terminals: list[Terminal], data_dir: Path
) -> None:
    routine = fixture_routine()
    started = datetime.now().astimezone() - timedelta(minutes=5)
    # As a synced month file brings it: stored, never imported (import refuses it).
    record = replace(hostile_record(started, routine), routine_id=routine.id)
    assert History(data_dir).save(record)
    (data_dir / ".welcomed").touch()
    terminal = Terminal([supple_command(), "--data-dir", str(data_dir)], size=(100, 30))
    terminals.append(terminal)
    terminal.wait_for_text("Resume")
    terminal.send("r")
    terminal.wait_for_text("Pause")
    terminal.send("q")
    terminal.wait_for_text("End the session")
    terminal.send("y")
    screen = terminal.wait_for_text("back to your routine")  # the summary, with pose notes
    assert "PWNED" in screen  # shown, made harmless
    assert CLIPBOARD_WRITE not in terminal.raw and TITLE_CHANGE not in terminal.raw
