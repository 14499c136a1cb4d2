"""The week's shopping list: foods summed, turned into what a shop sells, grouped by aisle; exports."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import asdict, dataclass

import pandas as pd

from planner.measures import buy_text
from planner.plan import Plan

# A walk through the shop: fresh things first, frozen last so they stay cold.
AISLES = ("produce", "dairy", "fish_meat", "grains", "nuts_dried", "pantry", "frozen")
AISLE_LABELS = {
    "produce": "Fruit and vegetables", "dairy": "Dairy and eggs", "fish_meat": "Fish and meat",
    "grains": "Grains, bread and pulses", "nuts_dried": "Nuts, seeds and dried fruit", "pantry": "Pantry",
    "frozen": "Frozen",
}
PANTRY_STAPLES = ("olive-oil", "honey", "chamomile-tea", "butter")  # often at home already
CSV_COLUMNS = ("aisle", "item", "buy", "buy_grams", "needed_grams", "leftover_grams", "eaten_grams")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ShoppingItem:
    aisle: str  # a person's aisle name
    food_id: str
    item: str
    buy: str  # "2 × 1 L carton", "250 g"
    buy_grams: float  # as purchased
    needed_grams: float  # as purchased, to cover the menu
    leftover_grams: float  # bought but not in this menu
    eaten_grams: float  # as eaten (cooked, peeled), the sum of the plan's items


def shopping_list(plan: Plan, foods: pd.DataFrame, pantry=frozenset()) -> list[ShoppingItem]:
    """What to buy for the plan, minus what the person already has (`pantry`, food ids)."""
    out = []
    for food_id, grams in plan.grams_by_food().items():
        if food_id in pantry:
            continue
        food = foods.loc[food_id]
        needed = grams / float(food.purchase_yield)
        unit = float(food.purchase_g) if pd.notna(food.purchase_g) else 1.0  # no pack size known: by the gram
        units = max(1, math.ceil(round(needed / unit, 6)))
        bought = units * unit
        if food.purchase_label == "loose" or pd.isna(food.purchase_g):
            buy = f"{bought / 1000:g} kg" if bought >= 1000 else f"{bought:g} g"
        elif food.countable == "yes":  # sold by the piece: "3 bananas", "2 L cartons"
            buy = buy_text(units, food.purchase_label)
        else:
            buy = f"{units} × {food.purchase_label}"
        name = food.get("shop_name")
        name = name if isinstance(name, str) else food["name"]
        out.append(ShoppingItem(AISLE_LABELS[food.aisle], food_id, name, buy, round(bought, 1),
                                round(needed, 1), round(bought - needed, 1), round(grams, 1)))
    order = {AISLE_LABELS[a]: i for i, a in enumerate(AISLES)}
    return sorted(out, key=lambda i: (order[i.aisle], i.item))


def _inert(value):
    """A cell a spreadsheet would run as a formula is prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(items: list[ShoppingItem]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        row = asdict(item)
        writer.writerow([_inert(row[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


def to_markdown(items: list[ShoppingItem], title: str = "Shopping list", notices=()) -> str:
    """A checklist for a phone note; `notices` ((heading, lines) pairs, planner.report.notices) follow it."""
    lines = [f"# {title}", ""]
    aisle = None
    for item in items:
        if item.aisle != aisle:
            aisle = item.aisle
            lines += ["", f"## {aisle}"] if len(lines) > 2 else [f"## {aisle}"]
        left = f" (about {item.leftover_grams:.0f} g left over)" if item.leftover_grams >= 1 else ""
        lines.append(f"- [ ] {item.item}: {item.buy}{left}")
    for heading, notes in notices:
        lines += ["", f"## {heading}", *(f"- {n}" for n in notes)]
    return "\n".join(lines) + "\n"
