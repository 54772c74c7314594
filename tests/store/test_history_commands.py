"""`supple history` and `supple status` from the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.history_paths import own_folder
from tests.store.session_factory import MakeRecord
from tui.cli import main
from tui.commands.history import CSV_FIELDS, status_line
from tui.core.record import Status, summarize, to_dict
from tui.core.stats import status_facts
from tui.store.history import History


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_history_table_json_and_csv(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    history = History(tmp_path)
    first, second = record(0), record(1, pain_after=None, status=Status.PARTIAL)
    history.save(first)
    history.save(second)
    table = _run(capsys, "--data-dir", str(tmp_path), "history").splitlines()
    assert table[0].split() == ["Date", "Routine", "Held", "Poses", "Holds", "Pain", "Status"]
    assert "2026-11-04 08:00" in table[1] and "partial" in table[1] and "5 → –" in table[1]
    assert "6/6    9/9" in table[2] and "5 → 3" in table[2]

    as_json = json.loads(_run(capsys, "--data-dir", str(tmp_path), "history", "--json"))
    assert as_json == [to_dict(second), to_dict(first)]

    rows = list(
        csv.DictReader(io.StringIO(_run(capsys, "--data-dir", str(tmp_path), "history", "--csv")))
    )
    assert tuple(rows[0]) == CSV_FIELDS
    assert [r["id"] for r in rows] == [second.id, first.id]
    assert rows[0]["pain_after"] == "" and rows[1]["poses_done"] == "6"
    assert (rows[1]["holds_done"], rows[1]["holds_total"], rows[1]["speed"]) == ("9", "9", "1.0")


def test_history_when_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "--data-dir", str(tmp_path / "none"), "history") == "No sessions yet.\n"
    assert (
        _run(capsys, "--data-dir", str(tmp_path / "none"), "status") == "supple: no sessions yet\n"
    )
    assert not (tmp_path / "none").exists()  # reading never creates folders


def test_history_warns_on_stderr_about_bad_files(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    History(tmp_path).save(record(0))
    month = own_folder(tmp_path) / "2026-11.json"
    month.write_text("{oops")
    assert main(["--data-dir", str(tmp_path), "history"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "No sessions could be read; the messages below say why.\n"
    assert "2026-11.json could not be read" in captured.err and "left as it is" in captured.err
    assert month.read_text() == "{oops"  # reported, not moved aside: the app does that


def test_status_line(record: MakeRecord) -> None:
    def day(n: int) -> date:
        return (record(n).started_at).date()

    five = [summarize(record(n)) for n in range(5)]
    assert status_line(status_facts(five, day(4))) == "supple: 5-day streak · done today"
    assert (
        status_line(status_facts(five, day(5))) == "supple: 5-day streak · not done today (≈10 min)"
    )
    assert (
        status_line(status_facts(five, day(7)))
        == "supple: no current streak · not done today (≈10 min)"
    )
    partial_only = [summarize(record(0, status=Status.PARTIAL))]
    assert (
        status_line(status_facts(partial_only, day(1))) == "supple: 1-day streak · not done today"
    )


def test_status_counts_a_long_streak_all_the_way_back(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    history = History(tmp_path)
    today = datetime.now().astimezone()
    for n in range(100):
        history.save(record(n, started_at=today - timedelta(days=n)))
    assert _run(capsys, "--data-dir", str(tmp_path), "status") == (
        "supple: 100-day streak · done today\n"
    )


def test_status_never_imports_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main; main(['--data-dir', sys.argv[1], 'status']);"
        "assert 'textual' not in sys.modules, 'textual imported';"
        "assert 'filelock' not in sys.modules, 'filelock imported'"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, capture_output=True)
