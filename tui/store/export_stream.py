"""Read an export (a JSON list of sessions, or a history month file) a record at a time.

A history file may come from anyone, or be /dev/zero or `yes '[' |` on standard input:
memory must stay that of one record, however long the file. The file is decoded a chunk at
a time and each record parsed on its own by the standard library's C parser
(`JSONDecoder.raw_decode`, which says where a value ends); a record, or the gap before it,
longer than MAX_RECORD_BYTES ends the reading, and so does nesting deeper than a session's.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

MAX_RECORD_BYTES = 1_000_000  # a session is a few KB: a megabyte is damage or an attack
MAX_DEPTH = 8  # a session is an object holding a list of objects: 3 deep
CHUNK = 65536
_WHITESPACE = re.compile(r"[ \t\n\r]*")


class ExportError(Exception):
    """The file cannot be read on: not a JSON list, broken JSON, or a record past the bounds."""


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


# NaN and Infinity are not JSON, though Python's parser takes them by default.
_DECODER = json.JSONDecoder(parse_constant=_no_constants)


class _Text:
    """The file's text from the current position on, read a chunk at a time as needed."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self.buffer = ""
        self.pos = 0
        self.ended = False

    def more(self) -> bool:
        """Read another chunk onto the buffer; False at the end of the file."""
        if self.ended:
            return False
        data = self._file.read(CHUNK)
        try:
            text = self._utf8.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise ExportError(f"is not UTF-8 text ({exc.reason})") from None
        self.ended = not data
        self.buffer, self.pos = self.buffer[self.pos :] + text, 0  # drop what was read
        return bool(data) or bool(text)

    def next_char(self) -> str:
        """The next character that is not whitespace ("" at the end), within the bound."""
        skipped = 0
        while True:
            end = _WHITESPACE.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            skipped += end - self.pos
            self.pos = end
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if skipped > MAX_RECORD_BYTES:
                raise ExportError("goes on with nothing but spaces for more than 1 MB")
            if not self.more():
                return ""

    def value(self, index: int) -> object:
        """The JSON value that starts here (one record), read whole but never past the bound."""
        self.next_char()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buffer) - self.pos > MAX_RECORD_BYTES:
                    raise _too_large(index) from None
                if self.more():
                    continue  # the record may only be cut by the end of what was read
                raise ExportError(f"is not valid JSON at record {index} ({exc.msg})") from None
            except RecursionError:
                raise ExportError(f"record {index} is nested too deeply") from None
            except ValueError as exc:  # NaN, or a number of thousands of digits
                reason = str(exc).split(":")[0]
                raise ExportError(f"is not valid JSON at record {index} ({reason})") from None
            if end == len(self.buffer) and self.more():
                continue  # a number may go on in the next chunk: parse it again, whole
            if end - self.pos > MAX_RECORD_BYTES:
                raise _too_large(index)
            self.pos = end
            return value


def _too_large(index: int) -> ExportError:
    return ExportError(f"record {index} is larger than 1 MB (or never ends)")


def _too_deep(value: object) -> bool:
    """Whether `value` nests lists and objects more than MAX_DEPTH deep (without recursing)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if children and depth >= MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def read_records(file: BinaryIO) -> Iterator[object]:
    """The items of the JSON list in `file`, one at a time; ExportError where it cannot go on."""
    text = _Text(file)
    if text.next_char() == "\ufeff":  # a byte order mark some editors write
        text.pos += 1
    if text.next_char() == "{":
        yield from _month_file_records(text)
        return
    if text.next_char() != "[":
        raise ExportError(
            "is not a list of sessions; give it a file written by `supple history --json` "
            "or a month file of a history folder"
        )
    text.pos += 1
    if text.next_char() == "]":
        text.pos += 1
    else:
        index = 0
        while True:
            record = text.value(index)
            if _too_deep(record):
                raise ExportError(f"record {index} is nested more than {MAX_DEPTH} deep")
            yield record
            after = text.next_char()
            text.pos += 1
            if after == "]":
                break
            if after != ",":
                raise ExportError(f"is not valid JSON after record {index} (expected , or ])")
            index += 1
    if text.next_char():
        raise ExportError("goes on after its list of sessions; is it two files in one?")


def _not_a_month_file(where: str, expected: str) -> ExportError:
    return ExportError(
        f"is not a list of sessions nor a history month file ({where}: expected {expected})"
    )


def _expect(text: _Text, char: str, where: str) -> None:
    if text.next_char() != char:
        raise _not_a_month_file(where, char)
    text.pos += 1


def _members(text: _Text, where: str) -> Iterator[str]:
    """The keys of the object whose `{` is next, each left with the reader at its value."""
    _expect(text, "{", where)
    if text.next_char() == "}":
        text.pos += 1
        return
    while True:
        if text.next_char() != '"':
            raise _not_a_month_file(where, "a name in quotes")
        key = text.value(0)
        assert isinstance(key, str)  # a JSON value starting with a quote is a string
        _expect(text, ":", f"after {key[:40]!r}")
        yield key
        after = text.next_char()
        text.pos += 1
        if after == "}":
            return
        if after != ",":
            raise ExportError(f"is not valid JSON after {key[:40]!r} (expected , or }})")


def _month_file_records(text: _Text) -> Iterator[object]:
    """The sessions of a history month file (TinyDB: {"sessions": {"1": record, ...}, ...})."""
    index = 0
    for table in _members(text, "at the start"):
        for _key in _members(text, f"in table {table[:40]!r}"):
            record = text.value(index)
            if _too_deep(record):
                raise ExportError(f"record {index} is nested more than {MAX_DEPTH} deep")
            if table == "sessions":  # other tables (ids deleted on a machine) are not sessions
                yield record
                index += 1
    if text.next_char():
        raise ExportError("goes on after its tables of sessions; is it two files in one?")
