"""What the person hears at each moment of a session: a bell pattern and a phrase.

Pure: the session screen feeds `CueTracker` the engine's events and the countdown and
plays what comes out (bells through the terminal, phrases through a speech command).
Patterns differ in their number of bells, so an ear can tell them apart with eyes closed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from tui.core.engine import (
    EngineState,
    Event,
    Phase,
    PhaseStarted,
    PoseFinished,
    SessionEnded,
)
from tui.core.record import Status
from tui.core.routine import Pose
from tui.core.safe_text import terminal_safe

# Seconds between the bells of one pattern: terminals drop a bell that follows another
# within about 0.2 s (xterm's bellSuppressTime), so closer bells would sound as one.
BELL_GAP = 0.35
COUNTDOWN_FROM = 3


class Moment(StrEnum):
    """The moments of a session that have a cue."""

    GET_READY = "get ready"
    HOLD_START = "hold start"
    SWITCH_SIDES = "switch sides"
    POSE_END = "pose end"
    COUNTDOWN = "countdown"
    INHALE = "inhale"
    EXHALE = "exhale"
    SESSION_COMPLETE = "session complete"


# How many bells each moment rings (when the bell is on and the option for it is).
BELLS = {
    Moment.HOLD_START: 1,
    Moment.SWITCH_SIDES: 2,
    Moment.POSE_END: 3,
    Moment.COUNTDOWN: 1,
    Moment.INHALE: 1,
}


@dataclass(frozen=True)
class CueOptions:
    """Which optional bells ring, on top of hold start, switch sides and pose end."""

    countdown_bells: bool = False  # one bell at each of a hold's last three seconds
    breath_bells: bool = False  # one bell at each Cat-Cow inhale


@dataclass(frozen=True)
class Cue:
    """What to play at one moment: `bells` terminal bells a short gap apart, then `phrase`."""

    moment: Moment
    bells: int = 0
    phrase: str = ""


# Dashes and whitespace of any kind, in any mix, at the start: "- -w/tmp/x" or "-\u00a0-w"
# must not leave a phrase that a command's option parser reads as "-w /tmp/x".
_LEADING_DASHES = re.compile(r"^[\s-]+")


def spoken(text: str) -> str:
    """`text` fit for a speech command: no control characters, never read as an option."""
    return _LEADING_DASHES.sub("", terminal_safe(text)).strip()


def get_ready_phrase(pose: Pose, side: str | None, side_meaning: str = "") -> str:
    """ "Pigeon Pose, left side: left knee forward. Knee toward your wrist…" from the data."""
    phrase = pose.name
    if side is not None:
        phrase += f", {side} side"
        if side_meaning:
            phrase += f": {side_meaning}"
    if pose.cue:
        phrase += f". {pose.cue}"
    return spoken(phrase)


def breath_phrase(phase: Phase, pose: Pose) -> str:
    """ "Inhale, Cow" / "Exhale, Cat", with the pose's own words for each half-breath."""
    word = "Inhale" if phase is Phase.INHALE else "Exhale"
    shape = pose.inhale if phase is Phase.INHALE else pose.exhale
    return spoken(f"{word}, {shape}" if shape else word)


SideMeaning = Callable[[Pose, str], str]


def _no_meaning(pose: Pose, side: str) -> str:
    return ""


def event_cue(
    event: Event, pose: Pose | None, side_meaning: SideMeaning = _no_meaning
) -> Cue | None:
    """The cue for one engine event, or None for an event nobody needs to hear."""
    if isinstance(event, PoseFinished):
        return Cue(Moment.POSE_END, BELLS[Moment.POSE_END])
    if isinstance(event, SessionEnded):
        if event.status is Status.COMPLETED:
            return Cue(Moment.SESSION_COMPLETE, phrase="Session complete")
        return None
    if not isinstance(event, PhaseStarted) or pose is None:
        return None
    phase = event.phase
    if phase is Phase.GET_READY:
        meaning = side_meaning(pose, event.side) if event.side else ""
        return Cue(Moment.GET_READY, phrase=get_ready_phrase(pose, event.side, meaning))
    if phase is Phase.HOLD:
        return Cue(Moment.HOLD_START, BELLS[Moment.HOLD_START])
    if phase is Phase.SWITCH_SIDES:
        meaning = side_meaning(pose, event.side) if event.side else ""
        words = f"Switch sides: {meaning}" if meaning else "Switch sides"
        return Cue(Moment.SWITCH_SIDES, BELLS[Moment.SWITCH_SIDES], spoken(words))
    if phase is Phase.INHALE:
        # The first inhale starts the breathing as a hold starts, and rings like one.
        moment = Moment.HOLD_START if event.cycle == 1 else Moment.INHALE
        return Cue(moment, BELLS[moment], breath_phrase(phase, pose))
    if phase is Phase.EXHALE:
        return Cue(Moment.EXHALE, phrase=breath_phrase(phase, pose))
    return None


def countdown_cue(before: float, state: EngineState) -> Cue | None:
    """The cue when a hold's shown seconds pass 3, 2 or 1 between `before` and now."""
    if state.phase is not Phase.HOLD or state.paused:
        return None
    shown_before, shown_now = math.ceil(before), math.ceil(state.remaining)
    passed = [n for n in range(1, COUNTDOWN_FROM + 1) if shown_now <= n < shown_before]
    if not passed or shown_now < 1:
        return None
    phrase = "Hold ends in three" if COUNTDOWN_FROM in passed else ""
    return Cue(Moment.COUNTDOWN, BELLS[Moment.COUNTDOWN], phrase)


def rings(cue: Cue, options: CueOptions) -> bool:
    """Whether the cue's bells ring with these options (the bell itself being on)."""
    if cue.moment is Moment.COUNTDOWN:
        return options.countdown_bells
    if cue.moment is Moment.INHALE:
        return options.breath_bells
    return cue.bells > 0


class CueTracker:
    """Collects one session's cues in order from its events and from the countdown it shows."""

    def __init__(
        self, pose_at: Callable[[int], Pose], side_meaning: SideMeaning = _no_meaning
    ) -> None:
        self._pose_at = pose_at
        self._side_meaning = side_meaning
        self._pending: list[Cue] = []
        self._segment: tuple[object, ...] = ()
        self._remaining = 0.0

    def on_event(self, event: Event, *, by_time: bool = True) -> None:
        """Add the event's cue; moments a key press caused are spoken but never rung."""
        pose = self._pose_at(event.step_index) if isinstance(event, PhaseStarted) else None
        cue = event_cue(event, pose, self._side_meaning)
        if cue is None:
            return
        if not by_time and cue.bells:
            cue = Cue(cue.moment, 0, cue.phrase)
        if cue.bells or cue.phrase:
            self._pending.append(cue)

    def on_state(self, state: EngineState) -> None:
        """Add the countdown's cue if a hold just reached its last seconds."""
        segment = (state.step_index, state.phase, state.side, state.cycle, state.duration)
        if segment == self._segment:
            cue = countdown_cue(self._remaining, state)
            if cue is not None:
                self._pending.append(cue)
        self._segment = segment
        self._remaining = state.remaining

    def take(self) -> list[Cue]:
        """The cues collected since the last call, oldest first."""
        cues, self._pending = self._pending, []
        return cues


def bells_to_ring(cues: list[Cue], options: CueOptions) -> int:
    """The one pattern to ring for cues that fell together: the latest ringing moment's."""
    for cue in reversed(cues):
        if rings(cue, options):
            return cue.bells
    return 0
