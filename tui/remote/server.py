"""The page's web server: aiohttp on Textual's own event loop, behind the door (`door.py`).

Routes: `/k/TOKEN` (the link: the page, and the cookie), `/` (the page again), `/page.js`,
`/page.css`, `/events` (the state stream, server-sent events), `/act` (a tap, as JSON) and
`/figure/POSE` (a pose's figure as SVG). The server only moves bytes: what the state is and
what a tap does belong to the app's side (`Peer`, implemented by `bridge.RemoteBridge`).
"""

from __future__ import annotations

import asyncio
import json
import socket
from importlib import resources
from typing import Protocol

from aiohttp import web

from tui.remote.address import Door
from tui.remote.door import SECURITY_HEADERS, door_keeper

# A comment line now and then: a dead connection shows up (and is dropped) within this
# many seconds, at 3 bytes a time, well inside the budget for a steady hold.
HEARTBEAT_SECONDS = 20.0
# Messages queued for a page that stopped reading; past this it is dropped and reconnects.
QUEUE_LIMIT = 64
_STATIC = ("index.html", "page.js", "page.css")
_TYPES = {"html": "text/html", "js": "text/javascript", "css": "text/css"}


class Peer(Protocol):
    """The app's side: what the pages see and what a tap does."""

    def state_message(self) -> bytes:
        """The whole state now, as one server-sent event."""

    async def act(self, do: str, value: int | None) -> bool:
        """Do what the page asked, as the key would; False if it cannot apply now."""

    def figure(self, pose_id: str, side: str | None, breath: str | None) -> str | None:
        """The pose's figure as SVG, posed for `side` (and Cat-Cow's `breath`), or None."""

    def pages_changed(self, count: int) -> None:
        """`count` pages are connected now."""


def sse(event: str, data: object) -> bytes:
    """One server-sent event carrying `data` as JSON on a single line."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {body}\n\n".encode()


class RemoteServer:
    """Serves the page and streams state to every page connected."""

    def __init__(self, door: Door, sock: socket.socket, peer: Peer) -> None:
        self.door = door
        self._sock = sock
        self._peer = peer
        self._streams: set[asyncio.Queue[bytes | None]] = set()
        self._files = {
            name: (resources.files("tui.remote") / "static" / name).read_bytes() for name in _STATIC
        }
        self._runner: web.AppRunner | None = None
        self._stopped = False
        self.bytes_sent = 0  # to every page since the start, for bench/remote.py

    @property
    def pages(self) -> int:
        """How many pages are connected now."""
        return len(self._streams)

    def web_app(self) -> web.Application:
        """The aiohttp application (tests drive it with aiohttp's test client)."""
        app = web.Application(middlewares=[door_keeper(self.door, self._page)])
        app.router.add_get("/", self._page)
        for name in _STATIC[1:]:
            app.router.add_get(f"/{name}", self._static)
        app.router.add_get("/events", self._events)
        app.router.add_post("/act", self._act)
        app.router.add_get("/figure/{pose_id}", self._figure)
        app.router.add_get("/favicon.ico", _no_icon)  # asked for by every browser
        app.on_response_prepare.append(_plain_headers)
        app.on_shutdown.append(self._close_streams)
        return app

    async def start(self) -> None:
        """Serve on the socket bound at start (connections made meanwhile waited in its queue)."""
        # A short grace at shutdown: open streams never end on their own. A page that
        # closes its connection ends its stream at once (the terminal says so).
        self._runner = runner = web.AppRunner(
            self.web_app(),
            handle_signals=False,
            access_log=None,
            shutdown_timeout=0.5,
            handler_cancellation=True,
        )
        await runner.setup()
        if not self._stopped:  # the app may have quit meanwhile
            await web.SockSite(runner, self._sock).start()

    async def stop(self) -> None:
        """Close every stream and stop listening (also while still starting)."""
        self._stopped = True
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        self._sock.close()

    def broadcast(self, message: bytes) -> None:
        """Send one message to every page; a page that stopped reading is let go."""
        for queue in list(self._streams):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                self._streams.discard(queue)
                _end(queue)

    # --- handlers -------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.Response:
        return self._file("index.html", cache=False)

    async def _static(self, request: web.Request) -> web.Response:
        return self._file(request.path.lstrip("/"), cache=True)

    def _file(self, name: str, cache: bool) -> web.Response:
        kind = _TYPES[name.rsplit(".", 1)[1]]
        return web.Response(
            body=self._files[name],
            content_type=kind,
            charset="utf-8",
            headers={"Cache-Control": "private, max-age=600" if cache else "no-store"},
        )

    async def _events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        queue: asyncio.Queue[bytes | None] = asyncio.Queue(QUEUE_LIMIT)
        self._streams.add(queue)
        self._peer.pages_changed(self.pages)
        try:
            await self._write(response, self._peer.state_message())
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    message = b":\n\n"
                if message is None:
                    break
                await self._write(response, message)
        except ConnectionError:
            pass  # the page went away (locked phone, Wi-Fi): it reconnects when it can
        finally:
            self._streams.discard(queue)
            self._peer.pages_changed(self.pages)
        return response

    async def _write(self, response: web.StreamResponse, message: bytes) -> None:
        await response.write(message)
        self.bytes_sent += len(message)

    async def _act(self, request: web.Request) -> web.Response:
        if request.content_type != "application/json":
            return web.Response(status=415, text="JSON only")
        try:
            asked = await request.json()
            do = asked["do"]
            value = asked.get("value")
        except (ValueError, TypeError, KeyError, AttributeError):
            return web.Response(status=400, text="Bad request")
        if not isinstance(do, str) or not (value is None or type(value) is int):
            return web.Response(status=400, text="Bad request")
        done = await self._peer.act(do, value)
        return web.Response(status=204 if done else 409)

    async def _figure(self, request: web.Request) -> web.Response:
        query = request.query
        svg = self._peer.figure(
            request.match_info["pose_id"], query.get("side"), query.get("breath")
        )
        if svg is None:
            return web.Response(status=404, text="No figure")
        return web.Response(
            text=svg,
            content_type="image/svg+xml",
            headers={"Cache-Control": "private, max-age=3600"},
        )

    async def _close_streams(self, app: web.Application) -> None:
        self.end_streams()

    def end_streams(self) -> None:
        """End every page's stream now (at shutdown; pages then come back by themselves)."""
        for queue in list(self._streams):
            _end(queue)


def _end(queue: asyncio.Queue[bytes | None]) -> None:
    """Tell a stream to end: what it had not sent yet no longer matters."""
    while not queue.empty():
        queue.get_nowait()
    queue.put_nowait(None)


async def _no_icon(request: web.Request) -> web.Response:
    return web.Response(status=204)


async def _plain_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Every answer, refusals too: no versions named, nothing cached or framed elsewhere."""
    response.headers["Server"] = "supple"
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
