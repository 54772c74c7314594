"""Only the holder of the link gets in: the page, the state stream and taps, over real HTTP."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from tui.remote.address import Door
from tui.remote.door import COOKIE
from tui.remote.server import RemoteServer, sse

Client = TestClient[web.Request, web.Application]

SECRET_STATE = "Pigeon Pose"  # what an intruder must never see


class FakePeer:
    """The app's side, as far as the server can tell: a state and a record of taps."""

    def __init__(self) -> None:
        self.taps: list[tuple[str, int | None]] = []
        self.pages: list[int] = []

    def state_message(self) -> bytes:
        return sse("state", {"screen": "session", "session": {"pose": SECRET_STATE}})

    async def act(self, do: str, value: int | None) -> bool:
        self.taps.append((do, value))
        return True

    def figure(self, pose_id: str, side: str | None, breath: str | None) -> str | None:
        return "<svg/>" if pose_id == "pigeon" else None

    def pages_changed(self, count: int) -> None:
        self.pages.append(count)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def door() -> Door:
    return Door("127.0.0.1", free_port())


@pytest.fixture
def peer() -> FakePeer:
    return FakePeer()


@pytest.fixture
async def client(door: Door, peer: FakePeer) -> AsyncIterator[Client]:
    # The test server listens by itself; the socket bound at start is not used here.
    with socket.socket() as unused:
        server = RemoteServer(door, unused, peer)
        async with TestClient(TestServer(server.web_app(), port=door.port)) as client:
            yield client


def page_headers(door: Door) -> dict[str, str]:
    """What the page's own fetches carry."""
    return {"Origin": door.origin, "Sec-Fetch-Site": "same-origin"}


async def enter(client: Client, door: Door) -> None:
    """Open the link, as the phone does when it scans the code."""
    response = await client.get(f"/k/{door.token}")
    assert response.status == 200


@pytest.mark.parametrize("path", ["/", "/page.js", "/events", "/figure/pigeon", "/nothing"])
async def test_without_the_link_nothing_is_served(client: Client, path: str) -> None:
    response = await client.get(path)
    body = await response.text()
    assert response.status == 401
    assert body == "Unauthorized"
    assert "aiohttp" not in response.headers.get("Server", "")


async def test_a_tap_without_the_link_does_nothing(
    client: Client, door: Door, peer: FakePeer
) -> None:
    response = await client.post("/act", json={"do": "pause"}, headers=page_headers(door))
    assert response.status == 401
    assert peer.taps == []


async def test_a_wrong_token_is_refused_and_gets_no_cookie(client: Client, door: Door) -> None:
    wrong = door.token[:-1] + ("A" if door.token[-1] != "A" else "B")
    for path in (f"/k/{wrong}", "/k/", f"/k/{door.token}x", "/k/%C3%A9"):
        response = await client.get(path)
        assert response.status == 403
        assert COOKIE not in response.cookies
        assert SECRET_STATE not in await response.text()
    assert (await client.get("/")).status == 401


async def test_the_token_of_an_earlier_start_is_refused(client: Client, door: Door) -> None:
    earlier = Door(door.host, door.port)  # the link a previous `supple --remote` showed
    assert earlier.token != door.token
    assert (await client.get(f"/k/{earlier.token}")).status == 403
    client.session.cookie_jar.update_cookies({COOKIE: earlier.cookie})
    assert (await client.get("/")).status == 403


def test_every_start_makes_a_new_token_of_at_least_128_bits() -> None:
    tokens = {Door("127.0.0.1", 1).token for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) * 6 >= 128 for token in tokens)  # base64url: 6 bits a character


async def test_the_link_is_traded_for_a_strict_httponly_cookie(client: Client, door: Door) -> None:
    response = await client.get(f"/k/{door.token}")
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie.value != door.token
    assert (await client.get("/")).status == 200
    assert (await client.get("/page.js")).status == 200


async def test_the_token_never_shows_again(client: Client, door: Door) -> None:
    first = await client.get(f"/k/{door.token}")
    seen = [await first.text(), str(first.headers)]
    for path in ("/", "/page.js", "/page.css", "/figure/pigeon"):
        response = await client.get(path, headers=page_headers(door))
        seen += [await response.text(), str(response.headers), str(response.url)]
    stream = await client.get("/events", headers=page_headers(door))
    seen.append((await stream.content.readuntil(b"\n\n")).decode())
    stream.close()
    tap = await client.post("/act", json={"do": "pause"}, headers=page_headers(door))
    seen += [await tap.text(), str(tap.headers)]
    assert all(door.token not in text for text in seen)
    assert first.headers["Referrer-Policy"] == "no-referrer"


async def test_with_the_cookie_the_stream_and_taps_work(
    client: Client, door: Door, peer: FakePeer
) -> None:
    await enter(client, door)
    stream = await client.get("/events", headers=page_headers(door))
    assert stream.status == 200
    first = (await stream.content.readuntil(b"\n\n")).decode()
    assert first.startswith("event: state\n") and SECRET_STATE in first
    tap = await client.post("/act", json={"do": "pain", "value": 3}, headers=page_headers(door))
    assert tap.status == 204
    assert peer.taps == [("pain", 3)]
    stream.close()


@pytest.mark.parametrize(
    ("origin", "site"),
    [
        ("http://evil.example", None),
        ("null", None),
        ("OURS", "cross-site"),
        ("OURS", "same-site"),
        (None, None),  # a POST without Origin: not from a browser's page on this origin
    ],
)
async def test_a_tap_from_another_site_is_refused(
    client: Client,
    door: Door,
    peer: FakePeer,
    origin: str | None,
    site: str | None,
) -> None:
    await enter(client, door)
    headers = {"Origin": door.origin if origin == "OURS" else origin, "Sec-Fetch-Site": site}
    sent = {name: value for name, value in headers.items() if value is not None}
    response = await client.post("/act", json={"do": "next"}, headers=sent)
    assert response.status == 403
    assert peer.taps == []


@pytest.mark.parametrize(
    "headers", [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}]
)
async def test_the_stream_refuses_another_site(
    client: Client, door: Door, headers: dict[str, str]
) -> None:
    await enter(client, door)
    response = await client.get("/events", headers=headers)
    assert response.status == 403
    assert SECRET_STATE not in await response.text()


async def test_another_host_name_is_refused_even_with_the_cookie(
    client: Client, door: Door, peer: FakePeer
) -> None:
    # DNS rebinding: evil.example resolves to this machine; the browser sends its own Host.
    await enter(client, door)
    rebound = {"Host": f"evil.example:{door.port}", "Origin": f"http://evil.example:{door.port}"}
    assert (await client.get("/", headers=rebound)).status == 403
    assert (await client.post("/act", json={"do": "next"}, headers=rebound)).status == 403
    assert peer.taps == []


async def test_a_tap_must_be_json(client: Client, door: Door) -> None:
    await enter(client, door)
    form = await client.post("/act", data={"do": "next"}, headers=page_headers(door))
    assert form.status == 415
    bad = await client.post("/act", json={"do": 3}, headers=page_headers(door))
    assert bad.status == 400


async def test_pages_are_counted_in_and_out(client: Client, door: Door, peer: FakePeer) -> None:
    await enter(client, door)
    stream = await client.get("/events", headers=page_headers(door))
    await stream.content.readuntil(b"\n\n")
    assert peer.pages == [1]
    stream.close()
    await client.close()
    assert peer.pages[-1] == 0
