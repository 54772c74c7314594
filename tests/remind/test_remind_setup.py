"""`supple remind at`, `off` and `remind`: what is written, enabled and removed; nothing else."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.fake_schedulers import Schedulers
from tui.cli import main

TIMER = "supple-reminder.timer"
SERVICE = "supple-reminder.service"


def _files(root: Path) -> dict[str, bytes]:
    """Every file under `root` but the fake schedulers' logs, with its content."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "schedulers" not in p.parts
    }


def _remind(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["remind", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_at_writes_and_enables_a_timer_then_off_leaves_no_file_behind(
    tmp_path: Path,
    unit_dir: Path,
    data_dir: Path,
    schedulers: Schedulers,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _files(tmp_path)
    code, out, err = _remind(capsys, "at", "07:30")
    assert (code, err) == (0, "")
    assert "Reminder set: 07:30, every day" in out
    assert "OnCalendar=*-*-* 07:30:00" in (unit_dir / TIMER).read_text()
    # The timer checks the history this Supple uses ($SUPPLE_DATA_DIR here).
    assert f"--data-dir {data_dir} remind now\n" in (unit_dir / SERVICE).read_text()
    assert schedulers.calls("systemctl")[-3:] == [
        "--user daemon-reload",
        f"--user enable {TIMER}",
        f"--user restart {TIMER}",
    ]
    code, out, err = _remind(capsys, "off")
    assert (code, err) == (0, "")
    assert out.startswith("Reminder removed")
    assert f"--user disable --now {TIMER}" in schedulers.calls("systemctl")
    assert _files(tmp_path) == before  # the units and reminder.json are gone, nothing else moved


def test_moving_the_reminder_rewrites_its_timer(
    unit_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _remind(capsys, "at", "07:30")[0] == 0
    assert _remind(capsys, "at", "18:05", "--days", "mon,wed,fri")[0] == 0
    assert "OnCalendar=Mon,Wed,Fri *-*-* 18:05:00" in (unit_dir / TIMER).read_text()
    code, out, _ = _remind(capsys)
    assert code == 0
    assert out.splitlines()[0] == (
        "Reminder: 18:05, Mon, Wed, Fri, on a day you have not stretched yet."
    )
    assert f"How: a systemd user timer: {unit_dir / TIMER} and {unit_dir / SERVICE}" in out
    assert "Runs: " in out and out.rstrip().endswith("Last reminded: never yet")


def test_units_of_other_names_are_never_touched(
    unit_dir: Path, schedulers: Schedulers, capsys: pytest.CaptureFixture[str]
) -> None:
    unit_dir.mkdir(parents=True)
    others = {
        "backup.timer": "[Timer]\nOnCalendar=daily\n",
        "backup.service": "[Service]\nExecStart=/bin/true\n",
        "supple-reminder-old.timer": "[Timer]\nOnCalendar=weekly\n",
    }
    for name, text in others.items():
        (unit_dir / name).write_text(text)
    stamps = {name: os.stat(unit_dir / name).st_mtime_ns for name in others}
    assert _remind(capsys, "at", "07:30")[0] == 0
    assert _remind(capsys, "off")[0] == 0
    assert {p.name: p.read_text() for p in unit_dir.iterdir()} == others
    assert {name: os.stat(unit_dir / name).st_mtime_ns for name in others} == stamps
    named = {word for call in schedulers.calls("systemctl") for word in call.split() if "." in word}
    assert named == {TIMER}


def test_a_file_of_the_reminders_name_that_supple_did_not_write_is_left_alone(
    unit_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit_dir.mkdir(parents=True)
    (unit_dir / TIMER).write_text("[Timer]\nOnCalendar=hourly\n")
    code, _, err = _remind(capsys, "at", "07:30")
    assert code == 1
    assert f"{unit_dir / TIMER} exists and was not written by Supple; nothing was changed" in err
    assert (unit_dir / TIMER).read_text() == "[Timer]\nOnCalendar=hourly\n"
    assert not (unit_dir / SERVICE).exists()


def test_without_a_user_manager_it_says_so_and_offers_a_crontab_line(
    tmp_path: Path,
    schedulers: Schedulers,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FAKE_NO_USER_MANAGER", "1")
    before = _files(tmp_path)
    code, out, err = _remind(capsys, "at", "07:30", "--days", "sat,sun")
    assert (code, out) == (1, "")
    assert "no systemd user manager here (Failed to connect to bus: No medium found)" in err
    assert "`supple remind at 07:30 --days sat,sun --cron` adds this line" in err
    assert "\n  30 7 * * 6,0 " in err
    assert "supple status --if-not-done" in err
    assert _files(tmp_path) == before  # nothing written, the crontab not even read
    assert schedulers.calls("crontab") == []


def test_cron_adds_its_line_and_off_removes_exactly_that_line(
    schedulers: Schedulers, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_NO_USER_MANAGER", "1")
    # The person's own table: comments, a blank line, a look-alike line, no final newline.
    table = "# m h dom mon dow command\nMAILTO=me\n\n30 7 * * * backup --supple remind\n0 * * * * x"
    schedulers.folder.mkdir()
    schedulers.crontab.write_text(table)
    code, out, err = _remind(capsys, "at", "07:30", "--cron")
    assert (code, err) == (0, "")
    lines = schedulers.crontab.read_text().splitlines()
    assert lines[:-1] == table.splitlines()
    assert lines[-1].startswith("30 7 * * * ") and lines[-1].endswith("remind now  # supple remind")
    assert f"How: a line in your crontab: {lines[-1]}" in out
    assert _remind(capsys, "at", "07:30", "--cron")[0] == 0  # again: still one line
    assert schedulers.crontab.read_text().splitlines() == lines
    assert _remind(capsys, "off")[0] == 0
    assert schedulers.crontab.read_text() == table + "\n"


def test_moving_from_cron_to_a_timer_takes_the_line_out(
    schedulers: Schedulers, unit_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _remind(capsys, "at", "07:30", "--cron")[0] == 0
    assert schedulers.crontab.read_text().count("# supple remind") == 1
    assert _remind(capsys, "at", "08:00")[0] == 0
    assert schedulers.crontab.read_text() == ""
    assert (unit_dir / TIMER).exists()


def test_off_with_nothing_set_changes_nothing(
    tmp_path: Path, schedulers: Schedulers, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(tmp_path)
    assert _remind(capsys, "off") == (0, "No reminder is set; nothing to remove.\n", "")
    assert _remind(capsys)[1].startswith("No reminder is set.")
    assert _files(tmp_path) == before
    assert schedulers.calls("systemctl") == []


def test_a_time_or_day_it_cannot_read_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _remind(capsys, "at", "7.30")
    assert code == 2
    assert "'7.30' is not a time; give it as HH:MM in 24-hour time, e.g. 07:30" in err
    code, _, err = _remind(capsys, "at", "07:30", "--days", "mon,someday")
    assert code == 2
    assert "'someday' is not a day" in err


def test_a_damaged_reminder_file_is_named_and_left_as_it_is(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "reminder.json").write_text('{"time": 7}')
    for args in ((), ("at", "08:00"), ("off",)):
        code, _, err = _remind(capsys, *args)
        assert code == 1
        assert f"{data_dir / 'reminder.json'} is not a reminder Supple wrote" in err
    assert json.loads((data_dir / "reminder.json").read_text()) == {"time": 7}
