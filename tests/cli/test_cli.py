"""The `supple` command line: flags, help and mistakes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tui import paths
from tui.cli import build_parser, main


def test_version_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("supple ")


def test_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for flag in ("--data-dir", "--speed", "--reduced-motion", "--mouse", "--remote", "--version"):
        assert flag in out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--colour"], "unrecognized arguments: --colour"),
        (["--speed", "fast"], "--speed takes a number such as 2 or 0.5, not 'fast'"),
        (["--speed", "0"], "--speed must be above 0"),
        (["dance"], "invalid choice: 'dance'"),
        (["--remote", "127.0.0.1:99999"], "the port must be a number from 0 to 65535"),
        (["--remote", "[::1"], "write an IPv6 address as [ADDRESS]:PORT"),
    ],
)
def test_bad_input_gets_usage_not_traceback(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: supple")
    assert says in err
    assert "Traceback" not in err


def test_remote_is_off_unless_asked() -> None:
    assert build_parser().parse_args([]).remote is None
    assert build_parser().parse_args(["--remote"]).remote == ""  # the LAN address
    assert build_parser().parse_args(["--remote", "127.0.0.1:0"]).remote == "127.0.0.1:0"


def test_speed_is_parsed_as_a_multiplier() -> None:
    assert build_parser().parse_args(["--speed", "2.5"]).speed == 2.5


def test_data_dir_flag_beats_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUPPLE_DATA_DIR", str(tmp_path / "from-env"))
    assert paths.data_dir(str(tmp_path / "from-flag")) == tmp_path / "from-flag"
    assert paths.data_dir(None) == tmp_path / "from-env"


def test_default_data_dir_is_the_platform_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPPLE_DATA_DIR")
    import platformdirs

    assert paths.data_dir(None) == platformdirs.user_data_path("supple", appauthor=False)


def test_ensure_private_dir_is_owner_only(tmp_path: Path) -> None:
    folder = paths.ensure_private_dir(tmp_path / "a" / "b")
    assert folder.is_dir()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_the_command_module_runs_without_a_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("supple ")


def test_poses_prints_a_figure_with_its_name_and_side(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poses", "pigeon", "--side", "right", "--width", "30"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Pigeon Pose — right side"
    assert out[2] == "right knee forward, left leg back"
    drawing = out[3:]
    assert drawing and max(len(line) for line in drawing) <= 30
    assert any(set(line) - {" "} for line in drawing)


def test_poses_without_an_id_prints_every_pose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poses", "--width", "24"]) == 0
    out = capsys.readouterr().out
    for name in ("Child's Pose", "Cat-Cow", "Exhale — Cat", "Inhale — Cow", "Figure-Four"):
        assert name in out


def test_poses_on_the_linux_console_uses_half_blocks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    assert main(["poses", "childs-pose", "--width", "24"]) == 0
    out = capsys.readouterr().out
    assert "█" in out or "▀" in out
    assert not any(0x2800 <= ord(ch) <= 0x28FF for ch in out)


def test_poses_names_an_unknown_pose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poses", "headstand"]) == 1
    assert "no pose 'headstand'; the poses are: childs-pose" in capsys.readouterr().err


def test_poses_svg_writes_one_standalone_svg_with_the_side_in_the_accent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["poses", "pigeon", "--side", "right", "--svg"]) == 0
    root = ElementTree.fromstring(capsys.readouterr().out)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox")
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Pigeon Pose — right side"
    assert any("working" in e.get("class", "").split() for e in root.iter())


def test_poses_svg_needs_one_pose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poses", "--svg"]) == 1
    assert "--svg draws one pose" in capsys.readouterr().err


def test_history_help_describes_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["history", "--help"])
    out = capsys.readouterr().out
    assert re.search(r"--json\s+a JSON list of sessions", out)
    assert re.search(r"--csv\s+one CSV row per session", out)


def test_data_dir_may_follow_the_sub_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `supple history --json --data-dir DIR` is how people type it; it used to be refused.
    chosen = tmp_path / "elsewhere"
    assert main(["--data-dir", str(chosen), "history", "--json"]) == 0
    capsys.readouterr()
    assert main(["history", "--json", "--data-dir", str(chosen)]) == 0
    assert capsys.readouterr().out.strip() == "[]"
    assert build_parser().parse_args(["status", "--data-dir", str(chosen)]).data_dir == str(chosen)
    assert (
        build_parser().parse_args(["--data-dir", "a", "history", "--data-dir", "b"]).data_dir == "b"
    )


@pytest.mark.parametrize(
    "argv",
    [[], ["--reduced-motion"], ["--speed=4", "--mouse"], ["--only=pigeon"], ["--remote"]],
)
def test_the_quick_parser_for_the_app_reads_its_options_as_the_whole_one_does(
    argv: list[str],
) -> None:
    # `supple` with options only builds no sub-command parsers (a start-up cost).
    assert vars(build_parser(commands=False).parse_args(argv)) == vars(
        build_parser().parse_args(argv)
    )


@pytest.mark.parametrize("asking", ["-h", "--help", "--he"])
def test_help_always_lists_the_commands(asking: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([asking])
    assert "history" in capsys.readouterr().out
