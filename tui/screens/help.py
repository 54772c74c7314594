"""Every key of the screen underneath, readable at 80x24, plus the safety advice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.app import SuppleApp

# Keys every screen has but whose bindings a person never needs to read.
_HIDDEN_ACTIONS = {"app.help_quit", "help_quit"}


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding active on `screen`, keys sharing an action joined."""
    app = screen.app
    by_action: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.action in _HIDDEN_ACTIONS or not active.enabled:
            continue
        description = binding.description or binding.action.replace("_", " ")
        keys = by_action.setdefault((description, binding.action), [])
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for (description, _), keys in by_action.items()]


# Beyond this many keys, two columns, so a whole screen's keys fit at 80x24.
ONE_COLUMN_MAX = 12
COLUMN_WIDTH = 35


def _columns(rows: list[tuple[str, str]]) -> list[str]:
    width = min(14, max((len(keys) for keys, _ in rows), default=4))
    cells = [f"{keys:>{width}}  {what}" for keys, what in rows]
    if len(cells) <= ONE_COLUMN_MAX:
        return cells
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:]
    right += [""] * (len(left) - len(right))  # an odd count leaves the last right cell empty
    return [
        f"{a[:COLUMN_WIDTH]:<{COLUMN_WIDTH}} {b[:COLUMN_WIDTH]}".rstrip()
        for a, b in zip(left, right, strict=True)
    ]


class HelpScreen(ModalScreen[None]):
    """The keys that work on the screen below; w shows the safety advice again."""

    BINDINGS = [
        Binding("escape,question_mark,enter,q", "close", "Close", id="help.close"),
        Binding("w", "welcome", "Safety advice", id="help.welcome"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
    ]

    app: SuppleApp

    def __init__(self, rows: list[tuple[str, str]], title: str, notes: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title
        self.notes = notes  # what the keys alone do not say (the session's bell patterns)

    def compose(self) -> ComposeResult:
        lines = _columns(self.rows)
        with Vertical(id="help-box", classes="supple-dialog"):
            yield Static(f"Keys — {self.title_text}", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static("\n".join(lines) or "No keys here.")
                if self.notes:
                    yield Static(self.notes, id="help-notes")
            yield Static(
                "Ctrl+P: all commands  ·  w: safety advice  ·  Esc or ?: close",
                classes="dialog-hint",
            )

    def action_scroll(self, lines: int) -> None:
        """Scroll the list of keys."""
        self.query_one("#help-keys", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_welcome(self) -> None:
        """Show the safety advice."""
        from tui.screens.welcome import WelcomeScreen

        self.app.push_screen(WelcomeScreen())

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
