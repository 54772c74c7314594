"""The shipped routine holds every fact of the seed article and fits in under 15 minutes."""

from __future__ import annotations

import pytest

from tui.core.routine import Routine, Timing, format_duration, hold_summary, total_seconds

pytestmark = pytest.mark.shipped  # about data/: the one place its facts are checked

SAFETY = "Don't push into pain"
DEFAULT_ORDER = ["childs-pose", "cat-cow", "thread-the-needle", "pigeon", "seated-spinal-twist"]


def test_six_poses_five_steps_in_the_article_order(shipped: Routine) -> None:
    assert len(shipped.poses) == 6
    assert [s.pose_id for s in shipped.steps] == DEFAULT_ORDER
    assert all(s.enabled for s in shipped.steps)


def test_figure_four_is_pigeons_alternative_not_a_step(shipped: Routine) -> None:
    pigeon, figure_four = shipped.pose("pigeon"), shipped.pose("figure-four")
    assert pigeon.alternative == "figure-four"
    assert figure_four.alternative == "pigeon"
    assert figure_four.alternative_only
    assert "figure-four" not in [s.pose_id for s in shipped.steps]
    assert any("Figure-Four" in c for c in pigeon.cautions)
    assert any("gentler" in b for b in figure_four.benefits)


@pytest.mark.parametrize(
    ("pose_id", "name", "sanskrit"),
    [
        ("childs-pose", "Child's Pose", "Balasana"),
        ("cat-cow", "Cat-Cow", "Marjaryasana-Bitilasana"),
        ("thread-the-needle", "Thread the Needle", ""),
        ("pigeon", "Pigeon Pose", "Eka Pada Rajakapotasana"),
        ("figure-four", "Figure-Four Stretch", ""),
        ("seated-spinal-twist", "Seated Spinal Twist", "Ardha Matsyendrasana"),
    ],
)
def test_names_and_sanskrit_names(shipped: Routine, pose_id: str, name: str, sanskrit: str) -> None:
    pose = shipped.pose(pose_id)
    assert pose.name == name
    assert pose.sanskrit == sanskrit


@pytest.mark.parametrize(
    ("pose_id", "targets"),
    [
        ("childs-pose", {"lower back", "spine", "hips"}),
        ("cat-cow", {"spine", "spinal discs"}),
        ("thread-the-needle", {"shoulders", "upper back"}),
        ("pigeon", {"hips", "glutes", "piriformis"}),
        ("figure-four", {"outer hip", "glutes"}),
        ("seated-spinal-twist", {"spine"}),
    ],
)
def test_targets(shipped: Routine, pose_id: str, targets: set[str]) -> None:
    assert targets <= set(shipped.pose(pose_id).targets)


@pytest.mark.parametrize(
    ("pose_id", "per_side", "lo", "hi", "default", "summary"),
    [
        # The article: 30–60 s; 30 s per side; 60 s per side; 30–60 s per side; 30 s per side.
        ("childs-pose", False, 30, 60, None, None),
        ("thread-the-needle", True, 30, 30, 30, "30 s × 2 sides"),
        ("pigeon", True, 60, 60, 60, "60 s × 2 sides"),
        ("figure-four", True, 30, 60, None, None),
        ("seated-spinal-twist", True, 30, 30, 30, "30 s × 2 sides"),
    ],
)
def test_holds_match_the_article(
    shipped: Routine,
    pose_id: str,
    per_side: bool,
    lo: int,
    hi: int,
    default: int | None,
    summary: str | None,
) -> None:
    pose = shipped.pose(pose_id)
    assert pose.per_side is per_side
    assert pose.hold is not None and pose.cycles is None
    # The allowed range always covers the article's advice ...
    assert pose.hold.min <= lo and hi <= pose.hold.max
    # ... and the default sits inside the article's own figures.
    assert lo <= pose.hold.default <= hi
    if default is not None:
        assert pose.hold.default == default
    if summary is not None:
        assert hold_summary(pose, pose.hold.default) == summary
    assert "per side" in pose.recommended if per_side else "per side" not in pose.recommended


def test_range_poses_keep_the_article_range_exactly(shipped: Routine) -> None:
    for pose_id in ("childs-pose", "figure-four"):
        hold = shipped.pose(pose_id).hold
        assert hold is not None
        assert (hold.min, hold.max) == (30, 60)


def test_cat_cow_is_ten_to_fifteen_breath_paced_cycles(shipped: Routine) -> None:
    pose = shipped.pose("cat-cow")
    assert pose.is_breath_paced and pose.hold is None
    assert pose.cycles is not None
    assert (pose.cycles.min, pose.cycles.max) == (10, 15)
    assert 10 <= pose.cycles.default <= 15
    assert pose.inhale == "Cow"
    assert pose.exhale == "Cat"
    assert not pose.per_side
    assert hold_summary(pose, pose.cycles.default) == f"{pose.cycles.default} breaths"


def test_every_pose_has_instructions_cue_breath_benefits_and_the_safety_caution(
    shipped: Routine,
) -> None:
    for pose in shipped.poses.values():
        assert pose.instructions and pose.cue and pose.breath and pose.benefits
        assert any(SAFETY in c for c in pose.cautions), pose.id
    assert SAFETY in shipped.safety


def test_instructions_carry_the_article_details(shipped: Routine) -> None:
    def text(pose_id: str) -> str:
        return " ".join(shipped.pose(pose_id).instructions)

    assert "heels" in text("childs-pose")
    assert "drop your belly" in text("cat-cow") and "round your spine" in text("cat-cow")
    assert "shoulder and ear to the mat" in text("thread-the-needle")
    assert "knee forward towards your wrist" in text("pigeon")
    assert "ankle over the opposite knee" in text("figure-four")
    assert "twist from your core" in text("seated-spinal-twist")


def test_default_routine_takes_under_fifteen_minutes(shipped: Routine) -> None:
    timing = Timing()
    total = total_seconds(shipped, timing)
    # 55 + 82 + 75 + 135 + 75 with the default 10 s get-ready, 5 s switch, 6 s breath.
    assert total == 422
    assert total < 15 * 60
    assert format_duration(total) == "7:02"


def test_even_the_longest_choices_stay_under_fifteen_minutes(shipped: Routine) -> None:
    longest = shipped.with_steps(
        tuple(type(s)(s.pose_id, shipped.pose(s.pose_id).amount_range.max) for s in shipped.steps)
    )
    assert total_seconds(longest, Timing()) < 15 * 60


def test_the_source_and_its_own_warning_are_kept_in_the_data(shipped: Routine) -> None:
    assert "Nishadil, 14 September 2025" in shipped.source
    assert "may contain errors or omissions" in shipped.source_note


def test_cat_cow_speaks_of_breaths_like_every_screen(shipped: Routine) -> None:
    pose = shipped.pose("cat-cow")
    words = " ".join((pose.recommended, *pose.instructions))
    assert "breaths" in words and "cycles" not in words
