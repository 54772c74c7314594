"""The pain trend: before-session ratings on a 0-10 sparkline, real changes in a session below."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from tui.core.stats import MEANINGFUL_PAIN_CHANGE, PainPoint, SessionLike, pain_trend

BARS = " ▁▂▃▄▅▆▇█"
WORSE, BETTER = "▲", "▼"
EMPTY = "No pain ratings yet. Rate your pain before a session to see how it changes."


def bar_eighths(value: int) -> int:
    """Height of a 0-10 rating in eighths of two rows; a 0 still shows as a sliver."""
    return 1 + round(max(0, min(10, value)) * 1.5)


AXIS_TOP, AXIS_BOTTOM = "10▕", " 0▕"  # the bars stand on a fixed 0-10 scale


def sparkline(points: Sequence[PainPoint]) -> Content:
    """Two rows of bars on a labelled 0-10 axis, one column per session, oldest first."""
    heights = [bar_eighths(p.value) for p in points]
    top = "".join(BARS[max(0, h - 8)] for h in heights)
    bottom = "".join(BARS[min(8, h)] for h in heights)
    return Content("\n").join(
        [
            Content.styled(AXIS_TOP, "$text-muted") + Content.styled(top, "$accent"),
            Content.styled(AXIS_BOTTOM, "$text-muted") + Content.styled(bottom, "$accent"),
        ]
    )


def markers(points: Sequence[PainPoint]) -> Content:
    """Under each session: ▼ when pain eased during it by a real amount, ▲ when it rose."""
    parts: list[str | tuple[str, str]] = [" " * len(AXIS_TOP)]
    for point in points:
        if point.relief is None or abs(point.relief) < MEANINGFUL_PAIN_CHANGE:
            parts.append(" ")
        elif point.relief < 0:
            parts.append((WORSE, "bold $error"))
        else:
            parts.append((BETTER, "bold $success"))
    return Content.assemble(*parts)


def legend() -> Content:
    """What the bars and the markers mean (a change of two points is the smallest real one)."""
    return Content.assemble(
        "bars: before sessions\n",
        (BETTER, "bold $success"),
        "/",
        (WORSE, "bold $error"),
        f" eased/rose by ≥{MEANINGFUL_PAIN_CHANGE}\nduring that session",
    )


def headline(points: Sequence[PainPoint], latest: SessionLike) -> Content:
    """The latest rating given, then the first and last before-session ratings shown."""
    now = latest.pain_after if latest.pain_after is not None else latest.pain_before
    text = Content.styled(f"now {now}/10", "bold")
    if len(points) > 1:
        first, last = points[0], points[-1]
        text += Content(f"\nbefore {first.day:%d %b}: {first.value} → {last.value}")
    return text


def latest_rated(sessions: Sequence[SessionLike], count: int) -> list[SessionLike]:
    """The newest `count` sessions rated before they began, from newest-first `sessions`."""
    rated: list[SessionLike] = []
    for session in sessions:
        if session.pain_before is not None:
            rated.append(session)
            if len(rated) == count:
                break
    return rated


def newest_rating(sessions: Sequence[SessionLike]) -> SessionLike | None:
    """The newest session with any pain rating, from newest-first `sessions`."""
    return next(
        (s for s in sessions if s.pain_before is not None or s.pain_after is not None), None
    )


class PainTrend(Widget):
    """Pain before each rated session, as many of the latest as fit across; give it newest first."""

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
        """Headline, sparkline, markers and legend, or a word on how to start a trend."""
        width = max(1, (self.content_region.width or self.size.width) - len(AXIS_TOP))
        # Like with like: the line compares ratings taken before a session, day to day;
        # the change within a session is the marker under its bar.
        points = pain_trend(latest_rated(self.sessions, width), last=width)
        latest = newest_rating(self.sessions)
        if not points or latest is None:
            self._drawn = Content.styled(EMPTY, "$text-muted")
        else:
            self._drawn = Content("\n").join(
                [headline(points, latest), sparkline(points), markers(points), legend()]
            )
        return self._drawn
