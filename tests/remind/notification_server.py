"""A small desktop notification server for tests: logs every Notify call, shows nothing.

Run inside its own bus, `dbus-run-session -- python notification_server.py LOG`. It
prints the bus address once it owns org.freedesktop.Notifications, writes one JSON line
to LOG per Notify before replying (so a caller that has its reply has been logged), and
exits when its standard input closes.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Annotated

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusDict, DBusInt32, DBusSignature, DBusStr, DBusUInt32
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal

DBusStrings = Annotated[list[str], DBusSignature("as")]
DBusFourStrings = Annotated[list[str], DBusSignature("ssss")]
DBusIdAndReason = Annotated[list[int], DBusSignature("uu")]
DBusIdAndAction = Annotated[list[object], DBusSignature("us")]
DBusNothing = Annotated[None, DBusSignature("")]


class Notifications(ServiceInterface):
    """org.freedesktop.Notifications as far as a client needs it (names are the spec's)."""

    def __init__(self, log_path: str) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.log_path = log_path
        self.sent = 0

    @dbus_method()
    def Notify(
        self,
        app_name: DBusStr,
        replaces_id: DBusUInt32,
        app_icon: DBusStr,
        summary: DBusStr,
        body: DBusStr,
        actions: DBusStrings,
        hints: DBusDict,
        expire_timeout: DBusInt32,
    ) -> DBusUInt32:
        self.sent += 1
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"app_name": app_name, "summary": summary, "body": body}) + "\n")
        return self.sent

    @dbus_method()
    def GetCapabilities(self) -> DBusStrings:
        return ["body"]

    @dbus_method()
    def GetServerInformation(self) -> DBusFourStrings:
        return ["supple-test", "supple", "1", "1.2"]

    @dbus_method()
    def CloseNotification(self, notification_id: DBusUInt32) -> DBusNothing:
        pass

    @dbus_signal()
    def NotificationClosed(self) -> DBusIdAndReason:
        return [0, 0]

    @dbus_signal()
    def ActionInvoked(self) -> DBusIdAndAction:
        return [0, ""]


async def serve(log_path: str) -> None:
    """Own the name, say the address, serve until standard input closes."""
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", Notifications(log_path))
    await bus.request_name("org.freedesktop.Notifications")
    print(os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    bus.disconnect()


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1]))
