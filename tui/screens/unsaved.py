"""Asked on quitting while sessions are held only in memory: write them elsewhere, stay, or go."""

from __future__ import annotations

from enum import Enum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce
from tui.store.problems import SaveProblem


class UnsavedChoice(Enum):
    """What the person chose; SAVED when the retry wrote them while the question was open."""

    WRITE = "write"
    STAY = "stay"
    LEAVE = "leave"
    SAVED = "saved"


def sessions(count: int) -> str:
    """ "1 session", "2 sessions"."""
    return f"{count} session{'' if count == 1 else 's'}"


class UnsavedScreen(ModalScreen[UnsavedChoice], DismissOnce[UnsavedChoice]):
    """Nothing is lost in silence: quitting with unsaved sessions asks what to do with them."""

    DEFAULT_CSS = """
    UnsavedScreen {
        align: center middle;
    }
    """

    QUESTION = True

    BINDINGS = [
        Binding("w,enter", "answer('write')", "Write to a file and quit", id="unsaved.write"),
        Binding("n,escape", "answer('stay')", "Stay", id="unsaved.stay"),
        Binding("x", "answer('leave')", "Quit and lose them", id="unsaved.leave"),
    ]

    def __init__(self, count: int, problem: SaveProblem) -> None:
        super().__init__()
        self.count = count
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-box", classes="supple-dialog"):
            yield Static(f"{sessions(self.count)} not saved", classes="dialog-title")
            them = "it" if self.count == 1 else "them"
            # Content, not markup: a path may hold "[" and must show as it is.
            yield Static(
                Content(
                    terminal_safe(f"Supple could not save: {self.problem}.")
                    + f" It keeps trying while it is open. Or write {them} to a file in your "
                    "home folder (the temp folder if home is full too): Supple prints where, "
                    f"and `supple history import FILE` brings {them} back."
                )
            )
            yield Static(
                "w / Enter: write to a file and quit  ·  n / Esc: stay  ·  x: quit anyway",
                classes="dialog-hint",
            )

    def action_answer(self, choice: str) -> None:
        """Close with the choice."""
        self.settle(UnsavedChoice(choice))

    def settle(self, choice: UnsavedChoice) -> None:
        """Close with `choice`, unless an answer was already given."""
        self.dismiss(choice)
