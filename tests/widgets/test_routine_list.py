"""The routine list and the pose detail, on their own: what the main screen's two panes say."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.core.editing import toggle
from tui.core.routine import Routine
from tui.widgets.pose_detail import describe
from tui.widgets.routine_list import RoutineList


class ListApp(App[None]):
    """Just the routine list."""

    def compose(self) -> ComposeResult:
        yield RoutineList()


def rows(app: ListApp) -> list[str]:
    """The list's rows as plain text."""
    found = app.query_one(RoutineList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


async def test_rows_are_numbered_in_session_order_and_a_pose_left_out_says_off(
    routine: Routine,
) -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        found = app.query_one(RoutineList)
        found.show_routine(routine)
        found.highlighted = 3
        await pilot.pause()
        first = rows(app)
        assert [row[:3] for row in first] == [" 1.", " 2.", " 3.", " 4.", " 5."]
        found.show_routine(toggle(routine, 1))
        await pilot.pause()
        after = rows(app)
        assert [row[:4] for row in after] == [" 1. ", "off ", " 2. ", " 3. ", " 4. "]
        assert found.highlighted == 3  # the highlight stays on the pose it was on


def test_the_detail_offers_the_gentler_alternative_and_says_when_left_out(
    routine: Routine,
) -> None:
    index = [s.pose_id for s in routine.steps].index("pigeon")
    text = describe(routine, routine.steps[index]).plain
    assert "Figure-Four Stretch is its alternative" in text
    assert "Press a to choose: both sides, left or right" in text
    assert "Left out today" not in text
    off = toggle(routine, index)
    assert "Left out today" in describe(off, off.steps[index]).plain
