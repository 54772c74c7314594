"""One running session: the engine plus its progressive saving into history."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from tui.core.clock import local_now
from tui.core.engine import (
    Event,
    PausedChanged,
    Phase,
    PhaseStarted,
    SessionEnded,
    SessionEngine,
)
from tui.core.hurt_memory import HurtMemory
from tui.core.record import SessionRecord

SaveRecord = Callable[[SessionRecord], None]


class ActiveSession:
    """Keeps history up to date while the engine runs: as each pose begins, at pause and end."""

    def __init__(
        self,
        engine: SessionEngine,
        save: SaveRecord,
        now: Callable[[], datetime] = local_now,
        session_id: str | None = None,
        speed: float = 1.0,
        later: Callable[[Callable[[], None]], object] | None = None,
    ) -> None:
        self.engine = engine
        # Runs a save once the frame an event changes is drawn (the app's call_after_refresh):
        # a write and its fsync, slow on an SD card, never hold up the PAUSED frame or a new
        # pose's. None: save at once (tests of the session alone).
        self._later = later
        self._save_waiting = False
        self.speed = speed  # recorded so a --speed demo never counts as practice
        self.id = session_id or uuid.uuid4().hex
        self._save = save
        self._now = now
        self.started_at = now()
        self.ended_at: datetime | None = None
        # Pain check-ins (0-10), asked before and after by the app; None when skipped.
        self.pain_before: int | None = None
        self.pain_after: int | None = None
        self.pain_where: str | None = None  # one of record.PAIN_PLACES, when said
        self.pain_note = ""  # a short note from a check-in or the summary
        self.hurts: list[str] = []  # poses that hurt ("!"), kept in the record's note
        self.resumed = False  # going on with a session cut off earlier (same id, same record)
        # Pose sides that hurt lately, said at their get-ready (filled in by whoever starts it).
        self.remembered: dict[tuple[str, str | None], HurtMemory] = {}
        engine.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionEnded):
            self.ended_at = self._now()
        # Saved as a pose begins (after the one left was recorded), so the record always
        # names the pose the session is at: a session cut off resumes where it stopped.
        begins = isinstance(event, PhaseStarted) and event.phase is Phase.GET_READY
        if isinstance(event, SessionEnded):
            self.save()  # at once: the summary and quitting follow
        elif begins or isinstance(event, PausedChanged):
            self._save_soon()

    def _save_soon(self) -> None:
        """Save after the frame being drawn now (once, however many events fall in it)."""
        if self._later is None:
            self.save()
        elif not self._save_waiting:
            self._save_waiting = True
            self._later(self._save_if_waiting)

    def _save_if_waiting(self) -> None:
        if self._save_waiting:  # not saved meanwhile (the session ended, the app quit)
            self.save()

    def record(self) -> SessionRecord:
        """The session as it stands, as history would store it."""
        record = self.engine.record(self.id, self.started_at, self.ended_at or self._now())
        record = record.with_changes(
            pain_before=self.pain_before,
            pain_after=self.pain_after,
            speed=self.speed,
            pain_where=self.pain_where,
            pain_note=self.pain_note,
        )
        return record.with_changes(note="; ".join(self.hurts)) if self.hurts else record

    def note_hurt(self, what: str) -> None:
        """Remember that a pose hurt, and save once the dialog's frame is drawn."""
        self.hurts.append(what)
        self._save_soon()

    def save(self) -> None:
        """Write the session as it stands (called on events and on exit)."""
        self._save_waiting = False
        self._save(self.record())
