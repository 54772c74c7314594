"""Draw a figure into a grid of terminal cells, at sub-cell resolution.

Braille gives 2×4 dots a cell; the Linux console's font has no braille, so there the
fallback is half blocks (1×2 a cell), which every console font has. Strokes are round
brushes, their width a fraction of the figure's height, so a figure reads the same
at any size; the working limb is a size heavier, which shows without colour too.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from enum import Enum

from tui.core.body import BODY as PROPORTIONS
from tui.core.body_parts import body_parts, layout
from tui.core.figure import Figure, Point
from tui.core.half_blocks import half_block


class Cells(Enum):
    """How sub-cell dots become characters."""

    BRAILLE = (2, 4)
    BLOCKS = (1, 2)


# What each cell shows, strongest first wins: the working limb over the body over the mat.
NONE, MAT, BODY, WORKING = " ", "m", "b", "w"
_RANK = {NONE: 0, MAT: 1, BODY: 2, WORKING: 3}
# Braille dot bits, by (column, row) inside the 2×4 cell.
_BRAILLE_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
# Half blocks: bit 1 is the top dot, bit 2 the bottom one.
_BIT_OF = {Cells.BRAILLE: _BRAILLE_BITS, Cells.BLOCKS: ((1, 2),)}


def cells_for(term: str | None) -> Cells:
    """Half blocks on the Linux console (TERM=linux), whose font has no braille; else braille."""
    return Cells.BLOCKS if term == "linux" else Cells.BRAILLE


def rows_for_width(figure: Figure, width: int, cells: Cells, most: int | None = None) -> int:
    """Rows that show a figure `width` cells wide at its own proportions.

    With `most` rows at most, two views may stand one above the other if that draws
    them larger; without it they stand side by side, as `supple poses` prints them.
    """
    per_x, per_y = cells.value
    options = [layout(figure)]
    if most is not None and len(figure.views) > 1:
        options.append(layout(figure, stacked=True))
    limit = math.inf if most is None else most * per_y
    scale, best = max(
        ((min(width * per_x / p.width, limit / p.height), p) for p in options),
        key=lambda option: option[0],
    )
    rows = math.ceil(best.height * scale / per_y - 1e-9)
    return max(2, rows if most is None else min(most, rows))


@dataclass(frozen=True)
class Drawing:
    """A figure as rows of characters and, cell for cell, which ink each one takes."""

    rows: tuple[str, ...]
    inks: tuple[str, ...]  # NONE, MAT, BODY or WORKING per cell

    @property
    def text(self) -> str:
        """The drawing as plain lines."""
        return "\n".join(self.rows)


class _Canvas:
    """A grid of dots, each holding the strongest ink drawn on it."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.dots = [[NONE] * width for _ in range(height)]

    def put(self, x: int, y: int, ink: str) -> None:
        if 0 <= x < self.width and 0 <= y < self.height and _RANK[ink] > _RANK[self.dots[y][x]]:
            self.dots[y][x] = ink

    def stroke(self, a: Point, b: Point, radius: float, ink: str) -> None:
        """A straight line from a to b with a round brush; both ends are painted."""
        (ax, ay), (bx, by) = a, b
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        reach = radius + 0.5
        for y in range(math.floor(min(ay, by) - reach), math.ceil(max(ay, by) + reach) + 1):
            for x in range(math.floor(min(ax, bx) - reach), math.ceil(max(ax, bx) + reach) + 1):
                cx, cy = x + 0.5, y + 0.5  # the dot's centre
                t = 0.0 if length2 == 0 else ((cx - ax) * dx + (cy - ay) * dy) / length2
                t = min(1.0, max(0.0, t))
                px, py = ax + t * dx - cx, ay + t * dy - cy
                if px * px + py * py <= reach * reach:
                    self.put(x, y, ink)

    def disc(self, centre: Point, radius: float, ink: str) -> None:
        self.stroke(centre, centre, radius, ink)


def draw(figure: Figure, width: int, height: int, cells: Cells = Cells.BRAILLE) -> Drawing:
    """The figure scaled into exactly `width`×`height` cells, keeping its proportions."""
    width, height = max(0, width), max(0, height)
    per_x, per_y = cells.value
    canvas = _Canvas(width * per_x, height * per_y)
    # Two views stand one above the other when that draws them larger (a tall narrow box).
    options = [layout(figure, stacked) for stacked in (False, True)[: len(figure.views)]]
    # Dots are about square in both modes, so one scale serves both directions.
    scale, placing = max(
        ((min(canvas.width / p.width, canvas.height / p.height), p) for p in options),
        key=lambda option: option[0],
    )
    left = (canvas.width - placing.width * scale) / 2
    # Standing on the bottom of the box: the floor is where the eye looks for it.
    ground = canvas.height - PROPORTIONS.floor * scale
    if height > 1:
        for floor in placing.floors:
            y = ground - floor * scale + PROPORTIONS.floor * scale / 2
            canvas.stroke((0.5, y), (canvas.width - 0.5, y), 0.0, MAT)
    for view, right, up in placing.placed:

        def at(point: Point, right: float = right, up: float = up) -> Point:
            return (left + (point[0] + right) * scale, ground - (point[1] + up) * scale)

        for part in body_parts(view, figure.working):
            points = [at(p) for p in part.points]
            thin = PROPORTIONS.terminal_stroke if len(points) > 1 else 1.0
            radius = max(0.6, part.radius * thin * scale)
            ink = WORKING if part.working else BODY
            if len(points) == 1:
                canvas.disc(points[0], radius, ink)
            for a, b in itertools.pairwise(points):
                canvas.stroke(a, b, radius, ink)
    return _to_cells(canvas, width, height, cells)


def _to_cells(canvas: _Canvas, width: int, height: int, cells: Cells) -> Drawing:
    per_x, per_y = cells.value
    rank = _RANK.__getitem__
    rows, inks = [], []
    for row in range(height):
        lines = canvas.dots[row * per_y : (row + 1) * per_y]
        chars, row_inks = [], []
        for col in range(width):
            x = col * per_x
            bits, ink = 0, NONE
            for dy, line in enumerate(lines):
                for dx in range(per_x):
                    dot = line[x + dx]
                    if dot != NONE:
                        bits |= _BIT_OF[cells][dx][dy]
                        if rank(dot) > rank(ink):
                            ink = dot
            if cells is Cells.BRAILLE:
                chars.append(chr(0x2800 + bits) if bits else " ")
            else:
                chars.append(half_block(bool(bits & 1), bool(bits & 2)))
            row_inks.append(ink)
        rows.append("".join(chars))
        inks.append("".join(row_inks))
    return Drawing(tuple(rows), tuple(inks))
