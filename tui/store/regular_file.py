"""Open only regular files: a FIFO or a device named where a file belongs never hangs or floods."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class NotARegularFile(OSError):
    """A path that names a FIFO, a device, a socket or a folder instead of a file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"it is {kind}, not a regular file")
        self.strerror = f"it is {kind}, not a regular file"
        self.path = path

    def __str__(self) -> str:
        return str(self.strerror)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, if it is a regular file (a link to one is followed).

    Opened without waiting (O_NONBLOCK), so a FIFO with no writer cannot hang the open;
    anything but a regular file is closed again and refused with NotARegularFile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(path, _kind(mode))
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # a regular file's reads never wait anyway
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of the regular file `path`: more than `limit` means too large."""
    with open_regular(path) as file:
        return file.read(limit + 1)
