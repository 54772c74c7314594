"""Textual's Linux/macOS terminal driver, with an input thread that waits quietly for keys.

Two changes to how the driver reads the keyboard, both in its input thread:

- It sleeps until a key arrives. Textual's thread wakes ten times a second to check for a
  lone Escape and for the app ending; during a steady hold that polling was about a seventh
  of the app's CPU. This one waits with a deadline only while a key is half-read (an Escape
  that may begin a longer sequence), and the app's end wakes it through a pipe.
- It makes every key of one read before passing any on (see `_WholeReadParser`), so a burst
  of keys is dropped whole when a dialog closes (tui.screens.dismiss_once).

The loop is Textual 8's `LinuxDriver.run_input_thread` with those two changes.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import threading
from codecs import getincrementaldecoder
from collections.abc import Iterable
from time import monotonic as get_time  # the clock the parser times a half-read key by

# Private to Textual, and needed: the parser is the driver's own (tested in
# tests/app/test_textual_private_parts.py). If a release moves them, the app falls back to
# Textual's driver (SuppleApp.get_driver_class).
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

READ_SIZE = 4096
POLL_SECONDS = 0.1  # Textual's own interval, used where the parser's deadline is unknown


class _WholeReadParser(XTermParser):
    """Turns a whole read into keys before the first is handed on.

    Textual's parser makes each key as the driver asks for the next, so the app could act on
    the first Enter of a burst (and close the picker) before the second was even made, and that
    one was then stamped after the close and not dropped. Made all at once, every key of a read
    is stamped before any of them can act.
    """

    def feed(self, data: str) -> Iterable[Message]:
        return list(super().feed(data))

    def seconds_to_deadline(self) -> float | None:
        """How long the parser can wait for more of a half-read key (None: nothing pending)."""
        # Private to Textual's Parser; if a release renames it, poll as Textual does.
        deadline = getattr(self, "_timeout_time", get_time() + POLL_SECONDS)
        if deadline is None:
            return None
        return max(0.0, deadline - get_time())


class _WakingEvent(threading.Event):
    """The driver's stop flag, which also wakes the input thread from its wait.

    The pipe it wakes the thread through is opened by each input thread as it starts and
    closed with the driver: Textual closes the driver when the app is suspended (ctrl+z)
    and starts a new input thread when it comes back.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pipe: tuple[int, int] | None = None

    def open(self) -> int:
        """A fresh pipe with nothing in it; its end to wait on."""
        self.close()
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        self._pipe = (read_end, write_end)
        return read_end

    def set(self) -> None:
        super().set()
        pipe = self._pipe
        if pipe is not None:  # set and closed from the app's thread only: no race
            with contextlib.suppress(BlockingIOError):  # full: it has been woken already
                os.write(pipe[1], b"\0")

    def close(self) -> None:
        """Close the pipe, if open."""
        pipe, self._pipe = self._pipe, None
        for fd in pipe or ():
            with contextlib.suppress(OSError):
                os.close(fd)


# Signals the app handles (a resize, a hang-up, kill, ctrl+c, coming back from ctrl+z).
MAIN_THREAD_SIGNALS = frozenset(
    {signal.SIGWINCH, signal.SIGHUP, signal.SIGTERM, signal.SIGINT, signal.SIGCONT}
)


def leave_signals_to_the_main_thread() -> None:
    """Block the app's signals in this thread, so the kernel delivers them to the main one.

    Python runs a handler only in the main thread, and only once that thread wakes. This
    thread sleeps in select() with no timeout; a signal delivered here would not wake the
    main loop, which on an idle screen also sleeps with no timeout: a resize (SIGWINCH) of
    the idle main screen then went unseen until the next key.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, MAIN_THREAD_SIGNALS)


class QuietLinuxDriver(LinuxDriver):
    """LinuxDriver whose input thread sleeps between keys and passes on whole reads."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._stop = _WakingEvent()
        self.exit_event = self._stop  # LinuxDriver sets it, then joins the input thread

    def close(self) -> None:
        super().close()
        self._stop.close()

    def run_input_thread(self) -> None:
        """Wait for input and pass its keys on, until the app stops reading."""
        leave_signals_to_the_main_thread()
        stop = self._stop
        wake_fd = stop.open()  # before the first look at the flag, so no stop is missed
        selector = selectors.SelectSelector()  # as Textual: kqueue cannot watch a macOS tty
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(wake_fd, selectors.EVENT_READ)
        parser = _WholeReadParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def read_keys(timeout: float | None) -> None:
            for key, _ in selector.select(timeout):
                if key.fd != self.fileno:
                    continue  # the wake-up: the loop looks at the stop flag
                text = decode(os.read(self.fileno, READ_SIZE))
                if text:  # empty when stdin is a pipe that has ended
                    for message in parser.feed(text):
                        self.process_message(message)
            for message in parser.tick():  # a lone Escape whose wait has run out
                self.process_message(message)

        try:
            while not stop.is_set():
                read_keys(parser.seconds_to_deadline())
            # Textual's loop ends with a tenth of a second's wait for nothing: the keys still
            # unread are flushed once the thread has ended (LinuxDriver.disable_input).
        finally:
            selector.close()
            with contextlib.suppress(EOFError, ParseError):
                for _ in parser.feed(""):
                    pass
