"""The end-of-session summary: time, poses done and skipped, holds changed."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui import paths
from tui.active_session import ActiveSession
from tui.core.record import Counts, Outcome, PoseRecord, SessionRecord, Status
from tui.core.routine import Routine, format_duration
from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce
from tui.store.problems import SaveProblem
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.app import SuppleApp

# Columns of the not-saved story: what the box holds inside its border and padding at 80.
UNSAVED_WIDTH = 66


@dataclass(frozen=True)
class SessionSummary:
    """The figures the summary shows, taken from the finished session."""

    status: Status
    elapsed_seconds: float  # wall time from start to end, pauses included
    active_seconds: float
    counts: Counts
    changes: tuple[str, ...]  # one line per hold that was longer or shorter than planned
    alternatives: tuple[str, ...]
    hurts: tuple[str, ...] = ()  # "Pigeon Pose (left) hurt after 20 s"
    pain_before: int | None = None
    pain_after: int | None = None
    demo: bool = False
    unsaved: SaveProblem | None = None  # why the session is held only in memory, if it is
    # Resumed after it was cut off: the time in all is only this part's (the gap between
    # the two parts is not practice), so it is said as "since you resumed".
    resumed: bool = False

    @classmethod
    def from_session(
        cls, session: ActiveSession, elapsed: float, unsaved: SaveProblem | None = None
    ) -> SessionSummary:
        """Summarise a session that has ended, `elapsed` seconds after it began."""
        summary = cls.from_record(session.record(), session.engine.routine)
        return replace(
            summary, elapsed_seconds=max(0.0, elapsed), unsaved=unsaved, resumed=session.resumed
        )

    @classmethod
    def from_record(cls, record: SessionRecord, routine: Routine) -> SessionSummary:
        """Summarise `record`: the same counts as the history list, detail and CLI."""
        elapsed = (record.ended_at - record.started_at).total_seconds() if record.ended_at else 0.0
        return cls(
            status=record.status,
            elapsed_seconds=max(0.0, elapsed),
            active_seconds=record.active_seconds,
            counts=record.counts,
            changes=tuple(
                _change_line(routine, p)
                for p in record.poses
                if p.outcome in (Outcome.EXTENDED, Outcome.SHORTENED)
            ),
            alternatives=tuple(
                dict.fromkeys(_name(routine, p.pose_id) for p in record.poses if p.alternative_used)
            ),
            hurts=tuple(
                f"{_name(routine, p.pose_id)}{f' ({p.side})' if p.side else ''} "
                f"{terminal_safe(p.note)}"
                for p in record.poses
                if p.note
            ),
            pain_before=record.pain_before,
            pain_after=record.pain_after,
            demo=record.is_demo,
        )


def _name(routine: Routine, pose_id: str) -> str:
    return terminal_safe(routine.pose(pose_id).name if pose_id in routine.poses else pose_id)


def _change_line(routine: Routine, pose: PoseRecord) -> str:
    name = _name(routine, pose.pose_id)
    side = f", {pose.side}" if pose.side else ""
    if pose.cycles_planned is not None:
        return f"{name}: {pose.cycles_done} breaths (planned {pose.cycles_planned})"
    return f"{name}{side}: {round(pose.held_seconds)} s (planned {round(pose.planned_seconds)} s)"


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)


def headline(summary: SessionSummary) -> str:
    """What the session amounted to, congratulating only a routine actually done."""
    counts = summary.counts
    if counts.poses_total and counts.poses_done == counts.poses_total:
        return "Session complete — well done."
    # Never "saved" while it is not: the line below the headline says why.
    saved = summary.unsaved is None
    if summary.status is Status.COMPLETED:
        kept = " What you did is saved." if saved else ""
        return f"Routine finished — some holds were skipped or cut short.{kept}"
    if counts.holds_done:
        return "Session ended early — what you did is saved." if saved else "Session ended early."
    return "Session ended before any hold was done in full — nothing to count yet."


def summary_text(summary: SessionSummary) -> Content:
    """The summary as styled lines."""
    lines = [Content.styled(headline(summary), "bold $accent"), Content("")]
    if summary.unsaved is not None:
        # Wrapped here: the box is as wide as its longest line, up to the screen's width.
        story = textwrap.wrap(
            terminal_safe(summary.unsaved.whole_story()), UNSAVED_WIDTH, break_on_hyphens=False
        )
        lines += [Content.styled(line, "bold $error") for line in story]
        lines += [Content("")]
    if summary.demo:
        lines.append(Content.styled("A demo run (--speed): not counted as practice.", "italic"))
    for label, value in summary_facts(summary):
        if label == "Hurt":
            lines.append(Content.assemble((f"{label:<15}", "bold $error"), value))
        elif label or not value.startswith("• "):
            lines.append(_fact(label, value))
        else:  # a hold changed, listed under its label
            lines.append(Content(f"  {value}"))
    return Content("\n").join(lines)


def summary_facts(summary: SessionSummary) -> list[tuple[str, str]]:
    """The summary's facts as (label, value); a label of "" goes on under the one above."""
    facts = [
        (
            "Time",
            # Durations, rounded as History and `supple history` round them (not the
            # countdown's rounding up): the same session reads the same everywhere.
            f"{format_duration(summary.active_seconds)} held · "
            f"{format_duration(summary.elapsed_seconds)} "
            + ("since you resumed" if summary.resumed else "in all"),
        ),
        ("Done", str(summary.counts)),
        ("Holds changed", str(len(summary.changes)) if summary.changes else "none"),
    ]
    facts += [("", f"• {line}") for line in summary.changes]
    if summary.alternatives:
        facts.append(("Alternative", ", ".join(summary.alternatives)))
    facts += [("Hurt" if n == 0 else "", hurt) for n, hurt in enumerate(summary.hurts)]
    if summary.pain_before is not None or summary.pain_after is not None:
        pain = f"{_pain(summary.pain_before)} before → {_pain(summary.pain_after)} after"
        facts.append(("Pain", pain))
    return facts


def _fact(label: str, value: str) -> Content:
    return Content.assemble((f"{label:<15}", "bold"), value)


class SummaryScreen(DismissOnce[None]):
    """Shown once a session ends; any of Enter, Esc or q goes back to the routine."""

    # Its own styles, read when first shown: the app's first frame need not parse them.
    CSS_PATH = paths.styles_dir() / "summary.tcss"

    BINDINGS = [
        Binding("enter,escape,q", "close", "Back to the routine", id="summary.close"),
        Binding("w", "where", "Where it hurts, a note", id="summary.where"),
        Binding("k", "keep_gentler", "Keep the gentler pose", id="summary.keep"),
    ]

    app: SuppleApp

    def __init__(self, summary: SessionSummary, session: ActiveSession | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.session = session  # the session shown, so a note said here reaches its record
        self._kept = False  # the gentler poses taken are kept in the routine now

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """w only where there is a session to note on; k only where a gentler pose was taken."""
        if action == "keep_gentler":
            return bool(self._gentler_taken())
        return self.session is not None if action == "where" else True

    def _gentler_taken(self) -> list[tuple[str, tuple[str | None, ...]]]:
        """The gentler poses this session took that the routine does not plan yet."""
        if self.session is None or self._kept:
            return []
        return self.session.engine.gentler_sides_taken()

    def keep_offer(self) -> str:
        """ "k: keep Figure-Four Stretch on the right side for next time", or ""."""
        taken = self._gentler_taken()
        if not taken or self.session is None:
            return ""
        routine = self.session.engine.routine
        parts = []
        for pose_id, sides in taken:
            gentler = routine.pose(pose_id).gentler
            name = routine.pose(gentler).name if gentler else pose_id
            one = [side for side in sides if side is not None]
            where = f" on the {one[0]} side" if len(one) == 1 and len(sides) == 1 else ""
            parts.append(f"{name}{where}")
        return terminal_safe(f"k: keep {', '.join(parts)} for next time")

    def action_keep_gentler(self) -> None:
        """Plan the gentler poses this session took for next time too (and say so)."""
        from tui.core import editing

        taken = self._gentler_taken()
        if not taken or self.dismissed:
            return
        routine = self.app.routine
        for pose_id, sides in taken:
            routine = editing.keep_gentler(routine, pose_id, sides)
        self._kept = True
        self.app.routine = routine
        store = self.app.routine_store
        if store is not None:
            store.save(routine)
        self.query_one("#summary-hint", Static).update(self._hint())
        self.refresh_bindings()
        self.notify("Kept in your routine for next time (a on the main screen changes it).")

    def _hint(self) -> str:
        offer = self.keep_offer()
        return "Enter: back to your routine  ·  w: where it hurts, a note" + (
            f"\n{offer}" if offer else ""
        )

    def action_where(self) -> None:
        """Ask where it hurts and for a note, and save them in the session's record."""
        from tui.screens.pain_where import PainWhereScreen, WhereAndNote

        session = self.session
        if session is None or self.dismissed:
            return

        def answered(answer: WhereAndNote | None) -> None:
            if answer is not None:
                where, note = answer
                session.pain_where = where or session.pain_where
                session.pain_note = note or session.pain_note
                session.save()
                self.notify("Saved with the session.", timeout=3)

        self.app.push_screen(PainWhereScreen(), callback=answered)

    def show_pain_after(self, pain: int | None) -> None:
        """Add the rating given after the session, once the check-in has been answered."""
        self.summary = replace(self.summary, pain_after=pain)
        self.query_one("#summary-text", Static).update(summary_text(self.summary))

    def show_saved(self, problem: SaveProblem | None) -> None:
        """Say at once that the session is saved now, or why it still is not."""
        self.summary = replace(self.summary, unsaved=problem)
        self.query_one("#summary-text", Static).update(summary_text(self.summary))

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static(summary_text(self.summary), id="summary-text")
            yield Static(self._hint(), id="summary-hint", markup=False)
        yield KeyBar()

    def action_close(self) -> None:
        """Return to the routine list."""
        self.dismiss()
