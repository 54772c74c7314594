"""Routines: the shipped TOML files, and the person's own versions of them in TinyDB.

`routines.json` in the data folder (TinyDB, through the safe storage) holds:

    table "routines"   one document per routine the person changed or made:
                       {id, name?, base?, definition?, sequence?, kept_poses?,
                        no_longer_shipped?}
                       `base` names a shipped routine whose poses it uses; `definition`
                       is a whole imported routine; `sequence` is the edited steps;
                       `kept_poses` a copy of the shipped poses (so one Supple stops
                       shipping stays), `no_longer_shipped` those already told about.
    table "state"      {"key": "current", "routine_id": ...}
    table "set_aside"  documents that could not be read, kept before being replaced

A shipped routine without a document is used as shipped; reset removes the edits.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import Query

from tui import paths
from tui.core.routine import Routine, RoutineError, parse_routine, routine_from_dict
from tui.store.regular_file import NotARegularFile, read_regular
from tui.store.routine_toml import routine_to_dict, sequence_to_list
from tui.store.shipped_changes import Merged, merge_shipped
from tui.store.storage import LockError, StorageWarnings, open_db, storage_of

DEFAULT_ROUTINE_ID = "hip-back-daily"
ROUTINES_FILE = "routines.json"
_Q = Query()


def load_routine_file(path: Path) -> Routine:
    """Read and validate one routine file; every problem becomes a RoutineError naming it."""
    return parse_routine(_read_text(path), str(path))


MAX_ROUTINE_FILE_BYTES = 1_000_000  # a routine is a few KB; /dev/zero must not fill memory


def _read_text(path: Path) -> str:
    try:
        data = read_regular(path, MAX_ROUTINE_FILE_BYTES)  # no FIFO, no device
        if len(data) > MAX_ROUTINE_FILE_BYTES:
            raise RoutineError(str(path), "is larger than 1 MB, too large to be a routine file")
        return data.decode("utf-8")
    except NotARegularFile as exc:
        raise RoutineError(str(path), f"cannot be read: {exc}; name a .toml file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot be read ({exc}); check it exists and is UTF-8"
        raise RoutineError(str(path), message) from exc


def load_shipped(routine_id: str = DEFAULT_ROUTINE_ID) -> Routine:
    """The routine that ships with Supple under this id."""
    return load_routine_file(paths.routines_dir() / f"{routine_id}.toml")


def shipped_ids() -> list[str]:
    """Ids of the routines that ship with Supple, the default first."""
    ids = sorted(p.stem for p in paths.routines_dir().glob("*.toml"))
    return sorted(ids, key=lambda rid: rid != DEFAULT_ROUTINE_ID)


def slug(name: str) -> str:
    """An id made from a name: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "routine"


@dataclass(frozen=True)
class RoutineEntry:
    """One routine the person can pick, or why it cannot be used."""

    id: str
    name: str
    shipped: bool
    routine: Routine | None
    problem: str = ""


class RoutineStore:
    """The person's routines: every edit is written at once and shared between processes."""

    def __init__(
        self, data_dir: Path, *, read_only: bool = False, wait_for_lock: bool = True
    ) -> None:
        self.path = Path(data_dir) / ROUTINES_FILE
        self.wait_for_lock = wait_for_lock  # the app's stores never wait (see `_write`)
        self.warnings = StorageWarnings()
        # Read-only (`supple remind now`): never creates the folder or sets a damaged file aside.
        self._db = open_db(self.path, self.warnings, read_only=read_only)
        self._routines = self._db.table("routines")
        self._state = self._db.table("state")
        self._shipped: dict[str, dict[str, Any]] = {}
        # Edits made while another process held the lock, oldest first: written by `retry`.
        self._waiting: list[Callable[[], object]] = []

    # Reading

    def version(self) -> tuple[int, int] | None:
        """Changes whenever any process writes the file: compare to notice others' edits."""
        return storage_of(self._db).current_file_signature()

    def is_shipped(self, routine_id: str) -> bool:
        """Whether Supple ships this routine (so it can be reset but not deleted or renamed)."""
        return (paths.routines_dir() / f"{routine_id}.toml").is_file()

    def ids(self) -> list[str]:
        """Every routine's id: shipped ones first, then the person's in the order made."""
        ids = shipped_ids()
        # A document without a text id cannot be listed (warn_unusable names it).
        found = (d.get("id") for d in self._routines.all())
        ids += [i for i in found if isinstance(i, str) and i not in ids]
        return ids

    def entries(self) -> list[RoutineEntry]:
        """Every routine with its current steps, or the problem that keeps it from loading."""
        found = []
        for rid in self.ids():
            try:
                routine = self.load(rid)
            except (RoutineError, KeyError) as exc:
                problem = str(exc) if isinstance(exc, RoutineError) else "not found"
                found.append(RoutineEntry(rid, rid, self.is_shipped(rid), None, problem))
            else:
                found.append(RoutineEntry(rid, routine.name, self.is_shipped(rid), routine))
        return found

    def load(self, routine_id: str) -> Routine:
        """The routine with the person's edits; KeyError if unknown, RoutineError if unusable."""
        doc = self._routines.get(_Q.id == routine_id)
        if doc is None:
            if self.is_shipped(routine_id):
                return load_shipped(routine_id)
            raise KeyError(routine_id)
        return self._build(doc)

    def default(self, routine_id: str) -> Routine:
        """The routine as shipped or imported, before any edits to its steps."""
        doc = self._routines.get(_Q.id == routine_id)
        if doc is None:
            return self.load(routine_id)
        return self._build({k: v for k, v in doc.items() if k != "sequence"})

    def current_id(self) -> str:
        """The routine the person last chose."""
        doc = self._state.get(_Q.key == "current")
        rid = doc.get("routine_id") if doc else None
        return rid if isinstance(rid, str) else DEFAULT_ROUTINE_ID

    def load_current(self) -> Routine:
        """The routine last chosen; the shipped default, with a warning, if it cannot be used."""
        rid = self.current_id()
        try:
            return self.load(rid)
        except (KeyError, RoutineError) as exc:
            if rid != DEFAULT_ROUTINE_ID or isinstance(exc, KeyError):
                reason = "it no longer exists" if isinstance(exc, KeyError) else str(exc)
                self.warnings.add(
                    f"Your routine {rid!r} could not be opened ({reason}); showing the "
                    f"default routine instead. Nothing in {self.path} was changed."
                )
                try:
                    return self.load(DEFAULT_ROUTINE_ID)
                except RoutineError as default_exc:
                    exc = default_exc
            self.warnings.add(
                f"Your changes to the default routine could not be used ({exc}); showing it "
                f"as shipped. Your saved copy stays in {self.path} until you edit the routine."
            )
            return load_shipped()

    def warn_unusable(self, already_told: str | None = None) -> None:
        """Add a warning for each routine document that cannot be used, but `already_told`."""
        for doc in self._routines.all():
            rid = doc.get("id")
            if not isinstance(rid, str) or not rid:
                self.warnings.add(
                    f"{self.path}: routine document {doc.doc_id} has no id (a text such as "
                    f"'my-routine'), so it cannot be used; it is left in the file as it is."
                )
            elif rid != already_told:
                try:
                    self._build(doc)
                except RoutineError as exc:
                    self.warnings.add(
                        f"{exc}. That routine cannot be used; it is left in the file as it is "
                        "(fix it there, or delete it in the app's routine list, R)."
                    )

    def _build(self, doc: Mapping[str, Any]) -> Routine:
        source = f"{self.path}: routine {doc.get('id')!r}"
        base, definition = doc.get("base"), doc.get("definition")
        if isinstance(base, str):
            data = dict(self._shipped_data(base))
        elif isinstance(definition, dict):
            data = dict(definition)
        else:
            raise RoutineError(source, "has neither a shipped base nor poses of its own")
        data["id"] = doc.get("id")
        if "name" in doc:
            data["name"] = doc["name"]
        sequence = doc.get("sequence")
        if isinstance(base, str) and isinstance(sequence, list):
            # Poses Supple added or removed since: see adopt_shipped_changes.
            data = merge_shipped(data, sequence, _list(doc.get("kept_poses"))).data
        elif sequence is not None:
            data["sequence"] = sequence
        return routine_from_dict(data, source)

    def adopt_shipped_changes(self) -> None:
        """Keep edited shipped routines up to date with Supple's poses, saying so once.

        A new shipped pose is added to the person's steps switched off; a removed one stays
        (marked) from the copy of the shipped poses kept with their edits, refreshed here.
        """
        notices: list[str] = []
        if not any(isinstance(doc.get("base"), str) for doc in self._routines.all()):
            return  # no shipped routine edited: nothing to bring up to date, no lock to take

        def write() -> None:
            for doc in self._routines.all():
                base, sequence = doc.get("base"), doc.get("sequence")
                if not isinstance(base, str) or not isinstance(sequence, list):
                    continue
                try:
                    shipped = self._shipped_data(base)
                    self._build(doc)
                except RoutineError:
                    continue  # an unusable document is named when loaded, and left as it is
                merged = merge_shipped(shipped, sequence, _list(doc.get("kept_poses")))
                told = [i for i in _list(doc.get("no_longer_shipped")) if isinstance(i, str)]
                kept = [p for p in merged.data["poses"] if isinstance(p, dict)]
                changes: dict[str, Any] = {}
                if kept != doc.get("kept_poses"):
                    changes["kept_poses"] = kept
                if merged.added or set(merged.kept) - set(told):
                    changes["sequence"] = merged.sequence
                    changes["no_longer_shipped"] = sorted(merged.kept)
                    name = str(doc.get("name") or shipped.get("name") or base)
                    notices.extend(_change_notices(name, merged, told))
                if changes:
                    self._routines.update(changes, doc_ids=[doc.doc_id])

        if self._write(write, may_wait=True):  # held elsewhere: written on the way out
            for notice in notices:
                self.warnings.add(notice)

    def _shipped_data(self, routine_id: str) -> dict[str, Any]:
        if routine_id not in self._shipped:
            path = paths.routines_dir() / f"{routine_id}.toml"
            text = _read_text(path)
            try:
                self._shipped[routine_id] = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise RoutineError(str(path), f"is not valid TOML ({exc})") from exc
        return self._shipped[routine_id]

    # Writing

    def save(self, routine: Routine) -> bool:
        """Keep the routine's steps as they are now; False (with a warning) if not written."""

        def write() -> None:
            doc = self._routines.get(_Q.id == routine.id)
            fields: dict[str, Any] = {"id": routine.id, "sequence": sequence_to_list(routine)}
            if doc is None and self.is_shipped(routine.id):
                fields["base"] = routine.id
            elif doc is None:  # deleted by another Supple meanwhile: keep this one's work
                fields.update(name=routine.name, definition=routine_to_dict(routine))
            else:
                self._set_aside_if_unusable(doc)
            self._routines.upsert(fields, _Q.id == routine.id)

        return self._write(write, may_wait=True)

    def set_current(self, routine_id: str) -> bool:
        """Remember which routine to open next time."""
        return self._write(
            lambda: self._state.upsert(
                {"key": "current", "routine_id": routine_id}, _Q.key == "current"
            ),
            may_wait=True,
        )

    def reset(self, routine_id: str) -> Routine:
        """Drop the edits to a routine's steps and return it as shipped or imported."""

        def write() -> None:
            doc = self._routines.get(_Q.id == routine_id)
            if doc is None:
                return
            self._set_aside_if_unusable(doc)
            if self.is_shipped(routine_id) and "name" not in doc:
                self._routines.remove(_Q.id == routine_id)
            else:
                self._routines.update({"sequence": None}, _Q.id == routine_id)

        self._write(write)
        return self.default(routine_id)

    def duplicate(self, routine: Routine, name: str) -> Routine:
        """Save a copy of `routine` (with its current steps) under a new name and id."""
        created: list[Routine] = []

        def write() -> None:
            doc: Mapping[str, Any] = self._routines.get(_Q.id == routine.id) or {}
            new: dict[str, Any] = {"id": self._free_id(name), "name": name.strip()}
            if isinstance(doc.get("definition"), dict):
                new["definition"] = doc["definition"]
            elif isinstance(doc.get("base"), str) or self.is_shipped(routine.id):
                new["base"] = doc.get("base", routine.id)
            else:
                new["definition"] = routine_to_dict(routine)
            new["sequence"] = sequence_to_list(routine)
            self._routines.insert(new)
            created.append(self._build(new))

        if not self._write(write):
            raise OSError(self.warnings[-1] if self.warnings else f"could not write {self.path}")
        return created[0]

    def rename(self, routine_id: str, name: str) -> Routine:
        """Give one of the person's routines a new name (its id stays, so history still matches)."""
        if self.is_shipped(routine_id):
            raise ValueError("A shipped routine keeps its name; save a copy to name it.")
        self._write(lambda: self._routines.update({"name": name.strip()}, _Q.id == routine_id))
        return self.load(routine_id)

    def delete(self, routine_id: str) -> None:
        """Remove one of the person's routines; the shipped ones can only be reset."""
        if self.is_shipped(routine_id):
            raise ValueError("A shipped routine cannot be deleted; reset it instead.")

        def write() -> None:
            self._routines.remove(_Q.id == routine_id)
            if self.current_id() == routine_id:
                self._state.upsert(
                    {"key": "current", "routine_id": DEFAULT_ROUTINE_ID}, _Q.key == "current"
                )

        self._write(write)

    def import_routine(self, routine: Routine) -> Routine:
        """Add a routine read from a file; a taken id gets a number so nothing is replaced."""
        created: list[Routine] = []

        def write() -> None:
            rid = self._free_id(routine.id)
            new = {"id": rid, "name": routine.name, "definition": routine_to_dict(routine)}
            self._routines.insert(new)
            created.append(self._build(new))

        if not self._write(write):
            raise OSError(self.warnings[-1] if self.warnings else f"could not write {self.path}")
        return created[0]

    def replace_routine(self, routine: Routine) -> Routine:
        """Update the routine with the same id to the file's version (history keeps matching)."""
        existing = self.load(routine.id)  # KeyError when there is nothing to replace
        if self.is_shipped(routine.id):
            if routine.with_steps(existing.steps) != existing:
                raise ValueError(
                    f"{existing.name!r} ships with Supple and this file changes more than its "
                    "order, holds and poses left out; import it without --replace to keep it "
                    "as a copy."
                )
            if not self.save(routine):
                raise OSError(
                    self.warnings[-1] if self.warnings else f"could not write {self.path}"
                )
            return self.load(routine.id)

        def change(doc: MutableMapping[str, Any]) -> None:
            doc.pop("base", None)  # the file's poses now stand on their own
            doc.update(name=routine.name, definition=routine_to_dict(routine), sequence=None)

        def write() -> None:
            self._routines.update(change, _Q.id == routine.id)

        if not self._write(write):
            raise OSError(self.warnings[-1] if self.warnings else f"could not write {self.path}")
        return self.load(routine.id)

    def _free_id(self, wanted: str) -> str:
        base = slug(wanted)
        taken = set(self.ids())
        rid, number = base, 2
        while rid in taken:
            rid, number = f"{base}-{number}", number + 1
        return rid

    def _set_aside_if_unusable(self, doc: Mapping[str, Any]) -> None:
        try:
            self._build(doc)
        except RoutineError as exc:
            self._db.table("set_aside").insert(
                {"document": dict(doc), "reason": str(exc), "at": datetime.now().isoformat()}
            )

    @property
    def waiting(self) -> bool:
        """Whether edits wait in memory for the lock another process holds."""
        return bool(self._waiting)

    def retry(self, *, wait: bool = False) -> bool:
        """Write the edits that wait for the lock; True when none is left waiting."""
        if self._waiting:
            # Still held elsewhere: they keep waiting. The outer lock makes `_write` not try again.
            with contextlib.suppress(LockError), storage_of(self._db).locked(wait=wait):
                self._write(lambda: None)
        return not self._waiting

    def _write(self, change: Callable[[], object], *, may_wait: bool = False) -> bool:
        """Make `change` under the lock; in the app, never waiting for it.

        A lock held elsewhere (another Supple, an import, a backup) is tried once: waited
        for, each key on the main screen froze the app for up to 10 s. An edit that `may_wait`
        is kept in memory and written, after those before it, by `retry`; others are refused.
        The command-line commands wait, as they have no screen to keep answering.
        """
        storage = storage_of(self._db)
        try:
            with storage.locked(wait=self.wait_for_lock):
                storage.read()  # under the lock: another process's writes are seen first
                while self._waiting:
                    self._waiting.pop(0)()
                change()
        except LockError as exc:
            if exc.busy and may_wait:
                if change not in self._waiting:
                    self._waiting.append(change)
                return True
            reason = "another program is using it" if exc.busy else exc.strerror or exc
            self.warnings.add(
                f"Could not save your routine to {self.path}: {reason}. "
                + ("Try again in a moment." if exc.busy else "Changes are kept for this run only.")
            )
            return False
        return not storage.in_memory


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _change_notices(name: str, merged: Merged, told: list[str]) -> list[str]:
    """What to tell the person, once, about the shipped poses that came or went."""
    notices = []
    if merged.added:
        names = ", ".join(merged.pose_name(i) for i in merged.added)
        notices.append(
            f"Supple's routine {name!r} has a new pose, {names}: it is in your routine, "
            "switched off (highlight it and press space to include it)."
        )
    newly_kept = [i for i in merged.kept if i not in told]
    if newly_kept:
        names = ", ".join(merged.pose_name(i) for i in newly_kept)
        notices.append(
            f"Supple no longer ships {names}; it stays in your routine {name!r}, marked in "
            "its description, until you reset the routine."
        )
    return notices
