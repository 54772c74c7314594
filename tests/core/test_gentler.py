"""Which pose of a pair is gentler is the routine's data, and after a hurt nothing gets harder."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
import tomli_w

from tests.conftest import FakeClock
from tests.fixture_data import FIXTURE_DATA
from tui.core import editing
from tui.core.engine import Phase, SessionEngine
from tui.core.resume import resume_point
from tui.core.routine import AlternativeIs, Routine, RoutineError, parse_routine
from tui.store.routine_toml import routine_to_toml

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
FIXTURE_TEXT = (FIXTURE_DATA / "routines" / "hip-back-daily.toml").read_text()


def _data() -> dict[str, Any]:
    return tomllib.loads(FIXTURE_TEXT)


def _pose(data: dict[str, Any], pose_id: str) -> dict[str, Any]:
    return next(p for p in data["poses"] if p["id"] == pose_id)


def test_the_routine_says_which_of_the_pair_is_gentler(routine: Routine) -> None:
    pigeon, figure_four = routine.pose("pigeon"), routine.pose("figure-four")
    assert pigeon.alternative_is is AlternativeIs.GENTLER and pigeon.gentler == "figure-four"
    assert figure_four.alternative_is is AlternativeIs.HARDER and figure_four.gentler is None


def test_without_the_field_no_alternative_counts_as_gentler() -> None:
    data = _data()
    for pose_id in ("pigeon", "figure-four"):
        del _pose(data, pose_id)["alternative_is"]
    routine = parse_routine(tomli_w.dumps(data), "old.toml")
    assert routine.pose("pigeon").gentler is None  # an older file: nothing is guessed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"alternative_is": "softer"}, 'must be "gentler" or "harder"'),
        ({"alternative_is": 1}, 'must be "gentler" or "harder"'),
        ({"alternative_is": []}, 'must be "gentler" or "harder"'),  # found by hypothesis
        ({"alternative": None, "alternative_is": "gentler"}, "name one, or remove this"),
    ],
    ids=["unknown-word", "not-text", "a-list", "no-alternative"],
)
def test_a_bad_direction_is_refused_naming_the_pose_and_field(
    change: dict[str, Any], message: str
) -> None:
    data = _data()
    pose = _pose(data, "pigeon")
    for key, value in change.items():
        if value is None:
            pose.pop(key, None)
        else:
            pose[key] = value
    with pytest.raises(RoutineError, match=message) as error:
        parse_routine(tomli_w.dumps(data), "shared.toml")
    assert "pose 'pigeon'" in str(error.value) and "alternative_is" in str(error.value)


def test_both_poses_of_a_pair_cannot_be_the_gentler() -> None:
    data = _data()
    _pose(data, "figure-four")["alternative_is"] = "gentler"
    with pytest.raises(RoutineError, match="one of the two must be the gentler"):
        parse_routine(tomli_w.dumps(data), "shared.toml")


def test_export_and_import_carry_the_direction(routine: Routine) -> None:
    text = routine_to_toml(routine)
    assert 'alternative_is = "gentler"' in text and 'alternative_is = "harder"' in text
    back = parse_routine(text, "export.toml")
    assert back.pose("pigeon").gentler == "figure-four"
    assert back.pose("figure-four").alternative_is is AlternativeIs.HARDER


def _to_hold(engine: SessionEngine, clock: FakeClock, pose_id: str) -> None:
    while engine.state().pose.id != pose_id:  # type: ignore[union-attr]
        engine.skip_pose()
    clock.advance(engine.timing.get_ready + 10)
    engine.update()
    assert engine.state().phase is Phase.HOLD


def test_after_a_hurt_a_swap_goes_only_to_the_gentler_pose(
    routine: Routine, clock: FakeClock
) -> None:
    engine = SessionEngine(routine, clock)
    engine.start()
    _to_hold(engine, clock, "pigeon")
    assert engine.can_swap()
    assert engine.hurt()
    assert engine.can_swap()  # Pigeon -> Figure-Four: gentler
    assert engine.swap_alternative()
    assert engine.state().pose.id == "figure-four"  # type: ignore[union-attr]
    assert not engine.can_swap() and not engine.swap_alternative()
    assert engine.state().pose.id == "figure-four"  # type: ignore[union-attr]


def test_without_a_hurt_the_pair_swaps_both_ways(routine: Routine, clock: FakeClock) -> None:
    engine = SessionEngine(routine, clock)
    engine.start()
    _to_hold(engine, clock, "pigeon")
    assert engine.swap_alternative() and engine.swap_alternative()
    assert engine.state().pose.id == "pigeon"  # type: ignore[union-attr]


def test_figure_four_active_that_hurts_cannot_become_pigeon(
    routine: Routine, clock: FakeClock
) -> None:
    with_figure_four = editing.swap_alternative(routine, 3)
    engine = SessionEngine(with_figure_four, clock)
    engine.start()
    _to_hold(engine, clock, "figure-four")
    assert engine.can_swap()  # before any hurt the person may choose Pigeon
    engine.hurt()
    assert not engine.can_swap() and not engine.swap_alternative()


@pytest.mark.parametrize("figure_four_active", [False, True])
def test_a_resumed_session_never_goes_on_harder_after_a_hurt(
    routine: Routine, clock: FakeClock, figure_four_active: bool
) -> None:
    """Pigeon hurt, Figure-Four chosen, the link dropped: resuming goes on with Figure-Four."""
    if figure_four_active:
        routine = editing.swap_alternative(routine, 3)
    engine = SessionEngine(routine, clock)
    engine.start()
    _to_hold(engine, clock, routine.steps[3].pose_id)
    if figure_four_active:
        assert engine.swap_alternative()  # the person tries Pigeon today...
        clock.advance(engine.timing.get_ready + 10)
        engine.update()
    engine.hurt()  # ...and it hurts
    assert engine.swap_alternative()  # Figure-Four, from the dialog
    engine.resume()
    clock.advance(engine.timing.get_ready + 5)
    engine.update()
    engine.stop()
    record = engine.record("s1", START, START)
    point = resume_point(routine, routine.active_steps(), record.poses)
    assert point is not None
    resumed = SessionEngine(routine, FakeClock())
    resumed.resume_from(point.records, 3, point.carried)
    assert resumed.state().pose.id == "figure-four"  # type: ignore[union-attr]
    assert not resumed.can_swap()
    assert all(r.step is not None for r in resumed.results())  # nothing set aside as carried


def test_a_swap_on_the_right_side_changes_only_the_right(
    routine: Routine, clock: FakeClock
) -> None:
    # Pigeon on the left, Figure-Four on the right: each side recorded as the pose it was.
    engine = SessionEngine(routine, clock)
    engine.start()
    _to_hold(engine, clock, "pigeon")
    clock.advance(engine.state().remaining + 1)  # the left side held in full: switch sides
    engine.update()
    assert (engine.state().phase, engine.state().side) == (Phase.SWITCH_SIDES, "right")
    assert engine.swap_alternative()
    state = engine.state()
    assert (state.pose.id, state.side) == ("figure-four", "right")  # type: ignore[union-attr]
    assert state.phase is Phase.GET_READY  # time to change into it
    clock.advance(engine.timing.get_ready + routine.pose("figure-four").amount_range.default + 1)
    engine.update()
    done = [(p.pose_id, p.side, p.finished) for p in engine.results() if p.step == 3]
    assert done == [("pigeon", "left", True), ("figure-four", "right", True)]
    assert engine.state().pose.id == "seated-spinal-twist"  # type: ignore[union-attr]


def test_a_swap_on_the_left_side_changes_both(routine: Routine, clock: FakeClock) -> None:
    engine = SessionEngine(routine, clock)
    engine.start()
    _to_hold(engine, clock, "pigeon")
    assert engine.hurt() and engine.swap_alternative()
    engine.resume()
    assert (engine.state().pose.id, engine.state().side) == ("figure-four", "left")  # type: ignore[union-attr]


def _per_side(routine: Routine, side: str) -> Routine:
    steps = tuple(
        replace(step, alternative_sides=(side,)) if step.pose_id == "pigeon" else step
        for step in routine.steps
    )
    return routine.with_steps(steps)


def _run_pigeon_step(engine: SessionEngine, clock: FakeClock) -> list[tuple[str, str | None]]:
    while engine.state().pose.id not in ("pigeon", "figure-four"):  # type: ignore[union-attr]
        engine.skip_pose()
    index = engine.state().step_index
    while not engine.finished and engine.state().step_index == index:
        clock.advance(1)
        engine.update()
    return [(p.pose_id, p.side) for p in engine.results() if p.step == index]


def test_a_planned_right_side_alternative_runs_pigeon_left_and_figure_four_right(
    routine: Routine, clock: FakeClock
) -> None:
    engine = SessionEngine(_per_side(routine, "right"), clock)
    engine.start()
    assert _run_pigeon_step(engine, clock) == [("pigeon", "left"), ("figure-four", "right")]


def test_a_planned_left_side_alternative_starts_as_figure_four(
    routine: Routine, clock: FakeClock
) -> None:
    engine = SessionEngine(_per_side(routine, "left"), clock)
    engine.start()
    assert _run_pigeon_step(engine, clock) == [("figure-four", "left"), ("pigeon", "right")]


def test_after_a_hurt_the_planned_switch_never_goes_on_to_the_harder_pose(
    routine: Routine, clock: FakeClock
) -> None:
    engine = SessionEngine(_per_side(routine, "left"), clock)
    engine.start()
    _to_hold(engine, clock, "figure-four")
    assert engine.hurt()
    engine.resume()
    done = _run_pigeon_step(engine, clock)
    assert done == [("figure-four", "left"), ("figure-four", "right")]  # never Pigeon now


def test_export_and_import_carry_a_per_side_alternative(routine: Routine) -> None:
    text = routine_to_toml(_per_side(routine, "right"))
    assert '{ pose = "pigeon", amount = 60, alternative_side = "right" }' in text
    back = parse_routine(text, "export.toml")
    pigeon = next(step for step in back.steps if step.pose_id == "pigeon")
    assert pigeon.alternative_sides == ("right",)
    old = parse_routine(FIXTURE_TEXT, "old.toml")  # a file without the field still imports
    assert all(step.alternative_sides == () for step in old.steps)


@pytest.mark.parametrize(
    ("pose_id", "sides", "message"),
    [
        ("pigeon", "both", "for both sides, put the alternative in the sequence"),
        ("pigeon", ["left"], 'must be "left" or "right"'),
        ("childs-pose", "left", "needs a two-sided pose whose alternative is two-sided"),
    ],
    ids=["both-sides", "unknown-side", "no-alternative"],
)
def test_a_bad_per_side_alternative_is_refused_naming_the_pose(
    pose_id: str, sides: object, message: str
) -> None:
    data = _data()
    data["sequence"] = [
        {"pose": item, "alternative_side": sides} if item == pose_id else item
        for item in data["sequence"]
    ]
    with pytest.raises(RoutineError, match=message) as error:
        parse_routine(tomli_w.dumps(data), "shared.toml")
    assert pose_id in str(error.value) and "alternative_side" in str(error.value)


def test_a_per_side_step_resumed_after_its_first_side_goes_on_as_planned(
    routine: Routine, clock: FakeClock
) -> None:
    planned = _per_side(routine, "left")  # Figure-Four on the left, Pigeon on the right
    engine = SessionEngine(planned, clock)
    engine.start()
    _to_hold(engine, clock, "figure-four")
    clock.advance(engine.state().remaining + 1)  # the left side held in full
    engine.update()
    stopped = engine.record("s", START, None)
    steps = planned.active_steps()
    point = resume_point(planned, steps, stopped.poses, stopped.stopped_at_pose)
    assert point is not None
    resumed = SessionEngine(planned, FakeClock())
    resumed.resume_from(point.records, point.step_index, point.carried)
    state = resumed.state()
    assert (state.pose.id, state.side) == ("pigeon", "right")  # type: ignore[union-attr]
