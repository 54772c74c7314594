"""Plays a session's cues: the latest bell pattern through the terminal, each phrase aloud."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from tui.core.cues import BELL_GAP, Cue, CueOptions, bells_to_ring, says
from tui.sound.bells import BellPlayer


class Voice(Protocol):
    """Anything that can speak a phrase in the background and be silenced."""

    def say(self, phrase: str) -> None:
        """Start speaking `phrase`, cutting off whatever is still being said."""

    def stop(self) -> None:
        """Stop speaking now."""

    def close(self) -> None:
        """Stop speaking for good."""


class SoundSettings(Protocol):
    """The settings the player reads at each cue, so a change applies at once."""

    @property
    def bell(self) -> bool: ...

    @property
    def countdown_bells(self) -> bool: ...

    @property
    def breath_bells(self) -> bool: ...

    @property
    def time_cues(self) -> bool: ...


class CuePlayer:
    """Rings and speaks cues as the settings of the moment say; never waits for either."""

    def __init__(
        self,
        settings: Callable[[], SoundSettings],
        ring: Callable[[], None],
        speed: float = 1.0,
        voice: Voice | None = None,
    ) -> None:
        self._settings = settings
        self.bells = BellPlayer(ring, BELL_GAP / speed)
        self.voice = voice

    def play(self, cues: list[Cue], *, speak: bool = False) -> None:
        """Ring the latest pattern among `cues` and, if `speak`, say their phrases in order."""
        settings = self._settings()
        options = CueOptions(settings.countdown_bells, settings.breath_bells, settings.time_cues)
        if settings.bell:
            pattern = bells_to_ring(cues, options)
            if pattern:
                self.bells.play(pattern)
        if speak and self.voice is not None:
            for cue in cues:
                if says(cue, options):
                    self.voice.say(cue.phrase)

    def silence(self) -> None:
        """Stop any speech and any bells still to ring (pause, end of the session)."""
        self.bells.cancel()
        if self.voice is not None:
            self.voice.stop()

    def close(self) -> None:
        """Stop everything for good (the app is quitting)."""
        self.bells.cancel()
        if self.voice is not None:
            self.voice.close()
