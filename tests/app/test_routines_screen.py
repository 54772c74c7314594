"""The routine picker: switch, save as, rename, delete, reset, and the palette's commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import OptionList, Static

from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.active_session import ActiveSession
from tui.app import SuppleApp
from tui.core.engine import SessionEngine
from tui.screens.confirm import ConfirmScreen
from tui.screens.main import MainScreen
from tui.screens.routines import NameScreen, RoutineCommands, RoutinesScreen
from tui.store.routines import DEFAULT_ROUTINE_ID, RoutineStore
from tui.widgets.key_bar import KeyBar

SIZE = (100, 30)


def make_app(data_dir: Path, clock: FakeClock) -> SuppleApp:
    store = RoutineStore(data_dir)
    return SuppleApp(store.load_current(), clock=clock, routines=store)


def picker(app: SuppleApp) -> RoutinesScreen:
    screen = app.screen
    assert isinstance(screen, RoutinesScreen)
    return screen


async def save_as(pilot: object, app: SuppleApp, name: str) -> None:
    await pilot.press("R", "n")  # type: ignore[attr-defined]
    assert isinstance(app.screen, NameScreen)
    await pilot.press("ctrl+u", *name, "enter")  # type: ignore[attr-defined]


async def test_save_as_switches_to_the_copy_and_is_remembered(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J", "space")
        edited_steps = app.routine.steps
        await save_as(pilot, app, "Bad day")
        assert isinstance(app.screen, MainScreen)
        assert (app.routine.id, app.routine.name) == ("bad-day", "Bad day")
        assert app.routine.steps == edited_steps
        await pilot.press("plus")  # edits now go to the copy
    store = RoutineStore(data_dir)
    assert store.current_id() == "bad-day"
    assert store.load("bad-day").steps[1].amount == 50  # Child's Pose, still highlighted
    assert store.load(DEFAULT_ROUTINE_ID).steps == edited_steps
    again = make_app(data_dir, clock)
    async with again.run_test(size=SIZE):
        assert again.routine.name == "Bad day"


async def test_switching_routines_and_the_session_records_which(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "Evening")
        await pilot.press("R")
        assert picker(app).highlighted_entry().id == "evening"  # type: ignore[union-attr]
        await pilot.press("k", "enter")
        assert app.routine.id == DEFAULT_ROUTINE_ID
        await pilot.press("R", "j", "enter")
        assert app.routine.id == "evening"
        session = ActiveSession(SessionEngine(app.routine, clock, app.timing), lambda r: None)
        record = session.record()
        assert (record.routine_id, record.routine_name) == ("evening", "Evening")


async def test_rename_keeps_the_id(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "Morning")
        await pilot.press("R", "r")
        assert isinstance(app.screen, NameScreen)
        await pilot.press("ctrl+u", *"Early", "enter")
        await pilot.press("escape")
        assert (app.routine.id, app.routine.name) == ("morning", "Early")
        assert str(app.screen.query_one("#routine-title").render()) == "Early"


async def test_the_shipped_routine_cannot_be_deleted_or_renamed(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        screen = picker(app)
        bar = str(screen.query_one(KeyBar).render())
        assert "Rename" not in bar and "Delete" not in bar  # hidden, not merely greyed
        assert "n saves a copy" in str(screen.query_one("#routines-hint", Static).render())
        await pilot.press("d", "r")
        assert app.screen is screen
        assert RoutineStore(data_dir).ids() == [DEFAULT_ROUTINE_ID]
        await pilot.press("question_mark")  # ? says why they are missing
        help_text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "rename: the shipped routine keeps its name" in help_text
        assert "delete: the shipped routine cannot be deleted" in help_text
        assert "⏎  Open" in help_text and "Select" not in help_text


async def test_rename_and_delete_show_on_a_routine_of_yours(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "Mine")
        await pilot.press("R")
        bar = str(picker(app).query_one(KeyBar).render())
        assert "r Rename" in bar and "d Delete" in bar


async def test_delete_asks_and_falls_back_to_the_default(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "Spare")
        await pilot.press("R", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert "spare" in RoutineStore(data_dir).ids()
        await pilot.press("d", "y")
        assert "spare" not in RoutineStore(data_dir).ids()
        await pilot.press("escape")
        assert app.routine.id == DEFAULT_ROUTINE_ID
        assert RoutineStore(data_dir).current_id() == DEFAULT_ROUTINE_ID


async def test_reset_from_the_picker(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "J")
        await pilot.press("R", "x", "y", "escape")
        assert app.routine == fixture_routine()
        await pilot.press("u")  # the reset is one more edit to take back
        assert app.routine.steps[0].pose_id == "cat-cow"


async def test_the_palette_offers_routine_commands(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "Travel")
        provider = RoutineCommands(app.screen)
        names = [name for name, _, _ in provider._commands()]
        assert "Routines…" in names
        assert "Open routine: Daily hip & back" in names
        await pilot.press("ctrl+p")
        await pilot.press(*"Open routine: Daily")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.routine.id == DEFAULT_ROUTINE_ID


async def test_names_and_counts_line_up(data_dir: Path, clock: FakeClock) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "A")
        await save_as(pilot, app, "A much longer name")
        await pilot.press("R")
        listing = picker(app).query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert len(rows) == 3
        assert len({row.index("poses") for row in rows}) == 1, rows


async def test_deleting_the_open_routine_updates_the_main_screen_at_once(
    data_dir: Path, clock: FakeClock
) -> None:
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, "Spare")
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("R", "d", "y")
        screen = picker(app)  # still in the picker
        title = main.query_one("#routine-title", Static)
        assert str(title.render()) == "Daily hip & back"  # behind it, already
        assert app.routine.id == DEFAULT_ROUTINE_ID
        first = screen.query_one(OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("▸ Daily hip & back")  # the mark moved with it


@pytest.mark.parametrize("name", ["Easy [a=^b] days", "[$x] mornings", "[b]bold[/b]"])
async def test_a_name_with_brackets_shows_as_typed_in_the_palette(
    data_dir: Path, clock: FakeClock, name: str
) -> None:
    # The palette read it as markup: "[$x]" showed as nothing, "[a=^b" raised MarkupError.
    app = make_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(pilot, app, name)
        provider = RoutineCommands(app.screen)
        found = [hit async for hit in provider.search("Open routine")]
        found += [hit async for hit in provider.discover()]
        prompts = [h.prompt if isinstance(h.prompt, Content) else str(h.prompt) for h in found]
        shown = {Content.from_markup(prompt).plain for prompt in prompts}
        assert f"Open routine: {name}" in shown
