"""Validation of a session record that arrives from outside (an import file, a stored month)."""

from __future__ import annotations

import math
from typing import Any

from tui.core.record import RecordError, SessionRecord, from_dict
from tui.core.safe_text import control_characters

PAIN_RANGE = range(11)  # the 0-10 scale the check-ins ask about


def validate_record(data: object) -> SessionRecord:
    """The record `data` describes, or RecordError saying in plain words what is wrong."""
    if not isinstance(data, dict):
        raise RecordError(f"expected an object with a session's fields, found {_kind(data)}")
    session_id = data.get("id")
    if not isinstance(session_id, str) or not session_id.strip():
        raise RecordError("the id is missing or not a text")
    record = from_dict(data)
    _check_text("id", record.id)
    _check_text("routine_id", record.routine_id)
    _check_text("routine_name", record.routine_name)
    _check_text("note", record.note, allow_newlines=True)
    for name in ("planned_seconds", "active_seconds"):
        _check_seconds(name, getattr(record, name))
    for number, pose in enumerate(record.poses):
        _check_text(f"poses[{number}].pose_id", pose.pose_id)
        _check_seconds(f"poses[{number}].planned_seconds", pose.planned_seconds)
        _check_seconds(f"poses[{number}].held_seconds", pose.held_seconds)
    for name in ("pain_before", "pain_after"):
        pain = getattr(record, name)
        if pain is not None and (type(pain) is not int or pain not in PAIN_RANGE):
            raise RecordError(f"{name} must be a whole number from 0 to 10, not {pain!r}")
    if record.ended_at is not None:
        if record.ended_at.tzinfo is None:
            raise RecordError("ended_at has no timezone")
        if record.ended_at < record.started_at:
            raise RecordError("ended_at is before started_at")
    return record


def _check_text(name: str, value: str, *, allow_newlines: bool = False) -> None:
    found = control_characters(value, allow_newlines=allow_newlines)
    if found:
        raise RecordError(f"{name} contains control characters ({', '.join(found[:3])})")


def _check_seconds(name: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise RecordError(f"{name} must be a number of seconds, 0 or more, not {value!r}")


def _kind(data: Any) -> str:
    return {list: "a list", str: "a text", type(None): "null"}.get(type(data), type(data).__name__)
