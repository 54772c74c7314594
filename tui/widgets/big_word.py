"""A word in big letters (LEFT, RIGHT, INHALE, EXHALE), centred in its box."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from tui.core.big_words import word_lines
from tui.core.spans import changed_span
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
        """Show `word` at `scale` (1 or 2), or nothing for "", repainting only changed cells."""
        if (word, scale) == (self.word, self._scale):
            return
        width = self.size.width
        before = [self._row(y, width) for y in range(len(self._lines))]
        self.word, self._scale = word, scale
        self._lines = word_lines(word, scale) if word and scale else ()
        after = [self._row(y, width) for y in range(len(self._lines))]
        if len(before) != len(after):
            self.refresh()
            return
        # INHALE and EXHALE share their last four letters: a breath rewrites two.
        for y, (old, new) in enumerate(zip(before, after, strict=True)):
            span = changed_span(old, new)
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    # Centred in its box; a subclass set against words beside it aligns it to the right.
    ALIGN_RIGHT = False

    def _row(self, y: int, width: int) -> str:
        row = (self._lines[y] if y < len(self._lines) else "")[:width]
        return row.rjust(width) if self.ALIGN_RIGHT else row.center(width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        return Strip([Segment(self._row(y, width), self.cell_style)], width)
