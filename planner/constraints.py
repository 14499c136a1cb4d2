"""The model's constraint families, each a named function over a MenuModel: locks, structure, variety,
nutrients, safety and preferences. Every constraint is named after what it asks (PuLP shows the names)."""

from __future__ import annotations

import math

import pulp

from planner.constants import (
    ITEMS,
    LIKED_DAYS,
    NO_DAY_LIMIT,
    NOT_AN_ITEM,
    PERISHABLE,
    REQUIRED,
    ROLE_CAPS,
    STEP,
    USE_PACK_MIN_DAYS,
    W_DAILY_PRIMARY,
    W_DAILY_PROTEIN,
    W_DISTINCT,
    W_ENERGY,
    W_LIKED,
    W_SAT_FAT,
    W_STRUCTURE,
    W_WEEKLY_PRIMARY,
    W_WEEKLY_SECONDARY,
    WEEKLY_ONLY,
)
from planner.limits import SAT_FAT_KCAL_PER_G, SAT_FAT_SHARE, group_limits
from planner.nutrients import ENERGY, PRIMARY, SAT_FAT


def slug(text: str) -> str:
    """A food id as part of a constraint name (PuLP rewrites '-')."""
    return text.replace("-", "_")


def linear(terms) -> pulp.LpAffineExpression:
    """A linear expression from (variable, coefficient) pairs: much faster to build than lpSum of products."""
    expr = pulp.LpAffineExpression()
    for var, coef in terms:
        if coef:
            expr[var] = expr.get(var, 0) + coef
    return expr


def locks(m) -> None:
    """Meals the person keeps stay exactly as they are; a kept food no longer allowed is left out, with a note."""
    for lock in m.settings.locks:
        if lock.day >= m.settings.days or lock.slot not in m.settings.slots:
            continue
        keep = {}
        for food_id, portions in lock.items:
            if (food_id, lock.day, lock.slot) in m.serve:
                keep[food_id] = round(portions / STEP)
            else:
                m.notes.append(f"Day {lock.day + 1} {lock.slot}: '{food_id}' is no longer allowed, so it was left out.")
        for (f, d, s), y in m.serve.items():
            if d == lock.day and s == lock.slot:
                if f in keep:
                    y.lowBound = y.upBound = 1
                    var, mult = m.steps[f, d, s]
                    if var is not y:
                        var.lowBound = var.upBound = keep[f] // mult
                else:
                    y.upBound = 0


def structure(m) -> None:
    """Meals look like meals: a few items, at most so many of each role, the core roles present."""
    role = m.foods.role.to_dict()
    by_meal: dict[tuple[int, str], list[str]] = {}
    for f, d, s in m.serve:
        by_meal.setdefault((d, s), []).append(f)
    for (d, s), meal_foods in by_meal.items():
        tag = f"d{d}__{s}"
        lo, hi = ITEMS[s]
        count = linear((m.serve[f, d, s], 1) for f in meal_foods if role[f] not in NOT_AN_ITEM)
        m.prob += count <= hi, f"{tag}__items_max"
        m.prob += count + m.slack(f"{tag}__items_short", W_STRUCTURE, hi) >= lo, f"{tag}__items_min"
        for r, cap in ROLE_CAPS[s].items():
            members = [f for f in meal_foods if role[f] == r]
            if len(members) > cap:
                m.prob += linear((m.serve[f, d, s], 1) for f in members) <= cap, f"{tag}__{r}_max"
        for f in meal_foods:
            if role[f] not in ROLE_CAPS[s]:
                m.serve[f, d, s].upBound = 0
        if s in REQUIRED:
            have = linear((m.serve[f, d, s], 1) for f in meal_foods if role[f] in REQUIRED[s])
            m.prob += have + m.slack(f"{tag}__core_missing", W_STRUCTURE) >= 1, f"{tag}__core"
        if s in ("lunch", "dinner"):
            veg = linear((m.serve[f, d, s], 1) for f in meal_foods if role[f] == "vegetable")
            m.prob += veg + m.slack(f"{tag}__veg_missing", W_STRUCTURE) >= 1, f"{tag}__vegetable"


def variety(m, yesterday_mains=()) -> None:
    """A food at most once a day and on so many days a week; no main two days running; enough different
    foods; fresh food bought in a pack used on a few days."""
    foods, settings = m.foods, m.settings
    role = foods.role.to_dict()
    pack_portions = (foods.purchase_g.fillna(0) * foods.purchase_yield / foods.portion_g).where(
        foods.aisle.isin(PERISHABLE), 0).to_dict()
    for f in foods.index:
        for d in m.days:
            terms = [(m.serve[f, d, s], 1) for s in settings.slots if (f, d, s) in m.serve]
            if terms:
                m.used[f, d] = linear(terms)
                if len(terms) > 1:
                    m.prob += m.used[f, d] <= 1, f"{slug(f)}__d{d}__once_a_day"
    max_days = math.ceil(settings.max_days_per_food * settings.days / 7)
    distinct = []
    for f in foods.index:
        f_days = [m.used[f, d] for d in m.days if (f, d) in m.used]
        if not f_days:
            continue
        if role[f] not in NO_DAY_LIMIT and settings.days > max_days:
            m.prob += pulp.lpSum(f_days) <= max_days, f"{slug(f)}__days_per_week_max"
        if role[f] == "main":
            if f in yesterday_mains and (f, 0) in m.used:
                m.prob += m.used[f, 0] <= 0, f"{slug(f)}__not_after_yesterday"
            for d in m.days[:-1]:
                if (f, d) in m.used and (f, d + 1) in m.used:
                    m.prob += m.used[f, d] + m.used[f, d + 1] <= 1, f"{slug(f)}__d{d}__not_two_days_running"
        w = m.prob.add_variable(f"distinct__{slug(f)}", cat="Binary")
        m.prob += w <= pulp.lpSum(f_days), f"{slug(f)}__distinct"
        distinct.append(w)
        # Use what you buy: fresh food sold in packs of several portions is, if bought, served on a few days.
        if settings.days >= USE_PACK_MIN_DAYS * 2 and role[f] not in NO_DAY_LIMIT and pack_portions[f] >= 3:
            for d in m.days:
                if (f, d) in m.used:
                    m.prob += m.used[f, d] <= w, f"{slug(f)}__d{d}__bought"
            m.prob += pulp.lpSum(f_days) >= USE_PACK_MIN_DAYS * w, f"{slug(f)}__use_the_pack"
    want = min(settings.min_distinct_foods, len(distinct))
    if want:
        short = m.prob.add_variable("distinct_short", 0, want)
        m.objective.append(W_DISTINCT * short)
        m.prob += pulp.lpSum(distinct) + short >= want, "distinct_foods_min"


def _day_totals(m, keys) -> dict:
    """(key, day) -> linear expression of the day's amount of each nutrient."""
    per_step = {k: (m.foods[k].fillna(0.0) * m.foods.portion_g / 100 * STEP).to_dict() for k in keys}
    by_day: dict[int, list] = {d: [] for d in m.days}
    for (f, d, _), (var, mult) in m.steps.items():
        by_day[d].append((f, var, mult))
    return {(k, d): linear((var, per_step[k][f] * mult) for f, var, mult in by_day[d])
            for k in keys for d in m.days}


def nutrients(m) -> None:
    """Upper limits hard every day; minimums soft (a penalised shortfall): each week's average, and every
    day for the cramp minerals (at the daily floor) and protein; energy inside its band; saturated fat
    under 10 % of energy."""
    targets, settings = m.targets, m.settings
    total = _day_totals(m, {t.key for t in targets.nutrients} | {ENERGY, SAT_FAT})
    n_days = settings.days
    for t in targets.nutrients:
        if t.max is not None:  # ULs, the sodium CDRR, a doctor's potassium limit: never relaxed
            for d in m.days:
                m.prob += total[t.key, d] <= t.max, f"d{d}__{t.key}__max"
        if not t.min:
            continue
        week = pulp.lpSum(total[t.key, d] for d in m.days)
        weight = W_WEEKLY_PRIMARY if t.key in PRIMARY else W_WEEKLY_SECONDARY
        m.prob += week + n_days * t.min * m.slack(f"{t.key}__week_short", weight) >= n_days * t.min, \
            f"{t.key}__week_min"
        daily = (t.key in PRIMARY and t.key not in WEEKLY_ONLY) or t.key == "protein_g"
        if daily:
            floor = settings.daily_floor if t.key in PRIMARY else 1.0
            w = W_DAILY_PRIMARY if t.key in PRIMARY else W_DAILY_PROTEIN
            for d in m.days:
                m.prob += total[t.key, d] + t.min * m.slack(f"d{d}__{t.key}__short", w, floor) >= floor * t.min, \
                    f"d{d}__{t.key}__min"
    for d in m.days:
        m.prob += total[ENERGY, d] + targets.energy_min * m.slack(f"d{d}__energy_short", W_ENERGY) \
            >= targets.energy_min, f"d{d}__energy_min"
        m.prob += total[ENERGY, d] - targets.energy_max * m.slack(f"d{d}__energy_over", W_ENERGY) \
            <= targets.energy_max, f"d{d}__energy_max"
        over = m.slack(f"d{d}__sat_fat_over", W_SAT_FAT)
        m.prob += SAT_FAT_KCAL_PER_G * total[SAT_FAT, d] - SAT_FAT_SHARE * total[ENERGY, d] \
            - SAT_FAT_SHARE * targets.energy_max * over <= 0, f"d{d}__sat_fat_share_max"


def safety(m) -> None:
    """Hard limits on groups of foods (fish, seaweed, eggs, one milk a week; planner.limits)."""
    group = m.foods.limit_group if "limit_group" in m.foods else None
    if group is None:
        return
    for lim in group_limits(m.targets.profile, m.settings.days):
        members = set(group.index[group == lim.group])
        if not members:
            continue
        name = f"group_{lim.group}"
        if lim.week_g is not None:
            m.prob += linear(m.grams_terms(foods=members)) <= lim.week_g, f"{name}__week_grams_max"
        if lim.week_servings is not None:
            portions = [(var, mult * STEP) for (f, _, _), (var, mult) in m.steps.items() if f in members]
            m.prob += linear(portions) <= lim.week_servings, f"{name}__week_servings_max"
        for d in m.days:
            if lim.day_g is not None:
                m.prob += linear(m.grams_terms(foods=members, day=d)) <= lim.day_g, f"{name}__d{d}__grams_max"
            if lim.meals_per_day is not None:
                meals = [(y, 1) for (f, dd, _), y in m.serve.items() if f in members and dd == d]
                if len(meals) > lim.meals_per_day:
                    m.prob += linear(meals) <= lim.meals_per_day, f"{name}__d{d}__meals_max"
            if lim.meal_g is not None:
                for s in m.settings.slots:
                    terms = m.grams_terms(foods=members, day=d, slot=s)
                    if terms:
                        m.prob += linear(terms) <= lim.meal_g, f"{name}__d{d}__{s}__grams_max"
        if lim.kinds_per_week is not None and len(members) > lim.kinds_per_week:
            kinds = []
            for f in sorted(members):
                bought = m.prob.add_variable(f"{name}__{slug(f)}__chosen", cat="Binary")
                for d in m.days:
                    if (f, d) in m.used:
                        m.prob += m.used[f, d] <= bought, f"{name}__{slug(f)}__d{d}__chosen"
                kinds.append((bought, 1))
            m.prob += linear(kinds) <= lim.kinds_per_week, f"{name}__kinds_max"


def preferences(m) -> None:
    """Liked foods served on a few days each, as a soft goal. Preferences are goals, not prices: an objective
    of shortfalls alone has a bound of 0 that the solver proves as soon as it finds a week meeting every
    goal, which is what makes solving fast (benchmarks/README.md)."""
    max_days = math.ceil(m.settings.max_days_per_food * m.settings.days / 7)
    for f in m.settings.liked:
        f_days = [m.used[f, d] for d in m.days if (f, d) in m.used]
        if f_days:
            want = min(LIKED_DAYS, len(f_days), max_days)
            m.prob += pulp.lpSum(f_days) + m.slack(f"liked__{slug(f)}", W_LIKED, want) >= want, f"{slug(f)}__liked"
