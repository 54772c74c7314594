"""Playing cues: bell patterns through the terminal, phrases through a speech command."""
