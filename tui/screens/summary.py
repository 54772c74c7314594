"""The end-of-session summary: time, poses done and skipped, holds changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.core.countdown_math import format_clock
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.core.routine import Routine
from tui.session import ActiveSession
from tui.widgets.key_bar import KeyBar


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
    def from_session(cls, session: ActiveSession, elapsed: float) -> SessionSummary:
        """Summarise a session that has ended, `elapsed` seconds after it began."""
        summary = cls.from_record(
            session.record(), session.engine.routine, len(session.engine.steps)
        )
        return replace(summary, elapsed_seconds=max(0.0, elapsed))

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
        Content.styled(title, "bold $accent"),
        Content(""),
        _fact(
            "Time",
            f"{format_clock(summary.active_seconds)} held · "
            f"{format_clock(summary.elapsed_seconds)} in all",
        ),
        _fact("Poses done", f"{summary.poses_done} of {summary.poses_total}"),
        _fact("Skipped", str(summary.poses_skipped)),
        _fact("Holds changed", str(len(summary.changes)) if summary.changes else "none"),
    ]
    lines += [Content(f"  • {line}") for line in summary.changes]
    if summary.alternatives:
        lines.append(_fact("Alternative", ", ".join(summary.alternatives)))
    return Content("\n").join(lines)


def _fact(label: str, value: str) -> Content:
    return Content.assemble((f"{label:<15}", "bold"), value)


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
        yield KeyBar()

    def action_close(self) -> None:
        """Return to the routine list."""
        self.dismiss()
