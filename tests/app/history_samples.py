"""A fixed, varied history of the fixture routine for history-screen tests and snapshots."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.store.history import History

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 20)  # a Friday


def poses(number: int) -> tuple[PoseRecord, ...]:
    """The fixture routine's holds, with a shorter, a skipped or an alternative now and then."""
    holds = [
        PoseRecord("childs-pose", None, 45.0, 45.0, Outcome.DONE),
        PoseRecord("cat-cow", None, 96.0, 96.0, Outcome.DONE, cycles_planned=12, cycles_done=12),
    ]
    for side in ("left", "right"):
        holds.append(PoseRecord("thread-the-needle", side, 30.0, 30.0, Outcome.DONE))
    pigeon = ("figure-four", True) if number % 4 == 0 else ("pigeon", False)
    for side in ("left", "right"):
        held, outcome = (40.0, Outcome.SHORTENED) if number % 5 == 0 else (60.0, Outcome.DONE)
        holds.append(PoseRecord(pigeon[0], side, 60.0, held, outcome, alternative_used=pigeon[1]))
    for side in ("left", "right"):
        skipped = number % 7 == 3
        holds.append(
            PoseRecord(
                "seated-spinal-twist",
                side,
                30.0,
                0.0 if skipped else 35.0,
                Outcome.SKIPPED if skipped else Outcome.EXTENDED,
            )
        )
    return tuple(holds)


def sample_session(number: int, day: date) -> SessionRecord:
    """Session `number` of the sample history, done on `day` at a morning hour."""
    started = datetime(day.year, day.month, day.day, 7 + number % 3, 5 * (number % 12), tzinfo=TZ)
    holds = poses(number)
    status = Status.PARTIAL if number % 11 == 5 else Status.COMPLETED
    if status is Status.PARTIAL:
        holds = holds[:4]
    active = sum(p.held_seconds for p in holds)
    # Pain eases over the weeks, with a bad spell in the middle.
    before = max(0, min(10, 7 - number // 12 + (3 if 30 <= number < 34 else 0)))
    after = None if number % 6 == 1 else max(0, before - (1 + number % 3))
    return SessionRecord(
        id=f"sample-{number:03d}",
        routine_id="hip-back-daily",
        routine_name="Daily hip & back",
        started_at=started,
        ended_at=started + timedelta(seconds=active + 120),
        status=status,
        planned_seconds=sum(p.planned_seconds for p in poses(number)),
        active_seconds=active,
        poses=holds,
        pain_before=None if number % 9 == 2 else before,
        pain_after=after,
        note="Hips tight after the drive." if number == 40 else "",
    )


def sample_days(count: int = 64, today: date = TODAY) -> list[date]:
    """Practice days over about four months up to `today`, with a few gaps, oldest first."""
    days: list[date] = []
    day = today
    while len(days) < count:
        if day.toordinal() % 5 != 2 or (today - day).days < 9:  # a rest day now and then
            days.append(day)
        day -= timedelta(days=1 if len(days) % 13 else 2)
    return sorted(days)


def sample_sessions(count: int = 64, today: date = TODAY) -> list[SessionRecord]:
    """The sample history, oldest first."""
    return [sample_session(n, day) for n, day in enumerate(sample_days(count, today))]


def fill(data_dir: Path, count: int = 64, today: date = TODAY) -> History:
    """A History in `data_dir` holding the sample sessions."""
    history = History(data_dir)
    for record in sample_sessions(count, today):
        history.save(record)
    return history
