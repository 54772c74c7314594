"""Edits a person makes to a routine's steps, and an undo stack over them."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from tui.core.routine import Pose, Routine, Step

UNDO_DEPTH = 50
HOLD_STEP_SECONDS = 5
BREATH_STEP = 1


def can_move(routine: Routine, index: int, delta: int) -> bool:
    """Whether the step at `index` can move `delta` places and stay in the list."""
    return 0 <= index < len(routine.steps) and 0 <= index + delta < len(routine.steps)


def move(routine: Routine, index: int, delta: int) -> Routine:
    """The routine with the step at `index` moved `delta` places (unchanged if it cannot)."""
    if not can_move(routine, index, delta) or delta == 0:
        return routine
    steps = list(routine.steps)
    step = steps.pop(index)
    steps.insert(index + delta, step)
    return routine.with_steps(tuple(steps))


def toggle(routine: Routine, index: int) -> Routine:
    """The routine with the step at `index` switched on or off for today."""
    step = routine.steps[index]
    return _replace_step(routine, index, replace(step, enabled=not step.enabled))


def alternative_of(routine: Routine, index: int) -> Pose | None:
    """The pose the step at `index` can be swapped for, if any and not already in the routine."""
    pose = routine.pose(routine.steps[index].pose_id)
    if pose.alternative is None:
        return None
    if any(s.pose_id == pose.alternative for s in routine.steps):
        return None  # a routine lists each pose once
    return routine.pose(pose.alternative)


def swap_alternative(routine: Routine, index: int) -> Routine:
    """The routine with the step at `index` done as its alternative pose, at that pose's default."""
    alt = alternative_of(routine, index)
    if alt is None:
        return routine
    step = routine.steps[index]
    # The alternative's own recommendation fits it better than the other pose's hold.
    swapped = Step(alt.id, alt.amount_range.default, step.enabled)
    return _replace_step(routine, index, swapped)


SIDE_CHOICES = ("both", "left", "right", "neither")


def alternative_on(routine: Routine, index: int, choice: str) -> Routine:
    """The step at `index` with its alternative on `choice`: both sides, one, or neither.

    One side keeps the step's pose and hold and does the alternative on that side only.
    """
    step = routine.steps[index]
    if choice == "both":
        if step.alternative_sides:
            step = Step(step.pose_id, step.amount, step.enabled)
        return swap_alternative(_replace_step(routine, index, step), index)
    if choice == "neither":
        return _replace_step(routine, index, Step(step.pose_id, step.amount, step.enabled))
    if choice not in ("left", "right") or not can_choose_sides(routine, index):
        return routine
    return _replace_step(routine, index, Step(step.pose_id, step.amount, step.enabled, (choice,)))


def keep_gentler(routine: Routine, pose_id: str, sides: tuple[str | None, ...]) -> Routine:
    """The routine with `pose_id`'s gentler pose on `sides` from now on (both: in its place)."""
    index = next((i for i, s in enumerate(routine.steps) if s.pose_id == pose_id), None)
    if index is None:
        return routine
    one_side = [side for side in sides if side is not None]
    pose = routine.pose(pose_id)
    if len(one_side) == 1 and len(pose.sides) == 2 and can_choose_sides(routine, index):
        return alternative_on(routine, index, one_side[0])
    return alternative_on(routine, index, "both")


def can_choose_sides(routine: Routine, index: int) -> bool:
    """Whether the step's alternative can be chosen per side: both poses are two-sided."""
    alt = alternative_of(routine, index)
    return alt is not None and alt.per_side and routine.pose(routine.steps[index].pose_id).per_side


def amount_step(pose: Pose) -> int:
    """How much one press of + or - changes a pose's amount."""
    return BREATH_STEP if pose.is_breath_paced else HOLD_STEP_SECONDS


def can_change_amount(routine: Routine, index: int, direction: int) -> bool:
    """Whether + (`direction` 1) or - (-1) still changes the step at `index`."""
    step = routine.steps[index]
    rng = routine.pose(step.pose_id).amount_range
    return step.amount < rng.max if direction > 0 else step.amount > rng.min


def change_amount(routine: Routine, index: int, direction: int) -> Routine:
    """The routine with the step at `index` held one step longer (1) or shorter (-1)."""
    step = routine.steps[index]
    pose = routine.pose(step.pose_id)
    return set_amount(routine, index, step.amount + direction * amount_step(pose))


def set_amount(routine: Routine, index: int, amount: int) -> Routine:
    """The routine with the step at `index` at `amount`, kept within the pose's range."""
    step = routine.steps[index]
    clamped = routine.pose(step.pose_id).amount_range.clamp(amount)
    return _replace_step(routine, index, replace(step, amount=clamped))


def _replace_step(routine: Routine, index: int, step: Step) -> Routine:
    steps = list(routine.steps)
    steps[index] = step
    return routine.with_steps(tuple(steps))


class RoutineEditor:
    """The routine being edited, with the steps it had before each edit, for undo."""

    def __init__(self, routine: Routine, depth: int = UNDO_DEPTH) -> None:
        self.routine = routine
        self._undo: deque[tuple[Step, ...]] = deque(maxlen=depth)

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to take back."""
        return bool(self._undo)

    def apply(self, edited: Routine) -> bool:
        """Make `edited` the routine, remembering the previous steps; False if nothing changed."""
        if edited.steps == self.routine.steps:
            return False
        self._undo.append(self.routine.steps)
        self.routine = edited
        return True

    def undo(self) -> bool:
        """Go back to the steps before the last edit; False if there was none."""
        if not self._undo:
            return False
        self.routine = self.routine.with_steps(self._undo.pop())
        return True

    def replace(self, routine: Routine) -> None:
        """Start over on another routine (or another process's version), forgetting undo."""
        self.routine = routine
        self._undo.clear()
