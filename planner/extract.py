"""Read a solved model back into a Plan, recomputing every total from grams, and explain shortfalls."""

from __future__ import annotations

import pandas as pd

from planner.advice import cannot_cover, plan_notes
from planner.constants import STEP, TOLERANCE, WEEK, WEEKLY_ONLY
from planner.foods import FoodFilter, dropped_reasons
from planner.measures import portion_text
from planner.model import MenuModel, SolveResult
from planner.nutrients import BY_KEY, ENERGY, PRIMARY
from planner.plan import Day, DishServing, Meal, Plan, PlanItem, Shortfall, day_totals, missing_value_notes
from planner.quality import advice as hei_advice
from planner.quality import below_goal, hei2020


class PlanError(RuntimeError):
    """The solver returned no plan at all; the message says what to change."""


def extract_plan(model: MenuModel, result: SolveResult, all_foods: pd.DataFrame) -> Plan:
    if result.status == "no plan":
        raise PlanError(
            "The solver found no menu that keeps every safety limit. This happens when locked meals already "
            "go over an upper limit: unlock some meals and try again."
        )
    foods, settings, targets = model.foods, model.settings, model.targets
    days, totals = [], []
    for d in range(settings.days):
        meals, eaten = [], []
        for s in settings.slots:
            dishes = []
            for k, dish in model.dishes.items():
                if (k, d, s) not in model.serve or round(model.serve[k, d, s].varValue or 0) != 1:
                    continue
                servings = round(sum((var.varValue or 0) * mult for var, mult in model.steps[k, d, s])) * STEP
                items = tuple(ingredient_at(i, servings, foods) for i in dish.ingredients)
                dishes.append(DishServing(k, dish.name, servings, portion_text(servings, dish.serving_label),
                                          dish.method, items))
                eaten += [(i.food_id, i.grams) for i in items]
            meals.append(Meal(s, tuple(dishes)))
        days.append(Day(d, tuple(meals)))
        totals.append(day_totals(eaten, foods))
    plan_ids = [f for day in days for meal in day.meals for f in (i.food_id for i in meal.items)]
    return _assemble(targets, days, totals, settings, all_foods, solver=result.solver, status=result.status,
                     objective=round(result.objective, 4), seconds=round(model.build_seconds + result.seconds, 3),
                     notes=tuple(model.notes) + missing_value_notes(plan_ids, foods) + plan_notes(plan_ids, foods))


def ingredient_at(ingredient, servings: float, foods: pd.DataFrame) -> PlanItem:
    grams = round(ingredient.grams * servings, 1)
    label = portion_text(servings, ingredient.measure) if ingredient.measure else f"{grams:.0f} g"
    return PlanItem(ingredient.food_id, ingredient.name, grams, round(grams / float(foods.at[ingredient.food_id,
                                                                                           "portion_g"]), 3), label)


def join_plans(parts: list[Plan], settings, all_foods: pd.DataFrame) -> Plan:
    """One plan from consecutive parts (weeks), days renumbered and shortfalls judged over the whole."""
    days = [Day(i, day.meals) for i, day in enumerate(d for part in parts for d in part.days)]
    totals = [t for part in parts for t in part.daily_totals]
    return _assemble(parts[0].targets, days, totals, settings, all_foods, solver=parts[0].solver,
                     status="optimal" if all(p.status == "optimal" for p in parts) else "best found in time",
                     objective=round(sum(p.objective for p in parts), 4),
                     seconds=round(sum(p.seconds for p in parts), 3),
                     notes=tuple(dict.fromkeys(n for p in parts for n in p.notes)))


def assemble_plan(targets, days, settings, all_foods: pd.DataFrame, **solved) -> Plan:
    """A Plan from checked days: every total and shortfall derived from their grams and the food table."""
    totals = [day_totals([(i.food_id, i.grams) for m in d.meals for i in m.items], all_foods) for d in days]
    return _assemble(targets, days, totals, settings, all_foods, **solved)


def _assemble(targets, days, totals, settings, all_foods, **solved) -> Plan:
    average = {k: round(sum(t[k] for t in totals) / len(totals), 3) for k in totals[0]}
    grams: dict[str, float] = {}
    for day in days:
        for meal in day.meals:
            for item in meal.items:
                grams[item.food_id] = grams.get(item.food_id, 0.0) + item.grams
    score = hei2020(grams, all_foods)
    quality = {"hei2020": {**score.to_dict(), "advice": list(hei_advice(score))}}
    note = below_goal(score)
    if note:
        quality["hei2020"]["note"] = note
    return Plan(targets=targets, days=tuple(days), daily_totals=tuple(totals), weekly_average=average,
                shortfalls=tuple(find_shortfalls(totals, average, targets, settings, all_foods)),
                seed=settings.seed, advice=cannot_cover(targets, average), quality=quality, asked=settings.asked(),
                **solved)


ENERGY_SHORT = ("energy is a goal below the minerals and the safety limits; a bigger serving or one more snack "
                "closes the gap")
ENERGY_OVER = "the foods that carry the minerals also carry energy; smaller servings of grains and fats help"


def find_shortfalls(totals, average, targets, settings, all_foods) -> list[Shortfall]:
    """Every target the plan misses: each minimum's average (over the plan and, in plans over a week, each
    calendar week), each day's cramp minerals at the daily floor, protein every day, and energy outside its
    band on any day. Judged on the recomputed totals, not on the solver's figures."""
    out = []
    weeks = [range(w, min(w + WEEK, len(totals))) for w in range(0, len(totals), WEEK)] if len(totals) > WEEK else []
    for t in targets.nutrients:
        if not t.min:
            continue
        why = None
        if average[t.key] < t.min * (1 - TOLERANCE):
            why = why_short(t.key, settings.food_filter, all_foods)
            out.append(Shortfall(t.key, average[t.key], t.min, t.unit, None, why))
        for w, span in enumerate(weeks):
            mean = sum(totals[d][t.key] for d in span) / len(span)
            if mean < t.min * (1 - TOLERANCE):
                why = why or why_short(t.key, settings.food_filter, all_foods)
                out.append(Shortfall(t.key, round(mean, 3), t.min, t.unit, None, why, week=w))
        if t.key in PRIMARY and t.key not in WEEKLY_ONLY:
            floor = settings.daily_floor * t.min
            out += [Shortfall(t.key, day[t.key], floor, t.unit, d, f"below the daily floor of "
                              f"{settings.daily_floor:.0%} of {t.min:g} {t.unit}")
                    for d, day in enumerate(totals) if day[t.key] < floor * (1 - TOLERANCE)]
        if t.key == "protein_g":
            out += [Shortfall(t.key, day[t.key], t.min, t.unit, d, "below the daily need")
                    for d, day in enumerate(totals) if day[t.key] < t.min * (1 - TOLERANCE)]
    for d, day in enumerate(totals):
        if day[ENERGY] < targets.energy_min * (1 - TOLERANCE):
            out.append(Shortfall(ENERGY, day[ENERGY], targets.energy_min, "kcal", d, ENERGY_SHORT))
        elif day[ENERGY] > targets.energy_max * (1 + TOLERANCE):
            out.append(Shortfall(ENERGY, day[ENERGY], targets.energy_max, "kcal", d, ENERGY_OVER, over=True))
    return out


# Well-established, dose-free advice for the two shortfalls food alone often cannot close.
HINTS = {
    "vitamin_b12_ug": "vitamin B12 comes almost only from animal foods: vegans need fortified foods or a "
                      "supplement; ask your doctor or pharmacist",
    "vitamin_d_ug": "the skin makes vitamin D in summer sun; many people need a supplement in winter; "
                    "ask your doctor or pharmacist",
    "iron_mg": "iron from plants is absorbed better with vitamin C in the same meal; if you are often tired or "
               "pale, ask your doctor to check your iron before taking a supplement",
}


def why_short(key: str, rule: FoodFilter, all_foods: pd.DataFrame, top: int = 4) -> str:
    reason = _left_out(key, rule, all_foods, top)
    return f"{reason}. {HINTS[key][0].upper() + HINTS[key][1:]}." if key in HINTS else reason


def _left_out(key: str, rule: FoodFilter, all_foods: pd.DataFrame, top: int) -> str:
    """Which of the richest sources (per portion) were left out, and why."""
    eligible = all_foods[(all_foods.avoid == "no") & all_foods.slots.notna()]
    per_portion = (eligible[key].fillna(0) * eligible.portion_g / 100).sort_values(ascending=False)
    richest = per_portion.index[:top]
    dropped = dropped_reasons(all_foods.loc[richest], rule)
    name = BY_KEY[key].label
    listed = ", ".join(all_foods.at[f, "name"] for f in richest)
    if not dropped:
        return f"the richest sources ({listed}) are in the plan's pool, but a week can hold only so much of them"
    gone = "; ".join(f"{all_foods.at[f, 'name']} ({why})" for f, why in dropped.items())
    return f"the foods richest in {name} were left out: {gone}"
