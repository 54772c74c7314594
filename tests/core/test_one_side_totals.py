"""A step with its alternative on one side counts each side as the pose held there."""

from __future__ import annotations

from tests.conftest import FakeClock
from tui.core import editing
from tui.core.engine import SessionEngine
from tui.core.routine import Routine, Timing, planned_step_seconds, step_summary, total_seconds


def _pigeon_at_90_figure_four_right(routine: Routine) -> tuple[Routine, int]:
    index = next(i for i, s in enumerate(routine.steps) if s.pose_id == "pigeon")
    routine = editing.set_amount(routine, index, 90)  # beyond Figure-Four's longest, 60 s
    return editing.alternative_on(routine, index, "right"), index


def test_the_total_counts_the_alternatives_side_at_the_hold_it_will_run(routine: Routine) -> None:
    timing = Timing()
    split, index = _pigeon_at_90_figure_four_right(routine)
    both_pigeon = editing.alternative_on(split, index, "neither")
    step = split.steps[index]
    # Pigeon 90 s on the left, Figure-Four 60 s (its longest) on the right.
    assert planned_step_seconds(split, step, timing) == timing.get_ready + timing.switch_sides + 150
    assert total_seconds(both_pigeon, timing) - total_seconds(split, timing) == 30


def test_a_session_of_it_plans_and_runs_what_the_total_says(
    routine: Routine, clock: FakeClock
) -> None:
    timing = Timing()
    split, index = _pigeon_at_90_figure_four_right(routine)
    engine = SessionEngine(split, clock, timing)
    engine.start()
    assert engine.state().routine_total == total_seconds(split, timing)
    held = {
        (r.pose_id, r.side): r.planned_seconds for r in _run_to_the_end(engine, clock).results()
    }
    assert held[("pigeon", "left")] == 90 and held[("figure-four", "right")] == 60
    both_pigeon = SessionEngine(editing.alternative_on(split, index, "neither"), clock, timing)
    assert both_pigeon.planned_seconds - engine.planned_seconds == 30  # the record's plan too


def _run_to_the_end(engine: SessionEngine, clock: FakeClock) -> SessionEngine:
    for _ in range(10_000):
        if engine.finished:
            return engine
        clock.advance(1)
        engine.update()
    raise AssertionError("the session never ended")


def test_the_list_row_gives_each_sides_hold_where_they_differ(routine: Routine) -> None:
    split, index = _pigeon_at_90_figure_four_right(routine)
    assert step_summary(split, split.steps[index]) == "90 s + 60 s"  # left Pigeon, right F-F
    at_60 = editing.set_amount(split, index, 60)  # within both ranges: one hold for both
    assert step_summary(at_60, at_60.steps[index]) == "60 s × 2 sides"


def test_n_on_the_first_side_goes_on_to_the_pose_planned_for_the_next(
    routine: Routine, clock: FakeClock
) -> None:
    split, _ = _pigeon_at_90_figure_four_right(routine)
    engine = SessionEngine(split.only("pigeon"), clock, Timing())
    engine.start()
    clock.advance(Timing().get_ready + 20)  # 20 s into Pigeon's left side
    engine.update()
    state = engine.state()
    assert state.pose is not None and (state.pose.id, state.side) == ("pigeon", "left")
    engine.next_pose()  # n: "Next: right side"
    state = engine.state()
    assert state.pose is not None and (state.pose.id, state.side) == ("figure-four", "right")
    held = {(r.pose_id, r.side): r.held_seconds for r in _run_to_the_end(engine, clock).results()}
    assert held == {("pigeon", "left"): 20, ("figure-four", "right"): 60}
