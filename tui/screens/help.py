"""Every key of the screen underneath, readable at 80x24, plus the safety advice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.screens.dismiss_once import DismissOnce
from tui.widgets.key_bar import screen_label

if TYPE_CHECKING:
    from tui.app import SuppleApp

# Textual's own keys worth a line, in Supple's words; its other keys (Scroll Left, Copy
# selected text, Focus Next…) do nothing a person needs here, so help leaves them out.
_TEXTUAL_KEYS = {
    "cursor_up": "Up",
    "cursor_down": "Down",
    "first": "First",
    "last": "Last",
    "page_up": "Page up",
    "page_down": "Page down",
    "select": "Select",
    "quit": "Quit",
    "command_palette": "All commands",
}
# Keys every screen has but whose bindings a person never needs to read.
_HIDDEN_ACTIONS = {"app.help_quit", "help_quit"}


@dataclass(frozen=True)
class KeyRow:
    """Keys sharing a meaning, what they do, and why not now (empty when they work now)."""

    keys: str
    description: str
    why_not: str = ""


def _why_not(screen: Screen[object], binding: Binding) -> str:
    explain = getattr(screen, "key_unavailable", None)
    why = explain(binding) if callable(explain) else ""
    return str(why or "not here, not now")


def key_rows(screen: Screen[object]) -> list[KeyRow]:
    """Every key that does something on `screen`, those that cannot act now marked with why."""
    app = screen.app
    label = screen_label(screen)
    active = screen.active_bindings
    found: list[tuple[Binding, bool]] = [(a.binding, a.enabled) for a in active.values()]
    enabled_by_id = {a.binding.id: a.enabled for a in active.values() if a.binding.id}
    # The screen's own keys that active_bindings leaves out: hidden by check_action right now
    # (`a` on a pose without a gentler one), or shadowed by a list's internal key (← in
    # settings, which the list does not use, so it reaches the screen).
    for binding in getattr(type(screen), "BINDINGS", ()):
        if not isinstance(binding, Binding) or not binding.id:
            continue
        for key in (k.strip() for k in binding.key.split(",")):
            holder = active.get(key)
            if holder is not None and (holder.binding.id or holder.binding.action in _TEXTUAL_KEYS):
                continue  # listed already, or another key that matters holds it
            single = Binding(key, binding.action, binding.description, id=binding.id)
            found.append((single, enabled_by_id.get(binding.id, False)))
    by_description: dict[str, tuple[list[str], str]] = {}
    for binding, enabled in found:
        if binding.action in _HIDDEN_ACTIONS:
            continue
        if binding.id is None:
            default = _TEXTUAL_KEYS.get(binding.action)
            if default is None:
                continue
        else:
            default = binding.description or binding.action.replace("_", " ")
        description = label(binding, default)
        for key in binding.key.split(","):
            single = Binding(key.strip(), binding.action, description, id=binding.id)
            display = app.get_key_display(single)
            keys, why = by_description.setdefault(description, ([], ""))
            if display not in keys:
                keys.append(display)
            if not enabled and not why:
                by_description[description] = (keys, _why_not(screen, binding))
    return [
        KeyRow(" / ".join(keys), description, why)
        for description, (keys, why) in by_description.items()
    ]


# Beyond this many keys, two columns, so a whole screen's keys fit at 80x24.
ONE_COLUMN_MAX = 12
COLUMN_WIDTH = 35


def _cells(rows: list[KeyRow]) -> list[Content]:
    width = min(14, max((len(row.keys) for row in rows), default=4))
    cells = []
    for row in rows:
        cell = Content(f"{row.keys[:width]:>{width}}  {row.description}")
        cells.append(cell.stylize("dim") if row.why_not else cell)
    return cells


def _columns(rows: list[KeyRow]) -> list[Content]:
    cells = _cells(rows)
    if len(cells) <= ONE_COLUMN_MAX:
        return cells
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:]
    right += [Content("")] * (len(left) - len(right))  # an odd count leaves one cell empty
    return [
        Content.assemble(
            a[:COLUMN_WIDTH].pad_right(COLUMN_WIDTH - len(a[:COLUMN_WIDTH])), " ", b[:COLUMN_WIDTH]
        )
        for a, b in zip(left, right, strict=True)
    ]


def _not_now(rows: list[KeyRow]) -> str:
    """One line per key that cannot act now, saying why, so a dimmed key is never a mystery."""
    lines = [f"{row.keys} {row.description.lower()}: {row.why_not}" for row in rows if row.why_not]
    return "Not now (dimmed above):\n" + "\n".join(lines) if lines else ""


class HelpScreen(ModalScreen[None], DismissOnce[None]):
    """The keys that work on the screen below; w shows the safety advice again."""

    BINDINGS = [
        Binding("escape,question_mark,enter,q", "close", "Close", id="help.close"),
        Binding("w", "welcome", "Safety advice", id="help.welcome"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
    ]

    app: SuppleApp

    def __init__(self, rows: list[KeyRow], title: str, notes: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title
        self.notes = notes  # what the keys alone do not say (the session's bell patterns)

    def compose(self) -> ComposeResult:
        lines = _columns(self.rows)
        with Vertical(id="help-box", classes="supple-dialog"):
            yield Static(f"Keys — {self.title_text}", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(Content("\n").join(lines) if lines else "No keys here.")
                not_now = _not_now(self.rows)
                if not_now:
                    yield Static(not_now, id="help-not-now", markup=False)
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

        self.app.push_screen(WelcomeScreen(self.app.routine))

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
