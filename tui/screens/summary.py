"""The end-of-session summary: time, poses done and skipped, holds changed."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core.countdown_math import format_clock
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.core.routine import Routine
from tui.session import ActiveSession


@dataclass(frozen=True)
class SessionSummary:
    """The figures the summary shows, taken from the finished session."""

    status: Status
    elapsed_seconds: float  # wall time from start to end, pauses included
    active_seconds: float
    poses_total: int
    poses_done: int
    poses_skipped: int
    changes: tuple[str, ...]  # one line per hold that was longer or shorter than planned
    alternatives: tuple[str, ...]

    @classmethod
    def from_session(cls, session: ActiveSession) -> SessionSummary:
        """Summarise a session that has ended."""
        return cls.from_record(session.record(), session.engine.routine, len(session.engine.steps))

    @classmethod
    def from_record(cls, record: SessionRecord, routine: Routine, steps: int) -> SessionSummary:
        """Summarise `record` of a routine that had `steps` poses switched on."""
        poses = [list(group) for _, group in groupby(record.poses, key=lambda p: p.pose_id)]
        done = sum(any(p.outcome is not Outcome.SKIPPED for p in pose) for pose in poses)
        elapsed = (record.ended_at - record.started_at).total_seconds() if record.ended_at else 0.0
        return cls(
            status=record.status,
            elapsed_seconds=max(0.0, elapsed),
            active_seconds=record.active_seconds,
            poses_total=steps,
            poses_done=done,
            poses_skipped=steps - done,
            changes=tuple(
                _change_line(routine, p)
                for p in record.poses
                if p.outcome in (Outcome.EXTENDED, Outcome.SHORTENED)
            ),
            alternatives=tuple(
                dict.fromkeys(
                    routine.pose(p.pose_id).name for p in record.poses if p.alternative_used
                )
            ),
        )


def _change_line(routine: Routine, pose: PoseRecord) -> str:
    name = routine.pose(pose.pose_id).name
    side = f", {pose.side}" if pose.side else ""
    if pose.cycles_planned is not None:
        return f"{name}: {pose.cycles_done} breaths (planned {pose.cycles_planned})"
    return f"{name}{side}: {round(pose.held_seconds)} s (planned {round(pose.planned_seconds)} s)"


def summary_text(summary: SessionSummary) -> Content:
    """The summary as styled lines."""
    if summary.status is Status.COMPLETED:
        title = "Session complete — well done."
    elif summary.poses_done:
        title = "Session ended early — what you did is saved."
    else:
        title = "Session ended before any hold — nothing to count yet."
    lines = [
        Content.from_markup("[b $accent]$t[/]", t=title),
        Content(""),
        Content.from_markup(
            "[b]Time[/]          $a held · $e in all",
            a=format_clock(summary.active_seconds),
            e=format_clock(summary.elapsed_seconds),
        ),
        Content.from_markup(
            "[b]Poses done[/]    $d of $t", d=str(summary.poses_done), t=str(summary.poses_total)
        ),
        Content.from_markup("[b]Skipped[/]       $s", s=str(summary.poses_skipped)),
        Content.from_markup(
            "[b]Holds changed[/] $n", n=str(len(summary.changes)) if summary.changes else "none"
        ),
    ]
    lines += [Content(f"  • {line}") for line in summary.changes]
    if summary.alternatives:
        lines.append(
            Content.from_markup("[b]Alternative[/]   $a", a=", ".join(summary.alternatives))
        )
    return Content("\n").join(lines)


class SummaryScreen(Screen[None]):
    """Shown once a session ends; any of Enter, Esc or q goes back to the routine."""

    BINDINGS = [
        Binding("enter,escape,q", "close", "Back to the routine", id="summary.close"),
    ]

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static(summary_text(self.summary), id="summary-text")
            yield Static("Enter: back to your routine", id="summary-hint")
        yield Footer()

    def action_close(self) -> None:
        """Return to the routine list."""
        self.dismiss()
