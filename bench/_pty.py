"""Run a command in a real pseudo-terminal and watch what it draws (bench helper)."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from fcntl import ioctl

import pyte


class PtyApp:
    """A child process on a pty of a given size, with a pyte screen fed from its output."""

    def __init__(self, argv: Sequence[str], cols: int, rows: int, env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.execvpe(argv[0], list(argv), {**env, "TERM": "xterm-256color"})
        self.pid, self.fd = pid, fd
        ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_read = 0
        self.last_arrival = self.started

    def pump(self, timeout: float) -> int:
        """Read whatever arrives within `timeout` seconds; returns the byte count.

        Bytes are drained as fast as they come and only then parsed: pyte takes about 3 ms
        to parse 4 KB, and a pty holds about 4 KB, so parsing each read before the next
        would slow the app's writes down to pyte's pace and time pyte, not the app.
        `last_arrival` is when the newest bytes reached the terminal.
        """
        got = 0
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return got
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return got
            chunks = self._drain()
            if not chunks:
                return got
            data = b"".join(chunks)
            got += len(data)
            self.bytes_read += len(data)
            self.stream.feed(data)

    def _drain(self) -> list[bytes]:
        """Every byte ready now, read without parsing (see `pump`); [] at the end."""
        chunks: list[bytes] = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return chunks
            if not data:
                return chunks
            chunks.append(data)
            self.last_arrival = time.perf_counter()
            ready, _, _ = select.select([self.fd], [], [], 0)
            if not ready:
                return chunks

    def text(self) -> str:
        """The screen as plain text."""
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        """Seconds from launch until the bytes that put `needle` on screen had arrived."""
        deadline = time.perf_counter() + timeout
        while needle not in self.text():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{needle!r} never appeared:\n{self.text()}")
            self.pump(0.005)
        return self.last_arrival - self.started

    def send(self, keys: bytes) -> None:
        """Type keys."""
        os.write(self.fd, keys)

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the child has used so far."""
        with open(f"/proc/{self.pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def close(self) -> None:
        """End the child and reap it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.perf_counter() + 3
        while time.perf_counter() < deadline:
            self.pump(0.01)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
