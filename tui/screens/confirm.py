"""A yes/no question that returns the answer to whoever asked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.dismiss_once import DismissOnce


class ConfirmScreen(ModalScreen[bool], DismissOnce[bool]):
    """Ask before doing something that cannot be taken back; y/Enter yes, n/Esc no."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > Vertical {
        /* Not auto: the Statics inside take 1fr, which an auto-width parent collapses to 0. */
        width: 60;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    ConfirmScreen .hint {
        margin-top: 1;
        color: $text-muted;
    }
    """

    QUESTION = True

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "yes", no: str = "no") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)  # it quotes names from files
            yield Static(f"y / Enter: {self.yes}    n / Esc: {self.no}", classes="hint")

    def action_answer(self, answer: bool) -> None:
        """Close, returning the answer."""
        self.dismiss(answer)
