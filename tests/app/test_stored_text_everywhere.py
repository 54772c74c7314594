"""Every text field of a stored session, through every screen that shows it: never raw.

A history file may come from anyone (a synced month file needs no import), so each text
field of a record here carries an OSC 52 clipboard write, a title change, a C1 CSI and a
bidi override; every screen that shows a session must show them made harmless.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tests.app.flow_helpers import SIZE, make_app
from tests.hostile_text import HOSTILE, hostile_record, text_fields, unsafe
from tui.core.record import PoseRecord, SessionRecord
from tui.core.routine import Routine
from tui.screens.confirm import ConfirmScreen
from tui.screens.history import HistoryScreen
from tui.screens.resume import ResumeScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.summary import SummaryScreen
from tui.store.history import History
from tui.store.settings import Settings


def test_the_record_really_has_every_text_field_hostile(routine: Routine) -> None:
    record = hostile_record(datetime.now().astimezone(), routine)
    assert {"id", "routine_name", "note"} <= set(text_fields(SessionRecord))
    assert {"pose_id", "note"} <= set(text_fields(PoseRecord))
    assert HOSTILE in record.routine_name and HOSTILE in record.poses[0].note


async def test_history_list_detail_and_delete_dialog_show_no_raw_escape(
    tmp_path: Path, routine: Routine
) -> None:
    history = History(tmp_path)
    # Written as a synced month file would bring it: stored, never imported.
    assert history.save(hostile_record(datetime.now().astimezone(), routine))
    app = make_app()
    app.history = History(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.show_history()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        seen = {"history": app.export_screenshot()}
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetailScreen)
        seen["detail"] = app.export_screenshot()
        await pilot.press("escape", "d")
        assert isinstance(app.screen, ConfirmScreen)
        seen["delete dialog"] = app.export_screenshot()
    assert {name: unsafe(shot) for name, shot in seen.items()} == {name: [] for name in seen}
    assert all("routine_name:" in shot for shot in seen.values())  # shown, made harmless
    assert "PWNED" in seen["detail"] and "PWNED" in seen["delete dialog"]


async def test_the_summary_of_a_resumed_session_shows_no_raw_escape(
    routine: Routine,
) -> None:
    # The probe's path: a partial session of today, r to resume, q and y to stop: the
    # summary lists its pose notes.
    record = hostile_record(datetime.now().astimezone(), routine)
    record = replace(record, routine_id=routine.id)  # or it is not offered
    app = make_app(unfinished=record, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        seen = {"resume": app.export_screenshot()}
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        seen["summary"] = app.export_screenshot()
    assert {name: unsafe(shot) for name, shot in seen.items()} == {name: [] for name in seen}
    assert "PWNED" in seen["summary"]
