"""A phrase from a file never becomes an option of the speech command; its errors stay small."""

from __future__ import annotations

import os
import queue
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.cues import spoken
from tui.sound.speech import Speaker, SpeechEngine, find_engine

WAIT = 20.0  # generous: only a failing test waits this long
# What the probe sent: a dash, then any whitespace, then an option.
SNEAKY = ["- -w{}", "-\u00a0-w{}", "-\t-w{}", "\u2003--w{}", "-- -w{}", "-\n-w{}", "-w{}"]


@pytest.mark.parametrize("template", SNEAKY)
def test_no_phrase_starts_with_a_dash(template: str) -> None:
    phrase = spoken(template.format("/tmp/x"))
    assert phrase == "w/tmp/x"


@given(st.text(alphabet=st.sampled_from(" -\t\u00a0\u2003\u3000\n\x1bw"), max_size=12))
def test_no_text_makes_a_phrase_that_starts_with_a_dash_or_a_space(text: str) -> None:
    phrase = spoken(text)
    assert not phrase.startswith("-") and phrase == phrase.strip()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("template", SNEAKY)
def test_espeak_ng_reads_a_dashed_phrase_as_words_not_an_option(
    tmp_path: Path, template: str
) -> None:
    # Even a phrase that was never through `spoken` (a future caller) is said, not obeyed.
    target = tmp_path / "written-by-espeak.wav"
    chosen = find_engine("", {}, shutil.which, "linux")
    assert chosen.engine is not None and chosen.engine.name == "espeak-ng"
    command = chosen.engine.command(template.format(target))
    wav = tmp_path / "phrase.wav"  # no sound device needed
    subprocess.run([command[0], "-w", str(wav), *command[1:]], check=True, timeout=WAIT)
    assert wav.stat().st_size > 1000 and not target.exists()


@pytest.fixture
def speakers() -> Iterator[list[Speaker]]:
    made: list[Speaker] = []
    yield made
    for speaker in made:
        speaker.close()


def _largest_open_file() -> int:
    """The size of the biggest regular file this process holds open (deleted ones too)."""
    sizes = [0]
    for fd in os.listdir("/proc/self/fd"):
        try:
            info = os.stat(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            sizes.append(info.st_size)
    return max(sizes)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_a_command_flooding_its_errors_fills_neither_disk_nor_memory(
    tmp_path: Path, speakers: list[Speaker]
) -> None:
    flood = tmp_path / "flood.py"
    # 4 MB of errors, then the line that says what went wrong, then a failure.
    flood.write_text(
        "import sys\n"
        "for _ in range(64): sys.stderr.write('x' * 65535 + '\\n')\n"
        "sys.stderr.write('no audio device\\n')\n"
        "sys.exit(3)\n"
    )
    largest: list[int] = []
    reports: queue.Queue[str] = queue.Queue()

    def report(message: str) -> None:
        largest.append(_largest_open_file())  # while the command's errors are still held
        reports.put(message)

    argv = (sys.executable, str(flood))
    speaker = Speaker(SpeechEngine("flood", argv), report)
    speakers.append(speaker)
    speaker.say("one")
    message = reports.get(timeout=60)
    assert largest[0] < 1_000_000  # 4 MB were written: only the end was kept
    assert "exit status 3" in message and "no audio device" in message
