// Supple's phone page: shows the session running in the terminal and sends taps to it.
// Everything comes from the Supple that served this page; text goes in as text, never HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const PAGES = ["starting", "main", "session", "summary"];
let state = null;
let endsAt = null; // performance.now() when the shown segment ends (null: not counting)
let clockTimer = null;
let stream = null;
let retries = 0;
let retryTimer = null;
let refused = false;

// The link's token leaves the address bar at once; the cookie the server set stands in.
if (location.pathname.startsWith("/k/")) history.replaceState(null, "", "/");

// --- the state stream -------------------------------------------------------

function connect() {
  clearTimeout(retryTimer);
  if (refused || (stream && stream.readyState !== EventSource.CLOSED)) return;
  stream = new EventSource("/events");
  stream.addEventListener("open", () => {
    retries = 0;
    showLink("live");
  });
  stream.addEventListener("state", (event) => show(JSON.parse(event.data)));
  stream.addEventListener("cue", (event) => cue(JSON.parse(event.data)));
  stream.addEventListener("error", () => {
    stream.close();
    showLink("lost");
    checkDoor().then((open) => {
      if (!open) return;
      // Back off, so a phone far from the router does not keep the radio busy.
      const delay = Math.min(15000, 500 * 2 ** retries) * (0.75 + Math.random() / 2);
      retries += 1;
      retryTimer = setTimeout(connect, delay);
    });
  });
}

// Whether the door still lets this page in (a new start of Supple makes a new link).
async function checkDoor() {
  try {
    const answer = await fetch("/", { method: "HEAD", cache: "no-store" });
    if (answer.status === 401 || answer.status === 403) {
      refused = true;
      showLink("refused");
      return false;
    }
  } catch (error) {
    // Unreachable for now (Wi-Fi, locked phone): keep trying.
  }
  return true;
}

function showLink(how) {
  const words = {
    live: "Connected",
    lost: "Reconnecting…",
    refused: "This link no longer opens Supple: scan the code in the terminal again.",
  };
  $("link").textContent = words[how];
  document.body.dataset.link = how;
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") {
    retries = 0;
    connect();
    keepAwake();
  }
});
window.addEventListener("online", () => {
  retries = 0;
  connect();
});

// --- showing the state --------------------------------------------------------

function show(next) {
  state = next;
  for (const name of PAGES) $(name).hidden = state.screen !== name;
  if (state.screen === "main") showRoutine(state.main);
  if (state.screen === "session") showSession(state.session);
  if (state.screen === "summary") showSummary(state.summary);
  showAsk(state.ask);
}

function showRoutine(routine) {
  $("routine-name").textContent = routine.name;
  $("poses").replaceChildren(
    ...routine.poses.map((pose) => {
      const item = document.createElement("li");
      const amount = document.createElement("span");
      amount.className = "quiet";
      amount.textContent = pose.amount;
      item.append(pose.name, " ", amount);
      return item;
    }),
  );
  $("total").textContent = `${routine.poses.length} poses · ${routine.total}`;
}

function showSession(session) {
  if (!session) {
    endsAt = null;
    return;
  }
  $("step").textContent = `Pose ${session.step} of ${session.steps}`;
  $("pose-name").textContent = session.pose;
  // The headline says the phase; where it would only repeat the name (a hold), or PAUSED
  // already shows, it stays out of the way.
  const headline = session.paused || session.headline === session.pose ? "" : session.headline;
  $("headline").textContent = headline;
  $("headline").hidden = !headline;
  $("paused").hidden = !session.paused;
  $("word").textContent = session.word;
  $("word").dataset.side = session.side || "";
  $("cue").textContent = session.cue;
  // A side that hurt lately: said here as in the terminal, with its gentler pose one tap away.
  const remembered = session.remembered;
  $("remembered").hidden = !remembered;
  $("remembered-line").textContent = remembered ? remembered.line : "";
  $("take-gentler").hidden = !(remembered && remembered.gentler);
  $("take-gentler-name").textContent = remembered && remembered.gentler ? remembered.gentler : "";
  $("next").textContent = session.next;
  $("pause").hidden = session.paused;
  $("resume").hidden = !session.paused;
  const breath = session.breath;
  $("add").textContent = breath ? "+1 breath" : "+10 s";
  $("breaths").textContent = breath ? `breath ${breath.cycle} of ${breath.cycles}` : "";
  showFigure(session);
  if (session.paused) {
    speechSynthesis.cancel(); // the terminal's voice stops at a pause too
    endsAt = null;
    showClock(session.remaining);
  } else {
    endsAt = performance.now() + (session.remaining * 1000) / state.speed;
    tick();
  }
}

function showFigure(session) {
  const figure = session.figure;
  $("figure").hidden = !figure;
  const shapes = { still: "fig-still", inhale: "fig-inhale", exhale: "fig-exhale" };
  for (const [shape, id] of Object.entries(shapes)) {
    const img = $(id);
    const src = figure && figure[shape];
    if (src && img.getAttribute("src") !== src) img.src = src; // both breaths load at once
    img.alt = session.pose;
    // Cat-Cow: the shape follows the breath; the page switches with the phase it was sent.
    const wanted = shape === "still" || shape === session.phase;
    img.hidden = !src || !wanted;
  }
}

// The countdown runs here, from the end time: nothing comes over the network per second.
function tick() {
  clearTimeout(clockTimer);
  if (endsAt === null) return;
  const left = Math.max(0, ((endsAt - performance.now()) / 1000) * state.speed);
  showClock(left);
  if (left <= 0) return;
  const untilChange = left - Math.ceil(left - 1e-6) + 1;
  clockTimer = setTimeout(tick, Math.max(20, (untilChange * 1000) / state.speed + 5));
}

function showClock(left) {
  const session = state && state.session;
  if (session && session.breath) {
    $("clock").textContent = String(session.breath.cycle);
    return;
  }
  const seconds = Math.max(0, Math.ceil(left - 1e-6));
  const text =
    seconds < 60 ? String(seconds) : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  $("clock").textContent = text;
}

function showSummary(summary) {
  $("summary-headline").textContent = summary.headline;
  $("summary-unsaved").textContent = summary.unsaved || "";
  $("summary-unsaved").hidden = !summary.unsaved;
  $("summary-demo").hidden = !summary.demo;
  $("summary-facts").replaceChildren(
    ...summary.facts.map(([label, value]) => {
      const row = document.createElement("div");
      const name = document.createElement("dt");
      const text = document.createElement("dd");
      name.textContent = label;
      text.textContent = value;
      row.append(name, text);
      return row;
    }),
  );
}

function showAsk(ask) {
  $("ask").hidden = !ask;
  if (!ask) return;
  $("ask-hurt").hidden = ask.kind !== "hurt";
  $("ask-pain").hidden = ask.kind !== "pain";
  $("ask-where").hidden = ask.kind !== "where";
  $("ask-terminal").hidden = ask.kind !== "terminal";
  if (ask.kind === "hurt") {
    $("ask-title").textContent = ask.title;
    // Only a gentler pose is ever offered; the terminal decides whether there is one.
    $("gentler").hidden = !ask.gentler;
    $("gentler-name").textContent = ask.gentler || "";
  } else if (ask.kind === "pain") {
    $("ask-title").textContent = ask.question;
    // Asked for: after the number, the page asks where.
    $("pain-where").setAttribute("aria-pressed", String(Boolean(ask.where_asked)));
    $("pain-where").textContent = ask.where_asked
      ? "Where it hurts: asked after the number"
      : "Also say where it hurts";
  } else if (ask.kind === "where") {
    $("ask-title").textContent = ask.question;
    showPlaces(ask.places);
  } else {
    $("ask-title").textContent = `The terminal shows: ${ask.title}`;
  }
}

function showPlaces(places) {
  // One button per place, numbered as the terminal's keys are (1 = the first place).
  $("places").replaceChildren(
    ...places.map((place, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "big";
      button.textContent = place;
      button.dataset.do = "where";
      button.dataset.value = String(index + 1);
      return button;
    }),
  );
}

function buildScale() {
  const scale = $("scale");
  for (let n = 0; n <= 10; n += 1) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = String(n);
    button.dataset.do = "pain";
    button.dataset.value = String(n);
    scale.append(button);
  }
}

// --- taps -------------------------------------------------------------------

async function tap(what, value) {
  const body = JSON.stringify(value === undefined ? { do: what } : { do: what, value });
  try {
    const answer = await fetch("/act", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      cache: "no-store",
    });
    if (answer.status === 401 || answer.status === 403) {
      refused = true;
      showLink("refused");
    }
  } catch (error) {
    showLink("lost");
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-do]");
  if (!button) return;
  unlockSound();
  const value = button.dataset.value;
  tap(button.dataset.do, value === undefined ? undefined : Number(value));
});

// --- voice and tones ----------------------------------------------------------

let audio = null;
let voiceUnlocked = false;

function unlockSound() {
  // Phones let a page speak or sound only after a tap; the first tap opens both (the voice
  // switch may have been left on from an earlier visit, with no tap yet on this page).
  if ($("tones").checked && !audio && window.AudioContext) audio = new AudioContext();
  if (audio && audio.state === "suspended") audio.resume();
  if ($("voice").checked && !voiceUnlocked && window.speechSynthesis) {
    voiceUnlocked = true;
    speechSynthesis.speak(new SpeechSynthesisUtterance(""));
  }
}

function cue(message) {
  if (message.phrase && $("voice").checked && window.speechSynthesis) {
    speechSynthesis.cancel(); // a newer phrase cuts off an unfinished one, as in the terminal
    speechSynthesis.speak(new SpeechSynthesisUtterance(message.phrase));
  }
  if (message.bells && $("tones").checked) tones(message.pattern || [...Array(message.bells).keys()]);
}

// `pattern`: when each tone sounds, in steps of `gap` (the terminal's bell pattern).
function tones(pattern) {
  unlockSound();
  if (!audio) return;
  const gap = 0.35 / (state ? state.speed : 1);
  for (const step of pattern) {
    const start = audio.currentTime + step * gap;
    const tone = audio.createOscillator();
    const level = audio.createGain();
    tone.frequency.value = 880;
    level.gain.setValueAtTime(0.25, start);
    level.gain.exponentialRampToValueAtTime(0.001, start + 0.25);
    tone.connect(level).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.3);
  }
}

function remember(id) {
  const box = $(id);
  box.checked = localStorage.getItem(`supple-${id}`) === "on";
  box.addEventListener("change", () => {
    localStorage.setItem(`supple-${id}`, box.checked ? "on" : "off");
    if (id === "voice" && box.checked && window.speechSynthesis) {
      voiceUnlocked = true;
      speechSynthesis.speak(new SpeechSynthesisUtterance("Voice on")); // unlocks it, too
    }
    unlockSound();
  });
}

// --- keeping the screen on ----------------------------------------------------

let wakeLock = null;

async function keepAwake() {
  if (!("wakeLock" in navigator)) {
    $("awake").textContent =
      "To keep this screen on, turn off auto-lock in the phone's settings while you practise " +
      "(browsers keep it on only for pages served over HTTPS).";
    return;
  }
  try {
    if (!wakeLock || wakeLock.released) wakeLock = await navigator.wakeLock.request("screen");
    $("awake").textContent = "";
  } catch (error) {
    $("awake").textContent = "Could not keep the screen on: turn off auto-lock while you practise.";
  }
}

buildScale();
remember("voice");
remember("tones");
keepAwake();
connect();
