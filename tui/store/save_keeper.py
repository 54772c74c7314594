"""The app's side of saving: never wait on the disk, keep what could not be written, say so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tui.core.record import SessionRecord
from tui.store.history import History
from tui.store.problems import SaveProblem
from tui.store.rescue_file import write_rescue_file

# Told the problem in plain words when saving starts failing, and None once all is written.
Listener = Callable[[SaveProblem | None], None]


class SaveKeeper:
    """Saves sessions without waiting on a lock held elsewhere; retries what is held in memory.

    Everything runs on the caller's thread: a save tries the lock once, so a later save
    of a session can never be overtaken by an earlier one still waiting somewhere.
    """

    def __init__(self, history: History) -> None:
        self.history = history
        self._listeners: list[Listener] = []
        self._told: SaveProblem | None = None
        # The unsaved sessions were written elsewhere, or the person chose to leave them.
        self.handed_over = False

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` whenever the save problem starts, changes or ends."""
        self._listeners.append(listener)

    def save(self, record: SessionRecord) -> None:
        """Save `record` now if the history can be written, else hold it for `retry`."""
        self.history.save(record, wait=False)
        self._tell()

    def retry(self) -> None:
        """Try again to write what is held in memory (cheap when nothing is)."""
        if self.history.in_memory:
            self.history.retry(wait=False)
            self._tell()

    @property
    def problem(self) -> SaveProblem | None:
        """Why sessions are held in memory ("the disk is full"), or None."""
        if not self.history.in_memory:
            return None
        return self.history.save_problem or SaveProblem("not written yet", self.history.root)

    def unsaved(self) -> list[SessionRecord]:
        """The sessions held only in memory."""
        return self.history.unsaved()

    def is_unsaved(self, session_id: str) -> bool:
        """Whether the session with this id is held only in memory."""
        return any(record.id == session_id for record in self.history.unsaved())

    def rescue(self, when: datetime, folders: list[Path] | None = None) -> Path:
        """Write the unsaved sessions to a file elsewhere; raises OSError when nowhere takes it."""
        path = write_rescue_file(self.unsaved(), when, folders)
        self.handed_over = True
        return path

    def _tell(self) -> None:
        problem = self.problem
        if problem != self._told:
            self._told = problem
            for listener in self._listeners:
                listener(problem)
