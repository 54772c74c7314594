"""The app's side of the phone page: state and cues out, taps in, all on the app's loop.

A peer of the cue player: the session screen hands it each frame's engine state and the
cues it plays; it sends the page a new state only when something shown changes (never
for seconds ticking away) and nothing at all while no page is connected.
"""

from __future__ import annotations

import asyncio
import functools
import socket
from typing import TYPE_CHECKING, Any

from tui.core.cues import Cue, CueOptions, pattern_of, rings, says
from tui.core.engine import EngineState
from tui.core.figure import posed
from tui.core.figure_svg import figure_svg
from tui.remote.actions import run_tap
from tui.remote.address import Door
from tui.remote.server import RemoteServer, sse
from tui.remote.state import moment_key, page_state
from tui.store.figures import figure_or_none

if TYPE_CHECKING:
    from tui.app import SuppleApp

# A tap waits at most this long for the app to take it (it is busy only for a moment).
TAP_TIMEOUT = 5.0
_SIDES = {"left", "right", None}
_BREATHS = {"in": 1.0, "out": 0.0, None: None}
# The page is dark: light ink, the working limbs in a warm accent.
INK, ACCENT = "#ece6da", "#f0a35e"


class RemoteBridge:
    """Serves the session to phones: what they see, and what their taps do."""

    def __init__(self, app: SuppleApp, door: Door, sock: socket.socket) -> None:
        self.app = app
        self.server = RemoteServer(door, sock, self)
        self.pages = 0
        self._last: dict[str, Any] | None = None
        self._moment: tuple[object, ...] = ()
        self._booked = False

    async def start(self) -> None:
        """Start serving, and follow the screens from now on."""
        self.app.screen_change_signal.subscribe(self.app, lambda _: self.changed())
        await self.server.start()

    async def stop(self) -> None:
        """Stop serving (the app is quitting)."""
        await self.server.stop()

    # --- what the page sees ------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        # The phone's code shown in the terminal (m) is not news to a phone already in.
        stack = [s for s in self.app.screen_stack if getattr(s, "SEEN_BY_PAGE", True)]
        return page_state(self.app, stack)

    def state_message(self) -> bytes:
        """The whole state now, for a page that just connected."""
        return sse("state", self._state())

    def on_frame(self, state: EngineState) -> None:
        """A frame of the session was drawn: tell the pages if what they show changed."""
        if not self.pages:
            return
        moment = moment_key(state)
        if moment != self._moment:
            self._moment = moment
            self.changed()

    def on_cues(self, cues: list[Cue]) -> None:
        """Cues the terminal plays now: the pages speak them too (and ring their tone)."""
        if not self.pages:
            return
        settings = self.app.settings
        options = CueOptions(settings.countdown_bells, settings.breath_bells, settings.time_cues)
        for cue in cues:
            pattern = pattern_of(cue) if rings(cue, options) else ()
            phrase = cue.phrase if says(cue, options) else ""
            if pattern or phrase:
                message = {"phrase": phrase, "bells": len(pattern), "pattern": list(pattern)}
                self.server.broadcast(sse("cue", message))

    def changed(self) -> None:
        """Something the pages show may have changed: send it once the app is done acting."""
        if self.pages and not self._booked:
            self._booked = True
            self.app.call_later(self._send)

    def _send(self) -> None:
        self._booked = False
        if not self.pages:
            return
        state = self._state()
        session = state.get("session")
        # The seconds left tick away by themselves; only a change of anything else is news.
        steady = {**state, "session": {**session, "remaining": None}} if session else state
        if steady != self._last:
            self._last = steady
            self.server.broadcast(sse("state", state))

    def pages_changed(self, count: int) -> None:
        """Pages came or went: the terminal says so."""
        self.pages = count
        if not count:
            self._last = None  # the next page gets everything afresh
            self._moment = ()
        self.app.remote_pages_signal.publish(count)

    # --- what a tap does ---------------------------------------------------------

    async def act(self, do: str, value: int | None) -> bool:
        """Run the tap on the app's side of the loop, as its key would; whether it ran."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        async def tap() -> None:
            try:
                done.set_result(await self._tap(do, value))
            except Exception as error:  # a bug: the page gets a 500, the app its traceback
                done.set_exception(error)
                raise

        if not self.app.call_later(tap):
            return False
        return await asyncio.wait_for(done, TAP_TIMEOUT)

    async def _tap(self, do: str, value: int | None) -> bool:
        top = self.app.screen
        if not getattr(top, "SEEN_BY_PAGE", True):
            # The phone's code shown in the terminal (m): it has served its purpose.
            await top.dismiss()
            top = self.app.screen
        ran = await run_tap(self.app, top, do, value)
        self.changed()  # a tap may change what a page shows without changing the screen
        return ran

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one bridge a run; figures never change
    def figure(self, pose_id: str, side: str | None, breath: str | None) -> str | None:
        """The pose's figure as SVG, on `side` or at Cat-Cow's breath, or None if it has none."""
        if side not in _SIDES or breath not in _BREATHS:
            return None
        figure = figure_or_none(pose_id)
        if figure is None:
            return None
        return figure_svg(posed(figure, side, _BREATHS[breath]), ink=INK, accent=ACCENT)
