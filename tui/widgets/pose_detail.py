"""The detail pane: everything about the highlighted pose."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from tui.core.routine import Pose, Routine, Step, hold_summary


def describe(routine: Routine, step: Step) -> Content:
    """The pose's instructions, targets, cues, cautions and alternative as styled text."""
    pose = routine.pose(step.pose_id)
    head = [Content.from_markup("[b $accent]$name[/]", name=pose.name)]
    if pose.sanskrit:
        head.append(Content.from_markup("[i]$s[/]", s=pose.sanskrit))
    head.append(Content(_amount_facts(pose, step.amount)))
    if pose.targets:
        head.append(Content.from_markup("[b]Targets:[/] $t", t=", ".join(pose.targets)))
    if not step.enabled:
        head.append(Content.from_markup("[b $warning]Left out today[/] (space to include it)"))
    parts: list[Content] = [Content("\n").join(head)]
    alt = _alternative_text(routine, pose)
    if alt is not None:
        parts.append(alt)
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
    return Content("\n\n").join(parts)


def _amount_facts(pose: Pose, amount: int) -> str:
    """The amount now, then the source's advice apart from the range Supple allows."""
    rng = pose.amount_range
    unit = "breaths" if pose.is_breath_paced else "s"
    facts = f"{hold_summary(pose, amount)} · adjust {rng.min}–{rng.max} {unit}"
    if pose.recommended:
        # The routine's source said this; the range around it is Supple's own leeway.
        facts += f"\nRecommended {pose.recommended} (source)"
    return facts


def _section(title: str, lines: list[str], style: str = "") -> Content:
    body = Content("\n").join(Content(line) for line in lines)
    head = Content.from_markup(f"[b {style}]$title[/]", title=title)
    return Content("\n").join([head, body.stylize(style) if style else body])


def _alternative_text(routine: Routine, pose: Pose) -> Content | None:
    """Which of the pair is in the routine, and what the other one offers."""
    if pose.alternative is None:
        return None
    alt = routine.pose(pose.alternative)
    if pose.alternative_only:
        doing = f"{pose.name}, in place of {alt.name}."
        label = "Ready for more?"
    else:
        doing = f"{pose.name}; {alt.name} is its alternative."
        label = "Too intense?"
    offer = alt.benefits[0] if alt.benefits else alt.cue
    if any(s.pose_id == alt.id for s in routine.steps):
        action = Content(f"{alt.name} is already in this routine.")
    else:
        action = Content.from_markup("Press [b]a[/] to swap.")
    return Content("\n").join(
        [
            Content.from_markup("[b]Active:[/] $doing", doing=doing),
            Content.from_markup(
                "[b]$label[/] $alt: $offer ", label=label, alt=alt.name, offer=offer
            )
            + action,
        ]
    )


class _Description(Static):
    """The pose text, as tall as the routine's tallest description at every width.

    A key press changes the text but never its height, so the pane's size and scroll
    extent stay put and Textual settles the layout in one frame instead of two.
    """

    def __init__(self) -> None:
        super().__init__(classes="pose-text")
        self.every: tuple[Content, ...] = ()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        own = super().get_content_height(container, viewport, width)
        if width <= 0:
            return own
        # Textual's own Widget.get_content_height passes its styles as the rules, too.
        rules = self.styles
        tallest = (text.get_height(rules, width) for text in self.every)  # type: ignore[arg-type]
        return max([own, *tallest])


class PoseDetail(VerticalScroll, can_focus=False):
    """Scrollable description of one pose."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = _Description()
        self._content: Content | None = None
        self._routine: Routine | None = None

    @property
    def text(self) -> str:
        """The description shown now, as plain text."""
        return "" if self._content is None else self._content.plain

    def compose(self) -> ComposeResult:
        yield self._text

    def show(self, routine: Routine, step: Step) -> None:
        """Describe `step`'s pose."""
        if routine is not self._routine:  # an edit: heights to compare change too
            self._routine = routine
            self._text.every = tuple(describe(routine, s) for s in routine.steps)
        content = describe(routine, step)
        if content != self._content:
            self._content = content
            self._text.update(content)
        self.scroll_home(animate=False)
