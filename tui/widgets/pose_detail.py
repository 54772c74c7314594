"""The detail pane: everything about the highlighted pose."""

from __future__ import annotations

from rich.style import Style
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from tui.core.routine import AlternativeIs, Pose, Routine, Step, planned_amount, step_summary
from tui.core.spans import changed_span


def describe(routine: Routine, step: Step) -> Content:
    """The pose's instructions, targets, cues, cautions and alternative as styled text."""
    pose = routine.pose(step.pose_id)
    head = [Content.from_markup("[b $accent]$name[/]", name=pose.name)]
    if pose.sanskrit:
        head.append(Content.from_markup("[i]$s[/]", s=pose.sanskrit))
    head.append(Content(_amount_facts(pose, step_summary(routine, step))))
    outside = _outside_source(pose, step.amount)
    if outside is not None:
        head.append(outside)
    if pose.targets:
        head.append(Content.from_markup("[b]Targets:[/] $t", t=", ".join(pose.targets)))
    if not step.enabled:
        head.append(Content.from_markup("[b $warning]Left out today[/] (space to include it)"))
    parts: list[Content] = [Content("\n").join(head)]
    alt = _alternative_text(routine, pose, step)
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
        breathe = Content.from_markup("[b]Breathe:[/] $b", b=pose.breath)
        if "breath" in pose.not_from_source:
            breathe += Content.styled(f" {OWN_WORDS}", "italic $text-muted")
        parts.append(breathe)
    if pose.benefits:
        parts.append(_section("Why", [f"• {b}" for b in pose.benefits]))
    if pose.cautions:
        parts.append(_section("Care", [f"! {c}" for c in pose.cautions], style="$warning"))
    return Content("\n\n").join(parts)


# Said after a line the source does not give, so the routine's own words stay apart from it.
OWN_WORDS = "(Supple's words, not the source's)"


def _outside_source(pose: Pose, amount: int) -> Content | None:
    """ "90 s is beyond the source's 60 s": a hold set outside what the source recommends."""
    where = pose.outside_source(amount)
    if where is None or pose.recommended_range is None:
        return None
    low, high = pose.recommended_range
    said = f"{low}" if low == high else f"{low}–{high}"
    unit = "breaths" if pose.is_breath_paced else "s"
    return Content.styled(f"{amount} {unit} is {where} the source's {said} {unit}", "$warning")


def _amount_facts(pose: Pose, summary: str) -> str:
    """The amount now (`summary`: as the list says it), then the source's advice apart from
    the range Supple allows."""
    rng = pose.amount_range
    unit = "breaths" if pose.is_breath_paced else "s"
    facts = f"{summary} · adjust {rng.min}–{rng.max} {unit}"
    if pose.recommended:
        # The routine's source said this; the range around it is Supple's own leeway.
        facts += f"\nRecommended {pose.recommended} (source)"
    return facts


def _section(title: str, lines: list[str], style: str = "") -> Content:
    body = Content("\n").join(Content(line) for line in lines)
    head = Content.from_markup(f"[b {style}]$title[/]", title=title)
    return Content("\n").join([head, body.stylize(style) if style else body])


def _alternative_text(routine: Routine, pose: Pose, step: Step) -> Content | None:
    """Which of the pair is in the routine (on which side), and what the other one offers."""
    if pose.alternative is None:
        return None
    alt = routine.pose(pose.alternative)
    if step.alternative_sides:
        side = step.alternative_sides[0]
        other = "right" if side == "left" else "left"
        held = planned_amount(routine, step, alt.id)
        # Its own hold where the step's is beyond its range (Pigeon 75 s, Figure-Four 60 s).
        own = f" ({held} s, its {'longest' if held < step.amount else 'shortest'})"
        doing = f"{pose.name} on the {other} side, {alt.name} on the {side}"
        doing += (own if held != step.amount else "") + "."
    elif pose.alternative_only:
        doing = f"{pose.name}, in place of {alt.name}."
    else:
        doing = f"{pose.name}; {alt.name} is its alternative."
    # Which way the alternative goes is the routine's word, never guessed from the order.
    label = {
        AlternativeIs.GENTLER: "Too intense?",
        AlternativeIs.HARDER: "Ready for more?",
        None: "Instead:",
    }[pose.alternative_is]
    offer = alt.benefits[0] if alt.benefits else alt.cue
    if any(s.pose_id == alt.id for s in routine.steps):
        action = Content(f"{alt.name} is already in this routine.")
    elif pose.per_side and alt.per_side:
        action = Content.from_markup("Press [b]a[/] to choose: both sides, left or right.")
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


def _cells(strip: Strip) -> list[tuple[str, Style | None]] | None:
    """A line as (character, style) per cell; None if a wide character breaks one-per-cell."""
    cells = [(char, segment.style) for segment in strip for char in segment.text]
    return cells if len(cells) == strip.cell_length else None


# Rendered texts kept: a routine's poses at a size or two, not every size a resize passed.
_RENDERED_MAX = 64


class _Description(Widget):
    """The pose text, as tall as the routine's tallest description at every width.

    A key press changes the text but never its height, so the pane's size and scroll
    extent stay put and Textual settles the layout in one frame instead of two. And only
    the cells that differ from the pose before are repainted: over a slow link a cursor
    move costs the changed words, not the whole pane.
    """

    DEFAULT_CSS = "_Description { height: auto; }"

    def __init__(self) -> None:
        super().__init__(classes="pose-text")
        self.every: tuple[Content, ...] = ()
        self._content = Content("")
        self._strips: list[Strip] = []
        self._strips_key: tuple[object, ...] = ()
        self._rendered: dict[tuple[object, ...], list[Strip]] = {}
        # The rows last measured, and the width and texts (the routine's, and a text from
        # outside it if shown) they were measured for.
        self._height: tuple[int, tuple[Content, ...], Content | None, int] = (0, (), None, 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width <= 0:
            return 0
        # Each layout pass asks (two at start): wrapping every pose's text is the cost, so the
        # answer is kept until the width or the texts change. A cursor move shows another of
        # the same texts, whose tallest is still the height. Identity suffices: the texts are
        # rebuilt only when the routine is edited.
        every = self.every
        outside = None if any(t is self._content for t in every) else self._content
        was_width, was_every, was_outside, rows = self._height
        if width != was_width or every is not was_every or outside is not was_outside:
            texts = every if outside is None else (*every, outside)
            # Textual's own Widget.get_content_height passes its styles as the rules, too.
            rules = self.styles
            rows = max(text.get_height(rules, width) for text in texts)  # type: ignore[arg-type]
            self._height = (width, every, outside, rows)
        return rows

    def show(self, content: Content) -> None:
        """Show `content`, repainting only the cells where it differs from what is shown."""
        before = self._lines() if self._strips_key else None
        self._content = content
        after = self._lines()
        if before is None:
            self.refresh()
            return
        width = self.size.width
        # A shorter text leaves blank lines where the longer one was.
        blank = Strip.blank(width, self.rich_style)
        rows = max(len(before), len(after))
        before = before + [blank] * (rows - len(before))
        after = after + [blank] * (rows - len(after))
        for y, (old, new) in enumerate(zip(before, after, strict=True)):
            if old == new:
                continue
            old_cells, new_cells = _cells(old), _cells(new)
            span: tuple[int, int] | None = (0, width)
            if old_cells and new_cells and len(old_cells) == len(new_cells):
                span = changed_span(old_cells, new_cells)
            if span is not None:  # None: equal cells, the strips only split differently
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    def _lines(self) -> list[Strip]:
        width, height = self.size
        key = (self._content, width, height, self.visual_style)
        if key != self._strips_key:
            # Wrapping and styling a pose's text is most of a move's own time: keep each
            # pose's lines, so going back and forth renders every text once per size.
            strips = self._rendered.get(key)
            if strips is None:
                if len(self._rendered) >= _RENDERED_MAX:
                    self._rendered.clear()
                strips = Visual.to_strips(
                    self, self._content, width, height, self.visual_style, pad=True
                )
                self._rendered[key] = strips
            self._strips, self._strips_key = strips, key
        return self._strips

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips_key = ()
        self._rendered.clear()
        self._height = (0, (), None, 0)

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)


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
        edited = routine is not self._routine
        if edited:  # heights to compare change too, and so may the text's height
            self._routine = routine
            self._text.every = tuple(describe(routine, s) for s in routine.steps)
            self._text.refresh(layout=True)
        # Moving the cursor keeps the text's height (see _Description): no layout pass,
        # which was most of a key press's time.
        # Described once per edit above: a move picks its text rather than building it again.
        index = next((n for n, s in enumerate(routine.steps) if s is step), None)
        content = self._text.every[index] if index is not None else describe(routine, step)
        if content != self._content:
            self._content = content
            self._text.show(content)
        self.scroll_home(animate=False)
