"""The session engine: which phase, pose and side now, and how long is left, on any clock.

Time always comes from the injected clock, never from counting ticks: the UI may
call `update()` late or rarely (Textual skips late timer ticks) and the engine
still lands every segment boundary at its exact time, with no drift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.core.routine import Pose, Routine, Step, Timing, step_seconds

Clock = Callable[[], float]

ADJUST_SECONDS = 10.0
MIN_REMAINING_AFTER_REMOVE = 5.0
# Less than this much of a hold counts as not having held it at all.
SKIP_THRESHOLD = 1.0


class Phase(StrEnum):
    """What the person is doing right now."""

    GET_READY = "get ready"
    HOLD = "hold"
    SWITCH_SIDES = "switch sides"
    INHALE = "inhale"
    EXHALE = "exhale"
    DONE = "done"


@dataclass(frozen=True)
class Segment:
    """One timed stretch of a pose: a get-ready, a hold, a side switch or half a breath."""

    phase: Phase
    duration: float
    side: str | None = None
    cycle: int = 0  # 1-based breath number for inhale/exhale


@dataclass(frozen=True)
class EngineState:
    """Everything the session screen shows, computed at one instant."""

    phase: Phase
    paused: bool
    step_index: int  # position among the enabled steps, 0-based
    step_count: int
    pose: Pose | None
    side: str | None
    remaining: float  # seconds left in the current segment
    duration: float  # current segment's full length (after any +/- adjustments)
    cycle: int
    cycles: int
    next_pose: Pose | None
    routine_remaining: float
    routine_total: float
    alternative_used: bool

    @property
    def progress(self) -> float:
        """Fraction of the current segment already done, 0 to 1."""
        if self.duration <= 0:
            return 1.0
        return min(1.0, max(0.0, 1.0 - self.remaining / self.duration))


# --- events the UI and the store listen to -----------------------------------


@dataclass(frozen=True)
class PhaseStarted:
    """A new segment began (a hold, a side switch, a breath, a get-ready)."""

    phase: Phase
    step_index: int
    side: str | None
    cycle: int = 0


@dataclass(frozen=True)
class PoseFinished:
    """A pose was left, completed or not: a pose boundary, where history is saved."""

    step_index: int
    pose_id: str


@dataclass(frozen=True)
class PausedChanged:
    """The session was paused or resumed."""

    paused: bool


@dataclass(frozen=True)
class SessionEnded:
    """The routine reached its end, or the person stopped it."""

    status: Status


Event = PhaseStarted | PoseFinished | PausedChanged | SessionEnded
Listener = Callable[[Event], None]


class SessionEngine:
    """Walks one routine's enabled steps, timing each segment on the injected clock."""

    def __init__(self, routine: Routine, clock: Clock, timing: Timing | None = None) -> None:
        self.routine = routine
        self.timing = timing or Timing()
        self._clock = clock
        self._original = routine.active_steps()
        if not self._original:
            raise ValueError("the routine has no poses switched on")
        self._steps: list[Step] = list(self._original)
        self._listeners: list[Listener] = []
        # Keyed by (step index, pose id, side): a swapped-away pose keeps its own record.
        self._records: dict[tuple[int, str, str | None], PoseRecord] = {}
        # Unrounded seconds held so far per key; repeated attempts add up here.
        self._held: dict[tuple[int, str, str | None], float] = {}
        self._index = 0
        self._segments: list[Segment] = []
        self._seg_i = 0
        self._seg_start = 0.0
        self._seg_duration = 0.0
        self._paused_at: float | None = None
        self._started = False
        self._status: Status | None = None
        # Breath-paced poses collect their cycles into one record.
        self._breath_held = 0.0
        self._breath_cycles = 0

    # --- wiring ----------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with every event from now on."""
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        for listener in self._listeners:
            listener(event)

    # --- reading ---------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Whether the session is over, completed or stopped."""
        return self._status is not None

    @property
    def paused(self) -> bool:
        """Whether the clock is stopped."""
        return self._paused_at is not None

    @property
    def steps(self) -> tuple[Step, ...]:
        """The enabled steps as now, with any alternatives swapped in."""
        return tuple(self._steps)

    def _now(self) -> float:
        return self._paused_at if self._paused_at is not None else self._clock()

    def _segment(self) -> Segment:
        return self._segments[self._seg_i]

    def _pose(self, index: int | None = None) -> Pose:
        return self.routine.pose(self._steps[self._index if index is None else index].pose_id)

    def state(self) -> EngineState:
        """The state at this instant; call `update()` first to pass due boundaries."""
        total = sum(self._step_total(i) for i in range(len(self._steps)))
        if self.finished or not self._started:
            first = self._pose(0)
            done = self.finished
            return EngineState(
                phase=Phase.DONE if done else Phase.GET_READY,
                paused=False,
                step_index=len(self._steps) - 1 if done else 0,
                step_count=len(self._steps),
                pose=None if done else first,
                side=None,
                remaining=0.0 if done else self.timing.get_ready,
                duration=0.0 if done else self.timing.get_ready,
                cycle=0,
                cycles=0,
                next_pose=None,
                routine_remaining=0.0 if done else total,
                routine_total=total,
                alternative_used=False,
            )
        seg = self._segment()
        # Elapsed first: (start + duration) - now can exceed duration by a rounding
        # error, which a ceil()-ing countdown would show as 11 on a 10 s segment.
        elapsed = self._now() - self._seg_start
        remaining = min(self._seg_duration, max(0.0, self._seg_duration - elapsed))
        later_segments = sum(s.duration for s in self._segments[self._seg_i + 1 :])
        later_steps = sum(self._step_total(i) for i in range(self._index + 1, len(self._steps)))
        # The total follows +/- adjustments, so 1 - remaining/total stays within 0..1.
        this_step = sum(s.duration for s in self._segments) - seg.duration + self._seg_duration
        total = sum(self._step_total(i) for i in range(self._index)) + this_step + later_steps
        pose = self._pose()
        nxt = self._pose(self._index + 1) if self._index + 1 < len(self._steps) else None
        return EngineState(
            phase=seg.phase,
            paused=self.paused,
            step_index=self._index,
            step_count=len(self._steps),
            pose=pose,
            side=seg.side,
            remaining=remaining,
            duration=self._seg_duration,
            cycle=seg.cycle,
            # Breaths added or dropped during the pose count: "breath 13 of 13", not "of 12".
            cycles=self._segments[-1].cycle if pose.is_breath_paced else 0,
            next_pose=nxt,
            routine_remaining=remaining + later_segments + later_steps,
            routine_total=total,
            alternative_used=self._steps[self._index].pose_id
            != self._original[self._index].pose_id,
        )

    def _step_total(self, index: int) -> float:
        step = self._steps[index]
        return step_seconds(self.routine.pose(step.pose_id), step.amount, self.timing)

    # --- running ---------------------------------------------------------------

    def start(self) -> None:
        """Begin the first pose's get-ready now."""
        if self._started:
            return
        self._started = True
        self._enter_step(0, self._clock())

    def resume_from(
        self, records: Mapping[tuple[int, str | None], PoseRecord], step_index: int
    ) -> None:
        """Start at `step_index` instead of the first pose, keeping the earlier poses' `records`.

        `records` are keyed by (step index, side), as `tui.core.resume.match_records` gives them.
        """
        if self._started:
            return
        if not 0 <= step_index < len(self._steps):
            raise ValueError(f"no step {step_index} to resume at")
        for (index, side), record in records.items():
            if index >= step_index:
                continue  # the pose resumed is done again in full
            step = self._steps[index]
            if record.pose_id != step.pose_id and record.pose_id in self.routine.poses:
                alt = self.routine.pose(record.pose_id)  # the alternative was used last time
                self._steps[index] = Step(alt.id, alt.amount_range.clamp(step.amount))
            key = (index, record.pose_id, side)
            self._records[key] = record
            self._held[key] = record.held_seconds
        self._started = True
        self._enter_step(step_index, self._clock())

    def update(self) -> None:
        """Pass every segment boundary that is due, emitting events at each."""
        if not self._started or self.finished or self.paused:
            return
        now = self._clock()
        while not self.finished and self._seg_start + self._seg_duration <= now:
            self._complete_segment()

    def _complete_segment(self) -> None:
        """Finish the current segment in full and start the next at its exact end time."""
        seg = self._segment()
        end = self._seg_start + self._seg_duration
        if seg.phase is Phase.HOLD:
            self._record_hold(seg.side, self._seg_duration)
        elif seg.phase in (Phase.INHALE, Phase.EXHALE):
            self._breath_held += self._seg_duration
            if seg.phase is Phase.EXHALE:
                self._breath_cycles += 1
        if self._seg_i + 1 < len(self._segments):
            self._enter_segment(self._seg_i + 1, end)
            return
        if self._pose().is_breath_paced:
            self._record_breaths()
        self._leave_step(end)

    def _leave_step(self, at: float) -> None:
        self._emit(PoseFinished(self._index, self._steps[self._index].pose_id))
        if self._index + 1 < len(self._steps):
            self._enter_step(self._index + 1, at)
        elif self.active_seconds < SKIP_THRESHOLD:
            # Skipping through every pose must not count as a completed session (streaks).
            self._finish(Status.ABANDONED)
        else:
            self._finish(Status.COMPLETED)

    def _enter_step(self, index: int, at: float) -> None:
        self._index = index
        self._segments = self._build_segments(self._steps[index])
        self._breath_held = 0.0
        self._breath_cycles = 0
        self._enter_segment(0, at)

    def _enter_segment(self, seg_i: int, at: float) -> None:
        self._seg_i = seg_i
        seg = self._segments[seg_i]
        self._seg_start = at
        self._seg_duration = seg.duration
        self._emit(PhaseStarted(seg.phase, self._index, seg.side, seg.cycle))

    def _build_segments(self, step: Step) -> list[Segment]:
        pose = self.routine.pose(step.pose_id)
        t = self.timing
        first_side = pose.sides[0]
        segments = [Segment(Phase.GET_READY, t.get_ready, side=first_side)]
        if pose.is_breath_paced:
            for cycle in range(1, step.amount + 1):
                segments.append(Segment(Phase.INHALE, t.inhale, cycle=cycle))
                segments.append(Segment(Phase.EXHALE, t.exhale, cycle=cycle))
            return segments
        for number, side in enumerate(pose.sides):
            if number:
                segments.append(Segment(Phase.SWITCH_SIDES, t.switch_sides, side=side))
            segments.append(Segment(Phase.HOLD, float(step.amount), side=side))
        return segments

    def _finish(self, status: Status) -> None:
        self._status = status
        self._paused_at = None
        self._emit(SessionEnded(status))

    # --- records ---------------------------------------------------------------

    def _record_hold(self, side: str | None, held: float) -> None:
        """Add `held` seconds to this pose side's record: a record never loses time."""
        step = self._steps[self._index]
        key = (self._index, step.pose_id, side)
        total = self._held.get(key, 0.0) + held
        self._held[key] = total
        earlier = self._records.get(key)
        planned = earlier.planned_seconds if earlier else float(self._original_amount())
        self._records[key] = PoseRecord(
            pose_id=step.pose_id,
            side=side,
            planned_seconds=planned,
            held_seconds=round(total, 1),
            outcome=_outcome(planned, total),
            alternative_used=step.pose_id != self._original[self._index].pose_id,
        )

    def _original_amount(self) -> int:
        """The planned amount of the current step, before any +/- during the session."""
        return self._steps[self._index].amount

    def _record_breaths(self) -> None:
        """Add this attempt's breaths to the pose's record (called once per attempt)."""
        step = self._steps[self._index]
        key = (self._index, step.pose_id, None)
        earlier = self._records.get(key)
        planned = step.amount if earlier is None else (earlier.cycles_planned or step.amount)
        held = self._held.get(key, 0.0) + self._breath_held
        self._held[key] = held
        done = self._breath_cycles + (earlier.cycles_done or 0 if earlier else 0)
        outcome = Outcome.DONE if done == planned else _outcome(planned, done)
        self._records[key] = PoseRecord(
            pose_id=step.pose_id,
            side=None,
            planned_seconds=planned * self.timing.breath,
            held_seconds=round(held, 1),
            outcome=Outcome.SKIPPED if held < SKIP_THRESHOLD else outcome,
            alternative_used=step.pose_id != self._original[self._index].pose_id,
            cycles_planned=planned,
            cycles_done=done,
        )

    def _record_in_progress(self, *, unreached_as_skipped: bool = True) -> None:
        """Add the current attempt's time held so far; sides never reached can show as skipped.

        Leaving forward (next, stop) marks unreached sides skipped; going back, restarting
        or swapping only adds what was actually held, so the pose can still be done later.
        """
        seg = self._segment()
        pose = self._pose()
        elapsed = min(self._seg_duration, max(0.0, self._now() - self._seg_start))
        if pose.is_breath_paced:
            if seg.phase in (Phase.INHALE, Phase.EXHALE):
                self._breath_held += elapsed
            if unreached_as_skipped or self._breath_held > 0:
                self._record_breaths()
            return
        pose_id = self._steps[self._index].pose_id
        for side in pose.sides:
            held = elapsed if seg.phase is Phase.HOLD and seg.side == side else 0.0
            if held > 0 or (
                unreached_as_skipped and (self._index, pose_id, side) not in self._records
            ):
                self._record_hold(side, held)

    def results(self) -> tuple[PoseRecord, ...]:
        """Per pose and side: planned and held seconds and the outcome, in routine order."""
        order = {side: n for n, side in enumerate((None, "left", "right"))}
        # The routine's own pose first, then its alternative if the person swapped.
        keys = sorted(
            self._records,
            key=lambda k: (k[0], k[1] != self._original[k[0]].pose_id, order[k[2]]),
        )
        return tuple(self._records[k] for k in keys)

    @property
    def status(self) -> Status:
        """How the session stands: completed, or partial/abandoned if it ends now."""
        if self._status is not None:
            return self._status
        return Status.PARTIAL if self.active_seconds >= SKIP_THRESHOLD else Status.ABANDONED

    @property
    def active_seconds(self) -> float:
        """Seconds actually spent holding or breathing, in recorded holds."""
        return round(sum(r.held_seconds for r in self._records.values()), 1)

    @property
    def planned_seconds(self) -> float:
        """Seconds of holding the routine planned (without get-ready and switches)."""
        total = 0.0
        for step in self._original:
            pose = self.routine.pose(step.pose_id)
            if pose.is_breath_paced:
                total += step.amount * self.timing.breath
            else:
                total += step.amount * len(pose.sides)
        return total

    def record(
        self, session_id: str, started_at: datetime, ended_at: datetime | None
    ) -> SessionRecord:
        """The session as history keeps it, including the pose in progress as partial."""
        return SessionRecord(
            id=session_id,
            routine_id=self.routine.id,
            routine_name=self.routine.name,
            started_at=started_at,
            ended_at=ended_at,
            status=self.status,
            planned_seconds=self.planned_seconds,
            active_seconds=self.active_seconds,
            poses=self.results(),
        )

    # --- controls --------------------------------------------------------------

    def _ready_for_control(self) -> bool:
        self.update()
        return self._started and not self.finished

    def pause(self) -> None:
        """Stop the clock; nothing advances until `resume`."""
        if self._ready_for_control() and not self.paused:
            self._paused_at = self._clock()
            self._emit(PausedChanged(True))

    def resume(self) -> None:
        """Restart the clock where it stopped."""
        if self._started and not self.finished and self._paused_at is not None:
            self._seg_start += self._clock() - self._paused_at
            self._paused_at = None
            self._emit(PausedChanged(False))

    def toggle_pause(self) -> None:
        """Pause if running, resume if paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def next_pose(self) -> None:
        """Leave the current pose now, recording it as far as it got."""
        if not self._ready_for_control():
            return
        self._record_in_progress()
        self._leave_step(self._now())

    def previous_pose(self) -> None:
        """Go back to the previous pose's get-ready (the first pose restarts)."""
        if not self._ready_for_control():
            return
        target = max(0, self._index - 1)
        self._record_in_progress(unreached_as_skipped=False)
        self._enter_step(target, self._now())

    def restart_pose(self) -> None:
        """Start the current pose again from its get-ready."""
        if not self._ready_for_control():
            return
        self._record_in_progress(unreached_as_skipped=False)
        self._enter_step(self._index, self._now())

    def add_time(self, seconds: float = ADJUST_SECONDS) -> None:
        """Lengthen the current hold, or add one breath to a breath-paced pose."""
        if not self._ready_for_control():
            return
        seg = self._segment()
        if seg.phase is Phase.HOLD:
            self._seg_duration += seconds
        elif seg.phase in (Phase.INHALE, Phase.EXHALE):
            self._change_breaths(+1)

    def remove_time(self, seconds: float = ADJUST_SECONDS) -> None:
        """Shorten the current hold, never below 5 s left, or drop one breath still to come."""
        if not self._ready_for_control():
            return
        seg = self._segment()
        if seg.phase is Phase.HOLD:
            elapsed = self._now() - self._seg_start
            shorter = max(self._seg_duration - seconds, elapsed + MIN_REMAINING_AFTER_REMOVE)
            self._seg_duration = min(self._seg_duration, shorter)
        elif seg.phase in (Phase.INHALE, Phase.EXHALE):
            self._change_breaths(-1)

    def _change_breaths(self, delta: int) -> None:
        seg = self._segment()
        last_cycle = self._segments[-1].cycle
        if delta > 0:
            n = last_cycle + 1
            self._segments += [
                Segment(Phase.INHALE, self.timing.inhale, cycle=n),
                Segment(Phase.EXHALE, self.timing.exhale, cycle=n),
            ]
        elif last_cycle > seg.cycle:
            # Only breaths not yet begun can go: the one under way always finishes.
            del self._segments[-2:]

    def swap_alternative(self) -> bool:
        """Swap the current pose for its alternative (Pigeon ↔ Figure-Four) and restart it."""
        if not self._ready_for_control():
            return False
        pose = self._pose()
        if pose.alternative is None or pose.alternative not in self.routine.poses:
            return False
        alt = self.routine.pose(pose.alternative)
        amount = alt.amount_range.clamp(self._steps[self._index].amount)
        self._record_in_progress(unreached_as_skipped=False)
        self._steps[self._index] = Step(alt.id, amount)
        self._enter_step(self._index, self._now())
        return True

    def end_hold(self) -> bool:
        """End the hold under way now ("this hurts"), recording it as held so far; False if none."""
        if not self._ready_for_control() or self._segment().phase is not Phase.HOLD:
            return False
        self._seg_duration = max(0.0, self._now() - self._seg_start)
        self._complete_segment()
        return True

    def stop(self) -> None:
        """End the session now; what was held so far is kept as a partial session."""
        self.update()
        if not self._started or self.finished:
            return
        self._record_in_progress()
        self._finish(self.status if self.active_seconds >= SKIP_THRESHOLD else Status.ABANDONED)


def _outcome(planned: float, held: float) -> Outcome:
    if held < SKIP_THRESHOLD:
        return Outcome.SKIPPED
    if held < planned - 0.05:
        return Outcome.SHORTENED
    if held > planned + 0.05:
        return Outcome.EXTENDED
    return Outcome.DONE
