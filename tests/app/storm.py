"""Random terminal input for storm tests: keys, junk, escape sequences, pastes and the mouse.

A storm is bytes, as a terminal sends them, read through the app's own terminal driver parser
(tui.terminal_driver) and handed to the app as the driver does, so keys, pastes and mouse
reports reach the screens exactly as they would from a pty.
"""

from __future__ import annotations

import random
import string
from typing import Any

from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.app import App
from textual.keys import _character_to_key

from tui.terminal_driver import _WholeReadParser


def _key_sequences() -> dict[str, str]:
    """What a terminal sends for each key name Textual knows (the first way it is sent)."""
    table: dict[str, str] = {}
    for sequence, keys in ANSI_SEQUENCES_KEYS.items():
        if isinstance(keys, tuple) and len(keys) == 1:
            table.setdefault(keys[0].value, sequence)
    for char in string.printable:
        table.setdefault(_character_to_key(char), char)
    table["enter"] = "\r"
    table["escape"] = "\x1b"
    return table


SEQUENCES = _key_sequences()
JUNK = string.printable + "éß漢字🙂\u202e\u00a0\x00\x01\x07\x08\x1c\x7f"
ESCAPES = [
    "\x1b[",  # the start of a sequence, and then whatever comes next
    "\x1bO",
    "\x1b[999;999R",  # a cursor report nobody asked for
    "\x1b[I",  # focus in and out
    "\x1b[O",
    "\x1b[?1;2c",
    "\x1b]11;rgb:0000/0000/0000\x1b\\",
    "\x1b[27;5;13~",
    "\x1b[13;2u",  # the kitty keyboard protocol
    "\x1b[97;5u",
    "\x1b\x1b",
    "\x9b",
]
MOUSE_BUTTONS = [0, 0, 0, 1, 2, 32, 35, 64, 65, 4, 8, 16]  # clicks most, then drags, wheel, mods


def documented_keys(app: App[object]) -> list[str]:
    """Keys the screen on top (and the widget with focus) answer, as the terminal sends them."""
    keys = []
    for key in app.screen.active_bindings:
        for name in key.split(","):
            sequence = SEQUENCES.get(name.strip())
            if sequence is not None:
                keys.append(sequence)
    return keys


class Storm:
    """A seeded stream of terminal input for one app."""

    def __init__(self, app: App[Any], seed: int, *, mouse: bool = True) -> None:
        self.app = app
        self.rng = random.Random(seed)
        self.mouse = mouse
        self.parser = _WholeReadParser()

    def _mouse(self) -> str:
        rng = self.rng
        width, height = self.app.size
        x, y = rng.randint(1, max(1, width)), rng.randint(1, max(1, height))
        if rng.random() < 0.3:  # a double click, in one report or two
            click = f"\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"
            return click * rng.choice((2, 3))
        button = rng.choice(MOUSE_BUTTONS)
        return f"\x1b[<{button};{x};{y}{rng.choice('Mm')}"

    def _paste(self) -> str:
        text = "".join(self.rng.choice(JUNK) for _ in range(self.rng.randint(0, 40)))
        return f"\x1b[200~{text}\x1b[201~"

    def _one(self, documented: list[str]) -> str:
        roll = self.rng.random()
        if roll < 0.55 and documented:
            return self.rng.choice(documented)
        if roll < 0.7:
            return self.rng.choice(JUNK)
        if roll < 0.8:
            return self.rng.choice([*ESCAPES, *SEQUENCES.values()])
        if roll < 0.85:
            return self._paste()
        if self.mouse:
            return self._mouse()
        return self.rng.choice(JUNK)

    def read(self, inputs: int) -> str:
        """One read's worth of input: `inputs` keys, sequences, pastes or mouse reports."""
        documented = documented_keys(self.app)
        return "".join(self._one(documented) for _ in range(inputs))

    def send(self, data: str) -> None:
        """Hand `data` to the app as the terminal driver does with one read."""
        driver = self.app._driver
        assert driver is not None
        for message in self.parser.feed(data):
            driver.process_message(message)
