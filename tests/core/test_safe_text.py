from hypothesis import given
from hypothesis import strategies as st

from tui.core.safe_text import control_characters, terminal_safe

DANGEROUS = {chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}


def test_an_osc52_clipboard_write_is_shown_not_obeyed() -> None:
    name = "Clip\x1b]52;c;ZWNobyBwd25lZA==\x1b\\"
    safe = terminal_safe(name)
    assert "\x1b" not in safe
    assert safe.startswith("Clip␛]52;c;")


def test_bell_and_c1_are_made_visible() -> None:
    assert terminal_safe("a\x07b\x9bc\x7f") == "a␇b\ufffdc␡"


def test_newlines_are_kept_only_when_asked() -> None:
    assert terminal_safe("one\ntwo") == "one two"
    assert terminal_safe("one\ntwo", keep_newlines=True) == "one\ntwo"


def test_bidi_overrides_are_removed() -> None:
    assert terminal_safe("abc\u202edef") == "abcdef"


def test_control_characters_names_what_it_found() -> None:
    assert control_characters("ok\x1b[2J") == ["U+001B"]
    assert control_characters("one\ntwo") == ["U+000A"]
    assert control_characters("one\ntwo", allow_newlines=True) == []


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    safe = terminal_safe(text)
    assert not DANGEROUS & set(safe)
    assert control_characters(safe) == []
