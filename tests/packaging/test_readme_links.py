"""The README is the package's page on PyPI, where a link relative to the repository breaks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# [text](target) and <a href="target">: what a Markdown renderer turns into a link.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|href=\"([^\"]+)\"")


def test_every_readme_link_works_off_the_repository() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = [a or b for a, b in _LINK.findall(text)]
    relative = [t for t in targets if not t.startswith(("https://", "http://", "mailto:", "#"))]
    assert relative == [], f"README.md links {relative}: PyPI shows these as broken links"


def test_the_check_sees_a_relative_link() -> None:
    assert _LINK.findall("See [the notes](docs/ARCHITECTURE.md).") == [("docs/ARCHITECTURE.md", "")]
