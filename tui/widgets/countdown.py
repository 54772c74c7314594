"""The guided-session display: what to do, on which side, how long is left, what is next.

`Countdown.show(state)` changes only what differs from the last call, so a redraw
costs a few cells; the session screen decides when to call it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.scalar import Scalar
from textual.widgets import Static

from tui.core.big_font import MIN_HEIGHT
from tui.core.countdown_math import (
    breath_level,
    format_clock,
    format_remaining,
    is_urgent,
    pose_progress,
    routine_progress,
)
from tui.core.engine import EngineState, Phase
from tui.core.routine import Pose
from tui.widgets.big_digits import BigDigits
from tui.widgets.progress import LevelColumn, SmoothBar
from tui.widgets.text_line import TextLine

_PHASE_CLASSES = {
    Phase.GET_READY: "-get-ready",
    Phase.HOLD: "-hold",
    Phase.SWITCH_SIDES: "-switch",
    Phase.INHALE: "-breath",
    Phase.EXHALE: "-breath",
    Phase.DONE: "-done",
}


def headline(state: EngineState) -> Content:
    """The line above the digits: the phase in words."""
    pose = state.pose
    if state.paused:
        return Content("❚❚  PAUSED  —  press space to resume")
    if pose is None or state.phase is Phase.DONE:
        return Content("Session complete")
    if state.phase is Phase.GET_READY:
        first = f" ({state.side} side first)" if state.side else ""
        return Content(f"Get ready: {pose.name}{first}")
    if state.phase is Phase.SWITCH_SIDES:
        return Content("Switch sides")
    if state.phase is Phase.INHALE:
        return Content(f"Inhale — {pose.inhale or 'in'}")
    if state.phase is Phase.EXHALE:
        return Content(f"Exhale — {pose.exhale or 'out'}")
    return Content(pose.name)


def side_line(state: EngineState) -> Content:
    """The line under the headline: which side, or which breath."""
    pose = state.pose
    if pose is None:
        return Content("")
    badge = _side_badge(state.side)
    if state.phase in (Phase.INHALE, Phase.EXHALE):
        text = Content(f"{pose.name} · breath {state.cycle} of {state.cycles}")
    elif state.phase is Phase.SWITCH_SIDES:
        text = Content.assemble("now the ", badge) if badge else Content("")
    elif state.paused or state.phase is Phase.GET_READY:
        text = Content.assemble(pose.name, "  ", badge) if badge else Content(pose.name)
    else:
        text = badge or Content("")
    return text


def _side_badge(side: str | None) -> Content | None:
    if side is None:
        return None
    arrow = ("◀ ", "") if side == "left" else ("", " ▶")
    return Content.from_markup(
        "[reverse b] $a$side SIDE$b [/]", a=arrow[0], side=side.upper(), b=arrow[1]
    )


def next_line(state: EngineState) -> str:
    """What comes after this pose."""
    if state.phase is Phase.DONE:
        return ""
    if state.next_pose is None:
        return "Last pose — nearly done"
    return f"Next: {state.next_pose.name}"


def cue_line(pose: Pose | None) -> str:
    """The pose's one-line cue."""
    return pose.cue if pose else ""


class Countdown(Vertical):
    """Everything the person on the floor reads at a glance."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: dict[str, object] = {}
        self._words: tuple[object, ...] = ()
        # Made here, not in compose, so they exist even before the first mount; kept as
        # attributes because a query per redraw would cost more than the redraw.
        self._statics = {
            name: Static(id=name) for name in ("headline", "side", "cue", "next", "routine-pos")
        }
        self._digits = BigDigits(id="digits")
        self._hold_bar = SmoothBar(id="hold-bar")
        self._routine_bar = SmoothBar(id="routine-bar")
        self._routine_left = TextLine(id="routine-left")
        self._breath = [
            LevelColumn(id="breath-left", classes="breath"),
            LevelColumn(id="breath-right", classes="breath"),
        ]

    def compose(self) -> ComposeResult:
        # Grouped so a redraw of one bar cell walks few widgets: Textual visits every
        # child of each container on the way down to the one that changed.
        with Vertical(id="top"):
            yield self._statics["headline"]
            yield self._statics["side"]
        with Horizontal(id="digits-row"):
            yield self._breath[0]
            yield self._digits
            yield self._breath[1]
        with Vertical(id="bottom"):
            with Horizontal(classes="bar-row"):
                yield self._hold_bar
            yield self._statics["cue"]
            yield self._statics["next"]
        # Whole-routine progress sits low, next to the hold bar, so the frame that
        # changes a digit does not also have to walk the widgets at the top.
        with Vertical(id="routine"):
            with Horizontal(id="routine-line"):
                yield self._statics["routine-pos"]
                yield self._routine_left
            with Horizontal(classes="bar-row"):
                yield self._routine_bar

    @property
    def bar_cells(self) -> int:
        """Width of the hold bar in cells."""
        return self._hold_bar.size.width

    @property
    def routine_bar_cells(self) -> int:
        """Width of the whole-routine bar in cells."""
        return self._routine_bar.size.width

    @property
    def breath_rows(self) -> int:
        """Height of the breathing guide in rows."""
        return self._breath[0].size.height

    def _text(self, widget_id: str, value: str | Content) -> None:
        if self._texts.get(widget_id) != value:
            self._texts[widget_id] = value
            self._statics[widget_id].update(value)

    def show(self, state: EngineState) -> None:
        """Bring the display up to `state`, touching only what changed."""
        if not self.is_mounted:
            return  # a key typed as the screen opens; the first frame after mount draws it
        self._set_classes(state)
        self._routine_left.set_text(f"{format_clock(state.routine_remaining)} left")
        words = (state.phase, state.paused, state.step_index, state.side, state.cycle, state.pose)
        if words != self._words:
            # The words change a few times a pose; building them every frame would not.
            self._words = words
            self._text("routine-pos", f"pose {state.step_index + 1} of {state.step_count} · ")
            self._text("headline", headline(state))
            self._text("side", side_line(state))
            self._text("cue", cue_line(state.pose))
            self._text("next", next_line(state))
        wanted = max(MIN_HEIGHT, self.screen.size.height // 3)
        digits = self._digits
        digits.show(format_remaining(state.remaining), wanted)
        self._routine_bar.set_fraction(routine_progress(state))
        self._hold_bar.set_fraction(pose_progress(state))
        breathing = state.phase in (Phase.INHALE, Phase.EXHALE)
        if breathing:
            for column in self._breath:
                if column.styles.height != Scalar.parse(str(digits.glyph_height)):
                    # The guide stands as tall as the digits beside it.
                    column.styles.height = digits.glyph_height
                column.set_level(breath_level(state))

    def _set_classes(self, state: EngineState) -> None:
        wanted = {_PHASE_CLASSES[state.phase]}
        if state.paused:
            wanted.add("-paused")
        if is_urgent(state):
            wanted.add("-urgent")
        managed = {*_PHASE_CLASSES.values(), "-paused", "-urgent"}
        current = set(self.classes) & managed
        if current != wanted:
            self.remove_class(*(current - wanted))
            self.add_class(*(wanted - current))
