"""What the article says and what Supple adds stay apart on screen (issue 19, item 13).

A breath line the article does not give is marked as Supple's words; a hold set outside
what the article recommends says so, in numbers the routine file keeps beside its words.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
import tomli_w

from tests.app.flow_helpers import SIZE, make_app
from tests.fixture_data import shipped_routine_file
from tui.core.routine import Routine, RoutineError, Step, parse_routine
from tui.store.routine_toml import routine_to_toml
from tui.store.routines import load_shipped
from tui.widgets.pose_detail import OWN_WORDS, PoseDetail, describe

pytestmark = pytest.mark.shipped  # the shipped routine against its article

# Poses for which the article says how to breathe (Child's Pose: "deep, expansive breaths";
# Cat-Cow: inhale / exhale; Pigeon: "breathing into any tension"); the others it does not.
BREATH_IN_ARTICLE = {"childs-pose", "cat-cow", "pigeon"}


def _text(routine: Routine, pose_id: str, amount: int | None = None) -> str:
    pose = routine.pose(pose_id)
    return describe(routine, Step(pose_id, amount or pose.amount_range.default)).plain


def test_breath_lines_the_article_does_not_give_are_marked_as_supples(
    shipped_routine: Routine,
) -> None:
    for pose in shipped_routine.poses.values():
        breathe = next(
            line for line in _text(shipped_routine, pose.id).splitlines() if "Breathe:" in line
        )
        assert (OWN_WORDS in breathe) == (pose.id not in BREATH_IN_ARTICLE), (pose.id, breathe)


def test_every_recommendation_in_numbers_matches_its_words(shipped_routine: Routine) -> None:
    for pose in shipped_routine.poses.values():
        assert pose.recommended_range is not None, pose.id
        said = [int(n) for n in re.findall(r"\d+", pose.recommended)]
        low, high = pose.recommended_range
        assert said == ([low] if low == high else [low, high]), pose.id


@pytest.mark.parametrize(
    ("amount", "line"),
    [(90, "90 s is beyond the source's 60 s"), (45, "45 s is short of the source's 60 s")],
)
def test_a_hold_outside_the_article_says_so(
    shipped_routine: Routine, amount: int, line: str
) -> None:
    assert line in _text(shipped_routine, "pigeon", amount)
    assert "the source's" not in _text(shipped_routine, "pigeon", 60)


async def test_pigeon_lengthened_to_90_s_on_the_main_screen_is_beyond_the_article() -> None:
    app = make_app()
    app.routine = load_shipped()  # the routine Supple ships, not the tests' frozen copy
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")  # Pigeon
        detail = app.screen.query_one(PoseDetail)
        assert "beyond" not in detail.text
        await pilot.press(*["plus"] * 6)  # 60 -> 90 s, in steps of 5
        assert "90 s × 2 sides" in detail.text
        assert "90 s is beyond the source's 60 s" in detail.text


def _shipped_data() -> dict[str, Any]:
    return tomllib.loads(shipped_routine_file().read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("not_from_source", ["benefits"], 'must list fields among "breath"'),
        ("not_from_source", "breath", 'must list fields among "breath"'),
        ("recommended_range", {"min": 70, "max": 60}, "min must be above 0 and at most max"),
        ("recommended_range", {"min": 60}, "must be a table like"),
        ("recommended_range", {"min": 60, "max": True}, "min must be above 0"),
    ],
)
def test_bad_provenance_fields_are_refused_naming_pose_and_field(
    field: str, value: object, message: str
) -> None:
    data = _shipped_data()
    next(p for p in data["poses"] if p["id"] == "pigeon")[field] = value
    with pytest.raises(RoutineError, match=message) as error:
        parse_routine(tomli_w.dumps(data), "shared.toml")
    assert "pose 'pigeon'" in str(error.value) and field in str(error.value)


def test_export_and_import_carry_what_is_the_articles(shipped_routine: Routine) -> None:
    back = parse_routine(routine_to_toml(shipped_routine), "export.toml")
    assert back.pose("pigeon").recommended_range == (60, 60)
    assert back.pose("thread-the-needle").not_from_source == ("breath",)
    assert back == shipped_routine
