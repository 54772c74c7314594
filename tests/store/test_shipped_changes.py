"""A pose Supple adds to, or removes from, a shipped routine reaches people who edited it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fixture_data import FIXTURE_DATA, ROUTINE_ID
from tui import paths
from tui.core.editing import change_amount, swap_alternative
from tui.store.routines import RoutineStore
from tui.store.shipped_changes import NO_LONGER_SHIPPED

NEW_POSE = """
[[poses]]
id = "knees-to-chest"
name = "Knees-to-Chest"
per_side = false
hold = { min = 20, max = 45, default = 30 }
cue = "Hug both knees to your chest."
instructions = ["Lie on your back.", "Hug both knees toward your chest."]
"""


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A shipped routine this test can change, as an upgrade of Supple would."""
    folder = tmp_path / "shipped"
    shutil.copytree(FIXTURE_DATA, folder)
    monkeypatch.setenv(paths.SHIPPED_DATA_ENV, str(folder))
    return folder / "routines" / f"{ROUTINE_ID}.toml"


def edit_routine(data_dir: Path) -> int:
    """The person lengthens Child's Pose (to the hold returned): their own steps from now on."""
    store = RoutineStore(data_dir)
    edited = change_amount(store.load(ROUTINE_ID), 0, 1)
    assert store.save(edited)
    return edited.steps[0].amount


def upgrade(shipped: Path, old: str, new: str) -> None:
    text = shipped.read_text(encoding="utf-8")
    assert old in text
    shipped.write_text(text.replace(old, new, 1), encoding="utf-8")


def start(data_dir: Path) -> RoutineStore:
    """What Supple does with the routines at start."""
    store = RoutineStore(data_dir)
    store.adopt_shipped_changes()
    return store


def test_a_new_shipped_pose_joins_an_edited_routine_switched_off_and_is_told_once(
    shipped: Path, data_dir: Path
) -> None:
    held = edit_routine(data_dir)
    upgrade(shipped, '"childs-pose", "cat-cow"', '"childs-pose", "knees-to-chest", "cat-cow"')
    shipped.write_text(shipped.read_text(encoding="utf-8") + NEW_POSE, encoding="utf-8")
    store = start(data_dir)
    routine = store.load(ROUTINE_ID)
    steps = [(s.pose_id, s.enabled) for s in routine.steps[:3]]
    assert steps == [("childs-pose", True), ("knees-to-chest", False), ("cat-cow", True)]
    assert routine.steps[0].amount == held != 45  # the person's own edit is kept
    [notice] = store.warnings
    assert "new pose, Knees-to-Chest" in notice and "switched off" in notice
    again = start(data_dir)
    assert list(again.warnings) == []
    assert again.load(ROUTINE_ID) == routine


def test_a_pose_supple_no_longer_ships_stays_marked_in_an_edited_routine(
    shipped: Path, data_dir: Path
) -> None:
    edit_routine(data_dir)
    start(data_dir)  # the copy of the shipped poses is kept with the edits
    upgrade(shipped, '"pigeon", "seated-spinal-twist"', '"pigeon"')
    upgrade(shipped, '[[poses]]\nid = "seated-spinal-twist"', '[[poses]]\nid = "gone"')
    store = start(data_dir)
    routine = store.load(ROUTINE_ID)
    assert routine.steps[-1].pose_id == "seated-spinal-twist"
    assert NO_LONGER_SHIPPED in routine.pose("seated-spinal-twist").cautions
    [notice] = store.warnings
    assert "no longer ships Seated Spinal Twist" in notice
    assert list(start(data_dir).warnings) == []


def test_a_removed_pose_without_a_kept_copy_is_named_and_the_edits_kept(
    shipped: Path, data_dir: Path
) -> None:
    held = edit_routine(data_dir)  # saved before copies were kept: no start in between
    upgrade(shipped, '"pigeon", "seated-spinal-twist"', '"pigeon"')
    upgrade(shipped, '[[poses]]\nid = "seated-spinal-twist"', '[[poses]]\nid = "gone"')
    before = (data_dir / "routines.json").read_bytes()
    store = start(data_dir)
    routine = store.load_current()  # as shipped now, with a warning naming the pose
    assert routine.steps[0].amount != held
    assert any("seated-spinal-twist" in w for w in store.warnings)
    assert (data_dir / "routines.json").read_bytes() == before


def test_a_swapped_alternative_is_not_taken_for_a_missing_pose(
    shipped: Path, data_dir: Path
) -> None:
    store = RoutineStore(data_dir)
    routine = store.load(ROUTINE_ID)
    pigeon = [s.pose_id for s in routine.steps].index("pigeon")
    assert store.save(swap_alternative(routine, pigeon))
    again = start(data_dir)
    assert list(again.warnings) == []
    assert [s.pose_id for s in again.load(ROUTINE_ID).steps].count("pigeon") == 0


def test_a_kept_pose_whose_alternative_is_gone_too_stays_usable(
    shipped: Path, data_dir: Path
) -> None:
    import tomllib

    import tomli_w

    edit_routine(data_dir)
    start(data_dir)  # the copy of the shipped poses is kept with the edits
    data = tomllib.loads(shipped.read_text(encoding="utf-8"))
    data["poses"] = [p for p in data["poses"] if p["id"] not in ("pigeon", "figure-four")]
    data["sequence"] = [pid for pid in data["sequence"] if pid != "pigeon"]
    shipped.write_text(tomli_w.dumps(data), encoding="utf-8")
    store = start(data_dir)
    pigeon = store.load(ROUTINE_ID).pose("pigeon")  # kept, and still a usable routine
    assert pigeon.alternative is None and pigeon.alternative_is is None
    assert pigeon.gentler is None
