"""The history screen from the keyboard: open, read, look inside a session, delete."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from tests.app.history_samples import TODAY, fill, sample_session, sample_sessions
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.record import summarize
from tui.screens import history as history_screen
from tui.screens.confirm import ConfirmScreen
from tui.screens.history import HistoryScreen, SessionTable, stats_text
from tui.screens.main import MainScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.store.history import History
from tui.widgets.heatmap import CalendarHeatmap
from tui.widgets.pain_trend import PainTrend

SIZE = (100, 30)


def make_app(history: History | None, clock: FakeClock) -> SuppleApp:
    # No data_dir for the app itself: the first-run welcome stays out of these tests.
    return SuppleApp(fixture_routine(), clock=clock, history=history)


def history_of(app: App[None]) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def row_ids(app: App[None]) -> list[str]:
    table = history_of(app).query_one(SessionTable)
    return [str(row.key.value) for row in table.ordered_rows]


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_h_opens_history_newest_first(data_dir: Path, clock: FakeClock) -> None:
    history = fill(data_dir)
    newest_first = [r.id for r in reversed(sample_sessions())]
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert row_ids(pilot.app) == newest_first[: history_screen.PAGE]
        screen = history_of(pilot.app)
        assert not screen.query_one("#history-empty").display
        assert "Streak now" in text_of(pilot.app, "#history-stats")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_rows_show_date_routine_time_poses_and_pain(data_dir: Path, clock: FakeClock) -> None:
    fill(data_dir)
    newest = sample_sessions()[-1]
    async with make_app(History(data_dir), clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        cells = [str(c) for c in history_of(pilot.app).query_one(SessionTable).get_row(newest.id)]
        assert cells[0] == f"{newest.started_at:%Y-%m-%d %H:%M}"
        assert cells[1] == "Daily hip & back"
        counts = newest.counts
        assert cells[3] == f"{counts.poses_done}/{counts.poses_total}"
        assert cells[4] == f"{counts.holds_done}/{counts.holds_total}"
        assert cells[5].startswith(f"{newest.pain_before} → {newest.pain_after}")


async def test_enter_shows_the_sessions_poses(data_dir: Path, clock: FakeClock) -> None:
    history = fill(data_dir)
    newest = sample_sessions()[-1]
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h", "enter")
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.record == newest
        table = detail.query_one("#detail-poses", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert len(rows) == len(newest.poses)
        assert rows[0][0] == "Child's Pose"  # named from the routine, not by id
        assert rows[2][:2] == ["Thread the Needle", "left"]
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HistoryScreen)


async def test_detail_names_the_alternative_and_the_outcomes(
    data_dir: Path, clock: FakeClock
) -> None:
    history = fill(data_dir)
    sessions = sample_sessions()
    # Sample 40 swapped Pigeon for Figure-Four, shortened it, and left a note.
    target = sessions[40]
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h", *["down"] * (len(sessions) - 1 - 40), "enter")
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.record.id == target.id
        table = detail.query_one("#detail-poses", DataTable)
        pigeon = [str(c) for c in table.get_row_at(4)]
        assert pigeon == ["Figure-Four Stretch", "left", "1:00", "0:40", "↓ shorter", "yes"]
        assert "Hips tight after the drive." in text_of(pilot.app, "#detail-heading")


async def test_delete_after_yes_removes_it_from_disk(data_dir: Path, clock: FakeClock) -> None:
    history = fill(data_dir)
    newest = sample_sessions()[-1]
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h", "d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        assert newest.id not in row_ids(pilot.app)
        assert len(row_ids(pilot.app)) == history_screen.PAGE - 1
        assert "of 63 shown" in text_of(pilot.app, "#history-more")
    assert History(data_dir).get(newest.id) is None  # a fresh reader: it is gone from disk
    assert len(History(data_dir).summaries()) == len(sample_sessions()) - 1


async def test_delete_cancelled_keeps_it(data_dir: Path, clock: FakeClock) -> None:
    history = fill(data_dir)
    newest = sample_sessions()[-1]
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h", "d", "n")
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert row_ids(pilot.app)[0] == newest.id
        await pilot.press("d", "escape")
        assert row_ids(pilot.app)[0] == newest.id
    assert History(data_dir).get(newest.id) == newest


async def test_deleting_the_last_session_shows_the_empty_state(
    data_dir: Path, clock: FakeClock
) -> None:
    history = fill(data_dir, count=1)
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h", "d", "y")
        assert history_of(pilot.app).query_one("#history-empty").display
        assert not history_of(pilot.app).query_one("#history-table").display


async def test_empty_history_says_how_to_start(data_dir: Path, clock: FakeClock) -> None:
    async with make_app(History(data_dir), clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        screen = history_of(pilot.app)
        assert screen.query_one("#history-empty").display
        assert "No sessions yet — press s on the main screen" in text_of(
            pilot.app, "#history-empty"
        )
        assert not screen.query_one("#history-top").display
        assert screen.check_action("delete", ()) is False
        await pilot.press("d")
        assert pilot.app.screen is screen  # nothing to confirm


async def test_storage_warnings_are_shown(data_dir: Path, clock: FakeClock) -> None:
    fill(data_dir)
    (data_dir / "history" / "2026-10.json").write_text('{"sessions": {"1": ')  # truncated
    history = History(data_dir)
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        warnings = history_of(pilot.app).query_one("#history-warnings")
        assert warnings.display
        assert "2026-10.json" in text_of(pilot.app, "#history-warnings")
        assert row_ids(pilot.app)  # the other months still load


async def test_memory_only_warning_is_shown(data_dir: Path, clock: FakeClock) -> None:
    history = History(data_dir)
    history.warnings.add("Could not save to /x: disk full. Sessions are kept in memory.")
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert "kept in memory" in text_of(pilot.app, "#history-warnings")


async def test_more_rows_load_as_the_cursor_nears_the_end(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_screen, "PAGE", 20)
    history = fill(data_dir)
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert len(row_ids(pilot.app)) == 20
        assert "20 of 64 shown" in text_of(pilot.app, "#history-more")
        await pilot.press("end")
        assert len(row_ids(pilot.app)) == 40
        await pilot.press("end", "end")
        assert row_ids(pilot.app) == [r.id for r in reversed(sample_sessions())]
        assert not history_of(pilot.app).query_one("#history-more").display


async def test_statistics_follow_the_injected_today(data_dir: Path, clock: FakeClock) -> None:
    history = fill(data_dir)
    app = make_app(history, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.push_screen(HistoryScreen(history, today=lambda: TODAY))
        stats = text_of(pilot.app, "#history-stats")
        assert "Streak now  13 days" in stats
        assert "Sessions    64" in stats
        assert "Consistency is your most powerful tool." in stats  # why there is a streak
        screen = history_of(pilot.app)
        assert screen.query_one(CalendarHeatmap).today == TODAY
        assert "pain before each session" in str(screen.query_one(PainTrend).render())


async def test_without_history_h_only_explains(clock: FakeClock) -> None:
    async with make_app(None, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_years_of_history_show_the_recent_year_first_then_all(
    data_dir: Path, clock: FakeClock
) -> None:
    history = History(data_dir)
    # Three years, every other day: more than the screen reads before its first frame.
    days = [TODAY - timedelta(days=2 * n) for n in range(550)]
    for number, day in enumerate(days):
        history.save(sample_session(number, day))
    app = make_app(History(data_dir), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = HistoryScreen(History(data_dir), today=lambda: TODAY)
        await pilot.app.push_screen(screen)
        first = len(screen.summaries)
        for _ in range(200):  # the rest is read after the first frame, in the background
            if screen.complete:
                break
            await pilot.pause(0.01)
        assert first < 550  # the first frame did not wait for three years of files
        stats = text_of(pilot.app, "#history-stats")
        assert "Sessions    550" in stats and "Best streak 1 day" in stats
        await pilot.press("end", "end", "end", "end", "end", "end", "end", "end", "end", "end")
        assert row_ids(pilot.app)[-1] == "sample-549"


def test_stats_say_what_is_still_being_read() -> None:
    sessions = [summarize(sample_session(n, TODAY - timedelta(days=n))) for n in range(500)]
    loaded_from = TODAY - timedelta(days=100)
    partial = stats_text(sessions[:150], TODAY, loaded_from=loaded_from).plain
    assert "Streak now  …" in partial and "Best streak …" in partial and "Sessions    …" in partial
    short = stats_text(sessions[:3], TODAY, loaded_from=loaded_from).plain
    assert "Streak now  3 days" in short  # a streak that began in the months read is known


async def test_the_pain_trend_compares_like_with_like(data_dir: Path, clock: FakeClock) -> None:
    from datetime import datetime

    from tests.app.history_samples import TZ

    history = History(data_dir)
    # (before, after): the before ratings go 6, 4, 3; the last session has no after rating
    # but the one before it eased pain by 3 and the first made it worse by 2.
    for number, (before, after) in enumerate([(6, 8), (None, 5), (4, 1), (3, None)]):
        started = datetime(2026, 11, 17 + number, 8, tzinfo=TZ)
        record = sample_session(number, TODAY).with_changes(
            id=f"s{number}", started_at=started, pain_before=before, pain_after=after
        )
        history.save(record)
    history.save(
        sample_session(9, TODAY).with_changes(
            id="after-only",
            started_at=datetime(2026, 11, 20, 18, tzinfo=TZ),
            pain_before=None,
            pain_after=2,
        )
    )
    app = make_app(history, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.push_screen(HistoryScreen(history, today=lambda: TODAY))
        await pilot.pause()
        lines = str(history_of(pilot.app).query_one(PainTrend).render()).splitlines()
        assert lines[0] == "latest 2/10 · 20 Nov"  # the latest rating given, whichever it was
        assert lines[1] == "pain before each session"  # only ratings taken before one
        # One bar per before-session rating (6, 4, 3) on a labelled 0-10 axis, 3 rows tall.
        assert lines[2:5] == ["10▕   ", "  ▕▇▂ ", " 0▕███"]
        assert lines[5] == "   ▲▼ "  # rose by 2 in the first, eased by 3 in the second


def test_the_heatmap_sends_a_run_of_days_at_one_level_as_one_styled_run() -> None:
    # Over a slow link each colour change costs ~20 bytes: 53 weeks of daily practice at
    # one level, drawn cell by cell, was a colour change per day.
    from itertools import pairwise

    from tui.core.stats import heatmap
    from tui.widgets.heatmap import GLYPHS, render_grid

    today = TODAY
    # A year of the same session every day, and a day off each four weeks.
    daily = [sample_session(0, today - timedelta(days=n)) for n in range(400) if n % 29 != 9]
    grid = heatmap(daily, today, 53)
    rows = render_grid(grid, today).split("\n")[1:]  # under the month names
    for weekday, row in enumerate(rows[:7]):
        levels = [week[weekday].level for week in grid if not week[weekday].future]
        runs = 1 + sum(a != b for a, b in pairwise(levels))
        assert len(levels) >= 52 and runs < len(levels) / 2
        assert sum(row.plain.count(glyph) for glyph in GLYPHS) == len(levels)
        assert len(row.spans) <= runs + 2  # the day label, each run, today in reverse


@pytest.mark.parametrize("name", ["每日髋部和背部伸展运动每日", "🧘 " * 12, "Daily hip & back"])
def test_routine_names_fit_their_column_by_cells(name: str) -> None:
    # A CJK or emoji name is two cells a character: cut by characters, it pushed the
    # Status column off an 80-column screen.
    record = replace(sample_session(1, TODAY), routine_name=name)
    cell = history_screen.session_row(summarize(record))[1]
    assert cell_len(cell.plain) <= history_screen.ROUTINE_WIDTH
    assert cell.plain == name or cell.plain.endswith("…")


async def test_j_and_k_move_in_the_list_as_everywhere_else(
    data_dir: Path, clock: FakeClock
) -> None:
    history = fill(data_dir)
    newest_first = [r.id for r in reversed(sample_sessions())]
    async with make_app(history, clock).run_test(size=SIZE) as pilot:
        await pilot.press("h", "j", "j", "j", "k", "enter")
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.record.id == newest_first[2]


async def _history_loaded(pilot: Pilot[None], screen: HistoryScreen) -> None:
    """Let the screen read the months its first frame left out, to the end.

    The screen's own timer may start the load while this one runs; the loads are exclusive,
    so whichever is cancelled, the test waits until one has finished.
    """
    screen._load_the_rest()
    for _ in range(10):
        if screen.complete:
            break
        with contextlib.suppress(WorkerCancelled):  # the other load goes on to the end
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert screen.complete, "the older months were never read"
    await pilot.pause()


async def test_sessions_older_than_the_first_frames_weeks_are_listed_at_once(
    data_dir: Path, clock: FakeClock
) -> None:
    # Half a year off: no session falls in the weeks the first frame reads.
    days = [TODAY - timedelta(days=200 + n) for n in range(3)]
    for number, day in enumerate(days):
        History(data_dir).save(sample_session(number, day))
    async with make_app(History(data_dir), clock).run_test(size=SIZE) as pilot:
        screen = HistoryScreen(History(data_dir), today=lambda: TODAY)
        await pilot.app.push_screen(screen)
        await pilot.pause()
        newest_first = ["sample-000", "sample-001", "sample-002"]
        assert row_ids(pilot.app) == newest_first  # in the first frame, not only after `G`
        assert not screen.query_one("#history-empty").display
        await _history_loaded(pilot, screen)
        assert row_ids(pilot.app) == newest_first
        await pilot.press("down")
        assert screen.query_one(SessionTable).cursor_row == 1


async def test_a_short_first_page_fills_up_with_older_sessions(
    data_dir: Path, clock: FakeClock
) -> None:
    days = [TODAY, TODAY - timedelta(days=1)] + [TODAY - timedelta(days=200 + n) for n in range(5)]
    for number, day in enumerate(days):
        History(data_dir).save(sample_session(number, day))
    async with make_app(History(data_dir), clock).run_test(size=SIZE) as pilot:
        screen = HistoryScreen(History(data_dir), today=lambda: TODAY)
        await pilot.app.push_screen(screen)
        await pilot.pause()
        await _history_loaded(pilot, screen)
        assert row_ids(pilot.app) == [f"sample-{n:03d}" for n in range(7)]
        assert not screen.query_one("#history-more").display  # all 7 shown


async def test_the_pain_panel_says_when_only_demo_runs_have_ratings(
    data_dir: Path, clock: FakeClock
) -> None:
    history = History(data_dir)
    for record in sample_sessions(3):
        history.save(replace(record, speed=4.0))  # rated, but demo runs
    app = make_app(history, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.push_screen(HistoryScreen(history, today=lambda: TODAY))
        await pilot.pause()
        text = " ".join(str(history_of(pilot.app).query_one(PainTrend).render()).split())
        assert "Only demo runs (--speed) have pain ratings" in text
        assert "No pain ratings yet" not in text
