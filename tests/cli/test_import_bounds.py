"""`supple history import` reads any stream in bounded memory and ends with a clear message.

Each import runs as a real process under an address-space limit far below what the old
whole-file read took, so a regression fails (MemoryError, a kill) instead of filling the
machine's memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from tests.store.session_factory import START, make_record
from tui.core.record import to_dict

SUPPLE = Path(sys.executable).parent / "supple"
ADDRESS_SPACE = 1024 * 2**20  # Python and its libraries take about a quarter of it
PATIENCE = 120


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _import_from(data: Path, feed: Callable[[int], None] | Path) -> tuple[int, str, str]:
    """Run `supple history import -` with standard input from a file, or a writer given a fd."""
    argv = [str(SUPPLE), "--data-dir", str(data), "history", "import", "-"]
    if isinstance(feed, Path):
        with feed.open("rb") as stdin:
            result = subprocess.run(
                argv, stdin=stdin, capture_output=True, timeout=PATIENCE, preexec_fn=_limited
            )
        return result.returncode, result.stdout.decode(), result.stderr.decode()
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        argv, stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=_limited,
    )  # fmt: skip
    os.close(read_end)
    try:
        feed(write_end)  # ends when the import closes its end (EPIPE)
    except BrokenPipeError:
        pass
    finally:
        os.close(write_end)
    out, err = process.communicate(timeout=PATIENCE)
    return process.returncode, out.decode(), err.decode()


def _endless(pattern: bytes, head: bytes = b"") -> Callable[[int], None]:
    """A writer that sends `head`, then `pattern` forever (until the reader goes)."""

    def feed(fd: int) -> None:
        os.write(fd, head)
        block = pattern * (65536 // len(pattern) + 1)
        while True:
            os.write(fd, block)

    return feed


def _records(count: int) -> Iterator[bytes]:
    """`count` sessions a few hours apart, back from the factory's date (never ahead of now)."""
    for number in range(count):
        started = START - timedelta(hours=5 * number)
        yield orjson.dumps(to_dict(make_record(number, started_at=started)))


@pytest.mark.parametrize(
    ("feed", "said"),
    [
        pytest.param(Path("/dev/zero"), "is not a list of sessions", id="dev-zero"),
        pytest.param(_endless(b"[\n"), "nested too deeply", id="yes-bracket"),
        pytest.param(
            _endless(b"x", b'[{"id": "'), "record 0 is larger than 1 MB", id="endless-string"
        ),
        pytest.param(
            _endless(b" ", b"["), "nothing but spaces for more than 1 MB", id="endless-spaces"
        ),
        pytest.param(
            _endless(b"1,", b'[{"id": "a", "poses": ['), "larger than 1 MB", id="endless-list"
        ),
    ],
)
def test_an_endless_or_hostile_stream_ends_with_a_clear_message(
    tmp_path: Path, feed: Callable[[int], None] | Path, said: str
) -> None:
    code, _, err = _import_from(tmp_path / "data", feed)
    assert code == 1
    assert said in err and "standard input" in err
    assert "Traceback" not in err and "MemoryError" not in err


def test_records_before_a_broken_end_are_counted_and_the_run_fails(tmp_path: Path) -> None:
    file = tmp_path / "cut.json"
    file.write_bytes(b"[" + b",".join(_records(3)) + b',{"id": "s')
    code, out, err = _import_from(tmp_path / "data", file)
    assert code == 1
    assert "is not valid JSON at record 3" in err and "the 3 records before it" in err
    assert "3 added" in out
