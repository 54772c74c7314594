"""The door: only the holder of the link (then of its cookie) gets in, and only from the page.

The link's token is traded on the first load for an HttpOnly, SameSite=Strict cookie (the
page then drops the token from the address bar). Every request must carry one of the two;
one that does not is refused before any handler runs, with a bare 401 or 403 that tells
nothing. The Host header must name this server (no DNS rebinding), and the state stream
and taps must come from the page itself (Origin, Sec-Fetch-Site): a web page visited
elsewhere can neither read the session nor drive it.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from aiohttp import web

from tui.remote.address import Door

COOKIE = "supple"
TOKEN_PATH = "/k/"
# Paths a page reads or writes session data through: they must come from the page itself.
_FROM_PAGE_ONLY = ("/events", "/act")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def same_secret(given: str, expected: str) -> bool:
    """Compare in constant time (a token never leaks through how long a refusal takes)."""
    return hmac.compare_digest(given.encode(errors="replace"), expected.encode())


def refuse(status: int) -> web.Response:
    """A refusal that says nothing about the session or why."""
    text = "Unauthorized" if status == 401 else "Forbidden"
    return web.Response(status=status, text=text, headers={"Cache-Control": "no-store"})


def from_the_page(request: web.Request, host: str) -> bool:
    """Whether the request comes from our own page (not from a page on another site)."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"http://{host}":
        return False
    if request.method != "GET" and origin is None:  # browsers always send it on a POST
        return False
    site = request.headers.get("Sec-Fetch-Site")
    return site is None or site == "same-origin"


def door_keeper(door: Door, page: Handler) -> Callable[..., Awaitable[web.StreamResponse]]:
    """The middleware that lets in only the link's holder; `page` answers the link itself."""
    hosts = door.hosts()

    @web.middleware
    async def keep_door(request: web.Request, handler: Handler) -> web.StreamResponse:
        host = request.headers.get("Host", "")
        if host not in hosts:
            return refuse(403)
        if request.path.startswith(TOKEN_PATH):
            token = request.path[len(TOKEN_PATH) :]
            if request.method != "GET" or not same_secret(token, door.token):
                return refuse(403)
            response = await page(request)
            response.set_cookie(COOKIE, door.cookie, httponly=True, samesite="Strict", path="/")
            return response
        cookie = request.cookies.get(COOKIE)
        if cookie is None:
            return refuse(401)
        if not same_secret(cookie, door.cookie):
            return refuse(403)
        if request.path in _FROM_PAGE_ONLY and not from_the_page(request, host):
            return refuse(403)
        return await handler(request)

    return keep_door
