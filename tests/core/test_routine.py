"""Routine parsing and validation, and the durations the main screen shows."""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.routine import (
    MAX_CYCLES,
    MAX_HOLD_SECONDS,
    Range,
    Routine,
    RoutineError,
    Step,
    Timing,
    format_duration,
    hold_summary,
    parse_routine,
    routine_from_dict,
    step_seconds,
    total_seconds,
)

SRC = "my-routines/morning.toml"

VALID_TOML = """\
schema = 1
id = "mini"
name = "Mini"
sequence = ["rest", { pose = "breathe", amount = 11 }, "lunge"]

[[poses]]
id = "rest"
name = "Rest"
cue = "Relax."
instructions = ["Lie down."]
hold = { min = 30, max = 60, default = 45 }

[[poses]]
id = "breathe"
name = "Breathe"
cue = "In and out."
instructions = ["Breathe."]
cycles = { min = 10, max = 15, default = 12 }
inhale = "Cow"
exhale = "Cat"

[[poses]]
id = "lunge"
name = "Lunge"
cue = "Step forward."
instructions = ["Step.", "Sink."]
per_side = true
hold = { min = 20, max = 40, default = 30 }
alternative = "easy-lunge"

[[poses]]
id = "easy-lunge"
name = "Easy lunge"
cue = "Knee down."
instructions = ["Kneel."]
per_side = true
hold = { min = 20, max = 40, default = 25 }
alternative = "lunge"
alternative_only = true
"""


def valid() -> dict[str, Any]:
    """A fresh copy of a small valid routine as parsed TOML data."""
    return copy.deepcopy(tomllib.loads(VALID_TOML))


def pose_of(data: dict[str, Any], pose_id: str) -> dict[str, Any]:
    return next(p for p in data["poses"] if p["id"] == pose_id)


def rejected(data: dict[str, Any]) -> RoutineError:
    with pytest.raises(RoutineError) as info:
        routine_from_dict(data, SRC)
    return info.value


def assert_names(err: RoutineError, pose: str | None, key: str | None) -> None:
    """The message names the file, the pose and the field, so the person can fix it."""
    message = str(err)
    assert message.startswith(SRC)
    assert err.source == SRC
    if pose is not None:
        assert repr(pose) in message
        assert err.pose == pose
    if key is not None:
        assert repr(key) in message
        assert err.key == key


# --- a valid file --------------------------------------------------------------


def test_valid_file_parses_into_frozen_poses_and_steps() -> None:
    routine = parse_routine(VALID_TOML, SRC)
    assert routine.id == "mini" and routine.name == "Mini"
    assert list(routine.poses) == ["rest", "breathe", "lunge", "easy-lunge"]
    assert routine.steps == (Step("rest", 45), Step("breathe", 11), Step("lunge", 30))
    lunge = routine.pose("lunge")
    assert lunge.per_side and lunge.sides == ("left", "right")
    assert lunge.hold == Range(20, 40, 30)
    assert lunge.instructions == ("Step.", "Sink.")
    assert routine.pose("rest").sides == (None,)
    assert routine.pose("breathe").is_breath_paced
    assert routine.pose("breathe").amount_range == Range(10, 15, 12)
    assert routine.pose("easy-lunge").alternative_only
    with pytest.raises(dataclasses.FrozenInstanceError):
        lunge.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        routine.steps = ()  # type: ignore[misc]


def test_sequence_entries_can_switch_a_pose_off() -> None:
    data = valid()
    data["sequence"][0] = {"pose": "rest", "enabled": False}
    routine = routine_from_dict(data, SRC)
    assert routine.steps[0] == Step("rest", 45, enabled=False)
    assert [s.pose_id for s in routine.active_steps()] == ["breathe", "lunge"]


# --- rejected files --------------------------------------------------------------


def test_invalid_toml_names_the_file_and_says_toml() -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine(VALID_TOML.replace('name = "Rest"', 'name = "Rest'), SRC)
    message = str(info.value)
    assert message.startswith(SRC)
    assert "TOML" in message
    assert "line" in message  # tomllib's position, so the person finds the typo


def test_errors_come_through_parse_routine_with_the_file_name() -> None:
    text = VALID_TOML.replace("hold = { min = 30, max = 60, default = 45 }", "hold = 45")
    with pytest.raises(RoutineError) as info:
        parse_routine(text, SRC)
    assert_names(info.value, "rest", "hold")


@pytest.mark.parametrize("key", ["name", "cue", "instructions"])
def test_missing_pose_field(key: str) -> None:
    data = valid()
    del pose_of(data, "lunge")[key]
    err = rejected(data)
    assert_names(err, "lunge", key)


def test_missing_hold_and_cycles() -> None:
    data = valid()
    del pose_of(data, "rest")["hold"]
    assert_names(rejected(data), "rest", "hold")


def test_both_hold_and_cycles() -> None:
    data = valid()
    pose_of(data, "rest")["cycles"] = {"min": 1, "max": 2, "default": 1}
    assert_names(rejected(data), "rest", "hold")


def test_pose_without_id_is_named_by_position() -> None:
    data = valid()
    del data["poses"][1]["id"]
    err = rejected(data)
    assert_names(err, "#2", "id")


@pytest.mark.parametrize("key", ["id", "name"])
def test_missing_routine_field(key: str) -> None:
    data = valid()
    del data[key]
    assert_names(rejected(data), None, key)


@pytest.mark.parametrize(
    ("pose", "key", "value", "field"),
    [
        ("rest", "name", 5, "name"),
        ("rest", "per_side", "yes", "per_side"),
        ("rest", "sanskrit", ["x"], "sanskrit"),
        ("rest", "instructions", "Lie down.", "instructions"),
        ("rest", "targets", ["hips", 3], "targets"),
        ("rest", "cautions", "be careful", "cautions"),
        ("rest", "hold", 45, "hold"),
        ("rest", "hold", {"min": 30, "max": 60, "default": "45"}, "hold.default"),
        ("rest", "hold", {"min": 30.0, "max": 60, "default": 45}, "hold.min"),
        ("rest", "hold", {"min": 30, "max": True, "default": 45}, "hold.max"),
        ("breathe", "cycles", {"min": 10, "max": 15}, "cycles.default"),
        ("lunge", "alternative", 3, "alternative"),
        ("lunge", "alternative", "lunge", "alternative"),
        ("easy-lunge", "alternative_only", "true", "alternative_only"),
        ("rest", "hodl", 45, "hodl"),
    ],
)
def test_wrong_type_names_pose_and_field(pose: str, key: str, value: Any, field: str) -> None:
    data = valid()
    pose_of(data, pose)[key] = value
    assert_names(rejected(data), pose, field)


def test_unknown_pose_in_sequence() -> None:
    data = valid()
    data["sequence"].append("pigeon")
    err = rejected(data)
    assert_names(err, "pigeon", "sequence")


@pytest.mark.parametrize(
    ("hold", "field"),
    [
        ({"min": 30, "max": 60, "default": 61}, "hold.default"),
        ({"min": 30, "max": 60, "default": 29}, "hold.default"),
        ({"min": 60, "max": 30, "default": 45}, "hold"),
        ({"min": 0, "max": 30, "default": 10}, "hold"),
    ],
)
def test_hold_outside_its_range(hold: dict[str, int], field: str) -> None:
    data = valid()
    pose_of(data, "rest")["hold"] = hold
    err = rejected(data)
    assert_names(err, "rest", field)


@pytest.mark.parametrize("amount", [19, 41])
def test_sequence_amount_outside_the_pose_range(amount: int) -> None:
    data = valid()
    data["sequence"][2] = {"pose": "lunge", "amount": amount}
    err = rejected(data)
    assert_names(err, "lunge", "sequence.amount")
    assert "20" in str(err) and "40" in str(err) and str(amount) in str(err)


@pytest.mark.parametrize("amount", ["30", 30.0, True])
def test_sequence_amount_of_wrong_type(amount: Any) -> None:
    data = valid()
    data["sequence"][2] = {"pose": "lunge", "amount": amount}
    assert_names(rejected(data), "lunge", "sequence.amount")


def test_sequence_enabled_of_wrong_type() -> None:
    data = valid()
    data["sequence"][2] = {"pose": "lunge", "enabled": "no"}
    assert_names(rejected(data), "lunge", "sequence.enabled")


def test_duplicate_pose_id() -> None:
    data = valid()
    data["poses"].append(copy.deepcopy(pose_of(data, "rest")))
    err = rejected(data)
    assert_names(err, "rest", "id")
    assert "twice" in str(err)


def test_pose_twice_in_sequence() -> None:
    data = valid()
    data["sequence"].append("rest")
    assert_names(rejected(data), "rest", "sequence")


def test_alternative_that_does_not_exist() -> None:
    data = valid()
    pose_of(data, "lunge")["alternative"] = "deep-lunge"
    err = rejected(data)
    assert_names(err, "lunge", "alternative")
    assert "deep-lunge" in str(err)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"poses": []}, "poses"),
        ({"poses": "none"}, "poses"),
        ({"sequence": []}, "sequence"),
        ({"sequence": [5]}, "sequence"),
        ({"schema": 2}, "schema"),
        ({"description": 3}, "description"),
        ({"target_minutes": "15"}, "target_minutes"),
    ],
)
def test_bad_routine_level_fields(change: dict[str, Any], field: str) -> None:
    data = valid()
    data.update(change)
    assert_names(rejected(data), None, field)


def test_routine_error_is_a_value_error_and_chains_the_toml_error() -> None:
    with pytest.raises(ValueError) as info:
        parse_routine("id = ", SRC)
    assert isinstance(info.value, RoutineError)
    assert info.value.__cause__ is not None


# --- hypothesis: what is accepted is exactly what is inside the range -------------


@settings(max_examples=150, deadline=None)
@given(
    lo=st.integers(-5, 200),
    hi=st.integers(-5, 200),
    default=st.integers(-5, 200),
)
def test_range_accepted_iff_positive_ordered_and_default_inside(
    lo: int, hi: int, default: int
) -> None:
    data = valid()
    pose_of(data, "rest")["hold"] = {"min": lo, "max": hi, "default": default}
    ok = 0 < lo <= default <= hi
    if ok:
        routine = routine_from_dict(data, SRC)
        assert routine.pose("rest").hold == Range(lo, hi, default)
        assert routine.steps[0].amount == default
    else:
        assert_names(rejected(data), "rest", None)


@settings(max_examples=150, deadline=None)
@given(
    lo=st.integers(1, 50),  # within the bounds of both a hold and of breath cycles
    span=st.integers(0, 50),
    amount=st.integers(-10, 120),
    breath=st.booleans(),
)
def test_amount_accepted_iff_inside_the_range(
    lo: int, span: int, amount: int, breath: bool
) -> None:
    hi = min(lo + span, MAX_CYCLES if breath else MAX_HOLD_SECONDS)
    data = valid()
    pid = "breathe" if breath else "lunge"
    kind = "cycles" if breath else "hold"
    pose_of(data, pid)[kind] = {"min": lo, "max": hi, "default": lo}
    data["sequence"] = [{"pose": pid, "amount": amount}]
    if lo <= amount <= hi:
        routine = routine_from_dict(data, SRC)
        assert routine.steps == (Step(pid, amount),)
    else:
        assert_names(rejected(data), pid, "sequence.amount")


# --- durations and summaries ------------------------------------------------------


@pytest.fixture
def mini() -> Routine:
    return parse_routine(VALID_TOML, SRC)


def test_hold_summary(mini: Routine) -> None:
    assert hold_summary(mini.pose("rest"), 60) == "60 s"
    assert hold_summary(mini.pose("lunge"), 30) == "30 s × 2 sides"
    assert hold_summary(mini.pose("breathe"), 12) == "12 breaths"


def test_timing_defaults_and_breath() -> None:
    timing = Timing()
    assert (timing.get_ready, timing.switch_sides) == (10.0, 5.0)
    assert timing.breath == timing.inhale + timing.exhale == 6.0
    assert Timing(inhale=4, exhale=5).breath == 9


def test_step_seconds_counts_get_ready_switch_and_every_side(mini: Routine) -> None:
    t = Timing(get_ready=7, switch_sides=3, inhale=2, exhale=4)
    assert step_seconds(mini.pose("rest"), 40, t) == 7 + 40
    assert step_seconds(mini.pose("lunge"), 30, t) == 7 + 30 + 3 + 30
    assert step_seconds(mini.pose("breathe"), 11, t) == 7 + 11 * 6


def test_total_seconds_adds_enabled_steps_only(mini: Routine) -> None:
    t = Timing(get_ready=7, switch_sides=3, inhale=2, exhale=4)
    assert total_seconds(mini, t) == (7 + 45) + (7 + 66) + (7 + 63)
    without_rest = mini.with_steps(
        (Step("rest", 45, enabled=False), Step("breathe", 11), Step("lunge", 30))
    )
    assert total_seconds(without_rest, t) == (7 + 66) + (7 + 63)
    longer_lunge = mini.with_steps((Step("lunge", 40),))
    assert total_seconds(longer_lunge, t) == 7 + 40 + 3 + 40
    # with_steps leaves the original alone.
    assert len(mini.steps) == 3


@settings(max_examples=100, deadline=None)
@given(
    amounts=st.tuples(st.integers(30, 60), st.integers(10, 15), st.integers(20, 40)),
    get_ready=st.integers(0, 30),
    switch=st.integers(0, 20),
    inhale=st.integers(1, 8),
    exhale=st.integers(1, 8),
)
def test_total_grows_with_every_extra_second_of_hold(
    amounts: tuple[int, int, int], get_ready: int, switch: int, inhale: int, exhale: int
) -> None:
    routine = parse_routine(VALID_TOML, SRC)
    t = Timing(get_ready, switch, inhale, exhale)
    rest, breaths, lunge = amounts
    steps = (Step("rest", rest), Step("breathe", breaths), Step("lunge", lunge))
    total = total_seconds(routine.with_steps(steps), t)
    assert total == 3 * get_ready + switch + rest + breaths * (inhale + exhale) + 2 * lunge
    one_more = (Step("rest", rest + 1), Step("breathe", breaths), Step("lunge", lunge + 1))
    assert total_seconds(routine.with_steps(one_more), t) == total + 3


def test_format_duration() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(59.4) == "0:59"
    assert format_duration(422) == "7:02"
    assert format_duration(900) == "15:00"


def test_range_clamp() -> None:
    rng = Range(30, 60, 45)
    assert [rng.clamp(v) for v in (10, 30, 45, 60, 90)] == [30, 30, 45, 60, 60]
