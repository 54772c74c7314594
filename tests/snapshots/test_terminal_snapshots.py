"""At 80x24: the too-small message, the welcome, a pain check-in, help, and NO_COLOR."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.flow_helpers import make_app
from tests.conftest import FakeClock

SIZE = (80, 24)


def test_too_small_message(snap_compare: Any) -> None:
    async def shrink(pilot: Pilot[None]) -> None:
        await pilot.resize_terminal(50, 14)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=shrink)


def test_welcome(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(data_dir=tmp_path), terminal_size=SIZE)


def test_pain_checkin(snap_compare: Any) -> None:
    assert snap_compare(make_app(clock=FakeClock()), press=["s"], terminal_size=SIZE)


def test_help_on_the_main_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=SIZE)


def test_main_screen_without_colour(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE)


def test_main_screen_high_contrast(snap_compare: Any) -> None:
    app = make_app()
    app.theme = "supple-high-contrast"
    assert snap_compare(app, terminal_size=SIZE)
