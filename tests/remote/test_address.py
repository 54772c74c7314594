"""`--remote [HOST[:PORT]]`: what it binds, and the link it gives."""

from __future__ import annotations

import pytest

from tui.remote.address import AddressError, Door, lan_address, open_door, parse_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("", 0)),
        ("127.0.0.1:0", ("127.0.0.1", 0)),
        ("192.168.1.20", ("192.168.1.20", 0)),
        (":8080", ("", 8080)),
        ("[::1]:8080", ("::1", 8080)),
        ("localhost:65535", ("localhost", 65535)),
    ],
)
def test_addresses_people_write(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["127.0.0.1:http", "127.0.0.1:70000", "[::1", "[::1]8080"])
def test_a_bad_address_says_how_to_write_one(text: str) -> None:
    with pytest.raises(AddressError, match="--remote"):
        parse_address(text)


def test_loopback_on_a_free_port_gives_a_link_with_its_token() -> None:
    door, sock = open_door("127.0.0.1:0")
    try:
        assert door.port == sock.getsockname()[1] != 0
        assert door.link == f"http://127.0.0.1:{door.port}/k/{door.token}"
        # ssh -L brings the page to the laptop as localhost: the same door.
        assert f"localhost:{door.port}" in door.hosts()
    finally:
        sock.close()


def test_a_port_in_use_is_named() -> None:
    door, sock = open_door("127.0.0.1:0")
    try:
        with pytest.raises(AddressError, match=f"127.0.0.1:{door.port}"):
            open_door(f"127.0.0.1:{door.port}")
    finally:
        sock.close()


def test_a_lan_address_answers_only_to_its_own_name() -> None:
    door = Door("192.168.1.20", 8080)
    assert door.hosts() == {"192.168.1.20:8080"}
    assert door.origin == "http://192.168.1.20:8080"


def test_bare_remote_listens_where_a_phone_on_this_network_reaches() -> None:
    door, sock = open_door("")
    try:
        assert door.host == lan_address() == sock.getsockname()[0]
        assert door.link.startswith(f"http://{door.host}:{door.port}/k/")
    finally:
        sock.close()


def test_every_address_gives_a_link_a_phone_can_open() -> None:
    door, sock = open_door("0.0.0.0:0")
    try:
        assert door.host == lan_address()  # never http://0.0.0.0
        assert f"localhost:{door.port}" in door.hosts()
    finally:
        sock.close()
