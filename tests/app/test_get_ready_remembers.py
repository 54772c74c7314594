"""At the get-ready of a side that hurt lately, Supple says so and offers the gentler pose."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from tests.app.flow_helpers import open_session, run_to_the_end, tick
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.clock import local_now
from tui.core.engine import Phase
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.screens.session import SessionScreen
from tui.screens.summary import SummaryScreen
from tui.store.history import History
from tui.widgets.countdown import Countdown

SIZE = (100, 30)


def _yesterday_right_pigeon_hurt(data_dir: Path, days_ago: int = 1) -> None:
    started = local_now() - timedelta(days=days_ago)
    poses = (
        PoseRecord("pigeon", "left", 60.0, 60.0, Outcome.DONE, step=3),
        PoseRecord("pigeon", "right", 60.0, 20.0, Outcome.HURT, step=3, note="hurt after 20 s"),
    )
    History(data_dir).save(
        SessionRecord(
            id="yesterday",
            routine_id="hip-back-daily",
            routine_name="Daily hip & back",
            started_at=started,
            ended_at=started + timedelta(minutes=5),
            status=Status.PARTIAL,
            planned_seconds=422.0,
            active_seconds=80.0,
            poses=poses,
            note="Pigeon Pose (right side) hurt",
        )
    )


def _app(clock: FakeClock, data_dir: Path) -> SuppleApp:
    app = SuppleApp(fixture_routine(), clock=clock, history=History(data_dir))
    app.settings = app.settings.with_changes(pain_checkins=False)
    return app


def _notice(screen: SessionScreen) -> str:
    return screen.query_one(Countdown).line("notice")


def _to_pigeon(screen: SessionScreen) -> None:
    while screen.engine.state().pose.id != "pigeon":  # type: ignore[union-attr]
        screen.engine.skip_pose()
    screen.frame()


async def test_the_right_side_that_hurt_is_told_at_its_switch_and_a_swaps_only_it(
    clock: FakeClock, tmp_path: Path
) -> None:
    _yesterday_right_pigeon_hurt(tmp_path)
    app = _app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        _to_pigeon(screen)
        await pilot.pause()
        assert "hurt" not in _notice(screen)  # the left side did not hurt: nothing said
        await tick(pilot, clock, screen, 10.1 + 60)  # the left held: switch to the right
        state = screen.engine.state()
        assert (state.phase, state.side) == (Phase.SWITCH_SIDES, "right")
        assert _notice(screen) == (
            "Last time: right side hurt after 20 s — a: Figure-Four Stretch, this side"
        )
        assert screen.engine.state().pose.id == "pigeon"  # type: ignore[union-attr]  # nothing changed by itself
        await pilot.press("a")
        state = screen.engine.state()
        assert (state.pose.id, state.side) == ("figure-four", "right")  # type: ignore[union-attr]
        headline = screen.query_one(Countdown).line("headline")
        assert headline == "Get ready: Figure-Four Stretch (right side)"  # not "right side first"
        await tick(pilot, clock, screen, 10.1 + 46)
        record = app.active_session.record()  # type: ignore[union-attr]
        pigeon_step = [(p.pose_id, p.side, p.finished) for p in record.poses if p.step == 3]
        assert pigeon_step == [("pigeon", "left", True), ("figure-four", "right", True)]


async def test_nothing_is_said_without_a_recent_hurt(clock: FakeClock, tmp_path: Path) -> None:
    _yesterday_right_pigeon_hurt(tmp_path, days_ago=8)
    app = _app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        _to_pigeon(screen)
        await tick(pilot, clock, screen, 10.1 + 60)
        assert screen.engine.state().side == "right"
        assert "hurt" not in _notice(screen)


async def test_the_summary_keeps_the_right_side_swap_for_next_time(
    clock: FakeClock, tmp_path: Path
) -> None:
    _yesterday_right_pigeon_hurt(tmp_path)
    app = _app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        _to_pigeon(screen)
        await tick(pilot, clock, screen, 10.1 + 60)  # on to the right side, as told
        await pilot.press("a")
        await run_to_the_end(pilot, clock, screen)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        hint = str(summary.query_one("#summary-hint", Static).render())
        assert "k: keep Figure-Four Stretch on the right side for next time" in hint
        await pilot.press("k", "k")  # a burst: kept once
        pigeon = next(step for step in app.routine.steps if step.pose_id == "pigeon")
        assert pigeon.alternative_sides == ("right",)
        assert "k: keep" not in str(summary.query_one("#summary-hint", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        # Next time: Pigeon on the left, Figure-Four on the right, without a key.
        screen = await open_session(app, pilot)
        _to_pigeon(screen)
        await tick(pilot, clock, screen, 10.1 + 60 + 5.1)
        state = screen.engine.state()
        assert (state.pose.id, state.side, state.phase) == ("figure-four", "right", Phase.HOLD)  # type: ignore[union-attr]
