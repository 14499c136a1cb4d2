"""One `streamlit run` server and many browser sessions planning at once (for test_sessions and the benchmark)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ENERGY = re.compile(r"Energy (\d+) kcal")
STALE = "Your details or targets have changed"
# In the page, so that the harness's own polling costs neither time nor CPU: when "Plan my week" was
# clicked, when the Day 1 tab first became visible (checked after each change of the page), and every
# queue message it showed ("Waiting for a free planner: 3 plans ahead of yours"), looked for 50 ms after
# each burst of changes, in text (not layout).
WATCH_PAGE = """
window.__queue = []; window.__clicked = null; window.__day1 = null;
document.addEventListener("click", (e) => {
  const button = e.target.closest && e.target.closest("button");
  if (button && button.textContent.includes("Plan my week") && window.__clicked === null) {
    window.__clicked = performance.now();
  }
}, true);
let pending = false;
function look() {
  pending = false;
  const m = (document.body ? document.body.textContent : "").match(/Waiting for a free planner: [^…]*/);
  if (m && window.__queue[window.__queue.length - 1] !== m[0]) window.__queue.push(m[0]);
}
function day1() {
  if (window.__clicked === null || window.__day1 !== null) return;
  for (const tab of document.querySelectorAll("[role='tab']")) {
    if (tab.textContent.trim() === "Day 1" && tab.checkVisibility()) { window.__day1 = performance.now(); return; }
  }
}
new MutationObserver(() => {
  day1();
  if (!pending) { pending = true; setTimeout(look, 50); }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
POLL_MS = 250  # how often the harness asks a page, instead of at every frame


@dataclass(frozen=True)
class Person:
    """What a session enters in the sidebar."""

    sex: str = "female"
    age: int = 30
    trimester: int | None = None  # pregnant in this trimester
    breastfeeding: bool = False

    def profile(self):
        from planner.targets import Profile

        return Profile(self.sex, self.age, self.trimester, 3 if self.breastfeeding else None)


# Ten people whose targets differ, so a plan shown to the wrong session is seen (the page then says its
# details have changed); ordinary profiles, so every plan meets its targets.
PEOPLE = (Person("female", 20), Person("female", 28, trimester=1), Person("female", 31, trimester=2),
          Person("female", 36, trimester=3), Person("female", 27, breastfeeding=True), Person("male", 19),
          Person("male", 45), Person("female", 55), Person("male", 72), Person("female", 16))


@dataclass(frozen=True)
class Outcome:
    person: Person
    seconds: float  # from the click to the plan's Day 1 tab being visible
    day1: str  # Day 1's menu as the page shows it
    energy_kcal: int  # Day 1's energy total as the page shows it
    stale: bool  # the page says this plan does not fit the details in the sidebar
    queue: tuple[str, ...]  # the queue messages it showed while waiting, in order
    cut_short: bool  # the solver's time limit ended the search ("the best plan found in the time allowed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def app_server(timeout_s: float = 60, script=None, env=None, address: bool = True):
    """`streamlit run` of app.py (or `script`) on a free local port; yields (url, process); stopped and waited
    for on exit. `address=False` leaves the listening address to the project's config, as app.sh does."""
    port = free_port()
    where = ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script or ROOT / "app.py"), "--server.port", str(port),
         *(where if address else [])],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout_s
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError("streamlit did not start: " + _tail(proc)) from None
                time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(proc) -> str:
    proc.kill()
    return proc.stderr.read().decode(errors="replace")[-2000:]


async def _until(page, condition: str):
    await page.wait_for_function(condition, polling=POLL_MS)


async def _idle(page):
    for _ in range(2):  # a widget's change may start a new run just after the last one ended
        await _until(page, f"document.querySelector(\"{IDLE}\") !== null")
        await asyncio.sleep(0.3)


async def _open(browser, url: str, person: Person, timeout_s: float):
    """A fresh browser context on the page with `person` entered in the sidebar."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_init_script(WATCH_PAGE)
    page = await context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    await page.goto(url)
    await _idle(page)
    if person.sex != "female":
        await page.locator("[data-testid='stRadio']").filter(has_text="Sex").get_by_text(
            person.sex.capitalize(), exact=True).click()
        await _idle(page)
    await page.get_by_label("Age (years)").fill(str(person.age))
    await page.get_by_label("Age (years)").press("Enter")
    await _idle(page)
    if person.trimester or person.breastfeeding:
        await page.get_by_label("Pregnancy or breastfeeding").click()
        stage = "Pregnant" if person.trimester else "Breastfeeding"
        await page.get_by_role("option", name=stage, exact=True).click()
        await _idle(page)
    if person.trimester:
        await page.locator("[data-testid='stRadio']").filter(has_text="Trimester").get_by_text(
            str(person.trimester), exact=True).click()
        await _idle(page)
    return page


async def _plan(page, person: Person, go: asyncio.Event) -> Outcome:
    await go.wait()
    await page.get_by_role("button", name="Plan my week").click()
    await _until(page, "window.__day1 !== null")
    seconds = await page.evaluate("(window.__day1 - window.__clicked) / 1000")
    await _until(page, "document.body.textContent.includes('Planned in')")
    await _idle(page)
    panel = page.locator("[data-testid='stTabs'] [role='tabpanel']").filter(has_text="Breakfast").filter(
        visible=True).last
    await panel.locator("[data-testid='stTable']").first.wait_for()
    day1 = " | ".join(line.strip() for line in (await panel.inner_text()).splitlines() if line.strip())
    # What the harness measures must be there: a page without them is a failure, not a figure of -1 or 0 s.
    energy = ENERGY.search(day1)
    assert energy, f"{person}: Day 1 shows no energy total: {day1[:300]}"
    assert seconds > 0, f"{person}: Day 1 appeared {seconds:.2f} s after the click (before it?)"
    stale = await page.get_by_text(STALE).count() > 0
    queue = tuple(await page.evaluate("window.__queue"))
    cut_short = await page.get_by_text("the best plan found in the time allowed").count() > 0
    return Outcome(person, seconds, day1, int(energy.group(1)), stale, queue, cut_short)


async def plan_together(url: str, people, timeout_s: float = 300, at_click=None) -> list[Outcome]:
    """One browser context per person, each with its details entered; then all press "Plan my week" at once.

    `at_click()`, if given, is called just before the clicks (a benchmark starts its counters there)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            pages = await asyncio.gather(*(_open(browser, url, person, timeout_s) for person in people))
            go = asyncio.Event()
            runs = [asyncio.create_task(_plan(page, person, go)) for page, person in zip(pages, people, strict=True)]
            await asyncio.sleep(0.2)  # every task is waiting on the event
            if at_click is not None:
                at_click()
            go.set()
            return await asyncio.gather(*runs)
        finally:
            await browser.close()
