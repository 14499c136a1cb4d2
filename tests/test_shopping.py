"""The shopping list: the plan's sums, rounded up to what shops sell, by aisle; safe, readable exports."""

from __future__ import annotations

import csv
import io
import math
from types import SimpleNamespace

import pandas as pd
import pytest
from pypdf import PdfReader

from planner.measures import buy_text
from planner.pdf import to_pdf
from planner.plan import Plan
from planner.report import notices
from planner.shopping import AISLE_LABELS, AISLES, CSV_COLUMNS, shopping_list, to_csv, to_markdown


def plan_sums(plan) -> dict:
    sums = {}
    for _, _, item in plan.items():
        sums[item.food_id] = sums.get(item.food_id, 0.0) + item.grams
    return sums


def test_amounts_equal_the_plans_sums(foods, pregnant_plan):
    items = shopping_list(pregnant_plan, foods)
    sums = plan_sums(pregnant_plan)
    assert {i.food_id for i in items} == set(sums)
    for i in items:
        assert i.eaten_grams == pytest.approx(sums[i.food_id], abs=0.05)
        assert i.needed_grams == pytest.approx(sums[i.food_id] / foods.at[i.food_id, "purchase_yield"], abs=0.05)


def test_never_buys_less_than_the_menu_needs(foods, pregnant_plan):
    for i in shopping_list(pregnant_plan, foods):
        assert i.buy_grams >= i.needed_grams
        assert i.leftover_grams == pytest.approx(i.buy_grams - i.needed_grams, abs=0.05)
        unit = foods.at[i.food_id, "purchase_g"]
        assert i.buy_grams / unit == pytest.approx(round(i.buy_grams / unit))  # whole packs
        assert i.buy_grams - unit < i.needed_grams  # and not a pack more than needed


def test_rounding_up_in_whole_units(foods, pregnant_plan):
    for i in shopping_list(pregnant_plan, foods):
        unit = foods.at[i.food_id, "purchase_g"]
        assert i.buy_grams == pytest.approx(max(1, math.ceil(round(i.needed_grams / unit, 6))) * unit, abs=0.2)


def test_aisles_follow_the_walking_order(foods, pregnant_plan):
    items = shopping_list(pregnant_plan, foods)
    order = [AISLES.index(next(k for k, v in AISLE_LABELS.items() if v == i.aisle)) for i in items]
    assert order == sorted(order)
    assert items[0].aisle == "Fruit and vegetables"


def test_pantry_items_leave_the_list(foods, pregnant_plan):
    sums = plan_sums(pregnant_plan)
    have = set(list(sums)[:2])
    items = shopping_list(pregnant_plan, foods, have)
    assert not have & {i.food_id for i in items}
    assert len(items) == len(sums) - 2


def test_csv_opens_cleanly(foods, pregnant_plan):
    text = to_csv(shopping_list(pregnant_plan, foods))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["buy"] and float(rows[0]["buy_grams"]) > 0
    frame = pd.read_csv(io.StringIO(text))
    assert len(frame) == len(plan_sums(pregnant_plan))


def test_formula_in_a_users_food_name_is_inert(foods, pregnant_plan):
    hostile = foods.copy()
    first = next(iter(plan_sums(pregnant_plan)))
    hostile.loc[first, "name"] = '=HYPERLINK("http://evil.example","click")'
    hostile = hostile.drop(columns=["shop_name"])  # a user's own table need not have shop names
    hostile.loc[first, "purchase_label"] = "+1 pack"
    text = to_csv(shopping_list(pregnant_plan, hostile))
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert "'=HYPERLINK(" in text


def test_list_names_what_to_buy_not_what_to_eat(foods, pregnant_plan):
    items = shopping_list(pregnant_plan, foods)
    for i in items:
        assert i.item == foods.at[i.food_id, "shop_name"]
    assert not any(i.item.endswith((", boiled", ", baked", ", cooked")) for i in items)


def test_buy_reads_like_a_shopping_list():
    assert buy_text(3, "1 banana") == "3 bananas"
    assert buy_text(2, "1 small head") == "2 small heads"
    assert buy_text(2, "1 L carton") == "2 × 1 L carton"  # two 1 L cartons, not two 2 L ones
    assert buy_text(3, "1 kg bag") == "3 × 1 kg bag"
    assert buy_text(2, "1 loaf (500 g)") == "2 loaves (500 g)"
    assert buy_text(1, "1 can (92 g drained)") == "1 can (92 g drained)"
    assert buy_text(2, "500 g tub") == "2 × 500 g tub"
    assert buy_text(1, "dozen large eggs") == "1 × dozen large eggs"


def test_markdown_has_aisles_checkboxes_and_what_the_plan_must_say(foods, pregnant_plan):
    md = to_markdown(shopping_list(pregnant_plan, foods), notices=notices(pregnant_plan))
    assert md.startswith("# Shopping list")
    assert "## Fruit and vegetables" in md and "- [ ] " in md
    assert "## What food cannot cover" in md and "folic acid" in md and "Iodine" in md
    assert "without added salt" in md


def test_pdf_has_menu_then_list(foods, pregnant_plan):
    pdf = PdfReader(io.BytesIO(to_pdf(pregnant_plan, shopping_list(pregnant_plan, foods))))
    text = [page.extract_text() for page in pdf.pages]
    first_list_page = next(k for k, page in enumerate(text) if page.startswith("Shopping list"))
    menu, shop = "\n".join(text[:first_list_page]), "\n".join(text[first_list_page:])
    assert "Your 7-day menu" in menu and "Day 7" in menu and "not medical advice" in menu
    assert "What food cannot cover" in menu and "folic acid" in menu
    assert "Shopping list" in shop
    first = pregnant_plan.days[0].meals[0].dishes[0]  # the menu names dishes; the list, their foods
    assert " ".join(first.name.split()[:2]) in menu
    hei = pregnant_plan.quality["hei2020"]["total"]
    assert f"Healthy Eating Index 2020 of this menu: {hei:.0f} of 100" in menu.replace("\n", " ")


def test_pdf_copes_with_a_28_day_plan(foods, pregnant_plan):
    long = Plan(**{**pregnant_plan.__dict__, "days": pregnant_plan.days * 4,
                   "daily_totals": pregnant_plan.daily_totals * 4})
    pdf = PdfReader(io.BytesIO(to_pdf(long, shopping_list(long, foods))))
    assert len(pdf.pages) >= 3


def week_of(grams: dict) -> SimpleNamespace:
    """A plan as the shopping list reads it: grams of each food as eaten."""
    return SimpleNamespace(grams_by_food=lambda: dict(grams))


FISH = ("cod", "salmon", "sockeye-salmon", "herring", "pollock")


def test_menu_uses_is_the_menus_cooked_amount_and_the_raw_weight_is_worked_out(foods):
    items = {i.food_id: i for i in shopping_list(week_of({"cod": 256, "buckwheat": 336}), foods)}
    cod, kasha = items["cod"], items["buckwheat"]
    assert cod.menu_uses == "256 g cooked"  # the menu says 256 g of baked cod
    assert cod.needed_grams == pytest.approx(256 / 0.781, abs=0.1)  # USDA 15015 / 15016 kcal
    assert cod.conversion == "328 g raw (÷ 0.781, USDA's cooking yield)"
    assert cod.buy == "1 × 400 g pack of fillets (raw)"
    assert kasha.menu_uses == "336 g cooked" and kasha.conversion.startswith(f"{kasha.needed_grams:.0f} g dry (")
    row = next(csv.DictReader(io.StringIO(to_csv([cod]))))
    assert (row["menu_uses"], row["conversion"]) == (cod.menu_uses, cod.conversion)
    assert "the menu uses 256 g cooked = 328 g raw" in to_markdown([cod])


def test_every_fresh_fish_is_bought_raw_for_its_cooked_grams(foods):
    fresh = [f for f in foods.index if foods.at[f, "aisle"] == "fish_meat" and foods.at[f, "limit_group"] == "fish"]
    assert set(fresh) == set(FISH)
    items = shopping_list(week_of(dict.fromkeys(fresh, 170.0)), foods)
    for i in items:
        assert i.menu_uses == "170 g cooked", i.food_id
        assert i.shop_state == "raw" and 0.7 < i.purchase_yield < 0.95, (i.food_id, i.purchase_yield)
        assert i.needed_grams == pytest.approx(170 / i.purchase_yield, abs=0.1)
    by_id = {i.food_id: i for i in items}
    # USDA's fillet weights, cooked over raw (SR28 weight table: 15237 / 15236 and 15067 / 15066)
    assert by_id["salmon"].purchase_yield == round(178 / 198, 3)
    assert by_id["pollock"].purchase_yield == round(60 / 77, 3)


def test_two_cartons_of_milk_read_as_two_one_litre_cartons(foods):
    milk = shopping_list(week_of({"milk": 1500}), foods)[0]
    assert milk.buy == "2 × 1 L carton" and milk.menu_uses == "1500 g" and milk.conversion == ""


def test_cabbages_are_bought_by_the_head_with_the_grams_noted(foods):
    items = {i.food_id: i for i in shopping_list(week_of({"savoy-cabbage": 150, "bok-choy": 900}), foods)}
    assert items["savoy-cabbage"].buy == "1 small head (about 714 g)"
    assert items["savoy-cabbage"].menu_uses == "150 g"
    assert items["bok-choy"].buy == "2 heads (about 1680 g)"
    for i in items.values():
        assert foods.at[i.food_id, "purchase_label"] != "loose"
