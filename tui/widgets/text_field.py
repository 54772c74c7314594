"""A text field that finishes each key before the next, however many arrive in one read."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TextField(Input):
    """Textual's Input, with its own keys (ctrl+u, Enter, arrows ...) taken in typing order.

    Input types a letter as it handles the key, but its bound keys come back to it from the
    app once the key has bubbled up; by then the letters after them in the same read were
    typed already. Ctrl+U and "Gentle days" in one read (a slow SSH link bunches keys) cleared
    "Gentle d" and left "ays". Run here, a bound key acts in its place among the letters.
    """

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls Input's own _on_key after this one unless the default is prevented.
        for key in event.aliases:
            for binding in self._bindings.key_to_bindings.get(key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
