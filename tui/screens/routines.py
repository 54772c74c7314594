"""The routine picker: switch, save as, rename, delete and reset routines; and its commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui import paths
from tui.core.routine import Routine, Timing, format_duration, total_seconds
from tui.core.safe_text import control_characters, terminal_safe
from tui.screens.confirm import ConfirmScreen
from tui.screens.dismiss_once import DismissOnce
from tui.widgets.key_bar import KeyBar
from tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from tui.store.routines import RoutineEntry, RoutineStore

NAME_MAX = 40
# The widest name a row shows, in terminal cells: with the facts beside it, a row fits the
# 64-column dialog on one line (an imported name may be 60 characters, 120 cells in CJK).
NAME_CELLS = 28


def entry_prompt(
    entry: RoutineEntry, current_id: str, timing: Timing, name_width: int = 0
) -> Content:
    """One row: a mark on the current routine, its name padded to `name_width`, its facts."""
    mark = "▸" if entry.id == current_id else " "
    name = Content(shown_name(entry)).truncate(NAME_CELLS, ellipsis=True)
    name = name.pad_right(max(0, name_width - name.cell_length))
    if entry.routine is None:
        return Content.assemble(f"{mark} ", name, "  ", ("cannot be opened", "$error"))
    routine = entry.routine
    facts = (
        f"{len(routine.active_steps())} poses · {format_duration(total_seconds(routine, timing))}"
    )
    kind = "  shipped" if entry.shipped else ""
    return Content.assemble(f"{mark} ", name.stylize("bold"), "  ", (f"{facts}{kind}", "dim"))


def shown_name(entry: RoutineEntry) -> str:
    """The routine's name as the picker shows it: from a file, so made terminal-safe."""
    return terminal_safe(entry.name if entry.routine is None else entry.routine.name)


def _name_width(entries: list[RoutineEntry]) -> int:
    """The widest name in terminal cells, so every row's facts start in the same column."""
    widest = max((Content(shown_name(e)).cell_length for e in entries), default=0)
    return min(widest, NAME_CELLS)


class NameScreen(ModalScreen[str | None], DismissOnce[str | None]):
    """Ask for a routine's name; Enter keeps it, Esc cancels."""

    # Its own styles, read when first shown: the app's first frame need not parse them.
    CSS_PATH = paths.styles_dir() / "routines.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="name.cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="name-dialog"):
            yield Static(self.question, id="name-question")
            yield TextField(self.value, max_length=NAME_MAX, id="name-input")
            yield Static(id="name-error")
            yield Static("Enter: save    Esc: cancel", classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        """A key that reached the dialog before its field had focus is typed into the field.

        Keys read together with the n that opened the dialog arrive before the field has
        focus; handed on in the order they came, none is lost.
        """
        field = self.query_one(TextField)
        if self.focused is None and event.key != "escape":
            event.stop()
            event.prevent_default()
            field.post_message(events.Key(event.key, event.character))

    @on(Input.Submitted, "#name-input")
    def _submit(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        error = self.query_one("#name-error", Static)
        if not name:
            error.update("Type a name first.")
            return
        # A paste can carry them; the routine file would refuse to load with them in it.
        found = control_characters(name)
        if found:
            shown = ", ".join(dict.fromkeys(found))
            error.update(f"A name cannot hold control characters ({shown}): remove them.")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)


OPEN_HINT = "Enter opens the highlighted routine."
SHIPPED_HINT = "Enter opens it. Shipped with Supple, it keeps its name: n saves a copy of your own."
_SHIPPED_WHY = {
    "routines.rename": "the shipped routine keeps its name; n saves a copy you can rename",
    "routines.delete": "the shipped routine cannot be deleted; x resets it instead",
}


class RoutinesScreen(ModalScreen[str | None], DismissOnce[str | None]):
    """Every routine; returns the id to open, or None to stay on the current one."""

    CSS_PATH = NameScreen.CSS_PATH

    BINDINGS = [
        Binding("n", "save_as", "Save as…", id="routines.save_as"),
        Binding("r", "rename", "Rename", id="routines.rename"),
        Binding("d,delete", "delete", "Delete", id="routines.delete"),
        Binding("x", "reset", "Reset", id="routines.reset"),
        Binding("escape,q", "close", "Close", id="routines.close"),
        # A modal does not pass keys to the app's bindings, so ? is bound here too.
        Binding("question_mark", "app.show_keys", "Keys", id="routines.keys"),
        Binding("j", "list_cursor(1)", "Down", show=False, id="routines.down"),
        Binding("k", "list_cursor(-1)", "Up", show=False, id="routines.up"),
    ]

    def __init__(
        self,
        store: RoutineStore,
        current: Routine,
        timing: Timing,
        on_change: Callable[[], Routine] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.current = current
        self.timing = timing
        # Tells the screen behind that the open routine was renamed, reset or deleted, so it
        # shows the change at once; returns the routine it shows now.
        self.on_change = on_change
        self.entries: list[RoutineEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="routines-dialog"):
            yield Static("Routines", id="routines-title")
            yield OptionList(id="routines-list")
            yield Static(OPEN_HINT, id="routines-hint", classes="dialog-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill(self.current.id)
        self.query_one(OptionList).focus()

    def _fill(self, highlight: str | None = None) -> None:
        self.entries = self.store.entries()
        width = _name_width(self.entries)
        options = [
            Option(entry_prompt(e, self.current.id, self.timing, width), id=e.id)
            for e in self.entries
        ]
        listing = self.query_one(OptionList)
        keep = highlight or self._highlighted_id()
        listing.set_options(options)
        ids = [e.id for e in self.entries]
        listing.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_bindings()

    def _current_changed(self, routine_id: str) -> None:
        if routine_id == self.current.id and self.on_change is not None:
            self.current = self.on_change()

    def _highlighted_id(self) -> str | None:
        entry = self.highlighted_entry()
        return None if entry is None else entry.id

    def highlighted_entry(self) -> RoutineEntry | None:
        """The routine under the cursor."""
        index = self.query_one(OptionList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Shipped routines cannot be renamed or deleted; broken ones can only be deleted."""
        entry = self.highlighted_entry() if self.is_mounted else None
        if entry is None:
            return True
        if action in ("rename", "delete") and entry.shipped:
            return False  # hidden: ? says why, and the hint offers Save as…
        if action in ("save_as", "rename", "reset") and entry.routine is None:
            return None
        return True

    def key_label(self, binding: Binding, default: str) -> str:
        """Enter on the list opens the routine."""
        return "Open" if binding.action == "select" else default

    def key_unavailable(self, binding: Binding) -> str:
        """Why a key cannot act on the highlighted routine, for the help screen."""
        entry = self.highlighted_entry()
        if entry is not None and entry.shipped and binding.id in _SHIPPED_WHY:
            return _SHIPPED_WHY[binding.id]
        if entry is not None and entry.routine is None:
            return "this routine's file could not be read; it can only be deleted"
        return ""

    @on(OptionList.OptionHighlighted, "#routines-list")
    def _on_highlight(self) -> None:
        self.refresh_bindings()
        entry = self.highlighted_entry()
        shipped = entry is not None and entry.shipped
        self.query_one("#routines-hint", Static).update(SHIPPED_HINT if shipped else OPEN_HINT)

    @on(OptionList.OptionSelected, "#routines-list")
    def _on_select(self) -> None:
        entry = self.highlighted_entry()
        if entry is None:
            return
        if entry.routine is None:
            self.notify(terminal_safe(entry.problem), severity="error", timeout=15, markup=False)
            return
        self.dismiss(entry.id)

    def action_list_cursor(self, delta: int) -> None:
        """Move the highlight (j/k)."""
        listing = self.query_one(OptionList)
        if delta > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_close(self) -> None:
        """Back to the routine shown before, picking up any rename or reset."""
        self.dismiss(None)

    def _routine_of(self, entry: RoutineEntry) -> Routine | None:
        return self.current if entry.id == self.current.id else entry.routine

    def action_save_as(self) -> None:
        """Save a copy of the highlighted routine under a new name, and open it."""
        entry = self.highlighted_entry()
        routine = None if entry is None else self._routine_of(entry)
        if routine is None:
            return

        def save(name: str | None) -> None:
            if name is None:
                return
            try:
                copy = self.store.duplicate(routine, name)
            except OSError as exc:
                self.notify(terminal_safe(str(exc)), severity="error", timeout=15, markup=False)
                return
            self.dismiss(copy.id)

        self.app.push_screen(NameScreen("Save as…", f"{routine.name} (copy)"), save)

    def action_rename(self) -> None:
        """Give the highlighted routine of yours a new name."""
        entry = self.highlighted_entry()
        if entry is None or entry.shipped:
            return

        def rename(name: str | None) -> None:
            if name is not None:
                self.store.rename(entry.id, name)
                self._current_changed(entry.id)
                self._fill(entry.id)

        self.app.push_screen(NameScreen("New name", entry.name), rename)

    def action_delete(self) -> None:
        """Delete the highlighted routine of yours, after asking."""
        entry = self.highlighted_entry()
        if entry is None or entry.shipped:
            return

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self.store.delete(entry.id)
                self._current_changed(entry.id)
                self._fill()

        question = f"Delete the routine {entry.name!r}? This cannot be undone."
        self.app.push_screen(ConfirmScreen(question, yes="delete", no="keep"), delete)

    def action_reset(self) -> None:
        """Put the highlighted routine back to its default steps, after asking."""
        entry = self.highlighted_entry()
        if entry is None or entry.routine is None:
            return

        def reset(confirmed: bool | None) -> None:
            if confirmed:
                self.store.reset(entry.id)
                self._current_changed(entry.id)
                self._fill(entry.id)

        question = f"Reset {entry.name!r} to its default order, poses and holds?"
        self.app.push_screen(ConfirmScreen(question, yes="reset", no="keep"), reset)


class RoutineCommands(Provider):
    """Routine commands in the command palette (Ctrl+P) of the main screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        run = partial(self.app.run_action, default_namespace=self.screen)
        found: list[tuple[str, str, Callable[[], object]]] = [
            ("Routines…", "Switch, save as, rename, delete or reset", partial(run, "routines")),
            ("Undo routine edit", "Take back the last change to the routine", partial(run, "undo")),
            ("Reset routine", "Back to the default order, poses and holds", partial(run, "reset")),
        ]
        store = getattr(self.app, "routine_store", None)
        switch = getattr(self.screen, "_switch_to", None)
        if store is not None and switch is not None:
            for entry in store.entries():
                if entry.routine is not None:
                    name = f"Open routine: {shown_name(entry)}"
                    found.append((name, "Switch to this routine", partial(switch, entry.id)))
        return found

    async def discover(self) -> Hits:
        """Every routine command, before anything is typed."""
        for name, help_text, command in self._commands():
            yield DiscoveryHit(Content(name), command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Routine commands matching what was typed."""
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), command, help=help_text)


def _highlight(matcher: Matcher, name: str) -> Content:
    """`name` as plain text with the typed letters marked (a str prompt is read as markup).

    Matcher.highlight reads its text as markup: a routine named "[$x]" showed as nothing, and
    one with "[a=^b" raised MarkupError and took the app down.
    """
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
