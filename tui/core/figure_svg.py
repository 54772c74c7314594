"""A pose's figure as a standalone SVG document: the phone page and the README draw it."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from tui.core.body import BODY
from tui.core.body_parts import Part, body_parts, layout
from tui.core.figure import Figure

_SCALE = 10.0  # viewBox units per body unit: one decimal place is then a millimetre


def figure_svg(
    figure: Figure, *, title: str = "", accent: str = "#e07b39", ink: str = "currentColor"
) -> str:
    """One SVG document of `figure` as posed (every view), its working limbs in `accent`."""
    # Views one above the other: each as large as the widest allows, and a phone held
    # upright (the page that shows this) has more height than width to give.
    placing = layout(figure, stacked=len(figure.views) > 1)
    units_w, units_h = placing.width, placing.height
    width, height = units_w * _SCALE, units_h * _SCALE
    ground = (units_h - BODY.floor) * _SCALE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' role="img" fill="none" stroke-linecap="round" stroke-linejoin="round">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for floor in placing.floors:
        floor_y = ground - floor * _SCALE + BODY.floor * _SCALE / 2
        parts.append(
            f'<line class="mat" x1="0" y1="{_n(floor_y)}" x2="{_n(width)}" y2="{_n(floor_y)}"'
            f' stroke={quoteattr(ink)} stroke-opacity="0.45"'
            f' stroke-width="{_n(BODY.floor * _SCALE)}"/>'
        )
    for view, shift, lift in placing.placed:
        parts.append(f'<g class="view"><desc>{escape(view.name)}</desc>')
        for part in body_parts(view, figure.working):
            colour = accent if part.working else ink
            parts.append(_element(part, shift, ground - lift * _SCALE, colour))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _element(part: Part, shift: float, ground: float, colour: str) -> str:
    css = f"{part.kind} working" if part.working else part.kind
    points = [((x + shift) * _SCALE, ground - y * _SCALE) for x, y in part.points]
    if len(points) == 1:
        (cx, cy), r = points[0], part.radius * _SCALE
        return (
            f'<circle class="{css}" cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}"'
            f" fill={quoteattr(colour)}/>"
        )
    coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    return (
        f'<polyline class="{css}" points="{coords}" stroke={quoteattr(colour)}'
        f' stroke-width="{_n(part.radius * 2 * _SCALE)}"/>'
    )


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0, to keep the file small."""
    text = f"{value:.1f}"
    return "0" if text == "-0.0" else text[:-2] if text.endswith(".0") else text
