"""A routine file is untrusted: every bad one is refused in one line and changes nothing."""

from __future__ import annotations

import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fixture_data import FIXTURE_DATA
from tui.cli import main
from tui.store.routines import RoutineStore

# The fixture routine's file, whose poses[1] is Cat-Cow (read at import, before any fixture).
FIXTURE_TEXT = (FIXTURE_DATA / "routines" / "hip-back-daily.toml").read_text()
# ESC, BEL and the C1 controls: what a terminal obeys as (the start or end of) a command.
TERMINAL_COMMANDS = re.compile(r"[\x07\x1b\x80-\x9f]")


def fixture_data_dict() -> dict[str, Any]:
    return tomllib.loads(FIXTURE_TEXT)


def import_text(data_dir: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    source = data_dir / "sent.toml"
    source.write_text(text, encoding="utf-8")
    code = main(["--data-dir", str(data_dir), "routine", "import", str(source)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def seeded(data_dir: Path) -> bytes:
    """routines.json with something in it, so 'unchanged' means something."""
    store = RoutineStore(data_dir)
    store.set_current("hip-back-daily")
    return store.path.read_bytes()


def with_pose_field(key: str, value: object) -> str:
    data = fixture_data_dict()
    data["poses"][1][key] = value
    return tomli_w.dumps(data)


def with_top_field(key: str, value: object) -> str:
    data = fixture_data_dict()
    data[key] = value
    return tomli_w.dumps(data)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            with_top_field("name", "Clip\x1b]52;c;ZWNobyBwd25lZA==\x1b\\"),
            "field 'name': contains control characters (U+001B)",
        ),
        (
            with_pose_field("name", "Cat\x07Cow"),
            "pose 'cat-cow': field 'name': contains control characters (U+0007)",
        ),
        (
            with_pose_field("instructions", ["Kneel.", "\x9b2J"]),
            "pose 'cat-cow': field 'instructions': contains control characters (U+009B)",
        ),
        (with_top_field("name", "x" * 61), "field 'name': is longer than 60 characters"),
        (with_pose_field("cue", "y" * 5000), "field 'cue': is longer than 4000 characters"),
        (
            with_pose_field("cycles", {"min": 1, "max": 99999999999999999999, "default": 2}),
            "pose 'cat-cow': field 'cycles'",
        ),
        (
            with_top_field("target_minutes", 99999999999999999999),
            "field 'target_minutes': must be a whole number from 1 to 60",
        ),
        ("a = " + "[" * 100_000, "nests tables or lists too deeply"),
    ],
    ids=[
        "osc52-in-routine-name",
        "bell-in-pose-name",
        "csi-in-instructions",
        "routine-name-too-long",
        "cue-too-long",
        "cycles-too-large",
        "target-minutes-too-large",
        "nesting-too-deep",
    ],
)
def test_a_hostile_routine_is_refused_naming_file_pose_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, says: str
) -> None:
    before = seeded(tmp_path)
    code, output = import_text(tmp_path, text, capsys)
    assert code == 1
    assert says in output
    assert str(tmp_path / "sent.toml") in output
    assert output.count("nothing was imported") == 1
    assert len(output.splitlines()) == 1
    assert (tmp_path / "routines.json").read_bytes() == before


def test_a_routine_longer_than_an_hour_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = fixture_data_dict()
    template = data["poses"][0]
    data["poses"] = [
        {**template, "id": f"p{n}", "hold": {"min": 1, "max": 600, "default": 600}}
        for n in range(7)
    ]
    data["sequence"] = [f"p{n}" for n in range(7)]
    code, output = import_text(tmp_path, tomli_w.dumps(data), capsys)
    assert code == 1
    assert "takes more than 60 minutes" in output


def test_importing_an_endless_file_stops_at_a_megabyte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as file:
        file.truncate(10 * 2**30)  # 10 GB of zeros, sparse: no disk used
    code = main(["--data-dir", str(tmp_path), "routine", "import", str(huge)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{huge}: is larger than 1 MB" in err
    # A device is not read at all (see tests/cli/test_special_files.py).
    code = main(["--data-dir", str(tmp_path), "routine", "import", "/dev/zero"])
    err = capsys.readouterr().err
    assert code == 1 and "/dev/zero: cannot be read: it is a character device" in err


def test_a_name_made_into_an_id_is_not_called_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = import_text(
        tmp_path, FIXTURE_TEXT.replace('id = "hip-back-daily"', 'id = "My Hips"'), capsys
    )
    assert code == 0
    assert "as my-hips" in output
    assert "taken" not in output


def test_an_import_that_cannot_be_saved_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: RoutineStore, change: object) -> bool:
        self.warnings.add(f"Could not save your routine to {self.path}: No space left on device.")
        return False

    monkeypatch.setattr(RoutineStore, "_write", refuse)
    mine = FIXTURE_TEXT.replace('id = "hip-back-daily"', 'id = "mine"')
    code, output = import_text(tmp_path, mine, capsys)
    assert code == 1
    assert output.count("No space left on device") == 1
    assert output.count("Nothing was imported") == 1


# --- fuzz: random text, types and sizes anywhere in a routine ------------------------

_any_text = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x1b\x07\x9b\x9c\x00\x7f\t\n\u202e猫🧘"),
    ),
    max_size=80,
)
_leaf = st.one_of(
    _any_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=3).map(lambda s: s * 2000),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
    ),
    max_leaves=8,
)
_TOP_KEYS = ("id", "name", "description", "safety", "source", "target_minutes", "sequence")
_POSE_KEYS = (
    "id",
    "name",
    "cue",
    "instructions",
    "targets",
    "hold",
    "cycles",
    "inhale",
    "per_side",
    "alternative",
    "alternative_is",
    "breath",
)


@st.composite
def routine_texts(draw: st.DrawFn) -> str:
    data = fixture_data_dict()
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            data[draw(st.sampled_from(_TOP_KEYS))] = draw(_value)
        else:
            pose = draw(st.sampled_from(data["poses"]))
            pose[draw(st.sampled_from(_POSE_KEYS))] = draw(_value)
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):  # nan, huge ints...: write them by hand instead
        return FIXTURE_TEXT.replace('name = "', f'name = {draw(_leaf)!r}\nx_name = "', 1)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=routine_texts())
def test_any_routine_text_is_refused_in_one_line_or_prints_no_terminal_command(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        before = seeded(data_dir)
        code, output = import_text(data_dir, text, capsys)
        assert not TERMINAL_COMMANDS.search(output)
        if code == 1:
            assert len(output.splitlines()) == 1, output
            assert str(data_dir / "sent.toml") in output
            assert (data_dir / "routines.json").read_bytes() == before
            return
        assert code == 0, output
        routine_id = RoutineStore(data_dir).ids()[-1]
        assert main(["--data-dir", folder, "routine", "export", routine_id, "-"]) == 0
        exported = capsys.readouterr()
        assert not TERMINAL_COMMANDS.search(exported.out + exported.err)
