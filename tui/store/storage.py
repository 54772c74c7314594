"""A TinyDB storage that survives crashes, full disks, bad files and two Supples at once."""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from tui.paths import ensure_private_dir
from tui.store.atomic import atomic_write, fsync_dir

if TYPE_CHECKING:
    from filelock import BaseFileLock

Data = dict[str, dict[str, Any]]
# What identifies one version of a file on disk: every write is a new inode (os.replace).
Signature = tuple[int, int, int, int]

LOCK_TIMEOUT_SECONDS = 10.0


class StorageWarnings(list[str]):
    """User-facing messages about files moved aside or not written, each said once."""

    def add(self, message: str) -> None:
        """Record `message` unless it was already said."""
        if message not in self:
            self.append(message)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON at line {exc.lineno}, column {exc.colno}"
    return str(exc)


def _is_tinydb_shaped(data: object) -> bool:
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


_LOCKS: dict[Path, BaseFileLock] = {}


def _make_lock(lock_path: Path) -> BaseFileLock:
    # One object per path: two flock()s on one file in one process would deadlock.
    # Imported here: filelock costs ~30 ms to import and `supple status` only reads.
    from filelock import FileLock

    lock_path = lock_path.absolute()
    if lock_path not in _LOCKS:
        _LOCKS[lock_path] = FileLock(lock_path, timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
    return _LOCKS[lock_path]


class LockError(OSError):
    """The cross-process lock could not be taken (unwritable folder, or a stuck process)."""

    @property
    def busy(self) -> bool:
        """Whether another process holds the lock (rather than the folder refusing it)."""
        from filelock import Timeout

        return isinstance(self.__cause__, Timeout)


@contextlib.contextmanager
def hold_lock(lock_path: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold the cross-process lock at `lock_path` (re-entrant); raises LockError if impossible.

    With `wait=False` a lock held by another process is tried once, not waited for, so
    the app's countdown never stops while `flock` or another Supple holds it.
    """
    from filelock import Timeout

    try:
        lock = _make_lock(lock_path)
        if not lock_path.parent.is_dir():
            ensure_private_dir(lock_path.parent)
        lock.acquire(blocking=wait)
    except (OSError, Timeout) as exc:
        raise LockError(errno.EAGAIN, f"could not lock {lock_path}: {_reason(exc)}") from exc
    try:
        yield
    finally:
        lock.release()


class SafeJSONStorage(Storage):
    """JSON storage with atomic replace, a cross-process lock, and bad files moved aside.

    Reads need no lock (a file is only ever replaced whole). A read-modify-write
    must hold `lock` from the read to the write; `SafeTinyDB` does that for every
    TinyDB write, so two processes never lose each other's documents.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock_path: Path | None = None,
        warnings: StorageWarnings | None = None,
        read_only: bool = False,
        temp_glob: str | None = None,
        foreign: bool = False,
    ) -> None:
        self.path = Path(path)
        # Another machine's file (or a sync tool's copy) in a synced folder: read, never
        # written or moved, since a rename would travel to every machine.
        self.foreign = foreign
        self.warnings = warnings if warnings is not None else StorageWarnings()
        # Read-only (`supple status`, `supple history`): a bad file is reported, never moved,
        # and nothing is ever written; the app, which writes, sets bad files aside.
        self.read_only = read_only
        # Which leftover temp files in the folder are this storage's to sweep: by default
        # only its own; a store whose files all share one lock may sweep all of theirs.
        self._temp_glob = temp_glob or f".{self.path.name}.*.tmp"
        self._lock_path = lock_path or self.path.with_name(self.path.name + ".lock")
        self._cache: Data | None = None
        self._signature: Signature | None = None
        self._blocked = False  # a bad file we could not move aside: never write over it
        self._swept = False  # temp files of writers killed mid-write were removed
        self.in_memory = False  # the last write failed: the newest data lives only here
        self.last_error: OSError | None = None  # why the last write failed, for plain words
        self.damaged: str | None = None  # why the file on disk could not be read, if it could not
        self.moved_to: Path | None = None  # where the bad file was set aside, until a caller looks

    @property
    def file_signature(self) -> tuple[int, int] | None:
        """Size and mtime of the file version last read or written (stable across copies)."""
        return None if self._signature is None else (self._signature[1], self._signature[2])

    def locked(self, *, wait: bool = True) -> contextlib.AbstractContextManager[None]:
        """Hold the cross-process lock (re-entrant); raises LockError if it cannot be had.

        With `wait=False` a lock held by another process is tried once, not waited for.
        """
        return hold_lock(self._lock_path, wait=wait)

    def current_file_signature(self) -> tuple[int, int] | None:
        """Size and mtime of the file as it is now on disk, without reading it."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns)

    def read(self) -> Data | None:
        """The file's content, re-read only when the file changed since last time."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if not (self.in_memory or self._blocked):
                self._cache, self._signature, self.damaged = None, None, None
            return self._cache
        except OSError as exc:
            self.warnings.add(f"Could not look at {self.path}: {_reason(exc)}.")
            return self._cache
        signature = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if signature == self._signature or (self._blocked and not self.foreign):
            return self._cache
        if st.st_size == 0:  # Supple never writes an empty file: something cut this one short
            return self._damaged(signature, "it is empty, 0 bytes")
        try:
            content = self.path.read_bytes()
        except OSError as exc:  # there, but not ours to open: named, and left where it is
            return self._unopened(signature, exc)
        try:
            data: object = orjson.loads(content)
        except (ValueError, RecursionError) as exc:
            return self._damaged(signature, _reason(exc))
        if not _is_tinydb_shaped(data):
            return self._damaged(signature, "not the expected shape of tables and records")
        assert isinstance(data, dict)
        self._cache, self._signature, self.in_memory, self.damaged = data, signature, False, None
        return data

    def _unopened(self, signature: Signature, exc: OSError) -> Data | None:
        self.damaged = _reason(exc)
        self._blocked = True  # never write over what could not be read
        self._signature = signature  # said once; a changed file (mode fixed) is read again
        self.warnings.add(
            f"{self.path} could not be opened ({_reason(exc)}), so what it holds is not shown. "
            "It was left where it is; check that the file belongs to you and that you may "
            "read it."
        )
        return self._cache

    def _damaged(self, signature: Signature, reason: str) -> Data | None:
        self.damaged = reason
        if not (self.read_only or self.foreign):
            return self._move_aside(signature, reason)
        self._blocked = True  # never write over what could not be read
        if self.foreign:
            self._signature = signature  # read again once the sync tool replaces it
            self.warnings.add(
                f"{self.path} could not be read ({reason}), so what it holds is not shown. "
                "It was left as it is: it is another machine's file or a sync tool's copy, "
                "which Supple never moves or rewrites. Repair or delete it by hand."
            )
            return self._cache
        self.warnings.add(
            f"{self.path} could not be read ({reason}), so what it holds is not shown. "
            "It was left as it is; starting Supple sets a damaged file aside (nothing in "
            "it is deleted) so the rest of your history keeps working."
        )
        return self._cache

    def write(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace the file atomically; on failure keep `data` in memory and warn."""
        self._cache = dict(data)  # type: ignore[arg-type]
        if self.read_only or self._blocked:
            self.in_memory = True
            return
        try:
            with self.locked():
                # orjson: a month of a heavy user's sessions is ~1 MB, and the standard
                # json module's encoding of it alone was ~11 ms of a 15 ms save budget.
                self._replace_file(orjson.dumps(data))
        except OSError as exc:
            self.in_memory, self.last_error = True, exc
            self.warnings.add(
                f"Could not save {self.path}: {_reason(exc)}. Supple keeps working and holds "
                "your changes in memory; free some space or make the folder writable "
                "(or start with --data-dir) so they are not lost when you quit."
            )
            return
        self.in_memory, self.last_error = False, None

    def _replace_file(self, content: bytes) -> None:
        directory = self.path.parent
        if not directory.is_dir():
            ensure_private_dir(directory)
        if not self._swept:
            self._sweep_temp_files()
        atomic_write(self.path, content)
        st = os.stat(self.path)
        self._signature = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        self.damaged = None

    def _sweep_temp_files(self) -> None:
        # Called under the lock, so any temp file of ours left here belongs to a dead writer.
        for leftover in self.path.parent.glob(self._temp_glob):
            with contextlib.suppress(OSError):
                leftover.unlink()
        self._swept = True

    def _move_aside(self, signature: Signature, reason: str) -> Data | None:
        try:
            with self.locked():
                # Another process may have moved it and written a good file meanwhile.
                st = os.stat(self.path)
                if (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns) != signature:
                    return self.read()
                target = move_aside(self.path)
        except FileNotFoundError:
            return self.read()
        except OSError as exc:
            self._blocked = True
            self.warnings.add(
                f"{self.path} could not be read ({reason}) and could not be moved aside "
                f"({_reason(exc)}). It was left untouched; changes are kept in memory for "
                "this run. Move or repair the file, then restart Supple."
            )
            return self._cache
        self._cache, self._signature, self.moved_to = None, None, target
        self.warnings.add(
            f"{self.path} could not be read ({reason}). It was moved aside to {target.name} "
            "and nothing in it was deleted; Supple starts that file afresh."
        )
        return None

    def close(self) -> None:
        """Nothing stays open between calls."""


def move_aside(path: Path) -> Path:
    """Rename `path` to `NAME.corrupt-<time>` without replacing any file; the new path."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for attempt in range(1000):
        suffix = "" if attempt == 0 else f"-{attempt}"
        target = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        try:
            # link() refuses to replace an existing file, unlike rename().
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                raise
            if target.exists():  # a filesystem without hard links: check, then rename
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        fsync_dir(path.parent)
        return target
    raise FileExistsError(errno.EEXIST, f"too many corrupt copies of {path}")


@contextlib.contextmanager
def _locked(storage: Storage) -> Iterator[None]:
    locked: Callable[[], contextlib.AbstractContextManager[None]] | None = getattr(
        storage, "locked", None
    )
    with contextlib.ExitStack() as stack:
        # MemoryStorage and friends serve one process only. When locking fails, the
        # write cannot lock either: it keeps the data in memory and says so.
        if locked is not None:
            with contextlib.suppress(LockError):
                stack.enter_context(locked())
        yield


class LockedTable(Table):
    """A TinyDB table whose every read-modify-write holds the storage's cross-process lock."""

    def __init__(self, storage: Storage, name: str, **kwargs: Any) -> None:
        # Another process may change the file at any time, so cached query results go stale.
        kwargs["cache_size"] = 0
        super().__init__(storage, name, **kwargs)

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        with _locked(self._storage):
            super()._update_table(updater)

    def insert(self, document: Mapping[str, Any]) -> int:
        """Insert under the lock, numbering after documents other processes added."""
        with _locked(self._storage):
            self._next_id = None
            doc_id: int = super().insert(document)
            return doc_id

    def insert_multiple(self, documents: Any) -> list[int]:
        """Insert several under the lock."""
        with _locked(self._storage):
            self._next_id = None
            doc_ids: list[int] = super().insert_multiple(documents)
            return doc_ids

    def upsert(self, document: Mapping[str, Any], cond: Any = None) -> list[int]:
        """Update-or-insert as one step, so two processes cannot both insert."""
        with _locked(self._storage):
            if cond is not None and not isinstance(document, Document) and not self.contains(cond):
                return [self.insert(document)]  # TinyDB would first rewrite the file unchanged
            doc_ids: list[int] = super().upsert(document, cond)
            return doc_ids


class SafeTinyDB(TinyDB):
    """TinyDB whose tables lock across processes."""

    table_class: type[Table] = LockedTable

    def drop_tables(self) -> None:
        """Drop every table, under the lock."""
        with _locked(self.storage):
            super().drop_tables()

    def drop_table(self, name: str) -> None:
        """Drop one table, under the lock."""
        with _locked(self.storage):
            super().drop_table(name)


def open_db(
    path: Path,
    warnings: StorageWarnings | None = None,
    *,
    lock_path: Path | None = None,
    read_only: bool = False,
    temp_glob: str | None = None,
) -> SafeTinyDB:
    """A TinyDB on `path` with safe storage; problems are added to `warnings`, never raised."""
    warnings = warnings if warnings is not None else StorageWarnings()
    try:
        if not read_only:
            ensure_private_dir(path.parent)
    except OSError as exc:
        warnings.add(
            f"Could not create {path.parent}: {_reason(exc)}. Changes are kept in memory "
            "for this run; make the folder writable or start with --data-dir."
        )
    return SafeTinyDB(
        path,
        storage=SafeJSONStorage,
        warnings=warnings,
        lock_path=lock_path,
        read_only=read_only,
        temp_glob=temp_glob,
    )


def storage_of(db: TinyDB) -> SafeJSONStorage:
    """The safe storage behind a database opened with `open_db`."""
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    return storage
