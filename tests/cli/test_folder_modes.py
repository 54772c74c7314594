"""The person's folders keep the modes they chose; new ones are private; exposure is said."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.history_paths import own_folder
from tui import paths
from tui.cli import main
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.store.history import History
from tui.store.routines import RoutineStore

STARTED = datetime(2026, 11, 3, 8, tzinfo=timezone(timedelta(hours=1)))
SESSION = SessionRecord(
    "s1", "daily", "Daily", STARTED, STARTED + timedelta(minutes=1), Status.COMPLETED, 45, 45,
    (PoseRecord("childs-pose", None, 45, 45, Outcome.DONE),),
)  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which a plain mkdir makes folders everyone can read."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _folders(data: Path) -> tuple[Path, ...]:
    return (data, data / "history", own_folder(data), own_folder(data) / "index")


def test_status_and_history_leave_a_read_only_folder_as_its_owner_set_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History(tmp_path).save(SESSION)
    for folder in (
        tmp_path,
        tmp_path / "history",
        own_folder(tmp_path),
        own_folder(tmp_path) / "index",
    ):
        folder.chmod(0o555)
    try:
        assert main(["--data-dir", str(tmp_path), "status"]) == 0
        assert main(["--data-dir", str(tmp_path), "history"]) == 0
        History(tmp_path)  # the app, which writes, respects it too
        paths.ensure_private_dir(tmp_path)
        for folder in (
            tmp_path,
            tmp_path / "history",
            own_folder(tmp_path),
            own_folder(tmp_path) / "index",
        ):
            assert mode(folder) == 0o555, folder
    finally:
        for folder in (
            tmp_path,
            tmp_path / "history",
            own_folder(tmp_path),
            own_folder(tmp_path) / "index",
        ):
            folder.chmod(0o755)
    assert "chmod go-rwx" in capsys.readouterr().err  # and says that others can look in


def test_the_target_of_a_symlinked_data_folder_is_not_chmodded(
    tmp_path: Path, umask_022: None
) -> None:
    target = tmp_path / "elsewhere"
    (target / "history").mkdir(parents=True)
    link = tmp_path / "data-link"
    link.symlink_to(target)
    History(link).save(SESSION)
    RoutineStore(link)
    assert main(["--data-dir", str(link), "status"]) == 0
    assert mode(target) == 0o755
    assert mode(target / "history") == 0o755
    assert link.is_symlink()


def test_new_folders_are_private_and_new_files_owner_only(tmp_path: Path, umask_022: None) -> None:
    data = tmp_path / "new" / "data"
    History(data).save(SESSION)
    RoutineStore(data).set_current("hip-back-daily")
    assert mode(tmp_path / "new") == 0o700  # a parent made along the way too
    folders = [data, *(p for p in data.rglob("*") if p.is_dir())]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {mode(f) for f in folders} == {0o700}
    assert len(files) >= 4 and {mode(f) for f in files} == {0o600}


def test_a_file_where_the_data_folder_should_be_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        paths.ensure_private_dir(blocker / "history")


def test_history_open_to_others_is_said_once_with_the_command_that_closes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_022: None
) -> None:
    History(tmp_path).save(SESSION)
    assert [w for w in History(tmp_path).warnings if "Other people" in w] == []
    tmp_path.chmod(0o755)
    (tmp_path / "history").chmod(0o750)
    history = History(tmp_path)
    history.summaries()
    history.save(SESSION)
    [said] = [w for w in history.warnings if "Other people" in w]
    assert f"chmod go-rwx {tmp_path} {tmp_path / 'history'}" in said
    assert mode(tmp_path) == 0o755  # said, not changed
    assert main(["--data-dir", str(tmp_path), "history"]) == 0
    assert capsys.readouterr().err.count("Other people") == 1
    assert main(["--data-dir", str(tmp_path), "status"]) == 0
    assert "Other people" not in capsys.readouterr().err  # a shell prompt is not the place
