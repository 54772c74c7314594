"""Thousands of random keys across every screen, with time moving on: nothing may raise."""

from __future__ import annotations

import os
import random

from textual import events
from textual.app import App

from tests.app.flow_helpers import SIZE, Saved, make_app
from tests.conftest import FakeClock

SEED = 20260302
PRESSES = int(os.environ.get("SUPPLE_KEYSTORM_PRESSES", "5000"))
# Every key some screen binds, plus a few nobody does; no quit keys, so the storm keeps going.
KEYS = [
    *"0123456789tdsnpraohjklbwfxyzSJKA",
    "space", "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right",
    "home", "end", "pageup", "pagedown", "plus", "minus", "equals_sign",
    "exclamation_mark", "question_mark", "shift+up", "shift+down", "ctrl+p", "ctrl+c",
    "backspace", "delete", "ctrl+z",
]  # fmt: skip
SIZES = [(80, 24), (100, 30), (59, 17), (120, 40), (40, 10)]
BURST = 20  # keys typed before waiting for the app, as a fast typist or a paste would
CHARS = {
    "space": " ", "enter": "\r", "escape": "\x1b", "tab": "\t", "plus": "+", "minus": "-",
    "equals_sign": "=", "exclamation_mark": "!", "question_mark": "?", "backspace": "\x7f",
}  # fmt: skip


def _type(app: App[None], key: str) -> None:
    """Queue a key as the terminal driver would; Pilot.press would wait ~40 ms after each."""
    char = key if len(key) == 1 else CHARS.get(key)
    assert app._driver is not None
    app._driver.send_message(events.Key(key, char))


async def test_key_storm_across_all_screens() -> None:
    rng = random.Random(SEED)
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved)
    app.animation_level = "none"  # each key would otherwise wait for every animation to end
    quits: list[None] = []

    # Random typing in the command palette can spell "quit" and press Enter; that is the
    # app doing as told, so count it and keep storming instead of stopping the test.
    async def count_quit() -> None:
        quits.append(None)

    app.action_quit = count_quit  # type: ignore[method-assign]
    screens_seen: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        for n in range(PRESSES):
            roll = rng.random()
            if roll < 0.05:
                clock.advance(rng.uniform(0, 40))  # time passes: holds end, poses move on
            elif roll < 0.06:
                await pilot.resize_terminal(*rng.choice(SIZES))
            _type(app, rng.choice(KEYS))
            if n % BURST == 0:
                await pilot.pause()
                frame = getattr(app.screen, "frame", None)
                if callable(frame):
                    frame()  # the redraw a real timer would have made by now
                screens_seen.add(type(app.screen).__name__)
                assert app.is_running, f"the app stopped after {n} keys"
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
    assert app.return_code in (None, 0)
    assert {"MainScreen", "SessionScreen", "PainScreen", "HelpScreen"} <= screens_seen
