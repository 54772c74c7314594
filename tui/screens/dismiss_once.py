"""Dialogs that close once, and keys typed at a dialog that never act on the screen beneath.

Several keys can arrive in one read (a laggy SSH link, key repeat). Two things went wrong:
Textual's `dismiss` pops whatever screen is on top, so a second call closed the screen
beneath too (a blank screen) and a third raised ScreenStackError; and the keys after the one
that closed a dialog acted on the screen beneath, which the person had not seen yet (the
second `a` of a burst in the hurt dialog swapped the pose back; a second q on help quit).

The rule: a key read from the terminal before a dialog closed was typed at that dialog; if it
reaches the app after the dialog has gone, it is dropped. Likewise a question (are you sure,
how much pain, this hurts, resume, unsaved sessions, the safety advice) is answered only by
keys read after it appeared: the second Enter of a burst on the main screen no longer skips
the pain check-in it opened. Keys read after the change act as usual. Textual stamps every
key with the time it was read, so the two are told apart by cause and effect, with no time
limit to tune. The terminal driver stamps every key of one read before any acts
(tui.terminal_driver), so a burst is dropped whole.
"""

from __future__ import annotations

from time import monotonic as get_time  # Textual stamps each key (Message.time) by it
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.screen import Screen

ResultType = TypeVar("ResultType")
ReturnType = TypeVar("ReturnType")


class DropsLateKeys(App[ReturnType]):
    """An app that drops the keys read before its last dialog closed or question appeared."""

    keys_read_before: float = float("-inf")
    """Keys stamped at or before this time were meant for a screen that has gone since."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sent_to = {}

    def drop_keys_read_so_far(self) -> None:
        """A dialog is closing or a question appearing: no key read up to now may act."""
        self.keys_read_before = get_time()

    def on_mount(self) -> None:
        """Watch the screen on top, from now on and as it is (a welcome pushed at mount)."""
        # Immediate: told inside push_screen, before a key already read can reach the question.
        self.screen_change_signal.subscribe(self, self._question_on_top, immediate=True)
        self._question_on_top(self.screen)

    def _question_on_top(self, screen: Screen[object]) -> None:
        if isinstance(screen, DismissOnce) and screen.QUESTION:
            self.drop_keys_read_so_far()

    _sent_to: dict[events.Key, Screen[object]]
    """The screen each key went to, until it comes back unhandled (see `_on_key`)."""

    async def on_event(self, event: events.Event) -> None:
        """Drop a key read before the screen it would act on appeared; handle the rest."""
        if isinstance(event, events.Key):
            if event.time <= self.keys_read_before:
                self._sent_to.pop(event, None)
                return
            if not event.is_forwarded:
                self._sent_to[event] = self.screen
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key back from the screen it went to, unhandled: its keys act, or the next screen's.

        Textual hands every key of a read to the screen on top before the first has come back
        to act as a key of that screen (n: Save as…). Keys typed after that n were meant for
        the dialog it opened, so they go to it, in order, as if read after it appeared.
        """
        sent_to = self._sent_to.pop(event, None)
        if sent_to is not None and sent_to is not self.screen and sent_to in self.screen_stack:
            event.prevent_default()  # Textual's App._on_key, next, would act on it as it is
            again = events.Key(event.key, event.character)
            again.time = event.time
            self._sent_to[again] = self.screen
            (self.focused or self.screen)._forward_event(again)


class DismissOnce(Screen[ResultType]):
    """Dismisses once, however many keys arrive in one read, and only while on top."""

    QUESTION: ClassVar[bool] = False
    """A question: keys read before it appeared (meant for the screen beneath) never answer it."""

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
            self.app.drop_keys_read_so_far()
        if not self.is_mounted:
            # A key in the same read as the one that opened it: closed now, the screen's
            # children would go before its on_mount looks for them (NoMatches). It closes
            # once mounted instead: the screen runs this after its Mount.
            self.call_later(self._dismiss_when_mounted, result)
            done = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        return super().dismiss(result)

    def _dismiss_when_mounted(self, result: ResultType | None) -> None:
        if self.is_active:
            super().dismiss(result)
        else:  # something came on top meanwhile: this one stays, and can be closed again
            self._dismissed = False
