"""Pain check-ins before and after a session, and "this hurts" during a hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.app.flow_helpers import SIZE, Saved, make_app, run_to_the_end
from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core.engine import Phase, SessionEngine
from tui.core.record import Outcome
from tui.screens.confirm import ConfirmScreen
from tui.screens.hurt import HurtScreen
from tui.screens.main import MainScreen
from tui.screens.pain import PainScreen
from tui.screens.pain_where import PainWhereScreen
from tui.screens.session import SessionScreen
from tui.screens.summary import SummaryScreen
from tui.store.settings import Settings, SettingsStore
from tui.widgets.big_word import BigWord


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


async def _hurt_in_pigeon(app: SuppleApp, pilot: Pilot[None], clock: FakeClock) -> SessionEngine:
    await pilot.press("s")
    session = app.active_session
    assert session is not None
    engine = session.engine
    for _ in range(4):  # to Pigeon: Child's Pose, Cat-Cow, each side of Thread the Needle
        await pilot.press("n")
    clock.advance(engine.timing.get_ready + 20)
    engine.update()
    pose = engine.state().pose
    assert pose is not None and pose.id == "pigeon"
    await pilot.press("exclamation_mark")
    await pilot.pause()
    return engine


async def test_this_hurts_pauses_and_offers_a_large_choice() -> None:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        engine = await _hurt_in_pigeon(app, pilot, clock)
        assert isinstance(app.screen, HurtScreen)
        assert engine.paused
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Figure-Four" in text and "Skip this pose" in text and "End the session" in text
        # Each key in letters three rows tall, beside its words, fitting an 80x24 screen.
        big_keys = list(app.screen.query(BigWord))
        assert [w.word for w in big_keys] == ["A", "N", "Q", "SPACE"]
        assert all(w.region.height == 3 and w.region.bottom <= SIZE[1] for w in big_keys)
        pigeon_left = next(r for r in engine.results() if r.pose_id == "pigeon")
        assert pigeon_left.outcome is Outcome.HURT
        assert pigeon_left.held_seconds == pytest.approx(20, abs=0.5)
        clock.advance(30)  # the clock waits while the person decides
        engine.update()
        assert engine.state().phase is Phase.HOLD
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        state = engine.state()
        assert state.pose is not None and state.pose.id == "figure-four"
        assert not engine.paused
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.hurts == ("Pigeon Pose (left) hurt after 20 s",)
    record = saved[-1]
    assert "Pigeon" in record.note
    assert [(p.pose_id, p.side, p.outcome) for p in record.poses if p.pose_id == "pigeon"] == [
        ("pigeon", "left", Outcome.HURT)
    ]


@pytest.mark.parametrize(
    ("key", "expect"),
    [("space", "carry on"), ("n", "skip"), ("q", "end")],
)
async def test_after_this_hurts(key: str, expect: str) -> None:
    clock = FakeClock()
    app = make_app(clock=clock, saved=Saved(), settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        engine = await _hurt_in_pigeon(app, pilot, clock)
        await pilot.press(key)
        await pilot.pause()
        state = engine.state()
        if expect == "carry on":
            assert (state.phase, state.side, engine.paused) == (Phase.HOLD, "left", False)
            assert state.remaining == pytest.approx(40, abs=0.5)
        elif expect == "skip":
            assert state.pose is not None and state.pose.id == "seated-spinal-twist"
        else:
            assert engine.finished


async def test_checkins_off_goes_straight_to_the_session() -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, MainScreen)
        await pilot.press("s")
        assert isinstance(app.screen, SessionScreen)


async def test_where_it_hurts_and_a_note_reach_the_record() -> None:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_session(routine=app.routine.only("cat-cow"))
        await pilot.pause()
        await pilot.press("w", "4")  # w: say where too; pain 4 before
        await pilot.pause()
        assert isinstance(app.screen, PainWhereScreen)
        await pilot.press("4", *"sharp", "enter")  # right hip, "sharp"
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_to_the_end(pilot, clock, screen)
        await pilot.press("0")  # no pain after, and no w: nothing more is asked
        await pilot.pause()
        assert not isinstance(app.screen, PainWhereScreen)
    record = saved[-1]
    assert (record.pain_before, record.pain_after) == (4, 0)
    assert (record.pain_where, record.pain_note) == ("right hip", "sharp")


async def test_a_note_added_on_the_summary_reaches_the_record() -> None:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_session(routine=app.routine.only("cat-cow"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_to_the_end(pilot, clock, screen)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PainWhereScreen)
        await pilot.press("2", *"stiff", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    record = saved[-1]
    assert (record.pain_where, record.pain_note) == ("upper back / neck", "stiff")
