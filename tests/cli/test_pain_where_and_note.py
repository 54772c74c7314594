"""Where it hurts and a note: in the record, exported by --json and --csv, checked at import."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from tests.cli.import_process import run_import
from tests.store.session_factory import make_record
from tui.cli import main
from tui.core.record import to_dict
from tui.store.history import History


def _recent(number: int = 0) -> dict[str, object]:
    started = datetime.now().astimezone().replace(microsecond=0)
    return to_dict(make_record(number, started_at=started).with_changes(ended_at=started))


def test_where_and_the_note_reach_json_and_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = datetime.now().astimezone()
    record = make_record(0, started_at=started).with_changes(
        ended_at=started, pain_where="right hip", pain_note="sharp, \x1b[31mred"
    )
    History(tmp_path).save(record)
    assert main(["--data-dir", str(tmp_path), "history", "--json"]) == 0
    (session,) = orjson.loads(capsys.readouterr().out)
    assert (session["pain_where"], session["pain_note"]) == ("right hip", "sharp, \x1b[31mred")
    assert main(["--data-dir", str(tmp_path), "history", "--csv"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out  # the note's escape is made visible, not sent to the terminal
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["pain_where"] == "right hip"
    assert row["pain_note"].startswith("sharp, ") and "red" in row["pain_note"]


def test_import_takes_a_place_and_note_and_refuses_others(tmp_path: Path) -> None:
    good = {**_recent(0), "pain_where": "lower back", "pain_note": "stiff in the morning"}
    unknown_place = {**_recent(1), "pain_where": "elbow"}
    escape_in_note = {**_recent(2), "pain_note": "ok\x1b]0;owned\x07"}
    code, out, err = run_import(tmp_path / "data", [good, unknown_place, escape_in_note])
    assert (code, "1 added" in out, "2 refused" in out) == (1, True, True), (out, err)
    assert "record 1 refused: pain_where must be null or one of lower back" in err
    assert "record 2 refused: pain_note contains control characters" in err
    (kept,) = History(tmp_path / "data", read_only=True).sessions()
    assert (kept.pain_where, kept.pain_note) == ("lower back", "stiff in the morning")
