"""A pose's figure as a standalone SVG document: the phone page and the README draw it."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from tui.core.curve import smooth
from tui.core.figure import Figure, Point

_HEIGHT = 100.0  # the viewBox's height; its width follows the figure's aspect
_PAD = 4.0
_LIMB = 100 / 17  # stroke widths in viewBox units, as the terminal's brush is to its height
_WORKING = _LIMB * 1.35
_TORSO = _LIMB * 1.9


def figure_svg(
    figure: Figure, *, title: str = "", accent: str = "#e07b39", ink: str = "currentColor"
) -> str:
    """One SVG document of `figure` as posed, its working limbs in `accent`."""
    width = _HEIGHT * figure.aspect
    inner_w, inner_h = width - 2 * _PAD, _HEIGHT - 2 * _PAD
    joints = dict(figure.joints)

    def at(name: str) -> Point:
        x, y = joints[name]
        return (_PAD + x * inner_w, _PAD + y * inner_h)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(_HEIGHT)}"'
        f' role="img" fill="none" stroke-linecap="round" stroke-linejoin="round">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    if figure.mat is not None:
        y = _PAD + figure.mat * inner_h
        parts.append(
            f'<line class="mat" x1="0" y1="{_n(y)}" x2="{_n(width)}" y2="{_n(y)}"'
            f' stroke={quoteattr(ink)} stroke-opacity="0.4" stroke-width="1.5"/>'
        )
    limbs = sorted(figure.limbs, key=lambda limb: limb[0] in figure.working)
    for name, chain in limbs:
        if name in figure.working:
            continue
        parts.append(_polyline([at(j) for j in chain], ink, _LIMB, "limb"))
    parts.append(_polyline(smooth([at(j) for j in figure.spine]), ink, _TORSO, "torso"))
    hx, hy = at(figure.head)
    parts.append(
        f'<circle class="head" cx="{_n(hx)}" cy="{_n(hy)}" r="{_n(figure.head_radius * inner_h)}"'
        f" fill={quoteattr(ink)}/>"
    )
    for name, chain in limbs:
        if name in figure.working:
            parts.append(_polyline([at(j) for j in chain], accent, _WORKING, "working"))
    parts.append("</svg>")
    return "".join(parts)


def _polyline(points: list[Point], colour: str, width: float, css_class: str) -> str:
    coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    return (
        f'<polyline class="{css_class}" points="{coords}" stroke={quoteattr(colour)}'
        f' stroke-width="{_n(width)}"/>'
    )


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0, to keep the file small."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
