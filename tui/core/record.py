"""What a session leaves behind: the record kept in history, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 2


class Outcome(StrEnum):
    """How one hold (a pose, or one side of it) went."""

    DONE = "done"
    SKIPPED = "skipped"
    SHORTENED = "shortened"
    EXTENDED = "extended"
    HURT = "hurt"  # ended early with `!` before the side was ever held in full


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
    step: int | None = None  # the pose's place in the session, 0-based (None before schema 2)
    note: str = ""  # e.g. "hurt after 20 s"
    # Times this side was begun and held (a second attempt: gone back to and done again).
    attempts: int = 1

    @property
    def finished(self) -> bool:
        """Whether this side was held in full (or longer)."""
        return self.outcome in FINISHED

    @property
    def hurt(self) -> bool:
        """Whether `!` was pressed on this side, even if it was then held in full."""
        return self.outcome is Outcome.HURT or any(
            part.startswith(HURT_NOTE) for part in self.note.split("; ")
        )


FINISHED = (Outcome.DONE, Outcome.EXTENDED)
# Where it hurts, as the pain check-in offers it (stored and exported as written here).
PAIN_PLACES = (
    "lower back",
    "upper back / neck",
    "left hip",
    "right hip",
    "left leg",
    "right leg",
    "other",
)
PAIN_NOTE_LIMIT = 200  # characters: a short note, one line

# How a pose record's note begins when `!` was pressed ("hurt after 20 s").
HURT_NOTE = "hurt"


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
    speed: float = 1.0  # --speed of the run: anything but 1 is a demo, not practice
    # Planned when the session began (None in records older than schema 2: then the
    # poses and sides that have a record are all that is known).
    planned_poses: int | None = None
    planned_holds: int | None = None
    # The pose the session was at when last saved (its own id: an alternative's if swapped
    # in), so a session cut off is resumed where it really stopped; None in older records.
    stopped_at_pose: str | None = None
    # Where it hurts (one of PAIN_PLACES) and a short note, from a check-in or the summary.
    pain_where: str | None = None
    pain_note: str = ""

    @property
    def counts(self) -> Counts:
        """Poses and holds done, of those planned."""
        return count_holds(self.poses, self.planned_poses, self.planned_holds)

    @property
    def poses_done(self) -> int:
        """Poses whose every side was held in full."""
        return self.counts.poses_done

    @property
    def holds_done(self) -> int:
        """Sides held in full (a pose done once is one hold)."""
        return self.counts.holds_done

    @property
    def poses_total(self) -> int:
        """Poses planned."""
        return self.counts.poses_total

    @property
    def holds_total(self) -> int:
        """Holds planned (one per side)."""
        return self.counts.holds_total

    @property
    def is_demo(self) -> bool:
        """Whether the session ran faster than real time (--speed), so is not practice."""
        return self.speed != 1.0

    @property
    def hurt(self) -> bool:
        """Whether `!` was pressed on some hold of the session."""
        return any(pose.hurt for pose in self.poses)

    def with_changes(self, **changes: Any) -> SessionRecord:
        """A copy with some fields replaced."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Counts:
    """How much of a session was done: whole poses, and holds (one per side)."""

    poses_done: int
    poses_total: int
    holds_done: int
    holds_total: int

    def __str__(self) -> str:
        return (
            f"{self.poses_done} of {self.poses_total} poses · "
            f"{self.holds_done} of {self.holds_total} holds"
        )


def count_holds(
    poses: tuple[PoseRecord, ...], planned_poses: int | None, planned_holds: int | None
) -> Counts:
    """Count poses and holds done; a hold is one side of a pose, done when held in full.

    Attempts of the same step and side (a repeat, the alternative swapped in) are one hold,
    done if any attempt was; a pose is done when all its holds are.
    """
    slots: dict[tuple[tuple[object, ...], str | None], bool] = {}
    group, last_id = -1, None
    for record in poses:
        if record.step is None and record.pose_id != last_id:  # before schema 2
            group += 1
        last_id = record.pose_id
        step: tuple[object, ...] = (record.step,) if record.step is not None else ("old", group)
        key = (step, record.side)
        slots[key] = slots.get(key, False) or record.finished
    steps: dict[tuple[object, ...], bool] = {}
    for (step, _), done in slots.items():
        steps[step] = steps.get(step, True) and done
    holds_done = sum(slots.values())
    poses_done = sum(steps.values())
    return Counts(
        poses_done=poses_done,
        poses_total=max(planned_poses or 0, len(steps)),
        holds_done=holds_done,
        holds_total=max(planned_holds or 0, len(slots)),
    )


# Less than this much of a hold counts as not having held it at all.
SKIP_THRESHOLD = 1.0


def outcome_of(
    planned: float, held: float, cycles_planned: int | None = None, cycles_done: int | None = None
) -> Outcome:
    """How a hold went from the time held (or, for breath-paced poses, the breaths done)."""
    if held < SKIP_THRESHOLD:
        return Outcome.SKIPPED
    if cycles_planned is not None and cycles_done is not None:
        planned, held = float(cycles_planned), float(cycles_done)
    if held < planned - 0.05:
        return Outcome.SHORTENED
    if held > planned + 0.05:
        return Outcome.EXTENDED
    return Outcome.DONE


# The better of two attempts' outcomes: a side is done if any attempt held it in full.
_OUTCOME_RANK = (Outcome.SKIPPED, Outcome.SHORTENED, Outcome.HURT, Outcome.DONE, Outcome.EXTENDED)


def merge_attempt(earlier: PoseRecord | None, attempt: PoseRecord) -> PoseRecord:
    """One side's record after another attempt: the time held adds up, the outcome is the best.

    Each attempt is judged on its own: done again after going back is "done" (in two
    attempts), never "extended" because the two add up to more than planned. A side
    that hurt (`!`) and was never then held in full stays marked as hurt.
    """
    if earlier is None:
        return attempt
    held = round(earlier.held_seconds + attempt.held_seconds, 1)
    cycles = None
    if earlier.cycles_done is not None or attempt.cycles_done is not None:
        cycles = (earlier.cycles_done or 0) + (attempt.cycles_done or 0)
    outcome = max(earlier.outcome, attempt.outcome, key=_OUTCOME_RANK.index)
    notes = [n for n in (earlier.note, attempt.note) if n]
    return replace(
        earlier,
        held_seconds=held,
        outcome=outcome,
        cycles_done=cycles,
        note="; ".join(dict.fromkeys(notes)),
        attempts=earlier.attempts + attempt.attempts,
    )


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
    # Version 2 added speed, planned counts, and each pose record's step and note; their
    # defaults describe a version 1 record exactly, so the step is only the number.
    if version == 1:
        data["schema"] = version = 2
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
                step=_optional_int(p.get("step")),
                note=str(p.get("note", "")),
                attempts=_attempts(p),
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
            speed=_speed(data.get("speed", 1.0)),
            planned_poses=_optional_int(data.get("planned_poses")),
            planned_holds=_optional_int(data.get("planned_holds")),
            stopped_at_pose=_optional_text(data.get("stopped_at_pose")),
            pain_where=_pain_where(data.get("pain_where")),
            pain_note=_pain_note(data.get("pain_note", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"not a session record: {exc!r}") from exc


def _optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        raise RecordError(f"{value!r} is not a count")
    return value


def _optional_text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise RecordError(f"{value!r} is not a pose id")
    return value


def _pain_where(value: Any) -> str | None:
    if value is not None and value not in PAIN_PLACES:
        raise RecordError(f"pain_where must be null or one of {', '.join(PAIN_PLACES)}")
    return value  # type: ignore[no-any-return]


def _pain_note(value: Any) -> str:
    # One line: a line break in it is refused at import with the other control characters.
    if not isinstance(value, str) or len(value) > PAIN_NOTE_LIMIT:
        raise RecordError(f"pain_note must be a text of at most {PAIN_NOTE_LIMIT} characters")
    return value


def _attempts(pose: dict[str, Any]) -> int:
    """Attempts at a side; a record from before they were counted had one if anything was held."""
    if "attempts" not in pose:
        return int(float(pose["held_seconds"]) >= SKIP_THRESHOLD)
    value = pose["attempts"]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        raise RecordError(f"attempts {value!r} is not a count")
    return value


def _speed(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1000:
        raise RecordError(f"speed {value!r} is not a number from 0 to 1000")
    return float(value)


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
    poses_done: int  # poses whose every side was held in full
    poses_total: int  # poses planned
    holds_done: int  # sides held in full (a pose done once is one hold)
    holds_total: int  # holds planned
    pain_before: int | None = None
    pain_after: int | None = None
    pain_where: str | None = None  # where it hurt, when a check-in said
    speed: float = 1.0
    hurt: bool = False  # `!` was pressed on some hold

    @property
    def counts(self) -> Counts:
        """Poses and holds done, of those planned."""
        return Counts(self.poses_done, self.poses_total, self.holds_done, self.holds_total)

    @property
    def is_demo(self) -> bool:
        """Whether the session ran faster than real time (--speed), so is not practice."""
        return self.speed != 1.0


def summarize(record: SessionRecord) -> SessionSummary:
    """The summary of a full record."""
    counts = record.counts
    return SessionSummary(
        id=record.id,
        routine_id=record.routine_id,
        routine_name=record.routine_name,
        started_at=record.started_at,
        ended_at=record.ended_at,
        status=record.status,
        planned_seconds=record.planned_seconds,
        active_seconds=record.active_seconds,
        poses_done=counts.poses_done,
        poses_total=counts.poses_total,
        holds_done=counts.holds_done,
        holds_total=counts.holds_total,
        pain_before=record.pain_before,
        pain_after=record.pain_after,
        pain_where=record.pain_where,
        speed=record.speed,
        hurt=record.hurt,
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
            holds_done=int(data["holds_done"]),
            holds_total=int(data["holds_total"]),
            pain_before=data.get("pain_before"),
            pain_after=data.get("pain_after"),
            speed=_speed(data.get("speed", 1.0)),
            hurt=data.get("hurt") is True,
            pain_where=_pain_where(data.get("pain_where")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"not a session summary: {exc!r}") from exc
