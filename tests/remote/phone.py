"""A phone, as far as the server can tell: opens the link, reads the stream, taps."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp
from textual.pilot import Pilot

from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.record import SessionRecord
from tui.remote.address import open_door


def phone_app(clock: FakeClock, saved: list[SessionRecord]) -> SuppleApp:
    """An app of the fixture routine on a fake clock, serving its page on loopback."""
    return SuppleApp(
        fixture_routine(), clock=clock, save_record=saved.append, remote=open_door("127.0.0.1:0")
    )


async def until(pilot: Pilot[None], condition: Any, seconds: float = 10.0) -> None:
    """Let the app (and the server in its loop) run until `condition()` holds.

    Some of what is waited for follows a timer (the server starts a beat after the first
    frame), so this polls the condition, giving the loop a few milliseconds each turn.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the app never got there")
        await pilot.pause(0.005)


class Phone:
    """One page: its cookie, its state stream and its taps."""

    def __init__(self, app: SuppleApp) -> None:
        door = app.remote_door
        assert door is not None
        self.door = door
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.stream: aiohttp.ClientResponse | None = None

    async def open(self) -> dict[str, Any]:
        """Open the link and the state stream; the first state."""
        async with self.http.get(self.door.link) as page:
            assert page.status == 200
        self.stream = await self.http.get(f"{self.door.origin}/events")
        assert self.stream.status == 200
        return await self.state()

    async def event(self) -> tuple[str, dict[str, Any]]:
        """The next event on the stream (heartbeats skipped)."""
        assert self.stream is not None
        while True:
            # Bounded: a state that never comes fails the test instead of hanging it.
            chunk = (await asyncio.wait_for(self.stream.content.readuntil(b"\n\n"), 10)).decode()
            lines = dict(line.split(": ", 1) for line in chunk.strip().splitlines() if ": " in line)
            if "event" in lines:
                return lines["event"], json.loads(lines["data"])

    async def state(self) -> dict[str, Any]:
        """The next state sent (cues on the way skipped)."""
        while True:
            kind, data = await self.event()
            if kind == "state":
                return data

    async def state_where(self, wanted: Any, states: int = 20) -> dict[str, Any]:
        """The first state sent from now on for which `wanted(state)` holds."""
        for _ in range(states):
            state = await self.state()
            if wanted(state):
                return state
        raise AssertionError("the phone never saw it")

    async def tap(self, do: str, value: int | None = None) -> int:
        """Tap a button; the server's status (204 done, 409 not now)."""
        body: dict[str, Any] = {"do": do} if value is None else {"do": do, "value": value}
        async with self.http.post(
            f"{self.door.origin}/act", json=body, headers={"Origin": self.door.origin}
        ) as answer:
            return answer.status

    async def drop(self) -> None:
        """The phone goes away (locked, out of Wi-Fi): its connection closes."""
        if self.stream is not None:
            self.stream.close()
        await self.http.close()
