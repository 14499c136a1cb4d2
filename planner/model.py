"""The weekly menu as a mixed-integer program in PuLP: build_model -> solve -> extract_plan."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace

import pandas as pd
import pulp

from planner.foods import words
from planner.nutrients import ENERGY, PRIMARY
from planner.settings import PlanSettings
from planner.targets import Targets

STEP = 0.5  # portions move in half portions

# Most items of one role in one meal: meals look like meals.
ROLE_CAPS = {
    "breakfast": {"main": 1, "grain": 1, "dairy": 1, "fruit": 1, "snack": 1, "extra": 2, "fat": 1, "drink": 1,
                  "vegetable": 1},
    "lunch": {"main": 1, "vegetable": 3, "grain": 1, "dairy": 1, "fruit": 1, "fat": 1, "extra": 2, "snack": 1},
    "dinner": {"main": 1, "vegetable": 3, "grain": 1, "dairy": 1, "fruit": 1, "fat": 1, "extra": 2, "snack": 1},
    "snack": {"dairy": 1, "fruit": 1, "snack": 1, "grain": 1, "vegetable": 1, "main": 1, "extra": 1, "drink": 1},
}
ITEMS = {"breakfast": (2, 4), "lunch": (3, 6), "dinner": (3, 6), "snack": (1, 2)}
# Roles a meal must have (soft: penalised if missing, so the model stays feasible).
REQUIRED = {"breakfast": ("grain", "dairy", "main"), "lunch": ("main",), "dinner": ("main",)}
NO_DAY_LIMIT = ("fat", "drink")  # olive oil, butter, chamomile tea may be daily
USE_PACK_MIN_DAYS = 2  # fresh food bought in a pack of 3 or more portions: served on at least this many days
PERISHABLE = ("produce", "dairy", "fish_meat")  # aisles whose leftovers spoil within the week

# Penalties per unit of slack (a slack is a share of its target, 0..1) and per structural miss.
W_WEEKLY_PRIMARY = 1000.0
W_DAILY_PRIMARY = 300.0
W_DAILY_PROTEIN = 300.0
W_ENERGY = 300.0
W_WEEKLY_SECONDARY = 50.0
W_STRUCTURE = 20.0
W_DISTINCT = 2.0
W_LIKED = 5.0
LIKED_DAYS = 3  # a liked food on this many days a week
WEEKLY_ONLY = ("vitamin_d_ug",)  # stored by the body: the weekly average is the honest measure


def _slug(text: str) -> str:
    return text.replace("-", "_")


@dataclass
class MenuModel:
    prob: pulp.LpProblem
    foods: pd.DataFrame
    targets: Targets
    settings: PlanSettings
    steps: dict  # (food, day, slot) -> (variable, half portions per unit of it)
    serve: dict  # (food, day, slot) -> binary var
    build_seconds: float
    notes: list = field(default_factory=list)


def _per_step(foods: pd.DataFrame, key: str) -> dict:
    """Amount of a nutrient in one half portion; a missing USDA value counts as 0."""
    values = foods[key].fillna(0.0) * foods.portion_g / 100 * STEP
    return values.to_dict()


def _sum(terms) -> pulp.LpAffineExpression:
    """A linear expression from (variable, coefficient) pairs: much faster to build than lpSum of products."""
    expr = pulp.LpAffineExpression()
    for var, coef in terms:
        expr[var] = expr.get(var, 0) + coef
    return expr


def build_model(foods: pd.DataFrame, targets: Targets, settings: PlanSettings,
                yesterday_mains: tuple[str, ...] = ()) -> MenuModel:
    """The MIP for `settings.days` days of menus over `foods` (already filtered for the person).

    `yesterday_mains`: main foods served the day before day 0 (when a long plan is solved week by week)."""
    started = time.perf_counter()
    # Whatever the caller passed: avoided items never enter, nor pregnancy cautions for a pregnant
    # or breastfeeding person.
    foods = foods[foods.avoid == "no"]
    if targets.profile.condition != "none":
        foods = foods[foods.pregnancy_caution.isna()]
    days, slots = range(settings.days), settings.slots
    prob = pulp.LpProblem("cramp_menu", pulp.LpMinimize)
    notes: list[str] = []
    role = foods.role.to_dict()
    pack_portions = (foods.purchase_g.fillna(0) * foods.purchase_yield / foods.portion_g).where(
        foods.aisle.isin(PERISHABLE), 0).to_dict()

    pairs = [(f, s) for f, fits in foods.slots.items() for s in slots if s in words(fits)]
    steps, serve = {}, {}  # steps: (food, day, slot) -> (variable, half portions per unit of it)
    for f, s in pairs:
        lo, hi = int(foods.at[f, "min_portions"] / STEP), int(foods.at[f, "max_portions"] / STEP)
        for d in days:
            name = f"{_slug(f)}__d{d}__{s}"
            y = prob.add_variable(f"serve__{name}", cat="Binary")
            serve[f, d, s] = y
            if lo == hi:  # a fixed portion needs no integer amount of its own
                steps[f, d, s] = (y, lo)
            else:
                x = prob.add_variable(f"steps__{name}", 0, hi, cat="Integer")
                steps[f, d, s] = (x, 1)
                prob += _sum([(x, 1), (y, -lo)]) >= 0, f"portion_min__{name}"
                prob += _sum([(x, 1), (y, -hi)]) <= 0, f"portion_max__{name}"

    objective = []
    penalty = _Penalties(prob, objective)
    _apply_locks(settings, steps, serve, notes)

    by_meal: dict[tuple[int, str], list[str]] = {}
    for f, s in pairs:
        for d in days:
            by_meal.setdefault((d, s), []).append(f)
    for (d, s), meal_foods in by_meal.items():
        tag = f"d{d}__{s}"
        lo, hi = ITEMS[s]
        count = _sum((serve[f, d, s], 1) for f in meal_foods)
        prob += count <= hi, f"{tag}__items_max"
        prob += count + penalty.share(f"{tag}__items_short", W_STRUCTURE, hi) >= lo, f"{tag}__items_min"
        for r, cap in ROLE_CAPS[s].items():
            members = [f for f in meal_foods if role[f] == r]
            if len(members) > cap:
                prob += _sum((serve[f, d, s], 1) for f in members) <= cap, f"{tag}__{r}_max"
        for f in meal_foods:
            if role[f] not in ROLE_CAPS[s]:
                serve[f, d, s].upBound = 0
        if s in REQUIRED:
            have = _sum((serve[f, d, s], 1) for f in meal_foods if role[f] in REQUIRED[s])
            prob += have + penalty.share(f"{tag}__core_missing", W_STRUCTURE) >= 1, f"{tag}__core"
        if s in ("lunch", "dinner"):
            veg = _sum((serve[f, d, s], 1) for f in meal_foods if role[f] == "vegetable")
            prob += veg + penalty.share(f"{tag}__veg_missing", W_STRUCTURE) >= 1, f"{tag}__vegetable"

    # a food at most once a day; variety across the week
    used = {}
    for f in foods.index:
        for d in days:
            terms = [(serve[f, d, s], 1) for s in slots if (f, d, s) in serve]
            if terms:
                used[f, d] = _sum(terms)
                if len(terms) > 1:
                    prob += used[f, d] <= 1, f"{_slug(f)}__d{d}__once_a_day"
    max_days = math.ceil(settings.max_days_per_food * settings.days / 7)
    distinct = []
    for f in foods.index:
        f_days = [used[f, d] for d in days if (f, d) in used]
        if not f_days:
            continue
        if role[f] not in NO_DAY_LIMIT and settings.days > max_days:
            prob += pulp.lpSum(f_days) <= max_days, f"{_slug(f)}__days_per_week_max"
        if role[f] == "main":
            if f in yesterday_mains and (f, 0) in used:
                prob += used[f, 0] <= 0, f"{_slug(f)}__not_after_yesterday"
            for d in days[:-1]:
                if (f, d) in used and (f, d + 1) in used:
                    prob += used[f, d] + used[f, d + 1] <= 1, f"{_slug(f)}__d{d}__not_two_days_running"
        w = prob.add_variable(f"distinct__{_slug(f)}", cat="Binary")
        prob += w <= pulp.lpSum(f_days), f"{_slug(f)}__distinct"
        distinct.append(w)
        # Use what you buy: fresh food sold in packs of several portions is, if bought, served on a few days.
        if settings.days >= USE_PACK_MIN_DAYS * 2 and role[f] not in NO_DAY_LIMIT and pack_portions[f] >= 3:
            for d in days:
                if (f, d) in used:
                    prob += used[f, d] <= w, f"{_slug(f)}__d{d}__bought"
            prob += pulp.lpSum(f_days) >= USE_PACK_MIN_DAYS * w, f"{_slug(f)}__use_the_pack"
    want = min(settings.min_distinct_foods, len(distinct))
    if want:
        short = prob.add_variable("distinct_short", 0, want)
        objective.append(W_DISTINCT * short)
        prob += pulp.lpSum(distinct) + short >= want, "distinct_foods_min"

    # nutrients
    by_day: dict[int, list] = {d: [] for d in days}
    for (f, d, _), (var, mult) in steps.items():
        by_day[d].append((f, var, mult))
    total = {}
    for key in {t.key for t in targets.nutrients} | {ENERGY}:
        coef = _per_step(foods, key)
        for d in days:
            total[key, d] = _sum((var, coef[f] * mult) for f, var, mult in by_day[d] if coef[f])
    n_days = settings.days
    for t in targets.nutrients:
        if t.max is not None:  # ULs, the sodium CDRR and the preformed vitamin A UL are never relaxed
            for d in days:
                prob += total[t.key, d] <= t.max, f"d{d}__{t.key}__max"
        if not t.min:
            continue
        week = pulp.lpSum(total[t.key, d] for d in days)
        weight = W_WEEKLY_PRIMARY if t.key in PRIMARY else W_WEEKLY_SECONDARY
        prob += week + n_days * t.min * penalty.share(f"{t.key}__week_short", weight) >= n_days * t.min, \
            f"{t.key}__week_min"
        daily = (t.key in PRIMARY and t.key not in WEEKLY_ONLY) or t.key == "protein_g"
        if daily:
            floor = settings.daily_floor if t.key in PRIMARY else 1.0
            w = W_DAILY_PRIMARY if t.key in PRIMARY else W_DAILY_PROTEIN
            for d in days:
                prob += total[t.key, d] + t.min * penalty.share(f"d{d}__{t.key}__short", w, floor) >= floor * t.min, \
                    f"d{d}__{t.key}__min"
    for d in days:
        prob += total[ENERGY, d] + targets.energy_min * penalty.share(f"d{d}__energy_short", W_ENERGY) \
            >= targets.energy_min, f"d{d}__energy_min"
        prob += total[ENERGY, d] - targets.energy_max * penalty.share(f"d{d}__energy_over", W_ENERGY) \
            <= targets.energy_max, f"d{d}__energy_max"

    # Liked foods: served on a few days each, as a soft goal. Preferences are goals, not prices: an
    # objective of shortfalls alone has a bound of 0 that the solver proves as soon as it finds a
    # week meeting every goal, which is what makes solving fast (benchmarks/README.md).
    for f in settings.liked:
        f_days = [used[f, d] for d in days if (f, d) in used]
        if f_days:
            want = min(LIKED_DAYS, len(f_days), max_days)
            prob += pulp.lpSum(f_days) + penalty.share(f"liked__{_slug(f)}", W_LIKED, want) >= want, \
                f"{_slug(f)}__liked"
    prob += pulp.lpSum(objective), "shortfalls_then_preferences"
    return MenuModel(prob, foods, targets, settings, steps, serve, time.perf_counter() - started, notes)


class _Penalties:
    """Slack variables with a price in the objective."""

    def __init__(self, prob, objective):
        self.prob, self.objective = prob, objective

    def share(self, name: str, weight: float, upper: float = 1.0) -> pulp.LpVariable:
        var = self.prob.add_variable(f"slack__{name}", 0, upper)
        self.objective.append(weight * var)
        return var


def _apply_locks(settings, steps, serve, notes):
    for lock in settings.locks:
        if lock.day >= settings.days or lock.slot not in settings.slots:
            continue
        keep = {}
        for food_id, portions in lock.items:
            if (food_id, lock.day, lock.slot) in serve:
                keep[food_id] = round(portions / STEP)
            else:
                notes.append(f"Day {lock.day + 1} {lock.slot}: '{food_id}' is no longer allowed, so it was left out.")
        for (f, d, s), y in serve.items():
            if d == lock.day and s == lock.slot:
                if f in keep:
                    y.lowBound = y.upBound = 1
                    var, mult = steps[f, d, s]
                    if var is not y:
                        var.lowBound = var.upBound = keep[f]
                else:
                    y.upBound = 0


@dataclass(frozen=True)
class SolveResult:
    solver: str
    status: str  # "optimal", "best found in time", or "no plan"
    objective: float
    seconds: float


def solve(model: MenuModel) -> SolveResult:
    """Solve with HiGHS (or CBC), within the time limit and gap; say whether the answer is proven optimal."""
    s = model.settings
    if s.solver == "highs" and pulp.HiGHS().available():
        solver = pulp.HiGHS(msg=False, timeLimit=s.time_limit_s, gapRel=s.gap, threads=1, random_seed=s.seed)
        name = "HiGHS"
    else:
        # CBC's preprocessing costs more than it saves here: the root LP already proves the bound
        # (0 when every goal can be met), and the feasibility pump finds such a week at once.
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=s.time_limit_s, gapRel=s.gap,
                                   options=["preprocess off", f"randomSeed {s.seed + 1}"])
        name = "CBC"
    started = time.perf_counter()
    model.prob.solve(solver)
    seconds = time.perf_counter() - started
    has_values = all(v.varValue is not None for v in model.serve.values())
    if model.prob.sol_status == pulp.LpSolutionOptimal:
        status = "optimal"
    elif model.prob.sol_status == pulp.LpSolutionIntegerFeasible and has_values:
        status = "best found in time"
    else:
        status = "no plan"
    objective = pulp.value(model.prob.objective) if has_values else float("nan")
    return SolveResult(name, status, float(objective or 0.0), seconds)


WEEK = 7  # a longer plan is solved a week at a time: each week meets its own averages


def plan_week(foods: pd.DataFrame, targets: Targets, settings: PlanSettings, all_foods: pd.DataFrame | None = None):
    """Build, solve and read back a plan. `all_foods` (unfiltered) lets shortfalls say what was left out.

    Plans longer than a week are solved week by week (each week its own model, the day before a week
    known to the next), which keeps every week's average honest and the time linear in the days."""
    from planner.extract import extract_plan, join_plans  # extract imports this module's constants

    all_foods = foods if all_foods is None else all_foods
    parts, yesterday = [], ()
    for start in range(0, settings.days, WEEK):
        length = min(WEEK, settings.days - start)
        locks = tuple(replace(lock, day=lock.day - start) for lock in settings.locks
                      if start <= lock.day < start + length)
        week = replace(settings, days=length, locks=locks, seed=settings.seed + start)
        model = build_model(foods, targets, week, yesterday)
        part = extract_plan(model, solve(model), all_foods)
        parts.append(part)
        last = part.days[-1]
        yesterday = tuple(i.food_id for m in last.meals for i in m.items if model.foods.at[i.food_id, "role"] == "main")
    return parts[0] if len(parts) == 1 else join_plans(parts, settings, all_foods)
