"""What hurt lately: the pose sides to mention at their next get-ready, never silently.

Pure: given the recent sessions, it finds each pose side that hurt in the last real
(not demo) session that held that pose, or in the last few days, and says so in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tui.core.record import HURT_NOTE, PoseRecord, SessionRecord

DAYS = 7  # a hurt older than this is not brought up again


@dataclass(frozen=True)
class HurtMemory:
    """One pose side that hurt: when, and what the record says of it."""

    pose_id: str
    side: str | None
    day: date
    last_time: bool  # in the latest session that held this pose
    what: str  # "hurt after 20 s", from the record's own note

    def line(self, today: date) -> str:
        """ "Last time: right side hurt after 20 s" (or "3 days ago: …")."""
        if self.last_time:
            when = "Last time"
        else:
            days = (today - self.day).days
            when = "Yesterday" if days == 1 else "Today" if days == 0 else f"{days} days ago"
        side = f"{self.side} side " if self.side else ""
        return f"{when}: {side}{self.what}"


def _what(pose: PoseRecord) -> str:
    """The record's words for the hurt ("hurt after 20 s"), or just "hurt"."""
    parts = [part for part in pose.note.split("; ") if part.startswith(HURT_NOTE)]
    return parts[0] if parts else HURT_NOTE


def recent_hurts(
    sessions: Iterable[SessionRecord], today: date, days: int = DAYS
) -> dict[tuple[str, str | None], HurtMemory]:
    """The latest hurt of each (pose, side) within `days` of `today`, demo runs left out.

    `sessions` may come in any order; only the newest hurt of each side is kept.
    """
    real = sorted((s for s in sessions if not s.is_demo), key=lambda s: s.started_at)
    latest_session: dict[str, str] = {}  # each pose's latest session (the later wins)
    for session in real:
        for pose in session.poses:
            latest_session[pose.pose_id] = session.id
    found: dict[tuple[str, str | None], HurtMemory] = {}
    for session in real:
        day = session.started_at.date()
        if (today - day).days > days or day > today:
            continue
        for pose in session.poses:
            if pose.hurt:
                found[(pose.pose_id, pose.side)] = HurtMemory(
                    pose.pose_id,
                    pose.side,
                    day,
                    latest_session.get(pose.pose_id) == session.id,
                    _what(pose),
                )
    return found
