"""Drive the installed `supple` command in a real pseudo-terminal, reading the screen with pyte."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pyte


def supple_command() -> str:
    """The `supple` script installed next to this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name("supple")
    if beside.exists():
        return str(beside)
    found = shutil.which("supple")
    if found is None:
        raise RuntimeError("the supple command is not installed (pip install -e .)")
    return found


class Terminal:
    """One `supple` process on a pty of a fixed size, with a pyte screen of what it shows."""

    def __init__(
        self,
        args: list[str],
        *,
        size: tuple[int, int] = (100, 30),
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.width, self.height = size
        self.screen = pyte.Screen(self.width, self.height)
        self.stream = pyte.ByteStream(self.screen)
        self.exit_status: int | None = None
        self.raw = bytearray()  # everything the app wrote, escape sequences included
        full_env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "", **(env or {})}
        full_env.pop("TEXTUAL", None)  # no devtools
        # pytest-xdist's workers export COLUMNS=80 and LINES=24; a program reading its size
        # through shutil.get_terminal_size (Textual does) would then never see a resize.
        full_env.pop("COLUMNS", None)
        full_env.pop("LINES", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: a session leader whose controlling terminal is the pty
            try:
                _set_size(0, self.width, self.height)
                os.execve(args[0], args, full_env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd: int | None = fd

    # Reading

    def pump(self, timeout: float = 0.05) -> bool:
        """Read whatever the app wrote within `timeout`; False once the pty is closed."""
        if self.fd is None:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed its side
            return False
        if not data:
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    def text(self) -> str:
        """The screen as plain text, one line per row."""
        return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 15.0) -> str:
        """Read until the screen satisfies `predicate`; raise with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if predicate(screen):
                return screen
            if not self.pump() and self.poll_exit() is not None:
                break
        raise AssertionError(f"screen never matched; it shows:\n{self.text()}")

    def wait_for_text(self, *needles: str, timeout: float = 15.0) -> str:
        """Read until any of `needles` is on screen (case-insensitive)."""
        lowered = [n.lower() for n in needles]
        return self.wait_for(lambda s: any(n in s.lower() for n in lowered), timeout)

    # Writing

    def send(self, keys: str | bytes) -> None:
        """Type `keys`."""
        assert self.fd is not None
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def resize(self, width: int, height: int) -> None:
        """Change the terminal size, as dragging the window would (SIGWINCH)."""
        assert self.fd is not None
        self.width, self.height = width, height
        self.screen.resize(height, width)
        _set_size(self.fd, width, height)
        os.kill(self.pid, signal.SIGWINCH)

    # Ending

    def hang_up(self) -> None:
        """Close the terminal: the kernel sends SIGHUP to the app, as a dropped SSH link does."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def poll_exit(self) -> int | None:
        """The exit status if the process has ended (reaped), else None."""
        if self.exit_status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
        return self.exit_status

    def wait_exit(self, timeout: float = 10.0) -> float | None:
        """Seconds until the process ended (its output drained meanwhile), or None if it did not."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.poll_exit() is not None:
                return time.monotonic() - start
            if self.fd is not None:
                self.pump(0.01)
            else:
                select.select([], [], [], 0.005)  # poll with a short interval, not a sync sleep
        return None

    def kill(self) -> None:
        """End the process for good (cleanup after a failed test)."""
        if self.poll_exit() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.hang_up()


def _set_size(fd: int, width: int, height: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))


def processes_using(marker: str) -> list[int]:
    """Pids whose command line mentions `marker` (a unique data folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found
