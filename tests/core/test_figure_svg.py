"""The figure as SVG: a standalone, small, valid document the phone page and README use."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.core.test_figure import pose_figure
from tui.core.figure import posed
from tui.core.figure_svg import figure_svg

SVG = "{http://www.w3.org/2000/svg}"
POSES = [
    "childs-pose",
    "cat-cow",
    "thread-the-needle",
    "pigeon",
    "figure-four",
    "seated-spinal-twist",
]


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("pose", POSES)
def test_every_figure_is_a_small_standalone_svg_with_a_view_box(pose: str, side: str) -> None:
    text = figure_svg(posed(pose_figure(pose), side), title=f"{pose} <{side}> & co")
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert len(root.get("viewBox", "").split()) == 4
    assert len(text.encode()) <= 8192
    assert "script" not in text and "href" not in text


def test_the_working_side_is_drawn_in_the_accent_colour() -> None:
    root = ET.fromstring(figure_svg(posed(pose_figure("pigeon"), "left"), accent="#123456"))
    working = [e for e in root.iter() if "working" in e.get("class", "").split()]
    assert working and all(e.get("stroke") == "#123456" for e in working)
    others = [e for e in root.iter() if e.get("class") in ("limb", "torso")]
    assert others and all(e.get("stroke") == "currentColor" for e in others)


def test_a_title_with_markup_stays_text() -> None:
    root = ET.fromstring(figure_svg(pose_figure("cat-cow"), title='<b>"Cat" & Cow</b>'))
    assert root.find(f"{SVG}title").text == '<b>"Cat" & Cow</b>'  # type: ignore[union-attr]
