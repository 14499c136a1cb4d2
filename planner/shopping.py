"""The week's shopping list: foods summed, turned into what a shop sells, grouped by aisle; exports."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import asdict, dataclass, replace

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
CSV_COLUMNS = ("aisle", "item", "buy", "buy_grams", "needed_grams", "leftover_grams", "eaten_grams", "menu_uses",
               "conversion")
_COOKED = re.compile(r"\b(cooked|boiled|baked|roasted)\b", re.I)
_SHOP_STATES = (("dry", "dry"), ("dried", "dried"), ("frozen", "frozen"), ("raw", "raw"))
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
    menu_state: str = ""  # "cooked" where the menu's grams are cooked ones; "" when bought as eaten
    shop_state: str = ""  # "raw", "dry", "frozen", "dried", "as bought"; "" when bought as eaten
    purchase_yield: float = 1.0  # grams as eaten per gram bought

    @property
    def menu_uses(self) -> str:
        """The menu's own amount: '256 g cooked'."""
        return f"{self.eaten_grams:.0f} g" + (f" {self.menu_state}" if self.menu_state else "")

    @property
    def conversion(self) -> str:
        """The weight to buy for the menu and how it follows from menu_uses: '328 g raw (÷ 0.781, USDA's cooking
        yield)'; '' where the two are the same."""
        if not self.shop_state:
            return ""
        source = ", USDA's cooking yield" if self.menu_state == "cooked" else ""  # data/README.md
        return f"{self.needed_grams:.0f} g {self.shop_state} (÷ {self.purchase_yield:g}{source})"


def states(food) -> tuple[str, str]:
    """How the menu's grams and the shop's grams differ for a food: ('cooked', 'raw'), or ('', '') if they do
    not. From the USDA description of the food as eaten and the shop's pack label."""
    if float(food.purchase_yield) == 1:
        return "", ""
    menu = "cooked" if _COOKED.search(str(food.get("usda_description", ""))) else "as eaten"
    label = str(food.purchase_label).lower()
    shop = next((state for word, state in _SHOP_STATES if re.search(rf"\b{word}\b", label)), "as bought")
    return menu, shop


def shopping_list(plan: Plan, foods: pd.DataFrame, pantry=frozenset()) -> list[ShoppingItem]:
    """What to buy for the plan, minus what the person already has (`pantry`, food ids)."""
    return grams_list(plan.grams_by_food(), foods, pantry)


def grams_list(grams_by_food: dict[str, float], foods: pd.DataFrame, pantry=frozenset()) -> list[ShoppingItem]:
    """What to buy for these grams of each food as eaten (one plan's, or a household's summed)."""
    out = []
    for food_id, grams in grams_by_food.items():
        if food_id in pantry:
            continue
        food = foods.loc[food_id]
        needed = grams / float(food.purchase_yield)
        unit = float(food.purchase_g) if pd.notna(food.purchase_g) else 1.0  # no pack size known: by the gram
        units = max(1, math.ceil(round(needed / unit, 6)))
        bought = units * unit
        if food.purchase_label == "loose" or pd.isna(food.purchase_g):
            buy = f"{bought / 1000:g} kg" if bought >= 1000 else f"{bought:g} g"
        elif food.countable == "yes":  # sold by the piece: "3 bananas", "2 × 1 L carton"
            buy = buy_text(units, food.purchase_label)
            if re.search(r"\bhead\b", food.purchase_label) and not re.search(r"\d g\b", food.purchase_label):
                buy += f" (about {bought:.0f} g)"  # a head's weight: what the menu's grams come out of
        else:
            buy = f"{units} × {food.purchase_label}"
        name = food.get("shop_name")
        name = name if isinstance(name, str) else food["name"]
        out.append(ShoppingItem(AISLE_LABELS[food.aisle], food_id, name, buy, round(bought, 1),
                                round(needed, 1), round(bought - needed, 1), round(grams, 1), *states(food),
                                float(food.purchase_yield)))
    order = {AISLE_LABELS[a]: i for i, a in enumerate(AISLES)}
    return sorted(out, key=lambda i: (order[i.aisle], i.item))


def tick(plan: Plan, food_id: str, got: bool) -> Plan:
    """The plan with `food_id` ticked off its shopping list (got=True) or not; ticks travel with the plan."""
    ticks = set(plan.checked) | {food_id} if got else set(plan.checked) - {food_id}
    return replace(plan, checked=tuple(sorted(ticks)))


def uses_text(item: ShoppingItem) -> str:
    """'the menu uses 256 g cooked = 328 g raw (÷ 0.781, USDA's cooking yield)'."""
    return f"the menu uses {item.menu_uses}" + (f" = {item.conversion}" if item.conversion else "")


def item_line(item: ShoppingItem) -> str:
    """One line of the list in the page: 'Cod fillets: 1 × 400 g pack of fillets (raw) · the menu uses 256 g
    cooked = 328 g raw (÷ 0.781, USDA's cooking yield) · 72 g left over'."""
    parts = [f"{item.item}: {item.buy}", uses_text(item)]
    if item.leftover_grams >= 1:
        parts.append(f"{item.leftover_grams:.0f} g left over")
    return " · ".join(parts)


def inert(value):
    """A cell a spreadsheet would run as a formula is prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(items: list[ShoppingItem]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        row = asdict(item) | {"menu_uses": item.menu_uses, "conversion": item.conversion}
        writer.writerow([inert(row[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


def to_markdown(items: list[ShoppingItem], title: str = "Shopping list", notices=(), checked=()) -> str:
    """A checklist for a phone note, `checked` food ids ticked ([x]); `notices` ((heading, lines) pairs,
    planner.report.notices) follow it."""
    lines = [f"# {title}", ""]
    aisle = None
    for item in items:
        if item.aisle != aisle:
            aisle = item.aisle
            lines += ["", f"## {aisle}"] if len(lines) > 2 else [f"## {aisle}"]
        uses = f"; {uses_text(item)}"
        left = f"; about {item.leftover_grams:.0f} g left over" if item.leftover_grams >= 1 else ""
        box = "[x]" if item.food_id in checked else "[ ]"
        lines.append(f"- {box} {item.item}: {item.buy}{uses}{left}")
    for heading, notes in notices:
        lines += ["", f"## {heading}", *(f"- {n}" for n in notes)]
    return "\n".join(lines) + "\n"
