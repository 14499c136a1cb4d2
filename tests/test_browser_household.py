"""Issue 14 in Debian's chromium: a household of three is built in the sidebar and planned, and the shopping list
it downloads holds, for every food, the sum of the members' grams. The sidebar's member boxes fit a phone."""

from __future__ import annotations

import csv
import io

import pytest

from planner.foods import load_foods
from planner.household_file import read_household_plan
from planner.shopping import PANTRY_STAPLES
from tests.test_browser import browser, idle, open_page, server, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def plan_for_a_household(page):
    page.locator("[data-testid='stRadio']").filter(has_text="Plan for").get_by_text("A household").click()
    idle(page)


def newest(page):
    """The newest member's box: the sidebar's last."""
    return page.get_by_test_id("stSidebar").get_by_test_id("stExpander").last


def fill(page, label: str, value: str):
    """Type into the newest member's box (the last one) and press Enter, as a person does."""
    box = newest(page).get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    idle(page)


def add_member(page, label: str, age: int, sex: str = "Female"):
    page.get_by_role("button", name="Add a member").click()
    idle(page)
    fill(page, "Name or label", label)
    fill(page, "Age (years)", str(age))
    if sex != "Female":
        newest(page).get_by_text(sex, exact=True).click()
        idle(page)


def fewer_days(page):
    """'Days to plan': 4, by the keyboard, so that the test waits less for the solver."""
    slider = page.get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowLeft")
    idle(page)
    assert page.get_by_test_id("stSliderThumbValue").inner_text() == "4"


def right_edge(locator) -> float:
    box = locator.bounding_box()
    return box["x"] + box["width"]


def download(page, button: str, path):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(path)
    return path.read_text(encoding="utf-8")


def test_a_household_of_three_plans_and_its_list_sums_everyone(browser, server, tmp_path):  # noqa: F811
    page = open_page(browser, server)
    plan_for_a_household(page)
    fewer_days(page)
    add_member(page, "Partner", 35, "Male")
    add_member(page, "Child 10", 10)
    shot(page, "household-01-sidebar")
    page.get_by_role("button", name="Plan our week").click()
    page.get_by_text("Planned in").wait_for()
    idle(page)
    headers = page.locator("[data-testid='stTable'] th").all_inner_texts()
    assert {"Me", "Partner", "Child 10"} <= set(headers), headers
    for name in ("Me", "Partner", "Child 10"):
        assert page.get_by_text(f"Healthy Eating Index 2020: {name}").is_visible()
    shot(page, "household-02-week")

    # a dish swapped out of everyone's week: it leaves the week and shows in the sidebar, in each person's list
    page.get_by_role("button", name="Change the week").click()
    idle(page)
    swap_box = page.locator("[data-testid='stSelectbox']").filter(has_text="Swap out of everyone's week")
    swap_box.locator("input").fill("Dish: ")
    option = page.get_by_role("option").filter(has_text="Dish: ").first
    dish = option.inner_text().removeprefix("Dish: ")
    option.click()
    idle(page)
    shot(page, "household-02b-change-the-week")
    page.get_by_role("button", name="Swap it out").click()
    page.get_by_text("is out of everyone's week").wait_for(timeout=60_000)
    idle(page)
    assert page.get_by_text("have changed since this plan").count() == 0
    assert dish not in " ".join(page.locator("[data-testid='stTable']").all_inner_texts())
    shot(page, "household-02c-after-swap")

    page.get_by_role("tab", name="Save or open a plan").click()
    idle(page)
    hplan = read_household_plan(download(page, "Save this plan (JSON)", tmp_path / "plan.json"), load_foods())
    assert hplan.labels == ("Me", "Partner", "Child 10")
    page.get_by_role("tab", name="Shopping list").click()
    idle(page)
    shot(page, "household-03-shopping-list")
    rows = list(csv.DictReader(io.StringIO(download(page, "Shopping list (CSV, for a spreadsheet)",
                                                    tmp_path / "list.csv"))))

    foods = load_foods()
    summed: dict[str, float] = {}
    for plan in hplan.plans:  # each member's own grams, added up here
        for food_id, grams in plan.grams_by_food().items():
            summed[food_id] = summed.get(food_id, 0.0) + grams
    item = {f: foods.at[f, "shop_name"] if isinstance(foods.at[f, "shop_name"], str) else foods.at[f, "name"]
            for f in summed}
    listed = {r["item"]: float(r["eaten_grams"]) for r in rows}
    assert set(listed) == {item[f] for f in summed if f not in PANTRY_STAPLES}  # staples: "already in my kitchen"
    for food_id, grams in summed.items():
        if food_id not in PANTRY_STAPLES:
            assert listed[item[food_id]] == pytest.approx(grams, abs=0.06), item[food_id]
    # the household eats more than its first member alone
    mine = hplan.plans[0].grams_by_food()
    assert sum(listed.values()) > 2 * sum(g for f, g in mine.items() if f not in PANTRY_STAPLES)

    with page.expect_download() as info:
        page.get_by_role("button", name="Menu and list (PDF, to print)").click()
    pdf = tmp_path / "menu.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_on_a_phone_the_member_boxes_fit_the_screen(browser, server):  # noqa: F811
    page = open_page(browser, server, **PHONE)
    page.get_by_test_id("stExpandSidebarButton").click()
    idle(page)
    plan_for_a_household(page)
    add_member(page, "Grandmother", 72)
    box = newest(page)
    assert box.get_by_text("Foods not eaten").is_visible()
    side = page.get_by_test_id("stSidebar").bounding_box()
    inside = side["x"] + side["width"]  # every box and field of the member ends inside the sidebar
    fields = ("Name or label", "Activity", "Diet", "Foods not eaten")
    for part in (box, *(box.get_by_label(name, exact=True) for name in fields)):
        edge = part.bounding_box()
        assert edge["x"] >= side["x"] and edge["x"] + edge["width"] <= inside <= PHONE["width"], part
    assert page.get_by_role("button", name="Remove Grandmother").is_visible()
    shot(page, "household-phone-sidebar")

    fewer_days(page)
    page.get_by_test_id("stSidebarCollapseButton").click()
    idle(page)
    page.get_by_role("button", name="Plan our week").click()
    page.get_by_text("Planned in").wait_for()
    idle(page)
    table = page.get_by_test_id("stTable").first
    assert table.get_by_text("Grandmother").is_visible()
    assert right_edge(table) <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing hides to the right
    shot(page, "household-phone-week")
