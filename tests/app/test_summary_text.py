"""The summary's figures read as History and `supple history` read the same session."""

from __future__ import annotations

from tui.core.record import Counts, Status
from tui.core.routine import format_duration
from tui.screens.summary import SessionSummary, summary_text


def test_time_held_is_rounded_as_history_rounds_it() -> None:
    # 8.1 s and 20.2 s held: History's Time column says 0:28; the summary said 0:29
    # (the countdown's rounding up), so the person saw two figures for one session.
    summary = SessionSummary(
        status=Status.PARTIAL,
        elapsed_seconds=51.6,
        active_seconds=28.3,
        counts=Counts(0, 5, 0, 8),
        changes=(),
        alternatives=(),
    )
    text = summary_text(summary).plain
    assert format_duration(28.3) == "0:28"
    assert "0:28 held · 0:52 in all" in text
