"""The Plan: days -> meals -> dishes -> ingredients, totals, coverage, shortfalls; JSON out (in: planfile)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from planner.nutrients import BY_KEY, FOOD_NUTRIENT_COLUMNS, OTHER_NAMES
from planner.targets import Targets

SCHEMA_VERSION = 2  # 2: meals hold dishes; 1 (meals hold foods) is read as one-ingredient dishes


@dataclass(frozen=True)
class PlanItem:
    """An ingredient as eaten: grams, and the same in household words."""

    food_id: str
    name: str
    grams: float
    portions: float  # of the food table's portion
    label: str


@dataclass(frozen=True)
class DishServing:
    """A dish in a meal: its servings (in halves) and its ingredients at that size."""

    dish_id: str
    name: str
    servings: float
    label: str  # "1½ bowls"
    method: tuple[str, ...]
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class Meal:
    slot: str
    dishes: tuple[DishServing, ...]

    @property
    def items(self) -> tuple[PlanItem, ...]:
        """Every ingredient of the meal's dishes."""
        return tuple(i for dish in self.dishes for i in dish.items)


@dataclass(frozen=True)
class Day:
    index: int  # 0-based
    meals: tuple[Meal, ...]


def amount(value: float) -> str:
    """A figure as a person reads it: '3,785', '48.5', '0.62'."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


@dataclass(frozen=True)
class Shortfall:
    """A target the plan misses: a minimum not reached, or (over=True) the top of the energy band passed."""

    key: str
    got: float  # per day (an average, or that day's total)
    target: float
    unit: str
    day: int | None  # None: an average
    reason: str = ""
    over: bool = False
    week: int | None = None  # the calendar week of an average, in plans over a week

    @property
    def text(self) -> str:
        name = BY_KEY[self.key].label if self.key in BY_KEY else OTHER_NAMES.get(self.key, self.key)
        if self.over:
            out = (f"{name}: {amount(self.got)} {self.unit} on day {self.day + 1}, over the top of its band "
                   f"({amount(self.target)} {self.unit})")
        else:
            when = (f"on day {self.day + 1}" if self.day is not None else
                    "a day on average" + ("" if self.week is None else f" in week {self.week + 1}"))
            out = f"{name}: {amount(self.got)} of {amount(self.target)} {self.unit} {when} from food"
        return out + (f"; {self.reason}" if self.reason else "")


@dataclass(frozen=True)
class Asked:
    """What a week was asked for besides the profile and diet: the person's own food choices. Saved in the plan
    file, so that a reopened plan counts the foods as the planner did (no vitamin D from fortification where none
    is sold) and gives the sidebar back its allergies."""

    allergens: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # food ids left out
    fortified_available: bool = True
    liked: tuple[str, ...] = ()  # food ids
    exclude_dishes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    targets: Targets
    days: tuple[Day, ...]
    daily_totals: tuple[dict, ...]  # per day: nutrient key -> amount (recomputed from grams)
    weekly_average: dict
    shortfalls: tuple[Shortfall, ...]
    solver: str
    status: str  # "optimal" or "best found in time"
    objective: float
    seconds: float
    seed: int = 0
    notes: tuple[str, ...] = field(default=())
    advice: tuple[str, ...] = field(default=())  # what food cannot cover (pregnancy, breastfeeding)
    quality: dict = field(default_factory=dict, compare=False)  # {"hei2020": {"total", "components", "advice"}}
    checked: tuple[str, ...] = field(default=())  # food ids ticked off the shopping list while shopping
    asked: Asked | None = None  # None: a file saved before plans kept it, which says nothing of allergies
    schema: int = SCHEMA_VERSION

    @property
    def coverage(self) -> dict:
        """Weekly average as a share of each minimum (1.0 = 100 %)."""
        return {t.key: self.weekly_average.get(t.key, 0) / t.min for t in self.targets.nutrients if t.min}

    def items(self):
        """Every (day index, slot, item) of the plan."""
        for day in self.days:
            for meal in day.meals:
                for item in meal.items:
                    yield day.index, meal.slot, item

    def grams_by_food(self) -> dict[str, float]:
        """Grams of each food over the whole plan, as eaten."""
        grams: dict[str, float] = {}
        for _, _, item in self.items():
            grams[item.food_id] = grams.get(item.food_id, 0.0) + item.grams
        return grams

    def to_dict(self) -> dict:
        data = asdict(self)
        data["targets"] = self.targets.to_dict()
        # derived, for readers of the file; planner.planfile recomputes them
        data["profile"] = data["targets"]["profile"]
        data["coverage"] = {k: round(v, 4) for k, v in self.coverage.items()}
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False)


def day_totals(items: list[tuple[str, float]], foods: pd.DataFrame) -> dict:
    """Nutrient totals for (food id, grams) pairs; a missing USDA value counts as 0 (see notes)."""
    totals = dict.fromkeys(FOOD_NUTRIENT_COLUMNS, 0.0)
    columns = list(FOOD_NUTRIENT_COLUMNS)
    rows = foods.loc[list(dict.fromkeys(f for f, _ in items)), columns].fillna(0.0).to_dict("index")  # one lookup
    for food_id, grams in items:
        for col in columns:
            totals[col] += grams * rows[food_id][col] / 100
    return {k: round(v, 3) for k, v in totals.items()}


def missing_value_notes(food_ids, foods: pd.DataFrame) -> tuple[str, ...]:
    """Plain notes for planned foods with no USDA value for a nutrient we count."""
    notes, counted = [], [c for c in FOOD_NUTRIENT_COLUMNS if c in BY_KEY]
    ids = sorted(set(food_ids))
    missing = foods.loc[ids, counted].isna().to_dict("index")
    for food_id in ids:
        gaps = [BY_KEY[c].label for c in counted if missing[food_id][c]]
        if gaps:
            notes.append(f"{foods.loc[food_id, 'name']}: USDA has no value for {', '.join(gaps)}; counted as 0.")
    return tuple(notes)


