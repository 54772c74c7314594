"""Textual's command palette, made safe against a page key typed before its list is laid out."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette


class SafeCommandPalette(CommandPalette):
    """The command palette; PageUp/PageDown wait until the list has a size.

    Textual 8's OptionList._move_page looks up line positions that are only computed
    once the list has a size, so a page key typed as the palette opens raises KeyError
    (found by the key-storm test). Until the list is laid out there is nothing to page.
    """

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)
