"""What the person hears at each moment of a session: a bell pattern and a phrase.

Pure: the session screen feeds `CueTracker` the engine's events and the countdown and
plays what comes out (bells through the terminal, phrases through a speech command).
Patterns differ in their number of bells and their rhythm, so an ear can tell them apart
with eyes closed, and each phrase is chosen short enough to end before its moment does.
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
from tui.core.routine import Pose, Timing
from tui.core.safe_text import terminal_safe

# Seconds between the bells of one pattern: terminals drop a bell that follows another
# within about 0.2 s (xterm's bellSuppressTime), so closer bells would sound as one.
BELL_GAP = 0.35
COUNTDOWN_FROM = 3
# Holds this long or longer also say "Halfway" and "10 seconds left" (when time cues are on).
TIME_CUES_FROM = 40.0
TEN_LEFT = 10.0
# How long a phrase takes to say, estimated: a speech command's start and its first word,
# then a steady rate per character. Fitted to espeak-ng's default voice, measured with sox
# ("In" 0.55 s, "Inhale, Cow" 1.28 s, "Hold ends in three" 1.34 s, a 133-character get-ready
# 8.6 s), a little on the slow side.
SPEAKING_START = 0.6
SPEAKING_PER_CHARACTER = 0.06


class Moment(StrEnum):
    """The moments of a session that have a cue."""

    GET_READY = "get ready"
    HOLD_START = "hold start"
    HALFWAY = "halfway"
    TEN_LEFT = "ten seconds left"
    SWITCH_SIDES = "switch sides"
    POSE_END = "pose end"
    COUNTDOWN = "countdown"
    INHALE = "inhale"
    EXHALE = "exhale"
    SESSION_COMPLETE = "session complete"


# Each moment's bell pattern: when each bell rings, in BELL_GAP steps after the first. Told
# apart by count and rhythm: begin 1, halfway 2, 10 s left 3, switch sides 2 + 2 with a
# pause between, pose end a run of 5. The optional countdown (one bell a second at 3, 2, 1)
# used to run into "2" and "3" at the end; neither end pattern sounds like it now.
PATTERNS: dict[Moment, tuple[int, ...]] = {
    Moment.HOLD_START: (0,),
    Moment.HALFWAY: (0, 1),
    Moment.TEN_LEFT: (0, 1, 2),
    Moment.SWITCH_SIDES: (0, 1, 3, 4),
    Moment.POSE_END: (0, 1, 2, 3, 4),
    Moment.COUNTDOWN: (0,),
    Moment.INHALE: (0,),
}
BELLS = {moment: len(pattern) for moment, pattern in PATTERNS.items()}


@dataclass(frozen=True)
class CueOptions:
    """Which optional bells ring, on top of hold start, switch sides and pose end."""

    countdown_bells: bool = False  # one bell at each of a hold's last three seconds
    breath_bells: bool = False  # one bell at each Cat-Cow inhale
    time_cues: bool = True  # "Halfway" and "10 seconds left" in holds of 40 s or more


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


def speaking_seconds(phrase: str) -> float:
    """About how long a speech command takes to say `phrase`, from its start."""
    return SPEAKING_START + SPEAKING_PER_CHARACTER * len(phrase) if phrase else 0.0


def fitted(choices: list[str], room: float | None) -> str:
    """The first (longest) of `choices` that can be said in `room` seconds; "" if none can.

    A phrase cut off by the next one teaches nothing, so a short moment gets a short word.
    """
    if room is None:
        return choices[0] if choices else ""
    return next((phrase for phrase in choices if speaking_seconds(phrase) <= room), "")


def get_ready_phrases(pose: Pose, side: str | None, side_meaning: str = "") -> list[str]:
    """What can be said at a get-ready, longest first: the cue, then the side, then the name."""
    name = pose.name
    sided = f"{name}, {side} side" if side is not None else name
    meant = f"{sided}: {side_meaning}" if side is not None and side_meaning else sided
    full = f"{meant}. {pose.cue}" if pose.cue else meant
    return list(dict.fromkeys(spoken(phrase) for phrase in (full, meant, sided, name)))


def get_ready_phrase(pose: Pose, side: str | None, side_meaning: str = "") -> str:
    """ "Pigeon Pose, left side: left knee forward. Knee toward your wrist…" from the data."""
    return get_ready_phrases(pose, side, side_meaning)[0]


def breath_phrases(phase: Phase, pose: Pose) -> list[str]:
    """ "Inhale, Cow" / "Exhale, Cat" with the pose's own words, or just "In" / "Out"."""
    word, short = ("Inhale", "In") if phase is Phase.INHALE else ("Exhale", "Out")
    shape = pose.inhale if phase is Phase.INHALE else pose.exhale
    return [spoken(f"{word}, {shape}" if shape else word), short]


def breath_phrase(phase: Phase, pose: Pose) -> str:
    """ "Inhale, Cow" / "Exhale, Cat", with the pose's own words for each half-breath."""
    return breath_phrases(phase, pose)[0]


def hold_moments(duration: float, time_cues: bool = True) -> list[tuple[float, Moment]]:
    """A hold's spoken moments as (seconds remaining, moment), in the order they come."""
    moments = [(duration, Moment.HOLD_START)]
    if time_cues and duration >= TIME_CUES_FROM:
        moments += [(duration / 2, Moment.HALFWAY), (TEN_LEFT, Moment.TEN_LEFT)]
    if duration > COUNTDOWN_FROM:
        moments.append((float(COUNTDOWN_FROM), Moment.COUNTDOWN))
    return moments


HOLD_PHRASES = {
    Moment.HOLD_START: ["Begin"],
    Moment.HALFWAY: ["Halfway"],
    Moment.TEN_LEFT: ["10 seconds left", "10 seconds"],
    Moment.COUNTDOWN: ["Hold ends in three"],
}


def hold_schedule(duration: float, time_cues: bool = True) -> list[tuple[float, Cue]]:
    """Every cue of one hold as (seconds after its start, cue), each phrase fitted to its room.

    The room of a phrase runs until the next moment (the last one's, until the hold ends).
    """
    moments = hold_moments(duration, time_cues)
    schedule = []
    for n, (remaining, moment) in enumerate(moments):
        until = moments[n + 1][0] if n + 1 < len(moments) else 0.0
        phrase = fitted(HOLD_PHRASES[moment], remaining - until)
        schedule.append((duration - remaining, Cue(moment, BELLS[moment], phrase)))
    return schedule


SideMeaning = Callable[[Pose, str], str]


def _no_meaning(pose: Pose, side: str) -> str:
    return ""


def event_cue(
    event: Event,
    pose: Pose | None,
    side_meaning: SideMeaning = _no_meaning,
    timing: Timing | None = None,
) -> Cue | None:
    """The cue for one engine event, or None for an event nobody needs to hear.

    With `timing`, each phrase is fitted to its moment's length; without, it is said whole.
    """
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
        choices = get_ready_phrases(pose, event.side, meaning)
        # The pose's name at least, even with no get-ready time: it says what comes next.
        phrase = fitted(choices, _room(timing, Phase.GET_READY)) or choices[-1]
        return Cue(Moment.GET_READY, phrase=phrase)
    if phase is Phase.HOLD:
        return Cue(Moment.HOLD_START, BELLS[Moment.HOLD_START], "Begin")
    if phase is Phase.SWITCH_SIDES:
        meaning = side_meaning(pose, event.side) if event.side else ""
        choices = [spoken(f"Switch sides: {meaning}")] if meaning else []
        phrase = fitted([*choices, "Switch sides"], _room(timing, phase))
        return Cue(Moment.SWITCH_SIDES, BELLS[Moment.SWITCH_SIDES], phrase)
    if phase is Phase.INHALE:
        # The first inhale starts the breathing as a hold starts, and rings like one.
        moment = Moment.HOLD_START if event.cycle == 1 else Moment.INHALE
        phrase = fitted(breath_phrases(phase, pose), _room(timing, phase))
        return Cue(moment, BELLS[moment], phrase)
    if phase is Phase.EXHALE:
        return Cue(Moment.EXHALE, phrase=fitted(breath_phrases(phase, pose), _room(timing, phase)))
    return None


def _room(timing: Timing | None, phase: Phase) -> float | None:
    """How long a segment of `phase` lasts, the room for its phrase; None if not known."""
    if timing is None:
        return None
    lengths = {
        Phase.GET_READY: timing.get_ready,
        Phase.SWITCH_SIDES: timing.switch_sides,
        Phase.INHALE: timing.inhale,
        Phase.EXHALE: timing.exhale,
    }
    return lengths.get(phase)


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


def time_cues(before: float, state: EngineState) -> list[Cue]:
    """ "Halfway" and "10 seconds left" when a long hold's time passes them since `before`."""
    if state.phase is not Phase.HOLD or state.paused:
        return []
    return [
        cue
        for at, cue in hold_schedule(state.duration)
        if cue.moment in (Moment.HALFWAY, Moment.TEN_LEFT)
        and state.remaining <= state.duration - at < before
    ]


def rings(cue: Cue, options: CueOptions) -> bool:
    """Whether the cue's bells ring with these options (the bell itself being on)."""
    if cue.moment is Moment.COUNTDOWN:
        return options.countdown_bells
    if cue.moment is Moment.INHALE:
        return options.breath_bells
    if cue.moment in (Moment.HALFWAY, Moment.TEN_LEFT):
        return options.time_cues and cue.bells > 0
    return cue.bells > 0


def says(cue: Cue, options: CueOptions) -> bool:
    """Whether the cue's phrase is said with these options (the voice itself being on)."""
    if cue.moment in (Moment.HALFWAY, Moment.TEN_LEFT):
        return options.time_cues and bool(cue.phrase)
    return bool(cue.phrase)


class CueTracker:
    """Collects one session's cues in order from its events and from the countdown it shows."""

    def __init__(
        self,
        pose_at: Callable[[int], Pose],
        side_meaning: SideMeaning = _no_meaning,
        timing: Timing | None = None,
    ) -> None:
        self._pose_at = pose_at
        self._side_meaning = side_meaning
        self._timing = timing  # the segments' lengths, to fit each phrase to its moment
        self._pending: list[Cue] = []
        self._segment: tuple[object, ...] = ()
        self._remaining = 0.0

    def on_event(self, event: Event, *, by_time: bool = True) -> None:
        """Add the event's cue; moments a key press caused are spoken but never rung."""
        pose = self._pose_at(event.step_index) if isinstance(event, PhaseStarted) else None
        cue = event_cue(event, pose, self._side_meaning, self._timing)
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
            self._pending += time_cues(self._remaining, state)
            cue = countdown_cue(self._remaining, state)
            if cue is not None:
                self._pending.append(cue)
        self._segment = segment
        self._remaining = state.remaining

    def take(self) -> list[Cue]:
        """The cues collected since the last call, oldest first."""
        cues, self._pending = self._pending, []
        return cues


def bells_to_ring(cues: list[Cue], options: CueOptions) -> tuple[int, ...]:
    """The one pattern to ring for cues that fell together: the latest ringing moment's."""
    for cue in reversed(cues):
        if rings(cue, options):
            return pattern_of(cue)
    return ()


def pattern_of(cue: Cue) -> tuple[int, ...]:
    """When each of the cue's bells rings, in BELL_GAP steps after the first."""
    return PATTERNS.get(cue.moment, tuple(range(cue.bells)))[: cue.bells]
