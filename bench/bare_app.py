"""The baseline: a bare Textual app with a header, a line of text and a footer."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("A bare Textual app.")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
