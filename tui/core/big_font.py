"""Seven-segment digits of any size, drawn with half blocks so strokes can be half a row.

Seven segments read well from across a room, and their strokes do not thicken with
the size the way a scaled bitmap does, so a digit change rewrites few cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tui.core.half_blocks import half_block

MIN_HEIGHT = 5

# Segments: a top, b upper right, c lower right, d bottom, e lower left, f upper left, g middle.
_SEGMENTS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abdeg",
    "3": "abcdg",
    "4": "bcfg",
    "5": "acdfg",
    "6": "acdefg",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
    "-": "g",
    " ": "",
}
# Top pixel, bottom pixel -> character.


@dataclass(frozen=True)
class GlyphSize:
    """Cell sizes of one height of the font."""

    height: int  # rows
    width: int  # columns of a digit
    stroke: int  # columns of a vertical stroke (and of the colon)
    bar: int  # half-rows of a horizontal stroke
    gap: int  # columns between characters

    def char_width(self, char: str) -> int:
        """Columns taken by one character."""
        return self.stroke if char == ":" else self.width

    def text_width(self, text: str) -> int:
        """Columns taken by a whole text, gaps included."""
        if not text:
            return 0
        return sum(self.char_width(c) for c in text) + self.gap * (len(text) - 1)


@lru_cache(maxsize=64)
def glyph_size(height: int) -> GlyphSize:
    """The proportions for digits `height` rows tall (a cell is about twice as tall as wide)."""
    height = max(MIN_HEIGHT, height)
    width = max(5, round(height * 1.2))
    return GlyphSize(
        height=height,
        width=width,
        stroke=max(2, round(width / 5)),
        bar=max(2, round(height / 4)),
        gap=max(1, width // 5),
    )


def fit_height(text: str, max_width: int, max_height: int, wanted: int) -> int | None:
    """The tallest height up to `wanted` that fits, or None if even the smallest won't."""
    for height in range(min(wanted, max_height), MIN_HEIGHT - 1, -1):
        if glyph_size(height).text_width(text) <= max_width:
            return height
    return None


@lru_cache(maxsize=256)
def glyph_lines(char: str, height: int) -> tuple[str, ...]:
    """The rows of one character: a digit, ":", "-" or a space."""
    size = glyph_size(height)
    if char == ":":
        return _colon(size)
    on = _SEGMENTS.get(char, "")
    width, px_rows = size.width, 2 * size.height
    bar, stroke = size.bar, size.stroke
    middle = (px_rows - bar) // 2

    def lit(x: int, y: int) -> bool:
        left, right = x < stroke, x >= width - stroke
        upper, lower = y < middle + bar, y >= middle
        return (
            ("a" in on and y < bar)
            or ("d" in on and y >= px_rows - bar)
            or ("g" in on and middle <= y < middle + bar)
            or ("f" in on and left and upper)
            or ("b" in on and right and upper)
            or ("e" in on and left and lower)
            or ("c" in on and right and lower)
        )

    return tuple(
        "".join(half_block(lit(x, 2 * row), lit(x, 2 * row + 1)) for x in range(width))
        for row in range(size.height)
    )


def _colon(size: GlyphSize) -> tuple[str, ...]:
    px_rows = 2 * size.height
    dot = size.bar
    dots: set[int] = set()
    for centre in (px_rows // 3, px_rows - px_rows // 3):
        dots.update(range(centre - dot // 2, centre - dot // 2 + dot))
    return tuple(
        half_block(2 * row in dots, 2 * row + 1 in dots) * size.stroke for row in range(size.height)
    )
