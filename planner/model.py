"""The weekly menu as a mixed-integer program in PuLP over dishes: build_model -> solve -> extract_plan."""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pulp

from planner import constraints, goals
from planner.constants import STEP, WEEK
from planner.dishes import Dish, filter_dishes, plannable_dishes
from planner.foods import check_ids, filter_foods, no_food_left
from planner.limits import HIGH_POTASSIUM_MG, portion_scale
from planner.nutrients import FOOD_NUTRIENT_COLUMNS
from planner.settings import PlanSettings, locks_in
from planner.targets import Targets


@dataclass
class MenuModel:
    prob: pulp.LpProblem
    dishes: dict[str, Dish]  # the dishes this person may be served
    foods: pd.DataFrame  # ingredient figures per 100 g (vitamin D from fortification zeroed where not sold)
    targets: Targets
    settings: PlanSettings
    steps: dict  # (dish, day, slot) -> ((variable, half servings per unit of it), ...): the half servings served
    serve: dict  # (dish, day, slot) -> binary var
    per_serving: pd.DataFrame = None  # dish x nutrient, per serving
    build_seconds: float = 0.0
    notes: list = field(default_factory=list)
    objective: list = field(default_factory=list)  # penalty terms, summed into the problem's objective
    totals: dict = field(default_factory=dict)  # (column, day) -> variable equal to the day's amount

    @property
    def days(self) -> range:
        return range(self.settings.days)

    def slack(self, name: str, weight: float, upper: float = 1.0) -> pulp.LpVariable:
        """A penalised slack variable (a share of its target, 0..upper)."""
        var = self.prob.add_variable(f"slack__{name}", 0, upper)
        self.objective.append(weight * var)
        return var

    def holding(self, food_ids) -> set[str]:
        """The dishes that hold any of these foods."""
        wanted = set(food_ids)
        return {k for k, dish in self.dishes.items() if wanted.intersection(dish.food_ids)}

    def amount_terms(self, per_serving: dict[str, float], day=None, slot=None) -> list:
        """(variable, coefficient) pairs for an amount given per serving of each dish (grams, mg...)."""
        return [(var, mult * STEP * per_serving[k]) for (k, d, s), terms in self.steps.items()
                if per_serving.get(k) and day in (None, d) and slot in (None, s) for var, mult in terms]

    def day_totals(self, columns) -> dict:
        """(column, day) -> a variable equal to that day's amount of the column (a nutrient, a food group).

        Every row about a day's or the week's amount refers to these few variables instead of repeating the
        dish terms: 67k nonzeros instead of 117k for a week with the diet-quality goals."""
        missing = sorted(set(columns) - {c for c, _ in self.totals})
        if missing:
            per_step = {c: (self.per_serving[c] * STEP).to_dict() for c in missing}
            by_day: dict[int, list] = {d: [] for d in self.days}
            for (k, d, _), terms in self.steps.items():
                by_day[d] += [(k, var, mult) for var, mult in terms]
            for c in missing:
                for d in self.days:
                    var = self.prob.add_variable(f"total__{c}__d{d}", 0)
                    amount = constraints.linear((v, per_step[c][k] * mult) for k, v, mult in by_day[d]
                                                if per_step[c][k])
                    self.prob += amount - var == 0, f"total__{c}__d{d}"
                    self.totals[c, d] = var
        return {(c, d): self.totals[c, d] for c in columns for d in self.days}

    def week_total(self, column: str) -> pulp.LpAffineExpression:
        """A column's amount (a nutrient, a food group) over the plan's days."""
        return pulp.lpSum(self.day_totals([column]).values())

    def grams_of(self, food_ids) -> dict[str, float]:
        """Grams of these foods in one serving of each dish."""
        wanted = set(food_ids)
        return {k: sum(i.grams for i in dish.ingredients if i.food_id in wanted) for k, dish in self.dishes.items()}


def nutrient_foods(foods: pd.DataFrame, settings: PlanSettings) -> pd.DataFrame:
    """Ingredient figures for this person: every food a dish may hold (no meal slot needed), filtered by
    their rule, with vitamin D from fortification counted as 0 where fortified foods are not sold."""
    return filter_foods(foods.assign(slots="breakfast"), settings.food_filter)


def per_serving_table(dishes: Mapping[str, Dish], foods: pd.DataFrame) -> pd.DataFrame:
    """Nutrients in one serving of each dish, from its ingredients' grams (a missing value counts as 0)."""
    values = foods[list(dict.fromkeys(FOOD_NUTRIENT_COLUMNS + goals.COLUMNS))].astype(float).fillna(0.0)
    # Arrays, not a pandas sum per ingredient (0.07 s of every plan); nor a dish x food matrix product, where
    # 0 g of a food with a non-finite figure would spoil every dish.
    table, row = values.to_numpy(), {f: n for n, f in enumerate(values.index)}
    rows = [sum((table[row[i.food_id]] * i.grams / 100 for i in dish.ingredients), start=np.zeros(table.shape[1]))
            for dish in dishes.values()]
    return pd.DataFrame(rows, index=list(dishes), columns=values.columns)


def serving_bounds(dishes: Mapping[str, Dish], foods: pd.DataFrame, targets: Targets) -> dict:
    """Half-serving bounds per dish: a child's servings scale down; with a doctor's potassium limit, a dish
    holding a high-potassium amount of a food (200 mg or more, NKF) stays at one serving at most."""
    scale = portion_scale(targets.profile, (targets.energy_min + targets.energy_max) / 2)
    potassium = targets.get("potassium_mg")
    limited = potassium is not None and potassium.min is None and potassium.max is not None
    bounds = {}
    for k, dish in dishes.items():
        lo = int(round(dish.min_servings / STEP))
        hi = max(lo, math.floor(dish.max_servings * scale / STEP))
        if limited and any((foods.at[i.food_id, "potassium_mg"] or 0) * i.grams / 100 >= HIGH_POTASSIUM_MG
                           for i in dish.ingredients):
            hi = max(lo, min(hi, int(1 / STEP)))
        bounds[k] = (lo, hi)
    return bounds


def add_menu(prob, dishes: Mapping[str, Dish], foods: pd.DataFrame, targets: Targets, settings: PlanSettings,
             yesterday: tuple[str, ...] = (), objective: list | None = None, table=None) -> MenuModel:
    """One person's menus in `prob`: their serve and servings variables and every constraint family, with the
    penalties added to `objective`. In a household (planner/household.py), `table(dish, day, slot)` gives the
    binary of a dish at a meal the member shares with the table (None: a variable of their own; False: the dish
    is not a choice at that meal)."""
    # Whatever the caller passed: a pregnancy caution never reaches a pregnant or breastfeeding person.
    allowed = {k: d for k, d in servable(dishes, targets.profile).items() if set(d.food_ids) <= set(foods.index)}
    m = MenuModel(prob, allowed, foods, targets, settings, {}, {}, objective=[] if objective is None else objective)
    m.per_serving = per_serving_table(allowed, foods)
    for k, (lo, hi) in serving_bounds(allowed, foods, targets).items():
        for s in allowed[k].slots:
            if s not in settings.slots:
                continue
            for d in m.days:
                name = f"{constraints.slug(k)}__d{d}__{s}"
                y = table(k, d, s) if table else None
                if y is False:  # not a choice at this meal (a household member's shared meal)
                    continue
                if y is None:
                    y = m.prob.add_variable(f"serve__{name}", cat="Binary")
                m.serve[k, d, s] = y
                m.steps[k, d, s] = ((y, lo),)
                if hi > lo:  # half servings over the least, only in a meal that serves the dish
                    x = m.prob.add_variable(f"more__{name}", 0, hi - lo, cat="Integer")
                    m.steps[k, d, s] += ((x, 1),)
                    m.prob += constraints.linear([(x, 1), (y, lo - hi)]) <= 0, f"serving_max__{name}"
    constraints.locks(m)
    constraints.structure(m)
    constraints.variety(m, yesterday)
    constraints.nutrients(m)
    constraints.safety(m)
    constraints.preferences(m)
    goals.pattern(m)
    return m


def build_model(dishes: Mapping[str, Dish], foods: pd.DataFrame, targets: Targets, settings: PlanSettings,
                yesterday: tuple[str, ...] = ()) -> MenuModel:
    """The MIP for `settings.days` days of menus from `dishes` (already filtered for the person), with
    ingredient figures from `foods` (nutrient_foods). `yesterday`: protein foods and main dishes served
    the day before day 0 (when a long plan is solved week by week)."""
    started = time.perf_counter()
    m = add_menu(pulp.LpProblem("cramp_menu", pulp.LpMinimize), dishes, foods, targets, settings, yesterday)
    m.prob += pulp.lpSum(m.objective), "shortfalls_then_preferences"
    m.build_seconds = time.perf_counter() - started
    return m


@dataclass(frozen=True)
class SolveResult:
    solver: str
    status: str  # "optimal", "best found in time", or "no plan"
    objective: float
    seconds: float


RETRY_TIME_LIMIT_S = 4.0  # when the first time limit ends with no week at all (rare: a slow root LP, many locks)


def _solver(settings: PlanSettings, time_limit_s: float, retry: bool = False):
    if settings.solver == "highs" and pulp.HiGHS().available():
        return "HiGHS", pulp.HiGHS(msg=False, timeLimit=time_limit_s, gapRel=settings.gap, gapAbs=settings.gap_points,
                                   threads=1, random_seed=settings.seed)
    # CBC's preprocessing costs more than it saves here: the root LP already proves the bound
    # (0 when every goal can be met), and the feasibility pump finds a good week at once.
    # Not timeMode cpu: CBC 2.10.3 stopped on a CPU limit writes a non-integral answer instead of its best week.
    # A retry (no week at all in the first time limit: the pump was still rounding, or the root LP was slow, up to
    # 3 s for a very active teen) stops the pump at its first week and improves on that by diving. Not primalS for
    # that root LP, though quicker: CBC 2.10.3 then ends "proven infeasible" and writes the LP's answer.
    # Geometric scaling: the root LP of a very active teenager took 1.5 s with CBC's default scaling and 0.9 s with
    # it (0.3-0.8 s -> 0.3-0.6 s for the others), so a week is found within the first time limit instead of a 4 s
    # retry: the slowest of 43 benchmark plans 7.1 s -> 2.8 s, twice as many proven (benchmarks/README.md).
    # hOptions 1: the feasibility pump stops as soon as its week is within the gap (by default it went on rounding
    # to the time limit: a man of 45's week, found at 1.04 s, came back at 2.1 s; benchmarks/README.md).
    options = ["preprocess off", "scaling geometric", "hOptions 1", f"randomSeed {settings.seed + 1}"]
    options += ["pumpTune 3", "cuts off"] if retry else []
    return "CBC", pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit_s, gapRel=settings.gap, gapAbs=settings.gap_points,
                                    options=options)


def _run(model: MenuModel, time_limit_s: float, retry: bool = False) -> tuple[str, bool]:
    """One solver run; (solver name, whether it left a whole-numbered week in the variables)."""
    name, solver = _solver(model.settings, time_limit_s, retry)
    with tempfile.TemporaryDirectory(prefix="cramp-menu-") as tmp:  # CBC's .mps/.sol/.mst files go, even on a crash
        solver.tmpDir = tmp
        model.prob.solve(solver)
    whole = all(v.varValue is not None and abs(v.varValue - round(v.varValue)) < 1e-6 for v in model.serve.values())
    return name, whole and model.prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)


def solve(model: MenuModel) -> SolveResult:
    """Solve within the time limit and gap; say whether the week is proven optimal or the best found.

    Weeks whose targets or goals cannot all be met have a weak relaxation bound, so the solver could search long
    to prove a week it found early: the time limit bounds that and the best week found is kept. A run that found
    no week at all is retried once, stopping the feasibility pump at its first week (benchmarks/README.md)."""
    started = time.perf_counter()
    for retry in (False, True):
        name, found = _run(model, RETRY_TIME_LIMIT_S if retry else model.settings.time_limit_s, retry)
        if found or model.prob.status == pulp.LpStatusInfeasible:
            break
    seconds = time.perf_counter() - started
    optimal = found and model.prob.sol_status == pulp.LpSolutionOptimal
    status = "optimal" if optimal else "best found in time" if found else "no plan"
    objective = pulp.value(model.prob.objective) if found else float("nan")
    return SolveResult(name, status, float(objective or 0.0), seconds)


def allowed_dishes(dishes: Mapping[str, Dish], foods: pd.DataFrame, settings: PlanSettings) -> dict[str, Dish]:
    """The dishes these settings let the planner serve: the food rule's, less the dishes left out."""
    return {k: d for k, d in filter_dishes(dishes, foods, settings.food_filter).items()
            if k not in settings.exclude_dishes}


def servable(dishes: Mapping[str, Dish], profile) -> dict[str, Dish]:
    """The dishes this person may be served: none with a pregnancy caution in pregnancy or breastfeeding."""
    return {k: d for k, d in dishes.items() if profile.condition == "none" or d.pregnancy_caution is None}


def unfilled_slots(allowed: Mapping[str, Dish], settings: PlanSettings, profile) -> list[str]:
    """The meals of the plan that no dish this person may be served can fill."""
    served = {s for d in servable(allowed, profile).values() for s in d.slots}
    return [s for s in settings.slots if s not in served]


def day_before(day, foods: pd.DataFrame) -> tuple[str, ...]:
    """What a week planned after `day` must not repeat on its first day: its dishes and protein foods."""
    return tuple({d.dish_id for m in day.meals for d in m.dishes}
                 | {i.food_id for m in day.meals for i in m.items if foods.at[i.food_id, "role"] == "main"})


def plan_week(foods: pd.DataFrame, targets: Targets, settings: PlanSettings,
              dishes: Mapping[str, Dish] | None = None):
    """Build, solve and read back a plan from the full food table (`foods`) and its dishes.

    Plans longer than a week are solved week by week (each week its own model, the day before a week
    known to the next), which keeps every week's average honest and the time linear in the days."""
    from planner.extract import PlanError, extract_plan, join_plans  # extract reads MenuModel and SolveResult

    check_ids(settings.food_filter.exclude, foods, "the foods to leave out")
    check_ids(settings.liked, foods, "the liked foods")
    dishes = plannable_dishes(foods) if dishes is None else dishes
    allowed = allowed_dishes(dishes, foods, settings)
    pregnant = targets.profile.condition != "none"
    unfilled = unfilled_slots(allowed, settings, targets.profile)
    if unfilled:
        raise PlanError(no_food_left(filter_foods(foods, settings.food_filter), foods, settings.food_filter,
                                     settings.slots, pregnant)
                        or f"no dish is left for {' or '.join(unfilled)}: every dish for it holds a food you may not "
                           f"eat; leave {' and '.join(unfilled)} out of the plan or allow more foods")
    figures = nutrient_foods(foods, settings)
    parts, yesterday = [], ()
    for start in range(0, settings.days, WEEK):
        length = min(WEEK, settings.days - start)
        week = replace(settings, days=length, locks=locks_in(settings.locks, start, length),
                       bans=locks_in(settings.bans, start, length), seed=settings.seed + start)
        model = build_model(allowed, figures, targets, week, yesterday)
        part = extract_plan(model, solve(model), foods)
        parts.append(part)
        yesterday = day_before(part.days[-1], foods)
    return parts[0] if len(parts) == 1 else join_plans(parts, settings, foods)
