"""A one-line footer of the keys that apply now, greyed when they cannot apply.

Textual's Footer mounts a widget per key and rebuilds them all whenever a binding
is enabled or disabled, which costs a full layout: on the main screen that happens
on most cursor moves (the first pose cannot move up, only Pigeon has a swap). This
bar is one widget of fixed height that only repaints, so a key press stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from tui.widgets.steady import SteadyLines

HELP_KEY = "?"
# Two spaces between entries read best; one space lets an 80-column terminal show all.
SEPARATORS = ("  ", " ")


@dataclass(frozen=True)
class KeyItem:
    """One entry of the bar: keys as shown, what they do, and whether they apply now."""

    keys: str
    description: str
    enabled: bool

    @property
    def width(self) -> int:
        """Cells the entry takes."""
        return len(self.keys) + (1 + len(self.description) if self.description else 0)

    def content(self) -> Content:
        """The entry as styled text: the keys bold, everything dim when it cannot apply."""
        text = Content.from_markup("[b]$keys[/]", keys=self.keys)
        if self.description:
            text = Content.assemble(text, " ", self.description)
        return text if self.enabled else text.stylize("dim")


# A screen's words for a key as things stand now ("Resume" while paused), else the default.
Label = Callable[[Binding, str], str]


def _default_label(binding: Binding, default: str) -> str:
    return default


def screen_label(screen: Screen[object]) -> Label:
    """The screen's `key_label(binding, default)` if it has one: labels that follow its state."""
    label = getattr(screen, "key_label", None)
    return label if callable(label) else _default_label


def key_items(
    bindings: Iterable[tuple[Binding, bool]],
    display: Callable[[Binding], str],
    label: Label = _default_label,
) -> list[KeyItem]:
    """Entries for the shown bindings, one per action, grouped bindings merged ("J/K Move")."""
    by_action: dict[str, tuple[Binding, bool]] = {}
    for binding, enabled in bindings:
        if binding.show and binding.action not in by_action:
            by_action[binding.action] = (binding, enabled)
    items: list[KeyItem] = []
    entries = list(by_action.values())
    index = 0
    while index < len(entries):
        binding, enabled = entries[index]
        group = binding.group
        run = [entries[index]]
        while group is not None and index + len(run) < len(entries):
            following = entries[index + len(run)]
            if following[0].group != group:
                break
            run.append(following)
        if group is not None and len(run) > 1:
            keys = "/".join(display(b) for b, _ in run)
            text = label(binding, group.description)
            items.append(KeyItem(keys, text, any(e for _, e in run)))
        else:
            items.append(KeyItem(display(binding), label(binding, binding.description), enabled))
        index += len(run)
    return items


def _width(items: list[KeyItem], separator: str) -> int:
    return sum(i.width for i in items) + len(separator) * max(0, len(items) - 1)


def fit(items: list[KeyItem], width: int) -> tuple[list[KeyItem], str]:
    """The items that fit in `width` and their separator; the help key is always kept."""
    for separator in SEPARATORS:
        if _width(items, separator) <= width:
            return items, separator
    separator = SEPARATORS[-1]
    kept = list(items)
    while _width(kept, separator) > width:
        droppable = [i for i in kept if i.keys != HELP_KEY]
        if not droppable:
            break
        kept.remove(droppable[-1])  # "? Keys" lists whatever had to go
    return kept, separator


class KeyBar(SteadyLines, can_focus=False):
    """The keys of the current screen, on one line at the bottom."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding-left: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()  # a repaint of one line: the bar never changes size

    def render(self) -> Content:
        active = self.screen.active_bindings.values()
        items = key_items(
            ((b.binding, b.enabled) for b in active),
            self.app.get_key_display,
            screen_label(self.screen),
        )
        shown, separator = fit(items, self.size.width - 1)
        return Content(separator).join(item.content() for item in shown)
