"""Session records for store tests: a factory with sensible defaults."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from tui.core.record import Outcome, PoseRecord, SessionRecord, Status

TZ = timezone(timedelta(hours=1))
START = datetime(2026, 11, 3, 8, 0, tzinfo=TZ)

MakeRecord = Callable[..., SessionRecord]


def make_record(number: int = 0, **changes: Any) -> SessionRecord:
    """A completed six-pose session, `number` days after START unless told otherwise."""
    started = changes.pop("started_at", START + timedelta(days=number))
    poses = tuple(
        PoseRecord(f"pose-{i}", side, 60.0, 60.0, Outcome.DONE)
        for i in range(6)
        for side in (("left", "right") if i % 2 else (None,))
    )
    fields: dict[str, Any] = {
        "id": f"session-{number}",
        "routine_id": "daily",
        "routine_name": "Daily hips and back",
        "started_at": started,
        "ended_at": started + timedelta(minutes=12),
        "status": Status.COMPLETED,
        "planned_seconds": 540.0,
        "active_seconds": 540.0,
        "poses": poses,
        "pain_before": 5,
        "pain_after": 3,
    }
    fields.update(changes)
    return SessionRecord(**fields)
