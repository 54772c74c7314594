"""History: progressive saves, monthly files and their index, recovery from bad data."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.history_paths import own_folder
from tests.store.session_factory import START, MakeRecord
from tui.core.record import SCHEMA_VERSION, Outcome, PoseRecord, Status, summarize, to_dict
from tui.store import storage as storage_module
from tui.store.history import History, month_of
from tui.store.storage import open_db


def test_save_and_read_back(tmp_path: Path, record: MakeRecord) -> None:
    history = History(tmp_path)
    saved = record(0)
    history.save(saved)
    again = History(tmp_path)
    assert again.get(saved.id) == saved
    assert again.sessions() == [saved]
    assert again.summaries() == [summarize(saved)]
    assert again.get("nope") is None
    assert again.warnings == []


def test_files_are_one_per_month_and_private(tmp_path: Path, record: MakeRecord) -> None:
    history = History(tmp_path)
    history.save(record(0, started_at=datetime(2026, 10, 31, 23, 30, tzinfo=UTC)))
    history.save(record(1, started_at=datetime(2026, 11, 1, 0, 30, tzinfo=UTC)))
    root = own_folder(tmp_path)
    assert sorted(p.name for p in root.glob("*.json")) == ["2026-10.json", "2026-11.json"]
    assert sorted(p.name for p in (root / "index").glob("*.json")) == [
        "2026-10.json",
        "2026-11.json",
    ]
    for path in [*root.rglob("*.json"), tmp_path / "history" / ".lock"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (tmp_path, root, root / "index"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_month_is_the_sessions_own_local_month(record: MakeRecord) -> None:
    late = datetime(2026, 11, 30, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert month_of(late) == "2026-11"  # already December in UTC


def test_progressive_saves_keep_one_record_with_the_latest_state(
    tmp_path: Path, record: MakeRecord
) -> None:
    history = History(tmp_path)
    first = record(0, status=Status.PARTIAL, ended_at=None)
    for done in range(len(first.poses) + 1):
        history.save(first.with_changes(poses=first.poses[:done], active_seconds=60.0 * done))
    [stored] = History(tmp_path).sessions()
    assert stored.poses == first.poses
    assert stored.status is Status.PARTIAL  # never finished: partial next time


def test_sessions_newest_first_with_limit(tmp_path: Path, record: MakeRecord) -> None:
    history = History(tmp_path)
    records = [record(n) for n in (5, 40, 0, 70, 33)]  # spread over three months
    for r in records:
        history.save(r)
    newest_first = sorted(records, key=lambda r: r.started_at, reverse=True)
    assert History(tmp_path).sessions() == newest_first
    assert History(tmp_path).sessions(limit=2) == newest_first[:2]
    assert [s.id for s in History(tmp_path).summaries()] == [r.id for r in newest_first]
    since = newest_first[1].started_at.date().replace(day=1)
    assert [s.id for s in History(tmp_path).summaries(since=since)] == [
        r.id for r in newest_first if r.started_at.date() >= since
    ]


def test_delete(tmp_path: Path, record: MakeRecord) -> None:
    history = History(tmp_path)
    history.save(record(0))
    history.save(record(1))
    assert history.delete("session-0") is True
    assert history.delete("session-0") is False
    assert [s.id for s in History(tmp_path).summaries()] == ["session-1"]
    assert History(tmp_path).get("session-0") is None


def test_unfinished_today(tmp_path: Path, record: MakeRecord) -> None:
    history = History(tmp_path)
    now = START + timedelta(days=1, hours=3)
    history.save(record(0, status=Status.PARTIAL))  # yesterday
    history.save(record(1, status=Status.COMPLETED))
    assert history.unfinished_today(now) is None
    partial = record(2, started_at=START + timedelta(days=1, hours=1), status=Status.PARTIAL)
    history.save(partial)
    assert History(tmp_path).unfinished_today(now) == partial
    assert History(tmp_path).unfinished_today(now + timedelta(days=1)) is None


def test_editing_the_start_moves_the_session_to_its_month(
    tmp_path: Path, record: MakeRecord
) -> None:
    history = History(tmp_path)
    original = record(0)
    history.save(original)
    moved = original.with_changes(started_at=original.started_at - timedelta(days=40))
    history.save(moved)
    assert History(tmp_path).sessions() == [moved]


def test_two_handles_in_one_process_keep_each_others_sessions(
    tmp_path: Path, record: MakeRecord
) -> None:
    first, second = History(tmp_path), History(tmp_path)
    for n in range(6):
        (first if n % 2 else second).save(record(n))
    assert len(History(tmp_path).summaries()) == 6


def test_stale_index_after_a_crash_is_rebuilt(tmp_path: Path, record: MakeRecord) -> None:
    history = History(tmp_path)
    history.save(record(0))
    # A crash between writing the month file and its index: the month file has more.
    shard = open_db(own_folder(tmp_path) / f"{month_of(START)}.json")
    shard.table("sessions").insert(to_dict(record(1)))
    assert sorted(s.id for s in History(tmp_path).summaries()) == ["session-0", "session-1"]
    (own_folder(tmp_path) / "index" / f"{month_of(START)}.json").unlink()
    assert sorted(s.id for s in History(tmp_path).summaries()) == ["session-0", "session-1"]


def test_corrupt_month_is_moved_aside_and_other_months_load(
    tmp_path: Path, record: MakeRecord
) -> None:
    history = History(tmp_path)
    history.save(record(0))
    history.save(record(40))
    bad = own_folder(tmp_path) / f"{month_of(START)}.json"
    bad.write_text('{"sessions": {"1": {"id": "trunc')
    again = History(tmp_path)
    assert [s.id for s in again.summaries()] == ["session-40"]
    assert any(str(bad) in w and "moved aside" in w for w in again.warnings)
    [aside] = bad.parent.glob(f"{bad.name}.corrupt-*")
    assert aside.read_text().startswith('{"sessions"')
    again.save(record(1))
    assert [s.id for s in History(tmp_path).summaries()] == ["session-40", "session-1"]


def test_corrupt_index_is_moved_aside_and_rebuilt(tmp_path: Path, record: MakeRecord) -> None:
    History(tmp_path).save(record(0))
    index = own_folder(tmp_path) / "index" / f"{month_of(START)}.json"
    index.write_text("not json")
    again = History(tmp_path)
    assert [s.id for s in again.summaries()] == ["session-0"]
    assert any(str(index) in w for w in again.warnings)


def test_a_bad_record_is_left_alone_and_the_rest_loads(tmp_path: Path, record: MakeRecord) -> None:
    History(tmp_path).save(record(0))
    path = own_folder(tmp_path) / f"{month_of(START)}.json"
    data = json.loads(path.read_text())
    data["sessions"]["99"] = {"id": "odd", "status": "from the future"}
    path.write_text(json.dumps(data))
    again = History(tmp_path)
    assert [s.id for s in again.sessions()] == ["session-0"]
    assert any("odd" in w and "untouched" in w for w in again.warnings)
    again.save(record(1))
    assert "odd" in path.read_text()  # still there, for a person to look at


def test_future_schema_is_reported_not_destroyed(tmp_path: Path, record: MakeRecord) -> None:
    History(tmp_path).save(record(0))
    path = own_folder(tmp_path) / f"{month_of(START)}.json"
    path.write_text(path.read_text().replace(f'"schema":{SCHEMA_VERSION}', '"schema":99'))
    again = History(tmp_path)
    assert again.sessions() == []
    assert any("newer" in w for w in again.warnings)
    assert '"schema":99' in path.read_text()


def _raise_enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_keeps_sessions_in_memory_until_it_can_write(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = History(tmp_path)
    history.save(record(0))
    monkeypatch.setattr(os, "replace", _raise_enospc)
    history.save(record(1))
    assert history.in_memory
    assert any("No space left on device" in w for w in history.warnings)
    assert [s.id for s in history.summaries()] == ["session-1", "session-0"]
    assert history.get("session-1") == record(1)
    assert [s.id for s in History(tmp_path).summaries()] == ["session-0"]
    monkeypatch.undo()
    history.save(record(2))
    assert not history.in_memory
    assert len(History(tmp_path).summaries()) == 3


def test_read_only_folder_keeps_working_in_memory(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    History(tmp_path).save(record(0))

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    monkeypatch.setattr(storage_module, "_make_lock", read_only)
    history = History(tmp_path)
    history.save(record(1))
    assert history.in_memory
    assert any("Read-only file system" in w for w in history.warnings)
    assert [s.id for s in history.summaries()] == ["session-1", "session-0"]


def test_unwritable_data_folder_is_reported(tmp_path: Path, record: MakeRecord) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    history = History(blocker / "data")
    assert any(str(blocker / "data" / "history") in w for w in history.warnings)
    history.save(record(0))
    assert history.in_memory and history.sessions() == [record(0)]


def test_pose_details_round_trip(tmp_path: Path, record: MakeRecord) -> None:
    poses = (
        PoseRecord("cat-cow", None, 60, 45, Outcome.SHORTENED, cycles_planned=8, cycles_done=6),
        PoseRecord("pigeon", "left", 60, 75, Outcome.EXTENDED, alternative_used=True),
        PoseRecord("pigeon", "right", 60, 0, Outcome.SKIPPED, alternative_used=True),
    )
    saved = record(0, poses=poses, note="tight hips ✓", pain_before=None)
    History(tmp_path).save(saved)
    assert History(tmp_path).get(saved.id) == saved


def test_an_index_from_before_hurts_were_summarised_is_rebuilt(
    tmp_path: Path, record: MakeRecord
) -> None:
    # The History list marks a session in which a hold hurt; an index written by an older
    # Supple does not say, so it is read again from the month file rather than trusted.
    hurt = PoseRecord("pigeon", "left", 60.0, 20.0, Outcome.HURT, note="hurt after 20 s")
    History(tmp_path).save(record(0, poses=(hurt,)))
    index = own_folder(tmp_path) / "index" / f"{month_of(START)}.json"
    data = json.loads(index.read_text())
    data["meta"]["shard"]["version"] = 2
    for summary in data["summaries"].values():
        del summary["hurt"]
    index.write_text(json.dumps(data))
    [summary] = History(tmp_path).summaries()
    assert summary.hurt
