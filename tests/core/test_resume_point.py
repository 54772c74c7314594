"""Resuming a partial session: matching its records to steps, and the engine going on from there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tui.core.engine import Phase, SessionEngine
from tui.core.record import Outcome, Status
from tui.core.resume import match_records, resume_point
from tui.core.routine import Routine


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _run_until(routine: Routine, seconds: float, *, swap_at: float | None = None) -> SessionEngine:
    clock = Clock()
    engine = SessionEngine(routine, clock)
    engine.start()
    if swap_at is not None:
        clock.now += swap_at
        engine.update()
        assert engine.swap_alternative()
        seconds -= swap_at
    clock.now += seconds
    engine.update()
    engine.stop()
    return engine


def test_stopped_mid_hold_resumes_at_that_pose(routine: Routine) -> None:
    # 160 s in: Thread the Needle (step 2), left side held 13 s.
    stopped = _run_until(routine, 160)
    record = stopped.record("s1", START, START)
    assert record.status is Status.PARTIAL
    point = resume_point(routine, routine.active_steps(), record.poses)
    assert point is not None
    assert point.step_index == 2
    assert sorted(point.records, key=str) == [
        (0, "childs-pose", None),
        (1, "cat-cow", None),
        (2, "thread-the-needle", "left"),
        (2, "thread-the-needle", "right"),
    ]
    assert point.records[(2, "thread-the-needle", "left")].held_seconds == 13


def test_resumed_engine_carries_earlier_results_and_finishes(routine: Routine) -> None:
    stopped = _run_until(routine, 160)
    point = resume_point(routine, routine.active_steps(), stopped.results())
    assert point is not None
    clock = Clock()
    engine = SessionEngine(routine, clock)
    engine.resume_from(point.records, point.step_index)
    state = engine.state()
    assert (state.phase, state.step_index) == (Phase.GET_READY, 2)
    clock.now += 10_000
    engine.update()
    record = engine.record("s1", START, START)
    assert record.status is Status.COMPLETED
    assert [p.pose_id for p in record.poses][:2] == ["childs-pose", "cat-cow"]
    assert all(p.finished for p in record.poses)
    assert len(record.poses) == 8  # 2 done before, then both sides of 3 poses
    # The 13 s held before the link dropped still count, with the full hold after.
    assert record.poses[2].held_seconds == 13 + 30
    assert str(record.counts) == "5 of 5 poses · 8 of 8 holds"


def test_finished_pose_resumes_at_the_next(routine: Routine) -> None:
    # 56 s in: Child's Pose done, Cat-Cow getting ready (recorded as skipped).
    stopped = _run_until(routine, 56)
    point = resume_point(routine, routine.active_steps(), stopped.results())
    assert point is not None
    assert point.step_index == 1
    assert point.records[(0, "childs-pose", None)].outcome is Outcome.DONE


def test_alternative_used_is_kept_on_resume(routine: Routine) -> None:
    # Swap Pigeon for Figure-Four at 215 s, stop in Twist at 360 s.
    stopped = _run_until(routine, 360, swap_at=215)
    steps = routine.active_steps()
    point = resume_point(routine, steps, stopped.results())
    assert point is not None
    assert steps[point.step_index].pose_id == "seated-spinal-twist"
    engine = SessionEngine(routine, Clock())
    engine.resume_from(point.records, point.step_index)
    assert engine.steps[3].pose_id == "figure-four"
    assert any(r.alternative_used for r in engine.results())


def test_nothing_left_to_resume(routine: Routine) -> None:
    clock = Clock()
    engine = SessionEngine(routine, clock)
    engine.start()
    clock.now += 10_000
    engine.update()
    assert resume_point(routine, routine.active_steps(), engine.results()) is None


def test_holds_of_poses_switched_off_since_are_kept(routine: Routine) -> None:
    stopped = _run_until(routine, 160)
    steps = routine.active_steps()[2:]  # Child's Pose and Cat-Cow switched off since
    matched, carried = match_records(routine, steps, stopped.results())
    assert all(steps[i].pose_id == "thread-the-needle" for i, _, _ in matched)
    assert [r.pose_id for r in carried] == ["childs-pose", "cat-cow"]
    point = resume_point(routine, steps, stopped.results())
    assert point is not None and point.step_index == 0
    engine = SessionEngine(routine.with_steps(steps), Clock())
    engine.resume_from(point.records, point.step_index, point.carried)
    record = engine.record("s1", START, START)
    assert [p.pose_id for p in record.poses][:2] == ["childs-pose", "cat-cow"]
    assert record.poses[0].outcome is Outcome.DONE
    assert record.active_seconds == 45 + 72 + 13


def test_resume_from_rejects_a_step_out_of_range(routine: Routine) -> None:
    engine = SessionEngine(routine, Clock())
    with pytest.raises(ValueError):
        engine.resume_from({}, 99)


def test_hurt_records_the_hold_so_far_as_hurt_and_pauses(routine: Routine) -> None:
    clock = Clock()
    engine = SessionEngine(routine, clock)
    engine.start()
    clock.now += 5
    assert not engine.hurt()  # getting ready: nothing held yet, but the side is recorded
    (ready,) = engine.results()
    assert (ready.held_seconds, ready.outcome, ready.note) == (
        0.0,
        Outcome.HURT,
        "hurt while getting ready",
    )
    engine.resume()
    clock.now += 25  # Child's Pose held 20 s of 45
    assert engine.hurt()
    assert engine.paused
    (held,) = engine.results()
    assert (held.held_seconds, held.outcome, held.note) == (
        20.0,
        Outcome.HURT,
        "hurt while getting ready; hurt after 20 s",
    )
    # Carrying on holds only the 25 s left: one attempt, held in full.
    engine.resume()
    clock.now += 25
    engine.update()
    (held,) = engine.results()
    assert (held.held_seconds, held.outcome, held.attempts) == (45.0, Outcome.DONE, 1)
    # Not "ended early": it was carried on.
    assert held.note == "hurt while getting ready; hurt after 20 s"


def test_a_hurt_pigeon_stays_in_the_record_after_swapping(routine: Routine) -> None:
    clock = Clock()
    engine = SessionEngine(routine, clock)
    engine.start()
    clock.now += 232  # Pigeon, left, 10 s held
    engine.update()
    assert engine.hurt()
    assert engine.swap_alternative()
    engine.resume()
    clock.now += 1000
    engine.update()
    pigeon = [r for r in engine.results() if r.pose_id == "pigeon"]
    assert [(r.side, r.outcome, r.held_seconds) for r in pigeon] == [("left", Outcome.HURT, 10.0)]
    record = engine.record("s1", START, START)
    assert str(record.counts) == "5 of 5 poses · 8 of 8 holds"


def test_resume_goes_on_where_it_stopped_not_at_a_pose_skipped_before(routine: Routine) -> None:
    clock = Clock()
    engine = SessionEngine(routine, clock)
    engine.start()
    engine.skip_pose()  # Child's Pose, left on purpose
    clock.now += 10 + 12 * 6  # Cat-Cow in full
    engine.update()
    engine.skip_pose()  # Thread the Needle, skipped
    engine.previous_pose()  # ...and gone back to: the session is there when it stops
    record = engine.record("s1", START, START)
    assert record.stopped_at_pose == "thread-the-needle"
    point = resume_point(routine, routine.active_steps(), record.poses, record.stopped_at_pose)
    assert point is not None and point.step_index == 2
    older = resume_point(routine, routine.active_steps(), record.poses)  # no stopped_at_pose
    assert older is not None and older.step_index == 0
