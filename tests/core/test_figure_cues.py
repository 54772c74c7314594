"""Every shipped figure agrees with its pose's own words: the cue and how-to lines it teaches."""

from __future__ import annotations

import itertools
import math

import pytest

from tests.core.test_figure import pose_figure
from tui.core.body import BODY
from tui.core.body_parts import body_parts
from tui.core.curve import smooth
from tui.core.figure import Point, View, distance
from tui.core.routine import Pose, Routine

pytestmark = pytest.mark.shipped
POSES = ["childs-pose", "cat-cow", "thread-the-needle", "pigeon", "figure-four"]
POSES += ["seated-spinal-twist"]
# What "on the mat" means: the part's lowest edge within this of the floor.
TOUCH = 0.1


def words(pose: Pose) -> str:
    """The pose's cue and how-to lines, in lower case, for the test to read."""
    return " ".join([pose.cue, *pose.instructions]).lower()


def to_segment(p: Point, a: Point, b: Point) -> float:
    """The distance from p to the segment a-b."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return distance(p, (ax + t * dx, ay + t * dy))


def bend(view: View, a: str, joint: str, b: str) -> float:
    """The angle in degrees at `joint` between the bones to `a` and to `b` (180 is straight)."""
    (ax, ay), (jx, jy), (bx, by) = view.point(a), view.point(joint), view.point(b)
    first = math.atan2(ay - jy, ax - jx)
    second = math.atan2(by - jy, bx - jx)
    angle = abs(math.degrees(first - second)) % 360
    return 360 - angle if angle > 180 else angle


def on_mat(view: View, joint: str, radius: float) -> bool:
    return view.point(joint)[1] - radius <= TOUCH


@pytest.mark.parametrize("pose_id", POSES)
def test_every_head_sits_on_a_visible_neck_and_nothing_sinks_below_the_floor(
    pose_id: str,
) -> None:
    figure = pose_figure(pose_id)
    for shape in (figure, figure.breathing(0.0), figure.breathing(1.0)):
        for view in shape.views:
            neck = distance(view.point(view.neck), view.point(view.head)) - BODY.head
            assert 0.2 <= neck <= 1.1, (pose_id, view.name, neck)
            for part in body_parts(view, figure.working):
                assert all(y - part.radius >= -0.02 for _, y in part.points), part


@pytest.mark.parametrize("pose_id", POSES)
def test_every_side_view_keeps_the_body_s_torso_length(pose_id: str) -> None:
    for view in pose_figure(pose_id).views:
        if view.name.startswith("side view"):
            spine = smooth([view.point(j) for j in view.spine])
            length = sum(distance(a, b) for a, b in itertools.pairwise(spine))
            assert 4.2 <= length <= 5.8, (pose_id, length)


def test_childs_pose_hips_rest_on_the_heels_torso_on_the_thighs_forehead_on_the_mat(
    shipped_routine: Routine,
) -> None:
    assert "hips back toward your heels" in words(shipped_routine.pose("childs-pose"))
    assert "extend your arms forward" in words(shipped_routine.pose("childs-pose"))
    view = pose_figure("childs-pose").views[0]
    hip, heel, knee = view.point("hip"), view.point("ankle"), view.point("knee")
    assert distance(hip, heel) <= 1.6  # sitting on them, not hovering over them
    # The chest lies along the thighs: the middle of the back is no more than a torso's
    # and a thigh's thickness (and a little air) from the thigh.
    assert to_segment(view.point("back"), hip, knee) <= BODY.torso + BODY.limb + 0.6
    assert on_mat(view, "head", BODY.head)
    hand, head = view.point("hand"), view.point("head")
    assert on_mat(view, "hand", BODY.hand) and hand[0] < head[0] - 2  # long, ahead
    assert bend(view, "shoulder", "elbow", "hand") >= 150


def test_cat_cow_drops_the_belly_and_lifts_the_head_on_the_inhale(
    shipped_routine: Routine,
) -> None:
    text = words(shipped_routine.pose("cat-cow"))
    assert "inhale as you drop your belly and lift your chest" in text
    assert "exhale as you round your spine towards the ceiling, tucking your chin" in text
    figure = pose_figure("cat-cow")
    cow, cat = figure.breathing(1.0).views[0], figure.breathing(0.0).views[0]
    assert cow.point("back")[1] < cow.point("hip")[1]  # the belly sags below the hips
    assert cat.point("back")[1] > cat.point("hip")[1] + 1  # the spine rounds up
    assert cow.point("head")[1] > cat.point("head")[1] + 2
    assert cow.point("gaze")[1] > cow.point("head")[1]  # looking up
    assert cat.point("gaze")[1] < cat.point("head")[1] - 1  # chin tucked, looking down
    for view in (cow, cat):  # hands under the shoulders, knees under the hips
        assert abs(view.point("hand")[0] - view.point("shoulder")[0]) <= 1
        assert abs(view.point("knee")[0] - view.point("hip")[0]) <= 1


def test_thread_the_needle_shows_the_arm_threaded_under_and_the_shoulder_on_the_mat(
    shipped_routine: Routine,
) -> None:
    text = words(shipped_routine.pose("thread-the-needle"))
    assert "thread it under your opposite arm" in text
    assert "shoulder and ear to the mat" in text
    figure = pose_figure("thread-the-needle")
    side, front = figure.views
    assert side.name.startswith("side view") and front.name.startswith("front view")
    assert side.point("hip")[1] > 4  # on all fours: hips high over the knees
    assert on_mat(side, "head", BODY.head) and side.point("shoulder")[1] <= 1.6
    # From the front: the threading hand lies on the mat past the hand that holds the
    # body up, on the far side from its own shoulder, so the arm passes under the chest.
    own, held, threaded = (
        front.point("left_shoulder"),
        front.point("reach_hand"),
        front.point("thread_hand"),
    )
    assert on_mat(front, "thread_hand", BODY.hand) and on_mat(front, "left_shoulder", 0.9)
    assert (threaded[0] - held[0]) * (own[0] - held[0]) < 0
    assert on_mat(front, "head", BODY.head)
    assert "threading_arm" in figure.working


def test_pigeon_front_knee_forward_and_bent_back_leg_long_arm_apart_from_torso(
    shipped_routine: Routine,
) -> None:
    assert "knee toward your wrist, back leg long" in words(shipped_routine.pose("pigeon"))
    view = pose_figure("pigeon").views[0]
    assert bend(view, "hip", "front_knee", "front_ankle") <= 60  # a knee, folded back
    assert distance(view.point("front_knee"), view.point("hand")) <= 1.5  # toward the wrist
    assert bend(view, "hip", "back_knee", "back_ankle") >= 165  # the back leg long
    assert view.point("back_ankle")[0] - view.point("hip")[0] >= 7
    assert view.point("neck")[1] - view.point("hip")[1] >= 4.5  # sitting upright
    spine = smooth([view.point(j) for j in view.spine])
    for joint in ("elbow", "hand"):  # torso and arm never merge into one shape
        gap = min(to_segment(view.point(joint), a, b) for a, b in itertools.pairwise(spine))
        assert gap >= BODY.torso + BODY.limb + 0.3, joint


def test_figure_four_draws_the_uncrossed_knee_to_the_chest_held_by_the_hands(
    shipped_routine: Routine,
) -> None:
    text = words(shipped_routine.pose("figure-four"))
    assert "draw the uncrossed knee to your chest" in text
    assert "holding either the thigh or the shin" in text
    view = pose_figure("figure-four").views[0]
    hip, knee, neck = view.point("hip"), view.point("knee"), view.point("neck")
    assert knee[1] >= hip[1] + 3  # the free knee well above the hip line, foot off the mat
    assert view.point("ankle")[1] > 3
    assert abs(knee[0] - neck[0]) < abs(hip[0] - neck[0])  # drawn toward the chest
    hand = view.point("hand")
    reach = BODY.hand + BODY.limb + 0.3
    assert min(to_segment(hand, hip, knee), to_segment(hand, knee, view.point("ankle"))) <= reach
    crossed = view.point("crossed_ankle")  # the ankle rests across that thigh, by the knee
    assert to_segment(crossed, hip, knee) <= 2 * BODY.limb + 0.3
    assert distance(crossed, knee) <= 1.5


def test_seated_twist_faces_over_the_back_shoulder_away_from_the_legs(
    shipped_routine: Routine,
) -> None:
    text = words(shipped_routine.pose("seated-spinal-twist"))
    assert "looking over your back shoulder" in text
    assert "hug your bent knee with the opposite arm" in text
    view = pose_figure("seated-spinal-twist").views[0]
    hip, head = view.point("hip"), view.point("head")
    legs = view.point("long_ankle")[0] - hip[0]
    looks = view.point("gaze")[0] - head[0]
    assert legs * looks < 0  # legs one way, face the other: the rotation shows
    # The chest has turned toward the viewer: the shoulders show their width in a side view.
    assert distance(view.point("front_shoulder"), view.point("back_shoulder")) >= 2.5
    assert distance(view.point("hug_elbow"), view.point("bent_knee")) <= 1.3
    back_hand = view.point("back_hand")
    assert (back_hand[0] - hip[0]) * legs < 0 and on_mat(view, "back_hand", BODY.hand)
    assert view.point("bent_knee")[1] >= 3.5  # the knee up
