"""What the page remembers between plans, as pure functions: whether a plan still fits the sidebar, which Keep
ticks still hold after a re-plan, which meals a swap touches, and the choices the sidebar offers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd

from planner.dishes import Dish
from planner.foods import FoodFilter, dropped_reasons
from planner.plan import Meal, Plan
from planner.settings import PlanSettings, asked_settings, locks_from_plan
from planner.targets import Targets

MealKey = tuple[int, str]  # (0-based day, slot)
STAGES = ("Not pregnant or breastfeeding", "Pregnant", "Breastfeeding")
LISTS = {"dish": ("disliked_dishes", "Dishes I don't want"), "food": ("disliked", "Foods I don't eat")}  # key, label


def basis(settings: PlanSettings) -> tuple:
    """What a plan was asked for besides the targets (the food rule, liked foods, dishes left out), order ignored:
    two settings with the same basis and the same targets ask for the same kind of week."""
    rule = settings.food_filter
    return (rule.diet, frozenset(rule.allergens), frozenset(rule.exclude), rule.pregnant_or_lactating,
            rule.fortified_available, frozenset(settings.liked), frozenset(settings.exclude_dishes))


def ruled_out(plan: Plan, foods: pd.DataFrame, settings: PlanSettings) -> list[str]:
    """The plan's foods and dishes that these settings no longer allow, each with its reason: 'Cod (contains
    fish)'. Inside a dish a food needs no meal slot of its own, so only the rule's own reasons count."""
    reasons = dropped_reasons(foods.assign(slots="dish"), settings.food_filter)
    out = []
    for food_id in dict.fromkeys(i.food_id for _, _, i in plan.items()):
        if food_id in reasons:
            out.append(f"{foods.at[food_id, 'name']} ({reasons[food_id]})")
    left_out = set(settings.exclude_dishes)
    dishes = {d.dish_id: d.name for day in plan.days for m in day.meals for d in m.dishes if d.dish_id in left_out}
    return out + [f"{name} (a dish you left out)" for name in dishes.values()]


def fits(plan: Plan, targets: Targets, settings: PlanSettings, made: tuple | None, foods: pd.DataFrame):
    """(whether the plan still fits the sidebar, what in it the sidebar now rules out). `made`: the basis the plan
    was made with, None when unknown (an opened plan: its file says nothing of allergies or foods left out)."""
    ruled = ruled_out(plan, foods, settings)
    return plan.targets == targets and made in (None, basis(settings)) and not ruled, ruled


def opened_basis(plan: Plan) -> tuple | None:
    """The basis an opened plan was made with, None when its file does not say (saved before plans kept it)."""
    if plan.asked is None:
        return None
    return basis(asked_settings(plan.asked, plan.targets.diet, plan.targets.profile.condition != "none"))


def widget_values(plan: Plan) -> dict:
    """The sidebar's widget values that give this plan's profile, diet, days and meals."""
    p = plan.targets.profile
    stage = STAGES[1] if p.pregnancy_trimester else STAGES[2] if p.lactation_months is not None else STAGES[0]
    body = p.height_cm is not None and p.weight_kg is not None
    values = {"sex": p.sex, "age": p.age, "stage": stage, "activity": p.activity, "use_body": body,
              "kidney": p.kidney_or_potassium_drugs, "diet": plan.targets.diet, "days": len(plan.days),
              "slots": [m.slot for m in plan.days[0].meals]}
    optional = {"trimester": p.pregnancy_trimester, "months": p.lactation_months,
                "height": p.height_cm if body else None, "weight": p.weight_kg if body else None,
                "potassium_max": None if p.potassium_max_mg is None else round(p.potassium_max_mg)}
    asked = plan.asked
    if asked is not None:  # an older file says nothing of these: the sidebar keeps what it has
        values |= {"allergens": list(asked.allergens), "disliked": list(asked.exclude), "liked": list(asked.liked),
                   "fortified": asked.fortified_available, "disliked_dishes": list(asked.exclude_dishes)}
    return values | {k: v for k, v in optional.items() if v is not None}


def swap_settings(plan: Plan, settings: PlanSettings, kind: str, ident: str) -> PlanSettings:
    """Settings that swap a dish or a food out of the whole week: it is left out, and every meal without it kept."""
    rule, dishes = left_out(settings.food_filter, settings.exclude_dishes, kind, ident)
    return replace(settings, food_filter=rule, exclude_dishes=dishes,
                   locks=locks_from_plan(plan, all_meals(plan) - meals_holding(plan, kind, ident)))


def left_out(rule: FoodFilter, dishes: tuple[str, ...], kind: str, ident: str) -> tuple[FoodFilter, tuple[str, ...]]:
    """A food rule and the dishes left out, with one more dish ("dish") or food ("food") left out, once: one
    person's swap and a household member's."""
    if kind == "dish":
        return rule, tuple(dict.fromkeys((*dishes, ident)))
    return replace(rule, exclude=tuple(dict.fromkeys((*rule.exclude, ident)))), dishes


def meal_of(plan: Plan, key: MealKey) -> Meal | None:
    day, slot = key
    if not 0 <= day < len(plan.days):
        return None
    return next((m for m in plan.days[day].meals if m.slot == slot), None)


def kept_ticks(old: Plan, new: Plan, ticked: Iterable[MealKey]) -> set[MealKey]:
    """The Keep ticks that still hold after a re-plan: those on meals that stayed exactly as they were."""
    return {k for k in ticked if meal_of(old, k) is not None and meal_of(old, k) == meal_of(new, k)}


def holds(meal: Meal, kind: str, ident: str) -> bool:
    """Whether a meal holds this dish (kind 'dish') or this food (kind 'food')."""
    if kind == "dish":
        return ident in {d.dish_id for d in meal.dishes}
    return ident in {i.food_id for i in meal.items}


def meals_holding(plan: Plan, kind: str, ident: str) -> set[MealKey]:
    return {(d.index, m.slot) for d in plan.days for m in d.meals if holds(m, kind, ident)}


def asked_away(meals: Iterable[Meal], dishes: Mapping[str, Dish], kind: str | None = None,
               ident: str | None = None) -> set[str]:
    """The dishes not to serve when a meal is planned again. kind None: another idea, none of the dishes `meals` had
    (one person's meal, or every member's at that meal); 'dish': that dish; 'food': every dish holding that food."""
    if kind is None:
        return {d.dish_id for m in meals for d in m.dishes}
    if kind == "dish":
        return {ident}
    if kind == "food":
        return {k for k, d in dishes.items() if ident in d.food_ids}
    raise ValueError(f"kind must be None, 'dish' or 'food', not {kind!r}")


def all_meals(plan: Plan) -> set[MealKey]:
    return {(d.index, m.slot) for d in plan.days for m in d.meals}


def swap_choices(meals: Iterable[Meal]) -> dict[str, str]:
    """'dish:<id>' and 'food:<id>' -> what the swap box shows, for the dishes and foods of these meals."""
    meals = list(meals)
    choices = {f"dish:{d.dish_id}": f"Dish: {d.name}" for m in meals for d in m.dishes}
    return choices | {f"food:{i.food_id}": f"Food: {i.name}" for m in meals for i in m.items}


def food_options(foods: pd.DataFrame, dishes: Mapping[str, Dish]) -> dict[str, str]:
    """Food id -> name, by name, for 'Foods I don't eat' and 'liked': every food a meal or a dish may hold, so a
    food swapped out of a dish (an onion, a lemon's juice) can be shown there too."""
    usable = foods[foods.avoid == "no"]
    ids = set(usable[usable.slots.notna()].index) | {i.food_id for d in dishes.values() for i in d.ingredients}
    ids &= set(usable.index)
    return dict(sorted(((f, str(usable.at[f, "name"])) for f in ids), key=lambda p: (p[1].lower(), p[0])))


def dish_options(dishes: Mapping[str, Dish]) -> dict[str, str]:
    """Dish id -> name, by name, for 'Dishes I don't want'."""
    return dict(sorted(((k, d.name) for k, d in dishes.items()), key=lambda p: (p[1].lower(), p[0])))


def in_both(liked: Iterable[str], disliked: Iterable[str]) -> list[str]:
    """Foods both liked and not eaten, in the liked order: they are left out, and the page says so."""
    disliked = set(disliked)
    return [f for f in liked if f in disliked]


def meal_name(key: MealKey) -> str:
    return f"Day {key[0] + 1} {key[1]}"
