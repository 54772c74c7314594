"""Resuming a partial session: which of today's steps its records belong to, and where to go on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.core.record import Outcome, PoseRecord
from tui.core.routine import Routine, Step

RecordKey = tuple[int, str | None]
_FINISHED = (Outcome.DONE, Outcome.EXTENDED)


@dataclass(frozen=True)
class ResumePoint:
    """Where a partial session goes on, and the results it carries."""

    step_index: int
    records: dict[RecordKey, PoseRecord]


def _pose_ids(routine: Routine, step: Step) -> set[str]:
    ids = {step.pose_id}
    if step.pose_id in routine.poses:
        alternative = routine.pose(step.pose_id).alternative
        if alternative:
            ids.add(alternative)
    return ids


def match_records(
    routine: Routine, steps: Sequence[Step], records: Iterable[PoseRecord]
) -> dict[RecordKey, PoseRecord]:
    """Assign each record, in order, to the first later step of its pose (or its alternative)."""
    matched: dict[RecordKey, PoseRecord] = {}
    index = 0
    for record in records:
        while index < len(steps) and (
            record.pose_id not in _pose_ids(routine, steps[index])
            or (index, record.side) in matched
        ):
            index += 1
        if index >= len(steps):
            break  # the routine changed since: what does not fit is left out
        matched[(index, record.side)] = record
    return matched


def resume_point(
    routine: Routine, steps: Sequence[Step], records: Iterable[PoseRecord]
) -> ResumePoint | None:
    """The pose where the session stopped (the next if it was finished); None if none is left."""
    matched = match_records(routine, steps, records)
    if not matched:
        return ResumePoint(0, {}) if steps else None
    last = max(index for index, _ in matched)
    step_pose = steps[last].pose_id
    sides = routine.pose(step_pose).sides if step_pose in routine.poses else (None,)
    finished = all(
        (last, side) in matched and matched[(last, side)].outcome in _FINISHED for side in sides
    )
    step_index = last + 1 if finished else last
    if step_index >= len(steps):
        return None
    return ResumePoint(step_index, {k: v for k, v in matched.items() if k[0] < step_index})
