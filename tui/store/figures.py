"""Pose figures from `data/poses/ID.toml`, read on first use and kept."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from tui import paths
from tui.core.figure import Figure, FigureError
from tui.core.figure_data import parse_figure

# Pose ids come from routine files the person may import; only these name a file.
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def figure_path(pose_id: str, folder: Path | None = None) -> Path | None:
    """The file of a pose's figure, or None if the id could not name one."""
    if not _SAFE_ID.fullmatch(pose_id):
        return None
    return (folder or paths.poses_dir()) / f"{pose_id}.toml"


@functools.cache
def load_figure(pose_id: str) -> Figure | None:
    """The pose's figure, or None when it has none; a broken file raises FigureError."""
    path = figure_path(pose_id)
    if path is None or not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FigureError(str(path), pose_id, f"cannot be read ({exc})") from exc
    figure = parse_figure(text, str(path))
    if figure.pose_id != pose_id:
        raise FigureError(str(path), pose_id, f"says pose = {figure.pose_id!r}; rename one")
    return figure


def figure_or_none(pose_id: str) -> Figure | None:
    """The pose's figure, or None when it has none or its file is broken (the UI shows nothing)."""
    try:
        return load_figure(pose_id)
    except FigureError:
        return None
