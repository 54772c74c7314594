"""The terminal driver's input thread: asleep until a key comes, yet Escape and quitting work."""

from __future__ import annotations

import os
import queue
import selectors
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.message import Message

from tui.terminal_driver import QuietLinuxDriver, _WholeReadParser

WAIT = 10.0  # generous: a key that never comes fails the test, it does not time it


class _KeysToAQueue(QuietLinuxDriver):
    """The driver with its keys going to a queue instead of an app."""

    def __init__(self, fileno: int) -> None:
        super().__init__(None)
        self.fileno = fileno
        self.keys: queue.Queue[str] = queue.Queue()

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Key):
            self.keys.put(message.key)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float | None]]:
    """The timeout of every wait of the input thread, in order (None: until something comes)."""
    seen: list[float | None] = []
    real_select = selectors.SelectSelector.select

    def select(
        self: selectors.SelectSelector, timeout: float | None = None
    ) -> list[tuple[selectors.SelectorKey, int]]:
        seen.append(timeout)
        return real_select(self, timeout)

    monkeypatch.setattr(selectors.SelectSelector, "select", select)
    yield seen


async def test_sleeps_between_keys_yet_a_lone_escape_and_the_stop_arrive(
    waits: list[float | None],
) -> None:
    read_end, write_end = os.pipe()
    driver = _KeysToAQueue(read_end)
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(write_end, b"a")
        assert driver.keys.get(timeout=WAIT) == "a"
        os.write(write_end, b"\x1b")  # Escape, or the start of a longer key: only time tells
        assert driver.keys.get(timeout=WAIT) == "escape"
        driver.exit_event.set()  # what LinuxDriver does as the app ends, before joining
        thread.join(WAIT)
        assert not thread.is_alive()
    finally:
        driver.exit_event.set()
        driver.close()
        os.close(read_end)
        os.close(write_end)
    # Textual's own thread waits a tenth of a second at a time, keys or not: ten wake-ups a
    # second for nothing. Here every wait is open-ended but the one for the Escape's end.
    timed = [wait for wait in waits if wait is not None]
    assert waits[0] is None
    assert len(timed) >= 1 and all(0 <= wait <= 1 for wait in timed)
    assert waits.count(None) == len(waits) - len(timed) >= 3


async def test_keys_still_arrive_after_the_app_is_suspended_and_resumed() -> None:
    """ctrl+z: Textual stops the input thread and closes the driver, then starts a new thread."""
    read_end, write_end = os.pipe()
    driver = _KeysToAQueue(read_end)
    try:
        for key in ("a", "b"):  # before the suspension, and after it
            thread = threading.Thread(target=driver.run_input_thread, daemon=True)
            thread.start()
            os.write(write_end, key.encode())
            assert driver.keys.get(timeout=WAIT) == key
            driver.exit_event.set()  # LinuxDriver.disable_input: set, join, clear
            thread.join(WAIT)
            assert not thread.is_alive()
            driver.exit_event.clear()
            driver.close()  # Driver.suspend_application_mode
    finally:
        driver.close()
        os.close(read_end)
        os.close(write_end)


def test_the_parser_has_a_deadline_only_while_a_key_is_half_read() -> None:
    parser = _WholeReadParser()
    assert parser.seconds_to_deadline() is None
    assert [message.key for message in parser.feed("ab")] == ["a", "b"]  # type: ignore[attr-defined]
    assert parser.seconds_to_deadline() is None
    assert list(parser.feed("\x1b")) == []
    deadline = parser.seconds_to_deadline()
    assert deadline is not None and 0 <= deadline <= 1


def _blocked_signals(native_id: int) -> set[int]:
    """The signals a thread of this process blocks, as the kernel says (/proc)."""
    status = Path(f"/proc/self/task/{native_id}/status").read_text()
    mask = int(status.split("SigBlk:")[1].split()[0], 16)
    return {number for number in range(1, 65) if mask >> (number - 1) & 1}


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux's /proc")
async def test_the_input_thread_leaves_the_apps_signals_to_the_main_thread() -> None:
    # A resize delivered to the sleeping input thread never woke the idle main loop (Python
    # runs handlers in the main thread only), so the main screen missed it: an e2e resize
    # test failed whenever the kernel chose this thread.
    read_end, write_end = os.pipe()
    driver = _KeysToAQueue(read_end)
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(write_end, b"a")
        assert driver.keys.get(timeout=WAIT) == "a"  # the thread is in its loop
        assert thread.native_id is not None
        blocked = _blocked_signals(thread.native_id)
        for handled in (signal.SIGWINCH, signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            assert handled in blocked
        assert signal.SIGWINCH not in _blocked_signals(threading.main_thread().native_id or 0)
    finally:
        driver.exit_event.set()
        thread.join(WAIT)
        driver.close()
        os.close(read_end)
        os.close(write_end)
