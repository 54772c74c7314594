"""Resuming a partial session: which of today's steps its records belong to, and where to go on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.core.record import PoseRecord
from tui.core.routine import Routine, Step

# The step a record belongs to, the pose held there (the step's own or its alternative), the side.
RecordKey = tuple[int, str, str | None]


@dataclass(frozen=True)
class ResumePoint:
    """Where a partial session goes on, and every hold it already has."""

    step_index: int
    records: dict[RecordKey, PoseRecord]  # holds of poses still in the routine, by step
    carried: tuple[PoseRecord, ...] = ()  # holds of poses no longer in it: kept all the same


def _pose_ids(routine: Routine, step: Step) -> set[str]:
    ids = {step.pose_id}
    if step.pose_id in routine.poses:
        alternative = routine.pose(step.pose_id).alternative
        if alternative:
            ids.add(alternative)
    return ids


def match_records(
    routine: Routine, steps: Sequence[Step], records: Iterable[PoseRecord]
) -> tuple[dict[RecordKey, PoseRecord], tuple[PoseRecord, ...]]:
    """Assign each record to the step of its pose (or its alternative); the rest are carried.

    A step can hold records of both poses of a pair (Pigeon hurt, then Figure-Four): each
    keeps its own entry.
    """
    matched: dict[RecordKey, PoseRecord] = {}
    carried: list[PoseRecord] = []
    for record in records:
        index = next(
            (
                i
                for i, step in enumerate(steps)
                if record.pose_id in _pose_ids(routine, step)
                and (i, record.pose_id, record.side) not in matched
            ),
            None,
        )
        if index is None:
            carried.append(record)  # the routine changed since: the hold still happened
        else:
            matched[(index, record.pose_id, record.side)] = record
    return matched, tuple(carried)


def _side_done(matched: dict[RecordKey, PoseRecord], index: int, side: str | None) -> bool:
    """Whether a side of a step was held in full, in either pose of its pair."""
    return any(r.finished for (i, _, s), r in matched.items() if i == index and s == side)


def resume_point(
    routine: Routine,
    steps: Sequence[Step],
    records: Iterable[PoseRecord],
    stopped_at_pose: str | None = None,
) -> ResumePoint | None:
    """Where the session stopped, or the first pose after it not yet done in full.

    Poses before the one it stopped at were left on purpose (skipped, or cut short with
    `n`): they are not gone back to. A record that does not say where it stopped (an older
    one, or a routine changed since) goes on at the first pose not done in full. None if
    nothing is left.
    """
    matched, carried = match_records(routine, steps, records)
    stopped = next(
        (i for i, step in enumerate(steps) if stopped_at_pose in _pose_ids(routine, step)), 0
    )
    for index, step in enumerate(steps):
        if index < stopped or step.pose_id not in routine.poses:
            continue
        sides = routine.pose(step.pose_id).sides
        if not all(_side_done(matched, index, side) for side in sides):
            return ResumePoint(index, matched, carried)
    return None
