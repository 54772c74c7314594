"""A widget that hands Textual the same lines again while nothing on it has changed.

On every screen update Textual renders each widget whose container overlaps the
changed cells, changed or not, working out its colours and filters anew: on the
session screen that is every part of the countdown, four times a second, for one
moving bar end. A widget that has not been refreshed since it last rendered, at the
same size and with the same filters, draws exactly what it drew before.
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class SteadyLines(Widget):
    """Base for widgets that repaint rarely but sit beside ones that repaint often."""

    _steady_key: tuple[Region, Size, tuple[int, ...]] | None = None
    _steady_lines: list[Strip] = []

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        self._steady_key = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._steady_key = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Filters (NO_COLOR, ANSI themes) are applied to cached lines too: they are part of the
        # key. The outer size is a stored value; `size` works the content region out anew.
        key = (crop, self.outer_size, tuple(map(id, self.app.get_line_filters())))
        if key != self._steady_key:
            self._steady_lines = super().render_lines(crop)
            self._steady_key = key
        return self._steady_lines
