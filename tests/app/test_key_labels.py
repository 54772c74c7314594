"""The key bar says what each key does now, in words a newcomer reads, within 80 columns."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.app.flow_helpers import SIZE, make_app
from tui.app import SuppleApp
from tui.screens.session import SessionScreen
from tui.store.settings import Settings
from tui.widgets.key_bar import KeyBar


def bar(app: SuppleApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def _to_pose(app: SuppleApp, pilot: Pilot[None], name: str) -> None:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    while screen.engine.state().pose.name != name:  # type: ignore[union-attr]
        await pilot.press("n")


async def test_main_screen_labels_and_the_gentler_pose_key() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = bar(app)
        assert "J/K Move" in text and "+/- Hold" in text and "KJ" not in text
        assert "a " not in text  # Child's Pose has no gentler pose
        await pilot.press("down", "down", "down")  # Pigeon
        assert "a Gentler" in bar(app)
        await pilot.press("a", "b")  # both sides: now Figure-Four, whose `a` goes back
        assert "a Swap back" in bar(app)
        assert "h History" in bar(app) and bar(app).endswith("? Keys")
        assert len(bar(app)) <= SIZE[0] - 2


async def test_session_bar_says_resume_breath_and_gentler() -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        text = bar(app)
        assert "space Pause" in text and "n/p Next/Back" in text and "+/- 10 s" in text
        assert "a " not in text  # Child's Pose: no alternative, no key
        await pilot.press("space")
        assert "space Resume" in bar(app)
        await _to_pose(app, pilot, "Cat-Cow")
        assert "+/- 1 breath" in bar(app) and "10 s" not in bar(app)
        await _to_pose(app, pilot, "Pigeon Pose")
        assert "a Gentler" in bar(app) and "+/- 10 s" in bar(app)
        await pilot.press("space")
        assert "space Pause" in bar(app)
        for text in (bar(app),):
            assert "q End" in text and text.endswith("? Keys") and len(text) <= SIZE[0] - 2
