"""The phone page in a real browser (Debian's chromium, as an iPhone 13): a whole session by tap.

The app runs in this test's event loop with a fake clock; the browser talks to its server
over loopback, as a phone on the mat would over Wi-Fi.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.app.flow_helpers import run_to_the_end, tick
from tests.conftest import FakeClock
from tests.remote.phone import phone_app, until
from tui.core.hurt_memory import HurtMemory
from tui.core.record import Outcome, SessionRecord
from tui.screens.hurt import HurtScreen
from tui.screens.session import SessionScreen

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/apt-packages) for the page"
)
playwright = pytest.importorskip("playwright.async_api", reason="needs playwright (test extra)")
expect = playwright.expect
# Quiet, and nothing fetched from elsewhere: the browser is Debian's, never downloaded.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _button(page: Any, name: str) -> Any:
    """The page's button named exactly `name`."""
    return page.get_by_role("button", name=name, exact=True)


@pytest.fixture
async def phone_page() -> AsyncIterator[Any]:
    """A fresh browser tab with an iPhone 13's screen and touch."""
    async with playwright.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = await browser.new_context(**driver.devices["iPhone 13"])
        page = await context.new_page()
        page.set_default_timeout(15_000)
        yield page
        await browser.close()


async def test_a_whole_session_from_the_phone(clock: FakeClock, phone_page: Any) -> None:
    page = phone_page
    saved: list[SessionRecord] = []
    app = phone_app(clock, saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        assert app.remote_door is not None
        await page.goto(app.remote_door.link)
        assert "/k/" not in page.url  # the token left the address bar

        button = functools.partial(_button, page)

        await button("Start").tap()
        await button("3").tap()  # the pain check-in before
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        await until(pilot, lambda: screen.frames > 0)  # started

        await button("Pause").tap()
        await expect(button("Resume")).to_be_visible()
        assert engine.paused
        await pilot.press("space")  # resumed at the terminal
        await expect(button("Pause")).to_be_visible()
        assert not engine.paused

        await button("Next").tap()
        await expect(page.locator("#step")).to_have_text("Pose 2 of 5")
        await button("Back").tap()
        await expect(page.locator("#step")).to_have_text("Pose 1 of 5")

        await tick(pilot, clock, screen, app.timing.get_ready + 12)  # 12 s into the hold
        await button("It hurts").tap()
        await until(pilot, lambda: isinstance(app.screen, HurtScreen))
        await expect(button("Skip pose")).to_be_visible()
        await expect(button("Gentler pose")).to_be_hidden()  # Child's Pose has none
        await button("Skip pose").tap()
        await expect(page.locator("#step")).to_have_text("Pose 2 of 5")
        assert app.screen is screen and engine.state().step_index == 1

        await run_to_the_end(pilot, clock, screen)
        await expect(button("7")).to_be_visible()  # the check-in after
        await button("7").tap()
        await expect(page.locator("#summary")).to_be_visible()

    record = saved[-1]
    assert (record.pain_before, record.pain_after) == (3, 7)
    first = record.poses[0]
    assert first.pose_id == "childs-pose"
    assert first.outcome is Outcome.HURT and first.note == "hurt after 12 s"
    assert "Child's Pose hurt" in record.note


async def test_the_page_is_small_and_all_its_own(clock: FakeClock, phone_page: Any) -> None:
    page = phone_page
    app = phone_app(clock, [])
    elsewhere: list[str] = []
    sizes: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        assert app.remote_door is not None
        origin = app.remote_door.origin

        async def count(response: Any) -> None:
            if not response.url.startswith(origin):
                elsewhere.append(response.url)
            elif "/events" not in response.url:
                sizes.append(len(await response.body()))

        page.on("response", count)
        await page.goto(app.remote_door.link)
        await expect(page.get_by_role("button", name="Start")).to_be_visible()
        await page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert sum(sizes) <= 100_000


# The phone's voice and tones, recorded instead of played (a headless browser has no speaker).
RECORD_SOUND = """
window.__spoken = [];
window.__tones = 0;
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
Object.defineProperty(window, "speechSynthesis", {
  value: { speak: (u) => window.__spoken.push(u.text), cancel: () => {} },
});
window.AudioContext = class {
  constructor() { this.state = "running"; this.currentTime = 0; this.destination = {}; }
  resume() {}
  createOscillator() {
    return { frequency: {}, connect: (next) => next, start: () => { window.__tones += 1; },
             stop() {} };
  }
  createGain() {
    return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
             connect: (next) => next };
  }
};
"""


async def test_the_phone_speaks_what_the_terminal_speaks(clock: FakeClock, phone_page: Any) -> None:
    page = phone_page
    await page.add_init_script(RECORD_SOUND)
    app = phone_app(clock, [])
    played: list[str] = []
    play = app.play_cues

    def hear(cues: list[Any]) -> None:
        played.extend(cue.phrase for cue in cues if cue.phrase)
        play(cues)

    app.play_cues = hear  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        assert app.remote_door is not None
        await page.goto(app.remote_door.link)
        await page.get_by_role("switch", name="Voice on this phone").tap()
        await page.get_by_role("switch", name="Tones").tap()
        await page.get_by_role("button", name="Start").tap()
        await page.get_by_role("button", name="Skip", exact=True).tap()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        hold = screen.engine.steps[0].amount
        await until(pilot, lambda: screen.frames > 0)  # started
        await tick(pilot, clock, screen, app.timing.get_ready + 0.1)  # the hold starts: 1 bell
        await tick(pilot, clock, screen, hold - 3.5)
        await tick(pilot, clock, screen, 1.0)  # "hold ends in three"
        for _ in range(200):  # the page's CSP forbids wait_for_function's eval
            spoken = await page.evaluate("window.__spoken")
            if "Hold ends in three" in spoken:
                break
            await pilot.pause()
        tones = await page.evaluate("window.__tones")
    assert played and "Hold ends in three" in played
    assert spoken == ["Voice on", *played]
    assert tones >= 1


async def test_a_page_cut_off_comes_back_by_itself(clock: FakeClock, phone_page: Any) -> None:
    page = phone_page
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        remote = app.remote
        assert remote is not None and app.remote_door is not None
        await page.goto(app.remote_door.link)
        await page.get_by_role("button", name="Start").tap()
        await page.get_by_role("button", name="Skip", exact=True).tap()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await expect(page.get_by_role("button", name="Pause")).to_be_visible()
        remote.server.end_streams()  # the Wi-Fi drops
        await until(pilot, lambda: remote.pages == 0)
        await pilot.press("space")  # paused at the terminal meanwhile
        # The page finds its way back and shows the session as it is now.
        await expect(page.get_by_role("button", name="Resume")).to_be_visible()
        await expect(page.locator("#link")).to_have_text("Connected")
        screen = app.screen
        assert isinstance(screen, SessionScreen) and not screen.engine.finished


async def test_the_phone_says_what_hurt_last_time_and_takes_the_gentler_pose_in_one_tap(
    clock: FakeClock, phone_page: Any
) -> None:
    page = phone_page
    app = phone_app(clock, [])
    app.settings = app.settings.with_changes(pain_checkins=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        assert app.remote_door is not None
        await page.goto(app.remote_door.link)
        app.start_session()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await until(pilot, lambda: screen.frames > 0)  # started
        memory = HurtMemory("pigeon", "right", date.today(), True, "hurt after 20 s")
        screen.session.remembered = {("pigeon", "right"): memory}
        while screen.engine.state().pose.id != "pigeon":  # type: ignore[union-attr]
            screen.engine.skip_pose()
        await tick(pilot, clock, screen, app.timing.get_ready + 60 + 0.1)  # to the right side
        line = page.locator("#remembered-line")
        await expect(line).to_have_text("Last time: right side hurt after 20 s")
        take = page.get_by_role("button", name="Do Figure-Four Stretch instead")
        await take.tap()
        await until(pilot, lambda: screen.engine.state().pose.id == "figure-four")  # type: ignore[union-attr]
        assert screen.engine.state().side == "right"  # this side only
        await expect(page.locator("#remembered")).to_be_hidden()  # nothing more to offer


async def test_the_page_asks_where_it_hurts_after_the_number(
    clock: FakeClock, phone_page: Any
) -> None:
    page = phone_page
    saved: list[SessionRecord] = []
    app = phone_app(clock, saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.remote is not None)
        assert app.remote_door is not None
        await page.goto(app.remote_door.link)

        button = functools.partial(_button, page)

        await button("Start").tap()
        await button("Also say where it hurts").tap()
        await expect(page.locator("#pain-where")).to_have_attribute("aria-pressed", "true")
        await button("6").tap()
        await expect(button("left hip")).to_be_visible()
        await button("left hip").tap()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("q", "y")
        await until(pilot, lambda: bool(saved) and saved[-1].pain_where is not None)
    assert (saved[-1].pain_before, saved[-1].pain_where) == (6, "left hip")
