"""Speech through a real command: found at start, cut off by a newer phrase, killed if it hangs."""

from __future__ import annotations

import queue
import shutil
import stat
import subprocess
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.sound import speech
from tui.sound.speech import Speaker, SpeechEngine, find_engine, voice_wanted

WAIT = 20.0  # generous: only a failing test waits this long


def _script(path: Path, body: str) -> Path:
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def reports() -> queue.Queue[str]:
    return queue.Queue()


@pytest.fixture
def speakers() -> Iterator[list[Speaker]]:
    made: list[Speaker] = []
    yield made
    for speaker in made:
        speaker.close()


def _speaker(speakers: list[Speaker], argv: list[str], reports: queue.Queue[str]) -> Speaker:
    speaker = Speaker(SpeechEngine(Path(argv[0]).name, tuple(argv)), reports.put)
    speakers.append(speaker)
    return speaker


def _until(done: Callable[[], bool], what: str) -> None:
    """Wait for something the speech thread or its command does, polling, up to WAIT."""
    end = time.monotonic() + WAIT
    while not done():
        if time.monotonic() > end:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.01)


def _lines(path: Path, count: int) -> list[str]:
    """The file's lines once it has `count` of them (the speech thread writes them)."""

    def enough() -> bool:
        return path.exists() and len(path.read_text(encoding="utf-8").splitlines()) >= count

    _until(enough, f"{path} has {count} lines")
    return path.read_text(encoding="utf-8").splitlines()


def test_the_phrase_reaches_the_command_as_one_argument(
    tmp_path: Path, speakers: list[Speaker], reports: queue.Queue[str]
) -> None:
    said = tmp_path / "said.txt"
    record = _script(tmp_path / "say.sh", f'printf "%s|%s\\n" "$#" "$1" >> {said}')
    speaker = _speaker(speakers, [str(record)], reports)
    speaker.say("Pigeon Pose, left side: left knee forward; don't rush")
    assert _lines(said, 1) == ["1|Pigeon Pose, left side: left knee forward; don't rush"]
    assert reports.empty()


def test_a_newer_phrase_cuts_off_the_one_still_speaking(
    tmp_path: Path, speakers: list[Speaker], reports: queue.Queue[str]
) -> None:
    log = tmp_path / "log.txt"
    # Speaks "forever"; says when it starts and when it is cut off.
    slow = _script(
        tmp_path / "slow.sh",
        f'trap \'echo "cut $1" >> {log}; exit 0\' TERM\necho "start $1" >> {log}\nsleep 600 & wait',
    )
    speaker = _speaker(speakers, [str(slow)], reports)
    speaker.say("one")
    assert _lines(log, 1) == ["start one"]
    speaker.say("two")
    assert _lines(log, 3) == ["start one", "cut one", "start two"]
    speaker.stop()  # pausing stops speech
    assert _lines(log, 4)[3] == "cut two"
    assert reports.empty()  # cutting off is no failure


def test_a_hanging_command_is_killed_and_reported_once(
    tmp_path: Path,
    speakers: list[Speaker],
    reports: queue.Queue[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(speech, "BASE_TIMEOUT", 0.2)
    monkeypatch.setattr(speech, "PER_CHARACTER", 0.0)
    pids = tmp_path / "pids.txt"
    hang = _script(tmp_path / "hang.sh", f"trap '' TERM\necho $$ >> {pids}\nsleep 600")
    speaker = _speaker(speakers, [str(hang)], reports)
    speaker.say("one")
    first = reports.get(timeout=WAIT)
    assert "did not finish within a few seconds" in first and "hang.sh" in first
    speaker.say("two")
    pid = int(_lines(pids, 2)[1])
    # The second hang is killed too (though it ignores SIGTERM), but not reported again.
    _until(lambda: not Path(f"/proc/{pid}").exists(), f"hung command {pid} killed")
    speaker.close()
    speaker._thread.join(WAIT)
    assert reports.empty()


def test_a_failing_command_is_reported_once_with_its_error(
    tmp_path: Path, speakers: list[Speaker], reports: queue.Queue[str]
) -> None:
    fail = _script(tmp_path / "fail.sh", 'echo "no audio device" >&2\nexit 3')
    speaker = _speaker(speakers, [str(fail)], reports)
    speaker.say("one")
    message = reports.get(timeout=WAIT)
    assert "exit status 3" in message and "no audio device" in message
    speaker.say("two")
    speaker.say("three")
    speaker.close()
    speakers.clear()
    assert reports.empty()


def test_the_persons_command_wins_over_the_system_engine() -> None:
    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in {"espeak-ng", "my-tts"} else None

    env = {"SUPPLE_SPEECH_COMMAND": "my-tts --voice 'en gb'"}
    chosen = find_engine("", env, which, "linux")
    assert chosen.engine is not None
    assert chosen.engine.command("Hi") == ["my-tts", "--voice", "en gb", "Hi"]
    assert find_engine("my-tts", {}, which, "linux").source == "speech_command: my-tts"
    system = find_engine("", {}, which, "linux")
    assert system.engine is not None and system.engine.name == "espeak-ng"


def test_no_engine_says_why() -> None:
    nothing = find_engine("", {}, lambda name: None, "linux")
    assert nothing.engine is None and "install espeak-ng" in nothing.source
    missing = find_engine("nope-tts", {}, lambda name: None, "linux")
    assert missing.engine is None and "'nope-tts'" in missing.source
    hostile = find_engine("tts\x1b]2;pwned\x07", {}, lambda name: None, "linux")
    assert "\x1b" not in hostile.source and "\x07" not in hostile.source  # shown in settings


def test_macos_and_windows_use_their_own_voice() -> None:
    mac = find_engine("", {}, lambda name: f"/usr/bin/{name}", "darwin").engine
    assert mac is not None and mac.command("Hi") == ["say", "Hi"]
    win = find_engine("", {}, lambda name: f"C:/{name}.exe", "win32").engine
    assert win is not None
    script = win.command("Child's Pose")[-1]
    assert "System.Speech" in script and "'Child''s Pose'" in script


def test_the_voice_is_off_over_ssh_unless_asked() -> None:
    assert voice_wanted("auto", ssh=False) and not voice_wanted("auto", ssh=True)
    assert voice_wanted("on", ssh=True) and not voice_wanted("off", ssh=False)


@pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng is not installed (apt-get install espeak-ng)",
)
def test_espeak_ng_speaks_a_phrase_that_is_not_silence(tmp_path: Path) -> None:
    chosen = find_engine("", {}, shutil.which, "linux")
    assert chosen.engine is not None and chosen.engine.name == "espeak-ng"
    wav = tmp_path / "phrase.wav"
    command = chosen.engine.command("Pigeon Pose, left side")
    subprocess.run([command[0], "-w", str(wav), *command[1:]], check=True, timeout=WAIT)
    with wave.open(str(wav)) as audio:
        frames = audio.readframes(audio.getnframes())
        assert audio.getsampwidth() == 2 and audio.getnframes() > audio.getframerate() // 2
    samples = memoryview(frames).cast("h")
    assert max(abs(s) for s in samples) > 1000  # silence would be all zeros
