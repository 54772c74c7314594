"""Practice days per month in one small file, so `supple status` costs the same at any size.

    history/<device>/index/days.json  {"months": {"2026-11": facts}, "meta": {"days": {...}}}

A month's facts are which of its days had practice (a bit per day), how many sessions
it holds and its newest completed session's planned length, with the signature of the
month's files (every device's) they were read from. A streak of a hundred years is then a
walk over one file and a `stat` per month; only a month whose file changed since (today's, after a
session) has its own index read. Writers (the app, `supple history import`) keep the
file up to date; the reading commands never write it and read a changed month instead.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.record import SessionSummary, Status
from tui.core.stats import Plan, StatusFacts, counts_as_practice, local_day
from tui.store.storage import LockError, SafeJSONStorage, StorageWarnings, hold_lock

if TYPE_CHECKING:
    from tui.store.history import History

# Raised when the facts kept per month change, so an older file is rebuilt, not misread.
DAYS_VERSION = 2  # 2: a completed session's poses and holds, for its length in all
Signature = tuple[int, int]


@dataclass(frozen=True)
class MonthDays:
    """One month's facts for the status line, and the month file version they describe."""

    signature: Signature
    days: int  # bit d-1 set: practice on day d of the month
    sessions: int
    # (started_at, planned seconds of holding, poses planned, holds planned)
    newest_completed: tuple[datetime, float, int, int] | None

    def practised(self, day: date) -> bool:
        """Whether `day` (a day of this month) had practice."""
        return bool(self.days >> (day.day - 1) & 1)


def month_days(summaries: Iterable[SessionSummary], signature: Signature) -> MonthDays:
    """The facts of one month's summaries."""
    days, count = 0, 0
    newest: tuple[datetime, float, int, int] | None = None
    for summary in summaries:
        count += 1
        if counts_as_practice(summary):
            days |= 1 << (local_day(summary).day - 1)
        completed = summary.status is Status.COMPLETED and not summary.is_demo
        if completed and (newest is None or summary.started_at > newest[0]):
            newest = (
                summary.started_at,
                summary.planned_seconds,
                summary.poses_total,
                summary.holds_total,
            )
    return MonthDays(signature, days, count, newest)


def _to_dict(facts: MonthDays) -> dict[str, Any]:
    newest = facts.newest_completed
    return {
        "size": facts.signature[0],
        "mtime_ns": facts.signature[1],
        "days": facts.days,
        "sessions": facts.sessions,
        "completed": None if newest is None else [newest[0].isoformat(), *newest[1:]],
    }


def _from_dict(item: Any) -> MonthDays | None:
    """The facts, or None when the entry is not what this version writes (it is rebuilt)."""
    try:
        size, mtime_ns = item["size"], item["mtime_ns"]
        days, sessions, completed = item["days"], item["sessions"], item["completed"]
        newest = None
        if completed is not None:
            started, planned, poses, holds = completed
            if not all(isinstance(n, int) and not isinstance(n, bool) for n in (poses, holds)):
                return None
            newest = (datetime.fromisoformat(started), float(planned), poses, holds)
    except (KeyError, TypeError, ValueError):
        return None
    numbers = (size, mtime_ns, days, sessions)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
        return None
    return MonthDays((size, mtime_ns), days, sessions, newest)


class DayIndex:
    """The days file of one history folder."""

    def __init__(self, history: History) -> None:
        self.history = history
        self._storage = SafeJSONStorage(
            history.index_folder / "days.json",
            lock_path=history.lock_path,
            warnings=StorageWarnings(),  # a cache rebuilt from the indexes: nothing to report
            read_only=history.read_only,
        )
        self._months: dict[str, MonthDays] = {}
        self._loaded = False
        self._changed: set[str] = set()
        self._others: list[dict[str, MonthDays]] | None = None  # other machines' days files
        self._seen: set[Path] = set()

    def month(self, month: str) -> MonthDays | None:
        """The facts of `month` as its files are now, from the days file or its own index."""
        signature = self.history.month_signature(month)
        if signature is None:
            return None
        self._load()
        facts = self._months.get(month)
        if facts is None or facts.signature != signature:
            facts = self._from_other_devices(month, signature)
        if facts is None or facts.signature != signature:
            facts = month_days(self.history.month_summaries(month), signature)
            self._months[month] = facts
            self._changed.add(month)
        return facts

    def save(self) -> None:
        """Write what was learnt, if this process writes and the lock is free (it is a cache)."""
        if not self._changed or self.history.read_only:
            return
        present = set(self.history.months())
        months = {m: _to_dict(f) for m, f in self._months.items() if m in present}
        try:
            with hold_lock(self.history.lock_path, wait=False):
                self._storage.write({"months": months, "meta": {"days": {"version": DAYS_VERSION}}})
        except LockError:
            return  # another Supple is writing; the next look writes it
        self._changed.clear()

    def refresh(self) -> None:
        """Learn every month (after an import) and write the file."""
        for month in self.history.months():
            self.month(month)
        self.save()

    def _from_other_devices(self, month: str, signature: Signature) -> MonthDays | None:
        """The month's facts from a days file another machine wrote, if they describe its files
        as they are here (the same files, sizes and times: a sync brought them both)."""
        if self._others is None:
            self._others = []
            for file in self.history.month_files():
                days = self.history.root / str(file.device) / "index" / "days.json"
                if file.device not in (None, self.history.device) and days not in self._seen:
                    self._seen.add(days)
                    self._others.append(_read_days(days))
        for months in self._others:
            facts = months.get(month)
            if facts is not None and facts.signature == signature:
                self._changed.add(month)  # kept in this machine's own days file too
                return facts
        return None

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        data = self._storage.read() or {}
        legacy = self.history.root / "index" / "days.json"
        if not data and self._storage.path != legacy:
            # A folder from before device folders: its days file is right for every month
            # still held by one file, so the first status after an upgrade stays fast.
            data = SafeJSONStorage(legacy, warnings=StorageWarnings(), read_only=True).read() or {}
        version = data.get("meta", {}).get("days", {}).get("version")
        if version != DAYS_VERSION:
            return
        for month, item in data.get("months", {}).items():
            facts = _from_dict(item)
            if facts is not None:
                self._months[month] = facts


def _read_days(path: Path) -> dict[str, MonthDays]:
    """A days file's facts by month; empty when it is missing, damaged or of another version."""
    data = SafeJSONStorage(path, warnings=StorageWarnings(), read_only=True).read() or {}
    if data.get("meta", {}).get("days", {}).get("version") != DAYS_VERSION:
        return {}
    found = {}
    for month, item in data.get("months", {}).items():
        facts = _from_dict(item)
        if facts is not None:
            found[month] = facts
    return found


def status_of(history: History, today: date) -> StatusFacts:
    """`stats.status_facts` of the history, reading newest months only until the streak breaks.

    The walk back from today crosses a month whose every day was practised in one step,
    and stops at the first day without practice once a completed session has been seen
    (its plan gives the status line's estimate).
    """
    index = DayIndex(history)
    done_today = False
    streak = 0
    day: date | None = None  # the next day the walk back asks about
    has_sessions = False
    newest: tuple[datetime, float, int, int] | None = None
    for month in history.months():
        facts = index.month(month)
        if facts is None:
            continue
        has_sessions = has_sessions or facts.sessions > 0
        if facts.newest_completed is not None and (
            newest is None or facts.newest_completed[0] > newest[0]
        ):
            newest = facts.newest_completed
        first_day = date(int(month[:4]), int(month[5:7]), 1)  # strptime: 10 µs a month
        if first_day > today:
            continue  # a clock set wrong once: later months count for nothing but the estimate
        if day is None:
            done_today = _same_month(today, first_day) and facts.practised(today)
            day = today if done_today else today - timedelta(days=1)
        day, walked = _walk_back(day, first_day, facts)
        streak += walked
        if day >= first_day and newest is not None:
            break  # `day` had no practice, and every month it could be in was read
    index.save()
    return StatusFacts(
        has_sessions=has_sessions,
        streak=streak,
        done_today=done_today,
        last_completed=None if newest is None else Plan(*newest[1:]),
    )


def _same_month(day: date, first_day: date) -> bool:
    return (day.year, day.month) == (first_day.year, first_day.month)


def _walk_back(day: date, first_day: date, facts: MonthDays) -> tuple[date, int]:
    """From `day` back through this month while practised: (first day not walked, days walked)."""
    if not _same_month(day, first_day):
        return day, 0  # `day` is in a month with no file: no practice, or already past
    length = calendar.monthrange(first_day.year, first_day.month)[1]
    if day.day == length and facts.days == (1 << length) - 1:
        return first_day - timedelta(days=1), length  # every day of the month
    walked = 0
    while day >= first_day and facts.practised(day):
        walked += 1
        day -= timedelta(days=1)
    return day, walked
