"""? lists every key of the screen below, readable at 80x24; the palette has the main actions."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.app.flow_helpers import SIZE, make_app
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.session import SessionScreen
from tui.store.settings import Settings


def _help_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HelpScreen)
    return "\n".join(str(s.render()) for s in screen.query(Static))


async def test_main_screen_keys_fit_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        bindings = main.active_bindings.values()
        shown = {b.binding.description for b in bindings if b.enabled and b.binding.id}
        await pilot.press("question_mark")
        text = _help_text(app)
        for description in shown - {""}:
            assert description in text
        box = app.screen.query_one("#help-box")
        assert box.region.bottom <= SIZE[1] and box.region.right <= SIZE[0]
        await pilot.press("escape")
        assert app.screen is main


async def test_session_screen_keys_include_this_hurts() -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("question_mark")
        text = _help_text(app)
        assert "hurt" in text.lower() and "!" in text
        # The clock stopped when help opened, so space now resumes it: help says so.
        assert "space  Resume" in text and "Pause" not in text


async def test_palette_offers_the_main_actions() -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
    for wanted in ("Start", "History", "Settings", "Theme", "Keys", "Safety advice", "Quit"):
        assert wanted in titles
    for textual_own in ("Maximize", "Screenshot", "Quit the application"):
        assert textual_own not in titles


async def test_palette_during_a_session_offers_no_start() -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
    assert "Start" not in titles and "Settings" not in titles
    assert "Keys" in titles and "Quit" in titles


TEXTUAL_INTERNALS = ("Scroll Left", "Page Left", "Copy selected text", "Focus Next", "Select")


async def test_main_help_lists_its_keys_and_no_textual_internals() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = _help_text(app)
        for internal in TEXTUAL_INTERNALS:
            assert internal not in text
        assert "J / shift+↓  Move pose down" in text
        assert "⏎ / s  Start" in text  # Enter starts a session there
        assert "R  Routines" in text  # left out of the bar at 80 columns on Pigeon's row
        # Keys that cannot act now are listed, with why.
        assert "u / ^z undo: nothing to undo yet" in text
        assert "move pose up: the pose is already first" in text
        assert "a gentler: only on a pose with a gentler one" in text


async def test_session_help_lists_hidden_and_disabled_keys_with_why() -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("question_mark")
        text = _help_text(app)
        for internal in TEXTUAL_INTERNALS:
            assert internal not in text
        assert "r  Restart" in text and "q / esc  End" in text
        assert "o settings: open them from the main screen, after the session" in text
        assert "a gentler: only in a pose with a gentler one" in text


async def test_high_contrast_is_one_palette_command_away(tmp_path: Path) -> None:
    from tui.flows import toggle_high_contrast
    from tui.store.settings import SettingsStore

    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE):
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "White on black" in commands["High contrast"].help
        commands["High contrast"].callback()
        assert app.theme == "supple-high-contrast"
        assert SettingsStore(tmp_path).settings.theme == "supple-high-contrast"
        toggle_high_contrast(app)
        assert app.theme == "textual-dark"


async def test_settings_help_opens_and_lists_the_arrows_it_uses() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "question_mark")
        text = _help_text(app)
        assert "Keys — Settings" in text
        assert "h / - / ←  Less / previous" in text and "⏎  Change" in text
        for internal in TEXTUAL_INTERNALS:
            assert internal not in text
