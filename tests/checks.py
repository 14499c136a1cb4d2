"""Checks shared by the model tests and the sweep: every figure recomputed from the plan's grams."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.dishes import load_dishes
from planner.foods import FoodFilter, filter_foods
from planner.settings import PlanSettings

TOL = 1e-6
_DISHES = {}


def dishes_of(foods):
    """The dish table, loaded once per food table."""
    if id(foods) not in _DISHES:
        _DISHES[id(foods)] = load_dishes(foods)
    return _DISHES[id(foods)]


def recompute(plan, foods) -> list[dict]:
    """Each day's totals from grams x USDA values per 100 g (missing values as 0), ignoring the solver."""
    days = []
    for day in plan.days:
        grams = pd.Series(dtype=float)
        for meal in day.meals:
            for item in meal.items:
                grams[item.food_id] = grams.get(item.food_id, 0.0) + item.grams
        table = foods.loc[grams.index]
        days.append({c: float((table[c].fillna(0) * grams / 100).sum()) for c in foods.columns
                     if c.endswith(("_mg", "_ug", "_g", "_kcal")) and c not in ("portion_g", "purchase_g")})
    return days


def check_plan(plan, foods, rule: FoodFilter, settings_: PlanSettings):
    """Limits never passed, every miss said, only allowed dishes, in halves within their servings."""
    targets, dishes = plan.targets, dishes_of(foods)
    figures = filter_foods(foods.assign(slots="breakfast"), rule)  # what may be eaten, as the planner counts it
    days = recompute(plan, figures)
    assert len(days) == settings_.days
    for d, totals in enumerate(days):
        for key, amount in plan.daily_totals[d].items():
            assert amount == pytest.approx(totals[key], abs=0.01), (d, key)
        for t in targets.nutrients:  # ULs, the sodium CDRR, preformed vitamin A: never over, any day
            if t.max is not None:
                assert totals[t.key] <= t.max + TOL, (d, t.key)
    check_every_miss_is_said(plan, figures, settings_.daily_floor)
    for day in plan.days:
        served = [d.dish_id for m in day.meals for d in m.dishes]
        assert len(served) == len(set(served)), day.index  # a dish at most once a day
        for meal in day.meals:
            for dish in meal.dishes:
                known = dishes[dish.dish_id]
                assert meal.slot in known.slots
                assert set(known.food_ids) <= set(figures.index), dish.dish_id
                assert dish.servings * 2 == int(dish.servings * 2)
                assert known.min_servings <= dish.servings <= known.max_servings
    for _, _, item in plan.items():
        assert foods.at[item.food_id, "avoid"] == "no"


def check_every_miss_is_said(plan, foods, daily_floor: float = 0.9):
    """Recompute each day from grams and check that every miss the plan has is among its shortfalls."""
    days, t = recompute(plan, foods), plan.targets
    said = {(s.key, s.day, s.week, s.over) for s in plan.shortfalls}
    for d, day in enumerate(days):
        if day["energy_kcal"] < t.energy_min * 0.995:
            assert ("energy_kcal", d, None, False) in said, (d, day["energy_kcal"])
        if day["energy_kcal"] > t.energy_max * 1.005:
            assert ("energy_kcal", d, None, True) in said, (d, day["energy_kcal"])
        protein = t.get("protein_g").min
        if day["protein_g"] < protein * 0.995:
            assert ("protein_g", d, None, False) in said, (d, day["protein_g"])
        for key in ("potassium_mg", "magnesium_mg", "calcium_mg"):
            target = t.get(key)
            if target.min and day[key] < daily_floor * target.min * 0.995:
                assert (key, d, None, False) in said, (key, d)
    weeks = [range(w, min(w + 7, len(days))) for w in range(0, len(days), 7)]
    for target in t.nutrients:
        if not target.min:
            continue
        mean = sum(day[target.key] for day in days) / len(days)
        if mean < target.min * 0.995:
            assert (target.key, None, None, False) in said, target.key
        for w, span in enumerate(weeks if len(weeks) > 1 else []):
            if sum(days[d][target.key] for d in span) / len(span) < target.min * 0.995:
                assert (target.key, None, w, False) in said, (target.key, w)
    if not plan.shortfalls:  # "meets every target" only when it is true
        for target in t.nutrients:
            assert not target.min or sum(day[target.key] for day in days) / len(days) >= target.min * 0.995
