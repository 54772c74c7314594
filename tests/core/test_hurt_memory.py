"""Pose sides that hurt lately are found in the history and said in plain words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tui.core.hurt_memory import recent_hurts
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status

TODAY = date(2026, 12, 5)


def _session(days_ago: int, *poses: PoseRecord, speed: float = 1.0, n: int = 0) -> SessionRecord:
    day = TODAY - timedelta(days=days_ago)
    started = datetime(day.year, day.month, day.day, 8, n, tzinfo=UTC)
    return SessionRecord(
        id=f"s{days_ago}-{n}",
        routine_id="hip-back-daily",
        routine_name="Daily hip & back",
        started_at=started,
        ended_at=started + timedelta(minutes=7),
        status=Status.PARTIAL,
        planned_seconds=420.0,
        active_seconds=80.0,
        poses=poses,
        speed=speed,
    )


def _pigeon(side: str, hurt_after: float | None = None) -> PoseRecord:
    if hurt_after is None:
        return PoseRecord("pigeon", side, 60.0, 60.0, Outcome.DONE)
    return PoseRecord(
        "pigeon", side, 60.0, hurt_after, Outcome.HURT, note=f"hurt after {hurt_after:.0f} s"
    )


def test_the_right_side_that_hurt_yesterday_is_said_as_last_time() -> None:
    found = recent_hurts([_session(1, _pigeon("left"), _pigeon("right", 20))], TODAY)
    assert set(found) == {("pigeon", "right")}
    assert found[("pigeon", "right")].line(TODAY) == "Last time: right side hurt after 20 s"


def test_a_hurt_followed_by_a_session_without_one_is_told_by_its_day() -> None:
    sessions = [_session(3, _pigeon("right", 15)), _session(1, _pigeon("right"))]
    assert recent_hurts(sessions, TODAY)[("pigeon", "right")].line(TODAY) == (
        "3 days ago: right side hurt after 15 s"
    )


def test_older_than_a_week_or_a_demo_run_is_not_brought_up() -> None:
    assert recent_hurts([_session(8, _pigeon("right", 20))], TODAY) == {}
    assert recent_hurts([_session(1, _pigeon("right", 20), speed=10.0)], TODAY) == {}


def test_the_newest_hurt_of_a_side_is_the_one_told() -> None:
    sessions = [_session(1, _pigeon("right", 40), n=1), _session(2, _pigeon("right", 10))]
    assert recent_hurts(sessions, TODAY)[("pigeon", "right")].what == "hurt after 40 s"
