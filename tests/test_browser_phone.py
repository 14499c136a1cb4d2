"""The page on a phone (390 px wide) and the sidebar's boxes, in Debian's chromium (issue 13, defect 8)."""

from __future__ import annotations

import pytest

from tests.test_browser import browser, idle, open_page, server, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def plan_default_week(page):
    page.get_by_role("button", name="Plan my week").click()
    page.get_by_text("Planned in").wait_for()
    idle(page)


def right_edge(locator) -> float:
    box = locator.bounding_box()
    return box["x"] + box["width"]


def test_on_a_phone_every_tab_is_in_view_and_the_list_fits_the_screen(browser, server):  # noqa: F811
    page = open_page(browser, server, **PHONE)
    plan_default_week(page)
    save = page.get_by_role("tab", name="Save or open a plan")
    assert save.is_visible() and right_edge(save) <= PHONE["width"], save.bounding_box()
    for name in ("Your week", "Your targets", "Shopping list", "Safety and what to avoid"):
        assert right_edge(page.get_by_role("tab", name=name)) <= PHONE["width"], name
    shot(page, "phone-01-week")

    page.get_by_role("tab", name="Shopping list").click()
    idle(page)
    boxes = page.locator("[data-testid='stCheckbox']").filter(has_text="the menu uses")
    assert boxes.count() >= 10
    for k in range(boxes.count()):
        assert right_edge(boxes.nth(k)) <= PHONE["width"], boxes.nth(k).inner_text()
    # nothing on the page is wider than the screen: no column hides off to the right
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-02-shopping-list")

    save.click()
    idle(page)
    assert page.get_by_role("button", name="Save and get a private link").is_visible()
    shot(page, "phone-03-save")


def test_the_activity_box_shows_its_whole_choice(browser, server):  # noqa: F811
    page = open_page(browser, server)
    box = page.get_by_role("combobox", name="Activity")
    for k in range(4):
        box.click()
        option = page.get_by_role("option").nth(k)
        name = option.inner_text()
        option.click()
        idle(page)
        assert box.input_value() == name
        # the chosen text fits its box: nothing cut off at the right
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), name
    shot(page, "activity-box")
