"""Dialogs that close once, and keys typed at a dialog that never act on the screen beneath.

Several keys can arrive in one read (a laggy SSH link, key repeat). Two things went wrong:
Textual's `dismiss` pops whatever screen is on top, so a second call closed the screen
beneath too (a blank screen) and a third raised ScreenStackError; and the keys after the one
that closed a dialog acted on the screen beneath, which the person had not seen yet (the
second `a` of a burst in the hurt dialog swapped the pose back; a second q on help quit).

The rule: a key read from the terminal before a dialog closed was typed at that dialog; if it
reaches the app after the dialog has gone, it is dropped. Keys read after it closed act as
usual. Textual stamps every key with the time it was read, so the two are told apart by
cause and effect, with no time limit to tune.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual._time import get_time  # the clock Textual stamps each key with (Message.time)
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.screen import Screen

ResultType = TypeVar("ResultType")
ReturnType = TypeVar("ReturnType")


class DropsLateKeys(App[ReturnType]):
    """An app that drops the keys read before its last dialog closed."""

    keys_read_before: float = float("-inf")
    """Keys stamped at or before this time were meant for a dialog that has closed."""

    def dialog_closed(self) -> None:
        """A dialog is closing: the keys read up to now were typed at it."""
        self.keys_read_before = get_time()

    async def on_event(self, event: events.Event) -> None:
        """Drop a key typed at a dialog that has closed since; handle everything else."""
        if isinstance(event, events.Key) and event.time <= self.keys_read_before:
            return
        await super().on_event(event)


class DismissOnce(Screen[ResultType]):
    """Dismisses once, however many keys arrive in one read, and only while on top."""

    # A class default rather than an __init__, so it mixes into screens of any signature
    # (Textual's command palette).
    _dismissed = False

    @property
    def dismissed(self) -> bool:
        """Whether this screen has given its answer and is on its way out."""
        return self._dismissed

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close with `result`: only the first time, and only while this screen is on top."""
        if self._dismissed or not self.is_active:
            # Popping now would close whichever screen is on top instead of this one.
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        self._dismissed = True
        if isinstance(self.app, DropsLateKeys):
            self.app.dialog_closed()
        return super().dismiss(result)
