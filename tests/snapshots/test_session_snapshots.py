"""The session screen at a glance: each phase at 80x24, 120x40 and 200x60, on a frozen clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.raster import Cells
from tui.screens.session import SessionScreen
from tui.widgets.figure import FigureView

SIZES = pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"]
)


def make_app(clock: FakeClock) -> SuppleApp:
    app = SuppleApp(fixture_routine(), clock=clock)
    app.settings = app.settings.with_changes(pain_checkins=False, bell=False)
    return app


def scene(
    clock: FakeClock, keys: list[str], seconds: float
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Start a session, press `keys`, then let `seconds` pass before the shot."""

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.start_session()  # type: ignore[attr-defined]
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        clock.advance(seconds)
        screen.frame()
        await pilot.pause()

    return run_before


SCENES = {
    "get_ready": ([], 0.0),
    "hold_left": (["n", "n"], 10 + 12.4),  # Thread the Needle, left side
    "hold_right": (["n", "n"], 10 + 30 + 5 + 12.4),  # the mirror image, RIGHT
    "switch_sides": (["n", "n"], 10 + 30 + 1.5),
    "cat_cow_inhale": (["n"], 10 + 6 + 1.5),  # second breath, half way in
    "cat_cow_full_inhale": (["n"], 10 + 6 + 2.95),  # the figure in Cow
    "cat_cow_full_exhale": (["n"], 10 + 6 + 3 + 2.95),  # the figure in Cat
    "last_five_seconds": ([], 10 + 41.5),
}


@SIZES
@pytest.mark.parametrize("name", list(SCENES))
def test_session_phase(snap_compare: Any, size: tuple[int, int], name: str) -> None:
    clock = FakeClock()
    keys, seconds = SCENES[name]
    assert snap_compare(make_app(clock), terminal_size=size, run_before=scene(clock, keys, seconds))


@SIZES
def test_paused(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await scene(clock, ["n", "n"], 10 + 12.4)(pilot)  # half way through the left hold
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(make_app(clock), terminal_size=size, run_before=run_before)


@SIZES
def test_cat_cow_paused_keeps_the_breath(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await scene(clock, ["n"], 10 + 6 + 1.5)(pilot)
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(make_app(clock), terminal_size=size, run_before=run_before)


def test_hold_without_colour(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    clock = FakeClock()
    run_before = scene(clock, ["n", "n", "n", "n"], 10 + 20)  # Pigeon, left side
    assert snap_compare(make_app(clock), terminal_size=(80, 24), run_before=run_before)


def test_hold_on_the_linux_console(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FigureView, "cells", Cells.BLOCKS)
    clock = FakeClock()
    run_before = scene(clock, ["n", "n", "n", "n"], 10 + 20)
    assert snap_compare(make_app(clock), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_summary(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await scene(clock, [], 10 + 45)(pilot)  # Child's Pose in full
        await pilot.press("n")  # Cat-Cow skipped
        await scene_keys(pilot, ["q", "y"])

    assert snap_compare(make_app(clock), terminal_size=size, run_before=run_before)


async def scene_keys(pilot: Pilot[None], keys: list[str]) -> None:
    await pilot.press(*keys)
    await pilot.pause()
