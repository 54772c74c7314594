"""The first-run welcome: how to stretch safely, and when to stop and seek care."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.routine import Routine
from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce

# Shown once per data folder; its presence means the welcome was seen there.
WELCOMED_MARKER = ".welcomed"

SAFETY_ADVICE = (
    "Don't push into pain; listen to your body and honor its boundaries. "
    "A stretch should feel like gentle tension, never sharp or shooting pain. "
    "Press ! during a hold if it hurts: the session pauses, and you choose a gentler pose, "
    "skipping it, ending, or carrying on."
)

SEEK_CARE = (
    "loss of bladder or bowel control",
    "numbness in the saddle area (groin, inner thighs, buttocks)",
    "leg weakness that is getting worse",
    "fever or unexplained weight loss together with back pain",
    "pain after a fall or injury",
)


def safety_text(routine: Routine | None = None) -> str:
    """The safety advice, the warning signs and where the routine comes from, as plain text."""
    signs = "\n".join(f"  • {sign}" for sign in SEEK_CARE)
    text = f"{SAFETY_ADVICE}\n\nStop and seek medical care promptly if you have:\n{signs}"
    if routine is not None and routine.source:
        # The person should know how far to trust the words on the screen.
        about = f"This routine comes from {routine.source}."
        if routine.source_note:
            about += f" {routine.source_note}"
        about += " If in doubt, ask a doctor or physiotherapist."
        text += f"\n\n{terminal_safe(about)}"
    return text


def needs_welcome(data_dir: Path | None) -> bool:
    """Whether this data folder has never shown the welcome."""
    return data_dir is not None and not (data_dir / WELCOMED_MARKER).exists()


def mark_welcomed(data_dir: Path | None) -> None:
    """Remember that the welcome was seen; a read-only folder just shows it again next time."""
    if data_dir is None:
        return
    with contextlib.suppress(OSError):
        (data_dir / WELCOMED_MARKER).touch(mode=0o600)


class WelcomeScreen(ModalScreen[None], DismissOnce[None]):
    """Safety first: shown on the first run and from help (w)."""

    QUESTION = True

    BINDINGS = [
        Binding("enter,escape", "close", "Continue", id="welcome.close"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False, id="welcome.down"),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False, id="welcome.up"),
    ]

    def __init__(self, routine: Routine | None = None) -> None:
        super().__init__()
        self._routine = routine

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box", classes="supple-dialog"):
            yield Static("Welcome to Supple — safety first", classes="dialog-title")
            with VerticalScroll(id="welcome-text"):
                yield Static(safety_text(self._routine), markup=False)  # quotes the routine
            yield Static(
                # One line in the 72 cells an 80-column terminal leaves it (Esc works too).
                "Enter: continue  ·  ↓ or j: read on  ·  ? anywhere: keys and this advice",
                classes="dialog-hint",
            )

    def action_scroll(self, lines: int) -> None:
        """Scroll the advice (for very small terminals)."""
        self.query_one("#welcome-text", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        """Close the welcome."""
        self.dismiss(None)
