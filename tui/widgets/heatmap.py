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


def month_labels(grid: Sequence[Sequence[HeatmapDay]]) -> str:
    """Month names over the weeks they start in, none cut off at the right or crowded out.

    The month the grid starts in is named over its first week only when that leaves
    room for the next month's name; a month starting in the last weeks is moved left to
    end at the grid's edge (a name past it would wrap onto a row of its own).
    """
    width = LABEL_WIDTH + CELL_WIDTH * len(grid)
    starts: list[tuple[int, str]] = []
    for index, week in enumerate(grid):
        first = next((d.day for d in week if d.day.day == 1), None)
        if first is not None:
            starts.append((LABEL_WIDTH + CELL_WIDTH * index, first.strftime("%b")))
    if grid and grid[0][0].day.day != 1:
        opening = grid[0][0].day.strftime("%b")
        room = starts[0][0] if starts else width
        if LABEL_WIDTH + len(opening) < room:
            starts.insert(0, (LABEL_WIDTH, opening))
    months = [" "] * width
    free_from = 0
    for column, name in starts:
        column = min(column, width - len(name))
        if column < free_from:
            continue
        months[column : column + len(name)] = name
        free_from = column + len(name) + 1
    return "".join(months).rstrip()


def render_grid(grid: Sequence[Sequence[HeatmapDay]], today: date) -> Content:
    """The heatmap as lines: month names over the weeks they start in, then one row per weekday."""
    lines = [Content.styled(month_labels(grid), "$text-muted")]
    for weekday, label in enumerate(DAY_LABELS):
        runs: list[tuple[str, str]] = [(label.ljust(LABEL_WIDTH), "$text-muted")]
        for week in grid:
            cell = week[weekday]
            if cell.future:
                _add_run(runs, " " * CELL_WIDTH, "")
                continue
            style = LEVEL_STYLES[cell.level]
            if cell.day == today:
                _add_run(runs, GLYPHS[cell.level], f"{style} reverse")
                _add_run(runs, " ", "")
            else:
                # The gap in the glyph's colour (a space shows none): a run of days at one
                # level is then one styled run, not a colour change per cell on the wire.
                _add_run(runs, GLYPHS[cell.level] + " ", style)
        lines.append(Content.assemble(*runs))
    return Content("\n").join(lines)


def _add_run(runs: list[tuple[str, str]], text: str, style: str) -> None:
    """Add `text` to the last run if it has the same style, else start a new run."""
    if runs and runs[-1][1] == style:
        runs[-1] = (runs[-1][0] + text, style)
    else:
        runs.append((text, style))


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
        self._drawn: Content | None = None

    def update(self, sessions: Sequence[SessionLike], today: date) -> None:
        """Show another set of sessions; repainted only if the grid changes."""
        self.sessions = sessions
        self.today = today
        # Its size is the panel's: no layout. Older months arriving seldom change the weeks
        # shown, and then the grid is not sent again.
        if self._drawn is None or self.render() != self._drawn:
            self.refresh()

    def render(self) -> Content:
        """The grid for as many weeks as the widget is wide."""
        width = self.content_region.width
        grid = render_grid(heatmap(self.sessions, self.today, weeks_for_width(width)), self.today)
        key = legend()
        if key.cell_length > width:
            key = compact_legend()
        self._drawn = Content("\n").join([grid, key])
        return self._drawn
