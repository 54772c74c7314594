"""A pose's figure, drawn to fit the widget and kept until the size, pose or shape changes."""

from __future__ import annotations

import functools
import os

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip

from tui.core.figure import Figure
from tui.core.raster import (
    BODY,
    MAT,
    NONE,
    WORKING,
    Cells,
    Drawing,
    cells_for,
    draw,
    rows_for_width,
)
from tui.core.safe_text import terminal_safe
from tui.core.spans import changed_span
from tui.widgets.steady import SteadyLines

_INK_CLASSES = {BODY: "figure--body", WORKING: "figure--working", MAT: "figure--mat"}


@functools.lru_cache(maxsize=128)
def cached_drawing(figure: Figure, width: int, height: int, cells: Cells) -> Drawing:
    """A figure drawn at a size; a steady hold asks for the same one every frame."""
    return draw(figure, width, height, cells)


class FigureView(SteadyLines):
    """Draws one figure (or nothing), with an optional caption under it."""

    COMPONENT_CLASSES = {"figure--body", "figure--working", "figure--mat", "figure--caption"}
    DEFAULT_CSS = """
    FigureView { height: 8; }
    FigureView > .figure--body { color: $text; }
    FigureView > .figure--working { color: $accent; text-style: bold; }
    FigureView > .figure--mat { color: $text-muted; }
    FigureView > .figure--caption { color: $text-muted; }
    """

    # Set by tests to see the Linux-console fallback; None reads $TERM.
    cells: Cells | None = None

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shape: Figure | None = None
        self._caption = ""
        self._strips: list[Strip] = []
        self._strips_key: tuple[object, ...] = ()
        self._styles: dict[str, Style] = {}
        self._drawn: tuple[Figure, tuple[int, int, Cells], Drawing] | None = None
        self._planned: tuple[Figure, str] | None = None

    @property
    def shape(self) -> Figure | None:
        """The figure being drawn, as posed."""
        return self._shape

    @property
    def caption(self) -> str:
        """The words under the figure."""
        return self._caption

    def show(self, shape: Figure | None, caption: str = "") -> None:
        """Draw `shape` (already posed), or nothing; refresh only if it changed."""
        caption = terminal_safe(caption)
        if shape == self._shape and caption == self._caption:
            return
        before, had_caption = self.drawing, bool(self._caption)
        old_caption, old_shape = self._caption, self._shape
        self._shape, self._caption = shape, caption
        # Sized by its figure (height auto): an upright pose wants more rows than a lying one.
        sized_by_figure = self.styles.height is not None and self.styles.height.is_auto
        if sized_by_figure and (
            old_shape is None or shape is None or _aspects_differ(old_shape, shape)
        ):
            self.refresh(layout=True)
            return
        after = self.drawing
        if (
            before is None
            or after is None
            or had_caption != bool(caption)
            or len(before.rows) != len(after.rows)
        ):
            self.refresh()
            return
        # Cat-Cow's back moves while its arms and legs stay, and the next pose shares the
        # mat and the empty air with this one: repaint only the cells that changed.
        for y, (old, new) in enumerate(zip(before.rows, after.rows, strict=True)):
            span = changed_span(old, new) or changed_span(before.inks[y], after.inks[y])
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))
        if caption != old_caption:
            self.refresh(Region(0, len(after.rows), self.size.width, 1))

    def plan(self, shape: Figure, caption: str = "") -> None:
        """Keep the rows `shape` will need, without drawing it yet (the first frame's text
        then does not jump down when the figure follows)."""
        self._planned = (shape, caption)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the figure needs at this width, up to three fifths of the pane."""
        shape, caption_text = self._shape, self._caption
        if shape is None and self._planned is not None:
            shape, caption_text = self._planned
        if shape is None:
            return 0
        caption = 1 if caption_text else 0
        most = max(4, container.height * 3 // 5 - caption)
        return rows_for_width(shape, width, self._cells(), most) + caption

    def _cells(self) -> Cells:
        return self.cells or cells_for(os.environ.get("TERM"))

    @property
    def drawing(self) -> Drawing | None:
        """The figure as drawn at the widget's size now."""
        if self._shape is None:
            return None
        width, height = self.size
        rows = height - 1 if self._caption else height
        if width < 4 or rows < 2:
            return None
        cells = self._cells()
        # Asked once per line drawn: hashing the whole figure for the cache each time adds up.
        key = (width, rows, cells)
        if self._drawn is None or self._drawn[0] is not self._shape or self._drawn[1] != key:
            self._drawn = (self._shape, key, cached_drawing(self._shape, width, rows, cells))
        return self._drawn[2]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._strips_key = ()

    def _style(self, component: str) -> Style:
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        drawing = self.drawing
        key = (drawing, self._caption, width)
        if key != self._strips_key:
            self._strips = self._build_strips(drawing, width)
            self._strips_key = key
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.rich_style)

    def _build_strips(self, drawing: Drawing | None, width: int) -> list[Strip]:
        base = self.rich_style
        strips = []
        if drawing is not None:
            for row, inks in zip(drawing.rows, drawing.inks, strict=True):
                segments = []
                start = 0
                for x in range(1, len(row) + 1):
                    if x == len(row) or inks[x] != inks[start]:
                        ink = inks[start]
                        style = base if ink == NONE else self._style(_INK_CLASSES[ink])
                        segments.append(Segment(row[start:x], style))
                        start = x
                strips.append(Strip(segments, width).simplify())
        if self._caption and drawing is not None:
            text = self._caption
            if len(text) > width:
                text = text[: width - 1] + "…"
            text = text.center(width)
            strips.append(Strip([Segment(text, self._style("figure--caption"))], width))
        return strips


def _aspects_differ(a: Figure, b: Figure) -> bool:
    """Whether two shapes need a different number of rows (a new pose, not a breath)."""
    return a.pose_id != b.pose_id or len(a.views) != len(b.views)
