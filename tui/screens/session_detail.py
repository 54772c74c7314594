"""One past session, pose by pose: what was planned, what was held, and how it went."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui import paths
from tui.core.pain_text import pain_change
from tui.core.record import Outcome, PoseRecord, SessionRecord
from tui.core.routine import format_duration
from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce

OUTCOME_MARKS = {
    Outcome.DONE: "✓ done",
    Outcome.EXTENDED: "↑ longer",
    Outcome.SHORTENED: "↓ shorter",
    Outcome.SKIPPED: "– skipped",
    Outcome.HURT: "! hurt",
}
POSE_COLUMNS = ("Pose", "Side", "Planned", "Held", "Outcome", "Alternative")


def pain_text(before: int | None, after: int | None) -> str:
    """Pain before → after, with a dash for a rating not given."""
    return pain_change(before, after)


def _amounts(pose: PoseRecord) -> tuple[str, str]:
    if pose.cycles_planned is not None:
        return f"{pose.cycles_planned} breaths", f"{pose.cycles_done or 0} breaths"
    return format_duration(pose.planned_seconds), format_duration(pose.held_seconds)


def outcome_label(pose: PoseRecord) -> str:
    """How the hold went: "✓ done", "✓ done (2 tries)" after going back and doing it again."""
    extras = [f"{pose.attempts} tries"] if pose.attempts > 1 else []
    if pose.note and pose.outcome is not Outcome.HURT:
        extras.append(pose.note)
    mark = OUTCOME_MARKS[pose.outcome]
    return f"{mark} ({'; '.join(extras)})" if extras else mark


def pose_row(pose: PoseRecord, name: str) -> tuple[str, ...]:
    """One hold as table cells."""
    planned, held = _amounts(pose)
    return (
        name,
        pose.side or "",
        planned,
        held,
        outcome_label(pose),
        "yes" if pose.alternative_used else "",
    )


def _field(label: str, value: str) -> Content:
    return Content.assemble((label, "bold"), " ", value)


def session_heading(record: SessionRecord) -> Content:
    """Date, routine, status, time and pain of the session, on a few lines."""
    lines = [
        Content.assemble(
            (f"{record.started_at:%a %d %b %Y, %H:%M}", "bold $accent"),
            " · ",
            terminal_safe(record.routine_name),
        ),
        Content(" · ").join(
            [
                _field(
                    "Status", f"{record.status} (demo)" if record.is_demo else str(record.status)
                ),
                _field(
                    "Held",
                    f"{format_duration(record.active_seconds)} of "
                    f"{format_duration(record.planned_seconds)} planned",
                ),
            ]
        ),
        _field("Done", str(record.counts)),
        _field("Pain", pain_text(record.pain_before, record.pain_after)),
    ]
    where = " — ".join(t for t in (record.pain_where, record.pain_note) if t)
    if where:  # where it hurt and the note, as said at a check-in
        lines.append(_field("Where", terminal_safe(where)))
    if record.note:
        lines.append(_field("Note", terminal_safe(record.note)))
    return Content("\n").join(lines)


class SessionDetailScreen(ModalScreen[None], DismissOnce[None]):
    """The poses of one past session; Esc, q or Enter closes it."""

    # History's styles, read when first shown: the app's first frame need not parse them.
    CSS_PATH = paths.styles_dir() / "history.tcss"

    HELP_TITLE = "Session details"

    BINDINGS = [
        Binding("escape,q,enter", "close", "Back", id="detail.close"),
        # A modal does not pass keys to the app's bindings, so ? is bound here too.
        Binding("question_mark", "app.show_keys", "Keys", show=False, id="detail.keys"),
    ]

    def __init__(self, record: SessionRecord, pose_name: Callable[[str], str]) -> None:
        super().__init__()
        self.record = record
        self.pose_name = pose_name

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-box"):
            yield Static(session_heading(self.record), id="detail-heading")
            if self.record.poses:
                yield DataTable(id="detail-poses", cursor_type="row", zebra_stripes=True)
            else:
                yield Static("No holds were recorded in this session.", id="detail-empty")
            yield Static("Esc / Enter: back to history", id="detail-hint")

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns(*POSE_COLUMNS)
            # Text cells, not str: DataTable reads a str as markup, and names and notes come
            # from files.
            table.add_rows(
                [Text(terminal_safe(cell)) for cell in pose_row(p, self.pose_name(p.pose_id))]
                for p in self.record.poses
            )
            table.focus()

    @on(DataTable.RowSelected, "#detail-poses")
    def _enter_closes(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Back to the list of sessions."""
        self.dismiss()
