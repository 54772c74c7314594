"""Streaks, weekly minutes, the calendar heatmap and the pain trend: pure functions.

Every function takes records or summaries (anything shaped like `SessionLike`) and
counts a session on its own local date, the date on the wall clock where it was
done, so travel and daylight-saving changes never move a session to another day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from tui.core.record import Status
from tui.core.routine import Timing, length_in_all

# The smallest change on a 0-10 pain scale that clinicians count as real.
MEANINGFUL_PAIN_CHANGE = 2
HEAT_LEVELS_MINUTES = (0.0, 5.0, 10.0, 15.0)  # a day above the n-th threshold gets level n+1


class SessionLike(Protocol):
    """What the statistics read from a SessionRecord or a SessionSummary."""

    @property
    def id(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def status(self) -> Status: ...
    @property
    def planned_seconds(self) -> float: ...
    @property
    def active_seconds(self) -> float: ...
    @property
    def holds_done(self) -> int: ...
    @property
    def poses_total(self) -> int: ...
    @property
    def holds_total(self) -> int: ...
    @property
    def pain_before(self) -> int | None: ...
    @property
    def pain_after(self) -> int | None: ...
    @property
    def is_demo(self) -> bool: ...
    @property
    def hurt(self) -> bool: ...


def local_day(session: SessionLike) -> date:
    """The date the session was done, on its own local clock."""
    return session.started_at.date()


def counts_as_practice(session: SessionLike) -> bool:
    """A day counts toward a streak when at least one hold was done in full, for real.

    A demo (run with --speed) is never practice: eight seconds of fast-forward is not a day.
    """
    return not session.is_demo and session.status is not Status.ABANDONED and session.holds_done > 0


def practice_days(sessions: Iterable[SessionLike]) -> set[date]:
    """The local dates on which some practice was done."""
    return {local_day(s) for s in sessions if counts_as_practice(s)}


def current_streak(sessions: Iterable[SessionLike], today: date) -> int:
    """Consecutive practice days up to today, or up to yesterday while today is still open."""
    # Day numbers, not dates: a session dated at the calendar's very edge (year 1 or 9999,
    # from a damaged or hostile file) must not overflow a date on the way.
    days = {day.toordinal() for day in practice_days(sessions)}
    day = today.toordinal()
    if day not in days:
        day -= 1
    streak = 0
    while day in days:
        streak += 1
        day -= 1
    return streak


def best_streak(sessions: Iterable[SessionLike]) -> int:
    """The longest run of consecutive practice days ever."""
    best = length = 0
    previous = None
    for day in sorted(day.toordinal() for day in practice_days(sessions)):
        length = length + 1 if previous == day - 1 else 1
        best, previous = max(best, length), day
    return best


def done_on(sessions: Iterable[SessionLike], day: date) -> bool:
    """Whether some practice was done on `day`."""
    return any(local_day(s) == day and counts_as_practice(s) for s in sessions)


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def minutes_between(sessions: Iterable[SessionLike], first: date, last: date) -> float:
    """Active minutes of sessions done from `first` to `last`, both included."""
    return (
        sum(s.active_seconds for s in sessions if not s.is_demo and first <= local_day(s) <= last)
        / 60
    )


def weekly_minutes(sessions: Sequence[SessionLike], today: date) -> tuple[float, float]:
    """Active minutes this week and last week (weeks start on Monday)."""
    monday = week_start(today)
    this_week = minutes_between(sessions, monday, monday + timedelta(days=6))
    last_monday = monday - timedelta(days=7)
    return this_week, minutes_between(sessions, last_monday, monday - timedelta(days=1))


@dataclass(frozen=True)
class HeatmapDay:
    """One cell of the calendar heatmap."""

    day: date
    minutes: float
    sessions: int
    level: int  # 0 (nothing) to 4 (a full routine or more)
    future: bool


def heat_level(minutes: float) -> int:
    """The shade of a day with `minutes` of practice."""
    return sum(minutes > threshold for threshold in HEAT_LEVELS_MINUTES)


def heatmap(
    sessions: Iterable[SessionLike], today: date, weeks: int = 12
) -> list[list[HeatmapDay]]:
    """The last `weeks` weeks, oldest first, each Monday to Sunday; today's week is last."""
    minutes: dict[date, float] = {}
    counts: dict[date, int] = {}
    first = week_start(today) - timedelta(weeks=weeks - 1)
    for s in sessions:
        day = local_day(s)
        if day >= first and not s.is_demo:
            minutes[day] = minutes.get(day, 0.0) + s.active_seconds / 60
            counts[day] = counts.get(day, 0) + counts_as_practice(s)
    grid = []
    for week in range(weeks):
        column = []
        for weekday in range(7):
            day = first + timedelta(weeks=week, days=weekday)
            spent = minutes.get(day, 0.0)
            level = heat_level(spent) if counts.get(day, 0) else 0
            column.append(HeatmapDay(day, spent, counts.get(day, 0), level, day > today))
        grid.append(column)
    return grid


@dataclass(frozen=True)
class PainPoint:
    """Pain around one session, and whether it moved by a clinically meaningful amount."""

    session_id: str
    day: date
    before: int | None
    after: int | None
    value: int  # the session's level: before if rated, else after
    change: int | None  # value minus the previous point's value
    meaningful: bool  # |change| >= MEANINGFUL_PAIN_CHANGE
    relief: int | None  # before minus after, within the session
    meaningful_relief: bool  # relief >= MEANINGFUL_PAIN_CHANGE
    hurt: bool  # `!` was pressed on some hold of the session


def is_meaningful(change: int | None) -> bool:
    """Whether a change on the 0-10 scale is large enough to count as real."""
    return change is not None and abs(change) >= MEANINGFUL_PAIN_CHANGE


def is_rated(session: SessionLike) -> bool:
    """Whether the person rated their pain before or after the session."""
    return session.pain_before is not None or session.pain_after is not None


def latest_pain(sessions: Iterable[SessionLike]) -> tuple[int, date] | None:
    """The newest rating given in a real session (after it if given, else before) and its day."""
    real = [s for s in sessions if is_rated(s) and not s.is_demo]
    if not real:
        return None
    newest = max(real, key=lambda s: s.started_at)
    value = newest.pain_after if newest.pain_after is not None else newest.pain_before
    assert value is not None
    return value, local_day(newest)


def pain_trend(sessions: Iterable[SessionLike], last: int | None = None) -> list[PainPoint]:
    """Pain over the rated sessions, oldest first, limited to the `last` of them.

    A demo (--speed) is left out: its ratings were given trying the app, not the routine.
    """
    rated = sorted(
        (s for s in sessions if is_rated(s) and not s.is_demo),
        key=lambda s: s.started_at,
    )
    if last is not None:
        rated = rated[-last:] if last > 0 else []
    points: list[PainPoint] = []
    for s in rated:
        value = s.pain_before if s.pain_before is not None else s.pain_after
        assert value is not None
        change = value - points[-1].value if points else None
        relief = (
            s.pain_before - s.pain_after
            if s.pain_before is not None and s.pain_after is not None
            else None
        )
        points.append(
            PainPoint(
                session_id=s.id,
                day=local_day(s),
                before=s.pain_before,
                after=s.pain_after,
                value=value,
                change=change,
                meaningful=is_meaningful(change),
                relief=relief,
                meaningful_relief=relief is not None and relief >= MEANINGFUL_PAIN_CHANGE,
                hurt=s.hurt,
            )
        )
    return points


@dataclass(frozen=True)
class Plan:
    """What a session set out to do: seconds of holding, and its poses and holds."""

    hold_seconds: float
    poses: int
    holds: int

    def in_all(self, timing: Timing) -> float:
        """Its length with get-readies and side switches, as the main screen's total counts."""
        return length_in_all(self.hold_seconds, self.poses, self.holds, timing)


def last_completed_plan(sessions: Iterable[SessionLike]) -> Plan | None:
    """The plan of the newest completed session: what "today" will likely take."""
    completed = [s for s in sessions if s.status is Status.COMPLETED and not s.is_demo]
    if not completed:
        return None
    newest = max(completed, key=lambda s: s.started_at)
    return Plan(newest.planned_seconds, newest.poses_total, newest.holds_total)


@dataclass(frozen=True)
class StatusFacts:
    """What the one-line status and the main screen say: streak, today, a likely length."""

    has_sessions: bool
    streak: int  # practice days in a row up to today, or up to yesterday while today is open
    done_today: bool
    last_completed: Plan | None  # the newest completed session's plan


def status_facts(sessions: Sequence[SessionLike], today: date) -> StatusFacts:
    """The status facts of these sessions (the store computes the same from its day index)."""
    return StatusFacts(
        has_sessions=bool(sessions),
        streak=current_streak(sessions, today),
        done_today=done_on(sessions, today),
        last_completed=last_completed_plan(sessions),
    )
