"""Below the minimum size, a clear message over every screen instead of a broken layout."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 18
TOO_SMALL_CLASS = "-too-small"


def too_small(size: Size) -> bool:
    """Whether the terminal is below the minimum."""
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class TooSmallNotice(Static):
    """Covers its screen while the app has the too-small class (see styles/supple.tcss)."""

    def __init__(self) -> None:
        super().__init__(
            f"Make the terminal at least {MIN_WIDTH}×{MIN_HEIGHT}.\n\n"
            "Supple carries on as soon as it is bigger.",
            classes="too-small-notice",
        )

    def update_size(self, size: Size) -> None:
        """Say how big the terminal is now."""
        self.update(
            f"Make the terminal at least {MIN_WIDTH}×{MIN_HEIGHT}\n"
            f"(it is {size.width}×{size.height} now).\n\n"
            "Supple carries on as soon as it is bigger."
        )


def guard_screen(app: App[Any], screen: Screen[Any], size: Size | None = None) -> None:
    """Give `screen` its notice (once) and match the app's class to the terminal size."""
    size = size or app.size
    small = too_small(size)
    app.set_class(small, TOO_SMALL_CLASS)
    notices = screen.query(TooSmallNotice)
    if not notices and small:  # screens never made small carry no extra widget
        notice = TooSmallNotice()
        screen.mount(notice)
        notice.update_size(size)
        return
    for existing in notices:
        existing.update_size(size)
