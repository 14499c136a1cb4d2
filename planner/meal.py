"""Change one meal of a plan and nothing else: another idea for it, or the same meal without one dish or food.

Every other meal of the meal's week is kept as it is (locks), and in that one meal the model may not serve the
dishes asked away; the rest of the person's choices (the food rule, dishes left out) stay as they were, so a
food swapped out of one meal is still planned elsewhere. Built from the model's own parts (planner.model)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from planner.constants import WEEK
from planner.dishes import Dish, plannable_dishes
from planner.extract import PlanError, assemble_plan, extract_plan
from planner.model import allowed_dishes, build_model, day_before, nutrient_foods, solve
from planner.plan import Day, Plan
from planner.session import MealKey, asked_away, meal_of
from planner.settings import Ban, Lock, PlanSettings
from planner.targets import Targets


def replan_meal(plan: Plan, foods: pd.DataFrame, targets: Targets, settings: PlanSettings, key: MealKey,
                kind: str | None = None, ident: str | None = None, dishes: Mapping[str, Dish] | None = None) -> Plan:
    """`plan` with meal `key` (day, slot) planned again. kind None: another idea, none of the meal's dishes;
    kind 'dish' or 'food': the meal without that dish, or without every dish holding that food. `dishes`: the
    food table's dishes when the caller has them (default: read from the dish files)."""
    meal = meal_of(plan, key)
    if meal is None:
        raise PlanError(f"this plan has no {key[1]} on day {key[0] + 1}")
    day, slot = key
    allowed = allowed_dishes(plannable_dishes(foods) if dishes is None else dishes, foods, settings)
    banned = asked_away([meal], allowed, kind, ident)
    start = day // WEEK * WEEK
    week_days = plan.days[start:start + WEEK]
    locks = tuple(Lock(d.index - start, m.slot, tuple((x.dish_id, x.servings) for x in m.dishes))
                  for d in week_days for m in d.meals if (d.index, m.slot) != key)
    slots = tuple(m.slot for m in plan.days[0].meals)
    week = replace(settings, days=len(week_days), slots=slots, locks=locks, seed=settings.seed + start,
                   bans=(Ban(day - start, slot, tuple(sorted(banned))),))
    yesterday = day_before(plan.days[start - 1], foods) if start else ()  # as plan_week: the day before the week
    model = build_model(allowed, nutrient_foods(foods, settings), targets, week, yesterday)
    result = solve(model)
    part = extract_plan(model, result, foods) if result.status != "no plan" else None
    if part is None or (meal.dishes and not part.days[day - start].meals[slots.index(slot)].dishes):
        raise PlanError(f"No other {slot} fits day {day + 1} while every other meal of the week stays as it is; "
                        f"try 'Re-plan day {day + 1}' or 'Regenerate the week' instead.")
    days = list(plan.days)
    days[start:start + len(week_days)] = [Day(start + d.index, d.meals) for d in part.days]
    notes = part.notes if len(plan.days) <= WEEK else tuple(dict.fromkeys(plan.notes + part.notes))
    return assemble_plan(targets, days, replace(settings, days=len(days), slots=slots), foods, solver=part.solver,
                         status=part.status, objective=part.objective, seconds=part.seconds, notes=notes)
