"""The Dietary Guidelines food pattern for a person's energy level, and a plan's food groups set against it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from planner.constants import GRAINS_OVER, PATTERN_TOLERANCE, PROTEIN_OVER, TOLERANCE
from planner.food_groups import LEGUME_OZ_PER_CUP
from planner.limits import OZ_G, group_limits
from planner.plan import Plan
from planner.quality import group_totals

DATA = Path(__file__).resolve().parents[1] / "data"
PATTERN_CSV = {False: DATA / "dga_pattern.csv", True: DATA / "dga_vegetarian_pattern.csv"}

_VEG = ("veg_dark_green_cup", "veg_red_orange_cup", "veg_starchy_cup", "veg_other_cup")


def _sum(*columns):
    return lambda g: sum(g[c] for c in columns)


# goal (a column of the pattern tables) -> (label, amount of a plan's food groups). The legumes of a plan are
# split between "legumes_veg_cup" and "legumes_protein_counted_oz" (see split_legumes): each gram counts once.
GOALS = {
    "vegetables_cup_day": ("Vegetables", _sum(*_VEG, "legumes_veg_cup")),
    "dark_green_cup_week": ("Dark-green vegetables", _sum("veg_dark_green_cup")),
    "red_orange_cup_week": ("Red and orange vegetables", _sum("veg_red_orange_cup")),
    "beans_peas_lentils_cup_week": ("Beans, peas, lentils (as vegetables)", _sum("legumes_veg_cup")),
    "starchy_cup_week": ("Starchy vegetables", _sum("veg_starchy_cup")),
    "other_veg_cup_week": ("Other vegetables", _sum("veg_other_cup")),
    "fruits_cup_day": ("Fruit", _sum("fruit_cup")),
    "grains_oz_day": ("Grains", _sum("grains_whole_oz", "grains_refined_oz")),
    "whole_grains_oz_day_min": ("Whole grains", _sum("grains_whole_oz")),
    "refined_grains_oz_day_max": ("Refined grains", _sum("grains_refined_oz")),
    "dairy_cup_day": ("Dairy", _sum("dairy_cup")),
    "protein_oz_day": ("Protein foods", _sum("protein_meat_oz", "protein_eggs_oz", "protein_seafood_oz",
                                             "protein_nuts_seeds_oz", "protein_soy_oz", "legumes_protein_counted_oz")),
    "meats_poultry_eggs_oz_week": ("Meat, poultry, eggs", _sum("protein_meat_oz", "protein_eggs_oz")),
    "seafood_oz_week": ("Seafood", _sum("protein_seafood_oz")),
    "nuts_seeds_soy_oz_week": ("Nuts, seeds, soy products", _sum("protein_nuts_seeds_oz", "protein_soy_oz")),
    "eggs_oz_week": ("Eggs", _sum("protein_eggs_oz")),
    "beans_peas_lentils_protein_oz_week": ("Beans, peas, lentils (as protein)", _sum("legumes_protein_counted_oz")),
    "soy_products_oz_week": ("Soy products", _sum("protein_soy_oz")),
    "nuts_seeds_oz_week": ("Nuts and seeds", _sum("protein_nuts_seeds_oz")),
    # a pattern's oils are an allowance inside its calories, not a group to eat more of
    "oils_g_day": ("Oils", _sum("oils_g")),
}
AT_MOST = {"refined_grains_oz_day_max", "oils_g_day", "meats_poultry_eggs_oz_week"}
# How far a plan may stray and still meet the pattern (planner/goals.py holds the model to the same): amounts at
# 80 % of the goal or more (PATTERN_TOLERANCE); grains, meat, poultry and eggs up to 25 % over it (the pattern's
# protein subgroups spread the protein foods; more seafood or legumes in place of meat is what the HEI rewards).
OVER = {"grains_oz_day": GRAINS_OVER, "meats_poultry_eggs_oz_week": PROTEIN_OVER}
NOT_COMPARED = {"kcal", "limit_other_uses_kcal_day", "source"}  # other uses: kcal of added sugars, solid fats...


@dataclass(frozen=True)
class DgaPattern:
    """One calorie level of a DGA 2020-2025 pattern: food-group goals a day and a week."""

    kcal: int  # the calorie level chosen (nearest to the person's energy need)
    vegetarian: bool
    daily: dict[str, float]  # goal -> amount a day (cup-eq, oz-eq or g; see the key)
    weekly: dict[str, float]  # goal -> amount a week
    most: dict[str, float]  # goals the table gives as a range ("2-3"): the upper end; the lower one is the goal
    limit_other_uses_kcal_day: float
    source: str


def _cell(text: str) -> tuple[float, float | None]:
    low, _, high = str(text).partition("-")
    return float(low), (float(high) if high else None)


def dga_pattern(energy_kcal: float, vegetarian: bool = False) -> DgaPattern:
    """The Healthy U.S.-Style (or Healthy Vegetarian) pattern at the calorie level nearest energy_kcal."""
    table = pd.read_csv(PATTERN_CSV[vegetarian], dtype=str)
    levels = table.kcal.astype(int)
    row = table.loc[(levels - energy_kcal).abs().idxmin()]  # a tie goes to the lower level (first row)
    daily, weekly, most = {}, {}, {}
    for goal in table.columns:
        if goal in NOT_COMPARED:
            continue
        if goal not in GOALS:
            raise ValueError(f"{PATTERN_CSV[vegetarian].name}: unknown column '{goal}'")
        low, high = _cell(row[goal])
        (weekly if "_week" in goal else daily)[goal] = low
        if high is not None:
            most[goal] = high
    return DgaPattern(int(row.kcal), vegetarian, daily, weekly, most, float(row.limit_other_uses_kcal_day),
                      row.source)


def pattern_for(targets, diet: str, days: int = 7) -> DgaPattern:
    """The pattern a person's week is held to: the calorie level of their energy band's middle, the vegetarian
    pattern for vegetarians and vegans (without its eggs for a vegan), and seafood no more than the FDA/EPA fish
    servings allow (a child's two small servings a week can be under the pattern's seafood)."""
    dga = dga_pattern((targets.energy_min + targets.energy_max) / 2, diet in ("vegetarian", "vegan"))
    weekly = dict(dga.weekly)
    if diet == "vegan":
        weekly.pop("eggs_oz_week", None)
    for limit in group_limits(targets.profile, days):
        if limit.group == "fish" and limit.week_g and "seafood_oz_week" in weekly:
            weekly["seafood_oz_week"] = min(weekly["seafood_oz_week"], limit.week_g / OZ_G * 7 / min(days, 7))
    return replace(dga, weekly=weekly)


def plan_day_groups(plan: Plan, foods: pd.DataFrame) -> list[dict[str, float]]:
    """The food-group totals of each day of a plan."""
    days = []
    for day in plan.days:
        grams: dict[str, float] = {}
        for meal in day.meals:
            for item in meal.items:
                grams[item.food_id] = grams.get(item.food_id, 0.0) + item.grams
        days.append(group_totals(grams, foods))
    return days


def split_legumes(days: Sequence[dict[str, float]], pattern: DgaPattern) -> list[dict[str, float]]:
    """Count each day's legumes once: first toward the weekly beans-as-vegetables goal, the rest as protein.

    The DGA counts beans, peas and lentils in one group only; this rule fills the vegetable subgroup first
    (MyPlate: count them as vegetables once that goal is not met, as protein beyond it). The same share
    applies to every day of the week.
    """
    week_cup = sum(d["legumes_cup"] for d in days) * 7 / len(days)
    goal_cup = pattern.weekly.get("beans_peas_lentils_cup_week", 0.0)
    veg_share = min(1.0, goal_cup / week_cup) if week_cup > 0 else 1.0
    return [d | {"legumes_veg_cup": d["legumes_cup"] * veg_share,
                 "legumes_protein_counted_oz": d["legumes_cup"] * (1 - veg_share) * LEGUME_OZ_PER_CUP} for d in days]


def compare_to_pattern(days: Sequence[dict[str, float]], pattern: DgaPattern) -> pd.DataFrame:
    """Tidy rows: each daily goal for each day and for the average day, each weekly goal for the week.

    Weekly amounts are the plan's days summed and scaled to 7 days. `min` and `max` bound the goal
    (refined grains and oils have only a max; a range such as seafood "2-3" has both); `met` says if it is met.
    """
    if not days:
        raise ValueError("a plan with no days has no food groups to compare")
    counted = split_legumes(days, pattern)
    rows = []

    def add(goal: str, period: str, day: int | None, amount: float, value: float) -> None:
        most = value * (1 + OVER[goal]) if goal in OVER else None
        low, high = (None, most or value) if goal in AT_MOST else (value, pattern.most.get(goal) or most)
        # TOLERANCE: grams are rounded in the plan, so a goal the model met exactly can read a hair under it
        enough = low is None or amount >= low * (1 - PATTERN_TOLERANCE) * (1 - TOLERANCE)
        met = enough and (high is None or amount <= high * (1 + TOLERANCE))
        unit = "cup-eq" if "_cup_" in goal else "oz-eq" if "_oz_" in goal else "g"
        rows.append({"goal": goal, "label": GOALS[goal][0], "unit": unit + ("/day" if "_day" in goal else "/week"),
                     "period": period, "day": day, "amount": amount, "min": low, "max": high, "met": met})

    for goal, value in pattern.daily.items():
        amounts = [GOALS[goal][1](d) for d in counted]
        for i, amount in enumerate(amounts):
            add(goal, "day", i, amount, value)
        add(goal, "week", None, sum(amounts) / len(amounts), value)
    for goal, value in pattern.weekly.items():
        add(goal, "week", None, sum(GOALS[goal][1](d) for d in counted) * 7 / len(counted), value)
    table = pd.DataFrame(rows)
    table["day"] = table["day"].astype("Int64")
    return table


def format_pattern(rows: pd.DataFrame, pattern: DgaPattern) -> str:
    """The week's rows of compare_to_pattern as plain text: amount, goal, met or not."""
    name = "Healthy Vegetarian" if pattern.vegetarian else "Healthy U.S.-Style"
    lines = [f"DGA 2020-2025 {name} pattern, {pattern.kcal} kcal level (daily goals: the average day; "
             f"met at {1 - PATTERN_TOLERANCE:.0%} of a goal or more)"]
    for r in rows[rows.period == "week"].itertuples(index=False):
        goal = f"at most {r.max:g}" if pd.isna(r.min) else f"{r.min:g}" + ("" if pd.isna(r.max) else f"-{r.max:g}")
        lines.append(f"  {r.label:38} {r.amount:6.2f} of {goal:>9} {r.unit:12} {'ok' if r.met else 'NOT MET'}")
    return "\n".join(lines)
