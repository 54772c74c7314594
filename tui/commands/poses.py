"""`supple poses [ID] [--side S] [--breath in|out] [--width N | --svg]`: print pose figures."""

from __future__ import annotations

import argparse
import os
import sys

from tui.core.figure import Figure, FigureError, posed
from tui.core.figure_svg import figure_svg
from tui.core.raster import Cells, cells_for, draw, rows_for_width
from tui.core.routine import Pose, RoutineError
from tui.core.safe_text import terminal_safe
from tui.store.figures import load_figure
from tui.store.routines import load_shipped


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
    if args.svg:
        if args.pose_id is None:
            known = ", ".join(routine.poses)
            print(f"supple: --svg draws one pose; name it, one of: {known}", file=sys.stderr)
            return 1
        return _print_svg(poses[0], args.side, args.breath)
    cells = cells_for(os.environ.get("TERM"))
    blocks = []
    for pose in poses:
        try:
            figure = load_figure(pose.id)
        except FigureError as exc:
            print(f"supple: {exc}", file=sys.stderr)
            return 1
        blocks.append(_pose_block(pose, figure, args.side, args.breath, args.width, cells))
    return _write("\n\n".join(blocks))


# A file on its own has no text colour to follow: a grey that reads on light and dark pages.
STANDALONE_INK = "#7c8591"


def _print_svg(pose: Pose, side: str | None, breath: str | None) -> int:
    """Write one pose's figure as an SVG document, the side's limbs in the accent colour."""
    try:
        figure = load_figure(pose.id)
    except FigureError as exc:
        print(f"supple: {exc}", file=sys.stderr)
        return 1
    if figure is None:
        print(f"supple: pose {pose.id!r} has no figure", file=sys.stderr)
        return 1
    shown_side = (side or "left") if pose.per_side else None
    title = terminal_safe(pose.name) + (f" — {shown_side} side" if shown_side else "")
    inhaled = None
    if figure.breathes and breath is not None:
        inhaled = 1.0 if breath == "in" else 0.0
        title += " — " + terminal_safe(_breath_label(pose, breath))
    svg = figure_svg(posed(figure, shown_side, inhaled), title=title, ink=STANDALONE_INK)
    return _write(svg)


def _breath_label(pose: Pose, breath: str) -> str:
    """ "Inhale — Cow" or "Exhale — Cat": the breath and the shape the pose names for it."""
    if breath == "in":
        return "Inhale — " + (pose.inhale or "in")
    return "Exhale — " + (pose.exhale or "out")


def _write(text: str) -> int:
    try:
        print(text, flush=True)
    except BrokenPipeError:  # `supple poses | head`: the reader has all it wants
        # Python would otherwise complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _pose_block(
    pose: Pose,
    figure: Figure | None,
    side: str | None,
    breath: str | None,
    width: int,
    cells: Cells,
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
            (_breath_label(pose, way), posed(figure, shown_side, 1.0 if way == "in" else 0.0))
            for way in ("out", "in")
            if breath in (None, way)
        ]
    for label, shape in shapes:
        if label:
            lines.append(terminal_safe(label))
        # Two views may stand one above the other when that draws them larger.
        rows = rows_for_width(shape, width, cells, most=max(4, width // 2))
        drawing = draw(shape, width, rows, cells)
        lines.extend(row.rstrip() for row in drawing.rows)
    return "\n".join(lines)
