"""The installed `supple` in a pty, under a seeded storm of keys, junk, pastes and the mouse."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import Terminal, supple_command

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

KEYS = [
    *"sjkJKaunhRo?!+-= pbv0123456789xyd",
    "\r", "\x1b", "\t", "\x1b[Z", "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[5~", "\x1b[6~",
    "\x10", "\x7f", "\x15", "\x1b[1;2A", "\x1b[", "\x1bO", "\x1b[999;999R", "é", "\x00",
    "\x1b[200~pasted\rtext\x1b[201~",
]  # fmt: skip
DOUBLE_CLICK = "\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m" * 2
WRITES = 60


def _write(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 20)):
        x, y = rng.randint(1, 80), rng.randint(1, 24)
        roll = rng.random()
        if roll < 0.15:
            parts.append(DOUBLE_CLICK.format(x=x, y=y))
        elif roll < 0.25:
            parts.append(f"\x1b[<{rng.choice((0, 2, 32, 35, 64, 65))};{x};{y}{rng.choice('Mm')}")
        else:
            parts.append(rng.choice(KEYS))
    return "".join(parts)


@pytest.mark.parametrize("seed", [17, 32])
def test_a_storm_leaves_the_app_running(
    terminals: list[Terminal], data_dir: Path, seed: int
) -> None:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / ".welcomed").touch()
    terminal = Terminal([supple_command(), "--data-dir", str(data_dir), "--mouse"], size=(80, 24))
    terminals.append(terminal)
    terminal.wait_for_text("Child's Pose")
    rng = random.Random(seed)
    for _ in range(WRITES):
        if terminal.poll_exit() is not None:
            break  # "Quit" chosen in the palette: the app did as told
        terminal.send(_write(rng))
        terminal.pump(0.02)
    terminal.pump(0.2)
    assert b"Traceback" not in terminal.raw, bytes(terminal.raw[-3000:]).decode(errors="replace")
    assert terminal.poll_exit() in (None, 0)
