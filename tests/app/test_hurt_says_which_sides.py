"""After `!` on a two-sided pose, the gentler choice says which sides it takes."""

from __future__ import annotations

from tests.app.flow_helpers import SIZE, make_app, screen_lines
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.engine import Phase
from tui.remote.state import ask
from tui.screens.hurt import HurtScreen
from tui.screens.session import SessionScreen
from tui.store.settings import Settings


async def test_the_gentler_choice_says_both_sides_on_the_first_and_this_side_on_the_last() -> None:
    clock = FakeClock()
    app: SuppleApp = make_app(clock=clock, settings=Settings(pain_checkins=False))
    app.start_with = fixture_routine().only("pigeon")
    offers: list[tuple[str | None, str]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        for side in ("left", "right"):
            while engine.state().phase is not Phase.HOLD or engine.state().side != side:
                clock.advance(engine.state().remaining + 0.01)
                screen.frame()
                await pilot.pause()
            await pilot.press("exclamation_mark")
            dialog = app.screen
            assert isinstance(dialog, HurtScreen)
            words = dict(dialog._choices())["a"]
            phone = ask(dialog)
            assert phone is not None
            offers.append((engine.state().side, words))
            assert any(words in line for line in screen_lines(app)), "not one line at 80x24"
            assert phone["gentler"] == words.replace(" instead,", ",")
            await pilot.press("space")  # carry on: the right side comes next
    assert offers == [
        ("left", "Figure-Four Stretch instead, both sides"),
        ("right", "Figure-Four Stretch instead, this side"),
    ]
