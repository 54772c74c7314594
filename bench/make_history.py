"""Write a large `supple history --json` file, to load a bench history through the real import.

Run: python bench/make_history.py COUNT YEARS FILE
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

from tui.core.record import Outcome, PoseRecord, SessionRecord, Status

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=TZ)
POSES = tuple(
    PoseRecord(f"pose-{i}", side, 60.0, 60.0, Outcome.DONE)
    for i in range(6)
    for side in (("left", "right") if i % 2 else (None,))
)


def session(number: int, started: datetime) -> SessionRecord:
    """A completed six-pose session."""
    return SessionRecord(
        id=f"bench-{number}",
        routine_id="daily",
        routine_name="Daily hips and back",
        started_at=started,
        ended_at=started + timedelta(minutes=12),
        status=Status.COMPLETED,
        planned_seconds=540.0,
        active_seconds=540.0,
        poses=POSES,
        pain_before=number % 7,
        pain_after=number % 5,
    )


def sessions(count: int, years: float, end: datetime = NOW) -> list[SessionRecord]:
    """`count` sessions spread evenly over `years` up to the day before `end`, newest first.

    At most a day apart, so a daily history is one unbroken streak: `supple status` then
    has every year to walk back through.
    """
    step = min(timedelta(days=1), timedelta(days=365.25 * years) / max(count, 1))
    return [session(n, end - timedelta(days=1) - step * n) for n in range(count)]


def write_export(path: Path, count: int, years: float, end: datetime = NOW) -> None:
    """The file `supple history --json` would write for such a history."""
    path.write_bytes(orjson.dumps(sessions(count, years, end), option=orjson.OPT_INDENT_2))


if __name__ == "__main__":
    write_export(Path(sys.argv[3]), int(sys.argv[1]), float(sys.argv[2]))
