"""What `supple` says when it cannot start: a data folder that is a file, no terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import NEEDS_A_TERMINAL, main

SUPPLE = Path(sys.executable).parent / "supple"


def _run(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    """The installed command with no terminal at all, as cron or a script would run it."""
    return subprocess.run(
        [str(SUPPLE), "--data-dir", str(env_dir), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,  # stdout and stderr are pipes, not a terminal
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", [[], ["routine", "export", "hip-back-daily", "-"]])
def test_data_dir_that_is_a_file_is_named_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine\n", encoding="utf-8")
    assert main(["--data-dir", str(file), *command]) == 2
    err = capsys.readouterr().err
    assert f"{file} is a file, not a folder." in err
    assert "--data-dir DIR" in err  # what to do instead
    assert "File exists" not in err
    assert file.read_text(encoding="utf-8") == "mine\n"


def test_data_dir_under_a_file_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine\n", encoding="utf-8")
    monkeypatch.setenv("SUPPLE_DATA_DIR", str(file / "supple"))
    assert main([]) == 2
    err = capsys.readouterr().err
    assert f"{file} is a file, not a folder, so {file / 'supple'} cannot be made" in err
    assert "$SUPPLE_DATA_DIR" in err


def test_without_a_terminal_the_app_says_so_and_nothing_else(tmp_path: Path) -> None:
    result = _run(env_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr == NEEDS_A_TERMINAL + "\n"
    assert result.stdout == ""
    assert not (tmp_path / "data").exists()  # nothing was set up for an app that never ran


@pytest.mark.parametrize("command", [["history"], ["status"], ["history", "--csv"]])
def test_sub_commands_run_without_a_terminal(tmp_path: Path, command: list[str]) -> None:
    result = _run(*command, env_dir=tmp_path / "data")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.strip()


def test_poses_into_a_pipe_closed_early_says_nothing(tmp_path: Path) -> None:
    # Wider than a pipe's buffer, so the writer meets the closed pipe (`supple poses | head`).
    with subprocess.Popen(
        [str(SUPPLE), "--data-dir", str(tmp_path), "poses", "--width", "400"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith(b"Child's Pose")
        process.stdout.close()
        err = process.stderr.read()
    assert process.returncode == 0
    assert err == b""
