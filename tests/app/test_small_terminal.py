"""Every screen usable at the smallest size the app accepts: below a screen's own minimum, a
notice names the size it needs instead of a squeezed layout."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.app.flow_helpers import make_app, open_session
from tests.app.history_samples import fill
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.screens.too_small import TOO_SMALL_CLASS, TooSmallNotice
from tui.store.settings import Settings


def _notice(app: SuppleApp) -> str | None:
    """The too-small notice on the screen on top, if it shows."""
    if not app.has_class(TOO_SMALL_CLASS):
        return None
    notices = app.screen.query(TooSmallNotice)
    return str(notices.first(Static).render()) if notices else None


async def test_the_main_screen_asks_for_80_by_24_and_a_session_runs_at_60_by_20() -> None:
    # At 60x20 the pose pane beside the list was ~18 columns: words wrapped every two.
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        notice = _notice(app)
        assert notice is not None and "at least 80×24" in notice and "60×20 now" in notice
        screen = await open_session(app, pilot)
        assert _notice(app) is None  # the countdown is laid out for this size
        assert not screen.engine.paused
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert _notice(app) is None


async def test_history_asks_for_the_width_its_columns_need(
    data_dir: Path, clock: FakeClock
) -> None:
    app = SuppleApp(fixture_routine(), clock=clock, history=fill(data_dir, count=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert _notice(app) is None
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        notice = _notice(app)
        assert notice is not None and "at least 80×24" in notice
