"""Figures for issue 26 (item 4): peak memory of `supple history import` against the file's size.

Writes a valid export of about 200 MB (COUNT sessions, newest first, as `supple history
--json` writes it), imports it into an empty data folder with the real command, and prints
the import's peak resident memory, the ratio to the file's size (the budget: at most 1), the
time it took, and a baseline in the same run: the peak of importing a one-session file.

Run: python bench/import_memory.py [COUNT]   (a few minutes on a quiet 2-core machine)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_history import NOW, session

from tui.commands.history import json_chunks

SUPPLE = Path(sys.executable).parent / "supple"
COUNT = 62_000  # about 200 MB as `supple history --json` writes it


def write_export(path: Path, count: int) -> None:
    """`count` sessions a few hours apart, ending yesterday, written record by record."""
    sessions = (session(n, NOW - timedelta(days=1, hours=5 * n)) for n in range(count))
    with path.open("wb") as out:
        for chunk in json_chunks(sessions):
            out.write(chunk)


def peak_import(file: Path, data: Path) -> tuple[float, float, int]:
    """Peak resident MB and seconds of one `supple history import`, and its exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(SUPPLE), "--data-dir", str(data), "history", "import", str(file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    # ru_maxrss is in KB on Linux.
    return usage.ru_maxrss / 1024, seconds, os.waitstatus_to_exitcode(status)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        big, small = base / "big.json", base / "small.json"
        write_export(big, count)
        write_export(small, 1)
        size = big.stat().st_size / 2**20
        small_peak, _, _ = peak_import(small, base / "data-small")
        peak, seconds, code = peak_import(big, base / "data-big")
    print(f"export: {count:,} sessions, {size:.0f} MB")
    print(f"baseline: importing one session peaks at {small_peak:.0f} MB")
    print(f"import: peak {peak:.0f} MB in {seconds:.1f} s (exit {code})")
    print(f"peak / file size: {peak / size:.2f} (budget: at most 1.00)")
    print(f"peak / one-session baseline: {peak / small_peak:.1f}x")


if __name__ == "__main__":
    main()
