"""SafeJSONStorage and SafeTinyDB: the same cases over memory and JSON, then the JSON specifics."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from tui.store import storage as storage_module
from tui.store.storage import (
    SafeJSONStorage,
    SafeTinyDB,
    StorageWarnings,
    hold_lock,
    open_db,
    storage_of,
)

Q = Query()


@pytest.fixture(params=["memory", "json"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TinyDB]:
    """A SafeTinyDB over each storage, as TinyDB's own suite does."""
    if request.param == "memory":
        database: TinyDB = SafeTinyDB(storage=MemoryStorage)
    else:
        database = open_db(tmp_path / "data" / "db.json")
    yield database
    database.close()


# The same behaviour whatever the storage.


def test_insert_and_search(db: TinyDB) -> None:
    db.insert({"name": "cat-cow", "seconds": 60})
    db.insert({"name": "pigeon", "seconds": 90})
    assert [d["name"] for d in db.search(Q.seconds > 70)] == ["pigeon"]
    assert len(db) == 2


def test_upsert_replaces_by_key(db: TinyDB) -> None:
    db.upsert({"id": "a", "n": 1}, Q.id == "a")
    db.upsert({"id": "a", "n": 2}, Q.id == "a")
    db.upsert({"id": "b", "n": 3}, Q.id == "b")
    assert sorted((d["id"], d["n"]) for d in db.all()) == [("a", 2), ("b", 3)]


def test_remove_update_and_tables(db: TinyDB) -> None:
    db.insert_multiple([{"k": i} for i in range(5)])
    db.table("other").insert({"x": 1})
    db.remove(Q.k < 2)
    db.update({"seen": True}, Q.k == 4)
    assert sorted(d["k"] for d in db.all()) == [2, 3, 4]
    assert db.get(Q.k == 4)["seen"] is True
    assert db.tables() == {"_default", "other"}
    db.drop_table("other")
    assert db.tables() == {"_default"}
    db.drop_tables()
    assert len(db) == 0


def test_query_results_are_never_stale(db: TinyDB) -> None:
    db.insert({"k": 1})
    assert db.count(Q.k == 1) == 1
    # A write the table itself did not make (another process, in the JSON case).
    data = db.storage.read()
    assert data is not None
    data["_default"]["2"] = {"k": 1}
    db.storage.write(data)
    assert db.count(Q.k == 1) == 2


# The JSON storage on disk.


def test_survives_reopening_and_writes_private_files(tmp_path: Path) -> None:
    path = tmp_path / "new" / "db.json"
    db = open_db(path)
    db.insert({"a": 1})
    assert [d["a"] for d in open_db(path).all()] == [1]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert json.loads(path.read_text()) == {"_default": {"1": {"a": 1}}}
    assert sorted(p.name for p in path.parent.iterdir()) == ["db.json", "db.json.lock"]


def test_two_handles_on_one_file_see_each_others_inserts(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    first, second = open_db(path), open_db(path)
    first.insert({"by": "first"})
    second.insert({"by": "second"})  # must not reuse the first one's document id
    first.insert({"by": "first again"})
    assert sorted(d["by"] for d in open_db(path).all()) == ["first", "first again", "second"]


def test_lock_is_reentrant(tmp_path: Path) -> None:
    db = open_db(tmp_path / "db.json")
    with storage_of(db).locked(), hold_lock(tmp_path / "db.json.lock"):
        db.insert({"a": 1})
    assert len(db) == 1


BAD_CONTENTS = {
    "truncated": b'{"_default": {"1": {"a": 1}',
    "not json": b"hello, I am not JSON",
    "not utf-8": b'{"_default": {"1": {"a": "\xff\xfe"}}}',
    "wrong shape: a list": b"[1, 2, 3]",
    "wrong shape: table is a list": b'{"_default": [1, 2]}',
    "wrong shape: document is a number": b'{"_default": {"1": 5}}',
}


@pytest.mark.parametrize("content", BAD_CONTENTS.values(), ids=BAD_CONTENTS.keys())
def test_bad_file_is_moved_aside_and_kept(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    warnings = StorageWarnings()
    db = open_db(path, warnings)
    assert db.all() == []
    [aside] = tmp_path.glob("db.json.corrupt-*")
    assert aside.read_bytes() == content
    assert len(warnings) == 1
    assert str(path) in warnings[0] and aside.name in warnings[0]
    db.insert({"fresh": True})
    assert aside.read_bytes() == content
    assert [d["fresh"] for d in open_db(path).all()] == [True]


def test_moving_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    for attempt in range(3):
        path.write_bytes(f"broken {attempt}".encode())
        open_db(path).all()
    kept = sorted(p.read_text() for p in tmp_path.glob("db.json.corrupt-*"))
    assert kept == ["broken 0", "broken 1", "broken 2"]


def test_a_file_that_cannot_be_opened_is_named_and_left_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A permission error fakes what chmod 000 does to anyone but root (tests run as root).
    path = tmp_path / "db.json"
    path.write_text('{"_default": {}}')
    real_read_bytes = Path.read_bytes

    def no_permission(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", no_permission)
    warnings = StorageWarnings()
    assert open_db(path, warnings).all() == []
    assert "Permission denied" in warnings[0] and str(path) in warnings[0]
    assert "left where it is" in warnings[0]
    assert list(tmp_path.glob("db.json.corrupt-*")) == []  # a sync tool would spread a rename
    assert path.read_text() == '{"_default": {}}'


def test_bad_file_that_cannot_be_moved_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"garbage")

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "rename", refuse)
    warnings = StorageWarnings()
    db = open_db(path, warnings)
    db.insert({"kept": "in memory"})
    assert path.read_bytes() == b"garbage"
    assert [d["kept"] for d in db.all()] == ["in memory"]
    assert storage_of(db).in_memory
    assert "left untouched" in warnings[0] and str(path) in warnings[0]


def _raise_enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_keeps_working_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    db = open_db(path)
    db.insert({"n": 1})
    monkeypatch.setattr(os, "replace", _raise_enospc)
    db.insert({"n": 2})
    storage = storage_of(db)
    assert storage.in_memory
    assert "No space left on device" in storage.warnings[0] and str(path) in storage.warnings[0]
    assert sorted(d["n"] for d in db.all()) == [1, 2]
    assert json.loads(path.read_text()) == {"_default": {"1": {"n": 1}}}  # old file intact
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    monkeypatch.undo()
    db.insert({"n": 3})  # space again: everything held in memory reaches the disk
    assert not storage.in_memory
    assert sorted(d["n"] for d in open_db(path).all()) == [1, 2, 3]


def test_read_only_folder_keeps_working_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, for whom chmod does not bite: refuse the way a read-only mount does.
    path = tmp_path / "db.json"
    path.write_text('{"_default": {"1": {"n": 1}}}')

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    monkeypatch.setattr(storage_module, "_make_lock", read_only)
    db = open_db(path)
    db.insert({"n": 2})
    assert sorted(d["n"] for d in db.all()) == [1, 2]
    assert "Read-only file system" in storage_of(db).warnings[0]
    assert json.loads(path.read_text()) == {"_default": {"1": {"n": 1}}}


def test_warnings_are_said_once() -> None:
    warnings = StorageWarnings()
    warnings.add("a")
    warnings.add("a")
    assert warnings == ["a"]


def test_an_empty_file_is_damaged_not_an_empty_database(tmp_path: Path) -> None:
    # Supple never writes 0 bytes: such a file was cut short, and may have held sessions.
    path = tmp_path / "db.json"
    path.touch()
    storage = SafeJSONStorage(path)
    assert storage.read() is None
    assert storage.damaged == "it is empty, 0 bytes"
    assert "moved aside" in storage.warnings[0]
    assert len(list(tmp_path.glob("db.json.corrupt-*"))) == 1


def test_read_only_storage_reports_a_bad_file_and_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text("{half a file")
    storage = SafeJSONStorage(path, read_only=True)
    assert storage.read() is None
    assert "left as it is" in storage.warnings[0]
    storage.write({"_default": {}})
    assert path.read_text() == "{half a file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]
