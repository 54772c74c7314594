"""Every text field of a session, through `supple history` in every format and through import."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from tests.hostile_text import HOSTILE, hostile_record, text_fields, unsafe
from tui.cli import main
from tui.core.record import PoseRecord, SessionRecord, to_dict
from tui.core.routine import Routine
from tui.store.history import History

SUPPLE = Path(sys.executable).parent / "supple"


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SUPPLE), "--data-dir", str(data), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [(), ("--csv",), ("--json",), ("status",)], ids=str)
def test_a_stored_session_prints_without_raw_escapes(
    tmp_path: Path, routine: Routine, args: tuple[str, ...]
) -> None:
    History(tmp_path).save(hostile_record(datetime.now().astimezone(), routine))
    result = _run(tmp_path, *(args if args == ("status",) else ("history", *args)))
    out, err = result.stdout.decode(), result.stderr.decode()
    assert (unsafe(out), unsafe(err)) == ([], [])
    if args != ("status",):
        assert "routine_name:" in out
    if args == ("--json",):  # the same text, every character of it, escaped
        records = orjson.loads(result.stdout)
        assert records[0]["poses"][0]["note"] == f"note:{HOSTILE}"
        assert "\\u202e" in out


def _hostile_in(field: str, record: SessionRecord) -> dict[str, object]:
    """`record` as exported, with only `field` ("poses[0].note") holding the hostile text."""
    data = to_dict(record)
    if field.startswith("poses[0]."):
        data["poses"][0][field.removeprefix("poses[0].")] = f"x{HOSTILE}"
    else:
        data[field] = f"x{HOSTILE}"
    return data


FIELDS = [*text_fields(SessionRecord), *(f"poses[0].{n}" for n in text_fields(PoseRecord))]


@pytest.mark.parametrize("field", FIELDS)
def test_import_refuses_control_characters_in_every_text_field(
    tmp_path: Path,
    routine: Routine,
    capsys: pytest.CaptureFixture[str],
    field: str,
) -> None:
    hostile = hostile_record(datetime.now().astimezone(), routine)
    poses = tuple(replace(p, note="", pose_id="p") for p in hostile.poses)
    clean = replace(
        hostile, id="s", routine_id="r", routine_name="n", note="", pain_note="", poses=poses
    )
    file = tmp_path / "shared.json"
    file.write_bytes(orjson.dumps([_hostile_in(field, clean)]))
    code = main(["--data-dir", str(tmp_path / "data"), "history", "import", str(file)])
    said = capsys.readouterr()
    assert code == 1
    assert f"record 0 refused: {field} contains control characters" in said.err
    assert "0 added" in said.out and unsafe(said.out + said.err) == []
    assert History(tmp_path / "data").summaries() == []
