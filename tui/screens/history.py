"""The history screen: past sessions newest first, streaks, weekly minutes, heatmap, pain trend."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from itertools import takewhile
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from tui import paths
from tui.core.record import PAIN_PLACES, SessionSummary
from tui.core.routine import format_duration
from tui.core.safe_text import terminal_safe
from tui.core.stats import (
    MEANINGFUL_PAIN_CHANGE,
    best_streak,
    current_streak,
    week_start,
    weekly_minutes,
)
from tui.screens.confirm import ConfirmScreen
from tui.screens.dismiss_once import DismissOnce
from tui.screens.session_detail import SessionDetailScreen, pain_text
from tui.widgets.heatmap import MAX_WEEKS, CalendarHeatmap, weeks_for_width
from tui.widgets.key_bar import KeyBar
from tui.widgets.pain_trend import BETTER, HURT, WORSE, PainTrend

if TYPE_CHECKING:
    from tui.store.history import History

# Rows added at a time: a DataTable measures every row it is given, so ten years at once
# would cost more than the whole screen's budget; the next page loads as the cursor nears it.
PAGE = 60
# With the other columns at their widest likely width, the list fits 80 columns.
ROUTINE_WIDTH = 16
REST_AFTER_SECONDS = 0.1
TALL_ROWS = 36
EMPTY = "No sessions yet — press s on the main screen to start your first."
COLUMNS = ("Date", "Routine", "Held", "Poses", "Holds", "Pain", "Status")


def recent_start(today: date) -> date:
    """The first day the heatmap and the weekly minutes can show, a year or so back."""
    return today - timedelta(weeks=MAX_WEEKS + 1)


def recent(summaries: Sequence[SessionSummary], today: date) -> list[SessionSummary]:
    """The newest-first summaries the heatmap and the weekly minutes can show, a year or so."""
    first = recent_start(today)
    return list(takewhile(lambda s: s.started_at.date() >= first, summaries))


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count:,} days"


def first_frame_start(today: date, screen_width: int) -> date:
    """The oldest day the first frame can show: the weeks the widest heatmap would fit.

    Mirrors styles/history.tcss: a 24-cell stats panel, then the heatmap and the pain
    trend sharing the rest (the heatmap 31 to 78 cells wide, with 4 of border and padding).
    """
    panel = max(31, min(78, (screen_width - 24 + 1) // 2))
    weeks = weeks_for_width(panel - 4)
    return min(week_start(today) - timedelta(weeks=weeks), today - timedelta(weeks=2))


CONSISTENCY = "Consistency is your most powerful tool."


def stats_text(
    summaries: Sequence[SessionSummary], today: date, *, loaded_from: date | None = None
) -> Content:
    """Streaks, this week's and last week's minutes, and the number of sessions.

    While only sessions from `loaded_from` on are read, what depends on older ones
    shows "…" until the rest arrives.
    """
    complete = loaded_from is None
    this_week, last_week = weekly_minutes(recent(summaries, today), today)
    streak = current_streak(summaries, today)
    streak_known = loaded_from is None or today - timedelta(days=streak + 1) >= loaded_from
    rows = (
        ("Streak now", _days(streak) if streak_known else "…"),
        ("Best streak", _days(best_streak(summaries)) if complete else "…"),
        ("This week", f"{round(this_week)} min"),
        ("Last week", f"{round(last_week)} min"),
        ("Sessions", f"{len(summaries):,}" if complete else "…"),
    )
    lines = Content("\n").join(
        Content.assemble((f"{label:<12}", "$text-muted"), (value, "bold")) for label, value in rows
    )
    # The source's own reason for counting days in a row.
    return lines + Content.styled(f"\n\n{CONSISTENCY}", "italic $text-muted")


def _routine_cell(name: str) -> Text:
    """The routine's name cut to the column by terminal cells (a CJK character takes two)."""
    cell = Text(terminal_safe(name))
    cell.truncate(ROUTINE_WIDTH, overflow="ellipsis")
    return cell


def pain_cell(before: int | None, after: int | None) -> str:
    """Pain before → after; ▼ / ▲ when it eased / rose during the session by a real amount."""
    text = pain_text(before, after)
    if before is not None and after is not None:
        if before - after >= MEANINGFUL_PAIN_CHANGE:
            text += f" {BETTER}"
        elif after - before >= MEANINGFUL_PAIN_CHANGE:
            text += f" {WORSE}"
    return text


def session_row(summary: SessionSummary) -> tuple[Text, ...]:
    """One session as table cells, the same marks as the pain trend's (▼ ▲, ! a hold hurt)."""
    holds = f"{summary.holds_done}/{summary.holds_total}"
    return (
        Text(f"{summary.started_at:%Y-%m-%d %H:%M}"),  # no weekday: room for holds at 80
        _routine_cell(summary.routine_name),
        Text(format_duration(summary.active_seconds), justify="right"),
        Text(f"{summary.poses_done}/{summary.poses_total}", justify="right"),
        Text(f"{holds} {HURT}" if summary.hurt else holds, justify="right"),
        Text(pain_cell(summary.pain_before, summary.pain_after)),
        # "demo" alone: "completed (demo)" was cut at 80 columns; Poses says how far it got.
        Text("demo" if summary.is_demo else str(summary.status)),
    )


class SessionTable(DataTable[Text]):
    """The list of sessions; Enter opens the highlighted one."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Details", id="history.details"),
        Binding("j", "cursor_down", "Down", show=False, id="history.down"),
        Binding("k", "cursor_up", "Up", show=False, id="history.up"),
        # Home/End scroll sideways in a DataTable; in a list of days they mean newest/oldest.
        Binding("home,g", "scroll_top", "Newest", show=False, id="history.newest"),
        Binding("end,G", "scroll_bottom", "Oldest", show=False, id="history.oldest"),
    ]


class HistoryScreen(DismissOnce[None]):
    """Every past session, and how practice and pain have gone over the weeks."""

    # Its own styles, read when first shown: the app's first frame need not parse them.
    CSS_PATH = paths.styles_dir() / "history.tcss"

    # Below 80x24 the pain panel and the Status column no longer fit.
    MIN_SIZE = (80, 24)

    # Focused before the first frame, so the key bar is right in it; _show_state makes
    # it unfocusable when there is nothing to open.
    AUTO_FOCUS = "#history-table"
    # A tall terminal gives the panels above the list more rows (-tall in history.tcss),
    # so the pain bars can show a trend.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL_ROWS, "-tall")]
    BINDINGS = [
        Binding("escape,q,h", "close", "Back", id="history.back"),
        Binding("d,delete", "delete", "Delete", id="history.delete"),
        Binding("w", "pain_where", "Pain by where", id="history.where"),
    ]

    def __init__(
        self,
        history: History,
        *,
        today: Callable[[], date] = date.today,
        pose_name: Callable[[str], str] = str,
    ) -> None:
        super().__init__()
        self.history = history
        self.today = today  # injectable, so tests and snapshots see a fixed calendar
        self.pose_name = pose_name
        self.summaries: list[SessionSummary] = []
        # Years of history take longer to read than a frame: the months the first frame
        # shows are read first, the rest a month per event-loop turn (see _load_the_rest).
        self.loaded_from: date | None = None  # None: every month is read
        self._shown = 0  # how many summaries the table holds so far
        self._warned = 0
        self._warnings_shown: tuple[str, ...] = ()
        self.pain_where: str | None = None  # w: the pain trend of sessions that hurt there

    def compose(self) -> ComposeResult:
        today = self.today()
        first = first_frame_start(today, self.app.size.width)
        self.loaded_from = first if self.history.has_months_before(first) else None
        self.summaries = self.history.summaries(self.loaded_from)
        if not self.summaries and self.loaded_from is not None:
            self._read_back_to_the_newest()
        yield Header()
        yield Static(id="history-warnings")
        yield Static(EMPTY, id="history-empty")
        with Horizontal(id="history-top"):
            yield Static(
                stats_text(self.summaries, today, loaded_from=self.loaded_from), id="history-stats"
            )
            with Vertical(id="heatmap-panel"):
                yield CalendarHeatmap(recent(self.summaries, today), today, id="history-heatmap")
            with Vertical(id="pain-panel"):
                yield PainTrend(self.summaries, id="history-pain")
        yield SessionTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-more")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history-stats").border_title = "Practice"
        self.query_one("#heatmap-panel").border_title = "Days practised"
        self.query_one("#pain-panel").border_title = "Pain (0–10)"
        table = self.query_one(SessionTable)
        table.add_columns(*COLUMNS)
        self._add_page()
        self._show_state()
        if not self.complete:
            # After the first frame has reached the terminal, not merely been composed.
            self.set_timer(REST_AFTER_SECONDS, self._load_the_rest)

    def _read_back_to_the_newest(self) -> None:
        """Read months back to the newest session, however old: the list is never blank."""
        for month in self.history.months():
            if self.history.month_summaries(month):
                since = datetime.strptime(month, "%Y-%m").date()
                self.loaded_from = since if self.history.has_months_before(since) else None
                self.summaries = self.history.summaries(self.loaded_from)
                return

    @work(exclusive=True, group="history-load")
    async def _load_the_rest(self) -> None:
        for _ in self.history.monthly_summaries():
            await asyncio.sleep(0)  # one month per turn: keys and frames go on meanwhile
        self._loaded(self.history.summaries())  # every month is cached now: a quick merge

    @property
    def complete(self) -> bool:
        """Whether every month of history has been read."""
        return self.loaded_from is None

    def _loaded(self, summaries: list[SessionSummary]) -> None:
        shown = [s.id for s in self.summaries[: self._shown]]
        self.summaries, self.loaded_from = summaries, None
        if shown != [s.id for s in summaries[: len(shown)]]:  # a session from an older file
            self.query_one(SessionTable).clear()
            self._shown = 0
            self._add_page()
        elif self._shown < PAGE:  # a short first page: fill it with the older sessions
            self._add_page()
        self._refresh_stats()
        self._show_state()

    def _refresh_stats(self) -> None:
        today = self.today()
        # Fixed-size boxes: their new words need no layout, which would repaint the screen.
        self.query_one("#history-stats", Static).update(
            stats_text(self.summaries, today, loaded_from=self.loaded_from), layout=False
        )
        self.query_one(CalendarHeatmap).update(recent(self.summaries, today), today)
        self._show_pain()

    def _show_pain(self) -> None:
        """The pain trend of every session, or of those that hurt where `w` chose."""
        where = self.pain_where
        shown = [s for s in self.summaries if where is None or s.pain_where == where]
        self.query_one(PainTrend).update(shown)
        title = "Pain (0–10)" if where is None else f"Pain · {where}"
        self.query_one("#pain-panel").border_title = title

    def action_pain_where(self) -> None:
        """Show the pain trend of the next place a session said, then of all sessions again."""
        said = [p for p in PAIN_PLACES if any(s.pain_where == p for s in self.summaries)]
        if not said:
            self.notify("No session says where it hurt yet (w at a pain check-in).", timeout=4)
            return
        order: list[str | None] = [None, *said]
        at = order.index(self.pain_where) if self.pain_where in order else 0
        self.pain_where = order[(at + 1) % len(order)]
        self._show_pain()

    def _add_page(self) -> None:
        table = self.query_one(SessionTable)
        page = self.summaries[self._shown : self._shown + PAGE]
        for summary in page:
            table.add_row(*session_row(summary), key=summary.id)
        self._shown += len(page)

    def _show_state(self) -> None:
        empty = not self.summaries
        self.query_one("#history-empty").display = empty
        for name in ("#history-top", "#history-table", "#history-more"):
            self.query_one(name).display = not empty
        more = self.query_one("#history-more", Static)
        left = len(self.summaries) - self._shown
        total = f"{len(self.summaries):,}" if self.complete else "…"
        more.update(f"{self._shown:,} of {total} shown · more as you scroll down", layout=False)
        more.display = (left > 0 or not self.complete) and not empty
        table = self.query_one(SessionTable)
        table.can_focus = not empty  # nor does auto focus give it back on return from a modal
        if empty:
            self.set_focus(None)  # Enter has nothing to open
        elif not table.has_focus:
            table.focus()
        self._show_warnings()
        self.refresh_bindings()

    def _show_warnings(self) -> None:
        warnings = self.query_one("#history-warnings", Static)
        shown = tuple(self.history.warnings)
        if shown != self._warnings_shown:  # its height follows its lines: a layout each time
            self._warnings_shown = shown
            warnings.update(Content("\n").join(Content(f"⚠ {w}") for w in shown))
        warnings.display = bool(shown)

    @on(DataTable.RowHighlighted, "#history-table")
    def _load_more(self, event: DataTable.RowHighlighted) -> None:
        if self._shown < len(self.summaries) and event.cursor_row >= self._shown - 10:
            self._add_page()
            self._show_state()

    @on(DataTable.RowSelected, "#history-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        session_id = event.row_key.value
        record = self.history.get(session_id) if session_id else None
        if record is None:
            self.notify("That session is no longer in the history.", severity="warning")
            self._show_warnings()
            return
        self.app.push_screen(SessionDetailScreen(record, self.pose_name))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete only when there is a session to delete."""
        if action == "delete":
            return bool(self.summaries)
        return True

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss()

    def action_delete(self) -> None:
        """Delete the highlighted session, once the person confirms."""
        table = self.query_one(SessionTable)
        if not table.row_count:
            return
        session_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        summary = next((s for s in self.summaries if s.id == session_id), None)
        if summary is None:
            return
        question = (
            f"Delete the session of {summary.started_at:%a %d %b %Y, %H:%M} "
            f"({terminal_safe(summary.routine_name)}, {format_duration(summary.active_seconds)})? "
            "This cannot be undone."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(summary)

        self.app.push_screen(ConfirmScreen(question, yes="delete", no="keep it"), answered)

    def _delete(self, summary: SessionSummary) -> None:
        self.history.delete(summary.id)
        table = self.query_one(SessionTable)
        table.remove_row(summary.id)
        self.summaries = [s for s in self.summaries if s.id != summary.id]
        self._shown -= 1
        self._refresh_stats()
        self._show_state()
        self.notify("Session deleted.")
