"""Issue 13 in a real browser, where the browser's own state matters: the chosen day tab and the swap box's
placeholder survive Swap and Regenerate (defect 5), and a brand-new week shows no Keep tick (defect 4: the
browser keeps a checkbox's tick that the server merely forgot, and sends it back with the next click)."""

from __future__ import annotations

import pytest

from tests.test_browser import browser, idle, open_page, plan_pregnant_week, server, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def until_planned(page):
    """A swap or a re-plan reruns the page once more after planning: wait for the rerun to end."""
    page.get_by_text("Planned in").wait_for(state="detached")
    idle(page)


def selected_day(page) -> str:
    return page.locator("[role='tab'][aria-selected='true']").filter(has_text="Day ").inner_text()


def shown(box) -> str:
    """What a select box shows: its chosen option, else its placeholder."""
    field = box.locator("input")
    return field.input_value() or field.get_attribute("placeholder")


def keep_box(page):
    return page.locator("[data-testid='stCheckbox']").filter(has=page.get_by_text("Keep", exact=True)).first


def test_the_chosen_day_and_the_swap_box_survive_swap_and_regenerate(browser, server):  # noqa: F811
    page = open_page(browser, server)
    plan_pregnant_week(page)
    page.get_by_role("tab", name="Day 3").click()
    idle(page)
    assert selected_day(page) == "Day 3"
    swap_box = page.locator("[data-testid='stSelectbox']").filter(has_text="Swap out a dish or a food")
    assert shown(swap_box) == "Choose one…"
    swap_box.locator("input").fill("Food: ")  # the box filters as one types; the foods follow the dishes
    page.get_by_role("option").filter(has_text="Food: ").first.click()
    idle(page)
    page.get_by_role("button", name="Swap it", exact=True).click()
    until_planned(page)
    shot(page, "flows-01-after-swap")
    assert shown(swap_box) == "Choose one…"
    assert selected_day(page) == "Day 3"
    page.get_by_role("button", name="Regenerate the week").click()
    until_planned(page)
    assert selected_day(page) == "Day 3"


def test_a_brand_new_week_shows_no_keep_tick(browser, server):  # noqa: F811
    page = open_page(browser, server)
    plan_pregnant_week(page)
    keep_box(page).locator("label").click()
    idle(page)
    assert keep_box(page).locator("input").is_checked()
    page.get_by_role("button", name="Plan my week").click()
    page.get_by_text("Planned in").wait_for()
    idle(page)
    assert not keep_box(page).locator("input").is_checked()
    page.get_by_role("button", name="Regenerate the week").click()  # the next click sends no stale tick back
    until_planned(page)
    assert not keep_box(page).locator("input").is_checked()
