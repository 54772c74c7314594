"""Names in CJK, emoji or with markup brackets: lists line up and every name shows as written."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable, OptionList, Static

from tests.app.history_samples import sample_session
from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core.record import Outcome, PoseRecord
from tui.core.routine import parse_routine
from tui.screens.confirm import ConfirmScreen
from tui.screens.hurt import HurtScreen
from tui.screens.resume import ResumeScreen
from tui.screens.routines import RoutinesScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.welcome import WelcomeScreen
from tui.store.routines import RoutineStore
from tui.widgets.routine_list import NAME_WIDTH, RoutineList

SIZE = (80, 24)
ROUTINE_NAME = "[bold red]朝のストレッチ🧘[/]"
POSE_NAMES = (
    "首のストレッチ",
    "🧘 Lotus 🌸",
    "[bold red]x",
    "[/] Plain",
    "日本語のポーズ名前がとても長い",
)


def _routine_toml() -> str:
    poses = "".join(
        f'[[poses]]\nid = "p{n}"\nname = "{name}"\nper_side = {str(n == 0).lower()}\n'
        f'hold = {{ min = 10, max = 60, default = 20 }}\ncue = "[/] breathe"\n'
        f'instructions = ["[bold]Sit[/]."]\n\n'
        for n, name in enumerate(POSE_NAMES)
    )
    ids = ", ".join(f'"p{n}"' for n in range(len(POSE_NAMES)))
    return (
        f'schema = 1\nid = "wide"\nname = "{ROUTINE_NAME}"\nsource = "[/] a friend"\n'
        f"target_minutes = 15\nsequence = [{ids}]\n\n{poses}"
    )


def _app(data_dir: Path) -> SuppleApp:
    store = RoutineStore(data_dir)
    routine = store.import_routine(parse_routine(_routine_toml(), "wide.toml"))
    store.set_current(routine.id)
    return SuppleApp(store.load_current(), clock=FakeClock(), routines=store)


def _shown(widget: Static) -> str:
    return str(widget.render())


async def test_main_list_lines_up_by_cells_and_shows_names_as_written(data_dir: Path) -> None:
    app = _app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#routine-title", Static)
        assert _shown(title) == ROUTINE_NAME
        listing = app.screen.query_one(RoutineList)
        rows = [listing.render_line(y).text.rstrip() for y in range(len(POSE_NAMES))]
        for name, row in zip(POSE_NAMES[:4], rows, strict=False):
            assert name in row
        assert "日本語のポーズ名前…" in rows[4]  # cut to its column, the whole name in the detail
        # Every hold ends in the same terminal column, one row per pose (nothing wrapped).
        assert len({cell_len(row) for row in rows}) == 1, rows
        assert all(row.endswith(" s") or row.endswith("sides") for row in rows)
        await pilot.press("space")  # an "off" row keeps the same width
        off = listing.render_line(0).text.rstrip()
        assert off.startswith("off 首のストレッチ") and cell_len(off) == cell_len(rows[1])
        assert cell_len(f" 1. {'x' * NAME_WIDTH}") < cell_len(rows[0])


async def test_routine_picker_and_palette_show_names_as_written(data_dir: Path) -> None:
    app = _app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        assert isinstance(app.screen, RoutinesScreen)
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("[bold red]朝のストレッチ" in row for row in rows)  # cut to 28 cells
        assert len({cell_len(row[: row.index("poses")]) for row in rows}) == 1, rows
        await pilot.press("d")  # delete asks, quoting the name
        assert isinstance(app.screen, ConfirmScreen)
        assert ROUTINE_NAME in _shown(app.screen.query(Static).first())
        await pilot.press("n", "escape", "ctrl+p", *"Open routine")
        results = app.screen.query_one(OptionList)
        for _ in range(20):  # the palette searches as a task: let it run
            if results.option_count:
                break
            await pilot.pause()
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(f"Open routine: {ROUTINE_NAME}" in prompt for prompt in prompts), prompts


async def test_dialogs_show_names_and_notes_as_written(data_dir: Path) -> None:
    app = _app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(HurtScreen("[bold red]x", "left", "[/] Plain"))
        await pilot.pause()
        assert "Paused — [bold red]x (left side) hurts." in _shown(
            app.screen.query_one("#hurt-title", Static)
        )
        app.pop_screen()
        app.push_screen(WelcomeScreen(app.routine))
        await pilot.pause()
        assert "comes from [/] a friend." in _shown(
            app.screen.query_one("#welcome-text Static", Static)
        )
        app.pop_screen()
        app.push_screen(ResumeScreen("08:00", "[/] Plain", 1, 5))
        await pilot.pause()
        assert "stopped at [/] Plain (1 of 5" in _shown(app.screen.query(Static)[1])
        app.pop_screen()
        hold = PoseRecord("p3", None, 20.0, 8.0, Outcome.SHORTENED, note="[/] tired")
        record = dataclasses.replace(sample_session(1, date(2026, 11, 2)), poses=(hold,))
        app.push_screen(SessionDetailScreen(record, app.pose_name))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert cells[0] == "[/] Plain" and "([/] tired)" in cells[4]


async def test_a_long_wide_name_is_cut_so_each_picker_row_is_one_line(data_dir: Path) -> None:
    store = RoutineStore(data_dir)
    long_name = "とても長いルーティン名前" * 5  # 60 characters, 120 cells
    text = _routine_toml().replace(ROUTINE_NAME, long_name)
    store.import_routine(parse_routine(text, "long.toml"))
    app = SuppleApp(store.load_current(), clock=FakeClock(), routines=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(row.startswith(f"  {long_name[:13]}") and "…" in row for row in rows), rows
        assert len({cell_len(row[: row.index("poses")]) for row in rows}) == 1, rows
        assert all(cell_len(row) <= listing.content_size.width for row in rows)
        assert listing.virtual_size.height == len(rows)  # no row wrapped onto a second line
