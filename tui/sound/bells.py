"""Bell patterns: a few terminal bells a short gap apart, on the event loop, never waiting."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class BellPlayer:
    """Rings a pattern of bells; a new pattern replaces the rest of an unfinished one."""

    def __init__(self, ring: Callable[[], None], gap: float) -> None:
        self._ring = ring
        self.gap = gap  # seconds between bells (already divided by --speed)
        self._later: list[asyncio.TimerHandle] = []

    def play(self, bells: int) -> None:
        """Ring `bells` times: the first now, the rest `gap` apart on the running loop."""
        self.cancel()
        if bells <= 0:
            return
        self._ring()
        loop = asyncio.get_running_loop()
        self._later = [loop.call_later(self.gap * n, self._ring) for n in range(1, bells)]

    def cancel(self) -> None:
        """Drop the bells of a pattern still to ring."""
        for handle in self._later:
            handle.cancel()
        self._later = []
