"""Bell patterns on the event loop: the first bell at once, the rest a gap apart, never waiting."""

from __future__ import annotations

import asyncio

import pytest

from tui.sound.bells import BellPlayer


async def test_a_pattern_rings_once_now_and_books_the_rest_a_gap_apart() -> None:
    rings: list[float] = []
    loop = asyncio.get_running_loop()
    player = BellPlayer(lambda: rings.append(loop.time()), gap=0.35)
    start = loop.time()
    player.play((0, 1, 3, 4))  # switch sides: two, a pause, two
    assert len(rings) == 1  # play() returned at once, with one bell rung
    booked = [handle.when() - start for handle in player._later]
    assert booked == pytest.approx([0.35, 1.05, 1.4], abs=0.05)


async def test_a_new_pattern_replaces_the_rest_of_an_unfinished_one() -> None:
    rings: list[str] = []
    player = BellPlayer(lambda: rings.append("ding"), gap=0.35)
    player.play((0, 1, 2))
    first = list(player._later)
    player.play((0,))
    assert all(handle.cancelled() for handle in first)
    assert rings == ["ding", "ding"] and player._later == []
