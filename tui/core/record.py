"""What a session leaves behind: the record kept in history, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1


class Outcome(StrEnum):
    """How one hold (a pose, or one side of it) went."""

    DONE = "done"
    SKIPPED = "skipped"
    SHORTENED = "shortened"
    EXTENDED = "extended"


class Status(StrEnum):
    """How a whole session ended."""

    COMPLETED = "completed"
    PARTIAL = "partial"  # stopped early, or still in progress when last saved
    ABANDONED = "abandoned"  # stopped before any hold was done


@dataclass(frozen=True)
class PoseRecord:
    """One hold of one pose on one side (side is None for poses done once)."""

    pose_id: str
    side: str | None
    planned_seconds: float
    held_seconds: float
    outcome: Outcome
    alternative_used: bool = False
    # Breath-paced poses (Cat-Cow) count cycles as well as seconds.
    cycles_planned: int | None = None
    cycles_done: int | None = None


@dataclass(frozen=True)
class SessionRecord:
    """One session as stored in history."""

    id: str
    routine_id: str
    routine_name: str
    started_at: datetime  # timezone-aware, local
    ended_at: datetime | None
    status: Status
    planned_seconds: float
    active_seconds: float
    poses: tuple[PoseRecord, ...] = ()
    pain_before: int | None = None
    pain_after: int | None = None
    note: str = ""
    schema: int = field(default=SCHEMA_VERSION)
    speed: float = 1.0  # --speed of a demo run; anything but 1 is not practice

    @property
    def poses_done(self) -> int:
        """Holds finished in full or longer."""
        return sum(p.outcome in (Outcome.DONE, Outcome.EXTENDED) for p in self.poses)

    def with_changes(self, **changes: Any) -> SessionRecord:
        """A copy with some fields replaced."""
        return replace(self, **changes)


class RecordError(ValueError):
    """A stored record that cannot be read as a session."""


def _shallow(item: Any) -> dict[str, Any]:
    # `asdict` deep-copies every value: ~30x slower, and the values here are immutable.
    return {f.name: getattr(item, f.name) for f in fields(item)}


def to_dict(record: SessionRecord) -> dict[str, Any]:
    """The JSON-ready form of a record; field names are stable (see README)."""
    data = _shallow(record)
    data["started_at"] = record.started_at.isoformat()
    data["ended_at"] = record.ended_at.isoformat() if record.ended_at else None
    data["status"] = str(record.status)
    data["poses"] = [{**_shallow(p), "outcome": str(p.outcome)} for p in record.poses]
    return data


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older stored record up to SCHEMA_VERSION (one step per version)."""
    version = data.get("schema", 1)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise RecordError(f"schema {version!r} is newer than this Supple understands")
    # Version 1 is the first; future steps go here as `if version == 1: ...; version = 2`.
    return data


def from_dict(data: dict[str, Any]) -> SessionRecord:
    """Read a stored record, raising RecordError when it is not one."""
    try:
        data = migrate(dict(data))
        poses = tuple(
            PoseRecord(
                pose_id=str(p["pose_id"]),
                side=p.get("side"),
                planned_seconds=float(p["planned_seconds"]),
                held_seconds=float(p["held_seconds"]),
                outcome=Outcome(p["outcome"]),
                alternative_used=bool(p.get("alternative_used", False)),
                cycles_planned=p.get("cycles_planned"),
                cycles_done=p.get("cycles_done"),
            )
            for p in data.get("poses", ())
        )
        ended = data.get("ended_at")
        started_at = datetime.fromisoformat(data["started_at"])
        if started_at.tzinfo is None:
            raise RecordError("started_at has no timezone")
        return SessionRecord(
            id=str(data["id"]),
            routine_id=str(data["routine_id"]),
            routine_name=str(data.get("routine_name", data["routine_id"])),
            started_at=started_at,
            ended_at=datetime.fromisoformat(ended) if ended else None,
            status=Status(data["status"]),
            planned_seconds=float(data["planned_seconds"]),
            active_seconds=float(data["active_seconds"]),
            poses=poses,
            pain_before=data.get("pain_before"),
            pain_after=data.get("pain_after"),
            note=str(data.get("note", "")),
            schema=SCHEMA_VERSION,
            speed=float(data.get("speed", 1.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"not a session record: {exc!r}") from exc


@dataclass(frozen=True)
class SessionSummary:
    """What lists and statistics need of a session, without its poses."""

    id: str
    routine_id: str
    routine_name: str
    started_at: datetime
    ended_at: datetime | None
    status: Status
    planned_seconds: float
    active_seconds: float
    poses_done: int
    poses_total: int
    pain_before: int | None = None
    pain_after: int | None = None
    speed: float = 1.0


def summarize(record: SessionRecord) -> SessionSummary:
    """The summary of a full record."""
    return SessionSummary(
        id=record.id,
        routine_id=record.routine_id,
        routine_name=record.routine_name,
        started_at=record.started_at,
        ended_at=record.ended_at,
        status=record.status,
        planned_seconds=record.planned_seconds,
        active_seconds=record.active_seconds,
        poses_done=record.poses_done,
        poses_total=len(record.poses),
        pain_before=record.pain_before,
        pain_after=record.pain_after,
        speed=record.speed,
    )


def summary_to_dict(summary: SessionSummary) -> dict[str, Any]:
    """The JSON-ready form of a summary (same field names as the record's)."""
    data = _shallow(summary)
    data["started_at"] = summary.started_at.isoformat()
    data["ended_at"] = summary.ended_at.isoformat() if summary.ended_at else None
    data["status"] = str(summary.status)
    return data


def summary_from_dict(data: dict[str, Any]) -> SessionSummary:
    """Read a stored summary, raising RecordError when it is not one."""
    try:
        ended = data["ended_at"]
        started_at = datetime.fromisoformat(data["started_at"])
        if started_at.tzinfo is None:
            raise RecordError("started_at has no timezone")
        return SessionSummary(
            id=str(data["id"]),
            routine_id=str(data["routine_id"]),
            routine_name=str(data["routine_name"]),
            started_at=started_at,
            ended_at=datetime.fromisoformat(ended) if ended else None,
            status=Status(data["status"]),
            planned_seconds=float(data["planned_seconds"]),
            active_seconds=float(data["active_seconds"]),
            poses_done=int(data["poses_done"]),
            poses_total=int(data["poses_total"]),
            pain_before=data.get("pain_before"),
            pain_after=data.get("pain_after"),
            speed=float(data.get("speed", 1.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"not a session summary: {exc!r}") from exc
