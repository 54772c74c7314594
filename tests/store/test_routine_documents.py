"""routines.json documents that cannot be used are named in a warning and left as they are."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from tui.cli import main
from tui.store.routines import DEFAULT_ROUTINE_ID, RoutineStore

BROKEN = {"id": "mine", "name": "Mine", "definition": {"poses": 3}}
GOOD = {"id": "hip-back-daily", "base": "hip-back-daily", "sequence": None}


def _write(data_dir: Path, *docs: Mapping[str, object], current: str | None = None) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    tables: dict[str, object] = {"routines": {str(n): d for n, d in enumerate(docs, 1)}}
    if current is not None:
        tables["state"] = {"1": {"key": "current", "routine_id": current}}
    path = data_dir / "routines.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("doc", "named"),
    [
        (BROKEN, "routine 'mine'"),
        ({"name": "No id", "base": "hip-back-daily"}, "routine document 2 has no id"),
        ({"id": 7, "base": "hip-back-daily"}, "routine document 2 has no id"),
    ],
)
def test_each_unusable_document_is_named_and_kept(
    data_dir: Path, doc: Mapping[str, object], named: str
) -> None:
    path = _write(data_dir, GOOD, doc)
    before = path.read_bytes()
    store = RoutineStore(data_dir)
    assert store.load_current().id == DEFAULT_ROUTINE_ID
    store.warn_unusable(already_told=store.current_id())
    (warning,) = store.warnings
    assert str(path) in warning and named in warning
    assert "cannot be used" in warning and "left in the file as it is" in warning
    assert store.entries()[0].id == DEFAULT_ROUTINE_ID  # the list still opens
    assert path.read_bytes() == before


def test_the_current_routine_is_named_once(data_dir: Path) -> None:
    _write(data_dir, BROKEN, current="mine")
    store = RoutineStore(data_dir)
    assert store.load_current().id == DEFAULT_ROUTINE_ID
    store.warn_unusable(already_told=store.current_id())
    (warning,) = store.warnings
    assert "'mine' could not be opened" in warning


def test_routine_commands_name_unusable_documents(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(data_dir, BROKEN)
    assert main(["routine", "export", DEFAULT_ROUTINE_ID, "-"]) == 0
    err = capsys.readouterr().err
    assert f"supple: {path}: routine 'mine'" in err and "cannot be used" in err
