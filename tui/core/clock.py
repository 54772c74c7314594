"""Clocks for the session engine: real monotonic time, optionally sped up."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


def scaled_clock(speed: float = 1.0, base: Clock = time.monotonic) -> Clock:
    """A clock that runs `speed` times faster than `base` (for --speed demos and trials)."""
    if speed == 1.0:
        return base
    origin = base()
    return lambda: origin + (base() - origin) * speed
