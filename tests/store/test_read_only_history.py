"""`supple status` and `supple history` only read; damaged files and bad records are reported."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.history_paths import own_folder
from tests.store.session_factory import START, MakeRecord
from tui.cli import main
from tui.store.history import History

MONTH = "2026-11"  # the month of START
OLDER = "2026-10"
READS = (["status"], ["history"], ["history", "--json"], ["history", "--csv"])


def tree(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under `folder`: content hash (folders: "") and mode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        digest = "" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        found[str(path.relative_to(folder))] = (digest, path.stat().st_mode)
    return found


@pytest.fixture
def saved(tmp_path: Path, record: MakeRecord) -> Path:
    """A data folder with three sessions this month and one the month before."""
    history = History(tmp_path)
    for n in range(3):
        history.save(record(n))
    history.save(record(40, started_at=START - timedelta(days=20)))
    return tmp_path


def month_file(data: Path, month: str = MONTH) -> Path:
    return own_folder(data) / f"{month}.json"


def index_file(data: Path, month: str = MONTH) -> Path:
    return own_folder(data) / "index" / f"{month}.json"


def add_raw_record(data: Path, doc: dict[str, Any], month: str = MONTH) -> None:
    """Put `doc` into a month file by hand, as an editor or another program might."""
    content = json.loads(month_file(data, month).read_text())
    content["sessions"]["99"] = doc
    month_file(data, month).write_text(json.dumps(content))


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def stale_index(data: Path, record: MakeRecord) -> None:
    add_raw_record(data, json.loads(json.dumps(_raw(record(7)))))


def empty_month(data: Path, record: MakeRecord) -> None:
    month_file(data).write_bytes(b"")


def corrupt_month(data: Path, record: MakeRecord) -> None:
    month_file(data).write_text('{"sessions": {"1": {"id": "trunc')


def corrupt_index(data: Path, record: MakeRecord) -> None:
    index_file(data).write_text("not json")


def bad_record(data: Path, record: MakeRecord) -> None:
    add_raw_record(data, {**_raw(record(8)), "pain_before": "seven"})


def leftover_temp(data: Path, record: MakeRecord) -> None:
    (own_folder(data) / f".{OLDER}.json.x1y2.tmp").write_text("half")


def _raw(session: Any) -> dict[str, Any]:
    from tui.core.record import to_dict

    return to_dict(session)


@pytest.mark.parametrize(
    "damage",
    [stale_index, empty_month, corrupt_month, corrupt_index, bad_record, leftover_temp],
)
def test_reading_commands_leave_every_file_as_it_was(
    saved: Path,
    record: MakeRecord,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path, MakeRecord], None],
) -> None:
    damage(saved, record)
    before = tree(saved)
    for argv in READS:
        run(capsys, saved, *argv)
        assert tree(saved) == before, argv


def test_a_stale_index_is_rebuilt_in_memory_for_the_reader(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    stale_index(saved, record)
    code, out, err = run(capsys, saved, "history", "--json")
    assert code == 0 and err == ""
    assert [s["id"] for s in json.loads(out)] == [f"session-{n}" for n in (7, 2, 1, 0, 40)]
    code, out, _ = run(capsys, saved, "history")
    assert len(out.splitlines()) == 1 + 5


def test_a_damaged_index_is_rebuilt_in_memory_without_a_word(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt_index(saved, record)
    code, out, err = run(capsys, saved, "history")
    assert (code, err) == (0, "") and len(out.splitlines()) == 1 + 4
    assert index_file(saved).read_text() == "not json"


def test_an_empty_month_file_is_damaged_and_never_shrinks_its_index(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    index_before = index_file(saved).read_bytes()
    empty_month(saved, record)
    code, out, err = run(capsys, saved, "status")
    assert code == 0
    assert f"{month_file(saved)} could not be read (it is empty, 0 bytes)" in err
    code, out, err = run(capsys, saved, "history")
    assert code == 1 and out.splitlines()[1:] == [out.splitlines()[1]]  # the older month only
    assert out.splitlines()[1].startswith("2026-10-14")
    assert index_file(saved).read_bytes() == index_before
    # The app, which writes, sets the month aside and keeps its index beside it.
    app = History(saved)
    assert [s.id for s in app.summaries()] == ["session-40"]
    app.save(record(5))
    [kept] = index_file(saved).parent.glob(f"{MONTH}.json.corrupt-*")
    assert kept.read_bytes() == index_before
    assert any(str(kept) in w for w in app.warnings)
    assert [s.id for s in History(saved).summaries()] == ["session-5", "session-40"]


def test_a_damaged_folder_is_named_not_called_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("oops")
    code, out, err = run(capsys, not_a_folder, "status")
    assert code == 0
    assert out == "supple: could not read your history (see the message below)\n"
    assert f"{not_a_folder} is a file, not a folder" in err and "--data-dir" in err
    code, out, err = run(capsys, not_a_folder, "history")
    assert code == 1 and "No sessions yet" not in out
    assert f"{not_a_folder} is a file, not a folder" in err


def test_a_month_that_cannot_be_read_is_named_by_status(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt_month(saved, record)
    month_file(saved, OLDER).write_bytes(b"")
    code, out, err = run(capsys, saved, "status")
    assert code == 0 and out == "supple: could not read your history (see the message below)\n"
    assert str(month_file(saved)) in err and str(month_file(saved, OLDER)) in err


def test_leftover_temp_files_of_any_month_are_swept_by_the_app(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    leftovers = [
        own_folder(saved) / f".{OLDER}.json.x1y2.tmp",
        own_folder(saved) / "index" / f".{OLDER}.json.a1b2.tmp",
        own_folder(saved) / ".2025-01.json.q9.tmp",
    ]
    for path in leftovers:
        path.write_text("half a file")
    for argv in READS:
        run(capsys, saved, *argv)
    assert all(path.exists() for path in leftovers)  # the reader never deletes
    History(saved).save(record(5))  # a save this month, under the lock
    assert not any(path.exists() for path in leftovers)


BAD_VALUES: list[tuple[str, Any]] = [
    ("pain_before", "seven"),
    ("pain_after", 11),
    ("poses", "child's pose"),
    ("active_seconds", -5),
    ("active_seconds", 1e300),
    ("planned_seconds", "long"),
    ("poses", [{"pose_id": "p", "side": 5, "planned_seconds": 1, "held_seconds": 1,
                "outcome": "done"}]),
    ("poses", [{"pose_id": "p", "side": None, "planned_seconds": 1, "held_seconds": -1,
                "outcome": "done"}]),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value"), BAD_VALUES)
def test_a_bad_record_is_skipped_with_its_file_and_id_everywhere(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str], field: str, value: Any
) -> None:
    add_raw_record(saved, {**_raw(record(8)), "id": "odd-one", field: value})
    named = f"{month_file(saved)}: session odd-one could not be read"
    code, out, err = run(capsys, saved, "history")
    assert code == 1 and named in err and "Traceback" not in err
    assert len(out.splitlines()) == 1 + 4  # the header and the four good sessions
    code, out, err = run(capsys, saved, "history", "--json")
    assert [s["id"] for s in json.loads(out)] == ["session-2", "session-1", "session-0",
                                                  "session-40"]  # fmt: skip
    assert named in err
    code, out, err = run(capsys, saved, "history", "--csv")
    assert len(out.splitlines()) == 1 + 4 and named in err
    assert History(saved).get("odd-one") is None  # the app skips it too
    assert "odd-one" in month_file(saved).read_text()  # and leaves it for a person to see


def test_a_current_index_holding_a_bad_summary_is_not_believed(
    saved: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    # An index written by an older Supple from a record it did not check.
    content = json.loads(index_file(saved).read_text())
    content["summaries"]["session-1"]["pain_before"] = "seven"
    index_file(saved).write_text(json.dumps(content))
    add_raw_record(saved, {**_raw(record(8)), "id": "odd-one", "pain_before": "seven"})
    meta = content["meta"]["shard"]
    stat = month_file(saved).stat()
    meta["size"], meta["mtime_ns"] = stat.st_size, stat.st_mtime_ns
    index_file(saved).write_text(json.dumps(content))
    today = datetime(2026, 11, 6).date()
    history = History(saved, read_only=True)
    assert [s.id for s in history.summaries(since=today)] == [f"session-{n}" for n in (2, 1, 0)]
    assert any("odd-one" in w for w in history.warnings)
    code, out, err = run(capsys, saved, "status")
    assert code == 0 and "Traceback" not in err and "streak" in out


def test_a_history_folder_that_cannot_be_opened_is_named(
    saved: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom chmod 000 does not stop: refuse the way it would.
    real_scandir = os.scandir

    def no_entry(path: Any) -> Any:
        if Path(path) == saved / "history":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", no_entry)
    code, out, err = run(capsys, saved, "status")
    assert code == 0 and out == "supple: could not read your history (see the message below)\n"
    assert f"Could not open {saved / 'history'} (Permission denied)" in err
    code, out, err = run(capsys, saved, "history")
    assert code == 1 and "No sessions yet" not in out and "Permission denied" in err
