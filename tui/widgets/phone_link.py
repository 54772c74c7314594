"""The phone's link on the main screen: its QR code, and one line with the link and who is in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.app import SuppleApp


def pages_words(pages: int) -> str:
    """Whether a phone has the page open, in the terminal's words."""
    if pages == 0:
        return "no phone yet"
    return "phone connected" if pages == 1 else f"{pages} pages connected"


class PhoneCode(Static):
    """The link as a QR code, drawn just after the first frame (segno loads then)."""

    DEFAULT_CSS = """
    PhoneCode { width: auto; height: auto; }
    """

    def __init__(self, link: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.link = link

    def on_mount(self) -> None:
        # A beat after the first frame, so that frame reaches the terminal first.
        self.call_after_refresh(lambda: self.set_timer(0.1, self._draw))

    def _draw(self) -> None:
        from tui.remote.qr import qr_content

        self.update(qr_content(self.link))


class PhoneLine(Static):
    """ "Phone: http://… · no phone yet", kept current as pages come and go."""

    DEFAULT_CSS = """
    PhoneLine { height: 1; width: 1fr; text-wrap: nowrap; text-overflow: clip; }
    """

    app: SuppleApp

    def __init__(self, link: str, hint: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.link = link
        self.hint = hint

    def on_mount(self) -> None:
        self.app.remote_pages_signal.subscribe(self, self.show_pages)
        self.show_pages(self.app.remote_pages)

    def show_pages(self, pages: int) -> None:
        """Say how many pages are connected."""
        hint = f" · {self.hint}" if self.hint else ""
        self.update(
            Content.assemble(("Phone ", "bold"), self.link, f" · {pages_words(pages)}{hint}")
        )
