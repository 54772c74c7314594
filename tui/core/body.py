"""The body every figure shares: how thick each part is, in the units its joints are given in.

One unit is about a decimetre of an adult: a thigh is some 4.5 units long. Drawings scale
these with the joints, so a figure's head, torso and limbs keep their proportions at any size.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    """Radii of the drawn parts, and the length of each bone the figures must keep."""

    head: float = 1.05
    neck: float = 0.32
    torso: float = 0.7
    limb: float = 0.32
    hand: float = 0.5
    nose: float = 0.38
    floor: float = 0.12  # the floor line's half-thickness, drawn just under y = 0
    working: float = 1.2  # a working limb is this much heavier, so it shows without colour
    # Terminal dots are coarse and a filled braille area reads as a grey blob: strokes there
    # are drawn this much thinner than in SVG (heads, hands and noses keep their size).
    terminal_stroke: float = 0.6


BODY = Body()

# Bone lengths (units) a side view keeps within a fifth, so no figure grows a long shin.
BONES = {
    "thigh": 4.4,
    "shin": 4.3,
    "upper_arm": 3.0,
    "forearm": 2.9,
    "torso": 5.0,  # neck to hips, along the spine
}
