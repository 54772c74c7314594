"""A word in big letters (LEFT, RIGHT, INHALE, EXHALE), centred in its box."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip

from tui.core.big_words import word_lines
from tui.widgets.leaf import Leaf


class BigWord(Leaf):
    """Shows one word three (or six) rows tall; repaints only when the word changes."""

    DEFAULT_CSS = "BigWord { height: 3; }"

    def __init__(self) -> None:
        super().__init__()
        self.word = ""
        self._scale = 1
        self._lines: tuple[str, ...] = ()

    def show(self, word: str, scale: int) -> None:
        """Show `word` at `scale` (1 or 2), or nothing for ""."""
        if (word, scale) == (self.word, self._scale):
            return
        self.word, self._scale = word, scale
        self._lines = word_lines(word, scale) if word and scale else ()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self._lines[y] if y < len(self._lines) else ""
        return Strip([Segment(row[:width].center(width), self.cell_style)], width)
