"""A pose's figure as data: one or two views of a body, each joints over a floor, and its shape."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

Point = tuple[float, float]
# A joint table kept as sorted pairs, so figures are hashable and cache well.
Joints = tuple[tuple[str, Point], ...]
_OTHER = {"left": "right", "right": "left", "Left": "Right", "Right": "Left"}


class FigureError(ValueError):
    """A figure file that cannot be drawn, naming the file, pose and what to fix."""

    def __init__(self, source: str, pose: str, message: str) -> None:
        super().__init__(f"{source}: figure of pose {pose!r}: {message}")


@dataclass(frozen=True)
class View:
    """The body seen from one direction, in body units: x to the right, y up, the floor at 0."""

    name: str  # in words ("side view, head to the left")
    joints: Joints
    spine: tuple[str, ...]  # neck to hips, drawn as one thick smooth torso
    limbs: tuple[tuple[str, tuple[str, ...]], ...]  # name and the joints it joins
    head: str  # the head's centre
    neck: str  # where the neck leaves the torso
    face: str = ""  # a joint the face looks toward, if the way it looks matters
    hands: tuple[str, ...] = ()  # joints drawn as hands
    behind: tuple[str, ...] = ()  # working limbs that pass behind the torso and head
    inhale: Joints = ()  # joints moved at the top of an inhale (Cow), for breath poses
    exhale: Joints = ()  # joints moved at the end of an exhale (Cat)

    def point(self, name: str) -> Point:
        """Where joint `name` is."""
        return dict(self.joints)[name]

    def mirrored(self) -> View:
        """The same view flipped left-right."""
        return replace(
            self, joints=_flip(self.joints), inhale=_flip(self.inhale), exhale=_flip(self.exhale)
        )

    def breathing(self, inhaled: float) -> View:
        """This view `inhaled` of the way (0 to 1) from its exhale shape to its inhale one."""
        if not (self.inhale or self.exhale):
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


@dataclass(frozen=True)
class Figure:
    """A person in a pose, in one or more views drawn side by side on one floor."""

    pose_id: str
    left: str  # what the left side means, in words ("left knee forward"); "" if one-sided
    views: tuple[View, ...]
    working: frozenset[str] = frozenset()  # limbs that work on this side, in any view

    @property
    def view(self) -> str:
        """How the figure is seen, in words."""
        return " | ".join(v.name for v in self.views)

    @property
    def breathes(self) -> bool:
        """Whether the figure changes shape with the breath."""
        return any(v.inhale or v.exhale for v in self.views)

    def point(self, name: str, view: int = 0) -> Point:
        """Where joint `name` is in the view numbered `view`."""
        return self.views[view].point(name)

    def side_meaning(self, side: str) -> str:
        """What `side` means in words: the left side's words, left and right swapped for right."""
        return _swap_sides(self.left) if side == "right" else self.left

    def view_from(self, side: str | None) -> str:
        """The views in words as drawn for `side` (the mirror turns "head to the left" round)."""
        return _swap_sides(self.view) if side == "right" else self.view

    def mirrored(self) -> Figure:
        """The same figure flipped left-right: the other side."""
        return replace(self, views=tuple(v.mirrored() for v in self.views))

    def breathing(self, inhaled: float) -> Figure:
        """The figure `inhaled` of the way (0 to 1) from its exhale shape to its inhale shape."""
        return replace(self, views=tuple(v.breathing(inhaled) for v in self.views))


def posed(figure: Figure, side: str | None, inhaled: float | None = None) -> Figure:
    """The shape to draw: mirrored for the right side, bent by the breath (half way if None)."""
    shaped = figure.mirrored() if side == "right" else figure
    if figure.breathes:
        shaped = shaped.breathing(0.5 if inhaled is None else inhaled)
    return shaped


def distance(a: Point, b: Point) -> float:
    """The straight distance between two points."""
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _swap_sides(words: str) -> str:
    return re.sub(r"\b(left|right|Left|Right)\b", lambda m: _OTHER[m.group()], words)


def _flip(joints: Joints) -> Joints:
    return tuple((name, (-x, y)) for name, (x, y) in joints)
