"""The strictest baseline: a bare Textual app that shows one Static and nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class OneStatic(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("A bare Textual app showing one Static.")


if __name__ == "__main__":
    OneStatic().run()
