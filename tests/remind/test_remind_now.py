"""`supple remind now` on a real D-Bus session bus: one notification on a day not yet practised.

Each test that needs a desktop starts its own bus (`dbus-run-session`) with a small
notification server that logs every Notify call; `supple remind now` runs as the timer
runs it, a program of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from shutil import which

import pytest

from tests.history_paths import own_folder
from tests.store.session_factory import make_record
from tui.cli import main
from tui.commands.history import json_chunks
from tui.core.record import SessionRecord

SERVER = Path(__file__).with_name("notification_server.py")
TITLE = "Hip & back stretches: ≈7 min"  # the fixture routine takes 7:02 at its defaults


@dataclass
class Desktop:
    """A private session bus whose notification server logs what it was sent."""

    log: Path

    def notifications(self) -> list[dict[str, str]]:
        """Every Notify call so far: app_name, summary, body."""
        return [json.loads(line) for line in self.log.read_text().splitlines()]


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    """A session bus of the test's own, with a notification server on it."""
    if which("dbus-run-session") is None:
        pytest.skip("dbus-run-session is not installed (Debian package dbus)")
    pytest.importorskip("dbus_fast", reason="the test notification server needs dbus-fast")
    log, errors = tmp_path / "notifications.jsonl", tmp_path / "bus-errors.txt"
    log.touch()
    with errors.open("w") as stderr:
        server = subprocess.Popen(
            ["dbus-run-session", "--", sys.executable, str(SERVER), str(log)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    assert server.stdin is not None and server.stdout is not None
    address = server.stdout.readline().strip()  # said once the server owns its name
    assert address.startswith("unix:"), errors.read_text()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield Desktop(log)
    server.stdin.close()  # the server leaves, and its bus with it
    server.wait(timeout=60)


def remind_now() -> subprocess.CompletedProcess[str]:
    """`supple remind now` as the timer runs it; it has had its reply once it has exited."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "remind", "now"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    return done


def import_history(tmp_path: Path, *records: SessionRecord) -> None:
    """Bring sessions in as a person would, with `supple history import`."""
    path = tmp_path / "sessions.json"
    path.write_bytes(b"".join(json_chunks(records)))
    assert main(["history", "import", str(path)]) == 0


def days_ago(days: int) -> datetime:
    return datetime.now().astimezone() - timedelta(days=days)


def test_a_day_not_yet_practised_gets_exactly_one_notification(
    desktop: Desktop, tmp_path: Path
) -> None:
    import_history(tmp_path, *(make_record(n, started_at=days_ago(n)) for n in (1, 2)))
    remind_now()
    assert desktop.notifications() == [
        {
            "app_name": "Supple",
            "summary": TITLE,
            "body": "2-day streak — consistency is your most powerful tool.",
        }
    ]


def test_a_day_already_practised_gets_none(desktop: Desktop, tmp_path: Path) -> None:
    import_history(tmp_path, make_record(0, started_at=days_ago(0)))
    remind_now()
    assert desktop.notifications() == []


def test_a_demo_session_is_not_practice_so_the_reminder_still_comes(
    desktop: Desktop, tmp_path: Path
) -> None:
    import_history(tmp_path, make_record(0, started_at=days_ago(0), speed=8.0))
    remind_now()
    assert [n["body"] for n in desktop.notifications()] == [
        "Consistency is your most powerful tool."
    ]


def test_one_notification_a_day_however_often_the_timer_runs(
    desktop: Desktop, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["remind", "at", "07:30"]) == 0
    remind_now()
    remind_now()  # a missed run caught up on waking, or run by hand
    assert len(desktop.notifications()) == 1
    capsys.readouterr()
    assert main(["remind"]) == 0
    assert f"Last reminded: {datetime.now().astimezone():%Y-%m-%d}" in capsys.readouterr().out


def test_none_on_a_day_not_chosen(desktop: Desktop) -> None:
    today = datetime.now().astimezone().isoweekday()
    others = ",".join(
        d for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 1) if i != today
    )
    assert main(["remind", "at", "07:30", "--days", others]) == 0
    remind_now()
    assert desktop.notifications() == []


def test_with_no_desktop_it_exits_quietly(data_dir: Path) -> None:
    remind_now()  # no session bus: exit 0, nothing said (asserted inside)
    assert not (data_dir / "history").exists()


def test_it_never_writes_history_or_routines(
    desktop: Desktop, tmp_path: Path, data_dir: Path
) -> None:
    import_history(tmp_path, make_record(1, started_at=days_ago(1)))
    before = {p: p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()}
    remind_now()
    assert len(desktop.notifications()) == 1
    after = {p: p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()}
    assert after == before  # no history, no index, no routines.json (nothing was set)


def test_a_day_already_practised_reads_only_the_day_index(
    tmp_path: Path, data_dir: Path, opened_files: list[str]
) -> None:
    import_history(tmp_path, *(make_record(n, started_at=days_ago(n)) for n in range(400)))
    assert main(["remind", "at", "07:30"]) == 0
    opened_files.clear()
    assert main(["remind", "now"]) == 0
    in_data = [Path(p) for p in opened_files if "device-id" not in p]
    assert sorted(p.relative_to(data_dir).as_posix() for p in in_data) == [
        f"history/{own_folder(data_dir).name}/index/days.json",
        "reminder.json",
    ]
