"""Session records: JSON round trips, summaries, and what is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.record import (
    SCHEMA_VERSION,
    Outcome,
    PoseRecord,
    RecordError,
    SessionRecord,
    Status,
    count_holds,
    from_dict,
    summarize,
    summary_from_dict,
    summary_to_dict,
    to_dict,
)

seconds = st.floats(0, 3600, allow_nan=False)
text = st.text(max_size=20)
aware = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-9, minutes=-30))]),
)
poses = st.builds(
    PoseRecord,
    pose_id=text,
    side=st.sampled_from([None, "left", "right"]),
    planned_seconds=seconds,
    held_seconds=seconds,
    outcome=st.sampled_from(Outcome),
    alternative_used=st.booleans(),
    cycles_planned=st.one_of(st.none(), st.integers(0, 20)),
    cycles_done=st.one_of(st.none(), st.integers(0, 20)),
    attempts=st.integers(0, 20),
)
pain = st.one_of(st.none(), st.integers(0, 10))
records = st.builds(
    SessionRecord,
    id=text,
    routine_id=text,
    routine_name=text,
    started_at=aware,
    ended_at=st.one_of(st.none(), aware),
    status=st.sampled_from(Status),
    planned_seconds=seconds,
    active_seconds=seconds,
    poses=st.lists(poses, max_size=12).map(tuple),
    pain_before=pain,
    pain_after=pain,
    note=text,
)


@given(records)
def test_records_survive_json(record: SessionRecord) -> None:
    assert from_dict(json.loads(json.dumps(to_dict(record)))) == record


@given(records)
def test_summaries_survive_json_and_count_like_the_record(record: SessionRecord) -> None:
    summary = summarize(record)
    assert summary_from_dict(json.loads(json.dumps(summary_to_dict(summary)))) == summary
    assert summary.counts == record.counts
    assert summary.holds_done <= summary.holds_total
    assert summary.poses_done <= summary.poses_total


def test_counts_say_poses_and_holds_and_repeats_are_one_hold() -> None:
    def held(pose_id: str, side: str | None, step: int, outcome: Outcome) -> PoseRecord:
        return PoseRecord(pose_id, side, 30, 30, outcome, step=step)

    poses = (
        held("child", None, 0, Outcome.DONE),
        held("thread", "left", 1, Outcome.DONE),
        held("thread", "right", 1, Outcome.SKIPPED),
        held("pigeon", "left", 2, Outcome.HURT),
        held("figure-four", "left", 2, Outcome.DONE),  # the alternative, same step and side
        held("figure-four", "right", 2, Outcome.DONE),
    )
    counts = count_holds(poses, planned_poses=4, planned_holds=6)
    assert str(counts) == "2 of 4 poses · 4 of 6 holds"


def _valid() -> dict[str, Any]:
    started = datetime(2026, 11, 3, 8, tzinfo=UTC)
    return to_dict(SessionRecord("a", "daily", "Daily", started, None, Status.PARTIAL, 60, 30))


def test_the_stored_field_names_are_stable() -> None:
    assert list(_valid()) == [
        "id",
        "routine_id",
        "routine_name",
        "started_at",
        "ended_at",
        "status",
        "planned_seconds",
        "active_seconds",
        "poses",
        "pain_before",
        "pain_after",
        "note",
        "schema",
        "speed",
        "planned_poses",
        "planned_holds",
        "stopped_at_pose",
        "pain_where",
        "pain_note",
    ]
    assert _valid()["schema"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "change",
    [
        {"id": None},  # removed below
        {"status": "finished-ish"},
        {"started_at": "2026-11-03T08:00:00"},  # no timezone
        {"started_at": "yesterday"},
        {"planned_seconds": "a lot"},
        {"schema": SCHEMA_VERSION + 1},
        {"poses": [{"pose_id": "x"}]},
        {"poses": [{**vars(PoseRecord("x", None, 1, 1, Outcome.DONE)), "outcome": "meh"}]},
    ],
)
def test_bad_records_raise_record_error(change: dict[str, Any]) -> None:
    data = {**_valid(), **change}
    if change == {"id": None}:
        del data["id"]
    with pytest.raises(RecordError):
        from_dict(data)


@pytest.mark.parametrize("bad", [[1, 2], "text", None])
def test_non_mappings_raise_record_error(bad: Any) -> None:
    with pytest.raises(RecordError):
        from_dict(bad)


def test_summary_without_fields_raises_record_error() -> None:
    with pytest.raises(RecordError):
        summary_from_dict({"id": "x"})


def test_speed_is_kept_in_json_and_defaults_to_one_for_older_records() -> None:
    from datetime import UTC, datetime

    from tui.core.record import SessionRecord, Status, from_dict, summarize, to_dict

    record = SessionRecord(
        id="demo",
        routine_id="daily",
        routine_name="Daily",
        started_at=datetime(2026, 11, 28, 8, tzinfo=UTC),
        ended_at=None,
        status=Status.PARTIAL,
        planned_seconds=60,
        active_seconds=8,
        speed=20.0,
    )
    data = to_dict(record)
    assert data["speed"] == 20.0
    assert from_dict(data).speed == 20.0 and summarize(record).speed == 20.0
    del data["speed"]
    assert from_dict(data).speed == 1.0


def test_attempts_are_kept_and_older_records_count_one_where_something_was_held() -> None:
    held = PoseRecord("pigeon", "left", 60, 61, Outcome.DONE, attempts=2)
    skipped = PoseRecord("pigeon", "right", 60, 0, Outcome.SKIPPED, attempts=0)
    data = {**_valid(), "poses": [vars(held), vars(skipped)]}
    assert [p.attempts for p in from_dict(data).poses] == [2, 0]
    for pose in data["poses"]:
        del pose["attempts"]  # a record from before attempts were counted
    assert [p.attempts for p in from_dict(data).poses] == [1, 0]


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2", 10_001])
def test_a_bad_attempt_count_is_refused(bad: object) -> None:
    pose = {**vars(PoseRecord("x", None, 1, 1, Outcome.DONE)), "outcome": "done", "attempts": bad}
    with pytest.raises(RecordError, match="attempts"):
        from_dict({**_valid(), "poses": [pose]})
