"""Where two rows of cells differ: what a redraw has to repaint."""

from __future__ import annotations

from collections.abc import Sequence


def changed_span(old: Sequence[object], new: Sequence[object]) -> tuple[int, int] | None:
    """The first and one-past-last positions where two equal-length rows differ, if any."""
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    return (differ[0], differ[-1] + 1) if differ else None
