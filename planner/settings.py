"""PlanSettings: what the planner is asked for, apart from the person's targets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.foods import SLOTS, FoodFilter
from planner.plan import Asked

SOLVERS = ("highs", "cbc")


@dataclass(frozen=True)
class Lock:
    """A meal kept as it is: (dish id, servings) pairs for one day and slot; empty means 'nothing'."""

    day: int  # 0-based
    slot: str
    items: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Ban:
    """Dishes not to serve at one meal (another idea for it): one day (0-based) and slot."""

    day: int
    slot: str
    dishes: tuple[str, ...]


@dataclass(frozen=True)
class PlanSettings:
    days: int = 7
    slots: tuple[str, ...] = SLOTS
    food_filter: FoodFilter = field(default_factory=FoodFilter)
    liked: tuple[str, ...] = ()  # food ids to favour
    liked_dishes: tuple[str, ...] = ()
    exclude_dishes: tuple[str, ...] = ()  # dishes swapped out
    seed: int = 0
    daily_floor: float = 0.9  # each cramp mineral every day at least this share of its target
    max_days_per_dish: int = 2  # variety: any one dish on at most this many days a week
    min_distinct_dishes: int = 14
    locks: tuple[Lock, ...] = ()
    bans: tuple[Ban, ...] = ()
    solver: str = "cbc"
    time_limit_s: float = 2.0  # then the best plan found, said so; a plan with no answer yet gets longer
    gap: float = 0.01
    # ... or within this many penalty points of the bound: 1 point is a tenth of one food-group goal (W_PATTERN),
    # a thousandth of a cramp mineral's week. Where every goal can be met the bound is 0, so a week this close
    # to perfect is proven good enough at once instead of searched for minutes (benchmarks/README.md).
    gap_points: float = 1.0

    def asked(self) -> Asked:
        """The person's own food choices in these settings, as a plan file keeps them."""
        rule = self.food_filter
        return Asked(rule.allergens, rule.exclude, rule.fortified_available, self.liked, self.exclude_dishes)

    def __post_init__(self):
        problems = []
        if not 1 <= self.days <= 28:
            problems.append(f"days must be from 1 to 28, not {self.days}")
        bad = [s for s in self.slots if s not in SLOTS]
        if bad or not self.slots:
            problems.append(f"meal slots must be some of {', '.join(SLOTS)}")
        if not 0 <= self.daily_floor <= 1:
            problems.append("the daily floor is a share from 0 to 1 (0.9 means 90 %)")
        if not 1 <= self.max_days_per_dish <= 7:
            problems.append("a dish's days per week must be from 1 to 7")
        if self.solver not in SOLVERS:
            problems.append(f"solver must be one of {', '.join(SOLVERS)}")
        if problems:
            raise ValueError("; ".join(problems))


def asked_settings(asked: Asked, diet: str, pregnant_or_lactating: bool) -> PlanSettings:
    """What a plan was asked for (its food rule, liked foods and dishes left out), from its saved choices, its diet
    and its life stage; PlanSettings.asked() the other way round."""
    rule = FoodFilter(diet, asked.allergens, asked.exclude, pregnant_or_lactating, asked.fortified_available)
    return PlanSettings(food_filter=rule, liked=asked.liked, exclude_dishes=asked.exclude_dishes)


def locks_from_plan(plan, keep) -> tuple[Lock, ...]:
    """Locks that keep the given (day, slot) meals of `plan` exactly as they are."""
    return tuple(
        Lock(day.index, meal.slot, tuple((d.dish_id, d.servings) for d in meal.dishes))
        for day in plan.days
        for meal in day.meals
        if (day.index, meal.slot) in keep
    )


def locks_in(locks, start: int, length: int) -> tuple:
    """The locks (or bans) of the days start..start+length-1, their days counted from `start` (a plan solved week by
    week)."""
    return tuple(replace(lock, day=lock.day - start) for lock in locks if start <= lock.day < start + length)


def keep_all_but_day(plan, day: int, ticked=()) -> set[tuple[int, str]]:
    """Every meal of the plan except those of one day, but for the meals of that day ticked Keep: for re-planning
    that day alone."""
    others = {(d.index, m.slot) for d in plan.days for m in d.meals if d.index != day}
    return others | {k for k in ticked if k[0] == day}
