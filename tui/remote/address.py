"""Where the page is served: the address asked for (or the LAN's), a bound socket, the link."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from dataclasses import dataclass, field

# A documentation address (TEST-NET-1): "connecting" a UDP socket to it sends nothing, but
# makes the system pick the interface its default route leaves by, which a phone can reach.
_ROUTE_PROBE = ("192.0.2.1", 9)
TOKEN_BYTES = 16  # 128 bits: the link's secret


class AddressError(ValueError):
    """`--remote` names an address that cannot be used; the message says what to do."""


def parse_address(text: str) -> tuple[str, int]:
    """`HOST`, `HOST:PORT`, `[IPv6]:PORT` or `:PORT` as (host, port); "" host: the LAN's."""
    host, port = text, "0"
    if text.startswith("["):
        inside, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise AddressError(f"--remote {text!r}: write an IPv6 address as [ADDRESS]:PORT")
        host, port = inside, rest[1:] or "0"
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise AddressError(f"--remote {text!r}: the port must be a number from 0 to 65535")
    return host, int(port)


def lan_address() -> str:
    """The address other machines on this network reach this one at (loopback if none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_ROUTE_PROBE)
            return str(probe.getsockname()[0])
        except OSError:  # no network at all: only this machine can open the page
            return "127.0.0.1"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host:port` (port 0: a free one); OSError says why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=32)


@dataclass(frozen=True)
class Door:
    """The secrets of this start: the link's token and the cookie it is traded for."""

    host: str
    port: int
    loopback_names: bool = False  # also answer to localhost & co (loopback or every address)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(TOKEN_BYTES))
    cookie: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)

    @property
    def origin(self) -> str:
        """The page's origin, as a browser names it in an Origin header."""
        return f"http://{self.host_header}"

    @property
    def host_header(self) -> str:
        """Host:port as the link writes it (and a browser sends it in Host)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == 80 else f"{host}:{self.port}"

    @property
    def link(self) -> str:
        """The link to open on the phone; it carries the token."""
        return f"{self.origin}/k/{self.token}"

    def hosts(self) -> frozenset[str]:
        """Host headers accepted: the link's, and on loopback its other names (ssh -L)."""
        names = {self.host_header}
        if self.loopback_names:
            suffix = "" if self.port == 80 else f":{self.port}"
            names |= {f"localhost{suffix}", f"127.0.0.1{suffix}", f"[::1]{suffix}"}
        return frozenset(names)


def open_door(address: str) -> tuple[Door, socket.socket]:
    """Bind `address` (from --remote) and make this start's secrets; AddressError if it cannot."""
    host, port = parse_address(address)
    host = host or lan_address()
    try:
        ip = ipaddress.ip_address(host)
        everywhere, loopback = ip.is_unspecified, ip.is_loopback
    except ValueError:  # a name such as localhost
        everywhere, loopback = False, host == "localhost"
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise AddressError(
            f"--remote: cannot listen on {host}:{port} ({exc.strerror or exc}). "
            "Choose another with --remote HOST:PORT (port 0 picks a free one)."
        ) from exc
    port = int(sock.getsockname()[1])
    # Listening on every address: the link names the one a phone on this network reaches.
    link_host = lan_address() if everywhere else host
    return Door(link_host, port, loopback_names=everywhere or loopback), sock
