"""Routines back to data: the same shape as the shipped TOML files, for export and storage."""

from __future__ import annotations

from typing import Any

from tui.core.routine import SCHEMA_VERSION, Pose, Range, Routine, Step


def sequence_to_list(routine: Routine) -> list[dict[str, Any]]:
    """Every step as a `{ pose, amount, enabled }` table (and its alternative side), in order."""
    return [_step_table(s) for s in routine.steps]


def _step_table(step: Step) -> dict[str, Any]:
    table: dict[str, Any] = {"pose": step.pose_id, "amount": step.amount, "enabled": step.enabled}
    if step.alternative_sides:
        table["alternative_side"] = step.alternative_sides[0]
    return table


def _sequence_item(routine: Routine, step: Step) -> str | dict[str, Any]:
    # Steps left as the pose recommends stay plain ids, so exports read like the shipped file.
    plain = step.enabled and not step.alternative_sides
    if plain and step.amount == routine.pose(step.pose_id).amount_range.default:
        return step.pose_id
    item: dict[str, Any] = {"pose": step.pose_id, "amount": step.amount}
    if not step.enabled:
        item["enabled"] = False
    if step.alternative_sides:
        item["alternative_side"] = step.alternative_sides[0]
    return item


def _range(rng: Range) -> dict[str, int]:
    return {"min": rng.min, "max": rng.max, "default": rng.default}


def pose_to_dict(pose: Pose) -> dict[str, Any]:
    """One `[[poses]]` table, leaving out fields at their defaults."""
    data: dict[str, Any] = {"id": pose.id, "name": pose.name}
    for key in ("sanskrit",):
        if getattr(pose, key):
            data[key] = getattr(pose, key)
    if pose.targets:
        data["targets"] = list(pose.targets)
    data["per_side"] = pose.per_side
    if pose.hold is not None:
        data["hold"] = _range(pose.hold)
    if pose.cycles is not None:
        data["cycles"] = _range(pose.cycles)
    for key in ("recommended", "inhale", "exhale"):
        if getattr(pose, key):
            data[key] = getattr(pose, key)
    if pose.recommended_range is not None:
        low, high = pose.recommended_range
        data["recommended_range"] = {"min": low, "max": high}
    if pose.not_from_source:
        data["not_from_source"] = list(pose.not_from_source)
    if pose.alternative is not None:
        data["alternative"] = pose.alternative
    if pose.alternative_is is not None:
        data["alternative_is"] = str(pose.alternative_is)
    if pose.alternative_only:
        data["alternative_only"] = True
    data["cue"] = pose.cue
    data["instructions"] = list(pose.instructions)
    if pose.breath:
        data["breath"] = pose.breath
    if pose.benefits:
        data["benefits"] = list(pose.benefits)
    if pose.cautions:
        data["cautions"] = list(pose.cautions)
    return data


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    """The routine as TOML-shaped data that `routine_from_dict` reads back unchanged."""
    data: dict[str, Any] = {"schema": SCHEMA_VERSION, "id": routine.id, "name": routine.name}
    for key in ("description", "source", "source_note", "safety"):
        if getattr(routine, key):
            data[key] = getattr(routine, key)
    data["target_minutes"] = routine.target_minutes
    data["sequence"] = [_sequence_item(routine, s) for s in routine.steps]
    data["poses"] = [pose_to_dict(p) for p in routine.poses.values()]
    return data


def routine_to_toml(routine: Routine) -> str:
    """The routine as the text of a TOML file like those in data/routines/."""
    import tomli_w  # only export needs it

    header = f"# Supple routine {routine.id!r}, exported; edit and import with `supple routine`.\n"
    return header + tomli_w.dumps(routine_to_dict(routine))
