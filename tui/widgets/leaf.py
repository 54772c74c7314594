"""A small Line-API widget that redraws often: its style is worked out once, not per line."""

from __future__ import annotations

from rich.style import Style

from tui.widgets.steady import SteadyLines


class Leaf(SteadyLines):
    """Base for the countdown's small parts that repaint a few cells several times a second."""

    _style: Style | None = None

    def notify_style_update(self) -> None:
        # Textual calls this whenever CSS is applied to the widget (classes, theme).
        super().notify_style_update()
        self._style = None

    @property
    def cell_style(self) -> Style:
        """The widget's Rich style, which `rich_style` would rebuild from every ancestor."""
        if self._style is None:
            self._style = self.rich_style
        return self._style
