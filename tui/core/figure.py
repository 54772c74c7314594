"""A pose's figure as data: named joints and a curved spine in a unit box, plus its geometry."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

Point = tuple[float, float]
# A joint table kept as sorted pairs, so figures are hashable and cache well.
Joints = tuple[tuple[str, Point], ...]
_OTHER = {"left": "right", "right": "left", "Left": "Right", "Right": "Left"}


class FigureError(ValueError):
    """A figure file that cannot be drawn, naming the file, pose and what to fix."""

    def __init__(self, source: str, pose: str, message: str) -> None:
        super().__init__(f"{source}: figure of pose {pose!r}: {message}")


@dataclass(frozen=True)
class Figure:
    """A person in a pose, seen from one side; y grows downwards, (0, 0) is top left."""

    pose_id: str
    view: str  # which view the drawing uses, in words ("side view, head to the left")
    left: str  # what the left side means, in words ("left knee forward"); "" if one-sided
    aspect: float  # the box's width over its height
    joints: Joints
    spine: tuple[str, ...]  # joints the spine passes through, drawn as one smooth curve
    limbs: tuple[tuple[str, tuple[str, ...]], ...]  # name and the joints it joins
    head: str
    head_radius: float  # as a fraction of the box's height
    working: frozenset[str] = frozenset()  # limbs that work on this side
    mat: float | None = None  # height of the floor line, if drawn
    inhale: Joints = ()  # joints moved at the top of an inhale (Cow), for breath poses
    exhale: Joints = ()  # joints moved at the end of an exhale (Cat)

    @property
    def breathes(self) -> bool:
        """Whether the figure changes shape with the breath."""
        return bool(self.inhale or self.exhale)

    def point(self, name: str) -> Point:
        """Where joint `name` is."""
        return dict(self.joints)[name]

    def side_meaning(self, side: str) -> str:
        """What `side` means in words: the left side's words, left and right swapped for right."""
        return _swap_sides(self.left) if side == "right" else self.left

    def view_from(self, side: str | None) -> str:
        """The view in words as drawn for `side` (the mirror turns "head to the left" round)."""
        return _swap_sides(self.view) if side == "right" else self.view

    def mirrored(self) -> Figure:
        """The same figure flipped left-right: the other side."""
        return replace(
            self,
            joints=_flip(self.joints),
            inhale=_flip(self.inhale),
            exhale=_flip(self.exhale),
        )

    def breathing(self, inhaled: float) -> Figure:
        """The figure `inhaled` of the way (0 to 1) from its exhale shape to its inhale shape."""
        if not self.breathes:
            return self
        low, high = dict(self.joints), dict(self.joints)
        low.update(self.exhale)
        high.update(self.inhale)
        t = min(1.0, max(0.0, inhaled))
        moved = tuple(
            (name, (lx + (high[name][0] - lx) * t, ly + (high[name][1] - ly) * t))
            for name, (lx, ly) in sorted(low.items())
        )
        return replace(self, joints=moved, inhale=(), exhale=())


def posed(figure: Figure, side: str | None, inhaled: float | None = None) -> Figure:
    """The shape to draw: mirrored for the right side, bent by the breath (half way if None)."""
    shaped = figure.mirrored() if side == "right" else figure
    if figure.breathes:
        shaped = shaped.breathing(0.5 if inhaled is None else inhaled)
    return shaped


def _swap_sides(words: str) -> str:
    return re.sub(r"\b(left|right|Left|Right)\b", lambda m: _OTHER[m.group()], words)


def _flip(joints: Joints) -> Joints:
    return tuple((name, (1.0 - x, y)) for name, (x, y) in joints)


# --- parsing ---------------------------------------------------------------------

_KEYS = frozenset(
    {"pose", "view", "left", "aspect", "mat", "head", "working", "joints", "spine", "limbs"}
    | {"breath"}
)


def parse_figure(text: str, source: str) -> Figure:
    """Parse and check a figure's TOML text; `source` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FigureError(source, "?", f"is not valid TOML ({exc}); fix the file") from exc
    return figure_from_dict(data, source)


def figure_from_dict(data: Mapping[str, Any], source: str) -> Figure:
    """Build a figure from parsed TOML, checking every joint lies in the unit box."""
    pose = data.get("pose")
    if not isinstance(pose, str) or not pose:
        raise FigureError(source, "?", 'needs `pose = "ID"`, the pose it draws')
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise FigureError(source, pose, f"unknown field {unknown[0]!r} (check the spelling)")
    joints = _joints(data.get("joints"), source, pose, "joints")
    names = {name for name, _ in joints}
    breath = data.get("breath", {})
    if not isinstance(breath, dict) or set(breath) - {"inhale", "exhale"}:
        raise FigureError(source, pose, "`breath` may only hold [breath.inhale], [breath.exhale]")
    moved = {k: _joints(v, source, pose, f"breath.{k}") for k, v in breath.items()}
    for key, table in moved.items():
        for name, _ in table:
            if name not in names:
                raise FigureError(source, pose, f"breath.{key} moves unknown joint {name!r}")
    spine = _chain(data.get("spine"), names, source, pose, "spine")
    raw_limbs = data.get("limbs", {})
    if not isinstance(raw_limbs, dict):
        raise FigureError(source, pose, "`limbs` must be a table of joint lists")
    limbs = tuple(
        (name, _chain(chain, names, source, pose, f"limbs.{name}"))
        for name, chain in raw_limbs.items()
    )
    working = data.get("working", [])
    if not isinstance(working, list) or any(w not in raw_limbs for w in working):
        raise FigureError(source, pose, "`working` must list limbs named in [limbs]")
    head = data.get("head", {})
    if not isinstance(head, dict) or head.get("at") not in names:
        raise FigureError(source, pose, "needs `head = { at = JOINT, radius = R }`")
    return Figure(
        pose_id=pose,
        view=_text(data, "view", source, pose),
        left=_text(data, "left", source, pose, required=False),
        aspect=_number(data.get("aspect", 1.0), source, pose, "aspect", 0.2, 5.0),
        joints=joints,
        spine=spine,
        limbs=limbs,
        head=head["at"],
        head_radius=_number(head.get("radius"), source, pose, "head.radius", 0.01, 0.5),
        working=frozenset(working),
        mat=None if "mat" not in data else _number(data["mat"], source, pose, "mat", 0, 1),
        inhale=moved.get("inhale", ()),
        exhale=moved.get("exhale", ()),
    )


def _joints(raw: Any, source: str, pose: str, key: str) -> Joints:
    if not isinstance(raw, dict) or not raw:
        raise FigureError(source, pose, f"`{key}` must be a table like knee = [0.4, 0.9]")
    joints = []
    for name, value in raw.items():
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            raise FigureError(source, pose, f"joint {name!r} in {key} must be [x, y]")
        x, y = float(value[0]), float(value[1])
        if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
            raise FigureError(
                source,
                pose,
                f"joint {name!r} in {key} is at [{x}, {y}], outside the unit box; "
                "keep x and y between 0 and 1",
            )
        joints.append((name, (x, y)))
    return tuple(sorted(joints))


def _chain(raw: Any, names: set[str], source: str, pose: str, key: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < 2 or not all(isinstance(n, str) for n in raw):
        raise FigureError(source, pose, f"`{key}` must list at least two joint names")
    for name in raw:
        if name not in names:
            raise FigureError(source, pose, f"`{key}` names unknown joint {name!r}")
    return tuple(raw)


def _text(data: Mapping[str, Any], key: str, source: str, pose: str, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise FigureError(source, pose, f"`{key}` must be text")
    return value


def _number(raw: Any, source: str, pose: str, key: str, low: float, high: float) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not low <= raw <= high:
        raise FigureError(source, pose, f"`{key}` must be a number from {low} to {high}")
    return float(raw)
