"""Dishes: named meals of foods, whose nutrients, diets, allergens and cautions all come from their ingredients."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from planner.dish_schema import DISH_INGREDIENTS_CSV, DISHES_CSV, read_dish_tables
from planner.foods import DIETS, FoodFilter, dropped_reasons, words
from planner.nutrients import FOOD_NUTRIENT_COLUMNS


@dataclass(frozen=True)
class Ingredient:
    food_id: str
    name: str
    grams: float  # per serving, as eaten
    measure: str  # the same amount in household words ("1 cup cooked"), or ""


@dataclass(frozen=True)
class Dish:
    id: str
    name: str
    course: str  # breakfast, main, side, soup, salad, snack, drink
    slots: tuple[str, ...]
    serving_label: str  # one serving in household words: "1 bowl"
    min_servings: float  # in halves
    max_servings: float
    prep_minutes: int
    method: tuple[str, ...]  # one to four plain steps
    ingredients: tuple[Ingredient, ...]
    # per serving: sum over ingredients, a missing value as 0; a plain dict (as in Plan) so dishes pickle and asdict
    nutrients: dict[str, float] = field(hash=False)
    diets: frozenset[str]  # diets every ingredient fits
    allergens: frozenset[str]  # any ingredient's
    pregnancy_caution: str | None  # every ingredient's caution, each with the ingredient's name
    protein: bool  # holds a main protein food (fish, meat, eggs, tofu, soybeans, lentils)
    vegetable: bool
    starch: bool  # a grain, bread or potato
    fruit: bool  # fresh or dried
    dairy: bool

    @property
    def food_ids(self) -> tuple[str, ...]:
        return tuple(i.food_id for i in self.ingredients)


def _is_fruit(food: dict) -> bool:
    # dried fruit is planned in the 'snack' role; the USDA food group says it is fruit
    return food["role"] == "fruit" or (food["role"] == "snack" and str(food["group"]).startswith("Fruits"))


def derive(row, items: list[tuple[str, float, str]], foods: dict[str, dict]) -> Dish:
    """One dish from its dishes.csv row and its (food id, grams, measure) rows; every figure and tag from the foods."""
    used = [foods[food_id] for food_id, _, _ in items]
    roles = {f["role"] for f in used}
    nutrients = dict.fromkeys(FOOD_NUTRIENT_COLUMNS, 0.0)
    for food, (_, grams, _) in zip(used, items, strict=True):
        for col in FOOD_NUTRIENT_COLUMNS:
            if pd.notna(food[col]):  # a missing USDA value counts as 0, as in the plan's day totals
                nutrients[col] += grams * float(food[col]) / 100
    cautions = [f"{f['name']}: {f['pregnancy_caution']}" for f in used if isinstance(f["pregnancy_caution"], str)]
    return Dish(
        id=row.id, name=row.name, course=row.course, slots=tuple(s for s in row.slots.split("|") if s),
        serving_label=row.serving_label, min_servings=float(row.min_servings), max_servings=float(row.max_servings),
        prep_minutes=int(row.prep_minutes), method=tuple(s.strip() for s in row.method.split("|")),
        ingredients=tuple(Ingredient(food_id, foods[food_id]["name"], grams, measure)
                          for food_id, grams, measure in items),
        nutrients=nutrients,
        diets=frozenset(DIETS).intersection(*(words(f["diets"]) for f in used)),
        allergens=frozenset().union(*(words(f["allergens"]) for f in used)),
        pregnancy_caution="; ".join(cautions) or None,
        protein="main" in roles,
        vegetable="vegetable" in roles,
        starch="grain" in roles,
        fruit=any(_is_fruit(f) for f in used),
        dairy="dairy" in roles,
    )


def load_dishes(foods: pd.DataFrame, dishes_path: str | Path = DISHES_CSV,
                ingredients_path: str | Path = DISH_INGREDIENTS_CSV) -> dict[str, Dish]:
    """Every dish, in file order, checked against and derived from the (full, unfiltered) food table."""
    table, items = read_dish_tables(foods, dishes_path, ingredients_path)
    measures = items["measure"].fillna("") if "measure" in items else [""] * len(items)
    by_dish: dict[str, list[tuple[str, float, str]]] = {}
    for dish_id, food_id, grams, measure in zip(items.dish_id, items.food_id, items.grams, measures, strict=True):
        by_dish.setdefault(dish_id, []).append((food_id, float(grams), measure))
    rows = foods.to_dict("index")  # plain dicts: a pandas lookup per ingredient costs seconds over all dishes
    return {row.id: derive(row, by_dish[row.id], rows) for row in table.itertuples()}


# A food of a table of one's own, eaten as it is: its role read as a course.
COURSE_OF_ROLE = {"main": "main", "vegetable": "side", "grain": "side", "fruit": "snack", "snack": "snack",
                  "dairy": "snack", "drink": "drink", "fat": "side", "extra": "side"}
BREAKFAST_ROLES = ("grain", "dairy", "main")


def single_food_dishes(foods: pd.DataFrame) -> dict[str, Dish]:
    """Every food that fits a meal as a dish of one ingredient: how a food table of one's own, whose foods
    the dish tables do not use, is planned."""
    rows = foods.to_dict("index")
    out = {}
    for f, food in rows.items():
        slots = words(food["slots"])
        if food["avoid"] != "no" or not slots:
            continue
        course = "breakfast" if slots == {"breakfast"} and food["role"] in BREAKFAST_ROLES else \
            COURSE_OF_ROLE[food["role"]]
        row = SimpleNamespace(id=f, name=food["name"], course=course, slots="|".join(sorted(slots)),
                              serving_label=food["portion_label"], min_servings=food["min_portions"],
                              max_servings=food["max_portions"], prep_minutes=0, method="")
        dish = derive(row, [(f, float(food["portion_g"]), food["portion_label"])], rows)
        out[f] = replace(dish, method=())
    return out


def plannable_dishes(foods: pd.DataFrame) -> dict[str, Dish]:
    """The dishes of data/dishes.csv when the food table holds their ingredients (ours does); otherwise
    the table's own foods, each as a dish of one ingredient."""
    ingredients = pd.read_csv(DISH_INGREDIENTS_CSV, usecols=["food_id"], dtype=str).food_id
    used = set(ingredients)
    return load_dishes(foods) if used <= set(foods.index) else single_food_dishes(foods)


def dish_table(dishes: Mapping[str, Dish]) -> pd.DataFrame:
    """One row per dish, indexed by id: course, servings and nutrients per serving, for the model to read."""
    rows = [{"id": d.id, "name": d.name, "course": d.course, "slots": "|".join(d.slots),
             "min_servings": d.min_servings, "max_servings": d.max_servings, **d.nutrients} for d in dishes.values()]
    return pd.DataFrame(rows).set_index("id", drop=False)


def dish_dropped_reasons(dishes: Mapping[str, Dish], foods: pd.DataFrame, rule: FoodFilter) -> dict[str, str]:
    """For every dish the planner may not use, one plain reason naming the ingredient, keyed by dish id."""
    # Inside a dish a food needs no meal slot of its own (onion, egg yolk); every other reason is the food's.
    food_reasons = dropped_reasons(foods.assign(slots="dish"), rule)
    reasons = {}
    for dish in dishes.values():
        for food_id in dish.food_ids:
            if food_id in food_reasons:
                reasons[dish.id] = f"{foods.loc[food_id, 'name']}: {food_reasons[food_id]}"
                break
    return reasons


def filter_dishes(dishes: Mapping[str, Dish], foods: pd.DataFrame, rule: FoodFilter) -> dict[str, Dish]:
    """The dishes this person may eat: excluding a food removes every dish that holds it."""
    dropped = dish_dropped_reasons(dishes, foods, rule)
    return {k: d for k, d in dishes.items() if k not in dropped}
