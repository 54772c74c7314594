"""? lists every key of the screen below, readable at 80x24; the palette has the main actions."""

from __future__ import annotations

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
        shown = {b.binding.description for b in main.active_bindings.values() if b.enabled}
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
        assert "Pause" in text


async def test_palette_offers_the_main_actions() -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
    for wanted in ("Start", "History", "Settings", "Theme", "Keys"):
        assert wanted in titles
