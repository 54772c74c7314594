"""Hang-ups and termination: save the session in progress, then leave within a second.

A closed terminal (SSH link dropped, window closed) sends SIGHUP; after it a
read from the tty returns b"" at once and a write fails with EIO. Textual's
input thread would then spin on the empty reads and its output thread would
die on the first write, so an app left running on a dead terminal can burn a
core or block forever. Hence: the signal handler only starts a watchdog thread
(which ends the process after `DEADLINE_SECONDS` regardless) and asks the event
loop to save; the save runs between two of the loop's callbacks, never in the
middle of whatever the signal interrupted (a frame, another save). Then the
terminal is restored only if it is still there.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a Protocol class costs ~1 ms to create, at every start
    from typing import Protocol

    class Stoppable(Protocol):
        """The little the guard needs of the app."""

        def end_active_session(self) -> None:
            """Stop and save the session in progress, if any."""

        def rescue_unsaved(self) -> str | None:
            """Write sessions that could not be saved to a file elsewhere; the line saying where."""

        def exit(self, result: None = None, return_code: int = 0, message: None = None) -> None:
            """Leave the app, restoring the terminal."""


DEADLINE_SECONDS = 0.8
HANDLED = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
# How often to check that the terminal still exists (SIGHUP may never come: nohup, setsid).
TERMINAL_CHECK_SECONDS = 1.0


def terminal_alive(fd: int | None = None) -> bool:
    """Whether the terminal on `fd` (stdout by default) is still connected."""
    if fd is None:
        stream = sys.__stdout__
        if stream is None:
            return False
        try:
            fd = stream.fileno()
        except (OSError, ValueError):
            return False
    # After a hang-up isatty() is False: tcgetattr fails with EIO.
    return os.isatty(fd)


class ShutdownGuard:
    """Signal handlers that save the session and end the process promptly and completely."""

    def __init__(
        self,
        app: Stoppable,
        *,
        deadline: float = DEADLINE_SECONDS,
        exit_process: Callable[[int], object] = os._exit,
    ) -> None:
        self._app = app
        self._deadline = deadline
        self._exit_process = exit_process
        self._stop_monitor = threading.Event()
        self._signalled: int | None = None
        self._previous: dict[int, object] = {}
        # What to tell on stderr once the terminal is restored (where unsaved sessions went).
        self.farewell: str | None = None
        self._farewell_said = False

    def install(self) -> None:
        """Handle SIGHUP, SIGTERM and SIGINT from now on (call from the main thread)."""
        for signum in HANDLED:
            self._previous[signum] = signal.signal(signum, self._on_signal)

    def uninstall(self) -> None:
        """Put the previous handlers back and stop watching the terminal."""
        self._stop_monitor.set()
        for signum, handler in self._previous.items():
            with contextlib.suppress(TypeError, ValueError):
                signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous.clear()

    def watch_terminal(self, interval: float = TERMINAL_CHECK_SECONDS) -> None:
        """Raise SIGHUP ourselves if the terminal vanishes without one (nohup, another session)."""

        def watch() -> None:
            while not self._stop_monitor.wait(interval):
                if not terminal_alive():
                    # The handler runs in the main thread, where saving is safe.
                    os.kill(os.getpid(), signal.SIGHUP)
                    return

        threading.Thread(target=watch, name="supple-terminal-watch", daemon=True).start()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._signalled is not None:
            if signum != signal.SIGINT:
                self._exit_process(128 + signum)  # asked twice: go now, the save already ran
            return
        self._signalled = signum
        self._start_watchdog(128 + signum)
        try:
            # The loop runs in this thread: the save waits for what was interrupted to end.
            asyncio.get_running_loop().call_soon_threadsafe(self._finish, signum)
        except RuntimeError:  # no loop running (before the app, or after it): nothing to wait for
            self._finish(signum)

    def say_farewell(self) -> None:
        """Print, once, where the sessions that could not be saved were written."""
        if self.farewell is not None and not self._farewell_said:
            self._farewell_said = True
            # The real stderr: while Textual runs, sys.stderr is captured by the app.
            with contextlib.suppress(Exception):
                print(self.farewell, file=sys.__stderr__, flush=True)

    def _finish(self, signum: int) -> None:
        try:
            self._app.end_active_session()
        except Exception as exc:  # the exit must happen; say what went wrong where it can be seen
            with contextlib.suppress(Exception):
                print(f"supple: could not save the session: {exc!r}", file=sys.__stderr__)
        try:
            # No one to ask: whatever could not be saved goes to a file elsewhere.
            self.farewell = self._app.rescue_unsaved()
        except Exception as exc:
            self.farewell = f"supple: sessions not saved could not be written elsewhere: {exc!r}"
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or not terminal_alive():
            # Nothing to restore on a dead terminal, and Textual would block writing to it.
            self.say_farewell()
            self._exit_process(128 + signum)
            return
        loop.call_soon_threadsafe(lambda: self._app.exit(return_code=128 + signum))

    def _start_watchdog(self, code: int) -> None:
        def end_regardless() -> None:
            threading.Event().wait(self._deadline)
            self.say_farewell()
            self._exit_process(code)

        threading.Thread(target=end_regardless, name="supple-exit-watchdog", daemon=True).start()
