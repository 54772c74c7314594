"""Resuming today's partial session from where it stopped, as one session in history."""

from __future__ import annotations

from datetime import datetime

from tests.app.flow_helpers import SIZE, Saved, make_app
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.core.engine import Phase, SessionEngine
from tui.core.record import SessionRecord
from tui.screens.main import MainScreen
from tui.screens.resume import ResumeScreen
from tui.screens.session import SessionScreen
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
