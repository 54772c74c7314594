"""`supple poses [ID] [--side left|right] [--width N]`: print pose figures to stdout."""

from __future__ import annotations

import argparse
import math
import os
import sys

from tui.core.figure import Figure, FigureError
from tui.core.raster import Cells, draw
from tui.core.routine import Pose, RoutineError
from tui.core.safe_text import terminal_safe
from tui.store.figures import load_figure
from tui.store.routines import load_shipped


def figure_rows(figure: Figure, width: int, cells: Cells) -> int:
    """Rows that show a figure `width` cells wide at its own proportions."""
    per_x, per_y = cells.value
    return max(2, math.ceil(width * per_x / figure.aspect / per_y))


def cells_for_terminal() -> Cells:
    """Half blocks on the Linux console, whose font has no braille; braille elsewhere."""
    return Cells.BLOCKS if os.environ.get("TERM") == "linux" else Cells.BRAILLE


def posed(figure: Figure, side: str | None) -> Figure:
    """The figure for a side: the right side is the mirror image of the left."""
    return figure.mirrored() if side == "right" else figure


def print_poses(args: argparse.Namespace) -> int:
    """Print the figure of one pose or of every shipped pose; 1 with a message on error."""
    try:
        routine = load_shipped()
    except RoutineError as exc:
        print(f"supple: {exc}", file=sys.stderr)
        return 1
    poses = list(routine.poses.values())
    if args.pose_id is not None:
        poses = [p for p in poses if p.id == args.pose_id]
        if not poses:
            known = ", ".join(routine.poses)
            print(f"supple: no pose {args.pose_id!r}; the poses are: {known}", file=sys.stderr)
            return 1
    cells = cells_for_terminal()
    blocks = []
    for pose in poses:
        try:
            figure = load_figure(pose.id)
        except FigureError as exc:
            print(f"supple: {exc}", file=sys.stderr)
            return 1
        blocks.append(_pose_block(pose, figure, args.side, args.width, cells))
    print("\n\n".join(blocks))
    return 0


def _pose_block(
    pose: Pose, figure: Figure | None, side: str | None, width: int, cells: Cells
) -> str:
    name = terminal_safe(pose.name)
    if figure is None:
        return f"{name}\n(no figure)"
    shown_side = (side or "left") if pose.per_side else None
    title = name + (f" — {shown_side} side" if shown_side else "")
    lines = [title, terminal_safe(figure.view_from(shown_side))]
    if shown_side and figure.left:
        lines.append(terminal_safe(figure.side_meaning(shown_side)))
    shapes = [("", posed(figure, shown_side))]
    if figure.breathes:
        shapes = [
            ("Exhale — " + (pose.exhale or "out"), figure.breathing(0.0)),
            ("Inhale — " + (pose.inhale or "in"), figure.breathing(1.0)),
        ]
    for label, shape in shapes:
        if label:
            lines.append(terminal_safe(label))
        drawing = draw(shape, width, figure_rows(shape, width, cells), cells)
        lines.extend(row.rstrip() for row in drawing.rows)
    return "\n".join(lines)
