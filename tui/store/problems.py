"""Why a save failed, in the plain words a person needs to decide what to do."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "the folder is read-only for you",
    errno.EPERM: "the folder is read-only for you",
}


@dataclass(frozen=True)
class SaveProblem:
    """Why sessions could not be written: a reason in plain words, and the file it concerns."""

    reason: str  # "the disk is full"
    path: Path

    def __str__(self) -> str:
        return f"{self.reason} ({self.path})"

    def short_line(self) -> str:
        """One line for the session screen's notice line (fits 80 columns)."""
        return f"Not saved yet: {self.reason}. Supple keeps trying."

    def whole_story(self) -> str:
        """What happened, what Supple does about it, and what quitting will do."""
        return (
            f"Not saved: {self}. Supple will keep trying; your session is safe while Supple "
            "is open. Quitting asks first and can write it to a file elsewhere."
        )


def lock_busy(exc: BaseException | None) -> bool:
    """Whether `exc` (or its cause) says another process holds the lock right now."""
    from filelock import Timeout

    while exc is not None:
        if isinstance(exc, Timeout):
            return True
        exc = exc.__cause__
    return False


def plain_problem(exc: BaseException | None, path: Path) -> SaveProblem:
    """What went wrong writing `path` ("the disk is full"), without jargon."""
    if lock_busy(exc):
        return SaveProblem("another program holds the lock", path)
    cause: BaseException | None = exc
    while cause is not None and not (isinstance(cause, OSError) and cause.errno in _PLAIN):
        cause = cause.__cause__
    if isinstance(cause, OSError) and cause.errno in _PLAIN:
        return SaveProblem(_PLAIN[cause.errno], path)
    if isinstance(exc, OSError) and exc.strerror:
        return SaveProblem(exc.strerror[:1].lower() + exc.strerror[1:], path)
    if exc is None:
        return SaveProblem("the file could not be read, so it is not written over", path)
    return SaveProblem(str(exc), path)
