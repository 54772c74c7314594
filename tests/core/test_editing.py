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


def test_move_up_and_down(shipped: Routine) -> None:
    moved = move(shipped, 1, -1)
    assert ids(moved)[:2] == ["cat-cow", "childs-pose"]
    assert move(moved, 0, 1) == shipped


def test_moves_past_the_ends_change_nothing(shipped: Routine) -> None:
    last = len(shipped.steps) - 1
    assert not can_move(shipped, 0, -1)
    assert not can_move(shipped, last, 1)
    assert move(shipped, 0, -1) is shipped
    assert move(shipped, last, 1) is shipped


def test_toggle_keeps_the_step_in_place(shipped: Routine) -> None:
    off = toggle(shipped, 4)
    assert ids(off) == ids(shipped)
    assert not off.steps[4].enabled
    assert toggle(off, 4) == shipped


def test_swap_to_the_alternative_and_back(shipped: Routine) -> None:
    pigeon = ids(shipped).index("pigeon")
    swapped = swap_alternative(shipped, pigeon)
    assert swapped.steps[pigeon] == Step("figure-four", 45)
    back = swap_alternative(swapped, pigeon)
    assert back.steps[pigeon] == Step("pigeon", 60)


def test_swap_keeps_a_pose_switched_off(shipped: Routine) -> None:
    pigeon = ids(shipped).index("pigeon")
    swapped = swap_alternative(toggle(shipped, pigeon), pigeon)
    assert not swapped.steps[pigeon].enabled


def test_no_swap_without_an_alternative(shipped: Routine) -> None:
    assert alternative_of(shipped, 0) is None
    assert swap_alternative(shipped, 0) is shipped


def test_amount_moves_in_steps_within_the_range(shipped: Routine) -> None:
    # Child's Pose: 30–60 s in steps of 5.
    longer = change_amount(shipped, 0, 1)
    assert longer.steps[0].amount == 50
    top = set_amount(shipped, 0, 999)
    assert top.steps[0].amount == 60
    assert not can_change_amount(top, 0, 1)
    assert change_amount(top, 0, 1).steps[0].amount == 60
    bottom = set_amount(shipped, 0, 0)
    assert bottom.steps[0].amount == 30
    assert not can_change_amount(bottom, 0, -1)


def test_breaths_change_one_at_a_time(shipped: Routine) -> None:
    # Cat-Cow: 10–15 breaths.
    assert change_amount(shipped, 1, 1).steps[1].amount == 13
    assert change_amount(shipped, 1, -1).steps[1].amount == 11


def test_undo_goes_back_several_edits(shipped: Routine) -> None:
    editor = RoutineEditor(shipped)
    assert not editor.can_undo
    editor.apply(move(editor.routine, 2, -1))
    editor.apply(toggle(editor.routine, 0))
    editor.apply(change_amount(editor.routine, 1, 1))
    assert editor.undo() and editor.undo()
    assert ids(editor.routine)[1:3] == ["thread-the-needle", "cat-cow"]
    assert editor.undo()
    assert editor.routine == shipped
    assert not editor.undo()


def test_an_edit_that_changes_nothing_is_not_an_undo_step(shipped: Routine) -> None:
    editor = RoutineEditor(shipped)
    assert not editor.apply(move(shipped, 0, -1))
    assert not editor.can_undo


def test_undo_depth_is_bounded(shipped: Routine) -> None:
    editor = RoutineEditor(shipped, depth=3)
    for _ in range(5):
        editor.apply(toggle(editor.routine, 0))
    assert sum(editor.undo() for _ in range(5)) == 3


def test_reset_is_an_edit_too(shipped: Routine) -> None:
    editor = RoutineEditor(shipped)
    editor.apply(toggle(editor.routine, 0))
    edited = editor.routine
    editor.apply(shipped)
    assert editor.routine == shipped
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
    shipped: Routine, edits: list[tuple[str, int]]
) -> None:
    editor = RoutineEditor(shipped, depth=1000)
    for kind, position in edits:
        index = position % len(shipped.steps)
        if kind == "undo":
            editor.undo()
            continue
        editor.apply(apply_edit(editor.routine, kind, index))
        steps = editor.routine.steps
        assert len(steps) == len(shipped.steps)
        assert len({s.pose_id for s in steps}) == len(steps)
        # The same poses, with Pigeon or its alternative in its place.
        canonical = {"figure-four": "pigeon"}
        assert sorted(canonical.get(s.pose_id, s.pose_id) for s in steps) == sorted(ids(shipped))
        for step in steps:
            rng = editor.routine.pose(step.pose_id).amount_range
            assert rng.min <= step.amount <= rng.max
    while editor.undo():
        pass
    assert editor.routine == shipped


@settings(max_examples=200, deadline=None)
@given(edits=st.lists(st.tuples(st.sampled_from(["up", "down", "toggle"]), st.integers(0, 10))))
def test_moves_and_toggles_are_a_permutation(
    shipped: Routine, edits: list[tuple[str, int]]
) -> None:
    editor = RoutineEditor(shipped, depth=1000)
    for kind, position in edits:
        index = position % len(shipped.steps)
        routine = editor.routine
        if kind == "toggle":
            editor.apply(toggle(routine, index))
        else:
            editor.apply(move(routine, index, -1 if kind == "up" else 1))
        assert sorted(ids(editor.routine)) == sorted(ids(shipped))
    while editor.undo():
        pass
    assert editor.routine == shipped
