"""`supple status --if-not-done`: the status line for a prompt or tmux, only while it matters."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.store.session_factory import make_record
from tui.cli import main
from tui.store.history import History


def _status(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["status", *args]) == 0
    return capsys.readouterr().out


def test_it_says_the_status_until_today_is_done_then_nothing(
    history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now().astimezone()
    history.merge(make_record(n, started_at=now - timedelta(days=n)) for n in (1, 2, 3))
    assert _status(capsys, "--if-not-done") == "supple: 3-day streak · not done today (≈10 min)\n"
    history.merge([make_record(0, started_at=now, speed=4.0)])  # a demo is not practice
    assert _status(capsys, "--if-not-done") == "supple: 3-day streak · not done today (≈10 min)\n"
    history.merge([make_record(100, started_at=now)])
    assert _status(capsys, "--if-not-done") == ""
    assert _status(capsys) == "supple: 4-day streak · done today\n"


def test_a_new_person_is_told_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert _status(capsys, "--if-not-done") == "supple: no sessions yet\n"
