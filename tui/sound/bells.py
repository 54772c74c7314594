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

    def play(self, pattern: tuple[int, ...]) -> None:
        """Ring a bell at each step of `pattern` (`gap` apart each): step 0 now, on the loop."""
        self.cancel()
        if not pattern:
            return
        loop = asyncio.get_running_loop()
        first = pattern[0]
        self._ring()
        self._later = [loop.call_later(self.gap * (n - first), self._ring) for n in pattern[1:]]

    def cancel(self) -> None:
        """Drop the bells of a pattern still to ring."""
        for handle in self._later:
            handle.cancel()
        self._later = []
