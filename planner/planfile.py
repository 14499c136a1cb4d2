"""Opening a saved plan: parse it safely, check every value, and re-derive the rest from the food table.

A plan file is never believed. Its foods, portions, meals and profile are checked one by one and the first
bad place is named; its totals, coverage, shortfalls, targets, notes and warnings are thrown away and
derived again from its grams, the current food table and the DRI table, as if the planner had just made it.
"""

from __future__ import annotations

import math
import re
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd

from planner.advice import plan_notes
from planner.constants import STEP
from planner.dishes import plannable_dishes
from planner.extract import assemble_plan, ingredient_at
from planner.foods import ALLERGENS, DIETS, SLOTS, as_counted, dropped_reasons
from planner.jsonsafe import (  # noqa: F401  (MAX_DEPTH, MAX_PLAN_BYTES and parse are part of this API)
    MAX_AMOUNT,
    MAX_DEPTH,
    MAX_PLAN_BYTES,
    PlanFileError,
    field_of,
    number_in,
    of_kind,
    parse,
    shown,
    text_in,
)
from planner.measures import portion_text
from planner.plan import SCHEMA_VERSION, Asked, Day, DishServing, Meal, Plan, PlanItem, missing_value_notes
from planner.settings import asked_settings
from planner.targets import Profile, ProfileError, targets_for, with_overrides
from planner.upper_limits import over_limits

MAX_DAYS = 28
MAX_ITEMS = 12  # in one meal (dishes, or foods in a schema-1 file)
MAX_SEED = 2**31 - 1
STATUSES = ("optimal", "best found in time")
_SOLVER_NAME = re.compile(r"[A-Za-z0-9 ._-]{1,40}")


def profile_from(raw) -> Profile:
    """A Profile from a JSON object, every field checked (PlanFileError names the bad one)."""
    of_kind(raw, dict, "targets: profile")
    kinds = {f.name: f.type for f in fields(Profile)}  # annotations as text: 'int', 'float | None', ...
    args = {}
    for key, value in raw.items():
        what = f"profile: {key}"
        if key not in kinds:
            raise PlanFileError(f"profile: unknown field {shown(key)}")
        kind = kinds[key]
        if value is None and kind.endswith("| None"):
            args[key] = None
        elif kind.startswith("str"):
            args[key] = text_in(value, what)
        elif kind.startswith("float"):
            args[key] = number_in(value, what)
        else:
            args[key] = of_kind(value, bool if kind.startswith("bool") else int, what)
    try:
        return Profile(**args)
    except TypeError:
        raise PlanFileError("profile: sex and age are needed") from None
    except ProfileError as exc:
        raise PlanFileError(f"profile: {exc}") from None


def _targets(raw):
    """targets_for(profile), with the file's own minimums and maximums applied the way the page applies them."""
    of_kind(raw, dict, "targets")
    profile = profile_from(field_of(raw, "profile", "targets: "))
    diet = raw.get("diet", "omnivore")  # plans saved before diets changed targets have none
    if diet not in DIETS:
        raise PlanFileError(f"targets: diet {shown(diet)} must be one of: {', '.join(DIETS)}")
    base = targets_for(profile, diet)
    current = {t.key: (t.min, t.max) for t in base.nutrients} | {"energy_kcal": (base.energy_min, base.energy_max)}
    listed = dict(of_kind(raw.get("targets", {}), dict, "targets: targets"))
    listed["energy_kcal"] = raw.get("energy_kcal", {})
    overrides = {}
    for key, entry in listed.items():
        if key not in current:
            raise PlanFileError(f"targets: unknown nutrient {shown(key)}")
        of_kind(entry, dict, f"targets: {key}")
        pair = []
        for side, now in zip(("min", "max"), current[key], strict=True):
            value = entry.get(side, now)  # absent: as the DRI table says
            pair.append(None if value is None else number_in(value, f"targets: {key}: {side}"))
        if tuple(pair) != current[key]:
            overrides[key] = tuple(pair)
    try:
        return with_overrides(base, overrides) if overrides else base
    except ProfileError as exc:
        raise PlanFileError(f"targets: {exc}") from None


def _item(raw, where: str, foods: pd.DataFrame, refused: dict[str, str]) -> PlanItem:
    of_kind(raw, dict, where)
    food_id = text_in(field_of(raw, "food_id", f"{where}: "), f"{where}: food id")
    if food_id not in foods.index:
        raise PlanFileError(f"{where}: unknown food {shown(food_id)}; it is not in the food table")
    if food_id in refused:
        raise PlanFileError(f"{where}: '{food_id}' cannot be in this plan: {refused[food_id]}")
    for key in ("name", "label"):
        if key in raw:
            text_in(raw[key], f"{where}: {key}")
    grams = number_in(field_of(raw, "grams", f"{where}: "), f"{where}: grams", high=math.inf)
    if grams == 0:
        raise PlanFileError(f"{where}: grams '0' must be a positive number")
    portions = number_in(field_of(raw, "portions", f"{where}: "), f"{where}: portions", high=math.inf)
    food = foods.loc[food_id]
    low, high, portion_g = float(food.min_portions), float(food.max_portions), float(food.portion_g)
    if (portions / STEP) % 1 or not low <= portions <= high:
        raise PlanFileError(f"{where}: portions {shown(portions)} must be in half portions from {low:g} to "
                            f"{high:g} for {food['name']}")
    expected = round(portions * portion_g, 1)
    if abs(grams - expected) > 0.5:
        raise PlanFileError(f"{where}: grams {shown(grams)} do not match {portions:g} portion(s) of "
                            f"{portion_g:g} g ({expected:g} g)")
    return PlanItem(food_id, food["name"], expected, portions, portion_text(portions, food.portion_label))


def _dish(raw, where: str, dishes, foods: pd.DataFrame, refused: dict[str, str]) -> DishServing:
    """A schema-2 dish: a known dish, its servings in halves within its range, its ingredients as the recipe
    says at that size; names, labels and the method come from the dish table, not the file."""
    of_kind(raw, dict, where)
    dish_id = text_in(field_of(raw, "dish_id", f"{where}: "), f"{where}: dish id")
    if dish_id not in dishes:
        raise PlanFileError(f"{where}: unknown dish {shown(dish_id)}; it is not in the dish table")
    dish = dishes[dish_id]
    for food_id in dish.food_ids:
        if food_id in refused:
            raise PlanFileError(f"{where}: '{dish_id}' cannot be in this plan: {foods.at[food_id, 'name']}: "
                                f"{refused[food_id]}")
    for key in ("name", "label"):
        if key in raw:
            text_in(raw[key], f"{where}: {key}")
    servings = number_in(field_of(raw, "servings", f"{where}: "), f"{where}: servings", high=math.inf)
    if (servings / STEP) % 1 or not dish.min_servings <= servings <= dish.max_servings:
        raise PlanFileError(f"{where}: servings {shown(servings)} must be in halves from {dish.min_servings:g} "
                            f"to {dish.max_servings:g} for {dish.name}")
    items = of_kind(field_of(raw, "items", f"{where}: "), list, f"{where}: items")
    if len(items) != len(dish.ingredients):
        raise PlanFileError(f"{where}: {len(items)} ingredients, but {dish.name} has {len(dish.ingredients)}")
    for k, (item, ingredient) in enumerate(zip(items, dish.ingredients, strict=True)):
        here = f"{where}, item {k + 1}"
        of_kind(item, dict, here)
        food_id = text_in(field_of(item, "food_id", f"{here}: "), f"{here}: food id")
        grams = number_in(field_of(item, "grams", f"{here}: "), f"{here}: grams", high=math.inf)
        expected = round(ingredient.grams * servings, 1)
        if food_id != ingredient.food_id or abs(grams - expected) > 0.5:
            raise PlanFileError(f"{here}: {shown(food_id)} {grams:g} g does not match the recipe of {dish.name} "
                                f"({ingredient.food_id}, {expected:g} g for {servings:g} servings)")
    return DishServing(dish_id, dish.name, servings, portion_text(servings, dish.serving_label), dish.method,
                       tuple(ingredient_at(i, servings, foods) for i in dish.ingredients))


def _slots(meals: list, where: str) -> list[str]:
    """The day's meal slots: known ones, each once, in the planner's order."""
    names = []
    for k, meal in enumerate(meals):
        here = f"{where}, meal {k + 1}"
        slot = of_kind(field_of(of_kind(meal, dict, here), "slot", f"{here}: "), str, f"{here}: slot")
        if slot not in SLOTS:
            raise PlanFileError(f"{where}: unknown meal {shown(slot)}; meals are {', '.join(SLOTS)}")
        names.append(slot)
    if not names or names != sorted(set(names), key=SLOTS.index):
        raise PlanFileError(f"{where}: meals must be some of {', '.join(SLOTS)}, once each, in that order")
    return names


def _days(raw, foods: pd.DataFrame, refused: dict[str, str], schema: int, dishes) -> list[Day]:
    of_kind(raw, list, "days")
    if not 1 <= len(raw) <= MAX_DAYS:
        raise PlanFileError(f"the plan has {len(raw) or 'no'} days; a plan has 1 to {MAX_DAYS}")
    days, slots = [], None
    for d, day in enumerate(raw):
        where = f"day {d + 1}"
        of_kind(day, dict, where)
        index = field_of(day, "index", f"{where}: ")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < MAX_DAYS:
            raise PlanFileError(f"{where}: index {shown(index)} must be a whole number from 0 to {MAX_DAYS - 1}")
        if index != d:
            again = "appears twice" if index < d else "is out of order"
            raise PlanFileError(f"{where}: index {index} {again}; days are numbered 0, 1, 2 … once each, in order")
        meals = of_kind(field_of(day, "meals", f"{where}: "), list, f"{where}: meals")
        names = _slots(meals, where)
        if slots is not None and names != slots:
            raise PlanFileError(f"{where}: meals must be the same as day 1's ({', '.join(slots)})")
        slots = names
        out = []
        for meal in meals:
            here = f"{where}, {meal['slot']}"
            key = "items" if schema == 1 else "dishes"
            parts = of_kind(field_of(meal, key, f"{here}: "), list, f"{here}: {key}")
            if len(parts) > MAX_ITEMS:
                raise PlanFileError(f"{here}: {len(parts)} {key}; a meal has at most {MAX_ITEMS}")
            if schema == 1:  # foods, read as one-ingredient dishes
                items = [_item(item, f"{here}, item {k + 1}", foods, refused) for k, item in enumerate(parts)]
                out.append(Meal(meal["slot"], tuple(DishServing(i.food_id, i.name, i.portions, i.label, (), (i,))
                                                    for i in items)))
            else:
                out.append(Meal(meal["slot"], tuple(_dish(dish, f"{here}, dish {k + 1}", dishes, foods, refused)
                                                    for k, dish in enumerate(parts))))
        days.append(Day(d, tuple(out)))
    return days


def plan_from_data(data, foods: pd.DataFrame) -> Plan:
    """A Plan from parsed JSON: every value checked, everything derived recomputed from `foods`."""
    if not isinstance(data, dict) or "schema" not in data:
        raise PlanFileError("this is not a Cramp Menu plan (it has no 'schema' field)")
    if isinstance(data["schema"], bool) or data["schema"] not in (1, SCHEMA_VERSION):
        raise PlanFileError(f"this plan has schema {shown(data['schema'])}; this version reads schemas 1 and "
                            f"{SCHEMA_VERSION}")
    targets = _targets(field_of(data, "targets", ""))
    dishes = plannable_dishes(foods) if data["schema"] != 1 else {}  # read once, for the days and the choices
    asked = None if data.get("asked") is None else _asked(data["asked"], foods, dishes)
    made = asked_settings(asked or Asked(), targets.diet, targets.profile.condition != "none")
    rule = made.food_filter
    refused = dropped_reasons(foods.assign(slots=foods.slots.fillna("dish")) if data["schema"] != 1 else foods, rule)
    days = _days(field_of(data, "days", ""), foods, refused, data["schema"], dishes)
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise PlanFileError(f"seed {shown(seed)} must be a whole number from 0 to {MAX_SEED}")
    solver = text_in(field_of(data, "solver", ""), "solver")
    if not _SOLVER_NAME.fullmatch(solver):
        raise PlanFileError(f"solver {shown(solver)} is not a solver's name")
    status = field_of(data, "status", "")
    if status not in STATUSES:
        raise PlanFileError(f"status {shown(status)} must be one of: {', '.join(STATUSES)}")
    objective = number_in(field_of(data, "objective", ""), "objective", low=-MAX_AMOUNT)
    seconds = number_in(field_of(data, "seconds", ""), "seconds")
    settings = replace(made, days=len(days), slots=tuple(m.slot for m in days[0].meals), seed=seed)
    counted = as_counted(foods, rule)  # its vitamin D as the planner counted it
    plan = assemble_plan(targets, days, settings, counted, solver=solver, status=status, objective=objective,
                         seconds=seconds, notes=())
    ids = [item.food_id for _, _, item in plan.items()]
    notes = missing_value_notes(ids, foods) + plan_notes(ids, foods) + over_limits(plan.daily_totals, plan.targets)
    return replace(plan, notes=notes, checked=_checked(data.get("checked", []), set(ids)), asked=asked)


_CHOICES = {  # field of "asked" -> what each item must be
    "allergens": "an allergen this planner knows (" + ", ".join(ALLERGENS) + ")",
    "exclude": "a food of the food table",
    "liked": "a food of the food table",
    "exclude_dishes": "a dish this planner knows",
}


def _asked(raw, foods: pd.DataFrame, dishes) -> Asked:
    """The person's own food choices, each checked: known allergens, foods and dishes, each listed once."""
    of_kind(raw, dict, "asked")
    for key in raw:
        if key not in (*_CHOICES, "fortified_available"):
            raise PlanFileError(f"asked: unknown field {shown(key)}")
    known = {"allergens": set(ALLERGENS), "exclude": set(foods.index), "liked": set(foods.index),
             "exclude_dishes": set(dishes)}
    chosen = {}
    for key, kind in _CHOICES.items():
        items = of_kind(raw.get(key, []), list, f"asked: {key}")
        if len(items) > max(len(known[key]), 1):
            raise PlanFileError(f"asked: {key} lists {len(items)} items; there are only {len(known[key])}")
        chosen[key] = _each_once(items, f"asked: {key}", known[key], f"is not {kind}", "is listed twice")
    fortified = raw.get("fortified_available", True)
    if not isinstance(fortified, bool):
        raise PlanFileError(f"asked: fortified_available {shown(fortified)} must be true or false")
    return Asked(chosen["allergens"], chosen["exclude"], fortified, chosen["liked"], chosen["exclude_dishes"])


def _checked(raw, listed: set[str]) -> tuple[str, ...]:
    """The shopping list's ticks: food ids of this plan, each once (files saved before ticks existed have none)."""
    of_kind(raw, list, "checked")
    if len(raw) > len(listed):
        raise PlanFileError(f"checked: {len(raw)} ticks, but the plan's shopping list has {len(listed)} items")
    return tuple(sorted(_each_once(raw, "checked", listed, "is not on this plan's shopping list", "is ticked twice")))


def _each_once(items: list, where: str, known: set[str], unknown: str, twice: str) -> tuple[str, ...]:
    """Texts from a file's list, each one of `known` and listed once; the first that is not is named."""
    out: list[str] = []
    for k, item in enumerate(items):
        what = f"{where}, item {k + 1}"
        item = text_in(item, what)
        if item not in known:
            raise PlanFileError(f"{what}: {shown(item)} {unknown}")
        if item in out:
            raise PlanFileError(f"{what}: {shown(item)} {twice}")
        out.append(item)
    return tuple(out)


def read_plan(data: str | bytes, foods: pd.DataFrame) -> Plan:
    """A plan from a file's contents, or PlanFileError naming the first thing wrong."""
    return plan_from_data(parse(data), foods)


def read_plan_file(path: str | Path, foods: pd.DataFrame) -> Plan:
    """A plan from a file on disk, reading no more than the size cap allows."""
    with open(path, "rb") as fh:
        return read_plan(fh.read(MAX_PLAN_BYTES + 1), foods)


def read_plan_upload(data: bytes, foods: pd.DataFrame) -> tuple[Plan | None, str | None]:
    """A plan from an uploaded file, or a plain sentence saying why not (nothing raised)."""
    try:
        return read_plan(data, foods), None
    except PlanFileError as exc:
        return None, f"That file could not be opened as a plan: {exc}. Your current plan is unchanged."
