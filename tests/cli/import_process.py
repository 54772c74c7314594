"""`supple history import` run as a real process on a file of the test's records."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import orjson

SUPPLE = Path(sys.executable).parent / "supple"


def run_import(data: Path, items: Sequence[object]) -> tuple[int, str, str]:
    """Import `items` (written as a JSON list beside `data`); exit code, stdout, stderr."""
    file = data.parent / "shared.json"
    file.write_bytes(orjson.dumps(list(items)))
    result = subprocess.run(
        [str(SUPPLE), "--data-dir", str(data), "history", "import", str(file)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr
