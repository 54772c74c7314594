"""Spoken guidance through the system's speech command, in the background, never in the way.

We run the engines' own commands (espeak-ng, spd-say, say, Windows' built-in voice through
PowerShell) instead of pyttsx3: a command is a process we can cut off when a newer phrase
comes and kill when it hangs, which pyttsx3's in-process engines cannot promise (its
runAndWait blocks, and a stuck driver would take a thread with it); it also lets the person
name any command they like, and adds no dependency.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.core.safe_text import terminal_safe

SPEECH_COMMAND_ENV = "SUPPLE_SPEECH_COMMAND"
# A phrase gets this long, plus a little per character, before its command counts as hung.
BASE_TIMEOUT = 5.0
PER_CHARACTER = 0.08
# After SIGTERM, this long to end before SIGKILL (a command may finish writing first).
GRACE = 1.0
POLL = 0.25  # how often the worker looks at a running command (its end is not urgent)
# A command's standard error is read as it comes and only its end kept: the last line says
# what went wrong, and a command that writes gigabytes of it must not fill memory or disk.
ERROR_TAIL = 4096
# A newer phrase cuts the older off only after this long: a command killed in its first
# milliseconds may not have read its phrase at all, and a blip that short is no speech.
MIN_SPEAKING = 0.05

_WINDOWS_SAY = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak('{}')"
)


@dataclass(frozen=True)
class SpeechEngine:
    """A command that speaks the phrase given as its last argument."""

    name: str  # as the settings screen names it
    argv: tuple[str, ...]
    stop_argv: tuple[str, ...] = ()  # silences a daemon that speaks on after a kill (spd-say)
    powershell: bool = False  # the phrase goes inside a PowerShell script (Windows)
    # The program ends its options at "--" (getopt): the phrase after it is only ever words.
    ends_options: bool = False

    def command(self, phrase: str) -> list[str]:
        """The full command line that speaks `phrase`."""
        # Here, not at the top: cues brings the session engine, which a start does not need.
        from tui.core.cues import spoken

        phrase = spoken(phrase)  # whoever built it: no control characters, no leading dash
        if self.powershell:
            return [*self.argv, _WINDOWS_SAY.format(phrase.replace("'", "''"))]
        return [*self.argv, *(("--",) if self.ends_options else ()), phrase]


@dataclass(frozen=True)
class SpeechChoice:
    """The engine found at start (or None) and, in words, where it came from or why none."""

    engine: SpeechEngine | None
    source: str
    over_ssh: bool = False


def over_ssh(env: Mapping[str, str]) -> bool:
    """Whether Supple runs in an SSH session, where a voice would speak in the server's room."""
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def voice_wanted(setting: str, ssh: bool) -> bool:
    """Whether the voice setting ("auto", "on", "off") asks for speech here."""
    return setting == "on" or (setting == "auto" and not ssh)


def _known_engines(platform: str) -> list[SpeechEngine]:
    if platform == "darwin":
        return [SpeechEngine("say", ("say",))]
    if platform.startswith("win"):
        args = ("powershell", "-NoProfile", "-NonInteractive", "-Command")
        return [SpeechEngine("the Windows voice", args, powershell=True)]
    return [
        SpeechEngine("espeak-ng", ("espeak-ng",), ends_options=True),
        SpeechEngine("espeak", ("espeak",), ends_options=True),
        # -w keeps spd-say running while it speaks, so a hang can be seen and killed.
        SpeechEngine("spd-say", ("spd-say", "-w"), stop_argv=("spd-say", "-C"), ends_options=True),
    ]


def find_engine(
    configured: str,
    env: Mapping[str, str],
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
) -> SpeechChoice:
    """The person's command ($SUPPLE_SPEECH_COMMAND, then speech_command), else the system's."""
    ssh = over_ssh(env)
    asked = ((SPEECH_COMMAND_ENV, env.get(SPEECH_COMMAND_ENV, "")), ("speech_command", configured))
    for origin, command in asked:
        if not command.strip():
            continue
        shown = terminal_safe(command)  # the person's text, on its way to the screen
        try:
            argv = shlex.split(command, posix=not platform.startswith("win"))
        except ValueError as exc:
            return SpeechChoice(None, f"{origin} {shown!r} cannot be read ({exc})", ssh)
        if not argv or which(argv[0]) is None:
            program = terminal_safe(argv[0]) if argv else ""
            return SpeechChoice(None, f"{origin}: no program {program!r} found", ssh)
        engine = SpeechEngine(terminal_safe(Path(argv[0]).name), tuple(argv))
        return SpeechChoice(engine, f"{origin}: {shown}", ssh)
    for engine in _known_engines(platform):
        if which(engine.argv[0]) is not None:
            return SpeechChoice(engine, f"{engine.name}, found on this system", ssh)
    hint = "install espeak-ng" if platform.startswith("linux") else "set speech_command"
    return SpeechChoice(None, f"no speech engine found ({hint}, or set speech_command)", ssh)


def timeout_for(phrase: str) -> float:
    """Seconds a command may take to say `phrase` before it counts as hung."""
    return BASE_TIMEOUT + PER_CHARACTER * len(phrase)


class Speaker:
    """Speaks one phrase at a time in a background thread; a newer phrase cuts the older off.

    `say` and `stop` only leave a request and return: the thread starts, stops and kills
    the commands, so the countdown never waits on a process. A command that fails or hangs
    is stopped and reported once, through `report` (called from the thread).
    """

    def __init__(self, engine: SpeechEngine, report: Callable[[str], None]) -> None:
        self.engine = engine
        self._report = report
        self._reported = False
        self._wake = threading.Condition()
        self._requests: list[str | None] = []  # phrases in order; None means "be quiet"
        self._closed = False
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: _ErrorTail | None = None  # the running command's standard error
        self._deadline = 0.0
        self._started = 0.0
        self._stopped_by_us = False
        self._thread = threading.Thread(target=self._run, name="supple-speech", daemon=True)
        self._thread.start()

    # --- the app's side: never waits -------------------------------------------------

    def say(self, phrase: str) -> None:
        """Start saying `phrase` as soon as possible, cutting off an unfinished phrase."""
        self._ask(phrase)

    def stop(self) -> None:
        """Stop speaking now (pause, voice turned off)."""
        self._ask(None)

    def close(self) -> None:
        """Stop speaking and end the thread (the app is quitting)."""
        with self._wake:
            self._closed = True
            self._requests.clear()
            self._wake.notify()
        process = self._process
        if process is not None and process.poll() is None:
            # At once and for sure, not from the thread: the app may exit before it runs again.
            _signal(process, getattr(signal, "SIGKILL", signal.SIGTERM))

    def _ask(self, request: str | None) -> None:
        with self._wake:
            if not self._closed:
                self._requests.append(request)
                self._wake.notify()

    # --- the thread's side -----------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._wake:
                if not self._requests and not self._closed:
                    self._wake.wait(POLL if self._process is not None else None)
                requests, self._requests = self._requests, []
                closed = self._closed
            if closed:
                self._end_current()
                return
            for request in requests:
                self._end_current()
                if request is not None:
                    self._start(request)
            self._check_current()

    def _start(self, phrase: str) -> None:
        # A pipe read as it comes (_ErrorTail), not a file: a flood of errors fills nothing.
        read_end, write_end = os.pipe()
        try:
            self._process = subprocess.Popen(
                self.engine.command(phrase),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=write_end,
                # Its own process group: a kill reaches whatever the command started.
                start_new_session=os.name == "posix",
            )
        except OSError as exc:
            os.close(read_end)
            os.close(write_end)
            self._problem(f"could not start ({exc.strerror or exc})")
            return
        os.close(write_end)  # the command holds its own copy: the pipe ends when it does
        self._errors = _ErrorTail(read_end)
        self._started = time.monotonic()
        self._deadline = self._started + timeout_for(phrase)
        self._stopped_by_us = False

    def _check_current(self) -> None:
        process = self._process
        if process is None:
            return
        code = process.poll()
        if code is None:
            if time.monotonic() > self._deadline:
                self._end_current()
                self._problem("did not finish within a few seconds, so it was stopped")
            return
        if code != 0 and not self._stopped_by_us:
            self._problem(f"failed (exit status {code}{self._last_error_line()})")
        self._forget_current()

    def _end_current(self) -> None:
        """Cut the phrase being said off: SIGTERM, then SIGKILL if it lingers."""
        process = self._process
        if process is None:
            return
        barely_begun = self._started + MIN_SPEAKING - time.monotonic()
        if barely_begun > 0:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(barely_begun)
        if process.poll() is None:
            self._stopped_by_us = True
            _signal(process, signal.SIGTERM)
            try:
                process.wait(GRACE)
            except subprocess.TimeoutExpired:
                _signal(process, getattr(signal, "SIGKILL", signal.SIGTERM))
                process.wait()
            if self.engine.stop_argv:
                self._run_quietly(self.engine.stop_argv)
        self._forget_current()

    def _forget_current(self) -> None:
        self._process = None
        self._errors = None  # its reader ends by itself when the pipe closes

    def _run_quietly(self, argv: tuple[str, ...]) -> None:
        # Silencing is best effort: the phrase was cut off either way.
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=GRACE)

    def _last_error_line(self) -> str:
        if self._errors is None:
            return ""
        lines = self._errors.ended(GRACE).decode(errors="replace").strip().splitlines()
        return f": {terminal_safe(lines[-1])[:120]}" if lines else ""

    def _problem(self, what: str) -> None:
        if self._reported:
            return
        self._reported = True
        message = f"Voice: {self.engine.name} {what}. Press v to turn the voice off."
        self._report(terminal_safe(message))


class _ErrorTail:
    """Reads a command's standard error in a thread of its own, keeping only its last bytes.

    A blocking read in its own thread takes errors as fast as they come, on every platform:
    a command that floods them neither blocks on a full pipe until its deadline nor fills
    memory, and the line that says what went wrong (the last) is kept.
    """

    def __init__(self, read_end: int) -> None:
        self._tail = bytearray()
        self._lock = threading.Lock()
        self._thread = threading.Thread(
            target=self._read, args=(read_end,), name="supple-speech-errors", daemon=True
        )
        self._thread.start()

    def _read(self, read_end: int) -> None:
        try:
            while chunk := os.read(read_end, 65536):
                with self._lock:
                    self._tail += chunk
                    del self._tail[:-ERROR_TAIL]
        except OSError:
            pass  # the pipe broke: what was read is what there is
        finally:
            os.close(read_end)

    def ended(self, wait: float) -> bytes:
        """The last bytes written, after waiting up to `wait` s for the pipe to close."""
        # Something the command started may hold the pipe open: do not wait on it for long.
        self._thread.join(wait)
        with self._lock:
            return bytes(self._tail)


def _signal(process: subprocess.Popen[bytes], signum: int) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signum)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass  # it ended on its own meanwhile
