"""Every pose's figure as `supple poses` prints it: three widths, both sides, braille and blocks."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from tui.cli import main

POSES = ["childs-pose", "cat-cow", "thread-the-needle", "pigeon", "figure-four"]
POSES += ["seated-spinal-twist"]


@pytest.mark.parametrize("width", [24, 40, 72])
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("pose", POSES)
def test_each_pose_at_three_widths_and_both_sides(
    pose: str,
    side: str,
    width: int,
    snapshot: SnapshotAssertion,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    assert main(["poses", pose, "--side", side, "--width", str(width)]) == 0
    assert capsys.readouterr().out == snapshot


@pytest.mark.parametrize("pose", POSES)
def test_each_pose_on_the_linux_console(
    pose: str,
    snapshot: SnapshotAssertion,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "linux")
    assert main(["poses", pose, "--width", "40"]) == 0
    assert capsys.readouterr().out == snapshot
