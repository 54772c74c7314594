"""A stored session whose every text field would drive a terminal, for the tests that show it."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import datetime, timedelta
from typing import Any

from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.core.routine import Routine

HOSTILE = "\x1b]52;c;aGVsbG8=\x1b\\\x1b]0;PWNED\x1b\\\x9b2J\u202eevil\x07"
# What a terminal could obey: C0 (but newline), DEL, C1, and the bidi overrides/isolates.
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def text_fields(cls: type) -> list[str]:
    """The names of the text fields of a record class (a field added later is walked too)."""
    return [f.name for f in fields(cls) if f.type in ("str", str)]


def hostile_record(started: datetime, routine: Routine) -> SessionRecord:
    """A partial session of `routine` with every text field of it and of its poses hostile."""
    step = routine.steps[0]
    pose = PoseRecord(step.pose_id, None, 30.0, 20.0, Outcome.HURT, step=0)
    texts: dict[str, Any] = {name: f"{name}:{HOSTILE}" for name in text_fields(PoseRecord)}
    pose = replace(pose, **texts)
    # The pose id must stay the routine's, or resuming and naming the pose would not reach it.
    pose = replace(pose, pose_id=step.pose_id)
    record = SessionRecord(
        "s", routine.id, "name", started, started + timedelta(minutes=1), Status.PARTIAL,
        300.0, 20.0, (pose, replace(pose, pose_id=f"gone{HOSTILE}")),
    )  # fmt: skip
    texts = {name: f"{name}:{HOSTILE}" for name in text_fields(SessionRecord)}
    return replace(record, **texts)


def unsafe(output: str) -> list[str]:
    """The characters in `output` a terminal could obey, as U+XXXX."""
    return sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(output)})
