"""Shaping the routine from the main screen's keyboard, and keeping it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.history_samples import TODAY, sample_session
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.clock import local_now
from tui.core.reminder_text import reminder_text
from tui.core.routine import Routine, Timing
from tui.core.stats import StatusFacts
from tui.screens.confirm import ConfirmScreen
from tui.screens.main import MainScreen, today_text
from tui.screens.sides import SidesScreen
from tui.store.day_index import status_of
from tui.store.history import History
from tui.store.routines import DEFAULT_ROUTINE_ID, RoutineStore
from tui.widgets.figure import FigureView
from tui.widgets.pose_detail import PoseDetail
from tui.widgets.routine_list import RoutineList

SIZE = (110, 32)


def make_app(data_dir: Path, clock: FakeClock, timing: Timing | None = None) -> SuppleApp:
    store = RoutineStore(data_dir)
    # No data_dir for the app itself: the first-run welcome stays out of these tests.
    return SuppleApp(store.load_current(), clock=clock, routines=store, timing=timing)


def main_screen(app: SuppleApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def ids(routine: Routine) -> list[str]:
    return [s.pose_id for s in routine.steps]


def highlighted(app: SuppleApp) -> int | None:
    return main_screen(app).query_one(RoutineList).highlighted


def detail_text(app: SuppleApp) -> str:
    return main_screen(app).query_one(PoseDetail).text


IN_ORDER = ids(fixture_routine())


@pytest.mark.parametrize("down", ["shift+down", "J"])
@pytest.mark.parametrize("up", ["shift+up", "K"])
async def test_move_keeps_the_pose_highlighted(
    data_dir: Path, clock: FakeClock, up: str, down: str
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", down)
        assert ids(app.routine)[:3] == ["childs-pose", "thread-the-needle", "cat-cow"]
        assert highlighted(app) == 2
        await pilot.press(up, up)
        assert ids(app.routine)[:3] == ["cat-cow", "childs-pose", "thread-the-needle"]
        assert highlighted(app) == 0


async def test_moves_past_the_ends_are_disabled(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert screen.check_action("move", (-1,)) is None  # greyed, not hidden
        assert screen.check_action("move", (1,)) is True
        await pilot.press("K", "shift+up")
        assert ids(app.routine) == IN_ORDER
        await pilot.press("end")
        assert screen.check_action("move", (1,)) is None
        await pilot.press("J", "shift+down")
        assert ids(app.routine) == IN_ORDER
        assert highlighted(app) == len(IN_ORDER) - 1
        await pilot.press("K")
        assert ids(app.routine)[-2:] == ["seated-spinal-twist", "pigeon"]


async def test_space_excludes_and_includes_in_place(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "space")
        assert not app.routine.steps[1].enabled
        assert ids(app.routine) == IN_ORDER  # still listed
        assert len(app.routine.active_steps()) == 4
        total = str(main_screen(app).query_one("#routine-total").render())
        assert total.startswith("4 poses")
        assert "Left out today" in detail_text(app)
        await pilot.press("space")
        assert app.routine.steps[1].enabled


async def test_excluded_poses_still_move_and_change(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "J", "plus")
        assert app.routine.steps[1].pose_id == "childs-pose"
        assert not app.routine.steps[1].enabled
        assert app.routine.steps[1].amount == 50


async def test_a_swaps_to_the_alternative_and_back(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert screen.check_action("swap", ()) is False  # hidden: Child's Pose has none
        await pilot.press("a")
        assert ids(app.routine) == IN_ORDER
        await pilot.press("j", "j", "j")
        assert "Active: Pigeon Pose" in detail_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, SidesScreen)  # two two-sided poses: which sides?
        await pilot.press("b")
        assert app.routine.steps[3].pose_id == "figure-four"
        assert highlighted(app) == 3
        text = detail_text(app)
        assert "Active: Figure-Four Stretch, in place of Pigeon Pose" in text
        assert "Ready for more? Pigeon Pose" in text
        await pilot.press("a", "b")
        assert app.routine.steps[3].pose_id == "pigeon"


async def test_plus_minus_stay_within_the_range(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press(*["plus"] * 10)
        assert app.routine.steps[0].amount == 60  # Child's Pose: 30–60 s
        assert screen.check_action("amount", (1,)) is None
        await pilot.press(*["minus"] * 10)
        assert app.routine.steps[0].amount == 30
        assert screen.check_action("amount", (-1,)) is None
        await pilot.press("j", "equals_sign")  # + without shift
        assert app.routine.steps[1].amount == 13  # Cat-Cow: breaths, one at a time
        option = screen.query_one(RoutineList).get_option_at_index(1)
        assert "13 breaths" in str(option.prompt)


async def test_total_turns_to_a_warning_above_the_target(data_dir: Path, clock: FakeClock) -> None:
    # Long get-ready pauses put the routine near its 15 minutes, so holds tip it over.
    app = make_app(data_dir, clock, timing=Timing(get_ready=90))
    async with app.run_test(size=SIZE) as pilot:
        total = main_screen(app).query_one("#routine-total")
        assert not total.has_class("-over-target")
        for _ in range(len(IN_ORDER)):
            await pilot.press(*["plus"] * 10, "j")
        assert total.has_class("-over-target")
        assert "over 15 min" in str(total.render())


async def test_undo_several_deep(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert screen.check_action("undo", ()) is None
        await pilot.press("J", "space", "plus", "j", "j", "a", "b")
        assert app.routine.steps[3].pose_id == "figure-four"
        assert app.routine != fixture_routine()
        await pilot.press("u", "ctrl+z", "u")
        assert ids(app.routine)[:2] == ["cat-cow", "childs-pose"]
        await pilot.press("k", "k")  # onto Child's Pose, second
        await pilot.press("ctrl+z")
        assert highlighted(app) == 0  # it followed its pose back up
        assert app.routine == fixture_routine()
        assert RoutineStore(data_dir).load_current() == fixture_routine()
        assert screen.check_action("undo", ()) is None


async def test_reset_asks_first_and_can_be_undone(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J", "space")
        edited = app.routine
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.routine == edited
        await pilot.press("ctrl+r", "y")
        assert app.routine == fixture_routine()
        assert RoutineStore(data_dir).load_current() == fixture_routine()
        await pilot.press("u")
        assert app.routine == edited


async def test_edits_are_there_after_a_restart(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J", "j", "j", "a", "b", "j", "space", "plus")
        edited = app.routine
    again = make_app(data_dir, clock)
    async with again.run_test(size=SIZE):
        assert again.routine == edited
        shown = main_screen(again).query_one(RoutineList)
        assert shown.get_option_at_index(3).id == "figure-four"


async def test_another_window_s_edits_are_picked_up(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        other = RoutineStore(data_dir)
        other.save(other.load_current().with_steps(tuple(reversed(fixture_routine().steps))))
        await pilot.press("space")  # the edit applies to the routine as the other saved it
        assert ids(app.routine) == list(reversed(IN_ORDER))
        # ...and to the pose that was highlighted (Child's Pose, now last).
        assert highlighted(app) == len(IN_ORDER) - 1
        assert not app.routine.steps[-1].enabled
        assert all(s.enabled for s in app.routine.steps[:-1])


@pytest.mark.parametrize("key", ["s", "enter"])
async def test_enter_and_s_start_the_edited_routine(
    data_dir: Path, clock: FakeClock, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(data_dir, clock)
    started: list[Routine] = []
    monkeypatch.setattr(app, "start_session", lambda: started.append(app.routine))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", key)
        assert len(started) == 1
        assert not started[0].steps[0].enabled
        assert started[0].id == DEFAULT_ROUTINE_ID


async def test_the_detail_pane_draws_the_highlighted_pose_and_says_what_left_means(
    data_dir: Path,
) -> None:
    app = make_app(data_dir, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(FigureView)
        assert view.shape is not None and view.shape.pose_id == "childs-pose"
        assert view.caption == ""
        await pilot.press("j", "j", "j")
        assert view.shape is not None and view.shape.pose_id == "pigeon"
        assert view.caption == "left knee forward, right leg back"
        drawing = view.drawing
        assert drawing is not None and len(drawing.rows) >= 6
        assert any("w" in row for row in drawing.inks)  # the front leg in the working ink


@pytest.mark.parametrize(("size", "least"), [((80, 24), 10), ((200, 60), 24)])
async def test_an_upright_figure_has_room_to_teach_and_the_text_scrolls_below(
    data_dir: Path, size: tuple[int, int], least: int
) -> None:
    app = make_app(data_dir, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "j", "j")  # Pigeon, sitting upright
        await pilot.pause()
        view = app.screen.query_one(FigureView)
        drawing = view.drawing
        assert drawing is not None and view.shape is not None
        painted = [row for row in drawing.rows if row.strip()]
        assert len(painted) >= least  # rows the figure really fills, floor included
        detail = app.screen.query_one(PoseDetail)
        assert detail.region.y >= view.region.bottom  # the words below, not over it
        assert detail.region.height >= 4  # and still room to read (they scroll)


async def test_the_detail_pane_follows_the_cursor_in_the_same_frame(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        routine_list = main_screen(app).query_one(RoutineList)
        routine_list.action_cursor_down()
        # No await: nothing has been drawn yet, and the pane already shows the new pose,
        # so the frame that moves the cursor draws the pane too.
        assert detail_text(app).startswith("Cat-Cow")
        routine_list.action_cursor_up()
        assert detail_text(app).startswith("Child's Pose")


async def test_page_keys_scroll_the_pose_text_so_care_is_reachable_without_a_mouse(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "down")  # Pigeon: the longest text
        main = app.screen
        assert isinstance(main, MainScreen)
        highlighted = main.highlighted_index()
        assert "Care" not in app.export_screenshot()
        for _ in range(4):
            await pilot.press("pagedown")
        screen_text = app.export_screenshot()
        assert "Care" in screen_text and "Figure-Four" in screen_text
        assert main.highlighted_index() == highlighted  # the list did not page
        for _ in range(4):
            await pilot.press("pageup")
        assert main.query_one(PoseDetail).scroll_y == 0


async def test_the_detail_says_the_source_s_advice_apart_from_the_range(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j")  # Pigeon: the source says 60 s, Supple allows 45–90
        text = detail_text(app)
        assert "60 s × 2 sides · adjust 45–90 s" in text
        assert "Recommended 60 seconds per side (source)" in text
        assert "+/−" not in text
        await pilot.press("k", "k")  # Cat-Cow: breaths, as the list and the session say
        text = detail_text(app)
        assert "12 breaths · adjust 10–15 breaths" in text
        assert "cycles" not in text


def test_today_text_says_whether_today_is_done_and_the_streak(tmp_path: Path) -> None:
    history = History(tmp_path)
    assert today_text(status_of(history, TODAY)) == "not done today"
    for days_ago in (1, 2, 3):
        history.save(sample_session(days_ago, TODAY - timedelta(days=days_ago)))
    assert today_text(status_of(History(tmp_path), TODAY)) == "not done today · 3-day streak"
    history.save(sample_session(0, TODAY))
    assert today_text(status_of(History(tmp_path), TODAY)) == "done today · 4-day streak"


def test_a_streak_of_years_reads_with_a_thousands_comma_and_fits_the_routine_pane() -> None:
    facts = StatusFacts(has_sessions=True, streak=3650, done_today=False, last_completed=None)
    text = today_text(facts)
    assert text == "not done today · 3,650-day streak"
    assert len(text) <= 39  # the routine pane's 41 columns, less its padding
    assert reminder_text(None, 3650)[1].startswith("3,650-day streak")


async def test_main_screen_shows_today_and_updates_after_a_session(
    tmp_path: Path, clock: FakeClock
) -> None:
    history = History(tmp_path / "history")
    today = local_now().date()
    history.save(sample_session(1, today - timedelta(days=1)))
    store = RoutineStore(tmp_path)
    app = SuppleApp(store.load_current(), clock=clock, routines=store, history=history)
    async with app.run_test(size=(80, 24)) as pilot:
        label = main_screen(app).query_one("#routine-today", Static)
        assert str(label.render()) == "not done today · 1-day streak"
        history.save(sample_session(2, today))  # as a session ending would
        app.push_screen(ConfirmScreen("?"))
        await pilot.press("escape")  # back on the main screen
        assert str(label.render()) == "done today · 2-day streak"


def _pigeon_sides(app: SuppleApp) -> tuple[str, ...]:
    return app.routine.steps[3].alternative_sides


async def test_a_on_pigeon_asks_which_sides_and_r_puts_figure_four_on_the_right(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "a")
        assert isinstance(app.screen, SidesScreen)
        await pilot.press("r", "r")  # a burst: the second r must not act on the main screen
        assert isinstance(app.screen, MainScreen)
        step = app.routine.steps[3]
        assert (step.pose_id, step.alternative_sides) == ("pigeon", ("right",))
        text = detail_text(app)
        assert "Active: Pigeon Pose on the left side, Figure-Four Stretch on the right." in text
        total = str(app.screen.query_one("#routine-total", Static).render())
        await pilot.press("+", "+", "+")  # Pigeon 75 s: beyond Figure-Four's longest, 60 s
        text = detail_text(app)
        assert "Figure-Four Stretch on the right (60 s, its longest)." in text
        assert "75 s + 60 s · adjust 45–90 s" in text
        longer = str(app.screen.query_one("#routine-total", Static).render())
        assert ("7:02 in all" in total, "7:17 in all" in longer) == (True, True)  # +15 s, one side
        await pilot.press("-", "-", "-")
        await pilot.press("a", "escape")  # asked again, and kept as it is
        assert _pigeon_sides(app) == ("right",)
        await pilot.press("a", "n")  # neither: Pigeon on both sides again
        assert _pigeon_sides(app) == ()
        await pilot.press("a", "l")
    # Kept in the routine store: a restart reads the left-side choice back.
    again = make_app(data_dir, clock)
    async with again.run_test(size=SIZE):
        assert _pigeon_sides(again) == ("left",)
