"""The phone page's budgets, on loopback against the installed `supple --remote` in a real pty.

- tap -> engine: a tap's POST is answered once the key's action has run in the app, so its
  round trip bounds the time until the engine has changed: pause/resume taps (each also
  writes the session to history, as the space key does: an fsync) and +10 s taps (no save);
- terminal key -> page: space written to the pty until the page's stream says paused/running
  (space saves the session too), and + (a longer hold, no save) until the page has it;
- bytes to the page in a steady hold (Child's Pose), per second;
- countdown CPU in a steady hold with --remote and no page, against without (bench/countdown);
- start to the first full frame with --remote, against without (medians).

Run: .venv/bin/python bench/remote.py [seconds of each countdown window]
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp
from _pty import PtyApp
from countdown import supple_hold

TAPS = 30  # pause/resume pairs (argv is bench/countdown's: seconds a window)
SETTINGS = "pain_checkins = false\nget_ready_seconds = 2.0\n"
HOLD_WINDOW = 20.0  # seconds of a steady hold watched for bytes (heartbeat: every 20 s)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def start_app(extra: list[str]) -> PtyApp:
    data = Path(tempfile.mkdtemp(prefix="supple-bench-"))
    (data / ".welcomed").touch()
    (data / "settings.toml").write_text(SETTINGS)
    supple = shutil.which("supple", path=str(Path(sys.executable).parent)) or "supple"
    env = {k: v for k, v in os.environ.items() if k != "SUPPLE_DATA_DIR"}
    return PtyApp([supple, "--data-dir", str(data), *extra], 100, 30, env)


class Page:
    """A page's stream: every state with the time it arrived, and the bytes."""

    def __init__(self) -> None:
        self.states: asyncio.Queue[tuple[float, dict[str, object]]] = asyncio.Queue()
        self.bytes = 0

    async def read(self, stream: aiohttp.ClientResponse) -> None:
        buffer = b""
        async for chunk in stream.content.iter_any():
            self.bytes += len(chunk)
            buffer += chunk
            while b"\n\n" in buffer:
                message, buffer = buffer.split(b"\n\n", 1)
                text = message.decode()
                if text.startswith("event: state"):
                    data = json.loads(text.split("data: ", 1)[1])
                    self.states.put_nowait((time.perf_counter(), data))

    async def until(self, wanted: object) -> float:
        while True:
            at, state = await asyncio.wait_for(self.states.get(), 10)
            if wanted(state):  # type: ignore[operator]
                return at


def paused(state: dict[str, object]) -> bool | None:
    session = state.get("session")
    return session.get("paused") if isinstance(session, dict) else None


async def latencies(
    app: PtyApp,
) -> tuple[list[float], list[float], list[float], list[float], float]:
    link = re.search(r"http://\S+/k/\S+", app.text())
    assert link, app.text()
    origin = link.group(0).split("/k/")[0]
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(link.group(0)) as first:
            assert first.status == 200
        stream = await http.get(f"{origin}/events")
        page = Page()
        reader = asyncio.create_task(page.read(stream))
        headers = {"Origin": origin}

        async def tap(do: str) -> float:
            start = time.perf_counter()
            async with http.post(f"{origin}/act", json={"do": do}, headers=headers) as answer:
                assert answer.status == 204, (do, answer.status)
            return time.perf_counter() - start

        await tap("start")
        await page.until(lambda s: paused(s) is False)
        taps = []
        for _ in range(TAPS):
            taps.append(await tap("pause"))
            taps.append(await tap("resume"))
        keys = []
        for n in range(2 * TAPS):
            want = n % 2 == 0  # paused after the first space, running after the second
            while not page.states.empty():  # what the taps caused is old news
                page.states.get_nowait()
            start = time.perf_counter()
            app.send(b" ")
            keys.append(await page.until(lambda s, want=want: paused(s) is want) - start)
        # Into the hold (a 2 s get-ready), then watch a steady stretch of it.
        await asyncio.sleep(3)
        before = page.bytes
        await asyncio.sleep(HOLD_WINDOW)
        hold_rate = (page.bytes - before) / HOLD_WINDOW
        longer = [await tap("add") for _ in range(TAPS)]
        # The + key: a longer hold, no save on the way (space saves the session, + does not).
        plus = []
        for _ in range(TAPS):
            while not page.states.empty():
                page.states.get_nowait()
            start = time.perf_counter()
            app.send(b"+")
            plus.append(await page.until(lambda s: s.get("session") is not None) - start)
        reader.cancel()
        stream.close()
    return taps, longer, keys, plus, hold_rate


def pumped(app: PtyApp) -> threading.Event:
    """Keep reading the app's output (else it blocks writing to its terminal)."""
    stop = threading.Event()

    def pump() -> None:
        while not stop.is_set():
            app.pump(0.02)

    threading.Thread(target=pump, daemon=True).start()
    return stop


def startups(runs: int = 15) -> tuple[float, float]:
    plain, remote = [], []
    for _ in range(runs):
        for extra, into in (([], plain), (["--remote", "127.0.0.1:0"], remote)):
            app = start_app(extra)
            try:
                # The routine pane's last line ("5 poses · …"): the main screen is drawn.
                into.append(app.wait_for("poses ·"))
            finally:
                app.close()
    return statistics.median(plain), statistics.median(remote)


def main() -> None:
    app = start_app(["--remote", "127.0.0.1:0"])
    try:
        app.wait_for("no phone yet")
        stop = pumped(app)
        taps, longer, keys, plus, hold_rate = asyncio.run(latencies(app))
        stop.set()
    finally:
        app.close()
    print(f"phone page on loopback, {len(taps)} taps and {len(keys)} keys")
    print(
        f"  tap pause/resume -> engine   : p50 {statistics.median(taps) * 1000:5.1f} ms"
        f"  p95 {p95(taps) * 1000:5.1f} ms   budget p95 <= 100 ms"
    )
    print(
        f"  tap +10 s -> engine (no save): p50 {statistics.median(longer) * 1000:5.1f} ms"
        f"  p95 {p95(longer) * 1000:5.1f} ms"
    )
    print(
        f"  key space -> page state      : p50 {statistics.median(keys) * 1000:5.1f} ms"
        f"  p95 {p95(keys) * 1000:5.1f} ms   budget p95 <= 100 ms"
    )
    print(
        f"  key + -> page state (no save): p50 {statistics.median(plus) * 1000:5.1f} ms"
        f"  p95 {p95(plus) * 1000:5.1f} ms"
    )
    print(f"  bytes to the page, steady hold: {hold_rate:6.1f} B/s  budget <= 300 B/s")
    hold, _, _ = supple_hold(100, 30, [])
    remote_hold, _, _ = supple_hold(100, 30, ["--remote", "127.0.0.1:0"])
    print(
        f"  countdown CPU, steady hold at 100x30: without {hold.cpu_percent:5.2f}%  "
        f"--remote, no page {remote_hold.cpu_percent:5.2f}%  "
        f"ratio {remote_hold.cpu_percent / hold.cpu_percent:4.2f}x  budget <= 1.10x"
    )
    plain, remote = startups()
    print(
        f"  start to first frame: without {plain * 1000:6.1f} ms  --remote {remote * 1000:6.1f} ms"
        f"  ratio {remote / plain:4.2f}x  budget <= 1.10x"
    )


if __name__ == "__main__":
    main()
