"""The settings screen: move with ↑/↓, change with ←/→ (or h/l), toggle with Space or Enter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui import paths
from tui.commands.remind import Outcome
from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce
from tui.screens.reminder_row import ReminderRow
from tui.store.settings import CHOICES, RANGES, Settings, shown_value
from tui.themes import NAMED_THEMES, theme_label

if TYPE_CHECKING:
    from tui.app import SuppleApp


@dataclass(frozen=True)
class Field:
    """One setting as the screen shows it: a switch, a number in a range, or a choice."""

    key: str
    label: str
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0


FIELDS = (
    Field("theme", "Theme"),
    Field("bell", "Bell: 1 begin, 2+2 switch sides, 5 pose ends"),
    Field("countdown_bells", "Bell: 1 ring at each of a hold's last 3 seconds"),
    Field("breath_bells", "Bell: 1 ring at each Cat-Cow inhale"),
    Field("time_cues", "Long holds: halfway (2 rings), 10 s left (3)"),
    Field("voice", "Voice (v): pose and side, switch sides, breaths"),
    # The same ranges the file is checked against, so a value read from it can be stepped.
    Field("get_ready_seconds", "Get-ready seconds", *RANGES["get_ready_seconds"]),
    Field("switch_sides_seconds", "Switch-sides seconds", *RANGES["switch_sides_seconds"]),
    Field("breath_seconds", "Breath length (in + out), seconds", *RANGES["breath_seconds"]),
    Field("reduced_motion", "Reduced motion"),
    Field("pain_checkins", "Pain check-ins before and after"),
    # Not in settings.toml: the system's scheduler holds it (`supple remind`).
    Field("reminder", "Reminder, on a day not yet done"),
)


def apply_settings(app: SuppleApp, **changes: object) -> None:
    """Change settings, save them, and let the running app follow at once."""
    app.update_settings(**changes)
    settings = app.settings
    app.timing = settings.timing()  # from the next session on
    if "theme" in changes and settings.theme in app.available_themes:
        app.theme = settings.theme


class SettingsScreen(ModalScreen[None], DismissOnce[None]):
    """Every setting, saved as soon as it changes."""

    BINDINGS = [
        Binding("j", "move(1)", "Down", show=False, id="settings.down"),
        Binding("k", "move(-1)", "Up", show=False, id="settings.up"),
        Binding("left,h,minus", "change(-1)", "Less / previous", id="settings.less"),
        Binding("right,l,plus,equals_sign", "change(1)", "More / next", id="settings.more"),
        Binding("space", "toggle_or_set", "Toggle", show=False, id="settings.toggle"),
        Binding("escape,q", "close", "Close", id="settings.close"),
        # A modal does not pass keys to the app's bindings, so ? is bound here too.
        Binding("question_mark", "app.show_keys", "Keys", show=False, id="settings.keys"),
    ]

    app: SuppleApp
    reminder: ReminderRow

    def compose(self) -> ComposeResult:
        store = self.app.settings_store
        override = paths.override_of(self.app.data_dir)
        # reminder.json lives beside settings.toml, where `supple remind` keeps it.
        folder = store.path.parent if store is not None else paths.config_dir(override)
        self.reminder = ReminderRow(folder, override)
        with Vertical(id="settings-box", classes="supple-dialog"):
            yield Static("Settings", classes="dialog-title")
            yield OptionList(*self._options(), id="settings-list")
            yield Static(
                self._reminder_hint(), id="settings-reminder", classes="dialog-hint", markup=False
            )
            # Both quote paths and commands the person wrote: shown as written, not as markup.
            yield Static(self._voice(), id="settings-voice", classes="dialog-hint", markup=False)
            yield Static(self._where(), id="settings-where", classes="dialog-hint", markup=False)
            yield Static(
                "↑/↓ or j/k: choose  ·  ←/→ or h/l: change  ·  Space/Enter: toggle  ·  Esc: close",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = 0
        option_list.focus()

    def _where(self) -> str:
        store = self.app.settings_store
        if store is None:
            return "Not saved (no settings file)"
        if not store.writable:
            return f"Not saved: fix {store.path} (see the warning), then changes are kept again"
        return f"Saved to {store.path}"

    def _voice(self) -> str:
        """What the voice does here and why: the engine, SSH, or none found."""
        speech = self.app.speech
        if speech is None:
            return "Voice: speech is off in this run."
        if speech.engine is None:
            return f"Voice: {speech.source}. Set speech_command in {self._file()} to use another."
        if speech.over_ssh and self.app.settings.voice == "auto":
            return (
                "Voice: auto is off over SSH — the voice would speak in the server's room, "
                f"not yours. Choose on to speak with {speech.source}."
            )
        state = "speaks" if self.app.voice_on else "would speak"
        return f"Voice {state} with {speech.source}."

    def _file(self) -> str:
        store = self.app.settings_store
        return str(store.path) if store is not None else "settings.toml"

    def _options(self) -> list[Option]:
        settings = self.app.settings
        width = max(len(f.label) for f in FIELDS) + 2
        return [
            Option(f"{f.label:<{width}}‹ {self._value(f, settings)} ›", id=f.key) for f in FIELDS
        ]

    def _value(self, field: Field, settings: Settings) -> str:
        if field.key == "reminder":
            return self.reminder.value()
        value = getattr(settings, field.key)
        if field.key == "reduced_motion" and self.app.reduced_motion_for_this_run:
            # The start asked for it; the setting is what later runs get.
            return f"{shown_value(value)} (on for this run: --reduced-motion)"
        return theme_label(value) if field.key == "theme" else shown_value(value)

    def _themes(self) -> list[str]:
        return [name for name in NAMED_THEMES if name in self.app.available_themes]

    def _next_value(self, field: Field, settings: Settings, direction: int) -> object:
        value = getattr(settings, field.key)
        if isinstance(value, bool):
            return not value
        if field.key in CHOICES:
            choices = CHOICES[field.key]
            position = choices.index(value) if value in choices else -1
            return choices[(position + direction) % len(choices)]
        if field.key == "theme":
            themes = self._themes()
            position = themes.index(value) if value in themes else -1
            return themes[(position + direction) % len(themes)]
        number = float(value) + direction * field.step
        return min(field.high, max(field.low, number))

    def action_move(self, direction: int) -> None:
        """Highlight the next setting down (1) or up (-1), as the hint's j / k say."""
        option_list = self.query_one(OptionList)
        if direction > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_change(self, direction: int) -> None:
        """Change the highlighted setting one step in `direction`."""
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None:
            return
        field = FIELDS[index]
        if field.key == "reminder":
            self.reminder.step(direction)
        else:
            value = self._next_value(field, self.app.settings, direction)
            apply_settings(self.app, **{field.key: value})
        self._redraw()

    def _redraw(self) -> None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(self._options())
        option_list.highlighted = index
        self.query_one("#settings-voice", Static).update(self._voice())
        self.query_one("#settings-reminder", Static).update(self._reminder_hint())

    def action_toggle_or_set(self) -> None:
        """Toggle the highlighted setting; on the reminder, set the time chosen."""
        index = self.query_one(OptionList).highlighted
        if index is not None and FIELDS[index].key == "reminder":
            self._set_reminder()
        else:
            self.action_change(1)

    @on(OptionList.OptionSelected, "#settings-list")
    def _on_selected(self) -> None:
        self.action_toggle_or_set()

    def _reminder_hint(self, outcome: Outcome | None = None) -> str:
        text = "\n".join(outcome.problems) if outcome and outcome.problems else self.reminder.hint()
        return terminal_safe(text, keep_newlines=True)  # paths and the person's crontab line

    def _set_reminder(self) -> None:
        draft = self.reminder.take_draft()
        if draft is None:
            return
        self._redraw()
        self.query_one("#settings-reminder", Static).update("Reminder: setting it…")
        # systemctl or crontab may take a moment: never on the UI thread.
        self.run_worker(
            lambda: self.app.call_from_thread(self._reminder_set, self.reminder.apply(draft)),
            thread=True,
            group="reminder",
        )

    def _reminder_set(self, outcome: Outcome) -> None:
        if not self.is_attached:
            return  # closed while it was being set
        self.reminder.reload()
        self._redraw()
        self.query_one("#settings-reminder", Static).update(self._reminder_hint(outcome))

    def key_label(self, binding: Binding, default: str) -> str:
        """Enter on a setting changes it, as space does."""
        return "Change" if binding.action == "select" else default

    def action_close(self) -> None:
        """Close settings."""
        self.dismiss(None)
