"""A hang-up or kill saves the session from the event loop, never inside what it interrupted."""

from __future__ import annotations

import asyncio
import signal

from tui.signals import ShutdownGuard


class _App:
    """The little of the app the guard uses, noting what it is asked to do."""

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def end_active_session(self) -> None:
        self.calls.append("save")

    def rescue_unsaved(self) -> str | None:
        return None

    def exit(self, result: None = None, return_code: int = 0, message: None = None) -> None:
        self.calls.append(f"exit {return_code}")


async def test_a_signal_mid_frame_saves_once_the_frame_has_ended() -> None:
    calls: list[str] = []
    exits: list[int] = []
    guard = ShutdownGuard(_App(calls), deadline=3600, exit_process=exits.append)

    def frame() -> None:  # what the signal interrupts, half-way through
        calls.append("frame starts")
        guard._on_signal(signal.SIGTERM, None)  # as Python calls the handler
        calls.append("frame ends")

    frame()
    await asyncio.sleep(0)
    assert calls == ["frame starts", "frame ends", "save"]
    assert exits == [128 + signal.SIGTERM]  # no terminal under pytest: straight out


def test_without_an_event_loop_the_signal_saves_at_once() -> None:
    calls: list[str] = []
    exits: list[int] = []
    ShutdownGuard(_App(calls), deadline=3600, exit_process=exits.append)._on_signal(
        signal.SIGHUP, None
    )
    assert calls == ["save"]
    assert exits == [128 + signal.SIGHUP]
