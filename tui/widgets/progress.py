"""Smooth bars drawn in eighths of a cell: across for progress, upward for breathing.

Textual rewrites a changed line from the left edge of the widget that owns it, so the
horizontal bar is made of narrow chunks: moving the bar's end by an eighth rewrites a
few cells of one chunk, not the whole row.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.core.countdown_math import changed_span, steps_done

_ACROSS = " ▏▎▍▌▋▊▉█"  # 0..8 eighths filled from the left
_UPWARD = " ▁▂▃▄▅▆▇█"  # 0..8 eighths filled from the bottom
CHUNKS = 8


def bar_cells(eighths: int, start: int, width: int) -> str:
    """The cells from `start` to `start + width` of a bar filled `eighths` eighths."""
    return "".join(_ACROSS[max(0, min(8, eighths - 8 * x))] for x in range(start, start + width))


class _Chunk(Widget):
    """A slice of a SmoothBar; it draws its own cells of the whole bar."""

    DEFAULT_CSS = "_Chunk { width: 1fr; height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.start = 0  # first cell of the bar this chunk draws
        self._cells = ""

    def covers(self, low: int, high: int) -> bool:
        """Whether a bar end moving between `low` and `high` eighths touches this chunk."""
        return 8 * self.start <= high and low <= 8 * (self.start + len(self._cells))

    def update_cells(self, eighths: int, start: int | None = None) -> None:
        """Redraw the cells that changed for a bar `eighths` long."""
        if start is not None:
            self.start = start
        cells = bar_cells(eighths, self.start, self.size.width)
        if cells == self._cells:
            return
        span = changed_span(self._cells, cells) if len(cells) == len(self._cells) else None
        self._cells = cells
        if span is None:
            self.refresh()
        else:
            self.refresh(Region(span[0], 0, span[1] - span[0], self.size.height))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        return Strip([Segment(self._cells.ljust(width)[:width], self.rich_style)], width)


class SmoothBar(Horizontal):
    """A progress bar with eighth-of-a-cell steps; `fraction` from 0 to 1."""

    DEFAULT_CSS = "SmoothBar { height: 1; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.fraction = 0.0
        self._eighths = 0
        self._chunks: list[_Chunk] = []

    def compose(self) -> ComposeResult:
        self._chunks = [_Chunk() for _ in range(CHUNKS)]
        yield from self._chunks

    @property
    def steps(self) -> int:
        """How many visible steps the bar has at its current width."""
        return self.size.width * 8

    def set_fraction(self, fraction: float) -> None:
        """Fill the bar to `fraction`, repainting only what moved."""
        self.fraction = fraction
        eighths = steps_done(fraction, self.steps)
        if eighths == self._eighths:
            return
        low, high = sorted((eighths, self._eighths))
        self._eighths = eighths
        for chunk in self._chunks:
            if chunk.covers(low, high):
                chunk.update_cells(eighths)

    def on_resize(self) -> None:
        self.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        """Tell each chunk where it starts, now that the layout is known."""
        self._eighths = steps_done(self.fraction, self.steps)
        for chunk in self._chunks:
            chunk.update_cells(self._eighths, start=chunk.region.x - self.region.x)


class LevelColumn(Widget):
    """A column that fills from the bottom: the breathing guide."""

    DEFAULT_CSS = "LevelColumn { width: 4; height: 1fr; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.level = 0.0
        self._rows: list[str] = []

    @property
    def steps(self) -> int:
        """How many visible steps the column has at its current height."""
        return self.size.height * 8

    def set_level(self, level: float) -> None:
        """Fill to `level` from 0 to 1, repainting only the rows that changed."""
        self.level = level
        height, width = self.size.height, self.size.width
        eighths = steps_done(level, height * 8)
        rows = [
            _UPWARD[max(0, min(8, eighths - 8 * (height - 1 - y)))] * width for y in range(height)
        ]
        if len(rows) != len(self._rows):
            self._rows = rows
            self.refresh()
            return
        for y, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self.refresh(Region(0, y, width, 1))
        self._rows = rows

    def on_resize(self) -> None:
        self._rows = []
        self.set_level(self.level)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self._rows[y] if y < len(self._rows) else ""
        return Strip([Segment(row.ljust(width)[:width], self.rich_style)], width)
