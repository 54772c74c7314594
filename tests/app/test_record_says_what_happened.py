"""The record says what happened: a hurt always leaves its pose side, a redo is not "extended"."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.app.flow_helpers import SIZE, Saved, make_app, tick
from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core.engine import Phase
from tui.core.record import Outcome
from tui.screens.hurt import HurtScreen
from tui.screens.session import SessionScreen
from tui.screens.session_detail import outcome_label
from tui.screens.summary import SessionSummary
from tui.store.settings import Settings


async def _session(app: SuppleApp, pilot: Pilot[None]) -> SessionScreen:
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def _to_pose(pilot: Pilot[None], screen: SessionScreen, pose_id: str) -> None:
    while screen.engine.state().pose.id != pose_id:  # type: ignore[union-attr]
        await pilot.press("n")
    assert screen.engine.state().phase is Phase.GET_READY


@pytest.mark.parametrize("phase", [Phase.GET_READY, Phase.SWITCH_SIDES])
async def test_a_hurt_before_the_hold_then_the_gentler_pose_keeps_the_side(phase: Phase) -> None:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _session(app, pilot)
        engine = screen.engine
        await _to_pose(pilot, screen, "pigeon")
        side = "left"
        if phase is Phase.SWITCH_SIDES:
            await tick(pilot, clock, screen, engine.timing.get_ready + 60 + 1)
            side = "right"
        assert engine.state().phase is phase
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, HurtScreen)
        await pilot.press("a")
        await pilot.pause()
        assert engine.state().pose.id == "figure-four"  # type: ignore[union-attr]
        await pilot.press("q", "y")
        await pilot.pause()
    record = saved[-1]
    assert f"Pigeon Pose ({side} side) hurt" in record.note
    pigeon = [p for p in record.poses if p.pose_id == "pigeon" and p.side == side]
    assert len(pigeon) == 1, record.poses
    assert pigeon[0].outcome is Outcome.HURT and pigeon[0].held_seconds == 0
    when = "getting ready" if phase is Phase.GET_READY else "switching sides"
    assert pigeon[0].note == f"hurt while {when}"


async def test_a_hold_gone_back_to_and_done_again_is_done_not_extended() -> None:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _session(app, pilot)
        engine = screen.engine
        await _to_pose(pilot, screen, "thread-the-needle")
        await tick(pilot, clock, screen, engine.timing.get_ready + 1)  # 1 s into the left hold
        await pilot.press("p")  # back to Cat-Cow...
        await pilot.press("n")  # ...and on to Thread the Needle again
        await pilot.pause()
        assert engine.state().pose.id == "thread-the-needle"  # type: ignore[union-attr]
        await tick(pilot, clock, screen, engine.timing.get_ready + 30 + 0.5)  # left, in full
        assert engine.state().phase is Phase.SWITCH_SIDES
        await pilot.press("q", "y")
        await pilot.pause()
    record = saved[-1]
    (left,) = [p for p in record.poses if p.pose_id == "thread-the-needle" and p.side == "left"]
    assert left.outcome is Outcome.DONE
    assert (left.held_seconds, left.planned_seconds, left.attempts) == (31, 30, 2)
    assert outcome_label(left) == "✓ done (2 tries)"
    summary = SessionSummary.from_record(record, app.routine)
    assert not any("Thread the Needle" in line for line in summary.changes)  # not "longer"
