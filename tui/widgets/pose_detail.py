"""The detail pane: everything about the highlighted pose."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.core.routine import Pose, Routine, Step, hold_summary


def describe(routine: Routine, step: Step) -> Content:
    """The pose's instructions, targets, cues, cautions and alternative as styled text."""
    pose = routine.pose(step.pose_id)
    head = [Content.from_markup("[b $accent]$name[/]", name=pose.name)]
    if pose.sanskrit:
        head.append(Content.from_markup("[i]$s[/]", s=pose.sanskrit))
    facts = hold_summary(pose, step.amount)
    if pose.recommended:
        facts += f" · recommended {pose.recommended}"
    head.append(Content(facts))
    if pose.targets:
        head.append(Content.from_markup("[b]Targets:[/] $t", t=", ".join(pose.targets)))
    parts: list[Content] = [Content("\n").join(head)]
    parts.append(_section("How to", [f"{n}. {s}" for n, s in enumerate(pose.instructions, 1)]))
    if pose.is_breath_paced:
        parts.append(
            Content.from_markup(
                "[b]Breath:[/] inhale — $i, exhale — $e", i=pose.inhale, e=pose.exhale
            )
        )
    if pose.breath:
        parts.append(Content.from_markup("[b]Breathe:[/] $b", b=pose.breath))
    if pose.benefits:
        parts.append(_section("Why", [f"• {b}" for b in pose.benefits]))
    if pose.cautions:
        parts.append(_section("Care", [f"! {c}" for c in pose.cautions], style="$warning"))
    alt = _alternative_text(routine, pose)
    if alt is not None:
        parts.append(alt)
    return Content("\n\n").join(parts)


def _section(title: str, lines: list[str], style: str = "") -> Content:
    body = Content("\n").join(Content(line) for line in lines)
    head = Content.from_markup(f"[b {style}]$title[/]", title=title)
    return Content("\n").join([head, body.stylize(style) if style else body])


def _alternative_text(routine: Routine, pose: Pose) -> Content | None:
    if pose.alternative is None:
        return None
    alt = routine.pose(pose.alternative)
    if pose.alternative_only:
        why = f"In place of {alt.name}: gentler, yet equally effective."
    else:
        why = f"Too intense? {alt.name} is the gentler alternative."
    return Content.from_markup("[b]Alternative:[/] $why  (press [b]a[/])", why=why)


class PoseDetail(VerticalScroll, can_focus=False):
    """Scrollable description of one pose."""

    def compose(self) -> ComposeResult:
        yield Static(id="pose-text")

    def show(self, routine: Routine, step: Step) -> None:
        """Describe `step`'s pose."""
        self.query_one("#pose-text", Static).update(describe(routine, step))
        self.scroll_home(animate=False)
