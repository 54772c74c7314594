"""Streaks, weekly minutes, heatmap and pain trend, over local dates in any timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from tui.core.record import SessionSummary, Status
from tui.core.routine import Timing
from tui.core.stats import (
    MEANINGFUL_PAIN_CHANGE,
    best_streak,
    current_streak,
    done_on,
    heat_level,
    heatmap,
    last_completed_plan,
    pain_trend,
    practice_days,
    week_start,
    weekly_minutes,
)

ZONES = [ZoneInfo(name) for name in ("America/New_York", "Europe/London", "Asia/Tokyo")] + [
    timezone(timedelta(hours=h)) for h in (-12, 0, 5.5, 14)
]


def session(
    when: datetime,
    *,
    minutes: float = 10,
    status: Status = Status.COMPLETED,
    poses_done: int = 6,
    pain: tuple[int | None, int | None] = (None, None),
    planned: float = 540,
    number: int = 0,
) -> SessionSummary:
    return SessionSummary(
        id=f"s{number}-{when.isoformat()}",
        routine_id="daily",
        routine_name="Daily",
        started_at=when,
        ended_at=None,
        status=status,
        planned_seconds=planned,
        active_seconds=minutes * 60,
        poses_done=poses_done,
        poses_total=6,
        holds_done=poses_done,
        holds_total=8,
        pain_before=pain[0],
        pain_after=pain[1],
    )


def on(day: date, zone: timezone | ZoneInfo, at: time = time(8)) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


days = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 1))
zones = st.sampled_from(ZONES)
wall_times = st.times()


@given(days, st.integers(1, 60), st.lists(st.tuples(zones, wall_times), min_size=60, max_size=60))
def test_consecutive_local_days_make_a_streak_whatever_the_zone(
    first: date, length: int, places: list[tuple[timezone | ZoneInfo, time]]
) -> None:
    sessions = [
        session(on(first + timedelta(days=i), zone, at), number=i)
        for i, (zone, at) in enumerate(places[:length])
    ]
    last = first + timedelta(days=length - 1)
    assert current_streak(sessions, last) == length
    assert current_streak(sessions, last + timedelta(days=1)) == length  # today still open
    assert current_streak(sessions, last + timedelta(days=2)) == 0
    assert best_streak(sessions) == length


@given(st.sets(days.filter(lambda d: d.year < 2010), max_size=40))
def test_best_streak_is_the_longest_run(practised: set[date]) -> None:
    sessions = [session(on(d, UTC)) for d in practised]
    longest, run, previous = 0, 0, None
    for day in sorted(practised):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest, previous = max(longest, run), day
    assert best_streak(sessions) == longest
    assert all(best_streak(sessions) >= current_streak(sessions, d) for d in practised)


def test_streak_runs_across_month_and_year_ends() -> None:
    utc = UTC
    firsts = [date(2024, 2, 27), date(2025, 2, 27), date(2026, 12, 30), date(2026, 4, 29)]
    for first in firsts:
        sessions = [session(on(first + timedelta(days=i), utc)) for i in range(4)]
        assert current_streak(sessions, first + timedelta(days=3)) == 4


def test_dst_changes_keep_each_session_on_its_wall_clock_day() -> None:
    new_york = ZoneInfo("America/New_York")
    sessions = [
        session(datetime(2026, 3, 7, 23, 50, tzinfo=new_york)),
        session(datetime(2026, 3, 8, 3, 1, tzinfo=new_york)),  # the 23-hour day
        session(datetime(2026, 3, 9, 0, 10, tzinfo=new_york)),
        session(datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=new_york)),  # the 25-hour day
        session(datetime(2026, 11, 2, 0, 5, tzinfo=new_york)),
    ]
    assert current_streak(sessions, date(2026, 3, 9)) == 3
    assert current_streak(sessions, date(2026, 11, 2)) == 2
    assert practice_days(sessions) == {
        date(2026, 3, 7),
        date(2026, 3, 8),
        date(2026, 3, 9),
        date(2026, 11, 1),
        date(2026, 11, 2),
    }


def test_travel_counts_the_local_day_where_the_session_was_done() -> None:
    tokyo, new_york = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")
    # In UTC these fall on June 1st and June 3rd; where they were done, on consecutive days.
    first = session(datetime(2026, 6, 1, 23, 0, tzinfo=tokyo))
    second = session(datetime(2026, 6, 2, 20, 30, tzinfo=new_york))
    assert current_streak([first, second], date(2026, 6, 2)) == 2
    # Flying east, two sessions on one local day are one day of the streak.
    third = session(datetime(2026, 6, 3, 23, 0, tzinfo=new_york))
    fourth = session(datetime(2026, 6, 3, 8, 0, tzinfo=tokyo))
    assert current_streak([first, second, third, fourth], date(2026, 6, 3)) == 3


def test_abandoned_or_empty_sessions_do_not_count() -> None:
    utc = UTC
    day = date(2026, 5, 5)
    sessions = [
        session(on(day, utc), status=Status.ABANDONED, poses_done=0),
        session(on(day + timedelta(days=1), utc), status=Status.PARTIAL, poses_done=0),
    ]
    assert current_streak(sessions, day + timedelta(days=1)) == 0
    assert not done_on(sessions, day)
    partial = session(on(day, utc), status=Status.PARTIAL, poses_done=2)
    assert done_on([partial], day)


@given(st.lists(st.tuples(st.integers(-20, 5), st.floats(0, 60), zones), max_size=30), days)
def test_weekly_minutes_add_up_by_local_week(
    spread: list[tuple[int, float, timezone | ZoneInfo]], today: date
) -> None:
    sessions = [
        session(on(today + timedelta(days=offset), zone), minutes=minutes)
        for offset, minutes, zone in spread
    ]
    this_week, last_week = weekly_minutes(sessions, today)
    monday = week_start(today)
    assert monday.weekday() == 0 and monday <= today < monday + timedelta(days=7)

    def expected(first: date) -> float:
        return sum(
            m for o, m, _ in spread if first <= today + timedelta(days=o) < first + timedelta(7)
        )

    assert abs(this_week - expected(monday)) < 1e-6
    assert abs(last_week - expected(monday - timedelta(days=7))) < 1e-6


@given(days, st.integers(1, 60), st.lists(st.tuples(st.integers(0, 500), st.floats(0, 40))))
def test_heatmap_is_whole_weeks_ending_with_this_one(
    today: date, weeks: int, spread: list[tuple[int, float]]
) -> None:
    sessions = [session(on(today - timedelta(days=back), UTC), minutes=m) for back, m in spread]
    grid = heatmap(sessions, today, weeks)
    cells = [cell for column in grid for cell in column]
    assert len(grid) == weeks and all(len(column) == 7 for column in grid)
    assert all(column[0].day.weekday() == 0 for column in grid)
    assert [c.day for c in cells] == [cells[0].day + timedelta(days=i) for i in range(len(cells))]
    assert today in [c.day for c in grid[-1]]
    assert all(c.future == (c.day > today) for c in cells)
    shown = {c.day for c in cells}
    assert (
        abs(
            sum(c.minutes for c in cells)
            - sum(m for back, m in spread if today - timedelta(back) in shown)
        )
        < 1e-6
    )
    assert all(
        0 <= c.level <= 4 and (c.level == 0) == (c.sessions == 0 or c.minutes == 0) for c in cells
    )


@given(st.floats(0, 100), st.floats(0, 100))
def test_heat_levels_grow_with_minutes(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert heat_level(low) <= heat_level(high)


pain = st.one_of(st.none(), st.integers(0, 10))


@given(st.lists(st.tuples(pain, pain), max_size=30), st.one_of(st.none(), st.integers(0, 40)))
def test_pain_trend_marks_changes_of_two_points_or_more(
    ratings: list[tuple[int | None, int | None]], last: int | None
) -> None:
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    sessions = [
        session(start + timedelta(days=i), pain=rating, number=i)
        for i, rating in enumerate(ratings)
    ]
    points = pain_trend(list(reversed(sessions)), last)
    rated = [r for r in ratings if r != (None, None)]
    if last is not None:
        rated = rated[-last:] if last else []
    assert [(p.before, p.after) for p in points] == rated
    for previous, point in zip([None, *points], points, strict=False):
        if previous is None:
            assert point.change is None and not point.meaningful
        else:
            assert point.change == point.value - previous.value
            assert point.meaningful == (abs(point.change) >= MEANINGFUL_PAIN_CHANGE)
        if point.before is not None and point.after is not None:
            assert point.meaningful_relief == (point.before - point.after >= 2)


def test_pain_trend_example() -> None:
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    ratings = [(6, 4), (5, 5), (3, 2), (None, 4)]
    points = pain_trend([session(start + timedelta(days=i), pain=r) for i, r in enumerate(ratings)])
    assert [p.value for p in points] == [6, 5, 3, 4]
    assert [p.meaningful for p in points] == [False, False, True, False]
    assert [p.meaningful_relief for p in points] == [True, False, False, False]


def test_last_completed_plan_and_its_length_in_all() -> None:
    utc = UTC
    assert last_completed_plan([]) is None
    sessions = [
        session(on(date(2026, 1, 1), utc), planned=500),
        session(on(date(2026, 1, 3), utc), planned=700),
        session(on(date(2026, 1, 4), utc), planned=900, status=Status.PARTIAL),
    ]
    plan = last_completed_plan(sessions)
    assert plan is not None and plan.hold_seconds == 700
    # As the main screen's total counts: a get-ready a pose, a side switch a second side.
    timing = Timing(get_ready=10, switch_sides=5)
    assert plan.in_all(timing) == 700 + plan.poses * 10 + (plan.holds - plan.poses) * 5


def test_a_demo_run_at_another_speed_is_not_practice() -> None:
    from dataclasses import replace

    from tui.core.stats import counts_as_practice, current_streak, done_on

    today = date(2026, 11, 28)
    demo = replace(session(on(today, UTC)), speed=20.0)
    assert not counts_as_practice(demo)
    assert current_streak([demo], today) == 0 and not done_on([demo], today)
    assert weekly_minutes([demo], today) == (0, 0)
    real = session(on(today, UTC))
    assert current_streak([demo, real], today) == 1
    assert weekly_minutes([demo, real], today)[0] == 10


def test_streaks_reach_the_calendar_ends_without_overflowing() -> None:
    # A damaged or hostile file may date a session in year 1 or 9999: count it, do not crash.
    edges = [date.min, date.min + timedelta(days=1), date.max - timedelta(days=1), date.max]
    sessions = [session(on(day, UTC), number=n) for n, day in enumerate(edges)]
    assert best_streak(sessions) == 2
    assert current_streak(sessions, date.max) == 2
    assert current_streak(sessions, date.min + timedelta(days=1)) == 2
