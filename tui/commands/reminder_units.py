"""What a daily reminder is, and the text each platform's scheduler reads to run it.

One `Reminder` (a time, the weekdays, the command) is rendered for every platform: a
systemd user timer and service, a crontab line, a macOS LaunchAgent plist and Windows
`schtasks` arguments. Everything here is pure text, so every platform's output is tested
on any machine; `reminder_install` writes and loads it.
"""

from __future__ import annotations

import plistlib
import re
import shlex
import subprocess
from dataclasses import dataclass

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # ISO weekday 1 is "mon"
EVERY_DAY = (1, 2, 3, 4, 5, 6, 7)
# Unit and job names Supple owns: it writes, loads and removes these and nothing else.
UNIT_NAME = "supple-reminder"
LAUNCHD_LABEL = "supple.reminder"
WINDOWS_TASK = r"Supple\Reminder"
# First line of every file Supple writes, so a file of the same name it did not write is left.
WRITTEN_BY = "Written by `supple remind at`; `supple remind off` removes it."


class ReminderError(ValueError):
    """A time or list of days a person typed that Supple cannot use; the message says why."""


@dataclass(frozen=True)
class Reminder:
    """A daily reminder at a local time on some weekdays, running `command`."""

    hour: int
    minute: int
    days: tuple[int, ...]  # ISO weekdays, 1 = Monday, sorted; all seven = every day
    command: tuple[str, ...]

    @property
    def time_text(self) -> str:
        """The time as a person types it: 07:30."""
        return f"{self.hour:02d}:{self.minute:02d}"

    @property
    def every_day(self) -> bool:
        """Whether it fires on all seven days."""
        return self.days == EVERY_DAY

    @property
    def days_text(self) -> str:
        """ "every day", or the days as "Mon, Wed, Fri"."""
        if self.every_day:
            return "every day"
        return ", ".join(DAY_NAMES[d - 1].capitalize() for d in self.days)

    @property
    def days_option(self) -> str:
        """The days as `--days` takes them ("" for every day)."""
        return "" if self.every_day else ",".join(DAY_NAMES[d - 1] for d in self.days)


_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def parse_time(text: str) -> tuple[int, int]:
    """(hour, minute) from "07:30" or "7:30" in 24-hour time."""
    match = _TIME.fullmatch(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ReminderError(f"{text!r} is not a time; give it as HH:MM in 24-hour time, e.g. 07:30")
    return int(match[1]), int(match[2])


_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORDS = {
    name: day
    for day, names in enumerate(zip(DAY_NAMES, _FULL_NAMES, strict=True), 1)
    for name in names
}


def parse_days(text: str) -> tuple[int, ...]:
    """ISO weekdays from "mon,wed,fri" (three letters or the whole name, any case)."""
    days: set[int] = set()
    for word in filter(None, (w.strip().lower() for w in text.split(","))):
        if word not in _DAY_WORDS:
            raise ReminderError(
                f"{word!r} is not a day; give days as mon,tue,wed,thu,fri,sat,sun, e.g. mon,wed,fri"
            )
        days.add(_DAY_WORDS[word])
    if not days:
        raise ReminderError("--days needs at least one day, e.g. mon,wed,fri")
    return tuple(sorted(days))


# --- systemd (Linux) -----------------------------------------------------------------


def _systemd_word(word: str) -> str:
    """One ExecStart word: quoted for systemd's own splitting; % and $ are its specifiers."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("%", "%%").replace("$", "$$")
    return escaped if re.fullmatch(r"[\w/.,:=+@-]+", escaped) else f'"{escaped}"'


def systemd_calendar(reminder: Reminder) -> str:
    """The timer's OnCalendar= value: "*-*-* 07:30:00", or "Mon,Wed,Fri *-*-* 07:30:00"."""
    days = "" if reminder.every_day else reminder.days_text.replace(" ", "") + " "
    return f"{days}*-*-* {reminder.time_text}:00"


def systemd_service(reminder: Reminder) -> str:
    """The service the timer starts: runs `supple remind now` once."""
    exec_start = " ".join(_systemd_word(w) for w in reminder.command)
    return (
        f"# {WRITTEN_BY}\n"
        "[Unit]\n"
        "Description=Supple: remind me to stretch if today's practice is not done\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
    )


def systemd_timer(reminder: Reminder) -> str:
    """The timer: at the time on the days; Persistent= fires one missed while asleep on waking."""
    return (
        f"# {WRITTEN_BY}\n"
        "[Unit]\n"
        f"Description=Supple: stretching reminder at {reminder.time_text}, {reminder.days_text}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={systemd_calendar(reminder)}\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


# --- cron (Linux or any Unix without a systemd user manager) ---------------------------


def crontab_line(reminder: Reminder) -> str:
    """One crontab line; cron reads an unescaped % in a command as a line break."""
    days = "*" if reminder.every_day else ",".join(str(d % 7) for d in reminder.days)
    command = " ".join(shlex.quote(w) for w in reminder.command).replace("%", "\\%")
    return f"{reminder.minute} {reminder.hour} * * {days} {command}  # supple remind"


# --- launchd (macOS) --------------------------------------------------------------------


def launchd_plist(reminder: Reminder) -> bytes:
    """The LaunchAgent; launchd runs a start missed while asleep when the Mac wakes."""
    at = {"Hour": reminder.hour, "Minute": reminder.minute}
    # launchd counts weekdays from Sunday, 0 (7 is Sunday too).
    when = at if reminder.every_day else [{"Weekday": d % 7, **at} for d in reminder.days]
    job = {
        "Label": LAUNCHD_LABEL,
        "Comment": WRITTEN_BY,
        "ProgramArguments": list(reminder.command),
        "StartCalendarInterval": when,
        "RunAtLoad": False,
    }
    return plistlib.dumps(job)


def launchctl_load(uid: int, plist_path: str) -> list[str]:
    """The launchctl call that loads the agent into the person's GUI session."""
    return ["launchctl", "bootstrap", f"gui/{uid}", plist_path]


def launchctl_unload(uid: int) -> list[str]:
    """The launchctl call that unloads the agent (by its label, whatever file it came from)."""
    return ["launchctl", "bootout", f"gui/{uid}/{LAUNCHD_LABEL}"]


# --- Task Scheduler (Windows) -----------------------------------------------------------


def schtasks_create(reminder: Reminder) -> list[str]:
    """`schtasks` arguments that create (or replace, /F) the daily task."""
    if reminder.every_day:
        schedule = ["/SC", "DAILY"]
    else:
        days = ",".join(DAY_NAMES[d - 1].upper() for d in reminder.days)
        schedule = ["/SC", "WEEKLY", "/D", days]
    run = subprocess.list2cmdline(reminder.command)
    return [
        "schtasks",
        "/Create",
        "/F",
        "/TN",
        WINDOWS_TASK,
        *schedule,
        "/ST",
        reminder.time_text,
        "/TR",
        run,
    ]


def schtasks_delete() -> list[str]:
    """`schtasks` arguments that delete the task."""
    return ["schtasks", "/Delete", "/F", "/TN", WINDOWS_TASK]
