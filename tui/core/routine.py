"""Poses and routines: frozen data, parsed and validated from TOML text."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from tui.core.safe_text import control_characters

SCHEMA_VERSION = 1

# Sane bounds: a shared routine file is untrusted, and every number or text in it ends up
# in a timer, a list row or a window title.
MAX_NAME_CHARS = 60
MAX_TEXT_CHARS = 4000
MAX_LIST_ITEMS = 50
MAX_POSES = 300
MAX_HOLD_SECONDS = 600
MAX_CYCLES = 100
MAX_ROUTINE_MINUTES = 60
# Fields that may span lines (multi-line TOML strings); every other text is one line.
_MULTILINE_KEYS = frozenset({"description", "source", "safety"})


class RoutineError(ValueError):
    """A routine file that cannot be used, with where and what to fix."""

    def __init__(self, source: str, message: str, pose: str | None = None, key: str | None = None):
        self.source = source
        self.pose = pose
        self.key = key
        where = source
        if pose:
            where += f": pose {pose!r}"
        if key:
            where += f": field {key!r}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Range:
    """Allowed values of a hold (seconds) or of breath cycles, and the default."""

    min: int
    max: int
    default: int

    def clamp(self, value: int) -> int:
        """`value` brought inside the range."""
        return max(self.min, min(self.max, value))


class AlternativeIs(StrEnum):
    """Which way a pose's alternative goes: the routine says so, no code guesses it."""

    GENTLER = "gentler"
    HARDER = "harder"


@dataclass(frozen=True)
class Pose:
    """One stretch, with everything the person needs to do it well."""

    id: str
    name: str
    cue: str
    instructions: tuple[str, ...]
    sanskrit: str = ""
    targets: tuple[str, ...] = ()
    per_side: bool = False
    hold: Range | None = None  # seconds, for held poses
    cycles: Range | None = None  # breaths, for breath-paced poses
    recommended: str = ""
    inhale: str = ""
    exhale: str = ""
    breath: str = ""
    benefits: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    alternative: str | None = None
    # Whether the alternative is gentler or harder than this pose (None: the file does not
    # say). Only a gentler one is ever offered when a pose hurts.
    alternative_is: AlternativeIs | None = None
    alternative_only: bool = False  # offered only in place of another pose
    # The amount the source recommends (seconds, or breaths), as numbers: a hold set
    # outside it says so. `recommended` is the source's own words for it.
    recommended_range: tuple[int, int] | None = None
    # Fields in Supple's words, not the source's (a breath line the article does not give).
    not_from_source: tuple[str, ...] = ()

    def outside_source(self, amount: int) -> str | None:
        """ "beyond" or "short of" where `amount` leaves the source's recommendation, else None."""
        if self.recommended_range is None:
            return None
        low, high = self.recommended_range
        return "beyond" if amount > high else "short of" if amount < low else None

    @property
    def gentler(self) -> str | None:
        """The id of the gentler pose to offer when this one hurts, if the routine names one."""
        return self.alternative if self.alternative_is is AlternativeIs.GENTLER else None

    @property
    def is_breath_paced(self) -> bool:
        """Whether the pose is timed in breaths (Cat-Cow) rather than a hold."""
        return self.cycles is not None

    @property
    def amount_range(self) -> Range:
        """The range of the pose's amount: seconds held, or breaths."""
        rng = self.cycles if self.cycles is not None else self.hold
        assert rng is not None  # guaranteed by parse_routine
        return rng

    @property
    def sides(self) -> tuple[str | None, ...]:
        """The sides held in order: left first, as the routine says."""
        return ("left", "right") if self.per_side else (None,)


@dataclass(frozen=True)
class Step:
    """A pose's place in a routine: which pose, whether it is on today, and for how long."""

    pose_id: str
    amount: int  # seconds per side, or breaths for breath-paced poses
    enabled: bool = True
    # Sides done as the pose's alternative instead (Figure-Four on the right, Pigeon on the
    # left): one side only; both sides is the alternative itself as the step's pose.
    alternative_sides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timing:
    """Seconds between and within holds; the person can change them in settings."""

    get_ready: float = 10.0
    switch_sides: float = 5.0
    inhale: float = 3.0
    exhale: float = 3.0

    @property
    def breath(self) -> float:
        """One full breath cycle."""
        return self.inhale + self.exhale


@dataclass(frozen=True)
class Routine:
    """An ordered list of steps over a catalogue of poses."""

    id: str
    name: str
    poses: Mapping[str, Pose]
    steps: tuple[Step, ...]
    description: str = ""
    source: str = ""
    source_note: str = ""  # what the source says about itself ("may contain errors")
    safety: str = ""
    target_minutes: int = 15
    meta: Mapping[str, Any] = field(default_factory=dict)

    def pose(self, pose_id: str) -> Pose:
        """The pose with this id."""
        return self.poses[pose_id]

    def active_steps(self) -> tuple[Step, ...]:
        """The steps included in today's session, in order."""
        return tuple(s for s in self.steps if s.enabled)

    def with_steps(self, steps: tuple[Step, ...]) -> Routine:
        """The same routine with another order, selection or amounts."""
        return replace(self, steps=steps)

    def step_ids(self) -> tuple[str, ...]:
        """The ids of the poses in the sequence, on or off, in order."""
        return tuple(s.pose_id for s in self.steps)

    def only(self, pose_id: str) -> Routine:
        """Today's session of just this pose (switched on even if it is off): a bad day."""
        return self.with_steps(tuple(replace(s, enabled=s.pose_id == pose_id) for s in self.steps))

    def starting_at(self, pose_id: str) -> Routine:
        """Today's session from this pose on (it is switched on; those before it are off)."""
        first = self.step_ids().index(pose_id)
        return self.with_steps(
            tuple(
                replace(s, enabled=i == first or (i > first and s.enabled))
                for i, s in enumerate(self.steps)
            )
        )


def step_hold_seconds(pose: Pose, amount: int, timing: Timing) -> float:
    """Seconds of holding (or breathing) in one step, all sides together."""
    if pose.is_breath_paced:
        return amount * timing.breath
    return amount * len(pose.sides)


def step_seconds(pose: Pose, amount: int, timing: Timing) -> float:
    """Seconds a step takes, counting its get-ready and switch-sides pauses."""
    return (
        timing.get_ready
        + (len(pose.sides) - 1) * timing.switch_sides
        + step_hold_seconds(pose, amount, timing)
    )


def planned_amount(routine: Routine, step: Step, pose_id: str) -> int:
    """The hold `step` plans for `pose_id`: its own, or on a side given to its alternative,
    the step's hold brought within the alternative's range (Pigeon at 90 s, Figure-Four at
    its longest, 60 s). The session runs it so; the totals count it so."""
    if pose_id == step.pose_id:
        return step.amount
    return routine.pose(pose_id).amount_range.clamp(step.amount)


def split_holds(routine: Routine, step: Step) -> list[int] | None:
    """Each side's hold of a step that gives some sides to its alternative (None otherwise),
    as the pose planned for that side holds it: Pigeon 75 s left, Figure-Four 60 s right."""
    pose = routine.pose(step.pose_id)
    alternative = pose.alternative  # a two-sided pose, as validation requires
    if not step.alternative_sides or alternative is None:
        return None
    return [
        planned_amount(routine, step, alternative if side in step.alternative_sides else pose.id)
        for side in pose.sides
    ]


def planned_hold_seconds(routine: Routine, step: Step, timing: Timing) -> float:
    """Seconds of holding `step` plans, each side held as the pose planned for it."""
    holds = split_holds(routine, step)
    if holds is None:
        return step_hold_seconds(routine.pose(step.pose_id), step.amount, timing)
    return sum(holds)


def planned_step_seconds(routine: Routine, step: Step, timing: Timing) -> float:
    """Seconds `step` takes as planned, with its get-ready and side switches."""
    pose = routine.pose(step.pose_id)
    pauses = timing.get_ready + (len(pose.sides) - 1) * timing.switch_sides
    return pauses + planned_hold_seconds(routine, step, timing)


def total_seconds(routine: Routine, timing: Timing) -> float:
    """Seconds the enabled steps take from the first get-ready to the last release."""
    return sum(planned_step_seconds(routine, s, timing) for s in routine.active_steps())


def length_in_all(hold_seconds: float, poses: int, holds: int, timing: Timing) -> float:
    """A plan's length with its get-readies and side switches, as `total_seconds` counts it.

    `hold_seconds` is the holding (and breathing) planned, as a session record keeps it;
    each pose has one get-ready, and each hold after a pose's first one side switch.
    """
    return hold_seconds + poses * timing.get_ready + max(0, holds - poses) * timing.switch_sides


def swap_word(pose: Pose, gentler: str = "Gentler") -> str:
    """What `a` does on this pose, in the key bar: "Gentler" only where the routine says so."""
    if pose.alternative is None or pose.alternative_is is AlternativeIs.GENTLER:
        return gentler
    return "Swap back" if pose.alternative_only else "Swap"


def hold_summary(pose: Pose, amount: int) -> str:
    """Short text for a list row: "60 s", "30 s × 2 sides", "12 breaths"."""
    if pose.is_breath_paced:
        return f"{amount} breaths"
    if pose.per_side:
        return f"{amount} s × 2 sides"
    return f"{amount} s"


def step_summary(routine: Routine, step: Step) -> str:
    """A list row's hold: `hold_summary`, or each side's where a side's pose holds another
    ("75 s + 60 s": Pigeon 75 s on the left, Figure-Four at its longest on the right)."""
    holds = split_holds(routine, step)
    if holds is not None and len(set(holds)) > 1:
        return " + ".join(f"{hold} s" for hold in holds)
    return hold_summary(routine.pose(step.pose_id), step.amount)


def format_duration(seconds: float) -> str:
    """Minutes and seconds as m:ss, to the nearest second ("-:--" if not a finite number).

    The one m:ss of Supple: the summary, history, `supple history` and the countdown (which
    passes its rounded-up whole seconds) all format through it, so they cannot disagree.
    """
    if not math.isfinite(seconds):
        return "-:--"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


# --- parsing -----------------------------------------------------------------

_POSE_TEXT = ("id", "name", "cue")
_POSE_OPTIONAL_TEXT = ("sanskrit", "recommended", "inhale", "exhale", "breath")
_POSE_LISTS = ("instructions", "targets", "benefits", "cautions")
_POSE_FLAGS = ("per_side", "hold", "cycles", "alternative", "alternative_is", "alternative_only")
_POSE_PROVENANCE = ("recommended_range", "not_from_source")
# The texts a pose can mark as Supple's own words; the screens say so where they show them.
MARKABLE_AS_OWN = ("breath",)
_POSE_KEYS = frozenset(
    (*_POSE_TEXT, *_POSE_OPTIONAL_TEXT, *_POSE_LISTS, *_POSE_FLAGS, *_POSE_PROVENANCE)
)


def parse_routine(text: str, source: str) -> Routine:
    """Parse and validate a routine's TOML text; `source` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(source, f"is not valid TOML ({exc}); fix the file or remove it") from exc
    except RecursionError as exc:
        raise RoutineError(source, "nests tables or lists too deeply to be a routine") from exc
    return routine_from_dict(data, source)


def routine_from_dict(data: Mapping[str, Any], source: str) -> Routine:
    """Build a routine from already-parsed TOML data, validating every field."""
    schema = data.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        raise RoutineError(
            source, f"has schema {schema!r}; this Supple reads schema 1", key="schema"
        )
    rid = _text(data, "id", source, limit=MAX_NAME_CHARS)
    name = _text(data, "name", source, limit=MAX_NAME_CHARS)
    raw_poses = data.get("poses")
    if not isinstance(raw_poses, list) or not raw_poses:
        raise RoutineError(source, "needs at least one [[poses]] table", key="poses")
    if len(raw_poses) > MAX_POSES:
        raise RoutineError(source, f"has more than {MAX_POSES} poses", key="poses")
    poses: dict[str, Pose] = {}
    for index, raw in enumerate(raw_poses):
        if not isinstance(raw, dict):
            raise RoutineError(source, "must be a table", key=f"poses[{index}]")
        pose = _pose(raw, source, index)
        if pose.id in poses:
            raise RoutineError(
                source, "is defined twice; pose ids must be unique", pose=pose.id, key="id"
            )
        poses[pose.id] = pose
    for pose in poses.values():
        if pose.alternative is not None and pose.alternative not in poses:
            raise RoutineError(
                source,
                f"names alternative {pose.alternative!r}, which is not a pose in this file",
                pose=pose.id,
                key="alternative",
            )
        _check_direction(pose, poses, source)
    steps = tuple(_steps(data.get("sequence"), poses, source))
    routine = Routine(
        id=rid,
        name=name,
        poses=poses,
        steps=steps,
        description=_optional_text(data, "description", source),
        source=_optional_text(data, "source", source),
        source_note=_optional_text(data, "source_note", source),
        safety=_optional_text(data, "safety", source),
        target_minutes=_int(data, "target_minutes", source, default=15, most=MAX_ROUTINE_MINUTES),
    )
    if total_seconds(routine, Timing()) > MAX_ROUTINE_MINUTES * 60:
        raise RoutineError(
            source, f"takes more than {MAX_ROUTINE_MINUTES} minutes; shorten it", key="sequence"
        )
    return routine


def _pose(raw: dict[str, Any], source: str, index: int) -> Pose:
    pid = raw.get("id")
    label = pid if isinstance(pid, str) and pid else f"#{index + 1}"
    if not isinstance(pid, str) or not _is_clean(pid, MAX_NAME_CHARS):
        label = f"#{index + 1}"
    for key in _POSE_TEXT:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RoutineError(source, "is missing or not text", pose=label, key=key)
        limit = MAX_TEXT_CHARS if key == "cue" else MAX_NAME_CHARS
        _check_text(raw[key], source, label, key, limit=limit)
    unknown = sorted(set(raw) - _POSE_KEYS)
    if unknown:
        raise RoutineError(
            source, "is not a known pose field (check the spelling)", label, unknown[0]
        )
    for key in _POSE_OPTIONAL_TEXT:
        if key in raw and not isinstance(raw[key], str):
            raise RoutineError(source, "must be text", pose=label, key=key)
        _check_text(raw.get(key, ""), source, label, key, limit=MAX_TEXT_CHARS)
    lists: dict[str, tuple[str, ...]] = {}
    for key in _POSE_LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RoutineError(source, "must be a list of text", pose=label, key=key)
        if len(value) > MAX_LIST_ITEMS:
            raise RoutineError(source, f"has more than {MAX_LIST_ITEMS} items", label, key)
        for item in value:
            _check_text(item, source, label, key, limit=MAX_TEXT_CHARS)
        lists[key] = tuple(value)
    if not lists["instructions"]:
        raise RoutineError(source, "needs at least one step", pose=label, key="instructions")
    if ("hold" in raw) == ("cycles" in raw):
        raise RoutineError(
            source, "needs exactly one of `hold` (seconds) or `cycles` (breaths)", label, "hold"
        )
    kind = "hold" if "hold" in raw else "cycles"
    rng = _range(raw[kind], source, label, kind)
    per_side = raw.get("per_side", False)
    if not isinstance(per_side, bool):
        raise RoutineError(source, "must be true or false", pose=label, key="per_side")
    alternative = raw.get("alternative")
    if alternative is not None and (not isinstance(alternative, str) or alternative == pid):
        raise RoutineError(source, "must be the id of another pose", label, "alternative")
    if alternative is not None:
        _check_text(alternative, source, label, "alternative", limit=MAX_NAME_CHARS)
    alternative_is = raw.get("alternative_is")
    if alternative_is is not None:
        if alternative is None:
            message = "describes an `alternative`; name one, or remove this"
            raise RoutineError(source, message, label, "alternative_is")
        # A list or table here is refused like a wrong word (a set lookup would raise).
        if not isinstance(alternative_is, str) or alternative_is not in set(AlternativeIs):
            raise RoutineError(
                source, 'must be "gentler" or "harder" (than this pose)', label, "alternative_is"
            )
    alternative_only = raw.get("alternative_only", False)
    if not isinstance(alternative_only, bool):
        raise RoutineError(source, "must be true or false", pose=label, key="alternative_only")
    own = raw.get("not_from_source", [])
    if not isinstance(own, list) or not all(k in MARKABLE_AS_OWN for k in own):
        fields = " or ".join(f'"{k}"' for k in MARKABLE_AS_OWN)
        raise RoutineError(source, f"must list fields among {fields}", label, "not_from_source")
    recommended_range = _recommended_range(raw.get("recommended_range"), source, label, kind)
    return Pose(
        id=raw["id"],
        name=raw["name"],
        cue=raw["cue"],
        per_side=per_side,
        hold=rng if kind == "hold" else None,
        cycles=rng if kind == "cycles" else None,
        alternative=alternative,
        alternative_is=None if alternative_is is None else AlternativeIs(alternative_is),
        alternative_only=alternative_only,
        recommended_range=recommended_range,
        not_from_source=tuple(dict.fromkeys(own)),
        instructions=lists["instructions"],
        targets=lists["targets"],
        benefits=lists["benefits"],
        cautions=lists["cautions"],
        **{k: raw.get(k, "") for k in _POSE_OPTIONAL_TEXT},
    )


def _check_direction(pose: Pose, poses: Mapping[str, Pose], source: str) -> None:
    """Two poses that are each other's alternative cannot both be the gentler (or harder) one."""
    if pose.alternative is None or pose.alternative_is is None:
        return
    other = poses[pose.alternative]
    if other.alternative == pose.id and other.alternative_is is pose.alternative_is:
        raise RoutineError(
            source,
            f"says {other.id!r} is {pose.alternative_is}, and {other.id!r} says the same of it; "
            "one of the two must be the gentler",
            pose=pose.id,
            key="alternative_is",
        )


def _recommended_range(raw: Any, source: str, pose: str, kind: str) -> tuple[int, int] | None:
    """The source's recommendation as numbers, in the unit of the pose's `hold` or `cycles`."""
    if raw is None:
        return None
    key = "recommended_range"
    if not isinstance(raw, dict) or set(raw) != {"min", "max"}:
        raise RoutineError(source, "must be a table like { min = 30, max = 60 }", pose, key)
    low, high = raw["min"], raw["max"]
    most = MAX_HOLD_SECONDS if kind == "hold" else MAX_CYCLES
    numbers = all(isinstance(n, int) and not isinstance(n, bool) for n in (low, high))
    if not numbers or not 0 < low <= high <= most:
        raise RoutineError(
            source, f"min must be above 0 and at most max, and max at most {most}", pose, key
        )
    return (low, high)


def _range(raw: Any, source: str, pose: str, key: str) -> Range:
    if not isinstance(raw, dict):
        raise RoutineError(
            source, "must be a table like { min = 30, max = 60, default = 45 }", pose, key
        )
    values = {}
    for part in ("min", "max", "default"):
        value = raw.get(part)
        if isinstance(value, bool) or not isinstance(value, int):
            raise RoutineError(source, "is missing or not a whole number", pose, f"{key}.{part}")
        values[part] = value
    most = MAX_HOLD_SECONDS if key == "hold" else MAX_CYCLES
    if not 0 < values["min"] <= values["max"] <= most:
        raise RoutineError(
            source, f"min must be above 0 and at most max, and max at most {most}", pose, key
        )
    if not values["min"] <= values["default"] <= values["max"]:
        raise RoutineError(
            source,
            f"must be between {values['min']} and {values['max']} (got {values['default']})",
            pose,
            f"{key}.default",
        )
    return Range(**values)


def _steps(raw: Any, poses: Mapping[str, Pose], source: str) -> Iterator[Step]:
    if not isinstance(raw, list) or not raw:
        raise RoutineError(source, "must list the pose ids in order", key="sequence")
    seen: set[str] = set()
    for item in raw:
        entry = {"pose": item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not isinstance(entry.get("pose"), str):
            raise RoutineError(
                source, "items must be pose ids or { pose = ID, ... }", key="sequence"
            )
        pid = entry["pose"]
        if pid not in poses:
            raise RoutineError(
                source, "is not a pose defined in this file", pose=pid, key="sequence"
            )
        if pid in seen:
            raise RoutineError(source, "appears twice in the sequence", pose=pid, key="sequence")
        seen.add(pid)
        pose = poses[pid]
        rng = pose.amount_range
        amount = entry.get("amount", rng.default)
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise RoutineError(source, "must be a whole number", pose=pid, key="sequence.amount")
        if not rng.min <= amount <= rng.max:
            raise RoutineError(
                source,
                f"must be between {rng.min} and {rng.max} (got {amount})",
                pid,
                "sequence.amount",
            )
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise RoutineError(source, "must be true or false", pose=pid, key="sequence.enabled")
        sides = _alternative_side(entry.get("alternative_side"), pose, poses, source)
        yield Step(pose_id=pid, amount=amount, enabled=enabled, alternative_sides=sides)


def _alternative_side(
    raw: Any, pose: Pose, poses: Mapping[str, Pose], source: str
) -> tuple[str, ...]:
    """The one side a step does as its pose's alternative: "left", "right" or none."""
    key = "sequence.alternative_side"
    if raw is None:
        return ()
    if raw not in ("left", "right"):
        raise RoutineError(
            source,
            'must be "left" or "right" (for both sides, put the alternative in the sequence)',
            pose.id,
            key,
        )
    alternative = poses.get(pose.alternative) if pose.alternative else None
    if not pose.per_side or alternative is None or not alternative.per_side:
        raise RoutineError(
            source, "needs a two-sided pose whose alternative is two-sided too", pose.id, key
        )
    return (raw,)


def _is_clean(text: str, limit: int) -> bool:
    return len(text) <= limit and not control_characters(text)


def _check_text(text: str, source: str, pose: str | None, key: str, *, limit: int) -> None:
    """Reject text a terminal could obey (escape codes) or that no screen could show."""
    found = control_characters(text, allow_newlines=key in _MULTILINE_KEYS)
    if found:
        shown = ", ".join(dict.fromkeys(found))
        raise RoutineError(
            source, f"contains control characters ({shown}); remove them", pose=pose, key=key
        )
    if len(text) > limit:
        raise RoutineError(source, f"is longer than {limit} characters", pose=pose, key=key)


def _text(data: Mapping[str, Any], key: str, source: str, *, limit: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RoutineError(source, "is missing or not text", key=key)
    _check_text(value, source, None, key, limit=limit)
    return value


def _optional_text(data: Mapping[str, Any], key: str, source: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise RoutineError(source, "must be text", key=key)
    _check_text(value, source, None, key, limit=MAX_TEXT_CHARS)
    return value


def _int(data: Mapping[str, Any], key: str, source: str, default: int, most: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= most:
        raise RoutineError(source, f"must be a whole number from 1 to {most}", key=key)
    return value
