"""Pain check-ins before and after a session, and "this hurts" during a hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.flow_helpers import SIZE, Saved, make_app
from tests.conftest import FakeClock
from tui.core.engine import Phase
from tui.core.record import Outcome
from tui.screens.confirm import ConfirmScreen
from tui.screens.main import MainScreen
from tui.screens.pain import PainScreen
from tui.screens.session import SessionScreen
from tui.store.settings import Settings, SettingsStore
from tui.widgets.countdown import Countdown


@pytest.mark.parametrize(
    ("keys", "rating"),
    [
        (("0",), 0),
        (("7",), 7),
        (("9",), 9),
        (("1", "0"), 10),  # typing "10"
        (("1", "enter"), 1),
        (("right", "right", "enter"), 6),  # the first arrow lands on 5, the middle
        (("up",) * 8 + ("enter",), 10),  # the scale stops at 10
        (("down", "down", "enter"), 4),
    ],
)
async def test_typed_or_chosen_rating_goes_into_the_record(
    keys: tuple[str, ...], rating: int
) -> None:
    saved = Saved()
    app = make_app(saved=saved)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, PainScreen)
        await pilot.press(*keys)
        assert isinstance(app.screen, SessionScreen)
        assert app.active_session is not None
        assert app.active_session.pain_before == rating
        await pilot.press("space")  # pausing saves
    assert saved[-1].pain_before == rating


async def test_enter_skips() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.active_session is not None
        assert app.active_session.pain_before is None


async def test_the_scale_shows_what_is_chosen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, PainScreen)
        scale = str(screen.query_one("#pain-scale", Static).render())
        assert scale.split() == [str(n) for n in range(11)]
        await pilot.press("1")
        assert isinstance(app.screen, PainScreen)  # a 1 may be the start of 10
        assert "press 0 for 10" in str(screen.query_one("#pain-hint", Static).render())


async def test_d_among_the_digits_asks_before_it_stops_asking(tmp_path: Path) -> None:
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PainScreen)
        await pilot.press("3")
        assert isinstance(app.screen, SessionScreen)
    assert SettingsStore(tmp_path).settings.pain_checkins is True


async def test_dont_ask_again_is_remembered(tmp_path: Path) -> None:
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "d", "y")
        assert isinstance(app.screen, SessionScreen)
    assert SettingsStore(tmp_path).settings.pain_checkins is False
    again = make_app(settings_dir=tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(again.screen, SessionScreen)


async def test_after_the_session_the_rating_is_saved() -> None:
    saved = Saved()
    clock = FakeClock()
    app = make_app(clock=clock, saved=saved)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "6")
        clock.advance(10_000)
        assert isinstance(app.screen, SessionScreen)
        app.screen.frame()  # the redraw the countdown timer would have made by now
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        assert app.screen.when == "after"
        await pilot.press("2")
        await pilot.pause()
        assert not isinstance(app.screen, PainScreen)
    record = saved[-1]
    assert (record.pain_before, record.pain_after) == (6, 2)


async def test_this_hurts_ends_the_hold_and_suggests_figure_four() -> None:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        session = app.active_session
        assert session is not None
        engine = session.engine
        for _ in range(3):  # to Pigeon
            await pilot.press("n")
        clock.advance(engine.timing.get_ready + 20)
        engine.update()
        assert engine.state().phase is Phase.HOLD
        assert engine.state().pose is not None and engine.state().pose.id == "pigeon"
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert engine.state().phase is Phase.SWITCH_SIDES
        # During a session messages go to the countdown's notice line, not a toast.
        notice = app.screen.query_one(Countdown).line("notice")
        assert "Figure-Four" in notice
        assert not list(app._notifications)
        pigeon_left = next(r for r in engine.results() if r.pose_id == "pigeon")
        assert pigeon_left.outcome is Outcome.SHORTENED
        assert pigeon_left.held_seconds == pytest.approx(20, abs=0.5)
    assert "Pigeon" in saved[-1].note


async def test_checkins_off_goes_straight_to_the_session() -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, MainScreen)
        await pilot.press("s")
        assert isinstance(app.screen, SessionScreen)
