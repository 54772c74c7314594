"""What spoken guidance costs the session: CPU, bytes and key latency, voice off vs on.

Runs the installed `supple` through Cat-Cow's breathing at 100x30 (a phrase every 3 s)
with the voice off (the baseline), then on with a speech command that "speaks" for 2 s
per phrase (so a command is running most of the time and the next phrase cuts it off),
then on with one that hangs. In each: CPU and bytes per second over a window of
breathing, and the time from pressing space to the PAUSED banner drawn (median of 10).

Run: .venv/bin/python bench/sound.py [seconds]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _pty import PtyApp
from countdown import Figures, measure

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
SETTINGS = "pain_checkins = false\nget_ready_seconds = 1.0\n"
PAUSED = "PAUSED"


def speech_command(folder: Path, body: str) -> str:
    script = folder / "say.sh"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o700)
    return str(script)


def pause_latency(app: PtyApp) -> float:
    """Seconds from pressing space to the PAUSED banner, and back to running."""
    start = time.perf_counter()
    app.send(b" ")
    app.wait_for(PAUSED, 5)
    took = time.perf_counter() - start
    app.send(b" ")
    deadline = time.perf_counter() + 5
    while PAUSED in app.text() and time.perf_counter() < deadline:
        app.pump(0.005)
    return took


def run(voice: str, body: str) -> tuple[Figures, float]:
    """Cat-Cow's breathing with the voice `voice` ("on"/"off") and a command doing `body`."""
    data = Path(tempfile.mkdtemp(prefix="supple-bench-sound-"))
    (data / ".welcomed").touch()
    (data / "settings.toml").write_text(SETTINGS + f'voice = "{voice}"\n')
    supple = shutil.which("supple", path=str(Path(sys.executable).parent)) or "supple"
    env = {**os.environ, "COLORTERM": "truecolor", "TEXTUAL_ANIMATIONS": "full"}
    env["SUPPLE_SPEECH_COMMAND"] = speech_command(data, body)
    for name in ("SUPPLE_DATA_DIR", "SSH_CONNECTION", "SSH_TTY"):
        env.pop(name, None)
    app = PtyApp([supple, "--data-dir", str(data)], 100, 30, env)
    try:
        app.wait_for("Start")
        app.send(b"s")
        app.wait_for("Get ready")
        app.send(b"n")  # to Cat-Cow
        app.wait_for("breath 1 of", 10)
        app.pump(0.5)
        figures = measure(app, SECONDS)
        latency = statistics.median(pause_latency(app) for _ in range(10))
        return figures, latency
    finally:
        app.close()


def line(name: str, fig: Figures, latency: float, base: tuple[Figures, float] | None) -> str:
    text = (
        f"  {name:<28} {fig.bytes_per_s:7.0f} B/s {fig.cpu_percent:6.2f}% CPU "
        f"pause drawn in {latency * 1000:5.1f} ms"
    )
    if base is not None:
        text += (
            f"   ({fig.cpu_percent / base[0].cpu_percent:.2f}x CPU, "
            f"{fig.bytes_per_s / base[0].bytes_per_s:.2f}x bytes, "
            f"{latency / base[1]:.2f}x latency)"
        )
    return text


def main() -> None:
    print(f"Cat-Cow breathing at 100x30, {SECONDS:.0f} s windows; ratios against the voice off")
    base = run("off", "exit 0")
    speaking = run("on", "sleep 2")
    hanging = run("on", "exec sleep 600")
    print(line("voice off (baseline)", *base, None))
    print(line("voice on, 2 s per phrase", *speaking, base))
    print(line("voice on, command hangs", *hanging, base))


if __name__ == "__main__":
    main()
