"""Several keys in one read (a laggy SSH link, key repeat): every dialog closes once, and the
keys typed at it never reach the screen beneath.

Each case queues its keys before the app handles the first, as the terminal driver does with
one read, and checks the screens left open and what the person's choice changed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot

from tests.app.flow_helpers import SIZE, Saved, make_app
from tests.app.history_samples import fill
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.engine import SessionEngine
from tui.core.record import SessionRecord
from tui.screens.session import SessionScreen
from tui.screens.unsaved import UnsavedChoice, UnsavedScreen
from tui.store.problems import SaveProblem
from tui.store.routines import DEFAULT_ROUTINE_ID, RoutineStore
from tui.store.settings import Settings

CHARS = {"enter": "\r", "escape": "\x1b", "space": " ", "question_mark": "?"}
ENTERS = [("enter",) * n for n in (2, 3, 4)]
ESCAPES = [("escape",) * n for n in (2, 3, 4)]
NO_CHECKINS = Settings(pain_checkins=False)


def burst(app: App[None], *keys: str) -> None:
    """Queue `keys` before the app handles the first, as one read from the terminal does.

    Pilot.press lets the app finish each key before sending the next, so it never sees this.
    """
    for key in keys:
        event = events.Key(key, CHARS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)  # as the terminal driver does
        app.post_message(event)


async def settle(pilot: Pilot[None]) -> None:
    """Let the app work through the burst and whatever each key set off, screen after screen."""
    app = pilot.app
    while True:
        before = list(app.screen_stack)
        await pilot.pause()
        await pilot.pause()
        if list(app.screen_stack) == before:
            return


def stack(app: App[None]) -> list[str]:
    """The screens open, bottom first, without Textual's own default screen."""
    return [type(screen).__name__ for screen in app.screen_stack[1:]]


async def send_burst(pilot: Pilot[None], keys: tuple[str, ...]) -> None:
    burst(pilot.app, *keys)
    await settle(pilot)
    assert pilot.app.return_code is None, "the app quit"


# The routine picker and its dialogs


def routines_app(data_dir: Path, clock: FakeClock) -> SuppleApp:
    """An app whose routine store holds the shipped routine and one of the person's, Evening."""
    store = RoutineStore(data_dir)
    store.duplicate(fixture_routine(), "Evening")
    store.set_current(DEFAULT_ROUTINE_ID)
    return SuppleApp(store.load_current(), clock=clock, routines=store)


def routine_ids(data_dir: Path) -> list[str]:
    return [entry.id for entry in RoutineStore(data_dir).entries()]


@pytest.mark.parametrize("keys", ENTERS, ids=str)
async def test_picker_opens_the_chosen_routine_once(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = routines_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "j")  # Evening
        await send_burst(pilot, keys)
        # A second Enter once closed the main screen too (blank), a third raised
        # ScreenStackError; one reaching the main screen would start a session.
        assert stack(app) == ["MainScreen"]
        assert app.routine.id == "evening"
        assert app.active_session is None
    assert RoutineStore(data_dir).current_id() == "evening"


@pytest.mark.parametrize("keys", [*ESCAPES, ("q", "q")], ids=str)
async def test_picker_closes_once(data_dir: Path, clock: FakeClock, keys: tuple[str, ...]) -> None:
    app = routines_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "j")
        await send_burst(pilot, keys)  # a q reaching the main screen would quit
        assert stack(app) == ["MainScreen"]
        assert app.routine.id == DEFAULT_ROUTINE_ID


@pytest.mark.parametrize("keys", ENTERS, ids=str)
async def test_save_as_makes_one_copy(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = routines_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "n")
        assert stack(app) == ["MainScreen", "RoutinesScreen", "NameScreen"]
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen"]
        assert app.routine.id == "daily-hip-back-copy"
        assert app.active_session is None
    assert routine_ids(data_dir) == [DEFAULT_ROUTINE_ID, "evening", "daily-hip-back-copy"]


@pytest.mark.parametrize("keys", ESCAPES, ids=str)
async def test_save_as_cancelled_stays_in_the_picker(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = routines_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "n")
        await send_burst(pilot, keys)  # the picker's own Esc would close it as well
        assert stack(app) == ["MainScreen", "RoutinesScreen"]
    assert routine_ids(data_dir) == [DEFAULT_ROUTINE_ID, "evening"]


@pytest.mark.parametrize("keys", ENTERS, ids=str)
async def test_rename_renames_and_stays_in_the_picker(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = routines_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "j", "r", "ctrl+u", *"Late", "space")
        await send_burst(pilot, keys)  # the picker's Enter would open the routine
        assert stack(app) == ["MainScreen", "RoutinesScreen"]
        assert app.routine.id == DEFAULT_ROUTINE_ID
    assert RoutineStore(data_dir).load("evening").name == "Late"


@pytest.mark.parametrize(
    ("keys", "deleted"),
    [
        *((k, True) for k in ENTERS),
        (("y", "y"), True),
        *((k, False) for k in ESCAPES),
        (("n", "n"), False),
    ],
    ids=str,
)
async def test_confirm_answers_once(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...], deleted: bool
) -> None:
    app = routines_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "j", "d")
        assert stack(app) == ["MainScreen", "RoutinesScreen", "ConfirmScreen"]
        # Enter or Esc reaching the picker would open a routine or close it; n would ask for
        # a name to save a copy under.
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen", "RoutinesScreen"]
        assert app.routine.id == DEFAULT_ROUTINE_ID
    assert ("evening" not in routine_ids(data_dir)) is deleted


# Help, settings, history, the welcome and resuming


@pytest.mark.parametrize("keys", [*ENTERS, *ESCAPES, ("question_mark",) * 2, ("q", "q")], ids=str)
async def test_help_closes_once(keys: tuple[str, ...]) -> None:
    app = make_app(settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert stack(app) == ["MainScreen", "HelpScreen"]
        # On the main screen Enter starts a session, ? opens help again and q quits.
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen"]
        assert app.active_session is None


@pytest.mark.parametrize("keys", [*ESCAPES, ("q", "q")], ids=str)
async def test_settings_close_once(keys: tuple[str, ...]) -> None:
    app = make_app(settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert stack(app) == ["MainScreen", "SettingsScreen"]
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen"]


@pytest.mark.parametrize("keys", [*ESCAPES, ("q", "q"), ("h", "h", "h")], ids=str)
async def test_history_closes_once(data_dir: Path, clock: FakeClock, keys: tuple[str, ...]) -> None:
    app = SuppleApp(fixture_routine(), clock=clock, history=fill(data_dir, count=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert stack(app) == ["MainScreen", "HistoryScreen"]
        await send_burst(pilot, keys)  # h on the main screen opens history again
        assert stack(app) == ["MainScreen"]


@pytest.mark.parametrize("keys", [*ENTERS, *ESCAPES, ("q", "q")], ids=str)
async def test_session_detail_closes_once(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = SuppleApp(fixture_routine(), clock=clock, history=fill(data_dir, count=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "enter")
        assert stack(app) == ["MainScreen", "HistoryScreen", "SessionDetailScreen"]
        # In history Enter opens the details again; Esc and q close history too.
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen", "HistoryScreen"]


@pytest.mark.parametrize("keys", [*ENTERS, *ESCAPES], ids=str)
async def test_welcome_closes_once(tmp_path: Path, keys: tuple[str, ...]) -> None:
    app = make_app(data_dir=tmp_path, settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "WelcomeScreen"]
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen"]
        assert app.active_session is None


def _stopped_session() -> SessionRecord:
    clock = FakeClock()
    engine = SessionEngine(fixture_routine(), clock)
    engine.start()
    clock.advance(100)
    engine.stop()
    started = datetime.now().astimezone()
    return engine.record("earlier", started, started)


@pytest.mark.parametrize(
    ("keys", "resumed"),
    [*((k, True) for k in ENTERS), *((k, False) for k in ESCAPES), (("f", "f"), False)],
    ids=str,
)
async def test_resume_answers_once(keys: tuple[str, ...], resumed: bool) -> None:
    app = make_app(unfinished=_stopped_session(), settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "ResumeScreen"]
        await send_burst(pilot, keys)
        assert stack(app) == (["MainScreen", "SessionScreen"] if resumed else ["MainScreen"])
        session = app.active_session
        assert (session is not None and session.id == "earlier") is resumed


# During a session: the pain check-in, "this hurts" and the summary


@pytest.mark.parametrize(
    ("keys", "rating"),
    [
        (("7", "enter"), 7),
        (("1", "0", "enter"), 10),
        (("3", "space"), 3),  # a space reaching the session would pause it
        (("enter",) * 3, None),
        (("escape",) * 2, None),  # an Esc reaching the session would ask to end it
        (("2", "escape", "escape"), 2),
    ],
    ids=str,
)
async def test_pain_checkin_answers_once(keys: tuple[str, ...], rating: int | None) -> None:
    app = make_app(settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert stack(app) == ["MainScreen", "PainScreen"]
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen", "SessionScreen"]
        session = app.active_session
        assert session is not None
        assert session.pain_before == rating
        assert not session.engine.paused


async def _holding_pigeon(app: SuppleApp, pilot: Pilot[None], clock: FakeClock) -> SessionEngine:
    await pilot.press("s", "n", "n", "n", "n")  # to Pigeon (Thread the Needle: n per side)
    session = app.active_session
    assert session is not None
    clock.advance(session.engine.timing.get_ready + 20)
    session.engine.update()
    return session.engine


async def _hurt_in_pigeon(app: SuppleApp, pilot: Pilot[None], clock: FakeClock) -> SessionEngine:
    engine = await _holding_pigeon(app, pilot, clock)
    await pilot.press("exclamation_mark")
    assert stack(app) == ["MainScreen", "SessionScreen", "HurtScreen"]
    return engine


@pytest.mark.parametrize(
    ("keys", "pose", "screens"),
    [
        # A second a reaching the session would swap back to Pigeon.
        (("a", "a"), "figure-four", ["MainScreen", "SessionScreen"]),
        (("a", "a", "a"), "figure-four", ["MainScreen", "SessionScreen"]),
        (("n", "n"), "seated-spinal-twist", ["MainScreen", "SessionScreen"]),  # not a 2nd skip
        (("space", "space"), "pigeon", ["MainScreen", "SessionScreen"]),  # not paused again
        (("q", "q"), None, ["MainScreen", "SummaryScreen"]),  # the summary stays to be read
    ],
    ids=str,
)
async def test_this_hurts_acts_once(
    clock: FakeClock, keys: tuple[str, ...], pose: str | None, screens: list[str]
) -> None:
    app = make_app(clock=clock, saved=Saved(), settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        engine = await _hurt_in_pigeon(app, pilot, clock)
        await send_burst(pilot, keys)
        assert stack(app) == screens
        state = engine.state()
        assert (state.pose.id if state.pose else None) == pose
        assert engine.paused is False or engine.finished


async def _to_summary(app: SuppleApp, pilot: Pilot[None], clock: FakeClock) -> None:
    await pilot.press("s")
    clock.advance(10_000)
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    screen.frame()  # the redraw the countdown timer would have made by now
    await settle(pilot)
    assert stack(app) == ["MainScreen", "SummaryScreen"]


@pytest.mark.parametrize("keys", [*ENTERS, *ESCAPES, ("q", "q")], ids=str)
async def test_summary_closes_once(clock: FakeClock, keys: tuple[str, ...]) -> None:
    app = make_app(clock=clock, saved=Saved(), settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        await _to_summary(app, pilot, clock)
        # On the main screen Enter would start the next session and q would quit.
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen"]
        session = app.active_session
        assert session is None or session.engine.finished


@pytest.mark.parametrize(
    ("keys", "choice"),
    [
        *((k, UnsavedChoice.WRITE) for k in ENTERS),
        *((k, UnsavedChoice.STAY) for k in ESCAPES),
        (("x", "x"), UnsavedChoice.LEAVE),
    ],
    ids=str,
)
async def test_unsaved_question_answers_once(
    tmp_path: Path, keys: tuple[str, ...], choice: UnsavedChoice
) -> None:
    app = make_app(settings=NO_CHECKINS)
    answers: list[UnsavedChoice | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        app.push_screen(UnsavedScreen(1, SaveProblem("the disk is full", tmp_path)), answers.append)
        await settle(pilot)
        await send_burst(pilot, keys)  # Enter or Esc reaching help would close it
        assert stack(app) == ["MainScreen", "HelpScreen"]
    assert answers == [choice]


@pytest.mark.parametrize("keys", [*ENTERS, *ESCAPES], ids=str)
async def test_command_palette_runs_one_command(
    data_dir: Path, clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = SuppleApp(fixture_routine(), clock=clock, history=fill(data_dir, count=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"history")
        await settle(pilot)
        assert stack(app) == ["MainScreen", "SafeCommandPalette"]
        # Each Enter once ran the command again (two history screens, the main one popped)
        # until the stack ran out (ScreenStackError).
        await send_burst(pilot, keys)
        opened = ["HistoryScreen"] if "enter" in keys else []
        assert stack(app) == ["MainScreen", *opened]


# Questions: a key read before a question appeared never answers it


@pytest.mark.parametrize("keys", [("enter", "enter"), ("s", "enter"), ("s", "7")], ids=str)
async def test_starting_twice_in_one_read_still_asks_about_pain(keys: tuple[str, ...]) -> None:
    app = make_app(settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await send_burst(pilot, keys)  # the second key once answered the check-in unseen
        assert stack(app) == ["MainScreen", "PainScreen"]
        assert app.active_session is None


@pytest.mark.parametrize("keys", [("q", "enter"), ("q", "y"), ("escape", "y", "y")], ids=str)
async def test_ending_a_session_is_asked_even_with_the_answer_in_the_same_read(
    keys: tuple[str, ...],
) -> None:
    app = make_app(settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen", "SessionScreen", "ConfirmScreen"]
        session = app.active_session
        assert session is not None and not session.engine.finished


@pytest.mark.parametrize(
    "keys",
    [("exclamation_mark", "a"), ("exclamation_mark", "q"), ("exclamation_mark", "n")],
    ids=str,
)
async def test_this_hurts_waits_for_a_choice_made_after_it_appeared(
    clock: FakeClock, keys: tuple[str, ...]
) -> None:
    app = make_app(clock=clock, saved=Saved(), settings=NO_CHECKINS)
    async with app.run_test(size=SIZE) as pilot:
        engine = await _holding_pigeon(app, pilot, clock)
        await send_burst(pilot, keys)
        assert stack(app) == ["MainScreen", "SessionScreen", "HurtScreen"]
        state = engine.state()
        assert state.pose is not None and state.pose.id == "pigeon"
        assert engine.paused and not engine.finished
