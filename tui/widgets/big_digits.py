"""One character of the big seven-segment time left.

Each character is its own small widget: Textual rewrites a changed line from the
left edge of the widget that owns it, so a one-digit change then costs one glyph's
changed rows, not the whole number's.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from tui.core.big_font import MIN_HEIGHT, glyph_lines
from tui.core.spans import changed_span
from tui.widgets.leaf import Leaf

SLOTS = 5  # "mm:ss" is the longest text shown


class Glyph(Leaf):
    """One big character; repaints only the rows that differ from what is on screen."""

    DEFAULT_CSS = "Glyph { width: 0; height: 0; }"

    def __init__(self) -> None:
        super().__init__()
        self._char = " "
        self._height = MIN_HEIGHT
        self._lines: tuple[str, ...] = ()

    def show(self, char: str, height: int) -> None:
        """Show `char` at `height` rows, refreshing only changed rows."""
        if char == self._char and height == self._height:
            return
        new = glyph_lines(char, height)
        if height != self._height or [len(r) for r in new] != [len(r) for r in self._lines]:
            self._char, self._height, self._lines = char, height, new
            self.refresh()
            return
        for y, (old_row, new_row) in enumerate(zip(self._lines, new, strict=True)):
            span = changed_span(old_row, new_row)
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))
        self._char, self._lines = char, new

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self._lines[y] if y < len(self._lines) else ""
        return Strip([Segment(row.ljust(width)[:width], self.cell_style)], width)
