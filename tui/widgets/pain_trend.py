"""The pain trend: before-session ratings on a 0-10 bar chart, what happened in a session below."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widget import Widget

from tui.core.stats import MEANINGFUL_PAIN_CHANGE, PainPoint, SessionLike, latest_pain, pain_trend

BARS = " ▁▂▃▄▅▆▇█"
WORSE, BETTER, HURT = "▲", "▼", "!"
EMPTY = "No pain ratings yet. Rate your pain before a session to see how it changes."
# When every rating there is came from a demo run (--speed), which a trend leaves out.
ONLY_DEMOS = (
    "Only demo runs (--speed) have pain ratings, and they are not practice: rate your pain "
    "before a session at normal speed to see how it changes."
)
# Over the bars, what they are; the short form where the long one does not fit (80 columns).
CAPTION, SHORT_CAPTION = "pain before each session", "before each session"
AXIS_WIDTH = 3  # "10▕"
# Rows that are not bars: the latest rating, the caption, the marks under the bars.
OTHER_ROWS = 3
MIN_BAR_ROWS = 2


def bar_eighths(value: int, rows: int) -> int:
    """Height of a 0-10 rating in eighths of `rows` rows; a 0 still shows as a sliver."""
    return 1 + round(max(0, min(10, value)) * (8 * rows - 1) / 10)


def axis_label(row: int, rows: int) -> str:
    """The scale beside bar row `row` (0 at the top): 10 at the top, 0 at the foot, 5 between."""
    if row == 0:
        return "10▕"
    if row == rows - 1:
        return " 0▕"
    # 5 on the row holding the top of a 5's bar, where there are rows enough to tell.
    if rows >= 5 and row == rows - 1 - (bar_eighths(5, rows) - 1) // 8:
        return " 5▕"
    return "  ▕"


def bar_chart(points: Sequence[PainPoint], rows: int) -> list[Content]:
    """`rows` rows of bars on a labelled 0-10 axis, one column per session, oldest first."""
    heights = [bar_eighths(p.value, rows) for p in points]
    lines: list[Content] = []
    for row in range(rows):
        below = 8 * (rows - 1 - row)  # eighths under this row
        bars = "".join(BARS[max(0, min(8, h - below))] for h in heights)
        axis = Content.styled(axis_label(row, rows), "$text-muted")
        lines.append(axis + Content.styled(bars, "$accent"))
    return lines


def marks(points: Sequence[PainPoint]) -> Content:
    """Under each session: ! when a hold hurt, else ▼/▲ when pain eased/rose by a real amount."""
    parts: list[str | tuple[str, str]] = [" " * AXIS_WIDTH]
    for point in points:
        if point.hurt:
            parts.append((HURT, "bold $warning"))
        elif point.relief is None or abs(point.relief) < MEANINGFUL_PAIN_CHANGE:
            parts.append(" ")
        elif point.relief < 0:
            parts.append((WORSE, "bold $error"))
        else:
            parts.append((BETTER, "bold $success"))
    return Content.assemble(*parts)


def legend(width: int) -> list[Content]:
    """What the marks mean, on as few lines as `width` allows."""
    eased_rose = Content.assemble(
        (BETTER, "bold $success"),
        " eased ",
        (WORSE, "bold $error"),
        f" rose by ≥{MEANINGFUL_PAIN_CHANGE}",
    )
    # Each phrase with what joins it to the one before on a shared line.
    phrases = [
        (" ", Content("during that session")),
        (" · ", Content.assemble((HURT, "bold $warning"), " a hold hurt")),
    ]
    lines = [eased_rose]
    for joint, phrase in phrases:
        if lines[-1].cell_length + len(joint) + phrase.cell_length <= width:
            lines[-1] = lines[-1] + joint + phrase
        else:
            lines.append(phrase)
    return lines


def headline(value: int, day: date) -> Content:
    """The latest rating given, and the day it was given."""
    return Content.styled(f"latest {value}/10", "bold") + Content(f" · {day.day} {day:%b}")


def latest_rated(sessions: Sequence[SessionLike], count: int) -> list[SessionLike]:
    """The newest `count` real sessions rated before they began, from newest-first `sessions`."""
    rated: list[SessionLike] = []
    for session in sessions:
        if session.pain_before is not None and not session.is_demo:
            rated.append(session)
            if len(rated) == count:
                break
    return rated


class PainTrend(Widget):
    """Pain before each rated session, as many of the latest as fit across; give it newest first.

    Every number in it is the same at any width (only how many sessions the bars go back
    changes), and a demo's ratings are not in it.
    """

    DEFAULT_CSS = """
    PainTrend {
        width: 100%;
        height: 1fr;
    }
    """

    def __init__(
        self,
        sessions: Sequence[SessionLike],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.sessions = sessions
        self._drawn: Content | None = None

    def update(self, sessions: Sequence[SessionLike]) -> None:
        """Show another set of sessions; repainted only if the trend changes."""
        self.sessions = sessions
        # Its size is the panel's: no layout, and no repaint when older months arrive.
        if self._drawn is None or self.render() != self._drawn:
            self.refresh()

    def render(self) -> Content:
        """Latest rating, caption, bars, marks and legend, or a word on how to start a trend."""
        region = self.content_region
        width = max(1, (region.width or self.size.width) - AXIS_WIDTH)
        # Like with like: the bars compare ratings taken before a session, day to day;
        # the change within a session is the mark under its bar.
        points = pain_trend(latest_rated(self.sessions, width), last=width)
        latest = latest_pain(self.sessions)
        if not points or latest is None:
            demos_rated = any(s.pain_before is not None and s.is_demo for s in self.sessions)
            self._drawn = Content.styled(ONLY_DEMOS if demos_rated else EMPTY, "$text-muted")
            if any(session.hurt for session in self.sessions):
                # The list's ! needs its key even with no ratings to chart.
                self._drawn += Content.assemble("\n\n", (HURT, "bold $warning"), " a hold hurt")
            return self._drawn
        key = legend(width + AXIS_WIDTH)
        rows = max(MIN_BAR_ROWS, (region.height or self.size.height) - OTHER_ROWS - len(key))
        self._drawn = Content("\n").join(
            [
                headline(*latest),
                Content.styled(
                    CAPTION if len(CAPTION) <= width + AXIS_WIDTH else SHORT_CAPTION, "$text-muted"
                ),
                *bar_chart(points, rows),
                marks(points),
                *key,
            ]
        )
        return self._drawn
