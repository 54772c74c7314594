"""When does what the countdown shows next change: digits, bar steps and breath steps.

The session screen redraws only at these instants instead of at a fixed frame rate,
which keeps a smooth countdown cheap over SSH. Everything here is in engine seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from tui.core.countdown_layout import BREATH_ROW_STEPS
from tui.core.engine import EngineState, Phase
from tui.core.routine import format_duration

# Float noise must not turn 45.0 into "46" or a full bar into one eighth short.
_EPS = 1e-6
URGENT_SECONDS = 5


def shown_seconds(remaining: float) -> int:
    """Whole seconds to show: rounded up, so "1" shows until the very end."""
    return max(0, math.ceil(remaining - _EPS))


def format_remaining(remaining: float) -> str:
    """Seconds only under a minute ("45"), minutes and seconds above ("1:30")."""
    seconds = shown_seconds(remaining)
    if seconds < 60:
        return str(seconds)
    return format_duration(seconds)


def format_clock(remaining: float) -> str:
    """Always m:ss, rounded up like the big digits so both tick together."""
    return format_duration(shown_seconds(remaining))


def until_second_change(remaining: float) -> float | None:
    """Seconds until the shown whole second changes, or None once it shows 0."""
    seconds = shown_seconds(remaining)
    if seconds <= 0:
        return None
    return max(0.0, remaining - (seconds - 1))


def steps_done(fraction: float, steps: int) -> int:
    """How many of `steps` equal steps a fraction from 0 to 1 has passed."""
    return max(0, min(steps, math.floor(fraction * steps + _EPS)))


def until_step(remaining: float, duration: float, steps: int) -> float | None:
    """Seconds until progress through `duration` passes its next step of `steps`."""
    if duration <= 0 or steps <= 0:
        return None
    done = steps_done(1.0 - remaining / duration, steps)
    if done >= steps:
        return None
    return max(0.0, remaining - duration * (1.0 - (done + 1) / steps))


def is_urgent(state: EngineState) -> bool:
    """The last seconds of a hold, which the screen emphasises."""
    return (
        state.phase is Phase.HOLD
        and not state.paused
        and 0 < shown_seconds(state.remaining) <= URGENT_SECONDS
    )


def pose_progress(state: EngineState) -> float:
    """Fraction of the current hold done; for breath-paced poses, of all its breaths."""
    if state.phase in (Phase.INHALE, Phase.EXHALE) and state.cycles:
        halves = 2 * (state.cycle - 1) + (1 if state.phase is Phase.EXHALE else 0)
        return min(1.0, (halves + state.progress) / (2 * state.cycles))
    return state.progress


def breath_level(state: EngineState) -> float:
    """How full the breathing guide is: growing on the inhale, shrinking on the exhale."""
    if state.phase is Phase.INHALE:
        return state.progress
    if state.phase is Phase.EXHALE:
        return 1.0 - state.progress
    return 0.0


def routine_progress(state: EngineState) -> float:
    """Fraction of the whole session done."""
    if state.routine_total <= 0:
        return 1.0
    return min(1.0, max(0.0, 1.0 - state.routine_remaining / state.routine_total))


def until_animation_step(state: EngineState, bar_cells: int, breath_rows: int) -> float | None:
    """Seconds until the hold bar or the breathing guide moves by one visible step."""
    delays: list[float | None] = []
    if state.phase in (Phase.INHALE, Phase.EXHALE):
        delays.append(until_step(state.remaining, state.duration, breath_rows * BREATH_ROW_STEPS))
        if state.cycles:
            # The bar spans all breaths: each half-breath covers 1/(2*cycles) of it.
            delays.append(
                until_step(state.remaining, state.duration, _half_steps(bar_cells, state))
            )
    else:
        delays.append(until_step(state.remaining, state.duration, bar_cells * 8))
    return earliest(delays)


def _half_steps(bar_cells: int, state: EngineState) -> int:
    return max(1, (bar_cells * 8) // (2 * max(1, state.cycles)))


def until_text_change(state: EngineState) -> float | None:
    """Seconds until a shown number changes: the big digits or the routine time left."""
    return earliest(
        [until_second_change(state.remaining), until_second_change(state.routine_remaining)]
    )


def earliest(delays: Iterable[float | None]) -> float | None:
    """The soonest of some delays, ignoring None."""
    present = [d for d in delays if d is not None]
    return min(present) if present else None


def next_frame(
    text_delay: float | None,
    animation_delay: float | None,
    remaining: float,
    speed: float,
    fps: float,
) -> float | None:
    """Real seconds until the next redraw.

    Numbers change exactly on time. Animation frames fall on a grid of `fps` frames a
    real second, locked to the countdown, so the frame at which a digit changes also
    moves the bar: at most `fps` redraws a second however fine the bar is.
    """
    text = None if text_delay is None else text_delay / speed
    animation = None
    if animation_delay is not None:
        grid = speed / fps  # engine seconds between animation frames
        changed_at = remaining - animation_delay
        # The first grid point at or after the change (remaining counts down).
        snapped = math.floor(changed_at / grid + _EPS) * grid
        animation = max(remaining - snapped, grid / 2) / speed
    return earliest([text, animation])
