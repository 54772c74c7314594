"""`supple history`: columns line up by terminal cells; no control character reaches a terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.store.session_factory import MakeRecord
from tui.cli import main
from tui.store.history import History

NAMES = (
    "Daily hips and back",
    "朝のストレッチ",
    "🧘 Lotus 🌸",
    "[bold red]x",
    "mixed 日本 ab",
    "[/]",
)
LONG = "とても長いルーティン名前" * 3  # 72 cells


def test_a_long_name_is_cut_by_cells_so_rows_fit_80_columns(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    history = History(tmp_path)
    history.save(record(0, routine_name=LONG))
    history.save(record(1, routine_name="a" * 60))
    assert main(["--data-dir", str(tmp_path), "history"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert rows[0].split("  ")[1] == "a" * 23 + "…"
    assert LONG[:11] + "…" in rows[1]
    assert all(cell_len(line) <= 80 for line in (header, *rows))
    assert (
        _column_starts(rows[0])[-5:] == _column_starts(rows[1])[-5:] == _column_starts(header)[-5:]
    )


def _column_starts(line: str) -> list[int]:
    """The terminal cell at which each column of a table line starts."""
    starts = [0]
    for gap in re.finditer(r"\s{2,}", line):
        starts.append(cell_len(line[: gap.end()]))
    return starts


def test_wide_and_bracketed_names_keep_every_column_in_line(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    history = History(tmp_path)
    for number, name in enumerate(NAMES):
        history.save(record(number, routine_name=name))
    assert main(["--data-dir", str(tmp_path), "history"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert len(rows) == len(NAMES)
    for name in NAMES:  # each shown as written, brackets and all
        assert sum(name in row for row in rows) == 1
    wanted = _column_starts(header)
    assert len(wanted) == 7  # Date, Routine, Time, Poses, Holds, Pain, Status
    for row in rows:
        # The date holds one space and a routine name may hold one: count from the time on.
        assert _column_starts(row)[-5:] == wanted[-5:], row


def test_control_characters_never_reach_the_terminal_and_json_keeps_them(
    tmp_path: Path, record: MakeRecord, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    hostile = "Clip\x1b]52;c;ZWNobw==\x07 \x9b2J \x7f end"
    History(tmp_path).save(record(0, routine_name=hostile, note=hostile))
    for extra in ([], ["--csv"], ["--json"]):
        assert main(["--data-dir", str(tmp_path), "history", *extra]) == 0
        out = capsysbinary.readouterr().out
        assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", out), (extra, out)
    assert main(["--data-dir", str(tmp_path), "history", "--json"]) == 0
    (session,) = json.loads(capsysbinary.readouterr().out)
    assert session["routine_name"] == hostile and session["note"] == hostile  # nothing lost
