"""A screen that closes once, and takes the keys typed at it along when it goes."""

from __future__ import annotations

from typing import TypeVar
from weakref import WeakSet

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import Screen

ResultType = TypeVar("ResultType")


class DismissOnce(Screen[ResultType]):
    """Dismisses once, however many keys arrive in one read; its unhandled keys die with it.

    Two things go wrong when several keys arrive in one read (a laggy SSH link, key repeat).
    Textual's `dismiss` pops whatever screen is on top, so a second call closed the screen
    beneath too (a blank screen) and a third raised ScreenStackError. And Textual sends each
    key to the screen on top as it arrives but looks up its binding only once the key has
    come back up to the app, on whichever screen is on top by then: the second `a` of a
    burst in the hurt dialog swapped the pose back on the session screen.

    The rule: a key that arrives while this screen is on top is meant for it; if the screen
    is gone by the time the key would act, the key is dropped. Keys that arrive after it is
    gone act on the screen then on top, as typing ahead should.
    """

    def __init__(
        self,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._dismissed = False
        # Keys on their way from this screen up to the app's bindings; weak, because a key
        # the app has handled is of no further interest.
        self._keys_passed_up: WeakSet[events.Key] = WeakSet()

    @property
    def dismissed(self) -> bool:
        """Whether this screen has given its answer and is on its way out."""
        return self._dismissed

    def on_key(self, event: events.Key) -> None:
        """Note a key going up to the app's bindings; after the answer, drop it here."""
        if self._dismissed:
            event.prevent_default()
            event.stop()
        else:
            self._keys_passed_up.add(event)

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close with `result`: only the first time, and only while this screen is on top."""
        if self._dismissed or not self.is_active:
            # Popping now would close whichever screen is on top instead of this one.
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        self._dismissed = True
        for key in self._keys_passed_up:
            key.prevent_default()  # the app then skips its bindings for it
        self._keys_passed_up.clear()
        return super().dismiss(result)
