"""The words of the daily reminder: how long today's routine takes, and the streak at stake."""

from __future__ import annotations

# The source article's own advice, which the reminder exists to act on.
ADVICE = "consistency is your most powerful tool."


def reminder_text(routine_seconds: float | None, streak: int) -> tuple[str, str]:
    """(title, body): "Hip & back stretches: ≈7 min", "5-day streak — consistency is ..."."""
    title = "Hip & back stretches"
    if routine_seconds:
        title += f": ≈{max(1, round(routine_seconds / 60))} min"
    body = f"{streak:,}-day streak — {ADVICE}" if streak else ADVICE.capitalize()
    return title, body
