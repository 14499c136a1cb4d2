"""What a person sees: Debian's chromium, driven by Playwright, against `streamlit run` on a free port.

Screenshots go to test-artifacts/ (look at them after a change to the page)."""

from __future__ import annotations

import csv
import io
import shutil
import socket
import time
from pathlib import Path

import pytest

from planner.dishes import load_dishes
from planner.foods import load_foods
from tests.sessions import app_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    with app_server() as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run ./scripts/test.sh, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, server, **viewport):
    context = browser.new_context(accept_downloads=True, viewport=viewport or {"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server)
    idle(page)
    return page


def idle(page):
    """The script has finished and the browser has drawn what it sent (a heavy page shows skeletons a moment
    after the script stops)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")
    time.sleep(0.3)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")
    page.wait_for_function("document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0")


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def choose(page, label, option):
    page.get_by_label(label).click()
    page.get_by_role("option", name=option, exact=True).click()
    idle(page)


def plan_pregnant_week(page):
    choose(page, "Pregnancy or breastfeeding", "Pregnant")
    page.locator("[data-testid='stRadio']").filter(has_text="Trimester").get_by_text("2", exact=True).click()
    idle(page)
    page.get_by_role("button", name="Plan my week").click()
    page.get_by_text("Planned in").wait_for()
    idle(page)


def test_pregnant_week_and_shopping_list(browser, server, tmp_path):
    page = open_page(browser, server)
    shot(page, "01-first-paint")
    plan_pregnant_week(page)
    tabs = page.get_by_role("tab").all_inner_texts()
    assert [f"Day {d}" for d in range(1, 8)] == [t for t in tabs if t.startswith("Day ")]
    # every target met, or the shortfall said (the page's 2 s search on a busy machine): never neither
    assert page.get_by_text("average meets every target").is_visible() != \
        page.get_by_text("Where this plan falls short").is_visible()
    assert page.get_by_text("Breakfast").first.is_visible()
    # meals are named dishes with a method, not lists of ingredients
    names = {d.name for d in load_dishes(load_foods()).values()}
    text = page.inner_text("body")
    assert sum(name in text for name in names) >= 4
    assert page.get_by_text("How to make it:").count() >= 3
    shot(page, "02-pregnant-week")

    page.get_by_role("tab", name="Shopping list").click()
    idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Shopping list (CSV, for a spreadsheet)").click()
    path = tmp_path / "list.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert set(rows[0]) >= {"aisle", "item", "buy", "buy_grams", "needed_grams", "leftover_grams"}
    assert len(rows) >= 15
    assert all(float(r["buy_grams"]) >= float(r["needed_grams"]) for r in rows)
    assert rows[0]["aisle"] == "Fruit and vegetables"
    shot(page, "03-shopping-list")

    with page.expect_download() as info:
        page.get_by_role("button", name="Menu and list (PDF, to print)").click()
    pdf = tmp_path / "menu.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_broken_plan_upload_shows_a_message(browser, server, tmp_path):
    page = open_page(browser, server)
    page.get_by_role("tab", name="Save or open a plan").click()
    bad = tmp_path / "broken-plan.json"
    bad.write_text('{"schema": 1, "days": [')
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(bad))
    page.get_by_text("could not be opened as a plan").wait_for()
    idle(page)
    assert page.get_by_text("Your current plan is unchanged").is_visible()
    shot(page, "04-broken-upload")


def test_phone_width(browser, server):
    page = open_page(browser, server, width=390, height=844)
    button = page.get_by_role("button", name="Plan my week")
    button.wait_for()
    shot(page, "05-phone")
    assert button.is_visible()
    assert page.get_by_text("open it with").is_visible()
