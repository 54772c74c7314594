"""The phone and the terminal drive one session: taps act as keys, keys show on the phone."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import FakeClock
from tests.remote.phone import Phone, phone_app, until
from tests.remote.test_door import FakePeer
from tui.core.engine import Phase
from tui.core.record import PAIN_PLACES, SessionRecord
from tui.remote.address import open_door
from tui.remote.server import RemoteServer
from tui.screens.phone_link import PhoneLinkScreen
from tui.screens.session import SessionScreen
from tui.widgets.phone_link import PhoneLine


async def test_a_dropped_page_leaves_the_session_running(clock: FakeClock) -> None:
    saved: list[SessionRecord] = []
    app = phone_app(clock, saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        assert (await phone.open())["screen"] == "main"
        line = app.screen.query_one(PhoneLine)
        await until(pilot, lambda: "phone connected" in str(line.render()))
        assert await phone.tap("start") == 204
        await phone.state()
        assert await phone.tap("pain_skip") == 204
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        before = screen.engine.state()
        await phone.drop()
        await until(pilot, lambda: app.remote_pages == 0)
        clock.advance(app.timing.get_ready + 2)
        screen.frame()
        await pilot.pause()
        after = screen.engine.state()
        assert not after.paused and not screen.engine.finished
        assert (after.phase, after.remaining) != (before.phase, before.remaining)
        assert after.phase is Phase.HOLD  # the get-ready ran out as usual


async def test_the_phone_says_where_it_hurts_with_its_rating(clock: FakeClock) -> None:
    saved: list[SessionRecord] = []
    app = phone_app(clock, saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        await phone.open()
        assert await phone.tap("start") == 204
        asked = await phone.state_where(lambda s: (s.get("ask") or {}).get("kind") == "pain")
        assert asked["ask"]["where_asked"] is False
        assert await phone.tap("where", 3) == 409  # not asked yet
        assert await phone.tap("pain_where") == 204
        asked = await phone.state_where(lambda s: (s.get("ask") or {}).get("where_asked"))
        assert await phone.tap("pain", 6) == 204
        where = await phone.state_where(lambda s: (s.get("ask") or {}).get("kind") == "where")
        assert where["ask"]["places"] == list(PAIN_PLACES)
        assert await phone.tap("where", len(PAIN_PLACES) + 1) == 409  # no such place
        assert await phone.tap("where", 3) == 204  # the third: "left hip"
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("q", "y")
        await until(pilot, lambda: bool(saved) and saved[-1].pain_where is not None)
    record = saved[-1]
    assert (record.pain_before, record.pain_where, record.pain_note) == (6, "left hip", "")


async def test_a_key_in_the_terminal_shows_on_the_phone(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        await phone.open()
        await phone.tap("start")
        await phone.tap("pain_skip")
        state = await phone.state_where(lambda s: s["screen"] == "session" and s["session"])
        assert state["session"]["paused"] is False
        await pilot.press("space")
        paused = await phone.state()
        assert paused["session"]["paused"] is True
        await pilot.press("space")
        resumed = await phone.state()
        assert resumed["session"]["paused"] is False
        clock.advance(app.timing.get_ready + 1)
        await pilot.press("plus")
        longer = await phone.state_where(lambda s: s["session"]["phase"] == "hold")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert longer["session"]["duration"] == screen.engine.steps[0].amount + 10
        await phone.drop()


async def test_a_tap_acts_only_on_the_screen_it_was_for(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        await phone.open()
        assert await phone.tap("next") == 409  # no session yet: Next means nothing
        assert await phone.tap("pain", 3) == 409  # no question asked
        assert await phone.tap("resume") == 409
        assert await phone.tap("fly") == 409
        await phone.tap("start")
        await phone.tap("pain_skip")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert await phone.tap("resume") == 409  # running: only Pause means something
        assert await phone.tap("pause") == 204
        assert await phone.tap("pause") == 409  # a late second tap does not resume it
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.engine.paused
        await phone.drop()


async def test_after_a_hurt_the_phone_offers_only_a_gentler_pose(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        await phone.open()
        await phone.tap("start")
        await phone.tap("pain_skip")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        while (pose := screen.engine.state().pose) is not None and pose.gentler is None:
            assert await phone.tap("next") == 204
        assert pose is not None and pose.gentler is not None  # Pigeon: Figure-Four is gentler
        gentler = app.routine.pose(pose.gentler).name
        assert await phone.tap("hurt") == 204
        asked = await phone.state_where(lambda s: (s.get("ask") or {}).get("kind") == "hurt")
        assert asked["ask"]["gentler"] == f"{gentler}, both sides"  # on its first side
        assert await phone.tap("gentler") == 204
        now = await phone.state_where(lambda s: s["ask"] is None and s.get("session"))
        assert now["session"]["pose"] == gentler
        assert await phone.tap("hurt") == 204  # it hurts on the gentler pose too
        again = await phone.state_where(lambda s: (s.get("ask") or {}).get("kind") == "hurt")
        assert again["ask"]["gentler"] is None  # never back to the harder one
        assert await phone.tap("gentler") == 409
        assert await phone.tap("skip") == 204
        await phone.drop()


async def test_an_edit_in_the_terminal_shows_on_the_phone(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        first = await phone.open()
        await pilot.press("space")  # the first pose is left out today
        edited = await phone.state()
        assert len(edited["main"]["poses"]) == len(first["main"]["poses"]) - 1
        await phone.drop()


async def test_the_phone_draws_the_figure_the_terminal_draws(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        phone = Phone(app)
        await phone.open()
        await phone.tap("start")
        await phone.tap("pain_skip")
        await phone.tap("next")  # Cat-Cow: its two shapes, switched with the breath
        state = await phone.state_where(lambda s: (s.get("session") or {}).get("pose") == "Cat-Cow")
        shapes = state["session"]["figure"]
        drawn = {}
        for breath in ("inhale", "exhale"):
            async with phone.http.get(phone.door.origin + shapes[breath]) as answer:
                assert answer.status == 200
                assert answer.content_type == "image/svg+xml"
                drawn[breath] = await answer.text()
        assert drawn["inhale"].startswith("<svg") and drawn["inhale"] != drawn["exhale"]
        async with phone.http.get(f"{phone.door.origin}/figure/pigeon?side=up") as answer:
            assert answer.status == 404  # only left, right or none
        await phone.drop()


async def test_two_phones_watch_and_either_controls(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        mat, tablet = Phone(app), Phone(app)
        await mat.open()
        await tablet.open()
        await until(pilot, lambda: app.remote_pages == 2)
        await mat.tap("start")
        await tablet.tap("pain_skip")
        for phone in (mat, tablet):
            await phone.state_where(lambda s: s["screen"] == "session" and s["session"])
        await pilot.press("m")  # the code shown in the terminal for the second phone
        await until(pilot, lambda: isinstance(app.screen, PhoneLinkScreen))
        assert await tablet.tap("resume") == 204  # closes the code, then resumes
        assert isinstance(app.screen, SessionScreen) and not app.screen.engine.paused
        for phone in (mat, tablet):
            await phone.state_where(lambda s: s["session"] and not s["session"]["paused"])
            await phone.drop()


async def test_quitting_before_the_page_is_served_leaves_no_server(clock: FakeClock) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)):
        pass  # quit at once: the server was to start a beat after the first frame
    await app._open_remote()  # that beat comes after all
    assert app.remote is None
    assert app.remote_door is not None
    with pytest.raises(OSError):  # nothing listens there any more
        await asyncio.open_connection("127.0.0.1", app.remote_door.port)


async def test_a_server_stopped_while_starting_stops(clock: FakeClock) -> None:
    door, sock = open_door("127.0.0.1:0")
    server = RemoteServer(door, sock, FakePeer())
    starting = asyncio.create_task(server.start())
    await server.stop()
    await starting
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", door.port)
