"""Textual's command palette, made safe against a page key typed before its list is laid out."""

from __future__ import annotations

from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from tui.screens.dismiss_once import DismissOnce


class SafeCommandPalette(CommandPalette, DismissOnce[None]):
    """The command palette; it runs one command per opening, and PageUp/PageDown wait until
    the list has a size.

    Textual 8's OptionList._move_page looks up line positions that are only computed
    once the list has a size, so a page key typed as the palette opens raises KeyError
    (found by the key-storm test). Until the list is laid out there is nothing to page.
    """

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)

    def _watch__list_visible(self) -> None:
        # Its search runs on after it has closed; showing the list then found no list there
        # (NoMatches, under a storm of keys and clicks).
        if self.query(CommandList):
            super()._watch__list_visible()

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _run_one_command(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        """After a command was chosen, the rest of a burst of Enters chooses nothing.

        Each Enter that reached the palette before it closed selects again, and Textual's
        palette runs the command at every selection: History opened twice, and the third
        Enter popped the last screen (ScreenStackError). Preventing the default here keeps
        the message from the palette's own handlers.
        """
        if self.dismissed:
            event.prevent_default()
