"""Storms of terminal input on every screen, with time moving on: nothing may raise.

Each storm starts on one screen and sends seeded random reads of that screen's documented
keys, junk, escape sequences, bracketed pastes and mouse reports (double clicks, drags, the
wheel), through the terminal driver's parser, as a pty would. Where a key leaves the screen,
the storm opens it again and carries on.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.flow_helpers import Saved
from tests.app.history_samples import fill
from tests.app.storm import Storm
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.store.routines import RoutineStore
from tui.store.settings import Settings, SettingsStore

SEED = 20260302
READS = int(os.environ.get("SUPPLE_KEYSTORM_READS", "30"))  # of up to 20 inputs each
SIZES = [(80, 24), (100, 30), (59, 17), (120, 40), (40, 10), (60, 18)]

Opener = Callable[[SuppleApp, Pilot[None]], Awaitable[None]]


async def _summary(app: SuppleApp, pilot: Pilot[None]) -> None:
    await pilot.press("s", "enter")
    clock = app.clock
    assert isinstance(clock, FakeClock)
    clock.advance(10_000)
    frame = getattr(app.screen, "frame", None)
    if callable(frame):
        frame()
    await pilot.pause()


def _pressing(*keys: str) -> Opener:
    async def open_screen(app: SuppleApp, pilot: Pilot[None]) -> None:
        await pilot.press(*keys)

    return open_screen


# The screen each storm is about, and the keys that open it from the main screen.
SCREENS: dict[str, tuple[str, Opener]] = {
    "main": ("MainScreen", _pressing()),
    "pain-check-in": ("PainScreen", _pressing("s")),
    "session": ("SessionScreen", _pressing("s", "enter")),  # Enter: no pain rating this time
    "this-hurts": ("HurtScreen", _pressing("s", "enter", "exclamation_mark")),
    "end-session": ("ConfirmScreen", _pressing("s", "enter", "escape")),
    "summary": ("SummaryScreen", _summary),
    "history": ("HistoryScreen", _pressing("h")),
    "session-detail": ("SessionDetailScreen", _pressing("h", "enter")),
    "routines": ("RoutinesScreen", _pressing("R")),
    "save-as": ("NameScreen", _pressing("R", "n")),
    "settings": ("SettingsScreen", _pressing("o")),
    "help": ("HelpScreen", _pressing("question_mark")),
    "palette": ("SafeCommandPalette", _pressing("ctrl+p")),
}


def _app(data_dir: Path, clock: FakeClock) -> SuppleApp:
    """An app with history, a routine of the person's own and settings, all on disk."""
    routines = RoutineStore(data_dir)
    routines.duplicate(fixture_routine(), "Evening")
    settings = SettingsStore(data_dir / "config")
    settings.save(Settings())  # pain check-ins on: more screens to storm
    saved = Saved()
    return SuppleApp(
        routines.load_current(),
        clock=clock,
        history=fill(data_dir, count=12),
        routines=routines,
        settings=settings,
        save_record=saved.append,
    )


@pytest.mark.parametrize("name", list(SCREENS))
async def test_input_storm(data_dir: Path, name: str) -> None:
    screen_name, open_screen = SCREENS[name]
    clock = FakeClock()
    app = _app(data_dir, clock)
    app.animation_level = "none"  # each key would otherwise wait for every animation to end
    storm = Storm(app, SEED + sum(map(ord, name)))
    rng = storm.rng
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        exit_app = app.exit
        # q, ctrl+q, or "quit" spelt in the palette: the app doing as told. Count it and storm on.
        quits: list[object] = []
        app.exit = lambda *args, **kwargs: quits.append(args)  # type: ignore[method-assign]
        await open_screen(app, pilot)
        assert screen_name in _stack(app), f"{name}: could not open {screen_name}"
        for n in range(READS):
            roll = rng.random()
            if roll < 0.1:
                clock.advance(rng.uniform(0, 40))  # time passes: holds end, poses move on
            elif roll < 0.13:
                await pilot.resize_terminal(*rng.choice(SIZES))
            storm.send(storm.read(rng.randint(1, 20)))
            await pilot.pause()
            frame = getattr(app.screen, "frame", None)
            if callable(frame):
                frame()  # the redraw a real timer would have made by now
            assert app.is_running, f"the app stopped after {n} reads"
            if screen_name not in _stack(app) and _stack(app) == ["MainScreen"]:
                await open_screen(app, pilot)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        app.exit = exit_app  # type: ignore[method-assign]
    assert app.return_code in (None, 0)


def _stack(app: SuppleApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack[1:]]
