"""A shipped routine that changed after the person edited it: what their routine becomes.

An edited shipped routine is kept as its steps (`sequence`) over the shipped poses, so a
pose Supple adds later would never appear, and one it removes would make the routine
unusable. Here a new shipped pose joins their steps switched off, where the shipped order
puts it; a removed one stays, from the copy of its definition kept with their edits
(`kept_poses`), with a caution saying Supple no longer ships it. A pose with no copy (an
edit saved before copies were kept, or a damaged file) leaves the routine unusable, as
before: it is named, and the document is kept as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NO_LONGER_SHIPPED = (
    "Supple no longer ships this pose; it stays in your routine until you reset the routine."
)


@dataclass
class Merged:
    """The routine's data with the person's steps over today's shipped poses, and what changed."""

    data: dict[str, Any]
    sequence: list[Any]
    added: list[str] = field(default_factory=list)  # ids of new shipped poses, switched off
    kept: list[str] = field(default_factory=list)  # ids no longer shipped, kept from the copy

    def pose_name(self, pose_id: str) -> str:
        """The pose's name in the merged data, or its id."""
        for pose in self.data.get("poses", []):
            if isinstance(pose, dict) and pose.get("id") == pose_id:
                return str(pose.get("name", pose_id))
        return pose_id


def _entry_id(entry: object) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and isinstance(entry.get("pose"), str):
        return str(entry["pose"])
    return None


def merge_shipped(
    shipped: Mapping[str, Any], sequence: Sequence[Any], kept_poses: Sequence[Any]
) -> Merged:
    """The shipped routine's data with the person's `sequence`, brought up to date."""
    data = dict(shipped)
    poses = [p for p in data.get("poses", []) if isinstance(p, dict)]
    by_id = {p["id"]: p for p in poses if isinstance(p.get("id"), str)}
    copies = {
        p["id"]: p for p in kept_poses if isinstance(p, dict) and isinstance(p.get("id"), str)
    }
    merged = Merged(data, [])
    extra: list[dict[str, Any]] = []
    for entry in sequence:
        pid = _entry_id(entry)
        if pid is not None and pid in copies and pid not in by_id:
            pose = dict(copies[pid])
            cautions = list(pose.get("cautions", []))
            if NO_LONGER_SHIPPED not in cautions:  # the copy kept from last time has it
                cautions.append(NO_LONGER_SHIPPED)
            pose["cautions"] = cautions
            extra.append(pose)
            merged.kept.append(pid)
        # Anything else unknown stays for routine_from_dict to name (a damaged document).
        merged.sequence.append(entry)
    present = {_entry_id(e) for e in merged.sequence}
    after: str | None = None  # the last shipped step the person has, to insert behind
    for entry in data.get("sequence", []):
        pid = _entry_id(entry)
        if pid is None or pid not in by_id:
            continue
        alternative = by_id[pid].get("alternative")
        if pid in present or alternative in present:
            after = pid if pid in present else str(alternative)
            continue
        at = 0 if after is None else [_entry_id(e) for e in merged.sequence].index(after) + 1
        merged.sequence.insert(at, {"pose": pid, "enabled": False})
        present.add(pid)
        merged.added.append(pid)
        after = pid
    names = set(by_id) | {p["id"] for p in extra}
    for pose in extra:  # a kept pose's alternative may be gone too
        if pose.get("alternative") not in names:
            pose.pop("alternative", None)
            pose.pop("alternative_is", None)  # says which way the alternative goes: none now
            pose.pop("alternative_only", None)
    data["poses"] = [*poses, *extra]
    data["sequence"] = merged.sequence
    return merged
