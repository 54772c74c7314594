"""The session engine: which phase, pose and side now, and how long is left, on any clock.

Time always comes from the injected clock, never from counting ticks: the UI may
call `update()` late or rarely (Textual skips late timer ticks) and the engine
still lands every segment boundary at its exact time, with no drift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from tui.core.record import (
    FINISHED,
    HURT_NOTE,
    SKIP_THRESHOLD,
    Outcome,
    PoseRecord,
    SessionRecord,
    Status,
    merge_attempt,
    outcome_of,
)
from tui.core.routine import (
    Pose,
    Routine,
    Step,
    Timing,
    planned_amount,
    planned_hold_seconds,
    planned_step_seconds,
    step_seconds,
)

Clock = Callable[[], float]

ADJUST_SECONDS = 10.0
MIN_REMAINING_AFTER_REMOVE = 5.0


def hurt_note(held: float, breaths: int | None = None, phase: Phase | None = None) -> str:
    """The record's words for `!`: when it hurt, not "ended early" (carrying on is allowed)."""
    if phase is Phase.GET_READY:
        return f"{HURT_NOTE} while getting ready"
    if phase is Phase.SWITCH_SIDES:
        return f"{HURT_NOTE} while switching sides"
    if breaths is not None:
        return f"{HURT_NOTE} after {breaths} breath{'' if breaths == 1 else 's'}"
    return f"{HURT_NOTE} after {round(held)} s"


# A record's key: the step, the pose done there (the alternative is another pose), the side.
RecordKey = tuple[int, str, str | None]


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
        # Every attempt at a step and side adds to one record (see record.merge_attempt),
        # so going back, restarting or swapping never erases a hold already done.
        self._records: dict[RecordKey, PoseRecord] = {}
        # Holds of a resumed session whose pose is no longer in the routine: still done.
        self._carried: list[PoseRecord] = []
        # Each step's amount per pose, so swapping back restores what the person had.
        self._amounts: dict[tuple[int, str], int] = {}
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
        # Seconds of the current breath segment already counted by "this hurts" (see `hurt`).
        self._held_before_split = 0.0
        # An attempt that `!` recorded before it ended: the record as it was before the
        # attempt, and the attempt's hurt notes. When the attempt ends (carried on to the
        # end, or left) its whole hold replaces the part recorded, so a hold that hurt and
        # was carried on is one attempt, not two.
        self._open_attempts: dict[RecordKey, tuple[PoseRecord | None, str]] = {}
        # Steps where something hurt: from then on they may only become gentler.
        self._hurt_steps: set[int] = set()

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
        if self.finished or not self._started:
            total = sum(self._step_total(i) for i in range(len(self._steps)))
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

    def _resume_pose_of(self, index: int) -> None:
        """Do step `index` as its alternative if the session had swapped to it (and may still)."""
        step = self._steps[index]
        if step.pose_id not in self.routine.poses:
            return
        pose = self.routine.pose(step.pose_id)
        alternative = pose.alternative
        # An alternative held on a side the routine plans it for is the plan, not a swap.
        used = {
            pose_id
            for i, pose_id, side in self._records
            if i == index and pose_id != self._planned_pose_id(index, side)
        }
        if alternative is None or alternative not in used or alternative not in self.routine.poses:
            return
        if index in self._hurt_steps and pose.gentler != alternative:
            return  # it hurt: never on to the harder pose of the pair
        alt = self.routine.pose(alternative)
        self._amounts[(index, step.pose_id)] = step.amount
        self._steps[index] = Step(alt.id, alt.amount_range.default)

    def _step_total(self, index: int) -> float:
        step = self._steps[index]
        if step == self._original[index]:  # not entered yet, or as planned: each side its pose
            return planned_step_seconds(self.routine, step, self.timing)
        return step_seconds(self.routine.pose(step.pose_id), step.amount, self.timing)

    # --- running ---------------------------------------------------------------

    def start(self) -> None:
        """Begin the first pose's get-ready now."""
        if self._started:
            return
        self._started = True
        self._enter_planned_step(0, self._clock())

    def resume_from(
        self,
        records: Mapping[RecordKey, PoseRecord],
        step_index: int,
        carried: tuple[PoseRecord, ...] = (),
    ) -> None:
        """Start at `step_index` instead of the first pose, keeping everything already held.

        `records` are keyed by (step index, pose id, side), as `tui.core.resume.match_records`
        gives them; `carried` are holds of poses no longer in the routine, kept in the record.
        Sides of the resumed pose already held in full are not held again. A step done as its
        alternative goes on as that pose, except that after a hurt it never goes on harder.
        """
        if self._started:
            return
        if not 0 <= step_index < len(self._steps):
            raise ValueError(f"no step {step_index} to resume at")
        for (index, pose_id, side), record in records.items():
            key = (index, pose_id, side)
            self._records[key] = merge_attempt(self._records.get(key), replace(record, step=index))
            if record.hurt:
                self._hurt_steps.add(index)
        for index in sorted({index for index, _, _ in records}):
            self._resume_pose_of(index)
        self._carried = [replace(r, step=None) for r in carried]
        done = {
            side
            for (index, pose_id, side), r in self._records.items()
            if index == step_index
            and pose_id in (self._steps[index].pose_id, self._planned_pose_id(index, side))
            and r.finished
        }
        self._started = True
        planned = self._original[step_index]
        if planned.alternative_sides and self._steps[step_index] == planned:
            # A step planned one side each goes on as the pose planned for the side left.
            sides = self.routine.pose(planned.pose_id).sides
            left = [side for side in sides if side not in done] or list(sides)
            pose_id = self._planned_pose_id(step_index, left[0])
            self._steps[step_index] = self._planned_step(step_index, pose_id)
        self._enter_step(step_index, self._clock(), skip_sides=done)

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
            self._breath_held += self._seg_duration - self._held_before_split
            if seg.phase is Phase.EXHALE:
                self._breath_cycles += 1
        if self._seg_i + 1 < len(self._segments):
            following = self._segments[self._seg_i + 1]
            if following.phase is Phase.SWITCH_SIDES and self._switch_to_planned(following, end):
                return
            self._enter_segment(self._seg_i + 1, end)
            return
        if self._pose().is_breath_paced:
            self._record_breaths()
        self._leave_step(end)

    def _leave_step(self, at: float) -> None:
        self._emit(PoseFinished(self._index, self._steps[self._index].pose_id))
        if self._index + 1 < len(self._steps):
            self._enter_planned_step(self._index + 1, at)
        elif self.active_seconds < SKIP_THRESHOLD:
            # Skipping through every pose must not count as a completed session (streaks).
            self._finish(Status.ABANDONED)
        else:
            self._finish(Status.COMPLETED)

    def _planned_pose_id(self, index: int, side: str | None) -> str:
        """The pose the routine plans for one side of step `index` (its alternative's on a
        side listed in `alternative_sides`)."""
        step = self._original[index]
        alternative = self.routine.pose(step.pose_id).alternative
        if side in step.alternative_sides and alternative is not None:
            return alternative  # validation makes it a two-sided pose of this routine
        return step.pose_id

    def _planned_step(self, index: int, pose_id: str) -> Step:
        planned = self._original[index]
        if pose_id == planned.pose_id:
            return planned
        return Step(pose_id, planned_amount(self.routine, planned, pose_id))

    def _enter_planned_step(self, index: int, at: float) -> None:
        """Enter step `index` as planned: a step whose first side is the alternative starts so."""
        planned = self._original[index]
        if planned.alternative_sides and self._steps[index] == planned:
            first = self.routine.pose(planned.pose_id).sides[0]
            self._steps[index] = self._planned_step(index, self._planned_pose_id(index, first))
        self._enter_step(index, at)

    def _switch_to_planned(self, following: Segment, at: float) -> bool:
        """At a side switch, change to the pose the routine plans for the next side.

        Only while the step goes as planned (no swap by key this step), and never on to the
        harder pose of a pair after a hurt here. True if the switch was made.
        """
        index, side = self._index, following.side
        planned = self._original[index]
        if not planned.alternative_sides:
            return False
        pose = self._pose()
        earlier = pose.sides[: pose.sides.index(side)] if side in pose.sides else ()
        if not earlier or pose.id != self._planned_pose_id(index, earlier[-1]):
            return False
        target = self._planned_pose_id(index, side)
        if target == pose.id or (index in self._hurt_steps and pose.gentler != target):
            return False
        self._steps[index] = self._planned_step(index, target)
        self._segments = self._build_segments(self._steps[index], set(earlier), switching=True)
        self._breath_held = 0.0
        self._breath_cycles = 0
        self._enter_segment(0, at)
        return True

    def _enter_step(self, index: int, at: float, skip_sides: set[str | None] | None = None) -> None:
        self._index = index
        self._segments = self._build_segments(self._steps[index], skip_sides or set())
        self._breath_held = 0.0
        self._breath_cycles = 0
        self._enter_segment(0, at)

    def _enter_segment(self, seg_i: int, at: float) -> None:
        self._seg_i = seg_i
        seg = self._segments[seg_i]
        self._seg_start = at
        self._seg_duration = seg.duration
        self._held_before_split = 0.0
        self._emit(PhaseStarted(seg.phase, self._index, seg.side, seg.cycle))

    def _build_segments(
        self, step: Step, skip_sides: set[str | None], switching: bool = False
    ) -> list[Segment]:
        """A step's segments; `switching` starts with a side switch, not a get-ready."""
        pose = self.routine.pose(step.pose_id)
        t = self.timing
        sides = [side for side in pose.sides if side not in skip_sides] or list(pose.sides)
        if switching:
            segments = [Segment(Phase.SWITCH_SIDES, t.switch_sides, side=sides[0])]
        else:
            segments = [Segment(Phase.GET_READY, t.get_ready, side=sides[0])]
        if pose.is_breath_paced:
            for cycle in range(1, step.amount + 1):
                segments.append(Segment(Phase.INHALE, t.inhale, cycle=cycle))
                segments.append(Segment(Phase.EXHALE, t.exhale, cycle=cycle))
            return segments
        for number, side in enumerate(sides):
            if number:
                segments.append(Segment(Phase.SWITCH_SIDES, t.switch_sides, side=side))
            segments.append(Segment(Phase.HOLD, float(step.amount), side=side))
        return segments

    def _finish(self, status: Status) -> None:
        self._status = status
        self._paused_at = None
        self._emit(SessionEnded(status))

    # --- records ---------------------------------------------------------------

    def _add_record(self, attempt: PoseRecord, hurt_note: str = "") -> None:
        """Add one attempt (the whole of it so far) to its side's record.

        With `hurt_note` the attempt is still open (`!` paused it): it is recorded now, and
        recorded again, whole, when it ends.
        """
        key = (self._index, attempt.pose_id, attempt.side)
        opened = self._open_attempts.pop(key, None)
        before, notes = opened if opened is not None else (self._records.get(key), "")
        if hurt_note:
            notes = "; ".join(n for n in (notes, hurt_note) if n)
            self._open_attempts[key] = (before, notes)
        if notes:
            hurt = attempt.outcome not in FINISHED
            attempt = replace(
                attempt, note=notes, outcome=Outcome.HURT if hurt else attempt.outcome
            )
        if before is None:
            self._records[key] = attempt
        else:
            self._records[key] = merge_attempt(before, attempt)

    def _record_hold(self, side: str | None, held: float, hurt_note: str = "") -> None:
        step = self._steps[self._index]
        planned = float(step.amount)  # as planned: +/- during the hold show as held
        self._add_record(
            PoseRecord(
                pose_id=step.pose_id,
                side=side,
                planned_seconds=planned,
                held_seconds=round(held, 1),
                outcome=outcome_of(planned, held),
                alternative_used=step.pose_id != self._original[self._index].pose_id,
                step=self._index,
                attempts=int(held >= SKIP_THRESHOLD),
            ),
            hurt_note,
        )

    def _record_breaths(self, hurt_note: str = "") -> None:
        step = self._steps[self._index]
        planned = step.amount
        held = self._breath_held
        cycles = self._breath_cycles
        self._add_record(
            PoseRecord(
                pose_id=step.pose_id,
                side=None,
                planned_seconds=planned * self.timing.breath,
                held_seconds=round(held, 1),
                outcome=outcome_of(planned * self.timing.breath, held, planned, cycles),
                alternative_used=step.pose_id != self._original[self._index].pose_id,
                cycles_planned=planned,
                cycles_done=cycles,
                step=self._index,
                attempts=int(held >= SKIP_THRESHOLD),
            ),
            hurt_note,
        )
        if not hurt_note:  # an open attempt goes on counting its breaths
            self._breath_held = 0.0
            self._breath_cycles = 0

    def _record_in_progress(self, reached_only: bool = False, this_side_only: bool = False) -> None:
        """Record the current pose as far as it got.

        Leaving it for good (next, stop) marks sides never reached as skipped; going back
        or restarting (`reached_only`) records only what was actually held; moving on to
        the pose's next side (`this_side_only`) records just the side being left.
        """
        seg = self._segment()
        pose = self._pose()
        pose_id = self._steps[self._index].pose_id
        elapsed = min(self._seg_duration, max(0.0, self._now() - self._seg_start))
        if pose.is_breath_paced:
            if seg.phase in (Phase.INHALE, Phase.EXHALE):
                self._breath_held += max(0.0, elapsed - self._held_before_split)
            key: RecordKey = (self._index, pose_id, None)
            known = key in self._records
            if self._breath_held > 0 or key in self._open_attempts or not (known or reached_only):
                self._record_breaths()
            self._held_before_split = 0.0
            return
        for side in (seg.side,) if this_side_only else pose.sides:
            held = elapsed if seg.phase is Phase.HOLD and seg.side == side else 0.0
            key = (self._index, pose_id, side)
            known = key in self._records
            if held > 0 or key in self._open_attempts or not (known or reached_only):
                self._record_hold(side, held)
        self._held_before_split = 0.0

    def results(self) -> tuple[PoseRecord, ...]:
        """Per pose and side: planned and held seconds and the outcome, in routine order."""
        order = {side: n for n, side in enumerate((None, "left", "right"))}
        keys = sorted(self._records, key=lambda k: (k[0], order[k[2]]))
        return (*self._carried, *(self._records[k] for k in keys))

    @property
    def planned_holds(self) -> int:
        """Holds planned: one per side of every pose switched on (alternatives as now)."""
        return sum(len(self.routine.pose(s.pose_id).sides) for s in self._steps)

    @property
    def status(self) -> Status:
        """How the session stands: completed, or partial/abandoned if it ends now."""
        if self._status is not None:
            return self._status
        return Status.PARTIAL if self.active_seconds >= SKIP_THRESHOLD else Status.ABANDONED

    @property
    def active_seconds(self) -> float:
        """Seconds actually spent holding or breathing, in recorded holds."""
        held = [*self._carried, *self._records.values()]
        return round(sum(r.held_seconds for r in held), 1)

    @property
    def planned_seconds(self) -> float:
        """Seconds of holding the routine planned (without get-ready and switches)."""
        return sum(planned_hold_seconds(self.routine, s, self.timing) for s in self._original)

    def gentler_sides_taken(self) -> list[tuple[str, tuple[str | None, ...]]]:
        """Each planned pose, with the sides this session did as its gentler pose instead.

        What the summary offers to keep for next time: (pose id, sides) where the sides are
        those held as the gentler pose though the routine planned the pose itself there.
        """
        taken: list[tuple[str, tuple[str | None, ...]]] = []
        for index, planned in enumerate(self._original):
            gentler = self.routine.pose(planned.pose_id).gentler
            if gentler is None:
                continue
            sides = tuple(
                side
                for (step, pose_id, side) in self._records
                if step == index
                and pose_id == gentler
                and self._planned_pose_id(index, side) == planned.pose_id
            )
            if sides:
                taken.append((planned.pose_id, tuple(dict.fromkeys(sides))))
        return taken

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
            planned_poses=len(self._steps),
            planned_holds=self.planned_holds,
            stopped_at_pose=self._steps[self._index].pose_id if self._started else None,
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
        """On to what the screen names next: a two-sided pose's other side, else the next pose.

        Before or during the first side's hold the screen says "Next: right side", so that is
        where `n` goes, after a side switch; the side left so far is recorded as it got.
        """
        if not self._ready_for_control():
            return
        switch = self._next_side_switch()
        if switch is None:
            self.skip_pose()
            return
        self._record_in_progress(this_side_only=True)
        now = self._now()
        # The next side may be planned as the other pose of the pair (Figure-Four on the right).
        if not self._switch_to_planned(self._segments[switch], now):
            self._enter_segment(switch, now)

    def skip_pose(self) -> None:
        """Leave the current pose now, every side of it, recording it as far as it got."""
        if not self._ready_for_control():
            return
        self._record_in_progress()
        self._leave_step(self._now())

    def _next_side_switch(self) -> int | None:
        """The segment where this pose's next side begins, if a side is still to come."""
        for index in range(self._seg_i + 1, len(self._segments)):
            if self._segments[index].phase is Phase.SWITCH_SIDES:
                return index
        return None

    def previous_pose(self) -> None:
        """Go back to the previous pose's get-ready (the first pose restarts)."""
        if not self._ready_for_control():
            return
        target = max(0, self._index - 1)
        self._record_in_progress(reached_only=True)
        self._enter_step(target, self._now())

    def restart_pose(self) -> None:
        """Start the current pose again from its get-ready."""
        if not self._ready_for_control():
            return
        self._record_in_progress(reached_only=True)
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

    @property
    def hurt_here(self) -> bool:
        """Whether something hurt in the current pose (or the one it replaced) this session."""
        return self._started and self._index in self._hurt_steps

    def can_swap(self) -> bool:
        """Whether `swap_alternative` would act: never towards a harder pose after a hurt.

        A pose whose routine does not say its alternative is gentler counts as harder here.
        """
        if not self._started or self.finished:
            return False
        pose = self._pose()
        if pose.alternative is None or pose.alternative not in self.routine.poses:
            return False
        return pose.gentler is not None or not self.hurt_here

    def swap_alternative(self) -> bool:
        """Swap the current pose for its alternative (Pigeon ↔ Figure-Four) from this side on.

        On the first side (or a pose done once) the alternative starts from its get-ready;
        on a later side only that side and those after it change: Pigeon on the left and
        Figure-Four on the right, each side recorded as the pose it was. After a hurt in
        this pose, only a swap to the gentler pose is allowed.
        """
        if not self._ready_for_control() or not self.can_swap():
            return False
        pose = self._pose()
        assert pose.alternative is not None  # can_swap
        side = self._segment().side
        earlier = set(pose.sides[: pose.sides.index(side)]) if side in pose.sides else set()
        self._record_in_progress(reached_only=True)
        step = self._steps[self._index]
        self._amounts[(self._index, step.pose_id)] = step.amount
        # Each pose keeps its own hold: the alternative its default (or what it had before
        # in this session), and swapping back brings the person's own hold back.
        alt = self.routine.pose(pose.alternative)
        amount = self._amounts.get((self._index, alt.id))
        if amount is None:
            original = self._original[self._index]
            amount = original.amount if original.pose_id == alt.id else alt.amount_range.default
        self._steps[self._index] = Step(alt.id, alt.amount_range.clamp(amount))
        self._enter_step(self._index, self._now(), skip_sides=earlier & set(alt.sides))
        return True

    def hurt(self) -> bool:
        """ "This hurts": record the pose side as hurt, and pause; False if nothing was held.

        The side is recorded whatever the phase: a get-ready or a side switch records the
        side about to be held (0 s held). The attempt stays open: carrying on holds only
        the time left, and the record then holds the attempt as a whole.
        """
        if not self._ready_for_control():
            return False
        self._hurt_steps.add(self._index)
        seg = self._segment()
        elapsed = min(self._seg_duration, max(0.0, self._now() - self._seg_start))
        if seg.phase is Phase.HOLD:
            self._record_hold(seg.side, elapsed, hurt_note(elapsed))
        elif seg.phase in (Phase.INHALE, Phase.EXHALE):
            self._breath_held += elapsed - self._held_before_split
            self._held_before_split = elapsed
            self._record_breaths(hurt_note(self._breath_held, self._breath_cycles))
        elif self._pose().is_breath_paced:
            self._record_breaths(hurt_note(0.0, phase=seg.phase))
        else:
            self._record_hold(seg.side, 0.0, hurt_note(0.0, phase=seg.phase))
        self.pause()
        return seg.phase in (Phase.HOLD, Phase.INHALE, Phase.EXHALE)

    def stop(self) -> None:
        """End the session now; what was held so far is kept as a partial session."""
        self.update()
        if not self._started or self.finished:
            return
        self._record_in_progress()
        self._finish(self.status if self.active_seconds >= SKIP_THRESHOLD else Status.ABANDONED)
