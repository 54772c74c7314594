"""The first-run welcome: safety advice, once per data folder, and from help."""

from __future__ import annotations

from pathlib import Path

from tests.app.flow_helpers import SIZE, make_app, screen_lines
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.welcome import SEEK_CARE, WELCOMED_MARKER, WelcomeScreen


def _text(app: object) -> str:
    from textual.widgets import Static

    screen = app.screen  # type: ignore[attr-defined]
    return "\n".join(str(s.render()) for s in screen.query(Static))


async def test_first_run_shows_the_safety_advice_and_enter_dismisses(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = _text(app)
        assert "Don't push into pain" in text
        for sign in SEEK_CARE:
            assert sign in text
        # Where the routine comes from, and the source's own warning about itself.
        assert "Nishadil, 14 September 2025" in text
        assert "may contain errors or omissions" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert (tmp_path / WELCOMED_MARKER).exists()


async def test_shown_once_per_data_folder(tmp_path: Path) -> None:
    async with make_app(data_dir=tmp_path).run_test(size=SIZE) as pilot:
        await pilot.press("escape")
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    other = make_app(data_dir=tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    async with other.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(other.screen, WelcomeScreen)


async def test_reachable_from_help(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("w")
        assert isinstance(app.screen, WelcomeScreen)
        assert "may contain errors or omissions" in _text(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_key_line_reads_whole_at_80_columns(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        hint = next(line for line in screen_lines(app) if "continue" in line)
        assert hint.rstrip(" ┃").endswith("? anywhere: keys and this advice")


async def test_start_warnings_wait_until_the_welcome_is_read(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path)
    app.startup_warnings = ["Other people on this computer can look into your history."]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        # A toast over the welcome hid half of its advice and its keys at 80x24.
        assert not any("Other people" in line for line in screen_lines(app))
        assert not list(app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [n.message for n in app._notifications] == app.startup_warnings
