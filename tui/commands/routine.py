"""`supple routine export ID FILE` and `supple routine import FILE`, without the app."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tui import paths
from tui.core.routine import RoutineError
from tui.store.routine_toml import routine_to_toml
from tui.store.routines import RoutineStore, load_routine_file


def run_routine_command(args: argparse.Namespace) -> int:
    """Run `routine export` or `routine import`; 0 on success, 1 with a message on stderr."""
    store = RoutineStore(paths.data_dir(args.data_dir))
    if args.routine_command == "export":
        code = export_routine(store, args.routine_id, args.file)
    else:
        code = import_routine(store, args.file)
    for warning in store.warnings:
        print(f"supple: {warning}", file=sys.stderr)
    return code


def export_routine(store: RoutineStore, routine_id: str, file: str) -> int:
    """Write the routine, with the person's edits, as TOML to `file` ("-" for standard output)."""
    try:
        routine = store.load(routine_id)
    except KeyError:
        known = ", ".join(store.ids())
        print(f"supple: no routine {routine_id!r}; the routines are: {known}", file=sys.stderr)
        return 1
    except RoutineError as exc:
        print(f"supple: {exc}", file=sys.stderr)
        return 1
    text = routine_to_toml(routine)
    if file == "-":
        sys.stdout.write(text)
        return 0
    try:
        _write_atomically(Path(file), text)
    except OSError as exc:
        print(f"supple: could not write {file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Exported {routine.name!r} ({routine.id}) to {file}")
    return 0


def import_routine(store: RoutineStore, file: str) -> int:
    """Validate the TOML file and add it as a new routine; a bad file changes nothing."""
    try:
        routine = load_routine_file(Path(file))
    except RoutineError as exc:
        print(f"supple: {exc}", file=sys.stderr)
        print("supple: nothing was imported.", file=sys.stderr)
        return 1
    try:
        added = store.import_routine(routine)
    except OSError as exc:
        print(f"supple: {exc}", file=sys.stderr)
        return 1
    note = "" if added.id == routine.id else f" (id {routine.id!r} was taken)"
    print(f"Imported {added.name!r} as {added.id}{note}; press R in Supple to switch to it.")
    return 0


def _write_atomically(path: Path, text: str) -> None:
    # A half-written export must never replace a good file of the same name.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
