"""Figure files: a pose without one draws nothing; a broken one is named, never a crash."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import paths
from tui.core.figure import FigureError
from tui.store import figures


@pytest.fixture
def poses_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(paths, "poses_dir", lambda: tmp_path)
    figures.load_figure.cache_clear()
    yield tmp_path
    figures.load_figure.cache_clear()


def test_a_pose_without_a_figure_has_none(poses_dir: Path) -> None:
    assert figures.load_figure("headstand") is None
    assert figures.figure_or_none("headstand") is None


def test_an_id_that_is_not_a_file_name_is_never_read(poses_dir: Path) -> None:
    assert figures.figure_path("../../etc/passwd") is None
    assert figures.load_figure("../secret") is None


def test_a_broken_figure_is_named_by_the_loader_and_hidden_by_the_ui(poses_dir: Path) -> None:
    broken = 'pose = "pigeon"\n[[views]]\nview = "side"\n[views.joints]\nhip = [2, "x"]\n'
    (poses_dir / "pigeon.toml").write_text(broken)
    with pytest.raises(FigureError, match=r"pigeon\.toml.*'pigeon'.*joint 'hip'"):
        figures.load_figure("pigeon")
    assert figures.figure_or_none("pigeon") is None
