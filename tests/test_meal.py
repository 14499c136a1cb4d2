"""One meal changed and nothing else (planner/meal.py), and the page's pure helpers (planner/session.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.dishes import plannable_dishes
from planner.extract import PlanError
from planner.foods import FoodFilter
from planner.meal import replan_meal
from planner.session import basis, fits, kept_ticks, meal_of, ruled_out, swap_settings
from planner.settings import PlanSettings
from planner.targets import Profile, targets_for
from tests.conftest import make_plan

PROFILE = Profile("female", 28, pregnancy_trimester=2)


def settings_for(plan) -> PlanSettings:
    return PlanSettings(days=len(plan.days), food_filter=FoodFilter(pregnant_or_lactating=True), time_limit_s=10.0,
                        seed=plan.seed)


def others_equal(old, new, key) -> bool:
    return all(meal_of(new, (d.index, m.slot)) == m for d in old.days for m in d.meals if (d.index, m.slot) != key)


def test_another_idea_in_the_second_week_of_a_long_plan(foods):
    plan, settings = make_plan(foods, PROFILE, days=9)
    key = (8, "dinner")
    again = replan_meal(plan, foods, targets_for(PROFILE), replace(settings, seed=1), key)
    old, new = meal_of(plan, key), meal_of(again, key)
    assert new.dishes and not {d.dish_id for d in old.dishes} & {d.dish_id for d in new.dishes}
    assert others_equal(plan, again, key) and len(again.days) == 9
    # totals are the new meals' own: recomputed from grams, not carried over
    assert again.daily_totals[8] != plan.daily_totals[8] and again.daily_totals[:8] == plan.daily_totals[:8]


def test_a_food_swapped_in_one_meal_only(pregnant_plan, foods):
    key = (1, "lunch")
    food = sorted(i.food_id for i in meal_of(pregnant_plan, key).items)[0]
    again = replan_meal(pregnant_plan, foods, targets_for(PROFILE), settings_for(pregnant_plan), key, "food", food)
    assert food not in {i.food_id for i in meal_of(again, key).items}
    assert others_equal(pregnant_plan, again, key)


def test_no_other_meal_is_said_plainly(pregnant_plan, foods):
    key = (0, "breakfast")
    dishes = {d.dish_id for d in meal_of(pregnant_plan, key).dishes}
    # every breakfast dish but this meal's own is left out: there is nothing else to serve
    others = tuple(k for k, d in plannable_dishes(foods).items() if "breakfast" in d.slots and k not in dishes)
    settings = replace(settings_for(pregnant_plan), exclude_dishes=others)
    with pytest.raises(PlanError, match="No other breakfast fits day 1"):
        replan_meal(pregnant_plan, foods, targets_for(PROFILE), settings, key)


def test_a_plan_stops_fitting_when_an_allergy_rules_out_its_food(pregnant_plan, foods):
    settings = settings_for(pregnant_plan)
    targets = targets_for(PROFILE)
    assert fits(pregnant_plan, targets, settings, basis(settings), foods) == (True, [])
    fish = replace(settings, food_filter=replace(settings.food_filter, allergens=("fish",)))
    fit, ruled = fits(pregnant_plan, targets, fish, basis(settings), foods)
    assert not fit and ruled == ruled_out(pregnant_plan, foods, fish) and all("contains fish" in r for r in ruled)


def test_ticks_stay_on_unchanged_meals_only(pregnant_plan, foods):
    settings = settings_for(pregnant_plan)
    food = sorted(i.food_id for i in meal_of(pregnant_plan, (2, "dinner")).items)[0]
    swap = swap_settings(pregnant_plan, settings, "food", food)
    kept = {(lock.day, lock.slot) for lock in swap.locks}
    assert (2, "dinner") not in kept and food in swap.food_filter.exclude
    again = replan_meal(pregnant_plan, foods, targets_for(PROFILE), settings, (2, "dinner"), "food", food)
    assert kept_ticks(pregnant_plan, again, {(2, "dinner"), (0, "lunch")}) == {(0, "lunch")}
