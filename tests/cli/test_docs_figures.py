"""The README's pose figures are what `supple poses --svg` draws today (docs/figures/make.sh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

pytestmark = pytest.mark.shipped
FIGURES = Path(__file__).parents[2] / "docs" / "figures"
MADE = {
    "childs-pose.svg": ["childs-pose"],
    "cat-cow-exhale.svg": ["cat-cow", "--breath", "out"],
    "cat-cow-inhale.svg": ["cat-cow", "--breath", "in"],
    "thread-the-needle.svg": ["thread-the-needle"],
    "pigeon.svg": ["pigeon"],
    "figure-four.svg": ["figure-four"],
    "seated-spinal-twist.svg": ["seated-spinal-twist"],
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_each_readme_figure_is_current(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poses", *MADE[name], "--svg"]) == 0
    drawn = capsys.readouterr().out
    assert (FIGURES / name).read_text(encoding="utf-8") == drawn, (
        f"docs/figures/{name} is stale: run sh docs/figures/make.sh"
    )
    assert f"figures/{name}" in (FIGURES.parents[1] / "README.md").read_text(encoding="utf-8")
