"""A view of a figure as the parts a drawing paints: limbs, neck, torso, head, face and hands."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from tui.core.body import BODY
from tui.core.curve import smooth
from tui.core.figure import Figure, Point, View

# Pieces of the torso's curve between two spine joints: smooth at any size, cheap to paint.
_TORSO_STEPS = 6


@dataclass(frozen=True)
class Part:
    """One thing to paint: a disc (one point) or a round-ended stroke through its points."""

    kind: str  # limb, neck, torso, head, nose or hand
    name: str
    points: tuple[Point, ...]
    radius: float  # in body units
    working: bool = False


def body_parts(view: View, working: frozenset[str]) -> Iterator[Part]:
    """The view's parts, back to front: the working side comes last so it shows on top."""
    joints = dict(view.joints)
    for name, chain in view.limbs:
        if name not in working or name in view.behind:
            points = tuple(joints[j] for j in chain)
            if name in working:
                yield Part("limb", name, points, BODY.limb * BODY.working, working=True)
            else:
                yield Part("limb", name, points, BODY.limb)
    head = joints[view.head]
    yield Part("neck", "neck", (joints[view.neck], head), BODY.neck)
    yield Part(
        "torso", "torso", tuple(smooth([joints[j] for j in view.spine], _TORSO_STEPS)), BODY.torso
    )
    yield Part("head", "head", (head,), BODY.head)
    if view.face:
        fx, fy = joints[view.face]
        dx, dy = fx - head[0], fy - head[1]
        length = math.hypot(dx, dy) or 1.0
        reach = BODY.head + 0.02  # the nose stands out past the round of the head
        nose = (head[0] + dx / length * reach, head[1] + dy / length * reach)
        yield Part("nose", "nose", (nose,), BODY.nose)
    ends = {chain[-1]: name in working for name, chain in view.limbs}
    for hand in view.hands:
        if not ends.get(hand, False):
            yield Part("hand", hand, (joints[hand],), BODY.hand)
    for name, chain in view.limbs:
        if name in working and name not in view.behind:
            points = tuple(joints[j] for j in chain)
            yield Part("limb", name, points, BODY.limb * BODY.working, working=True)
    for hand in view.hands:
        if ends.get(hand, False):
            yield Part("hand", hand, (joints[hand],), BODY.hand, working=True)


# Space between two views, in body units (about a forearm).
VIEW_GAP = 3.0
# Air above the head, so the top of the head is never clipped by a cell edge.
HEADROOM = 0.3


def bounds(view: View) -> tuple[float, float, float, float]:
    """Left, right, bottom and top of everything the view paints, in body units."""
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for part in body_parts(view, frozenset(view_limbs(view))):
        for x, y in part.points:
            r = part.radius
            x0, x1, y0, y1 = min(x0, x - r), max(x1, x + r), min(y0, y - r), max(y1, y + r)
    return x0, x1, y0, y1


def view_limbs(view: View) -> list[str]:
    """Every limb of the view: bounds take each at its working (heaviest) weight."""
    return [name for name, _ in view.limbs]


@dataclass(frozen=True)
class Layout:
    """Where each view stands, in body units, y up: views side by side, or one above another."""

    width: float
    height: float
    placed: tuple[tuple[View, float, float], ...]  # each view and how far it moves right, up
    floors: tuple[float, ...]  # the height of each floor line


def layout(figure: Figure, stacked: bool = False) -> Layout:
    """The views side by side on one floor or, `stacked`, each on its own floor, first on top."""
    extents = [bounds(view) for view in figure.views]
    if not stacked:
        placed, cursor = [], 0.0
        for view, (x0, x1, _, _) in zip(figure.views, extents, strict=True):
            placed.append((view, cursor - x0, 0.0))
            cursor += (x1 - x0) + VIEW_GAP
        height = max(y1 for _, _, _, y1 in extents) + HEADROOM + BODY.floor
        return Layout(max(cursor - VIEW_GAP, 1.0), max(height, 1.0), tuple(placed), (0.0,))
    width = max(x1 - x0 for x0, x1, _, _ in extents)
    placed, floors, lift = [], [], 0.0
    for view, (x0, x1, _, y1) in reversed(list(zip(figure.views, extents, strict=True))):
        # Each view centred over the widest, its floor a gap above the view below.
        placed.append((view, (width - (x1 - x0)) / 2 - x0, lift))
        floors.append(lift)
        lift += y1 + HEADROOM + BODY.floor + VIEW_GAP / 2
    height = lift - VIEW_GAP / 2
    return Layout(width, height, tuple(reversed(placed)), tuple(floors))


def layout_size(figure: Figure) -> tuple[float, float]:
    """Width and height in body units of all views side by side, the floor included."""
    side_by_side = layout(figure)
    return side_by_side.width, side_by_side.height


def aspect(figure: Figure) -> float:
    """The width over the height of everything the figure paints, views side by side."""
    width, height = layout_size(figure)
    return width / height
