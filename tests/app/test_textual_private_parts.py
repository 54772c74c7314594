"""The few private parts of Textual Supple builds on: each fails loudly here if a release moves it.

Known good: Textual 8.2 (see docs/ARCHITECTURE.md, "Textual's private parts").
"""

from __future__ import annotations

import sys
from time import monotonic

import pytest
from textual import events
from textual.drivers.linux_driver import LinuxDriver
from textual.widgets import OptionList

from tests.app.flow_helpers import make_app, open_session
from tests.conftest import FakeClock
from tui.store.settings import Settings
from tui.terminal_driver import _WholeReadParser
from tui.widgets.routine_list import RoutineList


def test_keys_are_stamped_on_the_clock_dropped_keys_are_compared_with() -> None:
    before = monotonic()
    key = events.Key("a", "a")
    assert before <= key.time <= monotonic(), "Textual stamps keys by another clock now"


def test_the_parser_keeps_the_deadline_of_a_half_read_key_where_the_driver_reads_it() -> None:
    parser = _WholeReadParser()
    list(parser.feed("\x1b"))
    assert isinstance(vars(parser).get("_timeout_time"), float), "XTermParser._timeout_time moved"


def test_the_input_loop_the_driver_replaces_is_still_textuals() -> None:
    for name in ("run_input_thread", "process_message", "close"):
        assert callable(getattr(LinuxDriver, name, None)), f"LinuxDriver.{name} is gone"


def test_without_the_private_parser_the_app_uses_textuals_own_driver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "tui.terminal_driver", None)  # its import now fails
    monkeypatch.setattr("textual.app.App.get_driver_class", lambda self: LinuxDriver)
    assert make_app().get_driver_class() is LinuxDriver


async def test_the_routine_list_finds_the_rows_it_repaints() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        found = app.screen.query_one(RoutineList)
        assert isinstance(found, OptionList)
        lines, heights = found._index_to_line, found._heights
        assert set(lines) == set(heights) == set(range(found.option_count))


async def test_an_error_in_a_countdown_frame_ends_the_app_with_that_error(
    clock: FakeClock,
) -> None:
    app = make_app(clock=clock, settings=Settings(pain_checkins=False))
    with pytest.raises(RuntimeError, match="frame broke"):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_session(app, pilot)

            def broken() -> None:
                raise RuntimeError("frame broke")

            screen.frame = broken  # type: ignore[method-assign]
            screen._wake()  # the bare event-loop timer's callback hands it to Textual
            await pilot.pause()


async def test_the_window_title_is_written_through_the_apps_driver() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert callable(getattr(app._driver, "write", None)), "App._driver is gone"


def test_an_input_keeps_its_bound_keys_where_the_text_field_reads_them() -> None:
    from textual.widgets import Input

    bindings = Input()._bindings.key_to_bindings
    assert "ctrl+u" in bindings and "enter" in bindings, "Widget._bindings moved"


def test_keys_are_forwarded_and_palettes_watch_their_list_where_supple_hooks_in() -> None:
    from textual.app import App
    from textual.command import CommandPalette
    from textual.widget import Widget

    assert callable(getattr(Widget, "_forward_event", None)), "MessagePump._forward_event moved"
    assert callable(getattr(App, "_on_key", None)), "App._on_key moved"
    assert callable(getattr(CommandPalette, "_watch__list_visible", None)), "palette watch moved"


def test_the_pilot_waits_the_suite_shortens_are_still_textuals() -> None:
    # tests/conftest.py sets these for speed; if Textual renamed them, setting them would
    # silently do nothing and the suite would take twice as long again.
    import textual._wait as textual_wait
    import textual.screen as textual_screen

    assert textual_wait.SLEEP_GRANULARITY == 1 / 200, "textual._wait.SLEEP_GRANULARITY moved"
    assert textual_wait.SLEEP_IDLE == 1 / 4000, "textual._wait.SLEEP_IDLE moved"
    assert textual_screen.UPDATE_PERIOD == 1 / 400, "textual.screen.UPDATE_PERIOD moved"
    source = textual_wait.wait_for_idle.__code__.co_names
    assert "SLEEP_GRANULARITY" in source and "SLEEP_IDLE" in source, "wait_for_idle changed"
    timer = vars(textual_screen.Screen)["_update_timer"]
    assert isinstance(timer, property) and timer.fget is not None
    assert "UPDATE_PERIOD" in timer.fget.__code__.co_names, "Screen's redraw timer changed"
