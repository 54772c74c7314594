"""Pose figures: the data is checked at load, and the renderer draws inside its box."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import paths
from tui.core.figure import Figure, FigureError
from tui.core.figure_data import parse_figure
from tui.core.raster import BODY, NONE, WORKING, Cells, draw
from tui.core.routine import Routine

# A body lying flat: a torso from a to b, a head at h, nothing else.
LINE = """
pose = "line"
[[views]]
view = "side view"
head = { at = "h", neck = "a" }
spine = ["a", "b"]
[views.joints]
h = [-1.5, 1.1]
a = [0.0, 0.8]
b = [5.0, 0.8]
"""


def pose_figure(pose_id: str) -> Figure:
    """The pose's figure file, from the fixtures (or `data/` in a test marked shipped)."""
    path = paths.poses_dir() / f"{pose_id}.toml"
    return parse_figure(path.read_text(encoding="utf-8"), str(path))


def test_a_wide_figure_reaches_both_edges_of_a_tall_box() -> None:
    drawing = draw(parse_figure(LINE, "line.toml"), 20, 10)
    body = [row for row, inks in zip(drawing.rows, drawing.inks, strict=True) if "b" in inks]
    assert any(row[0] != " " for row in body)
    assert any(row[-1] != " " for row in body)


def test_a_mirrored_figure_is_the_left_right_flip() -> None:
    figure = pose_figure("pigeon")
    left = draw(figure, 40, 20, Cells.BLOCKS)  # half blocks look the same mirrored
    right = draw(figure.mirrored(), 40, 20, Cells.BLOCKS)
    assert right.rows == tuple(row[::-1] for row in left.rows)
    assert right.inks == tuple(row[::-1] for row in left.inks)
    assert left.rows != right.rows


def test_the_working_limb_has_its_own_ink() -> None:
    drawing = draw(pose_figure("pigeon"), 40, 16)
    inks = "".join(drawing.inks)
    assert WORKING in inks and BODY in inks


def test_a_part_below_the_floor_is_rejected_naming_file_pose_part_and_the_height() -> None:
    sunk = LINE.replace("b = [5.0, 0.8]", "b = [5.0, 0.3]")
    with pytest.raises(FigureError) as error:
        parse_figure(sunk, "poses/line.toml")
    message = str(error.value)
    assert "poses/line.toml" in message
    assert "'line'" in message
    assert "sinks below the floor" in message
    assert "at least 0.70" in message


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (('spine = ["a", "b"]', 'spine = ["a", "knee"]'), "unknown joint 'knee'"),
        (("h = [-1.5, 1.1]", 'h = [-1.5, "up"]'), "joint 'h' .* must be \\[x, y\\]"),
        (('view = "side view"', 'vue = "side view"'), "unknown field 'vue'"),
        (('pose = "line"', 'pose = "line"\nworking = ["arm"]'), "`working` must list limbs"),
    ],
)
def test_mistakes_are_named(change: tuple[str, str], says: str) -> None:
    with pytest.raises(FigureError, match=says):
        parse_figure(LINE.replace(*change), "line.toml")


# No deadline: drawing a 200x60 figure is a fair test of sizes, not of speed (bench/ is).
@settings(deadline=None)
@given(
    width=st.integers(8, 200),
    height=st.integers(4, 60),
    pose=st.sampled_from(["childs-pose", "thread-the-needle", "seated-spinal-twist"]),
    cells=st.sampled_from(list(Cells)),
)
def test_any_box_gives_exactly_that_many_cells(
    width: int, height: int, pose: str, cells: Cells
) -> None:
    drawing = draw(pose_figure(pose), width, height, cells)
    assert len(drawing.rows) == height == len(drawing.inks)
    assert all(len(row) == width for row in drawing.rows)
    assert all(len(row) == width for row in drawing.inks)


def test_scaling_never_draws_outside_the_figure_s_own_box() -> None:
    # The lying body is about 8 units wide and 2.5 tall: in a box 10 rows (40 dots)
    # tall it is drawn at its own proportions, centred, with blank columns either side.
    drawing = draw(parse_figure(LINE, "l.toml"), 120, 10)
    painted = [i for row in drawing.rows[:-1] for i, ch in enumerate(row) if ch.strip()]
    assert min(painted) > 0 and max(painted) < 119
    assert all(len(row) == 120 for row in drawing.rows)


@pytest.mark.shipped
def test_every_pose_of_the_shipped_routine_has_a_figure(shipped: Routine) -> None:
    for pose in shipped.poses.values():
        figure = pose_figure(pose.id)
        assert figure.pose_id == pose.id
        assert figure.view
        if pose.per_side:
            assert "left" in figure.left, pose.id
            assert figure.working, pose.id
            assert "right" in figure.side_meaning("right").split()[0]


def test_cat_cow_bends_between_cat_and_cow() -> None:
    figure = pose_figure("cat-cow")
    cat, cow, half = figure.breathing(0.0), figure.breathing(1.0), figure.breathing(0.5)
    back = {f: f.point("back")[1] for f in (cat, cow, half)}
    assert back[cat] > back[half] > back[cow]  # y grows up: the back drops into Cow
    assert draw(cat, 30, 10).rows != draw(cow, 30, 10).rows


def test_a_one_sided_figure_draws_nothing_in_the_working_ink() -> None:
    inks = "".join(draw(pose_figure("childs-pose"), 30, 10).inks)
    assert WORKING not in inks and set(inks) <= {NONE, "m", BODY}
