"""Time from launch to the first full frame: Supple's main screen vs bare Textual apps.

Two baselines, measured in the same run, interleaved: a bare app with a header, a line of
text and a footer, and the strictest, one Static alone (the budget: Supple within 1.4x).

Both run as installed, with their bytecode cached: an installed wheel has it, and
Textual's has it here, so Supple's own must be too or it is compiled at every start
(PYTHONDONTWRITEBYTECODE, set in some shells, would hide that).

Run: .venv/bin/python bench/startup.py [runs]
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _pty import PtyApp

import tui

HERE = Path(__file__).resolve().parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7


def measure(argv: list[str], needle: str, env: dict[str, str]) -> float:
    app = PtyApp(argv, 100, 30, env)
    try:
        return app.wait_for(needle)
    finally:
        app.close()


def main() -> None:
    supple = shutil.which("supple", path=str(Path(sys.executable).parent)) or "supple"
    data = tempfile.mkdtemp(prefix="supple-bench-")
    env = {**os.environ, "SUPPLE_DATA_DIR": data}
    compileall.compile_dir(Path(tui.__file__).parent, quiet=1)
    # Past the one-time safety welcome, as on every start after the first.
    Path(data, ".welcomed").touch()
    measure([supple], "in all", env)  # warms the data folder and the OS file cache
    compileall.compile_dir(HERE, quiet=1)  # the baselines' bytecode cached too
    static, bare, ours = [], [], []
    for _ in range(RUNS):
        static.append(measure([sys.executable, str(HERE / "bare_static.py")], "one Static", env))
        bare.append(measure([sys.executable, str(HERE / "bare_app.py")], "Quit", env))
        # "in all" ends the routine pane's total line: the main screen is fully drawn.
        ours.append(measure([supple], "in all", env))
    o, b, s = statistics.median(static), statistics.median(bare), statistics.median(ours)
    with open("/proc/loadavg") as handle:
        load = " ".join(handle.read().split()[:3])
    print(f"startup to first full frame at 100x30, median of {RUNS} runs; load average {load}")
    print(f"  one Static        : {o * 1000:7.1f} ms")
    print(f"  header+footer app : {b * 1000:7.1f} ms")
    print(f"  supple main       : {s * 1000:7.1f} ms")
    print(f"  ratio to one Static        : {s / o:5.2f}x  (budget 1.40x)")
    print(f"  ratio to header+footer app : {s / b:5.2f}x")


if __name__ == "__main__":
    main()
