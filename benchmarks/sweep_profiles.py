"""Plan weeks for random valid profiles and look for silent shortfalls (a miss the plan does not say).

    python benchmarks/sweep_profiles.py [--profiles 300] [--seed 1]

Each plan is recomputed from its grams (tests/test_safety.py: check_every_miss_is_said); prints the
profiles with a silent miss, the kinds of miss that were said, and solve times. Not a test."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.extract import PlanError  # noqa: E402
from planner.foods import ALLERGENS, DIETS, SLOTS, FoodFilter, filter_foods, load_foods  # noqa: E402
from planner.model import plan_week  # noqa: E402
from planner.settings import PlanSettings  # noqa: E402
from planner.targets import ACTIVITIES, Profile, ProfileError, targets_for  # noqa: E402
from tests.checks import check_every_miss_is_said  # noqa: E402


def random_case(rng: random.Random, foods):
    """A valid profile and settings drawn from the whole space the page and the CLI accept."""
    while True:
        sex = rng.choice(("female", "male"))
        age = rng.randint(9, 90)
        stage = rng.choice((None, None, "pregnancy", "lactation")) if sex == "female" and 14 <= age <= 50 else None
        body = rng.random() < 0.5
        kidney = rng.random() < 0.1
        try:
            profile = Profile(sex, age, rng.randint(1, 3) if stage == "pregnancy" else None,
                              rng.randint(0, 24) if stage == "lactation" else None, rng.choice(ACTIVITIES),
                              round(rng.uniform(140, 200), 1) if body else None,
                              round(rng.uniform(40, 130), 1) if body else None,
                              kidney, float(rng.choice((1500, 2000, 2500, 3000))) if kidney else None)
        except ProfileError:
            continue
        choosable = sorted(foods.index[(foods.avoid == "no") & foods.slots.notna()])
        rule = FoodFilter(rng.choice(DIETS), tuple(rng.sample(ALLERGENS, rng.choice((0, 0, 1, 2)))),
                          tuple(rng.sample(choosable, rng.choice((0, 0, 2, 6)))), profile.condition != "none",
                          rng.random() > 0.15)
        slots = tuple(s for s in SLOTS if rng.random() < 0.85) or ("lunch",)
        days = rng.choice((7, 7, 7, 3, 14))
        return profile, PlanSettings(days=days, slots=slots, food_filter=rule, seed=rng.randint(0, 999_999))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    rng, foods = random.Random(a.seed), load_foods()
    silent, failed, kinds, seconds, statuses = [], [], Counter(), [], Counter()
    for n in range(a.profiles):
        profile, settings = random_case(rng, foods)
        started = time.perf_counter()
        try:
            plan = plan_week(foods, targets_for(profile, settings.food_filter.diet), settings)
        except PlanError as exc:
            failed.append((n, profile, settings, str(exc)))
            continue
        seconds.append(time.perf_counter() - started)
        statuses[plan.status] += 1
        kinds.update("energy over" if s.over else f"{s.key} {'day' if s.day is not None else 'average'}"
                     for s in plan.shortfalls)
        try:
            # the figures the planner counts: every food a dish may hold, added vitamin D at 0 where not sold
            counted = filter_foods(foods.assign(slots="breakfast"), settings.food_filter)
            check_every_miss_is_said(plan, foods.assign(vitamin_d_ug=counted.vitamin_d_ug.reindex(foods.index,
                                                                                                   fill_value=0)),
                                     settings.daily_floor)
        except AssertionError as exc:
            silent.append((n, profile, settings, str(exc)))
    print(f"{a.profiles} plans; silent misses: {len(silent)}; no plan: {len(failed)}")
    for n, profile, settings, what in silent[:20] + failed[:20]:
        print(f"  #{n}: {profile} {settings.food_filter} days={settings.days} slots={settings.slots}: {what}")
    print("misses said, by kind:", dict(kinds.most_common()))
    print("status:", dict(statuses))
    q = statistics.quantiles(seconds, n=10)
    print(f"seconds: median {statistics.median(seconds):.2f}, p90 {q[-1]:.2f}, max {max(seconds):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
