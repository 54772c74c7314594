"""`supple routine export ID FILE` and `supple routine import FILE`, without the app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from tui import paths
from tui.core.routine import RoutineError
from tui.core.safe_text import terminal_safe
from tui.store.atomic import atomic_write
from tui.store.routine_toml import routine_to_toml
from tui.store.routines import RoutineStore, load_routine_file


def run_routine_command(args: argparse.Namespace) -> int:
    """Run `routine export` or `routine import`; 0 on success, 1 with a message on stderr."""
    store = RoutineStore(paths.data_dir(args.data_dir))
    store.warn_unusable()
    if args.routine_command == "export":
        code = export_routine(store, args.routine_id, args.file, force=args.force)
    else:
        code = import_routine(store, args.file, replace=args.replace)
    for warning in store.warnings:
        _print(f"supple: {warning}", file=sys.stderr)
    return code


def _print(text: str, file: TextIO | None = None) -> None:
    """Print one message; names, ids and paths come from files, so never raw to a terminal."""
    print(terminal_safe(text), file=file or sys.stdout)


def export_routine(store: RoutineStore, routine_id: str, file: str, *, force: bool = False) -> int:
    """Write the routine, with the person's edits, as TOML to `file` ("-" for standard output)."""
    if file != "-" and not force and os.path.lexists(file):
        _print(
            f"supple: {file} already exists; nothing was written. "
            "Add --force to overwrite it, or name another file.",
            file=sys.stderr,
        )
        return 1
    try:
        routine = store.load(routine_id)
    except KeyError:
        known = ", ".join(store.ids())
        _print(f"supple: no routine {routine_id!r}; the routines are: {known}", file=sys.stderr)
        return 1
    except RoutineError as exc:
        _print(f"supple: {exc}", file=sys.stderr)
        return 1
    text = routine_to_toml(routine)
    if file == "-":
        sys.stdout.write(text)
        return 0
    try:
        # A half-written export must never replace a good file of the same name.
        atomic_write(Path(file), text.encode("utf-8"))
    except OSError as exc:
        _print(f"supple: could not write {file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    _print(f"Exported {routine.name!r} ({routine.id}) to {file}")
    return 0


def import_routine(store: RoutineStore, file: str, *, replace: bool = False) -> int:
    """Validate the TOML file and add it as a routine, or update its namesake with --replace."""
    try:
        routine = load_routine_file(Path(file))
    except RoutineError as exc:
        _print(f"supple: {exc}; nothing was imported.", file=sys.stderr)
        return 1
    try:
        existing = store.load(routine.id)
    except (KeyError, RoutineError):
        existing = None
    name = terminal_safe(routine.name)
    try:
        if existing == routine:
            _print(f"{file} is the same as your routine {name!r} ({routine.id}); nothing changed.")
            return 0
        if replace and existing is not None:
            store.replace_routine(routine)
            _print(f"Updated your routine {name!r} ({routine.id}) from {file}.")
            return 0
        added = store.import_routine(routine)
    except ValueError as exc:
        _print(f"supple: {exc}", file=sys.stderr)
        _print("supple: nothing was imported.", file=sys.stderr)
        return 1
    except OSError as exc:
        _print(f"supple: {exc} Nothing was imported.", file=sys.stderr)
        store.warnings.clear()  # said just now: once is enough
        return 1
    _print(f"Imported {name!r} as {added.id}; press R in Supple to switch to it.")
    if existing is not None:
        _print(
            f"The id {routine.id!r} was taken by your routine {terminal_safe(existing.name)!r}. "
            f"To update that one instead: supple routine import {file} --replace"
        )
    return 0
