"""The pain trend: a two-row sparkline on a fixed 0-10 scale, with real changes marked under it."""

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


def sparkline(points: Sequence[PainPoint]) -> Content:
    """Two rows of bars, one column per rated session, oldest first."""
    heights = [bar_eighths(p.value) for p in points]
    top = "".join(BARS[max(0, h - 8)] for h in heights)
    bottom = "".join(BARS[min(8, h)] for h in heights)
    return Content("\n").join([Content.styled(top, "$accent"), Content.styled(bottom, "$accent")])


def markers(points: Sequence[PainPoint]) -> Content:
    """Under each session: ▲ when pain rose by a meaningful amount, ▼ when it fell."""
    parts: list[str | tuple[str, str]] = []
    for point in points:
        if not point.meaningful or point.change is None:
            parts.append(" ")
        elif point.change > 0:
            parts.append((WORSE, "bold $error"))
        else:
            parts.append((BETTER, "bold $success"))
    return Content.assemble(*parts)


def legend() -> Content:
    """What the markers mean, and why two points."""
    return Content.assemble(
        (WORSE, "bold $error"),
        "/",
        (BETTER, "bold $success"),
        f" pain up/down by ≥{MEANINGFUL_PAIN_CHANGE}: the smallest change clinicians count as real",
    )


def headline(points: Sequence[PainPoint]) -> Content:
    """The latest rating against the first one shown."""
    latest, first = points[-1], points[0]
    text = f"now {latest.value}/10"
    if len(points) > 1:
        text += f" · was {first.value} on {first.day:%d %b}"
    return Content.styled(text, "bold")


def latest_rated(sessions: Sequence[SessionLike], count: int) -> list[SessionLike]:
    """The newest `count` sessions with a pain rating, from newest-first `sessions`."""
    rated: list[SessionLike] = []
    for session in sessions:
        if session.pain_before is not None or session.pain_after is not None:
            rated.append(session)
            if len(rated) == count:
                break
    return rated


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

    def update(self, sessions: Sequence[SessionLike]) -> None:
        """Show another set of sessions."""
        self.sessions = sessions
        self.refresh(layout=True)

    def render(self) -> Content:
        """Headline, sparkline, markers and legend, or a word on how to start a trend."""
        width = max(1, self.content_region.width or self.size.width)
        points = pain_trend(latest_rated(self.sessions, width + 1), last=width)
        if not points:
            return Content.styled(EMPTY, "$text-muted")
        return Content("\n").join([headline(points), sparkline(points), markers(points), legend()])
