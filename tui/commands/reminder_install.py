"""Install and remove a reminder through what each system already runs.

Linux: a systemd user timer (`systemctl --user`), or a crontab line where there is no user
manager; macOS: a LaunchAgent (`launchctl`); Windows: a task (`schtasks`). Only files and
jobs named in `reminder_units` are written, loaded or removed, and a file of that name
that Supple did not write is left alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.commands import reminder_units as units
from tui.commands.reminder_units import Reminder
from tui.store.atomic import atomic_write
from tui.store.reminder_state import ReminderState

TIMER = f"{units.UNIT_NAME}.timer"
SERVICE = f"{units.UNIT_NAME}.service"


class InstallError(Exception):
    """The reminder could not be set up or removed; the message says why and what to do."""


@dataclass(frozen=True)
class Ran:
    """What a command said: its exit code and its first line of complaint."""

    code: int
    out: str
    err: str


def run(args: Sequence[str], stdin: str | None = None) -> Ran:
    """Run a system command; a missing program is exit code 127, as in a shell."""
    try:
        done = subprocess.run(
            list(args), input=stdin, capture_output=True, text=True, timeout=60, check=False
        )
    except FileNotFoundError:
        return Ran(127, "", f"{args[0]} is not installed")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Ran(126, "", f"{args[0]} could not run ({exc})")
    complaint = done.stderr.strip().splitlines()
    return Ran(done.returncode, done.stdout, complaint[-1] if complaint else "")


def reminder_command(data_override: str | None) -> tuple[str, ...]:
    """The command a scheduler runs: this Supple's `remind now`, on the same data folder."""
    here = Path(sys.executable)
    script = here.with_name("supple.exe" if sys.platform == "win32" else "supple")
    start: tuple[str, ...]
    if sys.platform == "win32":
        # pythonw opens no console window at 07:30; -P keeps the working folder off sys.path.
        windowless = here.with_name("pythonw.exe")
        start = (str(windowless if windowless.exists() else here), "-P", "-m", "tui.cli")
    elif script.exists():
        start = (str(script),)
    else:
        start = (str(here), "-P", "-m", "tui.cli")
    chosen = data_override or os.environ.get("SUPPLE_DATA_DIR")
    data = ("--data-dir", str(Path(chosen).expanduser().absolute())) if chosen else ()
    return (*start, *data, "remind", "now")


def native_method() -> str:
    """How this platform schedules a reminder without `--cron`."""
    if sys.platform == "darwin":
        return "launchd"
    if sys.platform == "win32":
        return "schtasks"
    return "systemd"


def _is_ours(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return units.WRITTEN_BY.encode() in file.read(4096)
    except OSError:
        return False


def _refuse_foreign(paths: Sequence[Path]) -> None:
    for path in paths:
        if path.exists() and not _is_ours(path):
            raise InstallError(
                f"{path} exists and was not written by Supple; nothing was changed. "
                "Move it aside if it is no longer needed, then run this again."
            )


# --- systemd ------------------------------------------------------------------------------


def systemd_user_dir() -> Path:
    """Where the user manager reads the person's own units: $XDG_CONFIG_HOME/systemd/user."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def user_manager_problem() -> str:
    """Why no systemd user manager can run the timer here ("" when one can)."""
    if shutil.which("systemctl") is None:
        return "systemctl is not installed"
    ran = run(["systemctl", "--user", "show", "--property=Version"])
    return "" if ran.code == 0 else (ran.err or f"systemctl --user exited with {ran.code}")


def _systemctl(*args: str) -> None:
    ran = run(["systemctl", "--user", *args])
    if ran.code != 0:
        raise InstallError(f"`systemctl --user {' '.join(args)}` failed: {ran.err}")


def install_systemd(reminder: Reminder) -> tuple[str, ...]:
    """Write the timer and service, and enable the timer; returns the files written."""
    folder = systemd_user_dir()
    timer, service = folder / TIMER, folder / SERVICE
    _refuse_foreign((timer, service))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(service, units.systemd_service(reminder).encode())
        atomic_write(timer, units.systemd_timer(reminder).encode())
    except OSError as exc:
        raise InstallError(f"could not write the timer in {folder}: {exc.strerror}") from exc
    try:
        _systemctl("daemon-reload")
        _systemctl("enable", TIMER)
        # restart, not `enable --now`: a timer already running would keep its old schedule.
        _systemctl("restart", TIMER)
    except InstallError:
        run(["systemctl", "--user", "disable", TIMER])
        for path in (timer, service):
            path.unlink(missing_ok=True)
        run(["systemctl", "--user", "daemon-reload"])
        raise
    return (str(timer), str(service))


def remove_systemd(files: Sequence[str]) -> list[str]:
    """Disable the timer and delete the files Supple wrote; returns what it could not."""
    problems = []
    ran = run(["systemctl", "--user", "disable", "--now", TIMER])
    if ran.code not in (0, 127) and "not loaded" not in ran.err and "does not exist" not in ran.err:
        problems.append(f"`systemctl --user disable --now {TIMER}` failed: {ran.err}")
    problems += _remove_files(files)
    run(["systemctl", "--user", "daemon-reload"])
    return problems


def leftover_units() -> tuple[str, ...]:
    """Supple's own unit files in the systemd folder (to remove when reminder.json was lost)."""
    folder = systemd_user_dir()
    return tuple(str(p) for p in (folder / TIMER, folder / SERVICE) if _is_ours(p))


def _remove_files(files: Sequence[str]) -> list[str]:
    problems = []
    for name in files:
        path = Path(name)
        if not path.exists():
            continue
        if not _is_ours(path):
            problems.append(f"{path} was changed since Supple wrote it; it was left in place")
            continue
        try:
            path.unlink()
        except OSError as exc:
            problems.append(f"could not delete {path}: {exc.strerror}")
    return problems


# --- cron ---------------------------------------------------------------------------------


def _read_crontab() -> str:
    ran = run(["crontab", "-l"])
    if ran.code == 0:
        return ran.out
    if "no crontab" in ran.err.lower():
        return ""
    raise InstallError(f"could not read your crontab (`crontab -l`: {ran.err})")


def _write_crontab(text: str) -> None:
    ran = run(["crontab", "-"], stdin=text)
    if ran.code != 0:
        raise InstallError(f"could not write your crontab (`crontab -`: {ran.err})")


def install_cron(reminder: Reminder) -> str:
    """Add the reminder's line to the person's crontab, once; returns the line."""
    line = units.crontab_line(reminder)
    current = _read_crontab()
    if line not in current.splitlines():
        ending = "" if not current or current.endswith("\n") else "\n"
        _write_crontab(f"{current}{ending}{line}\n")
    return line


def remove_cron(line: str) -> list[str]:
    """Take exactly `line` out of the crontab; every other line stays as it was."""
    try:
        current = _read_crontab()
    except InstallError as exc:
        return [str(exc)]
    kept = [row for row in current.splitlines(keepends=True) if row.rstrip("\n") != line]
    if len(kept) == len(current.splitlines()):
        return [f"the line was no longer in your crontab: {line}"]
    try:
        _write_crontab("".join(kept))
    except InstallError as exc:
        return [str(exc)]
    return []


# --- launchd and Task Scheduler (run on macOS and Windows; their text is tested here) -------


def launch_agent_path() -> Path:
    """The LaunchAgent file in the person's Library."""
    return Path.home() / "Library" / "LaunchAgents" / f"{units.LAUNCHD_LABEL}.plist"


def install_launchd(reminder: Reminder) -> tuple[str, ...]:
    """Write the LaunchAgent and load it into the person's session."""
    path = launch_agent_path()
    _refuse_foreign((path,))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, units.launchd_plist(reminder))
    except OSError as exc:
        raise InstallError(f"could not write {path}: {exc.strerror}") from exc
    run(units.launchctl_unload(os.getuid()))  # an earlier version of the agent, if loaded
    ran = run(units.launchctl_load(os.getuid(), str(path)))
    if ran.code != 0:
        path.unlink(missing_ok=True)
        raise InstallError(f"launchctl could not load {path}: {ran.err}")
    return (str(path),)


def remove_launchd(files: Sequence[str]) -> list[str]:
    """Unload the LaunchAgent and delete its file."""
    run(units.launchctl_unload(os.getuid()))
    return _remove_files(files)


def install_schtasks(reminder: Reminder) -> None:
    """Create (or replace) the daily task."""
    ran = run(units.schtasks_create(reminder))
    if ran.code != 0:
        raise InstallError(f"schtasks could not create the task: {ran.err}")


def remove_schtasks() -> list[str]:
    """Delete the task."""
    ran = run(units.schtasks_delete())
    return [] if ran.code == 0 else [f"schtasks could not delete the task: {ran.err}"]


def install(reminder: Reminder, method: str, last_fired: str | None = None) -> ReminderState:
    """Set the reminder up by `method`; InstallError says why it could not."""
    files: tuple[str, ...] = ()
    cron_line = None
    if method == "systemd":
        files = install_systemd(reminder)
    elif method == "cron":
        cron_line = install_cron(reminder)
    elif method == "launchd":
        files = install_launchd(reminder)
    else:
        install_schtasks(reminder)
    return ReminderState(
        time=reminder.time_text,
        days=reminder.days,
        method=method,
        command=reminder.command,
        files=files,
        cron_line=cron_line,
        last_fired=last_fired,
    )


def remove(state: ReminderState) -> list[str]:
    """Undo what `install` did for `state`; returns what could not be undone."""
    if state.method == "systemd":
        return remove_systemd(state.files)
    if state.method == "cron":
        return remove_cron(state.cron_line) if state.cron_line else []
    if state.method == "launchd":
        return remove_launchd(state.files)
    return remove_schtasks()
