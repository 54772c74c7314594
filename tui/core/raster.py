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

from tui.core.curve import smooth
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
# Brush radius as a fraction of the figure's height: about a limb's thickness.
_STROKE = 1 / 34


def cells_for(term: str | None) -> Cells:
    """Half blocks on the Linux console (TERM=linux), whose font has no braille; else braille."""
    return Cells.BLOCKS if term == "linux" else Cells.BRAILLE


def rows_for_width(figure: Figure, width: int, cells: Cells) -> int:
    """Rows that show a figure `width` cells wide at its own proportions."""
    per_x, per_y = cells.value
    return max(2, math.ceil(width * per_x / figure.aspect / per_y))


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
    # Dots are about square in both modes, so the box keeps its aspect in dots.
    box_h = min(float(canvas.height), canvas.width / figure.aspect)
    box_w = box_h * figure.aspect
    left = (canvas.width - box_w) / 2
    top = (canvas.height - box_h) / 2
    radius = max(0.5, box_h * _STROKE)

    def at(point: Point) -> Point:
        # Inset by the brush so a joint on the box's edge is still painted inside it.
        x, y = point
        inset = min(radius, box_w / 4, box_h / 4)
        return (
            left + inset + x * (box_w - 2 * inset),
            top + inset + y * (box_h - 2 * inset),
        )

    joints = dict(figure.joints)
    if figure.mat is not None and height > 1:
        y = at((0.0, figure.mat))[1]
        canvas.stroke((0.5, y), (canvas.width - 0.5, y), 0.0, MAT)
    canvas.disc(at(joints[figure.head]), max(radius, figure.head_radius * box_h), BODY)
    for a, b in _pairs(smooth([at(joints[name]) for name in figure.spine])):
        canvas.stroke(a, b, radius * 1.3, BODY)
    for name, chain in figure.limbs:
        working = name in figure.working
        ink, brush = (WORKING, radius * 1.7) if working else (BODY, radius)
        for a, b in _pairs([at(joints[j]) for j in chain]):
            canvas.stroke(a, b, brush, ink)
    return _to_cells(canvas, width, height, cells)


def _pairs(points: list[Point]) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(points))


def _to_cells(canvas: _Canvas, width: int, height: int, cells: Cells) -> Drawing:
    per_x, per_y = cells.value
    rows, inks = [], []
    for row in range(height):
        chars, row_inks = [], []
        for col in range(width):
            dots = [
                (dx, dy, canvas.dots[row * per_y + dy][col * per_x + dx])
                for dx in range(per_x)
                for dy in range(per_y)
            ]
            ink = max((d[2] for d in dots), key=_RANK.__getitem__)
            if cells is Cells.BRAILLE:
                bits = sum(_BRAILLE_BITS[dx][dy] for dx, dy, dot in dots if dot != NONE)
                chars.append(chr(0x2800 + bits) if bits else " ")
            else:
                lit = {dy for _, dy, dot in dots if dot != NONE}
                chars.append(half_block(0 in lit, 1 in lit))
            row_inks.append(ink)
        rows.append("".join(chars))
        inks.append("".join(row_inks))
    return Drawing(tuple(rows), tuple(inks))
