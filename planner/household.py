"""A household: one menu for everyone at the table, each member's own servings and targets, one shopping list.

The first member's week (planner/model.py add_menu, as for one person) sets the shared meals' dishes: a shared dish
that someone else may not eat is penalised as a split. Then each other member's week is planned around that table:
at a shared meal they eat the table's dishes in half servings of their own (skipping one is penalised), with a dish
of their own where the table serves something they may not eat, or an extra side, soup or salad. Every member keeps
their own daily floors, weekly averages, upper limits, food pattern and variety, as when planned alone."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import pandas as pd
import pulp

from planner import constraints
from planner.constants import W_SKIP, W_SPLIT, WEEK
from planner.dishes import Dish, plannable_dishes
from planner.extract import PlanError, extract_plan, join_plans
from planner.food_schema import SLOT_LABELS
from planner.foods import SLOTS, FoodFilter, check_ids
from planner.model import add_menu, allowed_dishes, day_before, nutrient_foods, servable, solve, unfilled_slots
from planner.plan import Plan
from planner.settings import Lock, PlanSettings, locks_from_plan, locks_in
from planner.shopping import ShoppingItem, grams_list
from planner.targets import Profile, Targets, targets_for
from planner.workers import machine_size

MAX_MEMBERS = 6
SHARED = ("lunch", "dinner")  # eaten together unless said otherwise; breakfast and snacks often apart
MAX_LABEL = 30
EXTRA_COURSES = ("side", "soup", "salad")  # a dish of one's own any member may add at a shared meal
OWN = "@own"  # a member's own dish at a shared meal (a split), keyed apart from the table's
HOUSEHOLD_SCHEMA = 3  # a file holding a household; plan files (schema 1 and 2) open as a household of one
# The solver's time for each member after the first, as a share of the first's: with the table set, a good week
# comes within a second of the page's 2 s (at 0.5 s the first run often found none and the 4 s retry followed).
FOLLOWER_SHARE = 0.5


@dataclass(frozen=True)
class Member:
    label: str  # "Me", "Partner", "Child 10"
    profile: Profile
    food_filter: FoodFilter = FoodFilter()
    liked: tuple[str, ...] = ()
    exclude_dishes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Household:
    members: tuple[Member, ...]
    shared: tuple[str, ...] = SHARED

    def __post_init__(self):
        problems = []
        if not 1 <= len(self.members) <= MAX_MEMBERS:
            problems.append(f"a household has 1 to {MAX_MEMBERS} members, not {len(self.members)}")
        labels = [m.label.strip() for m in self.members]
        if any(not label for label in labels):
            problems.append("every member needs a name or a label (\"Me\", \"Partner\", \"Child 10\")")
        if any(len(label) > MAX_LABEL for label in labels):
            problems.append(f"a member's label is at most {MAX_LABEL} characters")
        doubled = sorted({label for label in labels if labels.count(label) > 1 and label})
        if doubled:
            problems.append(f"two members are called {', '.join(doubled)}: give each a label of their own")
        bad = [s for s in self.shared if s not in SLOTS]
        if bad:
            problems.append(f"shared meals must be some of {', '.join(SLOTS)}, not {', '.join(map(str, bad))}")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.members)


def member_settings(settings: PlanSettings, member: Member) -> PlanSettings:
    """The plan's days, slots and seed with the member's own foods, likes and dishes left out."""
    pregnant = member.profile.condition != "none"
    rule = replace(member.food_filter, pregnant_or_lactating=pregnant or member.food_filter.pregnant_or_lactating)
    return replace(settings, food_filter=rule, liked=member.liked, exclude_dishes=member.exclude_dishes, locks=())


def _own_dishes(dishes: Mapping[str, Dish], shared: Sequence[str]) -> dict[str, Dish]:
    """A member's own dishes at shared meals (beside the table's): the same dishes under another key."""
    return {k + OWN: replace(d, slots=tuple(s for s in d.slots if s in shared)) for k, d in dishes.items()
            if any(s in shared for s in d.slots)}


def _served_to(plan: Plan) -> Plan:
    """A member's plan with their own dishes under the dishes' own ids."""
    days = tuple(replace(day, meals=tuple(replace(meal, dishes=tuple(replace(d, dish_id=d.dish_id.removesuffix(OWN))
                                                                      for d in meal.dishes)) for meal in day.meals))
                 for day in plan.days)
    return replace(plan, days=days)


@dataclass(frozen=True)
class HouseholdPlan:
    household: Household
    plans: tuple[Plan, ...]  # one per member, in member order: their servings, totals, shortfalls, quality
    seconds: float = 0.0  # planning everyone's weeks, on the clock

    @property
    def labels(self) -> tuple[str, ...]:
        return self.household.labels

    def plan_of(self, label: str) -> Plan:
        return self.plans[self.labels.index(label)]

    @property
    def status(self) -> str:
        return "optimal" if all(p.status == "optimal" for p in self.plans) else "best found in time"

    def grams_by_food(self) -> dict[str, float]:
        """Grams of each food over the plan, everyone's summed."""
        grams: dict[str, float] = {}
        for plan in self.plans:
            for food_id, g in plan.grams_by_food().items():
                grams[food_id] = grams.get(food_id, 0.0) + g
        return grams

    def to_dict(self) -> dict:
        members = [{"label": m.label, "diet": m.food_filter.diet, "allergens": list(m.food_filter.allergens),
                    "exclude": list(m.food_filter.exclude), "liked": list(m.liked),
                    "exclude_dishes": list(m.exclude_dishes), "plan": plan.to_dict()}
                   for m, plan in zip(self.household.members, self.plans, strict=True)]
        return {"schema": HOUSEHOLD_SCHEMA, "household": {"shared": list(self.household.shared), "members": members}}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))  # six members' weeks: compact


def _solve_member(foods, dishes, t, settings, yesterday, table=None, started=None, splits=(), label="this member"):
    """One member's week. `table`: (day, slot) -> the dish ids the table serves at a shared meal, which this member
    eats (a table dish skipped and a dish of their own are penalised). `splits`: the (slot, dish) pairs
    that would make someone else at the table need a dish of their own (penalised the same)."""
    started = time.perf_counter() if started is None else started
    prob, objective = pulp.LpProblem("cramp_menu_household", pulp.LpMinimize), []

    # A dish of one's own only at the shared meals where the table serves something this member may not eat.
    may = set(servable(dishes, t.profile))
    own_at = {key for key, served in (table or {}).items() if served - may}

    def at_table(k, d, s):
        if table is None or (d, s) not in table:
            return None
        if k.endswith(OWN):  # where needed; and beside the table's dishes, an extra side, soup or salad
            return None if (d, s) in own_at or dishes[k].course in EXTRA_COURSES else False
        if k not in table[d, s]:
            return False
        name = f"{constraints.slug(k)}__d{d}__{s}"
        y = prob.add_variable(f"table__{name}", cat="Binary")
        # A table dish this member may eat but does not. Not W_SKIP * (1 - y): a constant in the objective is
        # left out of CBC's relative gap, which then let a week stop 3 points (an energy shortfall) from its bound.
        skipped = prob.add_variable(f"skipped__{name}", 0, 1)
        prob.addConstraint(y + skipped >= 1, f"skipped__{name}")
        objective.append(W_SKIP * skipped)
        return y

    if table is not None:
        dishes = {**dishes, **_own_dishes(dishes, {s for _, s in table})}
    view = add_menu(prob, dishes, nutrient_foods(foods, settings), t, settings, yesterday, objective, at_table)
    objective += [W_SPLIT * y for (k, _, s), y in view.serve.items() if k.endswith(OWN) or (s, k) in splits]
    prob += pulp.lpSum(objective), "shortfalls_splits_then_preferences"
    view.build_seconds = time.perf_counter() - started
    result = solve(view)
    if result.status == "no plan":
        raise PlanError(f"No week was found in the time allowed for {label}. Please try again; if it happens again, "
                        "share fewer meals or allow more foods.")
    return _served_to(extract_plan(view, result, foods))


def _at_table(settings: PlanSettings, table: Mapping) -> PlanSettings:
    """A later member's kept meals and dishes asked away as their model names the dishes: at a shared meal, a kept
    dish the table does not serve was their own, and a dish asked away is asked away as their own too."""
    locks = tuple(replace(lock, items=tuple((k if k in table[lock.day, lock.slot] else k + OWN, n)
                                            for k, n in lock.items)) if (lock.day, lock.slot) in table else lock
                  for lock in settings.locks)
    bans = tuple(replace(ban, dishes=(*ban.dishes, *(k + OWN for k in ban.dishes))) for ban in settings.bans)
    return replace(settings, locks=locks, bans=bans)


def _week(foods, household: Household, allowed, settings: PlanSettings, targets, yesterdays, locks) -> list[Plan]:
    """One week: the first member's menus set the table (a shared dish someone else may not eat is penalised as a
    split), then each other member's, eating what the table serves in servings of their own. One after another:
    one model for everyone ran too slowly with CBC (benchmarks/README.md). `locks`: each member's kept meals."""
    started = time.perf_counter()
    own = [replace(member_settings(settings, m), locks=kept) for m, kept in zip(household.members, locks, strict=True)]
    common = set.intersection(*(set(a) for a in allowed))
    splits = {(s, k) for k, d in allowed[0].items() if k not in common for s in d.slots if s in household.shared}
    labels = household.labels
    plans = [_solve_member(foods, allowed[0], targets[0], own[0], yesterdays[0], started=started, splits=splits,
                           label=labels[0])]
    table = {(day.index, meal.slot): {d.dish_id for d in meal.dishes}
             for day in plans[0].days for meal in day.meals if meal.slot in household.shared}

    def follow(i):
        quick = replace(_at_table(own[i], table), time_limit_s=FOLLOWER_SHARE * own[i].time_limit_s)
        return _solve_member(foods, allowed[i], targets[i], quick, yesterdays[i], table, label=labels[i])

    # Each later member's week depends on the table alone: their solvers (processes of their own) run side by side.
    with ThreadPoolExecutor(max_workers=machine_size()) as pool:
        plans += pool.map(follow, range(1, len(household.members)))
    return plans


def plan_household(foods: pd.DataFrame, household: Household, settings: PlanSettings,
                   dishes: Mapping[str, Dish] | None = None, targets: Sequence[Targets] | None = None,
                   locks: Sequence[tuple[Lock, ...]] | None = None) -> HouseholdPlan:
    """Plan the household's days: `settings` gives days, slots, seed and time limit; each member brings their own
    foods, likes and dishes left out. `targets`: one per member (default: their profile's, for their diet).
    `locks`: one tuple per member of the meals kept as they are (household_locks), the same meals for everyone."""
    dishes = plannable_dishes(foods) if dishes is None else dishes
    targets = tuple(targets) if targets is not None else tuple(
        targets_for(m.profile, m.food_filter.diet) for m in household.members)
    locks = tuple(locks) if locks is not None else ((),) * len(household.members)
    if len(targets) != len(household.members) or len(locks) != len(household.members):
        raise ValueError(f"{len(targets)} sets of targets and {len(locks)} of kept meals for "
                         f"{len(household.members)} members")
    for m in household.members:
        check_ids(m.food_filter.exclude, foods, f"the foods {m.label} leaves out")
        check_ids(m.liked, foods, f"the foods {m.label} likes")
    allowed = [allowed_dishes(dishes, foods, member_settings(settings, m)) for m in household.members]
    for m, mine in zip(household.members, allowed, strict=True):
        unfilled = unfilled_slots(mine, settings, m.profile)
        if unfilled:
            raise PlanError(f"{m.label}: no dish is left for {' or '.join(unfilled)}: every dish for it holds a food "
                            f"{m.label} may not eat; leave it out of the plan or allow more foods")
    started, weeks, yesterdays = time.perf_counter(), [], [()] * len(household.members)
    for start in range(0, settings.days, WEEK):
        length = min(WEEK, settings.days - start)
        week = replace(settings, days=length, seed=settings.seed + start, locks=(),
                       bans=locks_in(settings.bans, start, length))
        plans = _week(foods, household, allowed, week, targets, yesterdays,
                      [locks_in(kept, start, length) for kept in locks])
        weeks.append(plans)
        yesterdays = [day_before(p.days[-1], foods) for p in plans]
    plans = tuple(w[0] if len(weeks) == 1 else join_plans(list(w), member_settings(settings, m), foods)
                  for m, w in zip(household.members, zip(*weeks, strict=True), strict=True))
    return HouseholdPlan(household, plans, round(time.perf_counter() - started, 3))


def household_locks(plan: HouseholdPlan, keep) -> tuple[tuple[Lock, ...], ...]:
    """Each member's locks that keep the given (day, slot) meals of the household's plan as they are."""
    return tuple(locks_from_plan(p, keep) for p in plan.plans)


def household_shopping(plan: HouseholdPlan, foods: pd.DataFrame, pantry=frozenset()) -> list[ShoppingItem]:
    """What to buy for everyone: each food's grams summed over the members."""
    return grams_list(plan.grams_by_food(), foods, pantry)


def week_table(plan: HouseholdPlan) -> pd.DataFrame:
    """Each dish once, with each member's serving ('–' where they do not eat it): day, meal, dish, members."""
    rows: dict[tuple, dict] = {}
    for label, member_plan in zip(plan.labels, plan.plans, strict=True):
        for day in member_plan.days:
            for meal in day.meals:
                for dish in meal.dishes:
                    row = rows.setdefault((day.index, SLOTS.index(meal.slot), dish.name), {})
                    row[label] = dish.label
    records = [{"Day": f"Day {d + 1}", "Meal": SLOT_LABELS[SLOTS[s]], "Dish": name,
                **{label: served.get(label, "–") for label in plan.labels}}
               for (d, s, name), served in sorted(rows.items())]
    return pd.DataFrame.from_records(records, columns=["Day", "Meal", "Dish", *plan.labels])

