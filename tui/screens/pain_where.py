"""After a pain rating: where it hurts (one key each), then a short note; both may be skipped."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.core.record import PAIN_NOTE_LIMIT, PAIN_PLACES
from tui.core.safe_text import control_characters
from tui.screens.dismiss_once import DismissOnce
from tui.widgets.text_field import TextField

# What the dialog returns: the place (or None) and the note ("" for none).
WhereAndNote = tuple[str | None, str]


def places_line() -> str:
    """The places with the digit that chooses each, on two lines."""
    shown = [f"{n} {place}" for n, place in enumerate(PAIN_PLACES, start=1)]
    # Back and hips on one line, legs and other on the next: no place cut across lines.
    return "   ".join(shown[:4]) + "\n" + "   ".join(shown[4:])


class PainWhereScreen(ModalScreen[WhereAndNote | None], DismissOnce[WhereAndNote | None]):
    """Ask where it hurts (a digit), then for a note; None when both are skipped at once."""

    QUESTION = True

    BINDINGS = [
        *(
            Binding(str(n), f"place({n})", place, show=False, id=f"where.{n}")
            for n, place in enumerate(PAIN_PLACES, start=1)
        ),
        Binding("enter", "no_place", "No place: on to the note", id="where.none"),
        Binding("escape", "skip", "Skip", id="where.skip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.place: str | None = None
        self.asking_note = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-where-box", classes="supple-dialog"):
            yield Static("Where does it hurt? (optional)", classes="dialog-title")
            yield Static(places_line(), id="pain-where-places")
            yield Static("", id="pain-where-chosen")
            yield Static(
                "1 … 7: where  ·  Enter: no place, a note  ·  Esc: skip",
                id="pain-where-hint",
                classes="dialog-hint",
            )

    def _ask_note(self) -> None:
        self.asking_note = True
        chosen = f"Where: {self.place}" if self.place else "Where: not said"
        self.query_one("#pain-where-chosen", Static).update(chosen)
        self.query_one("#pain-where-hint", Static).update(
            "Type a note (optional)  ·  Enter: save  ·  Esc: no note"
        )
        # Mounted only now: a field there from the start takes focus, and the digits with it.
        field = TextField(max_length=PAIN_NOTE_LIMIT, placeholder="a short note", id="pain-note")
        self.query_one("#pain-where-box").mount(field, before="#pain-where-hint")
        field.focus()

    def action_place(self, number: int) -> None:
        """Choose where it hurts, then ask for a note."""
        if not self.asking_note:
            self.place = PAIN_PLACES[number - 1]
            self._ask_note()

    def action_place_only(self, number: int) -> None:
        """Choose where it hurts and finish, without a note (a tap on the phone page)."""
        if not self.asking_note and 1 <= number <= len(PAIN_PLACES):
            self.dismiss((PAIN_PLACES[number - 1], ""))

    def action_no_place(self) -> None:
        """Say no place, and go on to the note."""
        if not self.asking_note:
            self._ask_note()

    def action_skip(self) -> None:
        """Esc: skip the question asked now (the note keeps a place already chosen)."""
        self.dismiss((self.place, "") if self.asking_note else None)

    @on(Input.Submitted, "#pain-note")
    def _submit(self, event: Input.Submitted) -> None:
        # A paste can carry control characters; they would be refused on import.
        note = "".join(c for c in event.value if c not in control_characters(c)).strip()
        self.dismiss((self.place, note))
