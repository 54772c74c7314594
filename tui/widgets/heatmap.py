"""A calendar heatmap: a column per week, Monday to Sunday down, denser glyphs for more practice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widget import Widget

from tui.core.stats import HEAT_LEVELS_MINUTES, HeatmapDay, SessionLike, heatmap

# Density, not colour alone, carries the level, so NO_COLOR and monochrome terminals still read it.
GLYPHS = ("·", "░", "▒", "▓", "█")
LEVEL_STYLES = ("$text-muted", "$success 40%", "$success 65%", "$success 85%", "$success")
DAY_LABELS = ("Mo", "", "We", "", "Fr", "", "Su")
LABEL_WIDTH = 3
CELL_WIDTH = 2
MIN_WEEKS = 12
MAX_WEEKS = 53


def weeks_for_width(width: int) -> int:
    """How many weeks fit in `width` cells, never fewer than MIN_WEEKS."""
    return max(MIN_WEEKS, min(MAX_WEEKS, (width - LABEL_WIDTH) // CELL_WIDTH))


def legend() -> Content:
    """The key to the glyphs: none, then each minutes threshold."""
    thresholds = [f"{t:g}" for t in HEAT_LEVELS_MINUTES[1:]]
    labels = (
        "none",
        f"<{thresholds[0]}",
        f"<{thresholds[1]}",
        f"<{thresholds[2]}",
        f"{thresholds[2]}+",
    )
    parts: list[str | tuple[str, str]] = []
    for glyph, style, label in zip(GLYPHS, LEVEL_STYLES, labels, strict=True):
        parts += [(glyph, style), f" {label} "]
    parts.append("min")
    return Content.assemble(*parts)


def compact_legend() -> Content:
    """The key for narrow terminals: the glyphs from least to most."""
    parts: list[str | tuple[str, str]] = ["less "]
    for glyph, style in zip(GLYPHS, LEVEL_STYLES, strict=True):
        parts += [(glyph, style), " "]
    parts.append("more")
    return Content.assemble(*parts)


def render_grid(grid: Sequence[Sequence[HeatmapDay]], today: date) -> Content:
    """The heatmap as lines: month names over the weeks they start in, then one row per weekday."""
    months = [" "] * (LABEL_WIDTH + CELL_WIDTH * len(grid) + 2)
    free_from = 0
    for index, week in enumerate(grid):
        first = next((d.day for d in week if d.day.day == 1), None)
        if index == 0 and first is None:
            first = week[0].day  # name the month the grid starts in
        column = LABEL_WIDTH + CELL_WIDTH * index
        if first is None or column < free_from:
            continue
        name = first.strftime("%b")
        months[column : column + len(name)] = name
        free_from = column + len(name) + 1
    lines = [Content.styled("".join(months).rstrip(), "$text-muted")]
    for weekday, label in enumerate(DAY_LABELS):
        parts: list[str | tuple[str, str]] = [(label.ljust(LABEL_WIDTH), "$text-muted")]
        for week in grid:
            cell = week[weekday]
            if cell.future:
                parts.append(" " * CELL_WIDTH)
                continue
            style = LEVEL_STYLES[cell.level]
            if cell.day == today:
                style += " reverse"
            parts += [(GLYPHS[cell.level], style), " "]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


class CalendarHeatmap(Widget):
    """Practice per day over the last weeks, as many as fit (at least twelve)."""

    DEFAULT_CSS = """
    CalendarHeatmap {
        width: 100%;
        height: 9;
    }
    """

    def __init__(
        self,
        sessions: Sequence[SessionLike],
        today: date,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.sessions = sessions
        self.today = today

    def update(self, sessions: Sequence[SessionLike], today: date) -> None:
        """Show another set of sessions."""
        self.sessions = sessions
        self.today = today
        self.refresh(layout=True)

    def render(self) -> Content:
        """The grid for as many weeks as the widget is wide."""
        width = self.content_region.width
        grid = render_grid(heatmap(self.sessions, self.today, weeks_for_width(width)), self.today)
        key = legend()
        if key.cell_length > width:
            key = compact_legend()
        return Content("\n").join([grid, key])
