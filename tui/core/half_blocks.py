"""A terminal cell as two pixels, top and bottom, drawn with half blocks (every font has them)."""

from __future__ import annotations


def half_block(top: bool, bottom: bool) -> str:
    """The cell with its top half, its bottom half, both or neither lit."""
    return _HALF_BLOCKS[top, bottom]


_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
