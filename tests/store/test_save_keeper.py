"""Saving that never waits: a lock held elsewhere, a full disk, and the rescue file."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.history_paths import own_folder
from tests.store.session_factory import MakeRecord
from tui.cli import main
from tui.store import storage as storage_module
from tui.store.history import History
from tui.store.problems import SaveProblem
from tui.store.save_keeper import SaveKeeper

WHEN = datetime(2026, 11, 28, 9, 30, 5)


@pytest.fixture
def lock_held_elsewhere(tmp_path: Path) -> Iterator[int]:
    """The history lock taken with flock(2) on a file of its own, as `flock(1)` would."""
    lock = tmp_path / "history" / ".lock"
    lock.parent.mkdir(parents=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    os.close(fd)


def _disk_full(path: Path, data: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_held_lock_is_not_waited_for_and_the_session_lands_once_it_frees(
    tmp_path: Path, record: MakeRecord, lock_held_elsewhere: int
) -> None:
    told: list[SaveProblem | None] = []
    keeper = SaveKeeper(History(tmp_path))
    keeper.subscribe(told.append)
    keeper.save(record(0))
    keeper.save(record(0, pain_after=1))  # a later save of the same session
    assert keeper.unsaved() == [record(0, pain_after=1)]
    assert told == [SaveProblem("another program holds the lock", tmp_path / "history" / ".lock")]
    assert History(tmp_path).sessions() == []
    keeper.retry()
    assert told[-1] is not None  # still held elsewhere
    fcntl.flock(lock_held_elsewhere, fcntl.LOCK_UN)
    keeper.retry()
    assert told[-1] is None and keeper.unsaved() == []
    assert History(tmp_path).sessions() == [record(0, pain_after=1)]  # the later one, once


def test_a_full_disk_is_said_in_plain_words_and_retried_when_space_returns(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = SaveKeeper(History(tmp_path))
    monkeypatch.setattr(storage_module, "atomic_write", _disk_full)
    keeper.save(record(0))
    assert str(keeper.problem) == f"the disk is full ({own_folder(tmp_path) / '2026-11.json'})"
    assert keeper.is_unsaved("session-0")
    assert any("No space left on device" in w for w in keeper.history.warnings)
    monkeypatch.undo()
    keeper.retry()
    assert keeper.problem is None
    assert History(tmp_path).sessions() == [record(0)]
    assert keeper.history.warnings == []  # "held in memory" is no longer said once written


def test_the_rescue_file_imports_back_exactly(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = SaveKeeper(History(tmp_path / "full"))
    monkeypatch.setattr(storage_module, "atomic_write", _disk_full)
    sessions = [record(0, pain_after=None, note="Pigeon Pose (left side) hurt"), record(1)]
    for session in sessions:
        keeper.save(session)
    monkeypatch.undo()
    rescued = keeper.rescue(WHEN, [tmp_path])
    assert rescued == tmp_path / "supple-unsaved-20261128-093005.json"
    assert rescued.stat().st_mode & 0o777 == 0o600
    assert main(["--data-dir", str(tmp_path / "elsewhere"), "history", "import", str(rescued)]) == 0
    assert History(tmp_path / "elsewhere").sessions() == sessions[::-1]
    # A second rescue in the same second never writes over the first.
    assert keeper.rescue(WHEN, [tmp_path]).name == "supple-unsaved-20261128-093005-1.json"


def test_the_rescue_goes_to_the_next_folder_when_the_first_cannot_take_it(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = SaveKeeper(History(tmp_path))
    monkeypatch.setattr(storage_module, "atomic_write", _disk_full)
    keeper.save(record(0))
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    assert keeper.rescue(WHEN, [not_a_folder, tmp_path]).parent == tmp_path
    with pytest.raises(OSError, match=r"could not write supple-unsaved-20261128-093005\.json"):
        keeper.rescue(WHEN, [not_a_folder])


_ON_A_TINY_DISK = """
import errno, os, subprocess, sys
from datetime import datetime
sys.path.insert(0, sys.argv[2])
from tests.store.session_factory import make_record
from tui.store.history import History
from tui.store.save_keeper import SaveKeeper
from tui.store.problems import SaveProblem
disk = sys.argv[1]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk], check=True)
keeper = SaveKeeper(History(disk + "/data"))
keeper.save(make_record(0))
with open(disk + "/filler", "wb") as filler:
    try:
        filler.write(b"x" * 200_000)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
keeper.save(make_record(1))
print(keeper.problem)
os.unlink(disk + "/filler")
keeper.retry()
print(keeper.problem, len(History(disk + "/data").sessions()))
"""


def test_a_real_full_disk(tmp_path: Path) -> None:
    """On a 64 KiB tmpfs, in a mount namespace of its own (where the machine allows it)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("needs unshare(1) to mount a tiny tmpfs")
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a mount namespace (unshare -rm)")
    disk = tmp_path / "disk"
    disk.mkdir()
    here = Path(__file__).parent
    done = subprocess.run(
        [unshare, "-rm", sys.executable, "-c", _ON_A_TINY_DISK, str(disk), str(here)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"the disk is full ({own_folder(disk / 'data') / '2026-11.json'})",
        "None 2",
    ]


def test_a_folder_where_the_lock_cannot_be_made_is_named(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    keeper = SaveKeeper(History(tmp_path))
    monkeypatch.setattr(storage_module, "_make_lock", read_only)
    keeper.save(record(0))
    assert keeper.problem == SaveProblem("the disk is read-only", tmp_path / "history")


def test_a_rescue_in_a_shared_folder_gets_a_name_no_one_could_take_first(
    tmp_path: Path, record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: anyone may create files in it
    # Someone else on the machine made every name a rescue at this second could pick.
    stem = "supple-unsaved-20261128-093005"
    taken = {f"{stem}.json", *(f"{stem}-{n}.json" for n in range(1, 100))}
    for name in taken:
        (shared / name).write_text("not yours")
    keeper = SaveKeeper(History(tmp_path / "full"))
    monkeypatch.setattr(storage_module, "atomic_write", _disk_full)
    keeper.save(record(0))
    monkeypatch.undo()
    rescued = keeper.rescue(WHEN, [shared])
    assert rescued.parent == shared and rescued.name not in taken
    assert rescued.name.startswith(stem) and rescued.suffix == ".json"
    assert rescued.stat().st_mode & 0o777 == 0o600
    assert main(["--data-dir", str(tmp_path / "back"), "history", "import", str(rescued)]) == 0
    assert History(tmp_path / "back").sessions() == [record(0)]
