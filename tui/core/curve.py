"""Smooth curves through a figure's joints, shared by the terminal and SVG drawings."""

from __future__ import annotations

from tui.core.figure import Point

_STEPS = 16


def smooth(points: list[Point], steps: int = _STEPS) -> list[Point]:
    """A Catmull-Rom curve through the points, as short straight pieces."""
    if len(points) < 3:
        return points
    padded = [points[0], *points, points[-1]]
    curve = [points[0]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for step in range(1, steps + 1):
            t = step / steps
            curve.append(
                (_blend(p0[0], p1[0], p2[0], p3[0], t), _blend(p0[1], p1[1], p2[1], p3[1], t))
            )
    return curve


def _blend(a: float, b: float, c: float, d: float, t: float) -> float:
    t2, t3 = t * t, t * t * t
    return 0.5 * (
        2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3
    )
