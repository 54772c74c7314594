"""Offer to go on with today's unfinished session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce


class ResumeScreen(ModalScreen[bool], DismissOnce[bool]):
    """Resume (True) or start fresh / not now (False)."""

    QUESTION = True

    BINDINGS = [
        Binding("r,enter", "answer(True)", "Resume", id="resume.yes"),
        Binding("f,escape", "answer(False)", "Not now", id="resume.no"),
    ]

    def __init__(self, started: str, pose_name: str, done: int, total: int) -> None:
        super().__init__()
        self.started = started
        self.pose_name = pose_name
        self.done = done
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box", classes="supple-dialog"):
            yield Static("Pick up where you left off?", classes="dialog-title")
            yield Static(
                f"Today's session from {self.started} stopped at "
                f"{terminal_safe(self.pose_name)} ({self.done} of {self.total} poses done).",
                markup=False,  # the pose's name comes from a file
            )
            yield Static(
                "r / Enter: resume at that pose  ·  f / Esc: not now (s starts fresh)",
                classes="dialog-hint",
            )

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)
