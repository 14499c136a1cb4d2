"""The model's constraint families, each a named function over a MenuModel: locks, structure, variety,
nutrients, safety and preferences. Every constraint is named after what it asks (PuLP shows the names)."""

from __future__ import annotations

import math

import pulp

from planner.constants import (
    COURSE_CAPS,
    DISHES,
    LIKED_DAYS,
    LIKED_DISH_DAYS,
    MAIN_COURSES,
    NOT_A_DISH,
    REPEAT_ROLES,
    REQUIRED_COURSE,
    REQUIRED_PARTS,
    STEP,
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
from planner.dish_schema import FORMS_OF_ONE_FOOD
from planner.limits import SAT_FAT_KCAL_PER_G, SAT_FAT_SHARE, group_limits
from planner.nutrients import ENERGY, PRIMARY, SAT_FAT

FORM_OF = {f: min(forms) for forms in FORMS_OF_ONE_FOOD for f in forms}  # each food -> one name for its forms


def slug(text: str) -> str:
    """An id as part of a constraint name (PuLP rewrites '-')."""
    return text.replace("-", "_")


def linear(terms) -> pulp.LpAffineExpression:
    """A linear expression from (variable, coefficient) pairs: much faster to build than lpSum of products."""
    expr = pulp.LpAffineExpression()
    for var, coef in terms:
        if coef:
            expr[var] = expr.get(var, 0) + coef
    return expr


def _meals(m) -> dict[tuple[int, str], list[str]]:
    by_meal: dict[tuple[int, str], list[str]] = {}
    for k, d, s in m.serve:
        by_meal.setdefault((d, s), []).append(k)
    return by_meal


def locks(m) -> None:
    """Meals the person keeps stay exactly as they are; a kept dish no longer allowed is left out, with a note. The
    dishes asked away from a meal (another idea for it) are not served there."""
    for ban in m.settings.bans:
        for (k, d, s), y in m.serve.items():
            if d == ban.day and s == ban.slot and k in ban.dishes:
                y.upBound = 0
    for lock in m.settings.locks:
        if lock.day >= m.settings.days or lock.slot not in m.settings.slots:
            continue
        keep = {}
        for dish_id, servings in lock.items:
            if (dish_id, lock.day, lock.slot) in m.serve:
                keep[dish_id] = round(servings / STEP)
            else:
                m.notes.append(f"Day {lock.day + 1} {lock.slot}: '{dish_id}' is no longer allowed, so it was left out.")
        for (k, d, s), y in m.serve.items():
            if d == lock.day and s == lock.slot:
                if k in keep:
                    y.lowBound = y.upBound = 1
                    (_, least), *more = m.steps[k, d, s]
                    for var, _ in more:  # the half servings over the dish's least
                        var.lowBound = var.upBound = min(max(keep[k] - least, 0), var.upBound)
                else:
                    y.upBound = 0


def structure(m) -> None:
    """Meals look like meals: one to three dishes, at most so many of each course, a breakfast dish at
    breakfast, protein, vegetable and starch at lunch and dinner, no food in two dishes of one meal."""
    role = m.foods.role.to_dict()
    for (d, s), dishes in _meals(m).items():
        tag = f"d{d}__{s}"
        course = {k: m.dishes[k].course for k in dishes}
        lo, hi = DISHES[s]
        count = linear((m.serve[k, d, s], 1) for k in dishes if course[k] not in NOT_A_DISH)
        m.prob += count <= hi, f"{tag}__dishes_max"
        m.prob += count + m.slack(f"{tag}__dishes_short", W_STRUCTURE, hi) >= lo, f"{tag}__dishes_min"
        for c, cap in COURSE_CAPS[s].items():
            members = [k for k in dishes if course[k] == c]
            if len(members) > cap:
                m.prob += linear((m.serve[k, d, s], 1) for k in members) <= cap, f"{tag}__{c}_max"
        for k in dishes:
            if course[k] not in COURSE_CAPS[s]:
                m.serve[k, d, s].upBound = 0
        if s in REQUIRED_COURSE:
            have = linear((m.serve[k, d, s], 1) for k in dishes if course[k] == REQUIRED_COURSE[s])
            m.prob += have + m.slack(f"{tag}__core_missing", W_STRUCTURE) >= 1, f"{tag}__core"
        for part in REQUIRED_PARTS.get(s, ()):
            have = linear((m.serve[k, d, s], 1) for k in dishes if getattr(m.dishes[k], part))
            m.prob += have + m.slack(f"{tag}__{part}_missing", W_STRUCTURE) >= 1, f"{tag}__{part}"
        repeated: dict[str, list[str]] = {}
        for k in dishes:  # a food, or another form of it (raw and cooked spinach), in one dish of the meal
            # sorted: constraints in the same order in every process (set order follows the hash seed)
            for f in sorted({FORM_OF.get(f, f) for f in m.dishes[k].food_ids if role.get(f) in REPEAT_ROLES}):
                repeated.setdefault(f, []).append(k)
        for f, holders in repeated.items():
            if len(holders) > 1:
                m.prob += linear((m.serve[k, d, s], 1) for k in holders) <= 1, f"{tag}__{slug(f)}_once"


def variety(m, yesterday=()) -> None:
    """A dish at most once a day and on so many days a week; no main dish, and no protein food, two days
    running; enough different dishes."""
    settings, role = m.settings, m.foods.role.to_dict()
    day_terms: dict[tuple[str, int], list] = {}
    for (k, d, _), y in m.serve.items():
        day_terms.setdefault((k, d), []).append((y, 1))
    used = {key: linear(terms) for key, terms in day_terms.items()}
    for (k, d), terms in day_terms.items():
        if len(terms) > 1:
            m.prob += used[k, d] <= 1, f"{slug(k)}__d{d}__once_a_day"
    max_days = math.ceil(settings.max_days_per_dish * settings.days / 7)
    distinct = []
    for k, dish in m.dishes.items():
        k_days = [used[k, d] for d in m.days if (k, d) in used]
        if not k_days:
            continue
        if dish.course not in NOT_A_DISH and settings.days > max_days:
            m.prob += pulp.lpSum(k_days) <= max_days, f"{slug(k)}__days_per_week_max"
        if dish.course in MAIN_COURSES:
            if k in yesterday and (k, 0) in used:
                m.prob += used[k, 0] <= 0, f"{slug(k)}__not_after_yesterday"
            for d in m.days[:-1]:
                if (k, d) in used and (k, d + 1) in used:
                    m.prob += used[k, d] + used[k, d + 1] <= 1, f"{slug(k)}__d{d}__not_two_days_running"
        w = m.prob.add_variable(f"distinct__{slug(k)}", cat="Binary")
        m.prob += w <= pulp.lpSum(k_days), f"{slug(k)}__distinct"
        distinct.append(w)
    want = min(settings.min_distinct_dishes, len(distinct))
    if want:
        short = m.prob.add_variable("distinct_short", 0, want)
        m.objective.append(W_DISTINCT * short)
        m.prob += pulp.lpSum(distinct) + short >= want, "distinct_dishes_min"
    at = {}  # dish -> (place in m.serve, day, binary): each food's rows list the binaries in m.serve's order
    for n, ((k, d, _), y) in enumerate(m.serve.items()):
        at.setdefault(k, []).append((n, d, y))
    for f in m.foods.index:
        holders = m.holding([f])
        if not holders:
            continue
        held = sorted((e for k in holders for e in at.get(k, ())), key=lambda e: e[0])
        served = {d: [(y, 1) for _, dd, y in held if dd == d] for d in m.days}
        if role[f] == "main":  # the same protein food not at two meals of a day nor two days running
            if f in yesterday and served[0]:
                m.prob += linear(served[0]) <= 0, f"{slug(f)}__not_after_yesterday"
            for d in m.days:
                window = served[d] + served.get(d + 1, [])
                if len(window) > 1:
                    m.prob += linear(window) <= 1, f"{slug(f)}__d{d}__once_in_two_days"


def nutrients(m) -> None:
    """Upper limits hard every day; minimums soft (a penalised shortfall): each week's average, and every
    day for the cramp minerals (at the daily floor) and protein; energy inside its band; saturated fat
    under 10 % of energy."""
    targets, settings = m.targets, m.settings
    total = m.day_totals({t.key for t in targets.nutrients} | {ENERGY, SAT_FAT})
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
    """Hard limits on groups of foods inside the dishes (fish, seaweed, eggs, one milk a week; planner.limits)."""
    group = m.foods.limit_group
    for lim in group_limits(m.targets.profile, m.settings.days):
        members = set(group.index[group == lim.group])
        holders = m.holding(members)
        if not holders:
            continue
        name = f"group_{lim.group}"
        grams = m.grams_of(members)
        if lim.week_g is not None:
            m.prob += linear(m.amount_terms(grams)) <= lim.week_g, f"{name}__week_grams_max"
        if lim.week_servings is not None:  # servings of the food table's portion of each member
            portions = {k: sum(i.grams / m.foods.at[i.food_id, "portion_g"] for i in dish.ingredients
                               if i.food_id in members) for k, dish in m.dishes.items()}
            m.prob += linear(m.amount_terms(portions)) <= lim.week_servings, f"{name}__week_servings_max"
        for d in m.days:
            if lim.day_g is not None:
                m.prob += linear(m.amount_terms(grams, day=d)) <= lim.day_g, f"{name}__d{d}__grams_max"
            if lim.meals_per_day is not None:
                meals = [(y, 1) for (k, dd, _), y in m.serve.items() if k in holders and dd == d]
                if len(meals) > lim.meals_per_day:
                    m.prob += linear(meals) <= lim.meals_per_day, f"{name}__d{d}__meals_max"
            if lim.meal_g is not None:
                for s in m.settings.slots:
                    terms = m.amount_terms(grams, day=d, slot=s)
                    if terms:
                        m.prob += linear(terms) <= lim.meal_g, f"{name}__d{d}__{s}__grams_max"


def preferences(m) -> None:
    """Liked foods and dishes served on a few days each, as soft goals. Preferences are goals, not prices:
    an objective of shortfalls alone has a bound of 0 that the solver proves as soon as it finds a week
    meeting every goal, which is what makes solving fast (benchmarks/README.md)."""
    max_days = math.ceil(m.settings.max_days_per_dish * m.settings.days / 7)
    wishes = [(f"liked__{slug(f)}", m.holding([f]), LIKED_DAYS) for f in m.settings.liked]
    wishes += [(f"liked_dish__{slug(k)}", {k} & set(m.dishes), LIKED_DISH_DAYS) for k in m.settings.liked_dishes]
    for name, holders, days in wishes:
        served = [(y, 1) for (k, _, _), y in m.serve.items() if k in holders]
        if served:
            want = min(days, len(served), max_days if len(holders) == 1 else days)
            m.prob += linear(served) + m.slack(name, W_LIKED, want) >= want, name
