"""A tap on the page as the key it stands for: the same action on the same screen.

Each tap names what the person saw on the page ("Skip pose" in the hurt question), so it
acts only while that screen is on top in the terminal; if something else came up
meanwhile, the tap does nothing and the page shows what is there now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.core.record import PAIN_PLACES
from tui.screens.hurt import HurtScreen
from tui.screens.main import MainScreen
from tui.screens.pain import SCALE, PainScreen
from tui.screens.pain_where import PainWhereScreen
from tui.screens.session import SessionScreen
from tui.screens.summary import SummaryScreen

if TYPE_CHECKING:
    from tui.app import SuppleApp

# Page action -> (the screen it belongs to, the action its key runs there).
TAPS: dict[str, tuple[type[Screen[Any]], str]] = {
    "start": (MainScreen, "start"),
    "pause": (SessionScreen, "toggle_pause"),
    "resume": (SessionScreen, "toggle_pause"),
    "next": (SessionScreen, "next_pose"),
    "back": (SessionScreen, "previous_pose"),
    "add": (SessionScreen, "add_time"),
    "hurt": (SessionScreen, "this_hurts"),
    # The gentler pose a remembered hurt offers: only ever gentler, whatever the page showed.
    "take_gentler": (SessionScreen, "take_gentler"),
    "gentler": (HurtScreen, "choose('alternative')"),
    "skip": (HurtScreen, "choose('skip')"),
    "end": (HurtScreen, "choose('end')"),
    "carry_on": (HurtScreen, "choose('carry on')"),
    "pain": (PainScreen, "rate({value})"),
    "pain_skip": (PainScreen, "skip"),
    "pain_where": (PainScreen, "want_where"),
    # Where it hurts, without a note: the page has no keyboard for one.
    "where": (PainWhereScreen, "place_only({value})"),
    "where_skip": (PainWhereScreen, "skip"),
    "done": (SummaryScreen, "close"),
}


def tap_action(screen: Screen[object], do: str, value: int | None) -> str | None:
    """The action string `do` runs on `screen` (the one on top), or None if it cannot now."""
    if do not in TAPS:
        return None
    kind, action = TAPS[do]
    if not isinstance(screen, kind):
        return None
    if isinstance(screen, SessionScreen):
        # Pause and Resume are two buttons but one key: a late tap must not undo the other.
        paused = not screen.engine.finished and screen.engine.paused
        if (do == "pause" and paused) or (do == "resume" and not paused):
            return None
    if do == "pain":
        if value not in SCALE:
            return None
        return action.format(value=value)
    if do == "where":
        if not isinstance(value, int) or not 1 <= value <= len(PAIN_PLACES):
            return None
        if not isinstance(screen, PainWhereScreen) or screen.asking_note:
            return None  # the note is being typed at the terminal
        return action.format(value=value)
    return action


async def run_tap(app: SuppleApp, screen: Screen[object], do: str, value: int | None) -> bool:
    """Run the tap's action as its key would (check_action first); whether it ran."""
    action = tap_action(screen, do, value)
    if action is None:
        return False
    return await app.run_action(action, screen)
