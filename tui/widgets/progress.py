"""Smooth bars drawn in eighths of a cell: across for progress, upward for breathing.

Textual rewrites a changed line from the left edge of the widget that owns it, so the
end of the horizontal bar is drawn by a narrow widget of its own: moving the end by an
eighth rewrites a few cells, not the whole row.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.core.countdown_layout import BREATH_ROW_STEPS, BREATH_WIDTH
from tui.core.countdown_math import steps_done
from tui.core.spans import changed_span
from tui.widgets.leaf import Leaf

# 0..8 eighths filled from the left; an empty cell shows the track, so the bar's full
# length is visible in every theme and without colour.
_ACROSS = "─▏▎▍▌▋▊▉█"
_UPWARD = " ▁▂▃▄▅▆▇█"  # 0..8 eighths filled from the bottom
WINDOW = 8  # cells drawn by a bar's moving end


def thin_bar_cells(halves: int, width: int) -> tuple[str, str]:
    """A thin bar filled `halves` half-cells: the filled part and the track after it."""
    full, half = divmod(max(0, min(2 * width, halves)), 2)
    filled = "━" * full + ("╸" if half else "")
    return filled, "─" * (width - len(filled))


def bar_cells(eighths: int, start: int, width: int) -> str:
    """The cells from `start` to `start + width` of a bar filled `eighths` eighths."""
    return "".join(_ACROSS[max(0, min(8, eighths - 8 * x))] for x in range(start, start + width))


class BarEnd(Leaf):
    """The few cells around a progress bar's moving end; the countdown draws the rest.

    One small widget that moves along every few cells, rather than a row of slices:
    each widget a redraw touches costs Textual a round of messages and a render.
    """

    DEFAULT_CSS = "BarEnd { height: 1; }"

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.start = -1  # first bar cell this window draws; -1 until placed
        self._text = ""

    def update_cells(self, eighths: int, start: int) -> None:
        """Draw the window's cells for a bar `eighths` long, repainting only what changed."""
        text = bar_cells(eighths, start, WINDOW)
        if start != self.start:
            self.start = start
            self._text = text
            self.refresh()
            return
        span = changed_span(self._text, text)
        self._text = text
        if span is not None:
            self.refresh(Region(span[0], 0, span[1] - span[0], 1))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        return Strip([Segment(self._text.ljust(width)[:width], self.cell_style)], width)


def window_start(eighths: int, width: int) -> int:
    """The first cell of the window that holds a bar's end, moving on in steps of `WINDOW`."""
    return max(0, min(width - WINDOW, WINDOW * (eighths // 8 // WINDOW)))


class LevelColumn(Leaf):
    """A column that fills from the bottom in segments, a row each: the breathing guide.

    It is one cell wider than the guide, that cell drawn as the countdown behind it:
    Textual ends a repainted row that stops exactly where the next widget starts with
    an empty cursor move, ten bytes per row, several rows a frame while breathing.
    """

    DEFAULT_CSS = "LevelColumn { width: 4; height: 5; }"

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.level = 0.0
        self.rows = 0  # height in rows, known before the layout is
        self._rows: list[str] = []
        self._behind: Style | None = None

    @property
    def steps(self) -> int:
        """How many visible steps the column has."""
        return self.rows * BREATH_ROW_STEPS

    def place(self, x: int, y: int, rows: int) -> None:
        """Stand the column at column `x`, from row `y`, `rows` tall."""
        self.styles.offset = (x, y)
        self.styles.height = rows
        if rows != self.rows:
            self.rows = rows
            self._rows = []
            self.set_level(self.level)

    def set_level(self, level: float) -> None:
        """Fill to `level` from 0 to 1, repainting only the rows that changed."""
        self.level = level
        height, width = self.rows, BREATH_WIDTH
        filled, per_row = steps_done(level, height * BREATH_ROW_STEPS), BREATH_ROW_STEPS
        rows = [
            _UPWARD[max(0, min(per_row, filled - per_row * (height - 1 - y)))] * width
            for y in range(height)
        ]
        if len(rows) != len(self._rows):
            self._rows = rows
            self.refresh()
            return
        for y, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self.refresh(Region(0, y, width, 1))
        self._rows = rows

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._behind = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self._rows[y] if y < len(self._rows) else ""
        guide = Segment(row.ljust(BREATH_WIDTH)[:BREATH_WIDTH], self.cell_style)
        if self._behind is None:
            parent = self.parent
            self._behind = parent.rich_style if isinstance(parent, Widget) else self.cell_style
        rest = Segment(" " * max(0, width - BREATH_WIDTH), self._behind)
        return Strip([guide, rest], BREATH_WIDTH + rest.cell_length).crop(0, width)
