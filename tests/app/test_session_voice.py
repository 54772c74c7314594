"""Spoken guidance in the app: what is said when, v, pause, SSH, and no engine, on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.flow_helpers import open_session, tick
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.screens.help import HelpScreen
from tui.screens.settings import FIELDS, SettingsScreen
from tui.sound import speech
from tui.sound.speech import SpeechChoice, SpeechEngine
from tui.store.settings import SettingsStore
from tui.widgets.countdown import Countdown

SIZE = (100, 30)
FOUND = SpeechEngine("espeak-ng", ("espeak-ng",))


class FakeVoice:
    """Records what would be said, instead of running a command."""

    made: list[FakeVoice] = []

    def __init__(self, engine: SpeechEngine, report: Callable[[str], None]) -> None:
        self.said: list[str] = []
        self.stops = 0
        FakeVoice.made.append(self)

    def say(self, phrase: str) -> None:
        self.said.append(phrase)

    def stop(self) -> None:
        self.stops += 1

    def close(self) -> None:
        pass


@pytest.fixture
def voice(monkeypatch: pytest.MonkeyPatch) -> Callable[[], FakeVoice]:
    FakeVoice.made = []
    monkeypatch.setattr(speech, "Speaker", FakeVoice)
    return lambda: FakeVoice.made[-1]


def make_app(
    clock: FakeClock, tmp_path: Path, *, engine: SpeechEngine | None = FOUND, ssh: bool = False
) -> SuppleApp:
    source = "espeak-ng, found on this system" if engine else "no speech engine found (...)"
    app = SuppleApp(
        fixture_routine(),
        clock=clock,
        settings=SettingsStore(tmp_path),
        speech=SpeechChoice(engine, source, over_ssh=ssh),
    )
    app.settings = app.settings.with_changes(pain_checkins=False)
    return app


async def test_the_pose_is_spoken_at_get_ready_and_the_end_of_the_hold_announced(
    clock: FakeClock, tmp_path: Path, voice: Callable[[], FakeVoice]
) -> None:
    app = make_app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert voice().said == [
            "Child's Pose. Sink your hips back toward your heels and breathe deeply."
        ]
        await tick(pilot, clock, screen, 10.1 + 41)  # 4 s of the hold left
        await tick(pilot, clock, screen, 1.0)  # 3 s left
        assert voice().said[-1] == "Hold ends in three"
        await tick(pilot, clock, screen, 3.0)  # Cat-Cow's get-ready
        await tick(pilot, clock, screen, 10.0)
        assert voice().said[-2:] == [
            "Cat-Cow. Inhale into Cow, exhale into Cat — move with your breath.",
            "Inhale, Cow",
        ]


async def test_pause_stops_speech_and_v_turns_the_voice_off_and_remembers(
    clock: FakeClock, tmp_path: Path, voice: Callable[[], FakeVoice]
) -> None:
    app = make_app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("space")
        assert voice().stops == 1
        await pilot.press("space", "v")
        assert app.voice_on is False and voice().stops == 2
        await pilot.press("n")  # Cat-Cow's get-ready: said only with the voice on
        assert not voice().said[-1].startswith("Cat-Cow")
        await pilot.press("v", "n")
        assert (
            voice()
            .said[-1]
            .startswith(
                "Thread the Needle, left side: left arm threads under the right. Thread one arm"
            )
        )
        await pilot.press("v")
        assert screen.engine.state().pose is not None
    assert SettingsStore(tmp_path).settings.voice == "off"


async def test_over_ssh_the_voice_waits_to_be_asked(
    clock: FakeClock, tmp_path: Path, voice: Callable[[], FakeVoice]
) -> None:
    app = make_app(clock, tmp_path, ssh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        why = str(app.screen.query_one("#settings-voice").render())
        assert "off over SSH" in why and "server's room" in why
        await pilot.press("escape")
        await open_session(app, pilot)
        assert FakeVoice.made == [] or voice().said == []
        await pilot.press("v", "n")
        assert voice().said[-1].startswith("Cat-Cow")
    assert SettingsStore(tmp_path).settings.voice == "on"


async def test_without_an_engine_settings_and_v_say_why(
    clock: FakeClock, tmp_path: Path, voice: Callable[[], FakeVoice]
) -> None:
    app = make_app(clock, tmp_path, engine=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        why = str(app.screen.query_one("#settings-voice").render())
        assert "no speech engine found" in why and "speech_command" in why
        await pilot.press("escape")
        await open_session(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        # During a session messages go to the countdown's notice line, not a toast.
        assert "No voice" in app.screen.query_one(Countdown).line("notice")
        assert FakeVoice.made == []


async def test_the_keys_help_explains_the_bell_patterns(clock: FakeClock, tmp_path: Path) -> None:
    app = make_app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        notes = str(app.screen.query_one("#help-notes").render())
        assert "1 ring as a hold begins, 2 halfway and 3 at 10 s left" in " ".join(notes.split())
        assert "2 + 2 with a pause to switch sides, a run of 5 when the pose is done" in " ".join(
            notes.split()
        )


@pytest.mark.parametrize("time_cues", [True, False])
async def test_a_long_hold_says_halfway_and_10_seconds_left_unless_turned_off(
    clock: FakeClock, tmp_path: Path, voice: Callable[[], FakeVoice], time_cues: bool
) -> None:
    app = make_app(clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        if not time_cues:  # turned off the way a person does: o, the row, space
            await pilot.press("o")
            assert isinstance(app.screen, SettingsScreen)
            keys = [field.key for field in FIELDS]
            await pilot.press(*["down"] * keys.index("time_cues"), "space", "escape")
            assert app.settings.time_cues is False
            assert "time_cues = false" in (tmp_path / "settings.toml").read_text("utf-8")
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10.1)  # Child's Pose's 45 s hold begins
        for _ in range(45):
            await tick(pilot, clock, screen, 1.0)
        said = voice().said[1:]
        if time_cues:
            assert said[:4] == ["Begin", "Halfway", "10 seconds left", "Hold ends in three"]
        else:
            assert said[:2] == ["Begin", "Hold ends in three"]
        assert ("Halfway" in voice().said) is time_cues
