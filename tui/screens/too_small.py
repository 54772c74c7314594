"""Below the minimum size, a clear message over every screen instead of a broken layout."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

# The session screen and the dialogs work down to this; a screen with more to lay side by
# side (the main screen's list and pose, History's columns) sets its own MIN_SIZE.
MIN_WIDTH = 60
MIN_HEIGHT = 18
TOO_SMALL_CLASS = "-too-small"


def minimum_size(screen: Screen[Any] | None) -> tuple[int, int]:
    """The smallest terminal (columns, rows) in which `screen` is usable."""
    size: tuple[int, int] = getattr(screen, "MIN_SIZE", (MIN_WIDTH, MIN_HEIGHT))
    return size


def too_small(size: Size, screen: Screen[Any] | None = None) -> bool:
    """Whether the terminal is below what `screen` (or any screen) needs."""
    width, height = minimum_size(screen)
    return size.width < width or size.height < height


class TooSmallNotice(Static):
    """Covers its screen while the app has the too-small class (see styles/supple.tcss)."""

    def __init__(self) -> None:
        super().__init__(classes="too-small-notice")

    def update_size(self, size: Size, needed: tuple[int, int]) -> None:
        """Say how big the terminal must be, and how big it is now."""
        self.update(
            f"Make the terminal at least {needed[0]}×{needed[1]}\n"
            f"(it is {size.width}×{size.height} now).\n\n"
            "Supple carries on as soon as it is bigger."
        )


def guard_screen(app: App[Any], screen: Screen[Any], size: Size | None = None) -> None:
    """Give `screen` its notice (once) and match the app's class to the terminal size."""
    size = size or app.size
    small = too_small(size, screen)
    app.set_class(small, TOO_SMALL_CLASS)
    notices = screen.query(TooSmallNotice)
    if not notices and small:  # screens never made small carry no extra widget
        notice = TooSmallNotice()
        screen.mount(notice)
        notice.update_size(size, minimum_size(screen))
        return
    for existing in notices:
        existing.update_size(size, minimum_size(screen))
