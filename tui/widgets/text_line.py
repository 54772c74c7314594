"""One line of plain text that repaints only the characters that changed."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.core.countdown_math import changed_span


class TextLine(Widget):
    """A cheaper Static for text that changes every second ("7:40 left")."""

    DEFAULT_CSS = "TextLine { height: 1; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""

    def set_text(self, text: str) -> None:
        """Show `text`, repainting only the characters that differ."""
        if text == self.text:
            return
        width = self.size.width
        old, new = self.text.ljust(width)[:width], text.ljust(width)[:width]
        self.text = text
        span = changed_span(old, new) if len(old) == len(new) else None
        if span is None:
            self.refresh()
        else:
            self.refresh(Region(span[0], 0, span[1] - span[0], 1))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        text = self.text if y == 0 else ""
        return Strip([Segment(text.ljust(width)[:width], self.rich_style)], width)
