"""Pain ratings as a person reads them, the same on every screen and in the CLI."""

from __future__ import annotations

# A rating the person skipped: one dash everywhere, never a blank or a hyphen.
NOT_RATED = "–"


def rating_text(rating: int | None) -> str:
    """One rating, or the dash when it was skipped."""
    return NOT_RATED if rating is None else str(rating)


def pain_change(before: int | None, after: int | None) -> str:
    """Pain before → after ("6 → 3", "6 → –"); a single dash when neither was given."""
    if before is None and after is None:
        return NOT_RATED
    return f"{rating_text(before)} → {rating_text(after)}"
