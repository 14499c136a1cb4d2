"""The weekly menu as a mixed-integer program in PuLP: build_model -> solve -> extract_plan."""

from __future__ import annotations

import math
import tempfile
import time
from dataclasses import dataclass, field, replace

import pandas as pd
import pulp

from planner import constraints
from planner.constants import STEP, WEEK
from planner.constraints import linear, slug
from planner.foods import check_ids, no_food_left, words
from planner.limits import HIGH_POTASSIUM_MG, portion_scale
from planner.settings import PlanSettings
from planner.targets import Targets


@dataclass
class MenuModel:
    prob: pulp.LpProblem
    foods: pd.DataFrame
    targets: Targets
    settings: PlanSettings
    steps: dict  # (food, day, slot) -> (variable, half portions per unit of it)
    serve: dict  # (food, day, slot) -> binary var
    build_seconds: float = 0.0
    notes: list = field(default_factory=list)
    objective: list = field(default_factory=list)
    used: dict = field(default_factory=dict)  # (food, day) -> expression: 1 if served that day

    @property
    def days(self) -> range:
        return range(self.settings.days)

    def slack(self, name: str, weight: float, upper: float = 1.0) -> pulp.LpVariable:
        """A penalised slack variable (a share of its target, 0..upper)."""
        var = self.prob.add_variable(f"slack__{name}", 0, upper)
        self.objective.append(weight * var)
        return var

    def grams_terms(self, key=None, foods=None, day=None, slot=None) -> list:
        """(variable, coefficient) pairs for grams (or a nutrient `key` per 100 g) of `foods` served."""
        per_g = None if key is None else self.foods[key].fillna(0.0) / 100
        out = []
        for (f, d, s), (var, mult) in self.steps.items():
            if (foods is None or f in foods) and (day is None or d == day) and (slot is None or s == slot):
                grams = mult * STEP * float(self.foods.at[f, "portion_g"])
                out.append((var, grams if per_g is None else grams * per_g[f]))
        return out


def portion_bounds(foods: pd.DataFrame, targets: Targets) -> dict[str, tuple[int, int]]:
    """Half-portion bounds per food: a child's servings scale down; with a potassium limit, foods with 200 mg
    or more a serving (NKF 'high-potassium') stay at their smallest serving."""
    scale = portion_scale(targets.profile, (targets.energy_min + targets.energy_max) / 2)
    potassium = targets.get("potassium_mg")
    limited = potassium is not None and potassium.min is None and potassium.max is not None
    bounds = {}
    for f, food in foods.iterrows():
        lo = int(food.min_portions / STEP)
        hi = max(lo, math.floor(food.max_portions * scale / STEP))
        if limited and (food.potassium_mg or 0) * food.portion_g / 100 >= HIGH_POTASSIUM_MG:
            hi = lo
        bounds[f] = (lo, hi)
    return bounds


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
    m = MenuModel(pulp.LpProblem("cramp_menu", pulp.LpMinimize), foods, targets, settings, {}, {})
    bounds = portion_bounds(foods, targets)
    for f, fits in foods.slots.items():
        lo, hi = bounds[f]
        for s in settings.slots:
            if s not in words(fits):
                continue
            for d in m.days:
                name = f"{slug(f)}__d{d}__{s}"
                y = m.prob.add_variable(f"serve__{name}", cat="Binary")
                m.serve[f, d, s] = y
                if lo == hi:  # a fixed portion needs no integer amount of its own
                    m.steps[f, d, s] = (y, lo)
                else:
                    x = m.prob.add_variable(f"steps__{name}", 0, hi, cat="Integer")
                    m.steps[f, d, s] = (x, 1)
                    m.prob += linear([(x, 1), (y, -lo)]) >= 0, f"portion_min__{name}"
                    m.prob += linear([(x, 1), (y, -hi)]) <= 0, f"portion_max__{name}"
    constraints.locks(m)
    constraints.structure(m)
    constraints.variety(m, yesterday_mains)
    constraints.nutrients(m)
    constraints.safety(m)
    constraints.preferences(m)
    m.prob += pulp.lpSum(m.objective), "shortfalls_then_preferences"
    m.build_seconds = time.perf_counter() - started
    return m


@dataclass(frozen=True)
class SolveResult:
    solver: str
    status: str  # "optimal", "best found in time", or "no plan"
    objective: float
    seconds: float


RETRY_TIME_LIMIT_S = 30.0  # when the first time limit ends with no plan at all (rare: many locks)


def _solver(settings: PlanSettings, time_limit_s: float):
    if settings.solver == "highs" and pulp.HiGHS().available():
        return "HiGHS", pulp.HiGHS(msg=False, timeLimit=time_limit_s, gapRel=settings.gap, threads=1,
                                   random_seed=settings.seed)
    # CBC's preprocessing costs more than it saves here: the root LP already proves the bound
    # (0 when every goal can be met), and the feasibility pump finds such a week at once.
    return "CBC", pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit_s, gapRel=settings.gap,
                                    options=["preprocess off", f"randomSeed {settings.seed + 1}"])


def solve(model: MenuModel) -> SolveResult:
    """Solve within the time limit and gap; say whether the answer is proven optimal or the best found.

    Weeks whose goals cannot all be met have a weak relaxation bound, so the solver could search for a
    long time to prove a plan it found early: the time limit bounds that (benchmarks/README.md)."""
    started = time.perf_counter()
    for limit in (model.settings.time_limit_s, max(RETRY_TIME_LIMIT_S, model.settings.time_limit_s)):
        name, solver = _solver(model.settings, limit)
        with tempfile.TemporaryDirectory(prefix="cramp-menu-") as tmp:  # CBC's .mps/.sol files go, even on a crash
            solver.tmpDir = tmp
            model.prob.solve(solver)
        has_values = all(v.varValue is not None for v in model.serve.values())
        found = model.prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)
        if (found and has_values) or model.prob.status == pulp.LpStatusInfeasible:
            break
    seconds = time.perf_counter() - started
    if model.prob.sol_status == pulp.LpSolutionOptimal:
        status = "optimal"
    elif model.prob.sol_status == pulp.LpSolutionIntegerFeasible and has_values:
        status = "best found in time"
    else:
        status = "no plan"
    objective = pulp.value(model.prob.objective) if has_values else float("nan")
    return SolveResult(name, status, float(objective or 0.0), seconds)


def plan_week(foods: pd.DataFrame, targets: Targets, settings: PlanSettings, all_foods: pd.DataFrame | None = None):
    """Build, solve and read back a plan. `all_foods` (unfiltered) lets shortfalls say what was left out.

    Plans longer than a week are solved week by week (each week its own model, the day before a week
    known to the next), which keeps every week's average honest and the time linear in the days."""
    from planner.extract import PlanError, extract_plan, join_plans  # extract reads MenuModel and SolveResult

    all_foods = foods if all_foods is None else all_foods
    check_ids(settings.food_filter.exclude, all_foods, "the foods to leave out")
    check_ids(settings.liked, all_foods, "the liked foods")
    why = no_food_left(foods, all_foods, settings.food_filter, settings.slots, targets.profile.condition != "none")
    if why:
        raise PlanError(why)
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
