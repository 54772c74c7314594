"""The mouse on every screen: clicks, double clicks and selections never raise."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

import pytest
from textual.screen import Screen, SystemModalScreen

import tui.screens
from tests.app.flow_helpers import SIZE, make_app, open_session
from tests.app.storm import Storm
from tui.screens.confirm import ConfirmScreen
from tui.store.settings import Settings

DOUBLE_CLICK = "\x1b[<0;50;3M\x1b[<0;50;3m" * 2  # what a terminal sends, button 0 at (50, 3)


def _screen_classes() -> list[type[Screen[object]]]:
    found = []
    for module in pkgutil.iter_modules(tui.screens.__path__):
        for _, cls in inspect.getmembers(import_module(f"tui.screens.{module.name}")):
            ours = inspect.isclass(cls) and cls.__module__.startswith("tui.")
            if ours and issubclass(cls, Screen):
                found.append(cls)
    return found


@pytest.mark.parametrize("screen", _screen_classes(), ids=lambda cls: cls.__name__)
def test_every_screen_is_styled_as_a_screen(screen: type[Screen[object]]) -> None:
    # Textual takes a class's CSS and component classes from its first base only: a mixin
    # listed before Screen hid them, and selecting text by a double click raised KeyError.
    assert "screen--selection" in screen._get_component_classes()
    if not issubclass(screen, SystemModalScreen):  # Textual's palette keeps its CSS apart
        assert "Screen" in screen._css_type_names


@pytest.mark.parametrize("y", [1, 3, 8, 12, 20])
async def test_double_clicks_in_a_session(y: int) -> None:
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        storm = Storm(app, seed=y)
        for x in range(1, SIZE[0], 3):
            storm.send(DOUBLE_CLICK.replace("50;3", f"{x};{y}"))
            await pilot.pause()
        assert app.screen is screen
        assert not screen.engine.finished


async def test_a_palette_over_a_question_that_came_over_a_palette() -> None:
    # A question can come on top of an open palette (a save failing as the person quits);
    # the palette asked for there took the same id as the one beneath (DuplicateIds).
    app = make_app(settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        app.push_screen(ConfirmScreen("Go on?", yes="yes", no="no"))
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert [type(s).__name__ for s in app.screen_stack[1:]] == [
            "MainScreen",
            "SafeCommandPalette",
            "ConfirmScreen",
            "SafeCommandPalette",
        ]
