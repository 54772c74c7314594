"""The person's routines in TinyDB: edits kept, shared between processes, bad data kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_data import FIXTURE_DATA
from tui.core.editing import change_amount, move, swap_alternative, toggle
from tui.core.routine import Routine, RoutineError, parse_routine, routine_from_dict
from tui.store.routine_toml import routine_to_dict, routine_to_toml
from tui.store.routines import DEFAULT_ROUTINE_ID, RoutineStore, load_shipped

# The fixture routine's file (read at import, before any fixture runs).
FIXTURE_TEXT = (FIXTURE_DATA / "routines" / "hip-back-daily.toml").read_text()


@pytest.fixture
def store(data_dir: Path) -> RoutineStore:
    return RoutineStore(data_dir)


def edited(routine: Routine) -> Routine:
    """A moved, an excluded, a swapped and a lengthened pose."""
    routine = move(routine, 1, -1)
    routine = toggle(routine, 4)
    routine = swap_alternative(routine, 3)
    return change_amount(routine, 0, 1)


def test_fresh_store_gives_the_shipped_routine(store: RoutineStore) -> None:
    assert store.current_id() == DEFAULT_ROUTINE_ID
    assert store.load_current() == load_shipped()
    assert not store.path.exists()  # reading writes nothing


def test_edits_survive_a_new_store_on_the_same_folder(store: RoutineStore, data_dir: Path) -> None:
    changed = edited(store.load_current())
    assert store.save(changed)
    again = RoutineStore(data_dir)
    assert again.load_current() == changed
    assert again.default(DEFAULT_ROUTINE_ID) == load_shipped()


def test_another_process_sees_each_edit(store: RoutineStore, data_dir: Path) -> None:
    store.save(toggle(store.load_current(), 2))
    code = (
        "import sys; from pathlib import Path; from tui.store.routines import RoutineStore;"
        "s = RoutineStore(Path(sys.argv[1])); r = s.load_current();"
        "print(r.steps[2].enabled)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_two_stores_do_not_lose_each_others_routines(data_dir: Path) -> None:
    first, second = RoutineStore(data_dir), RoutineStore(data_dir)
    mine = first.duplicate(first.load_current(), "Mine")
    second.save(toggle(second.load_current(), 0))  # written after, without re-opening
    assert {"mine", DEFAULT_ROUTINE_ID} <= set(first.ids())
    assert first.load(mine.id).name == "Mine"
    assert not first.load(DEFAULT_ROUTINE_ID).steps[0].enabled


def test_reset_returns_to_the_shipped_steps(store: RoutineStore) -> None:
    store.save(edited(store.load_current()))
    assert store.reset(DEFAULT_ROUTINE_ID) == load_shipped()
    assert store.load_current() == load_shipped()


def test_duplicate_rename_switch_delete(store: RoutineStore, data_dir: Path) -> None:
    changed = edited(store.load_current())
    copy = store.duplicate(changed, "Bad back day")
    assert copy.id == "bad-back-day"
    assert copy.steps == changed.steps
    assert copy.name == "Bad back day"
    store.set_current(copy.id)
    renamed = store.rename(copy.id, "Gentle")
    assert (renamed.id, renamed.name) == ("bad-back-day", "Gentle")
    assert RoutineStore(data_dir).load_current().name == "Gentle"
    # Reset of a copy goes back to the shipped steps it is based on.
    assert store.reset(copy.id).steps == load_shipped().steps
    store.delete(copy.id)
    assert copy.id not in store.ids()
    assert store.current_id() == DEFAULT_ROUTINE_ID


def test_copy_names_get_unique_ids(store: RoutineStore) -> None:
    routine = store.load_current()
    ids = [store.duplicate(routine, "Morning").id for _ in range(3)]
    assert ids == ["morning", "morning-2", "morning-3"]


def test_shipped_routine_cannot_be_deleted_or_renamed(store: RoutineStore) -> None:
    with pytest.raises(ValueError, match="reset"):
        store.delete(DEFAULT_ROUTINE_ID)
    with pytest.raises(ValueError, match="copy"):
        store.rename(DEFAULT_ROUTINE_ID, "Other")


def test_export_reads_back_the_same_routine(store: RoutineStore) -> None:
    changed = edited(store.load_current())
    assert parse_routine(routine_to_toml(changed), "export") == changed
    assert routine_from_dict(routine_to_dict(changed), "x") == changed


def test_import_never_replaces_a_routine(store: RoutineStore) -> None:
    imported = store.import_routine(edited(load_shipped()))
    assert imported.id == f"{DEFAULT_ROUTINE_ID}-2"
    assert store.load(DEFAULT_ROUTINE_ID) == load_shipped()
    assert store.default(imported.id).steps == edited(load_shipped()).steps


def test_a_corrupt_file_is_moved_aside_with_a_message(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "routines.json").write_text("{not json")
    store = RoutineStore(data_dir)
    assert store.load_current() == load_shipped()
    assert any("moved aside" in w for w in store.warnings)
    assert [p for p in data_dir.iterdir() if ".corrupt-" in p.name]


def test_an_unusable_saved_routine_is_reported_and_kept(
    store: RoutineStore, data_dir: Path
) -> None:
    store.save(toggle(store.load_current(), 0))
    raw = json.loads(store.path.read_text())
    doc = next(iter(raw["routines"].values()))
    doc["sequence"][0]["pose"] = "handstand"
    store.path.write_text(json.dumps(raw))
    again = RoutineStore(data_dir)
    assert again.load_current() == load_shipped()
    assert any("handstand" in w for w in again.warnings)
    again.save(toggle(again.load_current(), 1))  # the bad version is set aside, not lost
    kept = json.loads(store.path.read_text())["set_aside"]
    assert "handstand" in json.dumps(kept)


def test_a_missing_current_routine_falls_back_to_the_default(store: RoutineStore) -> None:
    store.set_current("gone")
    assert store.load_current() == load_shipped()
    assert any("'gone'" in w for w in store.warnings)


def test_unknown_routine_is_a_key_error(store: RoutineStore) -> None:
    with pytest.raises(KeyError):
        store.load("nope")


def test_a_stored_sequence_is_validated_like_a_file(store: RoutineStore) -> None:
    store.save(store.load_current())
    raw = json.loads(store.path.read_text())
    next(iter(raw["routines"].values()))["sequence"][0]["amount"] = 5
    store.path.write_text(json.dumps(raw))
    with pytest.raises(RoutineError, match="between 30 and 60"):
        store.load(DEFAULT_ROUTINE_ID)


# `supple routine export` / `supple routine import`


def run_cli(*args: str) -> int:
    from tui.cli import main

    return main(list(args))


def test_export_then_import_round_trip(
    store: RoutineStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.save(edited(store.load_current()))
    out = tmp_path / "mine.toml"
    assert run_cli("routine", "export", DEFAULT_ROUTINE_ID, str(out)) == 0
    text = out.read_text()
    assert "enabled = false" in text
    assert parse_routine(text, str(out)) == edited(load_shipped())
    store.reset(DEFAULT_ROUTINE_ID)
    assert run_cli("routine", "import", str(out)) == 0
    said = capsys.readouterr().out
    assert "hip-back-daily-2" in said
    assert f"supple routine import {out} --replace" in said
    assert (
        RoutineStore(store.path.parent).load("hip-back-daily-2").steps
        == edited(load_shipped()).steps
    )


def test_export_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.toml"
    out.write_text("my notes")
    assert run_cli("routine", "export", DEFAULT_ROUTINE_ID, str(out)) == 1
    err = capsys.readouterr().err
    assert str(out) in err and "--force" in err
    assert out.read_text() == "my notes"
    assert run_cli("routine", "export", DEFAULT_ROUTINE_ID, str(out), "--force") == 0
    assert parse_routine(out.read_text(), str(out)) == load_shipped()


def test_importing_an_unedited_export_changes_nothing(
    store: RoutineStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "same.toml"
    assert run_cli("routine", "export", DEFAULT_ROUTINE_ID, str(out)) == 0
    before = store.ids()
    assert run_cli("routine", "import", str(out)) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert RoutineStore(store.path.parent).ids() == before


def test_replace_updates_a_routine_in_place(
    store: RoutineStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = store.duplicate(store.load_current(), "Evening")
    out = tmp_path / "evening.toml"
    assert run_cli("routine", "export", mine.id, str(out)) == 0
    changed = edited(mine)
    out.write_text(routine_to_toml(changed))
    assert run_cli("routine", "import", str(out), "--replace") == 0
    assert "Updated your routine 'Evening'" in capsys.readouterr().out
    fresh = RoutineStore(store.path.parent)
    assert fresh.load(mine.id).steps == changed.steps
    assert fresh.ids() == store.ids() == [DEFAULT_ROUTINE_ID, mine.id]


def test_replace_of_the_shipped_routine_takes_its_steps(
    store: RoutineStore, tmp_path: Path
) -> None:
    out = tmp_path / "daily.toml"
    out.write_text(routine_to_toml(edited(load_shipped())))
    assert run_cli("routine", "import", str(out), "--replace") == 0
    assert RoutineStore(store.path.parent).load(DEFAULT_ROUTINE_ID) == edited(load_shipped())


def test_export_of_an_unknown_routine_names_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("routine", "export", "nope", str(tmp_path / "x.toml")) == 1
    assert "hip-back-daily" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema = 1\nid = [", "is not valid TOML"),
        ('schema = 1\nname = "x"\n', "field 'id': is missing or not text"),
        (
            FIXTURE_TEXT.replace(
                'sequence = ["childs-pose"', 'sequence = ["handstand", "childs-pose"'
            ),
            "pose 'handstand': field 'sequence': is not a pose defined in this file",
        ),
        (
            FIXTURE_TEXT.replace(
                'sequence = ["childs-pose"', 'sequence = [{ pose = "childs-pose", amount = 5 }'
            ),
            "must be between 30 and 60 (got 5)",
        ),
    ],
    ids=["not-toml", "no-id", "unknown-pose-in-sequence", "hold-out-of-range"],
)
def test_a_malformed_import_changes_nothing(
    store: RoutineStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    store.save(toggle(store.load_current(), 0))
    before = store.path.read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    assert run_cli("routine", "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert str(bad) in err
    assert message in err
    assert "nothing was imported" in err
    assert store.path.read_bytes() == before


def test_routine_commands_never_import_textual(data_dir: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main;"
        f"code = main(['routine', 'export', 'hip-back-daily', {str(tmp_path / 'a.toml')!r}]);"
        "assert code == 0; assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_replace_refuses_to_rewrite_a_shipped_routine_s_poses(
    store: RoutineStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = routine_to_toml(load_shipped()).replace("Start on all fours.", "Kneel on a cushion.", 1)
    out = tmp_path / "daily.toml"
    out.write_text(text)
    before = store.ids()
    assert run_cli("routine", "import", str(out), "--replace") == 1
    err = capsys.readouterr().err
    assert "without --replace" in err and "nothing was imported" in err
    fresh = RoutineStore(store.path.parent)
    assert fresh.load(DEFAULT_ROUTINE_ID) == load_shipped()
    assert fresh.ids() == before
