"""Supple's own theme: high contrast for older eyes (pure black and white, bold accents)."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="supple-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
    # No dimmed text: every word at full brightness.
    text_alpha=1.0,
    variables={
        "text-muted": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)

THEMES = (HIGH_CONTRAST,)

# The themes settings offers, in the order ← / → step through them, with names a person
# understands; high contrast comes right after the default so it is one key away.
# Textual's other themes stay reachable by name from the command palette (Theme).
NAMED_THEMES = {
    "textual-dark": "Dark",
    HIGH_CONTRAST.name: "High contrast",
    "textual-light": "Light",
    "ansi-dark": "Terminal's own",  # the terminal's 16 colours, as the person set them
}


def theme_label(name: str) -> str:
    """The theme's name as settings shows it; a theme chosen elsewhere keeps its own."""
    return NAMED_THEMES.get(name, name)
