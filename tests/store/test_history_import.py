"""`supple history import`: merging an export into a history, safely and idempotently."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.session_factory import MakeRecord, make_record
from tui.cli import main
from tui.core.merge import MergeChoice
from tui.core.record import Outcome, PoseRecord, SessionRecord, to_dict
from tui.store import storage
from tui.store.history import History


def _export(capsys: pytest.CaptureFixture[str], folder: Path) -> str:
    assert main(["--data-dir", str(folder), "history", "--json"]) == 0
    return capsys.readouterr().out


def _import(capsys: pytest.CaptureFixture[str], folder: Path, file: Path) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), "history", "import", str(file)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# A year before the factory's date: import refuses sessions more than a day in the future,
# and these spread over months.
FIRST = make_record(0).started_at - timedelta(days=365)


def _spread(count: int) -> list[SessionRecord]:
    """`count` sessions over several months, some on the same day."""
    return [make_record(n, started_at=FIRST + timedelta(hours=17 * n)) for n in range(count)]


def test_round_trip_into_an_empty_folder_gives_the_same_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = History(tmp_path / "laptop")
    for record in _spread(60):
        source.save(record)
    exported = _export(capsys, tmp_path / "laptop")
    file = tmp_path / "backup.json"
    file.write_text(exported)

    code, out, err = _import(capsys, tmp_path / "new", file)
    assert (code, err) == (0, "")
    assert out == f"Imported {file}: 60 added, 0 already present, 0 updated, 0 refused.\n"
    assert _export(capsys, tmp_path / "new") == exported

    code, out, _ = _import(capsys, tmp_path / "new", file)  # the same file again adds nothing
    assert out == f"Imported {file}: 0 added, 60 already present, 0 updated, 0 refused.\n"
    assert _export(capsys, tmp_path / "new") == exported


def test_import_from_stdin(
    tmp_path: Path,
    record: MakeRecord,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = orjson.dumps([to_dict(record(0)), to_dict(record(1))])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    assert main(["--data-dir", str(tmp_path), "history", "import", "-"]) == 0
    assert "standard input: 2 added" in capsys.readouterr().out
    assert [s.id for s in History(tmp_path).summaries()] == ["session-1", "session-0"]


def test_the_more_complete_copy_wins_and_the_import_says_so(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    full = record(0)
    cut_short = full.with_changes(
        poses=full.poses[:2], ended_at=full.started_at + timedelta(minutes=2)
    )
    other_full = record(1)
    other_short = other_full.with_changes(poses=other_full.poses[:1])
    history = History(tmp_path)
    history.save(cut_short)  # this machine stopped early on day 0...
    history.save(other_full)  # ...but finished day 1
    file = tmp_path / "server.json"
    file.write_bytes(orjson.dumps([to_dict(full), to_dict(other_short)]))

    code, out, err = _import(capsys, tmp_path, file)
    assert code == 0
    assert out.endswith("0 added, 1 already present, 1 updated, 0 refused.\n")
    assert "session session-0: the copy in" in err and "replaced the one here" in err
    assert "session session-1: the copy here is more complete" in err
    assert History(tmp_path).get("session-0") == full
    assert History(tmp_path).get("session-1") == other_full


def test_a_bad_record_in_the_middle_is_refused_with_its_index(
    tmp_path: Path, record: MakeRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**to_dict(record(1)), "pain_after": 42}
    not_a_session = "hello"
    items = [to_dict(record(0)), bad, not_a_session, {**to_dict(record(3)), "id": "x\x1b[2J"}]
    items.append(to_dict(record(4)))
    file = tmp_path / "mixed.json"
    file.write_text(json.dumps(items))

    code, out, err = _import(capsys, tmp_path, file)
    assert code == 1
    assert out.endswith("2 added, 0 already present, 0 updated, 3 refused.\n")
    assert f"{file}: record 1 refused: pain_after must be a whole number from 0 to 10" in err
    assert f"{file}: record 2 refused: expected an object" in err
    assert "record 3 refused: id contains control characters (U+001B)" in err
    assert "\x1b" not in err
    assert {s.id for s in History(tmp_path).summaries()} == {"session-0", "session-4"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[{oops", "is not valid JSON"),
        (b"{oops", "is not a list of sessions"),
        (b'{"id": "a"}', "is not a list of sessions"),
    ],
)
def test_a_file_that_is_not_an_export_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    file = tmp_path / "notes.json"
    file.write_bytes(content)
    code, out, err = _import(capsys, tmp_path / "data", file)
    assert code == 1 and out == ""
    assert str(file) in err and message in err and "nothing was imported" in err
    code, _, err = _import(capsys, tmp_path / "data", tmp_path / "missing.json")
    assert code == 1 and "could not read" in err


_ids = st.sets(st.integers(0, 40), max_size=25)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mine=_ids, theirs=_ids, shorter=st.sets(st.integers(0, 40)))
def test_merging_two_folders_gives_the_union_without_duplicates(
    tmp_path_factory: pytest.TempPathFactory, mine: set[int], theirs: set[int], shorter: set[int]
) -> None:
    def session(n: int, short: bool) -> SessionRecord:
        full = make_record(n, started_at=FIRST + timedelta(days=9 * n))
        return full.with_changes(poses=full.poses[:3]) if short else full

    folder = tmp_path_factory.mktemp("merge")
    here = History(folder)
    for n in sorted(mine):
        here.save(session(n, n in shorter))
    outcome = History(folder).merge(session(n, False) for n in sorted(theirs))

    summaries = History(folder).summaries()
    ids = [s.id for s in summaries]
    assert len(ids) == len(set(ids))
    assert set(ids) == {f"session-{n}" for n in mine | theirs}
    assert outcome.count(MergeChoice.ADD) == len(theirs - mine)
    assert outcome.count(MergeChoice.UPDATE) == len(theirs & mine & shorter)
    for n in theirs:  # every session the import brought is there in its full form
        assert History(folder).get(f"session-{n}") == session(n, False)


_KILLER = """
import sys
from tui.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "history", "import", sys.argv[2]]))
"""


def test_an_import_killed_at_any_point_leaves_valid_files_and_can_be_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "ten-months.json"
    sessions = [make_record(n, started_at=FIRST + timedelta(hours=7 * n)) for n in range(1000)]
    exported.write_bytes(orjson.dumps([to_dict(s) for s in sessions]))
    folder = tmp_path / "data"
    for attempt in range(4):
        process = subprocess.Popen(
            [sys.executable, "-c", _KILLER, str(folder), str(exported)],
            stdout=subprocess.PIPE,
        )
        # Kill it once it has written something, at a different point each time.
        history_dir = folder / "history"
        while process.poll() is None and len(list(history_dir.glob("*/*.json"))) <= 3 * attempt:
            pass
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()  # type: ignore[union-attr]
        for file in history_dir.rglob("*.json"):
            orjson.loads(file.read_bytes())  # every file whole: no half-written JSON
        assert not list(history_dir.glob("*.corrupt-*"))

    code, out, _ = _import(capsys, folder, exported)
    added, present = (int(n) for n in re.findall(r"(\d+) (?:added|already present)", out))
    assert code == 0 and added + present == 1000 and present > 0  # the killed runs' work kept
    assert out.endswith("0 updated, 0 refused.\n")
    assert (
        _export(capsys, folder)
        == json.dumps([to_dict(s) for s in reversed(sessions)], indent=2, ensure_ascii=False) + "\n"
    )


def test_same_id_twice_in_a_file_keeps_the_more_complete(
    tmp_path: Path, record: MakeRecord
) -> None:
    full = record(0)
    short = full.with_changes(poses=(PoseRecord("pose-0", None, 60.0, 10.0, Outcome.SHORTENED),))
    outcome = History(tmp_path).merge([short, full, short])
    assert outcome.count(MergeChoice.ADD) == 1
    assert History(tmp_path).get(full.id) == full


def test_a_full_disk_is_reported_and_nothing_is_counted_as_added(
    tmp_path: Path,
    record: MakeRecord,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "backup.json"
    file.write_bytes(orjson.dumps([to_dict(record(0)), to_dict(record(1))]))

    def disk_full(path: Path, content: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write", disk_full)
    code, out, err = _import(capsys, tmp_path / "data", file)
    assert code == 1
    assert out.endswith("0 added, 0 already present, 0 updated, 0 refused, 2 not written.\n")
    assert "No space left on device" in err
    monkeypatch.undo()
    code, out, _ = _import(capsys, tmp_path / "data", file)  # room again: the rerun finishes
    assert code == 0 and "2 added" in out
