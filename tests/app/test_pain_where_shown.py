"""History's session details show where it hurt and the note, made safe for the terminal."""

from __future__ import annotations

from tests.store.session_factory import make_record
from tui.screens.session_detail import session_heading


def test_the_session_details_show_where_and_the_note() -> None:
    record = make_record(0).with_changes(pain_where="right hip", pain_note="sharp\x1b[2J")
    shown = session_heading(record).plain
    assert "Where right hip — sharp" in shown and "\x1b" not in shown
    assert "Where" not in session_heading(make_record(1)).plain
