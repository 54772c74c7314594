"""`!` on every pose of the shipped routine: the choice never includes a harder pose.

Whichever pose of the Pigeon / Figure-Four pair is active, and whether `!` comes during a
get-ready, a hold or a side switch, the dialog offers only the pose the routine names as
gentler (Figure-Four for Pigeon) and nothing at all for the rest; and after a hurt, no key
of the session leads on to a more intense pose.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.app.flow_helpers import SIZE, make_app
from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core import editing
from tui.core.engine import Phase
from tui.core.routine import Routine
from tui.screens.help import key_rows
from tui.screens.hurt import HurtScreen
from tui.screens.session import SessionScreen
from tui.store.routines import load_shipped
from tui.store.settings import Settings
from tui.widgets.key_bar import KeyBar

pytestmark = pytest.mark.shipped  # every pose Supple ships, as it ships them

# What the article says is gentler, and so the only pose `!` may ever offer.
GENTLER = {"pigeon": "Figure-Four Stretch"}


def _with_figure_four(routine: Routine) -> Routine:
    index = next(i for i, s in enumerate(routine.steps) if s.pose_id == "pigeon")
    return editing.swap_alternative(routine, index)


async def _hurt_offer(app: SuppleApp, pilot: Pilot[None]) -> str | None:
    """Press `!`, note what the dialog offers under `a`, and carry on (space)."""
    await pilot.press("exclamation_mark")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, HurtScreen)
    offered = dialog.alternative
    words = [w for _, w in dialog._choices()]
    assert all("Pigeon" not in w for w in words), words
    await pilot.press("space")
    await pilot.pause()
    return offered


@pytest.mark.parametrize("figure_four", [False, True], ids=["pigeon-active", "figure-four-active"])
async def test_hurt_on_every_pose_and_phase_never_offers_a_harder_pose(figure_four: bool) -> None:
    clock = FakeClock()
    app = make_app(clock=clock, settings=Settings(pain_checkins=False))
    app.routine = load_shipped()  # the routine Supple ships, not the tests' frozen copy
    if figure_four:
        app.routine = _with_figure_four(app.routine)
    seen: list[tuple[str, Phase, str | None]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        while not engine.finished:
            state = engine.state()
            pose = state.pose
            assert pose is not None
            step = state.step_index
            for _ in range(6):  # get-ready, hold (or breaths), switch sides, second hold
                state = engine.state()
                if engine.finished or state.step_index != step:
                    break
                offered = await _hurt_offer(app, pilot)
                seen.append((pose.id, state.phase, offered))
                assert offered == GENTLER.get(pose.id), (pose.id, state.phase)
                # After the hurt, `a` never leads to the harder pose either.
                if pose.id == "figure-four":
                    await pilot.press("a")
                    await pilot.pause()
                    assert engine.state().pose == pose
                clock.advance(engine.state().remaining + 0.01)
                screen.frame()
                await pilot.pause()
            if not engine.finished and engine.state().step_index == step:
                await pilot.press("n")
                await pilot.pause()
    phases = {(pose_id, phase) for pose_id, phase, _ in seen}
    active = "figure-four" if figure_four else "pigeon"
    for pose_id in ("childs-pose", "thread-the-needle", active, "seated-spinal-twist"):
        assert (pose_id, Phase.GET_READY) in phases and (pose_id, Phase.HOLD) in phases
    for pose_id in ("thread-the-needle", active, "seated-spinal-twist"):
        assert (pose_id, Phase.SWITCH_SIDES) in phases
    assert ("cat-cow", Phase.INHALE) in phases or ("cat-cow", Phase.EXHALE) in phases
    assert "pigeon" not in {pose_id for pose_id, _, _ in seen} or not figure_four


async def test_figure_four_active_hurt_offers_no_pose_and_a_stays_gentle() -> None:
    """The issue's steps: Figure-Four active, `!` in its hold: skip, end or carry on only."""
    clock = FakeClock()
    app = make_app(clock=clock, settings=Settings(pain_checkins=False))
    app.routine = _with_figure_four(load_shipped())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        while engine.state().pose.id != "figure-four":  # type: ignore[union-attr]
            await pilot.press("n")
        clock.advance(engine.timing.get_ready + 5)
        screen.frame()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HurtScreen)
        assert dialog.alternative is None
        assert [key for key, _ in dialog._choices()] == ["n", "q", "space"]
        await pilot.press("a")  # not offered: does nothing, the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("a")  # the session's own swap: Pigeon is more intense
        await pilot.pause()
        state = engine.state()
        assert state.pose is not None and state.pose.id == "figure-four"
        assert state.phase is Phase.HOLD


async def test_after_the_gentler_pose_a_does_not_swap_back_to_pigeon() -> None:
    clock = FakeClock()
    app = make_app(clock=clock, settings=Settings(pain_checkins=False))
    app.routine = load_shipped()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        while engine.state().pose.id != "pigeon":  # type: ignore[union-attr]
            await pilot.press("n")
        clock.advance(engine.timing.get_ready + 5)
        screen.frame()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, HurtScreen)
        assert app.screen.alternative == "Figure-Four Stretch"
        await pilot.press("a")
        await pilot.pause()
        assert engine.state().pose.id == "figure-four"  # type: ignore[union-attr]
        await pilot.press("a")  # "swap back" would be Pigeon again: held back after a hurt
        await pilot.pause()
        assert engine.state().pose.id == "figure-four"  # type: ignore[union-attr]
        # Not offered at all, not even greyed: the key bar shows nothing harder after a hurt.
        assert screen.check_action("swap_alternative", ()) is False
        assert "Swap back" not in str(screen.query_one(KeyBar).render())
        await pilot.press("question_mark")  # `?` still lists it, saying why not now
        await pilot.pause()
        beneath = app.screen_stack[-2]  # the session, under the help
        rows = {row.description: row.why_not for row in key_rows(beneath)}
        assert rows.get("Swap back") == "not after this pose hurt: only a gentler pose is offered"
