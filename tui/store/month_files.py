"""Which files hold a month's sessions in a history folder that sync tools may share.

    history/2026-11.json               written by a Supple before device folders (read only now)
    history/<device>/2026-11.json      each machine's own sessions; only that machine writes it
    history/<device>/index/            that machine's summaries of every device's sessions
    2026-11.sync-conflict-20261120-101010-ABCDEFG.json    Syncthing's conflict copy
    2026-11 (conflicted copy 2026-11-20 101010).json      Nextcloud's (and ownCloud's)
    2026-11_conflict-20261120-101010.json                 Nextcloud's other form
    2026-11 (laptop's conflicted copy 2026-11-20).json    Dropbox's

Every one of them is read and merged by session id; a conflict copy counts like any other.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from tui.store.device import DEVICE_NAME

_MONTH = r"(\d{4}-\d{2})"
MONTH_FILE = re.compile(rf"^{_MONTH}\.json$")
# A conflict copy keeps the month at the front and ".json" (Syncthing: before the
# extension) at the end; what is between says which tool made it.
CONFLICT_FILE = re.compile(
    rf"^{_MONTH}(?:\.sync-conflict-[0-9]{{8}}-[0-9]{{6}}-[A-Z0-9]+"
    r"| \([^()]*conflicted copy[^()]*\)"
    r"|_conflict-[^/]*?)\.json$"
)
INDEX_FOLDER = "index"


@dataclass(frozen=True)
class MonthFile:
    """One file holding sessions of a month."""

    path: str
    month: str
    device: str | None  # None: a file written before device folders
    conflict: bool  # a sync tool's conflict copy


def _classify(name: str, folder: str, device: str | None) -> MonthFile | None:
    if (match := MONTH_FILE.match(name)) is not None:
        return MonthFile(os.path.join(folder, name), match.group(1), device, False)
    if (match := CONFLICT_FILE.match(name)) is not None:
        return MonthFile(os.path.join(folder, name), match.group(1), device, True)
    return None


def scan(root: str) -> dict[str, list[MonthFile]]:
    """Every month's files under the history folder `root`; raises OSError if it cannot be listed.

    Lists the folder and each device folder, and reads nothing: `supple status` calls it.
    """
    found: dict[str, list[MonthFile]] = {}
    with os.scandir(root) as entries:
        subfolders: list[str] = []
        for entry in entries:
            if entry.name != INDEX_FOLDER and DEVICE_NAME.match(entry.name) and entry.is_dir():
                subfolders.append(entry.name)
            elif (file := _classify(entry.name, root, None)) is not None:
                found.setdefault(file.month, []).append(file)
    for device in subfolders:
        folder = os.path.join(root, device)
        try:
            names = os.listdir(folder)
        except OSError:
            continue  # a device folder we may not list: its files are simply not there
        for name in names:
            if (file := _classify(name, folder, device)) is not None:
                found.setdefault(file.month, []).append(file)
    for files in found.values():
        files.sort(key=lambda f: f.path)
    return found


Stat = tuple[str, int, int]  # path, size, mtime_ns


def stat_all(files: list[MonthFile]) -> list[Stat]:
    """Size and mtime of each file that is there now."""
    stats = []
    for file in files:
        try:
            st = os.stat(file.path)
        except OSError:
            continue
        stats.append((file.path, st.st_size, st.st_mtime_ns))
    return stats


def combined(stats: list[Stat]) -> tuple[int, int] | None:
    """One (size, stamp) for a month's files: changes when any of them changes.

    A month of one file keeps that file's own size and mtime, so an index written by a
    Supple before device folders still matches its month file.
    """
    if not stats:
        return None
    if len(stats) == 1:
        return stats[0][1], stats[0][2]
    # Named by folder and file, not the whole path: every machine syncing the folder then
    # computes the same signature, and may use an index another machine wrote (sync tools
    # keep a file's size and modification time).
    named = sorted((_last_two(path), size, mtime) for path, size, mtime in stats)
    text = "\n".join(f"{name}:{size}:{mtime}" for name, size, mtime in named)
    stamp = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=7).digest(), "big")
    return sum(size for _, size, _ in stats), stamp


def _last_two(path: str) -> str:
    folder, name = os.path.split(path)
    return f"{os.path.basename(folder)}/{name}"
