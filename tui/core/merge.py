"""Which of two copies of one session to keep when histories are merged."""

from __future__ import annotations

from enum import StrEnum

from tui.core.record import SessionRecord, to_dict


class MergeChoice(StrEnum):
    """What merging an incoming copy of a session does."""

    ADD = "added"  # no copy here yet
    SAME = "already present"  # the same content is here
    UPDATE = "updated"  # the incoming copy is more complete: it replaces ours
    KEEP = "kept"  # ours is at least as complete: the incoming copy is dropped


def held_seconds(record: SessionRecord) -> float:
    """Seconds actually held over every pose of the session."""
    return sum(pose.held_seconds for pose in record.poses)


def completeness(record: SessionRecord) -> tuple[float, float, float]:
    """Orders copies of one session: more held seconds, then later end, then more active time."""
    ended = record.ended_at.timestamp() if record.ended_at else float("-inf")
    return (held_seconds(record), ended, record.active_seconds)


def choose(ours: SessionRecord | None, incoming: SessionRecord) -> MergeChoice:
    """Whether `incoming` is added, already here, replaces `ours`, or is dropped."""
    if ours is None:
        return MergeChoice.ADD
    if to_dict(ours) == to_dict(incoming):
        return MergeChoice.SAME
    if completeness(incoming) > completeness(ours):
        return MergeChoice.UPDATE
    return MergeChoice.KEEP
