"""The time left in big seven-segment digits that scale with the terminal.

Each character is its own small widget: Textual rewrites a changed line from the
left edge of the widget that owns it, so a one-digit change then costs one glyph's
changed rows, not the whole number's.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tui.core.big_font import MIN_HEIGHT, fit_height, glyph_lines, glyph_size
from tui.core.countdown_math import changed_span

SLOTS = 5  # "mm:ss" is the longest text shown


class Glyph(Widget):
    """One big character; repaints only the rows that differ from what is on screen."""

    DEFAULT_CSS = """
    Glyph { width: 0; height: 0; }
    """

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
        return Strip([Segment(row.ljust(width)[:width], self.rich_style)], width)


class BigDigits(Horizontal):
    """Time left as big digits, or as plain bold text where the terminal is too small."""

    DEFAULT_CSS = """
    BigDigits { height: 1fr; align: center middle; }
    BigDigits > Glyph { margin: 0; }
    BigDigits > #compact { width: auto; height: 1; text-style: bold; display: none; }
    BigDigits.-compact > #compact { display: block; }
    BigDigits.-compact > Glyph { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.wanted_height = MIN_HEIGHT
        self.glyph_height = 1  # rows the digits take now (1 when compact)
        self._layout_key: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        self._glyphs = [Glyph() for _ in range(SLOTS)]
        self._compact = Static(id="compact")
        yield from self._glyphs
        yield self._compact

    def on_resize(self) -> None:
        self._apply(force=True)

    def show(self, text: str, wanted_height: int) -> None:
        """Show `text` ("45", "1:30"), aiming for `wanted_height` rows."""
        if text == self.text and wanted_height == self.wanted_height:
            return
        self.text = text[-SLOTS:]
        self.wanted_height = wanted_height
        self._apply()

    def _apply(self, force: bool = False) -> None:
        if not self.is_mounted:
            return
        text, size = self.text, self.size
        height = fit_height(text, size.width, size.height, self.wanted_height)
        glyphs = self._glyphs
        if height is None:
            self.add_class("-compact")
            self._compact.update(text)
            self._layout_key = ()
            self.glyph_height = 1
            return
        self.remove_class("-compact")
        self.glyph_height = height
        font = glyph_size(height)
        widths = tuple(font.char_width(c) for c in text)
        key = (height, *widths)
        if force or key != self._layout_key:
            self._layout_key = key
            for index, glyph in enumerate(glyphs):
                visible = index < len(text)
                glyph.display = visible
                if visible:
                    glyph.styles.width = widths[index]
                    glyph.styles.height = height
                    glyph.styles.margin = (0, 0, 0, font.gap if index else 0)
        for glyph, char in zip(glyphs, text, strict=False):
            glyph.show(char, height)
