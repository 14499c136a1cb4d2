"""A plan link in a real browser: planned and saved in one browser context, opened in a second, separate one
(no shared cookies or storage, as on another device). Debian's chromium via Playwright, as in test_browser.py."""

from __future__ import annotations

import pytest

from planner.store import DB_URL_ENV
from tests.sessions import app_server
from tests.test_browser import ROOT, browser, free_port, idle, plan_pregnant_week, shot  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def link_server(tmp_path_factory):
    """The page on a free port, keeping plans in a database of its own."""
    db = tmp_path_factory.mktemp("links") / "plans.sqlite"
    with app_server(env={DB_URL_ENV: f"sqlite:///{db}"}) as (url, _):
        yield url, db


def new_page(browser, url):  # noqa: F811 (fixture)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    idle(page)
    return page


def day_one(page) -> list[str]:
    page.get_by_role("tab", name="Your week").click()
    page.get_by_role("tab", name="Day 1", exact=True).click()
    idle(page)
    return page.locator("[data-testid='stTable']").filter(visible=True).all_inner_texts()


def test_a_plan_link_opens_in_another_browser(browser, link_server):  # noqa: F811 (fixture)
    url, db = link_server
    first = new_page(browser, url)
    plan_pregnant_week(first)
    menu = day_one(first)
    assert len(menu) >= 3 and all(menu)
    first.get_by_role("tab", name="Save or open a plan").click()
    first.get_by_role("button", name="Save and get a private link").click()
    idle(first)
    link = first.locator("[data-testid='stCode'] code").inner_text().strip()
    assert link.startswith(f"{url}/?plan=") and len(link.split("=", 1)[1]) >= 22
    assert first.get_by_text("Anyone with this link can open this plan").is_visible()
    shot(first, "links-01-saved")

    second = new_page(browser, link)
    assert second.context is not first.context  # its own cookies and storage: nothing carried over
    second.get_by_text("Plan opened from your link").wait_for()
    idle(second)
    assert day_one(second) == menu
    sidebar = second.get_by_test_id("stSidebar")
    assert sidebar.get_by_label("Pregnancy or breastfeeding").input_value() == "Pregnant"
    trimester = sidebar.locator("[data-testid='stRadio']").filter(has_text="Trimester")
    assert trimester.get_by_role("radio", name="2").is_checked()
    assert not second.get_by_text("have changed since this plan").count()
    second.get_by_role("tab", name="Shopping list").click()
    idle(second)
    assert second.get_by_role("button", name="Shopping list (CSV, for a spreadsheet)").is_visible()
    shot(second, "links-02-opened")

    third = new_page(browser, f"{url}/?plan={'Z' * 32}")
    assert third.get_by_text("unknown or has expired").is_visible()
    assert db.exists()
