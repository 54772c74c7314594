"""Session history: small TinyDB files per month and device, plus a summary index per month.

Layout under the data folder (files 0600, folders 0700):

    history/<device>/2026-11.json        TinyDB: this machine's sessions started that month
                                         (table "sessions"; "deleted": ids deleted here)
    history/<device>/index/2026-11.json  {"summaries": {id: summary}, "meta": {"shard": signature}}
    history/2026-11.json                 written before device folders: read, never written
    history/.lock                        the cross-process lock held for every write

Each machine writes only its own device folder (the id is kept in the config folder, see
`device.py`), so a data folder synced by Syncthing, Nextcloud or Dropbox never has two
versions of one file to choose between. Every reader merges every device's files of a
month, older files and sync conflict copies included (`month_files.py`), by session id,
keeping the more complete copy (`core.merge`). A save rewrites only its month and that
month's index, so its cost does not grow with years of history. The index remembers
which versions of the month's files it describes; when any changes (a save, a session
synced in) only that month is read again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query

from tui.core.merge import MergeChoice, choose, completeness
from tui.core.record import (
    RecordError,
    SessionRecord,
    SessionSummary,
    Status,
    from_dict,
    summarize,
    summary_from_dict,
    summary_to_dict,
    to_dict,
)
from tui.core.record_check import check_summary, validate_record
from tui.core.safe_text import terminal_safe
from tui.core.stats import local_day
from tui.paths import ensure_private_dir
from tui.store.day_index import DayIndex
from tui.store.device import device_id, read_device_id
from tui.store.month_files import INDEX_FOLDER, MonthFile, Stat, combined, scan, stat_all
from tui.store.privacy import exposure_warning
from tui.store.problems import SaveProblem, lock_busy, plain_problem
from tui.store.storage import (
    Data,
    LockError,
    SafeJSONStorage,
    SafeTinyDB,
    StorageWarnings,
    hold_lock,
    move_aside,
    open_db,
    storage_of,
)

TABLE = "sessions"
DELETED = "deleted"  # ids deleted on this machine that another file of the month still holds
# Temp files of month files and indexes: all written under the history lock, so a writer
# holding it may sweep any month's leftovers, not only those of the month it writes.
_MONTH_TEMP = ".[0-9][0-9][0-9][0-9]-[0-9][0-9].json.*.tmp"
_Q = Query()


# A local time is at most 14 hours ahead of and 12 behind UTC; a day is a safe margin.
_ZONE_OVERLAP = timedelta(days=1)


def _started(record: SessionRecord) -> datetime:
    return record.started_at


def month_of(started_at: datetime) -> str:
    """The month file a session belongs to, by its own local start date."""
    return started_at.strftime("%Y-%m")


@dataclass
class MergeOutcome:
    """What merging a batch of sessions did, session by session."""

    choices: dict[MergeChoice, list[str]] = field(
        default_factory=lambda: {choice: [] for choice in MergeChoice}
    )
    unwritten: list[str] = field(default_factory=list)  # its month file could not be written
    # Later copies of a session already in the batch: each counted here, once.
    repeated: list[str] = field(default_factory=list)

    def count(self, choice: MergeChoice) -> int:
        """How many sessions were handled this way."""
        return len(self.choices[choice])


class History:
    """Every session ever done, saved progressively and safely shared between processes."""

    def __init__(
        self, data_dir: Path, *, read_only: bool = False, device: str | None = None
    ) -> None:
        self.root = Path(data_dir) / "history"
        self.warnings = StorageWarnings()
        # What a person should hear that is not a failure (sessions found in a conflict copy).
        self.notices = StorageWarnings()
        # `supple status` and `supple history` only read: no folder made, no file moved aside,
        # no index rewritten; a stale index is rebuilt in memory, a damaged file reported.
        self.read_only = read_only
        # Which device folder is this machine's: a reader on a machine that never saved has
        # none, and reads the indexes of a folder written before device folders.
        self.device = device or (read_device_id() if read_only else device_id())
        self.own = self.root / self.device if self.device else None
        self.index_folder = (self.own or self.root) / INDEX_FOLDER
        self.folder_problem: str | None = None  # the history folder itself could not be read
        self._lock_path = self.root / ".lock"
        self._files: dict[str, list[MonthFile]] = {}  # every month's files, as last listed
        self._others: dict[str, SafeJSONStorage] = {}  # files of other devices, by path
        self._told_conflicts: set[str] = set()
        self._shards: dict[str, SafeTinyDB] = {}
        self._indexes: dict[str, SafeJSONStorage] = {}
        self._parsed: dict[str, tuple[tuple[int, int] | None, list[SessionSummary]]] = {}
        self._month_by_id: dict[str, str] = {}
        # Saved by the app but not yet on disk (full disk, read-only folder): retried each save.
        self._pending: dict[str, SessionRecord] = {}
        # Why they are held, in plain words ("the disk is full"); None once written.
        self.save_problem: SaveProblem | None = None
        self._unsaved_warnings: list[str] = []  # withdrawn once everything is written
        if read_only:
            return
        try:
            ensure_private_dir(self.root)
        except OSError as exc:
            self.warnings.add(
                f"Could not create {self.root}: {exc.strerror or exc}. Sessions are kept in "
                "memory for this run; make the folder writable or start with --data-dir."
            )
        exposed = exposure_warning(Path(data_dir))
        if exposed:
            self.warnings.add(exposed)

    @property
    def in_memory(self) -> bool:
        """Whether some sessions are held only in memory because they could not be written."""
        return bool(self._pending)

    # Writing

    def save(self, record: SessionRecord, *, wait: bool = True) -> bool:
        """Insert or replace `record` (by id); True once it and every held session are on disk.

        Cheap enough to call at every pose boundary. With `wait=False` a lock held
        elsewhere is not waited for: the sessions stay held in memory for `retry`.
        """
        self._pending[record.id] = record
        return self.retry(wait=wait)

    def retry(self, *, wait: bool = True) -> bool:
        """Write the sessions held in memory; True when none is left waiting."""
        if not self._pending:
            return True
        said_before = len(self.warnings)
        try:
            with hold_lock(self._lock_path, wait=wait):
                self._months()  # which files each month has now: a sync may have brought one
                for pending in list(self._pending.values()):
                    if self._write(pending):
                        del self._pending[pending.id]
        except LockError as exc:
            if lock_busy(exc):  # busy for a moment: no fault of the folder, name the lock
                self.save_problem = plain_problem(exc, self._lock_path)
            else:
                self.save_problem = plain_problem(exc, self.root)
                self._warn_unsaved(exc.strerror or str(exc))
        if self._pending:
            self._unsaved_warnings += [
                w for w in self.warnings[said_before:] if w.startswith("Could not save")
            ]
        else:
            self.save_problem = None
            # "…held in memory" is no longer true: the History screen stops saying it.
            for warning in self._unsaved_warnings:
                if warning in self.warnings:
                    self.warnings.remove(warning)
            self._unsaved_warnings = []
        return not self._pending

    def unsaved(self) -> list[SessionRecord]:
        """The sessions held only in memory, oldest first."""
        return sorted(self._pending.values(), key=_started)

    def delete(self, session_id: str) -> bool:
        """Remove a session; False if there was none with that id."""
        removed = self._pending.pop(session_id, None) is not None
        month = self._find_month(session_id)
        if month is None:
            return removed
        try:
            with hold_lock(self._lock_path):
                removed = self._remove_from(month, session_id) or removed
        except LockError as exc:
            self._warn_unsaved(exc.strerror or str(exc))
        self._month_by_id.pop(session_id, None)
        return removed

    def merge(self, records: Iterable[SessionRecord]) -> MergeOutcome:
        """Add sessions by id, keeping the more complete copy; one atomic write per month.

        Killed at any point, every file on disk is whole (each is replaced atomically and
        a month's index is rebuilt when it no longer matches its month), and merging the
        same sessions again finishes the work.
        """
        outcome = MergeOutcome()
        incoming: dict[str, SessionRecord] = {}
        for record in records:  # the same id twice in one batch: the more complete one
            earlier = incoming.get(record.id)
            if earlier is not None:
                outcome.repeated.append(record.id)
            if choose(earlier, record) in (MergeChoice.ADD, MergeChoice.UPDATE):
                incoming[record.id] = record
        by_month: dict[str, list[SessionRecord]] = {}
        for record in incoming.values():
            by_month.setdefault(month_of(record.started_at), []).append(record)
        self.summaries()  # learn which month holds each id we already have
        try:
            with hold_lock(self._lock_path):
                for month in sorted(by_month, reverse=True):
                    self._merge_month(month, by_month[month], outcome)
        except LockError as exc:
            self._warn_unsaved(exc.strerror or str(exc))
            counted = set(outcome.unwritten).union(*outcome.choices.values())
            outcome.unwritten += [r.id for r in incoming.values() if r.id not in counted]
        # Years may arrive at once: `supple status` should not have to read them all.
        DayIndex(self).refresh()
        return outcome

    def forget_month_files(self) -> None:
        """Let go of the month files read so far: an import of years must not hold them all."""
        self._shards.clear()
        self._indexes.clear()
        self._others.clear()

    def _merge_month(self, month: str, batch: list[SessionRecord], outcome: MergeOutcome) -> None:
        moved_from: list[tuple[str, str]] = []
        written: list[str] = []
        shard = self._shard(month)
        storage = storage_of(shard)
        data = storage.read() or {}
        self._keep_index_of_damaged(month)
        table = dict(_table(data, TABLE))
        deleted = dict(_table(data, DELETED))
        key_by_id = {doc.get("id"): key for key, doc in table.items()}
        next_key = max((int(k) for k in table if k.isdigit()), default=0) + 1
        # Other devices' files of this month: the copy to compare with is the merged one.
        merged = {r.id: r for r in self._month_records(month)} if self._other_stats(month) else {}
        for record in batch:
            here = self._month_by_id.get(record.id)
            key = key_by_id.get(record.id)
            try:
                ours = from_dict(table[key]) if key is not None else None
            except RecordError as exc:  # never write over a copy we could not read
                self.warnings.add(
                    f"{storage.path}: session {record.id} was not merged: the copy here "
                    f"could not be read ({exc}) and was left untouched."
                )
                outcome.unwritten.append(record.id)
                continue
            if record.id in merged:
                ours = merged[record.id]
            if ours is None and here is not None and here != month:
                ours = self.get(record.id)
            choice = choose(ours, record)
            outcome.choices[choice].append(record.id)
            if choice in (MergeChoice.SAME, MergeChoice.KEEP):
                continue
            if key is None:
                key, next_key = str(next_key), next_key + 1
            table[key] = to_dict(record)
            deleted = {k: doc for k, doc in deleted.items() if doc.get("id") != record.id}
            written.append(record.id)
            if here is not None and here != month:  # its start time differs: move it
                moved_from.append((here, record.id))
        if not written:
            return
        storage.write({**data, TABLE: table, DELETED: deleted})
        if storage.in_memory:  # the storage has said why; these sessions are not on disk
            for choice in (MergeChoice.ADD, MergeChoice.UPDATE):
                outcome.choices[choice] = [i for i in outcome.choices[choice] if i not in written]
            outcome.unwritten += written
            return
        self._note_own(month)
        signature = self._signature_with_own(month, storage.file_signature)
        if self._unread_others(month):
            signature = None  # left stale: read again until every file of the month can be
        self._index(month).write(
            {"summaries": self._summaries_from_shard(month), "meta": _signature_meta(signature)}
        )
        for session_id in written:
            self._month_by_id[session_id] = month
        for old_month, session_id in moved_from:
            self._remove_from(old_month, session_id)

    def _write(self, record: SessionRecord) -> bool:
        month = month_of(record.started_at)
        shard = self._shard(month)
        storage = storage_of(shard)
        storage.read()  # under the lock: whatever another process wrote is now seen
        self._keep_index_of_damaged(month)
        others = self._other_stats(month)
        before = combined([*others, *self._own_stat(month, storage.file_signature)])
        shard.table(TABLE).upsert(to_dict(record), _Q.id == record.id)
        if storage.in_memory:
            self.save_problem = plain_problem(storage.last_error, storage.path)
            return False
        self._note_own(month)
        after = combined([*others, *self._own_stat(month, storage.file_signature)])
        # Another device's copy of this session may be the more complete one: merge again.
        put = None if self._held_elsewhere(month, record.id) else summarize(record)
        self._update_index(month, before, after, put=put)
        previous = self._month_by_id.get(record.id)
        self._month_by_id[record.id] = month
        if previous is not None and previous != month:  # its start time was edited
            self._remove_from(previous, record.id)
        return True

    def _remove_from(self, month: str, session_id: str) -> bool:
        shard = self._shard(month)
        storage = storage_of(shard)
        data = storage.read() or {}
        self._keep_index_of_damaged(month)
        others = self._other_stats(month)
        before = combined([*others, *self._own_stat(month, storage.file_signature)])
        table = {k: d for k, d in _table(data, TABLE).items() if d.get("id") != session_id}
        removed = len(table) < len(_table(data, TABLE))
        deleted = dict(_table(data, DELETED))
        if self._held_elsewhere(month, session_id):
            # Another device's file holds it: only a note in our own file can hide it.
            if all(doc.get("id") != session_id for doc in deleted.values()):
                key = max((int(k) for k in deleted if k.isdigit()), default=0) + 1
                deleted[str(key)] = {"id": session_id}
            removed = True
        elif not removed:
            return False
        storage.write({**data, TABLE: table, DELETED: deleted})
        if storage.in_memory:
            return False
        self._note_own(month)
        after = combined([*others, *self._own_stat(month, storage.file_signature)])
        self._update_index(month, before, after, drop=session_id)
        return True

    def _unread_others(self, month: str) -> bool:
        """Whether another file of the month could not be read (its sessions are missing)."""
        return any(
            self._others[f.path].damaged is not None
            for f in self._files_of(month)
            if f.path in self._others
        )

    def _other_stats(self, month: str) -> list[Stat]:
        """Size and mtime of the month's files that are not this machine's own."""
        own = self._own_file(month)
        files = [f for f in self._files_of(month) if own is None or f.path != own.path]
        return stat_all(files)

    def _own_stat(self, month: str, signature: tuple[int, int] | None) -> list[Stat]:
        own = self._own_file(month)
        if own is None or signature is None:
            return []
        return [(own.path, signature[0], signature[1])]

    def _note_own(self, month: str) -> None:
        """This machine's file of `month` now exists: count it among the month's files."""
        self._files_of(month)

    def _held_elsewhere(self, month: str, session_id: str) -> bool:
        """Whether a file of `month` other than this machine's holds a copy of the session."""
        own = self._own_file(month)
        for file in self._files_of(month):
            if own is not None and file.path == own.path:
                continue
            data = self._other(file).read() or {}
            if any(doc.get("id") == session_id for doc in _table(data, TABLE).values()):
                return True
        return False

    def _update_index(
        self,
        month: str,
        shard_before: tuple[int, int] | None,
        shard_after: tuple[int, int] | None,
        *,
        put: SessionSummary | None = None,
        drop: str | None = None,
    ) -> None:
        index = self._index(month)
        data = index.read() or {}
        summaries = data.get("summaries")
        if (
            summaries is None
            or _recorded_signature(data) != shard_before
            or (put is None and drop is None)
        ):
            summaries = self._summaries_from_shard(month)  # stale: rebuild from the month files
        else:
            summaries = dict(summaries)
            if put is not None:
                summaries[put.id] = summary_to_dict(put)
            if drop is not None:
                summaries.pop(drop, None)
        if self._unread_others(month):
            shard_after = None  # left stale: read again until every file of the month can be
        index.write({"summaries": summaries, "meta": _signature_meta(shard_after)})

    def _warn_unsaved(self, reason: str) -> None:
        self.warnings.add(
            f"Could not save to {self.root}: {reason}. Supple keeps working and holds your "
            "sessions in memory; they will be written as soon as the folder can be written."
        )

    # Reading

    def summaries(self, since: date | None = None) -> list[SessionSummary]:
        """Summaries newest first (of months from `since` on, if given); reads only indexes."""
        first = since.strftime("%Y-%m") if since else ""
        found: dict[str, SessionSummary] = {}
        for month in self._months():
            if month < first:
                break
            for summary in self._month_summaries(month):
                found[summary.id] = summary
        for record in self._pending.values():
            found[record.id] = summarize(record)
        return sorted(found.values(), key=lambda s: s.started_at, reverse=True)

    def has_months_before(self, day: date) -> bool:
        """Whether some month file is older than `day`'s month (lists the folder, reads nothing)."""
        months = self._months()
        return bool(months) and months[-1] < day.strftime("%Y-%m")

    def months(self) -> list[str]:
        """The months that have a file ("2026-11"), newest first; lists the folder only."""
        return self._months()

    def month_files(self) -> list[MonthFile]:
        """Every file holding sessions, of every device (lists the folders, reads nothing)."""
        self._months()
        return [file for files in self._files.values() for file in files]

    def month_summaries(self, month: str) -> list[SessionSummary]:
        """One month's summaries, from its index (rebuilt from the month file if stale)."""
        return self._month_summaries(month)

    @property
    def lock_path(self) -> Path:
        """The cross-process lock every write to this history holds."""
        return self._lock_path

    def monthly_summaries(self) -> Iterator[tuple[date, list[SessionSummary]]]:
        """Each month's first day and summaries, newest month first; reads one index per step."""
        for month in self._months():
            yield datetime.strptime(month, "%Y-%m").date(), self._month_summaries(month)

    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Full records newest first, at most `limit` of them."""
        found: dict[str, SessionRecord] = {}
        months = self._months()
        for position, month in enumerate(months):
            for record in self._month_records(month):
                found[record.id] = record
            # One month more than needed, as local months of different zones overlap.
            if limit is not None and len(found) >= limit and position + 1 < len(months):
                for record in self._month_records(months[position + 1]):
                    found[record.id] = record
                break
        found.update(self._pending)
        ordered = sorted(found.values(), key=lambda r: r.started_at, reverse=True)
        return ordered if limit is None else ordered[:limit]

    def stream_sessions(self) -> Iterator[SessionRecord]:
        """Every full record newest first, in the order of `sessions()`, a month at a time.

        Memory stays that of a few months whatever the length of the history: a month
        file is dropped once read, and a record is given out as soon as no older month
        file can hold a session that started later (local months of different zones
        overlap by at most a day).
        """
        waiting: list[SessionRecord] = []
        seen: set[str] = set()
        for month in self._months():
            records = [r for r in self._month_records(month) if r.id not in seen]
            self._shards.pop(month, None)  # read once: do not keep ten years in memory
            for file in self._files.get(month, []):
                self._others.pop(file.path, None)
            seen.update(r.id for r in records)
            waiting = sorted(waiting + records, key=_started, reverse=True)
            bound = datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC) + _ZONE_OVERLAP
            ready = 0
            while ready < len(waiting) and waiting[ready].started_at >= bound:
                ready += 1
            yield from waiting[:ready]
            waiting = waiting[ready:]
        yield from waiting

    def get(self, session_id: str) -> SessionRecord | None:
        """One full record, or None."""
        if session_id in self._pending:
            return self._pending[session_id]
        month = self._find_month(session_id)
        if month is None:
            return None
        for record in self._month_records(month, session_id):
            return record
        return None

    def unfinished_today(self, now: datetime) -> SessionRecord | None:
        """The latest partial session of `now`'s date, to offer resuming it.

        A session's day is its own local date (`stats.local_day`), the same day streaks and
        `supple status` count it on, even if the time zone changed since.
        """
        today = now.date()
        for summary in self.summaries(since=today - timedelta(days=1)):
            if summary.status is Status.PARTIAL and local_day(summary) == today:
                return self.get(summary.id)
        return None

    def _months(self) -> list[str]:
        try:
            self._files = scan(str(self.root))
        except FileNotFoundError:
            self._files = {}
            return []  # nothing saved yet
        except OSError as exc:
            self._folder_unreadable(exc)
            self._files = {}
            return []
        return sorted(self._files, reverse=True)

    def _files_of(self, month: str) -> list[MonthFile]:
        """The month's files as last listed, with this machine's own once it has written one."""
        files = self._files.get(month, [])
        own = self._own_file(month)
        if own is not None and own not in files and os.path.exists(own.path):
            files = sorted([*files, own], key=lambda f: f.path)
            self._files[month] = files
        return files

    def _own_file(self, month: str) -> MonthFile | None:
        if self.own is None:
            return None
        return MonthFile(str(self.own / f"{month}.json"), month, self.device, False)

    def month_signature(self, month: str) -> tuple[int, int] | None:
        """What changes whenever one of the month's files does (a save, a session synced in)."""
        return combined(stat_all(self._files_of(month)))

    def _signature_with_own(
        self, month: str, own: tuple[int, int] | None
    ) -> tuple[int, int] | None:
        """The month's signature with this machine's file as `own` says (just read or written)."""
        mine = self._own_file(month)
        stats: list[Stat] = [
            s for s in stat_all(self._files_of(month)) if mine is None or s[0] != mine.path
        ]
        if mine is not None and own is not None:
            stats.append((mine.path, own[0], own[1]))
        return combined(stats)

    def _find_month(self, session_id: str) -> str | None:
        if session_id not in self._month_by_id:
            self.summaries()
        return self._month_by_id.get(session_id)

    def _month_summaries(self, month: str) -> list[SessionSummary]:
        signature = self.month_signature(month)
        cached = self._parsed.get(month)
        if cached is not None and cached[0] == signature and signature is not None:
            return cached[1]
        summaries = None
        for index in self._indexes_of(month):  # this machine's, then one from before devices
            data = index.read() or {}
            raw = data.get("summaries")
            if raw is not None and _recorded_signature(data) == signature:
                summaries = _checked_summaries(raw)
                break
        if summaries is None:  # stale, or holding values no screen can show
            summaries = _checked_summaries(self._rebuild_index(month)) or []
            signature = self.month_signature(month)  # a conflict copy's sessions may be kept now
        for summary in summaries:
            self._month_by_id[summary.id] = month
        self._parsed[month] = (signature, summaries)
        return summaries

    def _indexes_of(self, month: str) -> Iterator[SafeJSONStorage]:
        yield self._index(month)
        if self.own is not None:
            # Read only: an index a Supple wrote before device folders, still right for a
            # month of one file, so an upgrade does not read every month again.
            yield self._read_only_index(self.root / INDEX_FOLDER / f"{month}.json")
        # Another machine's, synced in: right when it describes the month's files as they
        # are here, so a machine that only runs `supple status` need not read the month.
        devices = {f.device for f in self._files_of(month) if f.device not in (None, self.device)}
        for device in sorted(str(d) for d in devices):
            yield self._read_only_index(self.root / device / INDEX_FOLDER / f"{month}.json")

    def _rebuild_index(self, month: str) -> dict[str, Any]:
        if self.read_only or self.own is None:
            return self._summaries_from_shard(month)  # in memory: the CLI never writes
        try:
            with hold_lock(self._lock_path):
                storage = storage_of(self._shard(month))
                signature = self.month_signature(month)  # before the read: a sync may come
                summaries = self._summaries_from_shard(month)
                if self.month_signature(month) != signature:  # a conflict copy's sessions kept
                    signature = self.month_signature(month)
                    summaries = self._summaries_from_shard(month)
                if storage.damaged is None and not self._unread_others(month):
                    # Never write what a file we could not read says, nor leave out what it holds.
                    self._index(month).write(
                        {"summaries": summaries, "meta": _signature_meta(signature)}
                    )
                return summaries
        except LockError:
            return self._summaries_from_shard(month)  # read-only folder: rebuild, do not save

    def _keep_index_of_damaged(self, month: str) -> None:
        """Set a month's index aside with its month file: it may list what the file lost."""
        if self.own is None:
            return
        storage = storage_of(self._shard(month))
        if storage.moved_to is None:
            return
        storage.moved_to = None
        index_path = self.index_folder / f"{month}.json"
        self._indexes.pop(month, None)
        self._parsed.pop(month, None)
        try:
            with hold_lock(self._lock_path):  # re-entrant: writers already hold it
                kept = move_aside(index_path)
        except FileNotFoundError:
            return
        except OSError as exc:  # LockError too: then nothing can write over the index either
            self.warnings.add(
                f"{index_path} could not be set aside with its month file ({exc.strerror}); "
                "it lists the sessions that file held. Copy it somewhere safe before Supple "
                "saves a session of that month."
            )
            return
        self.warnings.add(f"The index of that month, which lists its sessions, was kept as {kept}.")

    def _folder_unreadable(self, exc: OSError) -> None:
        for folder in (self.root.parent, self.root):
            if folder.exists() and not folder.is_dir():
                problem = f"{folder} is a file, not a folder, so there is no history in it."
                break
        else:
            problem = (
                f"Could not open {self.root} ({exc.strerror or exc}), so your history could "
                "not be read. Check that the folder belongs to you and that you may open it."
            )
        self.folder_problem = (
            f"{problem} To use another data folder, start with --data-dir DIR "
            "or set SUPPLE_DATA_DIR."
        )
        self.warnings.add(self.folder_problem)

    def _summaries_from_shard(self, month: str) -> dict[str, Any]:
        return {r.id: summary_to_dict(summarize(r)) for r in self._month_records(month)}

    def _month_data(self, month: str) -> Iterator[tuple[MonthFile, SafeJSONStorage, Data]]:
        """Each file of the month with its content: this machine's first, conflict copies last."""
        own = self._own_file(month)
        if own is not None:
            storage = storage_of(self._shard(month))
            data = storage.read()
            self._keep_index_of_damaged(month)
            yield own, storage, data or {}
        for file in sorted(self._files_of(month), key=lambda f: (f.conflict, f.path)):
            if own is not None and file.path == own.path:
                continue
            storage = self._other(file)
            yield file, storage, storage.read() or {}

    def _month_records(self, month: str, only_id: str | None = None) -> list[SessionRecord]:
        chosen: dict[str, tuple[SessionRecord, MonthFile]] = {}
        deleted: set[str] = set()
        for file, storage, data in self._month_data(month):
            deleted.update(str(doc.get("id")) for doc in _table(data, DELETED).values())
            for doc in _table(data, TABLE).values():
                if only_id is not None and doc.get("id") != only_id:
                    continue
                try:
                    record = validate_record(doc, stored=True)
                except RecordError as exc:
                    session_id = terminal_safe(str(doc.get("id", "?")))[:80]
                    self.warnings.add(
                        f"{storage.path}: session {session_id} could not be read "
                        f"({terminal_safe(str(exc))}), so it is not shown; it was left in the "
                        "file untouched."
                    )
                    continue
                earlier = chosen.get(record.id)
                if earlier is None or _more_complete(record, earlier[0]):
                    chosen[record.id] = (record, file)
        if only_id is None:
            conflicted = [(r, f) for r, f in chosen.values() if f.conflict and r.id not in deleted]
            self._keep_conflicted(month, conflicted)
        return [record for record, _ in chosen.values() if record.id not in deleted]

    def _keep_conflicted(self, month: str, found: list[tuple[SessionRecord, MonthFile]]) -> None:
        """Sessions only a sync conflict copy holds: shown, said once, and kept in our own file."""
        by_copy: dict[str, list[SessionRecord]] = {}
        for record, file in found:
            by_copy.setdefault(file.path, []).append(record)
        for path, records in sorted(by_copy.items()):
            name = terminal_safe(os.path.basename(path))
            count = f"{len(records)} session{'s' if len(records) != 1 else ''}"
            if self.read_only or self.own is None or not self._write_own(month, records):
                if path not in self._told_conflicts:
                    self.notices.add(
                        f"{count} of {month} {'is' if len(records) == 1 else 'are'} only in "
                        f"a sync conflict copy ({name}): shown and counted here; starting "
                        "Supple keeps them in this machine's own history file and leaves the "
                        "copy as it is."
                    )
                continue
            self._told_conflicts.add(path)
            self.warnings.add(
                f"Merged {count} from a sync conflict copy of {month} ({name}) into this "
                "machine's history. The copy was left as it is; you may delete it."
            )

    def _write_own(self, month: str, records: list[SessionRecord]) -> bool:
        """Put `records` into this machine's file of `month` in one write; False if not written."""
        try:
            with hold_lock(self._lock_path):
                storage = storage_of(self._shard(month))
                data = storage.read() or {}
                table = dict(_table(data, TABLE))
                key_by_id = {doc.get("id"): key for key, doc in table.items()}
                next_key = max((int(k) for k in table if k.isdigit()), default=0) + 1
                for record in records:
                    key = key_by_id.get(record.id)
                    if key is None:
                        key, next_key = str(next_key), next_key + 1
                    table[key] = to_dict(record)
                storage.write({**data, TABLE: table})
                return not storage.in_memory
        except LockError:
            return False

    def _other(self, file: MonthFile) -> SafeJSONStorage:
        """A file this machine never writes: read, reported if bad, never moved or rewritten."""
        if file.path not in self._others:
            self._others[file.path] = SafeJSONStorage(
                file.path,
                lock_path=self._lock_path,
                warnings=self.warnings,
                read_only=True,
                foreign=True,
            )
        return self._others[file.path]

    def _shard(self, month: str) -> SafeTinyDB:
        assert self.own is not None, "a reader without a device id has no file of its own"
        if month not in self._shards:
            self._shards[month] = open_db(
                self.own / f"{month}.json",
                self.warnings,
                lock_path=self._lock_path,
                read_only=self.read_only,
                temp_glob=_MONTH_TEMP,
            )
        return self._shards[month]

    def _index(self, month: str) -> SafeJSONStorage:
        if month not in self._indexes:
            self._indexes[month] = SafeJSONStorage(
                self.index_folder / f"{month}.json",
                lock_path=self._lock_path,
                # A reader rebuilds a bad index from its month file, losing nothing: a cache
                # the app will repair is not worth a warning in a shell prompt.
                warnings=StorageWarnings() if self.read_only else self.warnings,
                read_only=self.read_only,
                temp_glob=_MONTH_TEMP,
            )
        return self._indexes[month]

    def _read_only_index(self, path: Path) -> SafeJSONStorage:
        return SafeJSONStorage(
            path,
            lock_path=self._lock_path,
            warnings=StorageWarnings(),
            read_only=True,
        )


def _table(data: Data, name: str) -> dict[str, Any]:
    table = data.get(name)
    return table if isinstance(table, dict) else {}


def _more_complete(record: SessionRecord, than: SessionRecord) -> bool:
    """The same order on every machine: completeness, then the content itself breaks a tie."""
    if completeness(record) != completeness(than):
        return completeness(record) > completeness(than)
    mine = orjson.dumps(to_dict(record), option=orjson.OPT_SORT_KEYS)
    theirs = orjson.dumps(to_dict(than), option=orjson.OPT_SORT_KEYS)
    return mine > theirs


# Raised when the summaries' fields change (2: holds counted apart from poses, speed;
# 3: whether a hold hurt), so an index written by an older Supple is rebuilt from its
# month file instead of misread.
INDEX_VERSION = 3


def _checked_summaries(raw: object) -> list[SessionSummary] | None:
    """The summaries of an index, or None when one is not a summary any screen can show."""
    if not isinstance(raw, dict):
        return None
    summaries: list[SessionSummary] = []
    for item in raw.values():
        try:
            summary = summary_from_dict(item)
            check_summary(summary)
        except (RecordError, TypeError):
            return None  # rebuilt from the month file, whose records say what is wrong
        summaries.append(summary)
    return summaries


def _signature_meta(signature: tuple[int, int] | None) -> dict[str, Any]:
    size, mtime_ns = signature if signature is not None else (-1, -1)
    # Inside "shard": the index file is TinyDB-shaped, a table of records.
    return {"shard": {"size": size, "mtime_ns": mtime_ns, "version": INDEX_VERSION}}


def _recorded_signature(data: dict[str, Any]) -> tuple[int, int] | None:
    shard = data.get("meta", {}).get("shard", {})
    if shard.get("version") != INDEX_VERSION:
        return None
    size, mtime_ns = shard.get("size"), shard.get("mtime_ns")
    if not isinstance(size, int) or not isinstance(mtime_ns, int) or size < 0:
        return None
    return (size, mtime_ns)
