"""Sessions that could not be saved, written to a file elsewhere that `history import` reads."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import orjson

from tui.core.record import SessionRecord


def rescue_folders() -> list[Path]:
    """Where to try, in order: the home folder, then the system's temp folder."""
    folders = []
    with contextlib.suppress(RuntimeError, KeyError):  # no home: a service account
        folders.append(Path.home())
    folders.append(Path(tempfile.gettempdir()))
    return folders


def rescue_content(records: Sequence[SessionRecord]) -> bytes:
    """The records as `supple history --json` writes them (a list, indented by two)."""
    return orjson.dumps(list(records), option=orjson.OPT_INDENT_2) + b"\n"


def write_rescue_file(
    records: Sequence[SessionRecord], when: datetime, folders: Sequence[Path] | None = None
) -> Path:
    """Write `records` to supple-unsaved-<time>.json in the first folder that takes it.

    The file is new (never written over) and private (0600); in a folder others may write
    to, such as the temp folder, a random part follows the time, so no one can take it first.
    Raises OSError naming every folder tried when none could take it.
    """
    content = rescue_content(records)
    stem = f"supple-unsaved-{when:%Y%m%d-%H%M%S}"
    failures = []
    for folder in rescue_folders() if folders is None else folders:
        try:
            return _write_new(folder, stem, content)
        except OSError as exc:
            failures.append(f"{folder}: {exc.strerror or exc}")
    raise OSError(f"could not write {stem}.json anywhere ({'; '.join(failures)})")


def _others_may_write(folder: Path) -> bool:
    """Whether someone else could create files in `folder` (the system's temp folder)."""
    info = folder.stat()
    return bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)) or info.st_uid != os.getuid()


def _create(folder: Path, stem: str) -> tuple[int, Path]:
    """A new private file: a readable name in a folder of one's own, a random one elsewhere."""
    if os.name == "posix" and _others_may_write(folder):
        # Names made from the time can be made first by anyone who shares the folder, to
        # stop the rescue; mkstemp's cannot be guessed (and it creates 0600, never follows
        # a link).
        fd, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".json", dir=folder)
        return fd, Path(name)
    for attempt in range(100):
        path = folder / (f"{stem}.json" if attempt == 0 else f"{stem}-{attempt}.json")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder / stem}.json and 99 more like it already exist")


def _write_new(folder: Path, stem: str, content: bytes) -> Path:
    fd, path = _create(folder, stem)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()  # a half-written file would look like a rescue that worked
        raise
    return path
