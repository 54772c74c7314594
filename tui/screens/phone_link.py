"""The phone's link during a session (m): the QR code to scan, the link, and who is in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.dismiss_once import DismissOnce
from tui.widgets.phone_link import PhoneCode, PhoneLine

if TYPE_CHECKING:
    from tui.app import SuppleApp


class PhoneLinkScreen(ModalScreen[None], DismissOnce[None]):
    """Shows the code a phone scans to open the page; any of Esc, Enter, space or m closes."""

    DEFAULT_CSS = """
    PhoneLinkScreen { align: center middle; }
    PhoneLinkScreen > Vertical {
        width: auto;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    PhoneLinkScreen Center { height: auto; }
    PhoneLinkScreen PhoneLine { width: auto; }
    PhoneLinkScreen #phone-hint { color: $text-muted; width: auto; }
    """

    BINDINGS = [
        Binding("escape,enter,space,m,q", "close", "Close", id="phone.close"),
    ]

    HELP_TITLE = "Phone"
    SEEN_BY_PAGE = False  # a page never shows it, and a tap closes it

    app: SuppleApp

    def compose(self) -> ComposeResult:
        door = self.app.remote_door
        assert door is not None  # opened only with --remote
        with Vertical():
            with Center():
                yield PhoneCode(door.link, id="phone-code")
            yield PhoneLine(door.link)
            yield Static("Scan it with the phone's camera · Esc closes", id="phone-hint")

    def action_close(self) -> None:
        """Back to what was there."""
        self.dismiss()
