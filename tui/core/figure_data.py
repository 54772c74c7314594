"""Reading a figure's TOML: every mistake named with the file, the pose and what to fix."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from typing import Any

from tui.core.body_parts import body_parts, view_limbs
from tui.core.figure import Figure, FigureError, Joints, View

_KEYS = frozenset({"pose", "left", "working", "views"})
_VIEW_KEYS = frozenset({"view", "head", "joints", "spine", "limbs", "hands", "behind", "breath"})
# Joints are in body units (about decimetres); a figure larger than this is a typo.
_REACH = 40.0
# A drawn part may touch the floor, not sink into it (a rounding's worth of slack).
_SINK = 0.02


def parse_figure(text: str, source: str) -> Figure:
    """Parse and check a figure's TOML text; `source` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FigureError(source, "?", f"is not valid TOML ({exc}); fix the file") from exc
    return figure_from_dict(data, source)


def figure_from_dict(data: Mapping[str, Any], source: str) -> Figure:
    """Build a figure from parsed TOML, checking its views and that nothing is below the floor."""
    pose = data.get("pose")
    if not isinstance(pose, str) or not pose:
        raise FigureError(source, "?", 'needs `pose = "ID"`, the pose it draws')
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise FigureError(source, pose, f"unknown field {unknown[0]!r} (check the spelling)")
    raw_views = data.get("views")
    if not isinstance(raw_views, list) or not 1 <= len(raw_views) <= 3:
        raise FigureError(source, pose, "needs one to three [[views]] tables")
    views = tuple(_view(raw, source, pose, i + 1) for i, raw in enumerate(raw_views))
    working = data.get("working", [])
    limb_names = {name for view in views for name, _ in view.limbs}
    if not isinstance(working, list) or any(w not in limb_names for w in working):
        raise FigureError(source, pose, "`working` must list limbs named in a view's [limbs]")
    left = data.get("left", "")
    if not isinstance(left, str):
        raise FigureError(source, pose, "`left` must be text")
    return Figure(pose_id=pose, left=left, views=views, working=frozenset(working))


def _view(raw: Any, source: str, pose: str, number: int) -> View:
    where = f"view {number}"
    if not isinstance(raw, dict):
        raise FigureError(source, pose, f"{where} must be a table")
    unknown = sorted(set(raw) - _VIEW_KEYS)
    if unknown:
        raise FigureError(source, pose, f"{where}: unknown field {unknown[0]!r}")
    name = raw.get("view")
    if not isinstance(name, str) or not name.strip():
        raise FigureError(source, pose, f'{where} needs `view = "…"`, how it is seen, in words')
    joints = _joints(raw.get("joints"), source, pose, f"{where} joints")
    names = {n for n, _ in joints}
    breath = raw.get("breath", {})
    if not isinstance(breath, dict) or set(breath) - {"inhale", "exhale"}:
        raise FigureError(source, pose, f"{where}: `breath` may only hold inhale and exhale")
    moved = {k: _joints(v, source, pose, f"{where} breath.{k}") for k, v in breath.items()}
    for key, table in moved.items():
        for joint, _ in table:
            if joint not in names:
                raise FigureError(source, pose, f"{where}: breath.{key} moves unknown {joint!r}")
    spine = _chain(raw.get("spine"), names, source, pose, f"{where} spine")
    raw_limbs = raw.get("limbs", {})
    if not isinstance(raw_limbs, dict):
        raise FigureError(source, pose, f"{where}: `limbs` must be a table of joint lists")
    limbs = tuple(
        (limb, _chain(chain, names, source, pose, f"{where} limbs.{limb}"))
        for limb, chain in raw_limbs.items()
    )
    head = raw.get("head", {})
    if (
        not isinstance(head, dict)
        or set(head) - {"at", "neck", "face"}
        or any(head.get(k) not in names for k in ("at", "neck"))
        or head.get("face", "") not in names | {""}
    ):
        raise FigureError(
            source, pose, f'{where} needs `head = {{ at = JOINT, neck = JOINT, face = "JOINT" }}`'
        )
    hands = raw.get("hands", [])
    if not isinstance(hands, list) or any(h not in names for h in hands):
        raise FigureError(source, pose, f"{where}: `hands` must list joints")
    behind = raw.get("behind", [])
    if not isinstance(behind, list) or any(b not in raw_limbs for b in behind):
        raise FigureError(source, pose, f"{where}: `behind` must list limbs of the view")
    view = View(
        name=name,
        joints=joints,
        spine=spine,
        limbs=limbs,
        head=head["at"],
        neck=head["neck"],
        face=head.get("face", ""),
        hands=tuple(hands),
        behind=tuple(behind),
        inhale=moved.get("inhale", ()),
        exhale=moved.get("exhale", ()),
    )
    for shape in (view, view.breathing(0.0), view.breathing(1.0)):
        _on_the_floor(shape, source, pose, where)
    return view


def _on_the_floor(view: View, source: str, pose: str, where: str) -> None:
    for part in body_parts(view, frozenset(view_limbs(view))):
        for x, y in part.points:
            if y - part.radius < -_SINK:
                raise FigureError(
                    source,
                    pose,
                    f"{where}: the {part.name} at [{x:g}, {y:g}] sinks below the floor; "
                    f"raise it to a height of at least {part.radius:.2f}",
                )


def _joints(raw: Any, source: str, pose: str, key: str) -> Joints:
    if not isinstance(raw, dict) or not raw:
        raise FigureError(source, pose, f"`{key}` must be a table like knee = [4.0, 0.4]")
    joints = []
    for name, value in raw.items():
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            raise FigureError(source, pose, f"joint {name!r} in {key} must be [x, y]")
        x, y = float(value[0]), float(value[1])
        if not all(math.isfinite(v) and abs(v) <= _REACH for v in (x, y)):
            raise FigureError(
                source,
                pose,
                f"joint {name!r} in {key} is at [{x}, {y}], out of reach; "
                f"keep x and y within ±{_REACH:g} body units",
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
