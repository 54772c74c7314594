"""Clocks: real monotonic time for the session engine, optionally sped up, and the local date."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], float]


def scaled_clock(speed: float = 1.0, base: Clock = time.monotonic) -> Clock:
    """A clock that runs `speed` times faster than `base` (for --speed demos and trials)."""
    if speed == 1.0:
        return base
    origin = base()
    return lambda: origin + (base() - origin) * speed


def local_now() -> datetime:
    """The wall-clock time here, with the local timezone attached."""
    return datetime.now().astimezone()
