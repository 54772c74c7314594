"""Resuming today's partial session from where it stopped, as one session in history."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from tests.app.flow_helpers import SIZE, Saved, make_app, run_to_the_end
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.core.engine import Phase, SessionEngine
from tui.core.record import SessionRecord
from tui.screens.main import MainScreen
from tui.screens.resume import ResumeScreen
from tui.screens.session import SessionScreen
from tui.screens.summary import SummaryScreen, summary_facts
from tui.store.settings import Settings


def _partial(seconds: float) -> SessionRecord:
    clock = FakeClock()
    engine = SessionEngine(fixture_routine(), clock)
    engine.start()
    clock.advance(seconds)
    engine.stop()
    started = datetime.now().astimezone()
    record = engine.record("earlier", started, started)
    return record.with_changes(pain_before=3)


async def test_resume_goes_on_at_the_pose_where_it_stopped() -> None:
    saved = Saved()
    record = _partial(100)  # in Cat-Cow's breathing
    app = make_app(saved=saved, unfinished=record, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        assert isinstance(app.screen, SessionScreen)  # no second pain check-in
        session = app.active_session
        assert session is not None
        state = session.engine.state()
        assert (state.phase, state.step_index) == (Phase.GET_READY, 1)
        await pilot.press("q")
    ids = {r.id for r in saved}
    assert ids == {"earlier"}
    last = saved[-1]
    assert last.started_at == record.started_at
    assert last.pain_before == 3
    assert last.poses[0] == record.poses[0]


async def test_not_now_leaves_it_and_s_starts_fresh() -> None:
    saved = Saved()
    app = make_app(saved=saved, unfinished=_partial(100), settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("s")
        assert app.active_session is not None
        assert app.active_session.id != "earlier"
        await pilot.press("space")
    assert {r.id for r in saved} != {"earlier"}


async def test_no_offer_without_a_partial_session() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_offer_names_where_the_session_really_stopped_and_goes_on_there() -> None:
    """Issue 19's steps: skip Child's Pose and Cat-Cow, the link drops in Thread the Needle."""
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("n", "n")
        clock.advance(screen.engine.timing.get_ready + 12)  # into Thread the Needle's hold
        screen.frame()
        await pilot.pause()
        assert screen.engine.state().phase is Phase.HOLD
        cut_off = saved[-1]  # what was on disk when the terminal was killed
    assert cut_off.stopped_at_pose == "thread-the-needle"
    again = make_app(saved=saved, unfinished=cut_off, settings=Settings())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offer = again.screen
        assert isinstance(offer, ResumeScreen)
        text = " ".join(str(s.render()) for s in offer.query(Static))
        assert "stopped at Thread the Needle (0 of 5 poses done)" in text
        await pilot.press("r")
        session = again.active_session
        assert session is not None
        state = session.engine.state()
        assert state.pose is not None and state.pose.id == "thread-the-needle"
        assert state.phase is Phase.GET_READY


async def test_a_resumed_session_never_says_less_time_in_all_than_held() -> None:
    """Held counts both parts; the time "in all" is only this part's, and says so."""
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, unfinished=_partial(100), settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_to_the_end(pilot, clock, screen)
        await pilot.press("escape")  # the pain check-in after
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        time = dict(summary_facts(summary.summary))["Time"]
    assert "since you resumed" in time and "in all" not in time
