"""A whole routine heard from the mat: phrases given to the speech command, bells in the output."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import Terminal, processes_using, supple_command

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

SPEED = "50"  # the fixture routine in about 12 s (with the longer pauses below)
LOCAL = {"SSH_CONNECTION": "", "SSH_TTY": ""}  # the voice's default is off over SSH
BREATHS = ["Inhale, Cow", "Exhale, Cat"] * 12


SHORT_HOLD = ["Begin", "Hold ends in three"]
# A hold of 40 s or more says where you are in it.
LONG_HOLD = ["Begin", "Halfway", "10 seconds left", "Hold ends in three"]


def two_sides(right: str, hold: list[str] = SHORT_HOLD) -> list[str]:
    """The phrases of a two-sided hold: the switch names what the right side means."""
    return [*hold, f"Switch sides: {right}", *hold]


# What a person hears, each phrase as it begins; the get-ready phrases go on with the cue.
PHRASES = [
    "Child's Pose. Sink your hips back",
    *LONG_HOLD,
    "Cat-Cow. Inhale into Cow",
    *BREATHS,
    "Thread the Needle, left side: left arm threads under the right. Thread one arm",
    *two_sides("right arm threads under the left"),
    "Pigeon Pose, left side: left knee forward, right leg back. Knee toward your wrist",
    *two_sides("right knee forward, left leg back", LONG_HOLD),
    "Seated Spinal Twist, left side: left knee up, twist to the left. Sit tall",
    *two_sides("right knee up, twist to the right"),
    "Session complete",
]
# 1 ring: a hold (or Cat-Cow's breathing) starts; 2 halfway and 3 at 10 s left (in a hold
# of 40 s or more); 4 (two and two): switch sides; 5: a pose ends.
BELLS = [1 + 2 + 3, 5, 1, 5, 1, 4, 1, 5, 1 + 2 + 3, 4, 1 + 2 + 3, 5, 1, 4, 1, 5]

# An OSC sequence (a window title is OSC 2) ends with BEL too; a bell is a BEL on its own.
_OSC_OR_BELL = re.compile(rb"\x1b\](\d*);([^\x07\x1b]*)(?:\x07|\x1b\\)|\x07")


def bell_patterns(raw: bytes) -> list[int]:
    """How many bells rang in each stretch of the session (get ready, hold, switch, breath).

    The window title ("0:09 · Pigeon Pose (left) — Supple") tells where a stretch begins:
    its time goes up, or its pose or side changes.
    """
    patterns, run, last = [], 0, (0, b"")
    for match in _OSC_OR_BELL.finditer(raw):
        if match.group(0) == b"\x07":
            run += 1
            continue
        if match.group(1) != b"2" or not match.group(2):
            continue  # another OSC, or the empty title that restores the terminal's own
        clock, _, rest = match.group(2).rpartition(b" \xc2\xb7 ")  # "m:ss · Pose (side)"
        minutes, _, seconds = clock.partition(b":")
        title = (int(minutes or 0) * 60 + int(seconds or 0), rest)  # "Supple": (0, b"Supple")
        if title[0] > last[0] or title[1] != last[1]:
            if run:
                patterns.append(run)
            run = 0
        last = title
    return [*patterns, run] if run else patterns


def _all_bells(terminal: Terminal) -> list[int]:
    """The bell patterns once the last pattern has rung in full (or as far as it got)."""
    with contextlib.suppress(AssertionError):
        terminal.wait_for(lambda _: bell_patterns(bytes(terminal.raw)) == BELLS, timeout=5)
    return bell_patterns(bytes(terminal.raw))


def _recorder(folder: Path, body: str) -> str:
    script = folder / "say.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    # env ignores SIGTERM from the start: a phrase cut off still lands in the file.
    return f"env --ignore-signal=TERM {script}"


def _whole_session(
    terminals: list[Terminal], data_dir: Path, speech_command: str, settings: str = ""
) -> Terminal:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: no exposure warning
    (data_dir / ".welcomed").touch()
    # Get-readies and side switches of 0.6 s and 0.5 s at this speed, not 0.2 s and 0.1 s:
    # each must reach the screen (its window title parts the bells) even when a busy
    # machine holds the app up for a few frames.
    pauses = "get_ready_seconds = 30\nswitch_sides_seconds = 25\n"
    (data_dir / "settings.toml").write_text(f"pain_checkins = false\n{pauses}{settings}", "utf-8")
    env = {**LOCAL, "SUPPLE_SPEECH_COMMAND": speech_command}
    args = [supple_command(), "--data-dir", str(data_dir), "--speed", SPEED]
    terminal = Terminal(args, size=(80, 24), env=env)
    terminals.append(terminal)
    terminal.wait_for_text("Child's Pose")
    terminal.send("s")
    terminal.wait_for_text("Session complete — well done", timeout=60)
    return terminal


def test_a_whole_routine_speaks_every_pose_side_switch_and_breath(
    terminals: list[Terminal], data_dir: Path, tmp_path: Path
) -> None:
    said = tmp_path / "said.txt"
    command = _recorder(tmp_path, f'printf "%s\\n" "$1" >> {said}')
    terminal = _whole_session(terminals, data_dir, command)

    def heard() -> list[str]:
        return said.read_text(encoding="utf-8").splitlines() if said.exists() else []

    terminal.wait_for(lambda _: "Session complete" in heard())
    lines = heard()
    assert len(lines) == len(PHRASES), lines
    for line, expected in zip(lines, PHRASES, strict=True):
        assert line.startswith(expected), (line, expected)
    assert lines.count("Inhale, Cow") == lines.count("Exhale, Cat") == 12
    assert _all_bells(terminal) == BELLS


def test_no_bell_at_all_when_the_bell_is_off(
    terminals: list[Terminal], data_dir: Path, tmp_path: Path
) -> None:
    command = _recorder(tmp_path, "exit 0")
    terminal = _whole_session(terminals, data_dir, command, "bell = false\n")
    assert bell_patterns(bytes(terminal.raw)) == []


def test_a_hanging_speech_command_never_holds_up_the_countdown(
    terminals: list[Terminal], data_dir: Path, tmp_path: Path
) -> None:
    marker = f"hang-{tmp_path.name}"
    script = tmp_path / "say.sh"
    script.write_text(f"#!/bin/sh\nexec sleep 600 {marker}\n", encoding="utf-8")  # never ends
    script.chmod(0o700)
    command = str(script)
    terminal = _whole_session(terminals, data_dir, command)
    # Every bell still rang, and each hung phrase was killed for the next. Counted in all:
    # killing and starting a process per phrase can hold a frame back past a short stretch
    # on a busy machine, and the title that parts two patterns with it (their shapes are
    # checked in the whole-routine test above).
    with contextlib.suppress(AssertionError):
        terminal.wait_for(lambda _: sum(bell_patterns(bytes(terminal.raw))) == sum(BELLS), 5)
    rung = bell_patterns(bytes(terminal.raw))
    assert sum(rung) == sum(BELLS), rung
    terminal.send("\r")  # leave the summary
    terminal.wait_for_text("daily hip")
    terminal.send("q")
    assert terminal.wait_exit() is not None
    terminal.wait_for(lambda _: not processes_using(marker), timeout=10)


def test_a_long_hold_at_speed_10_is_heard_begin_halfway_10_left_and_the_end(
    terminals: list[Terminal], data_dir: Path, tmp_path: Path
) -> None:
    # Child's Pose alone (45 s, 4.5 s at --speed 10): every phrase the command was given.
    said = tmp_path / "said.txt"
    command = _recorder(tmp_path, f'printf "%s\\n" "$1" >> {said}')
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / ".welcomed").touch()
    (data_dir / "settings.toml").write_text("pain_checkins = false\n", "utf-8")
    env = {**LOCAL, "SUPPLE_SPEECH_COMMAND": command}
    args = [supple_command(), "--data-dir", str(data_dir), "--speed", "10"]
    terminal = Terminal([*args, "--only", "childs-pose"], size=(80, 24), env=env)
    terminals.append(terminal)
    terminal.wait_for_text("Session complete — well done", timeout=60)

    def heard() -> list[str]:
        return said.read_text(encoding="utf-8").splitlines() if said.exists() else []

    terminal.wait_for(lambda _: "Session complete" in heard())
    assert heard() == [
        "Child's Pose. Sink your hips back toward your heels and breathe deeply.",
        "Begin",
        "Halfway",
        "10 seconds left",
        "Hold ends in three",
        "Session complete",
    ]
