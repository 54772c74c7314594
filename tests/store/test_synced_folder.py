"""A data folder synced between two machines: every session on both, counted once, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from tests.store.session_factory import START, make_record
from tui.cli import main
from tui.core.record import to_dict
from tui.store.day_index import status_of
from tui.store.device import device_id
from tui.store.history import History

OLD_FOLDER = Path(__file__).parent / "folder_from_before_devices"


class Machine:
    """One computer: its own config folder (so its own device id) and its copy of the data."""

    def __init__(self, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.data = tmp_path / name / "data"
        self.config = tmp_path / name / "config"
        self._monkeypatch = monkeypatch
        self.said = ""  # what the last `supple history` said on stderr

    def use(self) -> Machine:
        """Run what follows as this machine (its config folder, its data folder)."""
        self._monkeypatch.setenv("XDG_CONFIG_HOME", str(self.config))
        self._monkeypatch.setenv("SUPPLE_DATA_DIR", str(self.data))
        return self

    def history(self) -> History:
        """The app's history on this machine."""
        self.use()
        return History(self.data)

    def listed(self, capsys: pytest.CaptureFixture[str]) -> list[str]:
        """The session ids `supple history --json` prints here, in its order."""
        self.use()
        capsys.readouterr()
        assert main(["history", "--json"]) == 0
        printed = capsys.readouterr()
        self.said = printed.err
        return [item["id"] for item in json.loads(printed.out)]


class Syncthing:
    """Syncs two folders as Syncthing does: a file changed on one side is copied over; a file
    changed on both keeps the newer version and the other becomes a `.sync-conflict-` copy."""

    def __init__(self, one: Path, other: Path) -> None:
        self.sides = (one, other)
        self.synced: dict[str, bytes] = {}  # each file's content as of the last sync
        self.mtimes: dict[bytes, int] = {}  # a version's modification time, which a sync keeps

    def _files(self, root: Path) -> dict[str, bytes]:
        found = {
            str(p.relative_to(root)): p
            for p in root.rglob("*")
            if p.is_file() and not p.name.endswith(".lock")
        }
        for path in found.values():
            self.mtimes[path.read_bytes()] = path.stat().st_mtime_ns
        return {name: path.read_bytes() for name, path in found.items()}

    def sync(self) -> None:
        """One round, as after both machines come online."""
        one, other = self.sides
        here, there = self._files(one), self._files(other)
        for name in sorted(set(here) | set(there)):
            mine, theirs, before = here.get(name), there.get(name), self.synced.get(name)
            if mine == theirs:
                pass
            elif theirs is None or theirs == before:  # changed here only: copied there
                _put(other / name, mine, self.mtimes)
            elif mine is None or mine == before:  # changed there only
                _put(one / name, theirs, self.mtimes)
            else:  # changed on both: the other machine's version becomes a conflict copy
                path = Path(name)
                stem, suffix = path.name.split(".", 1)
                copy = path.with_name(f"{stem}.sync-conflict-20261120-101010-ABCDEFG.{suffix}")
                _put(one / copy, theirs, self.mtimes)
                _put(other / name, mine, self.mtimes)
                _put(other / copy, theirs, self.mtimes)
        self.synced = self._files(one)


def _put(path: Path, content: bytes | None, mtimes: dict[bytes, int] | None = None) -> None:
    assert content is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".syncthing.tmp")
    tmp.write_bytes(content)
    if mtimes is not None and content in mtimes:  # the version's own time, as Syncthing keeps
        os.utime(tmp, ns=(mtimes[content], mtimes[content]))
    os.replace(tmp, path)  # a sync tool replaces a file whole, under a running app too


def _old_style_month(folder: Path, month: str, *records: object) -> Path:
    """A month file as Supple wrote it before device folders: one shared file per month."""
    path = folder / "history" / f"{month}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    table = {str(n + 1): to_dict(r) for n, r in enumerate(records)}  # type: ignore[arg-type]
    path.write_bytes(orjson.dumps({"sessions": table}))
    return path


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    """The first machine."""
    return Machine(tmp_path, "laptop", monkeypatch)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    """The second machine."""
    return Machine(tmp_path, "server", monkeypatch)


def test_each_machine_has_its_own_device_id_kept_outside_the_data_folder(
    laptop: Machine, server: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = {laptop.use().history().device, server.use().history().device}
    assert len(ids) == 2
    laptop.use()
    assert History(laptop.data).device == device_id()  # made once, the same at every start
    [kept] = (laptop.config / "supple").glob("device-id-*")
    assert kept.read_text().strip() in ids
    assert not any(p.name.startswith("device-id") for p in laptop.data.rglob("*"))
    capsys.readouterr()
    assert main(["status", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert f"this machine's device id: {device_id()} (kept in {kept})" in out
    assert f"data folder: {laptop.data}" in out


def test_two_machines_stretching_in_one_month_see_every_session_once(
    laptop: Machine, server: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    sync = Syncthing(laptop.data, server.data)
    laptop.history().save(make_record(0, id="on-laptop"))
    sync.sync()
    server.history().save(make_record(1, id="on-server"))
    laptop.history().save(make_record(2, id="on-laptop-again"))  # both changed since the sync
    sync.sync()
    assert not list(laptop.data.rglob("*sync-conflict*"))  # no file was written on both
    expected = ["on-laptop-again", "on-server", "on-laptop"]
    assert laptop.listed(capsys) == expected
    assert server.listed(capsys) == expected
    for machine in (laptop, server):
        machine.use()
        facts = status_of(History(machine.data, read_only=True), START.date() + timedelta(days=2))
        assert facts.streak == 3 and facts.done_today


def test_a_syncthing_conflict_of_an_old_style_month_loses_no_session(
    laptop: Machine, server: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    # Both machines still ran a Supple from before device folders: each rewrote 2026-11.json.
    sync = Syncthing(laptop.data, server.data)
    shared = make_record(0, id="shared")
    _old_style_month(laptop.data, "2026-11", shared)
    sync.sync()
    _old_style_month(laptop.data, "2026-11", shared, make_record(1, id="laptop-only"))
    _old_style_month(server.data, "2026-11", shared, make_record(2, id="server-only"))
    sync.sync()
    [copy] = laptop.data.glob("history/2026-11.sync-conflict-*.json")
    for machine in (laptop, server):
        assert sorted(machine.listed(capsys)) == ["laptop-only", "server-only", "shared"]
        assert f"1 session of 2026-11 is only in a sync conflict copy ({copy.name})" in (
            machine.said
        )
        machine.use()
        facts = status_of(History(machine.data, read_only=True), START.date() + timedelta(days=2))
        assert facts.streak == 3
    before = copy.read_bytes()
    app = laptop.history()
    app.summaries()
    told = [w for w in app.warnings if "sync conflict copy" in w]
    assert told == [
        f"Merged 1 session from a sync conflict copy of 2026-11 ({copy.name}) into this "
        "machine's history. The copy was left as it is; you may delete it."
    ]
    assert copy.read_bytes() == before  # left for the sync tool, its session kept elsewhere
    again = laptop.history()
    again.summaries()
    assert not [w for w in again.warnings if "sync conflict copy" in w]  # said once
    assert sorted(s.id for s in again.summaries()) == ["laptop-only", "server-only", "shared"]


@pytest.mark.parametrize(
    "name",
    [
        "2026-11.sync-conflict-20261120-101010-ABCDEFG.json",  # Syncthing
        "2026-11 (conflicted copy 2026-11-20 101010).json",  # Nextcloud, ownCloud
        "2026-11_conflict-20261120-101010.json",  # Nextcloud's other form
        "2026-11 (server's conflicted copy 2026-11-20).json",  # Dropbox
    ],
)
def test_a_conflict_copy_of_any_sync_tool_is_read(
    name: str, laptop: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    app = laptop.history()
    app.save(make_record(0, id="here"))
    assert app.own is not None
    copy = app.own / name
    copy.write_bytes(orjson.dumps({"sessions": {"1": to_dict(make_record(1, id="in-copy"))}}))
    assert laptop.listed(capsys) == ["in-copy", "here"]
    assert f"1 session of 2026-11 is only in a sync conflict copy ({name})" in laptop.said
    assert copy.exists()


def test_a_month_file_that_cannot_be_opened_stays_where_it_is(
    laptop: Machine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = laptop.history()
    app.save(make_record(0, id="readable"))
    other = laptop.data / "history" / "server-abcdef" / "2026-10.json"
    other.parent.mkdir()
    other.write_bytes(orjson.dumps({"sessions": {}}))
    # Root opens a 0000 file anyway: refuse the open the way chmod 000 would for anyone else.
    real_read_bytes = Path.read_bytes

    def no_permission(self: Path) -> bytes:
        if self == other:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", no_permission)
    for reader in (laptop.history(), History(laptop.data, read_only=True)):
        assert [s.id for s in reader.summaries()] == ["readable"]
        assert any(str(other) in w and "Permission denied" in w for w in reader.warnings), (
            reader.warnings
        )
    assert sorted(p.name for p in other.parent.iterdir()) == ["2026-10.json"]  # not renamed


@pytest.mark.skipif(os.geteuid() == 0, reason="chmod 000 does not stop root from reading")
def test_a_0000_month_file_stays_where_it_is(laptop: Machine) -> None:
    app = laptop.history()
    app.save(make_record(0))
    assert app.own is not None
    month = app.own / "2026-11.json"
    month.chmod(0)
    try:
        again = laptop.history()
        again.save(make_record(40))
        assert any(str(month) in w for w in again.warnings)
        assert sorted(p.name for p in app.own.glob("2026-11.json*")) == ["2026-11.json"]
    finally:
        month.chmod(0o600)


def test_a_file_replaced_under_the_running_app_is_read_again(
    laptop: Machine, server: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    sync = Syncthing(laptop.data, server.data)
    app = laptop.history()  # running all along
    app.save(make_record(0, id="first"))
    sync.sync()
    server.history().save(make_record(1, id="from-server"))
    sync.sync()  # the server's file arrives while the laptop's app runs
    laptop.use()
    app.save(make_record(2, id="second"))
    assert [s.id for s in app.summaries()] == ["second", "from-server", "first"]
    # Its own file replaced whole by the sync tool (restored from another copy, say):
    assert app.own is not None
    own = app.own / "2026-11.json"
    content = json.loads(own.read_text())
    content["sessions"]["99"] = to_dict(make_record(3, id="restored"))
    _put(own, json.dumps(content).encode())
    app.save(make_record(4, id="third"))
    listed = laptop.listed(capsys)
    assert sorted(listed) == ["first", "from-server", "restored", "second", "third"]


def test_a_folder_from_before_device_folders_is_read_and_never_rewritten(
    laptop: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(OLD_FOLDER, laptop.data)
    old_files = {p: p.read_bytes() for p in (laptop.data / "history").rglob("*.json")}
    expected = ["old-2", "old-1", "old-0", "old-oct"]
    assert laptop.listed(capsys) == expected  # before the app ever ran here
    app = laptop.history()
    assert [s.id for s in app.summaries()] == expected
    app.save(make_record(3, id="new"))
    assert app.delete("old-1")
    assert laptop.listed(capsys) == ["new", "old-2", "old-0", "old-oct"]
    laptop.use()
    facts = status_of(History(laptop.data, read_only=True), date(2026, 11, 6))
    assert facts.streak == 2  # the 5th and the 6th: the 4th's session was deleted
    # Every old file is as it was: the app wrote only into its own device folder.
    assert {p: p.read_bytes() for p in old_files} == old_files
    assert app.own is not None
    assert sorted(p.name for p in app.own.glob("*.json")) == ["2026-11.json"]


def test_a_session_synced_in_later_reaches_status_without_a_full_rescan(
    laptop: Machine, server: Machine, opened_files: list[str]
) -> None:
    sync = Syncthing(laptop.data, server.data)
    today = datetime.now().astimezone()
    laptop.history().merge(
        make_record(n, started_at=today - timedelta(days=n)) for n in range(2, 400)
    )
    sync.sync()
    server.history().save(make_record(1, id="yesterday", started_at=today - timedelta(days=1)))
    sync.sync()
    laptop.use()
    opened_files.clear()
    facts = status_of(History(laptop.data, read_only=True), today.date())
    assert facts.streak == 399
    months = {Path(p).name for p in opened_files if "history" in p}
    assert len(months) <= 4  # the days file, this month's files (and last month's if just begun)


def test_history_import_takes_a_month_file(
    laptop: Machine, server: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = server.history()
    theirs.save(make_record(0, id="from-server"))
    theirs.save(make_record(1, id="also-from-server"))
    assert theirs.own is not None
    month = theirs.own / "2026-11.json"
    laptop.history().save(make_record(2, id="here"))
    laptop.use()
    capsys.readouterr()
    assert main(["history", "import", str(month)]) == 0
    assert "2 added, 0 already present, 0 updated, 0 refused." in capsys.readouterr().out
    assert sorted(laptop.listed(capsys)) == ["also-from-server", "from-server", "here"]


def test_a_month_file_import_refuses_what_the_store_cannot_file(
    laptop: Machine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ancient = make_record(0, id="year-one", started_at=START.replace(year=1))
    month = _old_style_month(tmp_path / "elsewhere", "0001-11", ancient, make_record(1, id="ok"))
    laptop.use()
    capsys.readouterr()
    assert main(["history", "import", str(month)]) == 1
    out = capsys.readouterr().out
    assert "1 added, 0 already present, 0 updated, 1 refused." in out
    assert laptop.listed(capsys) == ["ok"]


_AS_NOBODY = """
import sys
from tests.store.session_factory import make_record
from tui.store.history import History
history = History(sys.argv[1])
history.save(make_record(40))  # December: the unreadable November file is never written
history.summaries()  # as the History screen reads every month
print("\\n".join(history.warnings))
"""


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to act as nobody"
)
def test_a_month_file_another_user_owns_is_named_and_never_renamed(tmp_path: Path) -> None:
    # Root reads any file, so the app runs as nobody, beside a 0000 file root owns.
    nobody = 65534
    home = Path(tempfile.mkdtemp(prefix="supple-nobody-"))  # a folder nobody can reach
    try:
        home.chmod(0o755)
        data, config = home / "data", home / "config"
        for folder in (data, config):
            folder.mkdir(mode=0o700)
            os.chown(folder, nobody, nobody)
        env = {**os.environ, "XDG_CONFIG_HOME": str(config), "HOME": str(home)}
        as_nobody = ["setpriv", f"--reuid={nobody}", f"--regid={nobody}", "--clear-groups"]
        probe = [*as_nobody, sys.executable, "-c", "import tests, tui"]
        if subprocess.run(probe, env=env, capture_output=True, check=False).returncode != 0:
            # CI's fresh clone sits in a private (0700) temp folder that nobody cannot enter.
            pytest.skip("the user nobody cannot read this checkout or its venv")
        run = [*as_nobody, sys.executable, "-c", _AS_NOBODY, str(data)]
        first = subprocess.run(run, env=env, capture_output=True, text=True, check=False)
        assert first.returncode == 0, first.stderr
        [own] = [p for p in (data / "history").iterdir() if p.is_dir()]
        month = own / "2026-11.json"
        month.write_bytes(orjson.dumps({"sessions": {"1": to_dict(make_record(0))}}))
        month.chmod(0)  # root's, mode 0000: nobody may not open it
        again = subprocess.run(run, env=env, capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stderr
        assert f"{month} could not be opened (Permission denied)" in again.stdout
        assert sorted(p.name for p in own.glob("2026-11.json*")) == ["2026-11.json"]
        listed = subprocess.run(
            [*as_nobody, sys.executable, "-m", "tui.cli", "--data-dir", str(data), "history"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert listed.returncode == 1 and "Permission denied" in listed.stderr
        assert sorted(p.name for p in own.glob("2026-11.json*")) == ["2026-11.json"]
    finally:
        shutil.rmtree(home)


def test_status_uses_what_the_other_machine_already_read(
    laptop: Machine, server: Machine, opened_files: list[str]
) -> None:
    sync = Syncthing(laptop.data, server.data)
    today = datetime.now().astimezone()
    laptop.history().merge(
        make_record(n, id=f"l{n}", started_at=today - timedelta(days=n)) for n in range(1, 300)
    )
    server.history().merge(
        make_record(n, id=f"s{n}", started_at=today - timedelta(days=n)) for n in range(0, 300, 2)
    )
    sync.sync()  # both machines' ten months together for the first time
    server.use()
    assert status_of(server.history(), today.date()).streak == 300  # the app there reads them
    sync.sync()  # and its indexes and days file reach the laptop, which only runs status
    laptop.use()
    opened_files.clear()
    facts = status_of(History(laptop.data, read_only=True), today.date())
    assert facts.streak == 300 and facts.done_today
    names = {Path(p).name for p in opened_files if "history" in p}
    assert names == {"days.json"}  # no month read again: the server's days file describes them
