"""The countdown baseline: a bare Textual app updating a `Digits` once a second."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Digits, Footer


class BareDigits(App[None]):
    """A minute counting down, redrawn once a second."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Digits("60")
        yield Footer()

    def on_mount(self) -> None:
        self.started = time.monotonic()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        left = max(0, 60 - int(time.monotonic() - self.started))
        self.query_one(Digits).update(f"{left:02d}")


if __name__ == "__main__":
    BareDigits().run()
