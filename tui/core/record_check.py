"""Validation of a session record that arrives from outside (an import file, a stored month)."""

from __future__ import annotations

import math
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import Any

from tui.core.record import PoseRecord, RecordError, SessionRecord, SessionSummary, from_dict
from tui.core.safe_text import control_characters

PAIN_RANGE = range(11)  # the 0-10 scale the check-ins ask about
SIDES = (None, "left", "right")  # a pose done once has no side
MAX_SECONDS = 24 * 60 * 60  # no session, let alone a hold, lasts a day: such a value is damage
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # before computers kept time this way: damage
# Time zones differ by up to a day; a session further ahead than that is a wrong clock or damage.
FUTURE_MARGIN = timedelta(days=1)


def validate_record(
    data: object, *, stored: bool = False, now: datetime | None = None
) -> SessionRecord:
    """The record `data` describes, or RecordError saying in plain words what is wrong.

    A `stored` record (already in the history) may keep control characters in its texts:
    every screen and printout makes them visible, and refusing it would hide a session.
    Given `now`, a session dated more than a day after it is refused (an import's check).
    """
    if not isinstance(data, dict):
        raise RecordError(f"expected an object with a session's fields, found {_kind(data)}")
    session_id = data.get("id")
    if not isinstance(session_id, str) or not session_id.strip():
        raise RecordError("the id is missing or not a text")
    if not isinstance(data.get("poses", []), list):
        raise RecordError(f"poses must be a list, not {_kind(data['poses'])}")
    record = from_dict(data)
    if not stored:
        _check_texts("", record)
    for name in ("planned_seconds", "active_seconds"):
        _check_seconds(name, getattr(record, name))
    for number, pose in enumerate(record.poses):
        if not stored:
            _check_texts(f"poses[{number}].", pose)
        _check_seconds(f"poses[{number}].planned_seconds", pose.planned_seconds)
        _check_seconds(f"poses[{number}].held_seconds", pose.held_seconds)
        if pose.side not in SIDES:
            raise RecordError(f"poses[{number}].side must be left, right or null")
        for name in ("cycles_planned", "cycles_done"):
            _check_count(f"poses[{number}].{name}", getattr(pose, name))
    _check_pain(record.pain_before, record.pain_after)
    if record.ended_at is not None:
        if record.ended_at.tzinfo is None:
            raise RecordError("ended_at has no timezone")
        if record.ended_at < record.started_at:
            raise RecordError("ended_at is before started_at")
    if not stored:
        _check_dates(record, now)
    return record


def check_summary(summary: SessionSummary) -> None:
    """Raise RecordError if a stored summary holds a value no screen can show."""
    for name in ("planned_seconds", "active_seconds"):
        _check_seconds(name, getattr(summary, name))
    _check_pain(summary.pain_before, summary.pain_after)


def _check_pain(before: object, after: object) -> None:
    for name, pain in (("pain_before", before), ("pain_after", after)):
        if pain is not None and (type(pain) is not int or pain not in PAIN_RANGE):
            raise RecordError(f"{name} must be a whole number from 0 to 10, not {pain!r}")


def _check_count(name: str, value: object) -> None:
    if value is not None and (type(value) is not int or not 0 <= value <= 10_000):
        raise RecordError(f"{name} must be a whole number of breaths, not {value!r}")


def _check_texts(prefix: str, item: SessionRecord | PoseRecord) -> None:
    """Refuse control characters in every text field of `item`, a field added later too."""
    for entry in fields(item):
        value = getattr(item, entry.name)
        if isinstance(value, str):
            # A note may run over lines; an id or a name is one line.
            found = control_characters(value, allow_newlines=entry.name == "note")
            if found:
                raise RecordError(
                    f"{prefix}{entry.name} contains control characters ({', '.join(found[:3])})"
                )


def _check_dates(record: SessionRecord, now: datetime | None) -> None:
    for name, when in (("started_at", record.started_at), ("ended_at", record.ended_at)):
        if when is None:
            continue
        # Month files are named by year, streaks count days: a date near the calendar's ends
        # (year 1, year 9999) has no file name that sorts and no neighbour a day away.
        if when < EARLIEST:
            raise RecordError(f"{name} {when.date()} is before {EARLIEST.year}: not a session")
        if now is not None and when > now + FUTURE_MARGIN:
            raise RecordError(
                f"{name} {when.date()} is more than a day in the future; if the clock of the "
                "machine that wrote it was wrong, correct the date in the file"
            )


def _check_seconds(name: str, value: float) -> None:
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise RecordError(
            f"{name} must be a number of seconds from 0 to {MAX_SECONDS:,}, not {value!r}"
        )


def _kind(data: Any) -> str:
    return {list: "a list", str: "a text", type(None): "null"}.get(type(data), type(data).__name__)
