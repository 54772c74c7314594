"""Edits to a routine's steps and their undo stack."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.editing import (
    RoutineEditor,
    alternative_of,
    can_change_amount,
    can_move,
    change_amount,
    move,
    set_amount,
    swap_alternative,
    toggle,
)
from tui.core.routine import Routine, Step


def ids(routine: Routine) -> list[str]:
    return [s.pose_id for s in routine.steps]


def test_move_up_and_down(routine: Routine) -> None:
    moved = move(routine, 1, -1)
    assert ids(moved)[:2] == ["cat-cow", "childs-pose"]
    assert move(moved, 0, 1) == routine


def test_moves_past_the_ends_change_nothing(routine: Routine) -> None:
    last = len(routine.steps) - 1
    assert not can_move(routine, 0, -1)
    assert not can_move(routine, last, 1)
    assert move(routine, 0, -1) is routine
    assert move(routine, last, 1) is routine


def test_toggle_keeps_the_step_in_place(routine: Routine) -> None:
    off = toggle(routine, 4)
    assert ids(off) == ids(routine)
    assert not off.steps[4].enabled
    assert toggle(off, 4) == routine


def test_swap_to_the_alternative_and_back(routine: Routine) -> None:
    pigeon = ids(routine).index("pigeon")
    swapped = swap_alternative(routine, pigeon)
    assert swapped.steps[pigeon] == Step("figure-four", 45)
    back = swap_alternative(swapped, pigeon)
    assert back.steps[pigeon] == Step("pigeon", 60)


def test_swap_keeps_a_pose_switched_off(routine: Routine) -> None:
    pigeon = ids(routine).index("pigeon")
    swapped = swap_alternative(toggle(routine, pigeon), pigeon)
    assert not swapped.steps[pigeon].enabled


def test_no_swap_without_an_alternative(routine: Routine) -> None:
    assert alternative_of(routine, 0) is None
    assert swap_alternative(routine, 0) is routine


def test_amount_moves_in_steps_within_the_range(routine: Routine) -> None:
    # Child's Pose: 30–60 s in steps of 5.
    longer = change_amount(routine, 0, 1)
    assert longer.steps[0].amount == 50
    top = set_amount(routine, 0, 999)
    assert top.steps[0].amount == 60
    assert not can_change_amount(top, 0, 1)
    assert change_amount(top, 0, 1).steps[0].amount == 60
    bottom = set_amount(routine, 0, 0)
    assert bottom.steps[0].amount == 30
    assert not can_change_amount(bottom, 0, -1)


def test_breaths_change_one_at_a_time(routine: Routine) -> None:
    # Cat-Cow: 10–15 breaths.
    assert change_amount(routine, 1, 1).steps[1].amount == 13
    assert change_amount(routine, 1, -1).steps[1].amount == 11


def test_undo_goes_back_several_edits(routine: Routine) -> None:
    editor = RoutineEditor(routine)
    assert not editor.can_undo
    editor.apply(move(editor.routine, 2, -1))
    editor.apply(toggle(editor.routine, 0))
    editor.apply(change_amount(editor.routine, 1, 1))
    assert editor.undo() and editor.undo()
    assert ids(editor.routine)[1:3] == ["thread-the-needle", "cat-cow"]
    assert editor.undo()
    assert editor.routine == routine
    assert not editor.undo()


def test_an_edit_that_changes_nothing_is_not_an_undo_step(routine: Routine) -> None:
    editor = RoutineEditor(routine)
    assert not editor.apply(move(routine, 0, -1))
    assert not editor.can_undo


def test_undo_depth_is_bounded(routine: Routine) -> None:
    editor = RoutineEditor(routine, depth=3)
    for _ in range(5):
        editor.apply(toggle(editor.routine, 0))
    assert sum(editor.undo() for _ in range(5)) == 3


def test_reset_is_an_edit_too(routine: Routine) -> None:
    editor = RoutineEditor(routine)
    editor.apply(toggle(editor.routine, 0))
    edited = editor.routine
    editor.apply(routine)
    assert editor.routine == routine
    editor.undo()
    assert editor.routine == edited


def apply_edit(routine: Routine, kind: str, index: int) -> Routine:
    """One named edit of the step at `index`."""
    if kind in ("up", "down"):
        return move(routine, index, -1 if kind == "up" else 1)
    if kind == "toggle":
        return toggle(routine, index)
    if kind == "swap":
        return swap_alternative(routine, index)
    return change_amount(routine, index, 1 if kind == "more" else -1)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["up", "down", "toggle", "swap", "more", "less", "undo"]),
        st.integers(min_value=0, max_value=10),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(edits=EDITS)
def test_any_edits_keep_a_valid_routine_and_undo_restores_it(
    routine: Routine, edits: list[tuple[str, int]]
) -> None:
    editor = RoutineEditor(routine, depth=1000)
    for kind, position in edits:
        index = position % len(routine.steps)
        if kind == "undo":
            editor.undo()
            continue
        editor.apply(apply_edit(editor.routine, kind, index))
        steps = editor.routine.steps
        assert len(steps) == len(routine.steps)
        assert len({s.pose_id for s in steps}) == len(steps)
        # The same poses, with Pigeon or its alternative in its place.
        canonical = {"figure-four": "pigeon"}
        assert sorted(canonical.get(s.pose_id, s.pose_id) for s in steps) == sorted(ids(routine))
        for step in steps:
            rng = editor.routine.pose(step.pose_id).amount_range
            assert rng.min <= step.amount <= rng.max
    while editor.undo():
        pass
    assert editor.routine == routine


@settings(max_examples=200, deadline=None)
@given(edits=st.lists(st.tuples(st.sampled_from(["up", "down", "toggle"]), st.integers(0, 10))))
def test_moves_and_toggles_are_a_permutation(
    routine: Routine, edits: list[tuple[str, int]]
) -> None:
    editor = RoutineEditor(routine, depth=1000)
    for kind, position in edits:
        index = position % len(routine.steps)
        current = editor.routine
        if kind == "toggle":
            editor.apply(toggle(current, index))
        else:
            editor.apply(move(current, index, -1 if kind == "up" else 1))
        assert sorted(ids(editor.routine)) == sorted(ids(current))
    while editor.undo():
        pass
    assert editor.routine == routine
