"""One reminder, as every platform's scheduler reads it: systemd, cron, launchd, schtasks."""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.commands import reminder_units as units
from tui.commands.reminder_units import Reminder, ReminderError, parse_days, parse_time

# A data folder whose name needs quoting everywhere: a space, systemd's % and $, a quote.
ODD_FOLDER = "/tmp/my data/50% $HOME's"
COMMAND = (sys.executable, "-P", "-m", "tui.cli", "--data-dir", ODD_FOLDER, "remind", "now")
DAILY = Reminder(7, 30, units.EVERY_DAY, COMMAND)
SOME_DAYS = Reminder(18, 5, (1, 3, 5, 7), COMMAND)


def test_times_and_days_are_read_as_a_person_types_them() -> None:
    assert parse_time("7:30") == (7, 30)
    assert parse_time(" 23:59 ") == (23, 59)
    assert parse_days("Mon,wednesday, FRI") == (1, 3, 5)
    assert parse_days("sun,mon") == (1, 7)
    for wrong in ("24:00", "7.30", "730", "07:60", "noon"):
        with pytest.raises(ReminderError, match="HH:MM"):
            parse_time(wrong)
    with pytest.raises(ReminderError, match="'funday' is not a day"):
        parse_days("mon,funday")
    with pytest.raises(ReminderError, match="at least one day"):
        parse_days(",")


def test_the_systemd_timer_fires_at_the_time_on_the_days_and_catches_up_after_sleep() -> None:
    daily = units.systemd_timer(DAILY)
    assert "OnCalendar=*-*-* 07:30:00\n" in daily
    assert "Persistent=true\n" in daily
    assert "WantedBy=timers.target\n" in daily
    assert "OnCalendar=Mon,Wed,Fri,Sun *-*-* 18:05:00\n" in units.systemd_timer(SOME_DAYS)
    assert units.WRITTEN_BY in daily


def test_the_systemd_service_runs_the_command_word_for_word() -> None:
    service = units.systemd_service(DAILY)
    exec_line = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    assert "Type=oneshot\n" in service
    # systemd reads "%%" as % and "$$" as $; its quoting otherwise splits like a shell's.
    words = shlex.split(exec_line.removeprefix("ExecStart=").replace("%%", "%").replace("$$", "$"))
    assert tuple(words) == COMMAND


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("reminder", [DAILY, SOME_DAYS], ids=["every-day", "some-days"])
def test_systemd_analyze_verifies_the_generated_units(tmp_path: Path, reminder: Reminder) -> None:
    (tmp_path / "supple-reminder.timer").write_text(units.systemd_timer(reminder))
    (tmp_path / "supple-reminder.service").write_text(units.systemd_service(reminder))
    runtime = tmp_path / "run"
    runtime.mkdir()
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", "supple-reminder.timer", "supple-reminder.service"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # not even a warning


def test_the_crontab_line_runs_at_the_time_on_the_days() -> None:
    line = units.crontab_line(DAILY)
    assert line.startswith("30 7 * * * ")
    assert line.endswith("  # supple remind")
    assert units.crontab_line(SOME_DAYS).startswith("5 18 * * 1,3,5,0 ")  # cron's Sunday is 0
    # cron hands the command to sh, and reads an unescaped % as a line break.
    command = line.removeprefix("30 7 * * * ").removesuffix("  # supple remind")
    assert tuple(shlex.split(command.replace("\\%", "%"))) == COMMAND


def test_the_launch_agent_runs_the_command_at_the_time_on_the_days() -> None:
    daily = plistlib.loads(units.launchd_plist(DAILY))
    assert daily["Label"] == units.LAUNCHD_LABEL
    assert daily["ProgramArguments"] == list(COMMAND)
    assert daily["StartCalendarInterval"] == {"Hour": 7, "Minute": 30}
    assert daily["RunAtLoad"] is False
    some = plistlib.loads(units.launchd_plist(SOME_DAYS))
    assert some["StartCalendarInterval"] == [
        {"Weekday": day, "Hour": 18, "Minute": 5}
        for day in (1, 3, 5, 0)  # launchd's Sunday: 0
    ]


def test_launchctl_loads_and_unloads_in_the_persons_session() -> None:
    path = "/Users/a/Library/LaunchAgents/supple.reminder.plist"
    assert units.launchctl_load(501, path) == ["launchctl", "bootstrap", "gui/501", path]
    assert units.launchctl_unload(501) == ["launchctl", "bootout", "gui/501/supple.reminder"]


def test_schtasks_creates_a_daily_or_weekly_task_running_the_command() -> None:
    windows = (r"C:\Program Files\Python\pythonw.exe", "-P", "-m", "tui.cli", "remind", "now")
    daily = units.schtasks_create(Reminder(7, 30, units.EVERY_DAY, windows))
    assert daily == [
        "schtasks", "/Create", "/F", "/TN", r"Supple\Reminder", "/SC", "DAILY", "/ST", "07:30",
        "/TR", r'"C:\Program Files\Python\pythonw.exe" -P -m tui.cli remind now',
    ]  # fmt: skip
    weekly = units.schtasks_create(Reminder(18, 5, (1, 3, 5, 7), windows))
    assert weekly[5:11] == ["/SC", "WEEKLY", "/D", "MON,WED,FRI,SUN", "/ST", "18:05"]
    assert units.schtasks_delete() == ["schtasks", "/Delete", "/F", "/TN", r"Supple\Reminder"]


def test_macos_notification_text_is_quoted_for_applescript() -> None:
    from tui.commands.notify import applescript_string

    assert applescript_string('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'
