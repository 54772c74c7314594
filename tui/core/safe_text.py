"""Make text from files safe to put on a terminal, in a window title, a CSV cell or a voice."""

from __future__ import annotations

import re

# C0 controls (but tab and newline, which callers may allow), DEL and C1 controls: any of
# them can start or end an escape sequence (ESC, CSI, OSC, BEL, ST) that a terminal obeys.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n]")
# Bidirectional overrides and isolates reorder what the person sees (a "Trojan Source" trick).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    """A control character shown as its Unicode control picture (␛ for ESC) or as �."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character made visible, so no file can drive the terminal."""
    text = _BIDI.sub("", text)
    text = _CONTROL.sub(_visible, text)
    if not keep_newlines:
        text = _LINE_BREAKS.sub(" ", text)
    return text


def control_characters(text: str, *, allow_newlines: bool = False) -> list[str]:
    """The control characters in `text` (for import validation), as readable escapes."""
    found = _CONTROL.findall(text) + _BIDI.findall(text)
    if not allow_newlines:
        found += _LINE_BREAKS.findall(text)
    return [f"U+{ord(ch):04X}" for ch in found]
