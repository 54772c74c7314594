"""Show one desktop notification, or nothing where there is no desktop to show it on.

Linux and Windows: desktop-notifier (D-Bus through dbus-fast; WinRT), imported only
when a notification is due, or `notify-send` where desktop-notifier is not installed.
macOS: `osascript`, because desktop-notifier sends nothing from a Python that is not
an app bundle (a pip or Homebrew install).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

APP_NAME = "Supple"
SEND_TIMEOUT = 10.0  # a notification server that does not answer must not hang the timer


def session_bus() -> str | None:
    """The address of the desktop's D-Bus session bus, or None where there is none.

    A timer or cron job may start without DBUS_SESSION_BUS_ADDRESS; the user bus then
    still lives at its usual place.
    """
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    bus = Path(runtime) / "bus"
    return f"unix:path={bus}" if bus.is_socket() else None


def has_desktop() -> bool:
    """Whether a notification could be shown here (on Linux: a session bus to send it on)."""
    return sys.platform in ("darwin", "win32") or session_bus() is not None


def notify(title: str, body: str) -> bool:
    """Show the notification; True when the desktop took it, False where none could."""
    if sys.platform == "darwin":
        return _osascript(title, body)
    if sys.platform != "win32":
        address = session_bus()
        if address is None:
            return False  # an SSH-only server: the shell prompt snippet reminds there
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        import desktop_notifier  # noqa: F401  (only when a notification is due: ~40 ms)
    except ImportError:
        return _notify_send(title, body)
    return _desktop_notifier(title, body)


def _desktop_notifier(title: str, body: str) -> bool:
    import asyncio
    import logging

    from desktop_notifier import DesktopNotifier

    # It logs a traceback when no notification server answers; with no desktop, say nothing.
    logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)
    dispatched: list[bool] = []

    async def send() -> None:
        notifier = DesktopNotifier(app_name=APP_NAME, app_icon=None)
        await notifier.send(title, body, on_dispatched=lambda: dispatched.append(True))

    try:
        asyncio.run(asyncio.wait_for(send(), SEND_TIMEOUT))
    except (TimeoutError, OSError):
        return False
    return bool(dispatched)


def _notify_send(title: str, body: str) -> bool:
    if shutil.which("notify-send") is None:
        return False
    args = ["notify-send", f"--app-name={APP_NAME}", "--", title, body]
    return _ran(args)


def applescript_string(text: str) -> str:
    """`text` as an AppleScript string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _osascript(title: str, body: str) -> bool:
    quoted = applescript_string
    script = (
        f"display notification {quoted(body)} with title {quoted(APP_NAME)} "
        f"subtitle {quoted(title)}"
    )
    return _ran(["osascript", "-e", script])


def _ran(args: list[str]) -> bool:
    try:
        done = subprocess.run(args, capture_output=True, timeout=SEND_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
