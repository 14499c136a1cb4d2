"""Time and score 7-day plans: ordinary profiles, fixed hard ones, and a seeded random draw of hard ones.

    python benchmarks/bench_plan.py [--repeats 3] [--random-hard 20] [--solver cbc] [--memory]

For each plan: seconds end to end (plan_week: filter, build, solve, read back), the solver's status, the
HEI-2020 and the Dietary Guidelines pattern goals not met (daily goals on the average day, weekly goals on
the week). Prints figures; it is not a test and asserts nothing."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.sweep_profiles import random_case  # noqa: E402
from planner.dishes import load_dishes  # noqa: E402
from planner.extract import PlanError  # noqa: E402
from planner.foods import ALLERGENS, FoodFilter, load_foods  # noqa: E402
from planner.model import plan_week  # noqa: E402
from planner.pattern import compare_to_pattern, pattern_for, plan_day_groups  # noqa: E402
from planner.settings import PlanSettings  # noqa: E402
from planner.targets import Profile, targets_for  # noqa: E402

PROFILES = {
    "pregnant, 2nd trimester, 28": (Profile("female", 28, pregnancy_trimester=2), "omnivore"),
    "pregnant, 1st trimester, 31": (Profile("female", 31, pregnancy_trimester=1), "omnivore"),
    "breastfeeding, 34": (Profile("female", 34, lactation_months=3), "omnivore"),
    "man, 45": (Profile("male", 45), "omnivore"),
    "woman, 30": (Profile("female", 30), "omnivore"),
    "woman, 72": (Profile("female", 72, activity="inactive"), "omnivore"),
    "girl, 16": (Profile("female", 16), "omnivore"),
    "girl, 9": (Profile("female", 9), "omnivore"),
    "vegetarian woman, 30": (Profile("female", 30), "vegetarian"),
    "pescatarian man, 50": (Profile("male", 50, activity="active"), "pescatarian"),
}
# Harder: targets the food pool cannot fully meet, so the solver must find the least shortfall.
HARD = {
    "vegan woman, 35 (no B12 source)": (Profile("female", 35), FoodFilter(diet="vegan")),
    "fish-free, no UV mushrooms, 30": (Profile("female", 30),
                                       FoodFilter(allergens=("fish",), exclude=("uv-mushrooms", "uv-portabella"))),
    "pregnant vegetarian, no milk, 25": (
        Profile("female", 25, pregnancy_trimester=3),
        FoodFilter(diet="vegetarian", allergens=("milk",), pregnant_or_lactating=True),
    ),
    "kidney, 2,500 mg potassium, man 60": (
        Profile("male", 60, kidney_or_potassium_drugs=True, potassium_max_mg=2500), FoodFilter()),
    "very active vegetarian teen (issue 12)": (
        Profile("male", 18, activity="very_active", height_cm=168.7, weight_kg=103),
        FoodFilter(diet="vegetarian", allergens=("sesame",))),
}
ISSUE_12_LUNCH = ("breastfeeding pescatarian, lunch only (issue 12)",
                  Profile("female", 26, lactation_months=2),
                  PlanSettings(slots=("lunch",), liked=("wholewheat-pasta", "avocado"), seed=925794,
                               food_filter=FoodFilter("pescatarian", pregnant_or_lactating=True)))


def random_hard(n: int, seed: int, foods) -> list[tuple[str, Profile, PlanSettings]]:
    """Hard 7-day cases drawn at random (seeded) from the space the page accepts, then made hard: many
    exclusions, vegan, one or two meal slots, very active, a kidney limit (one or more of these each)."""
    rng, cases = random.Random(seed), []
    choosable = sorted(foods.index[(foods.avoid == "no") & foods.slots.notna()])
    while len(cases) < n:
        profile, settings = random_case(rng, foods)
        rule = settings.food_filter
        hard = rng.sample(("exclusions", "vegan", "few slots", "very active", "kidney"), rng.choice((1, 2)))
        if "exclusions" in hard:
            rule = replace(rule, allergens=tuple(rng.sample(ALLERGENS, 2)), exclude=tuple(rng.sample(choosable, 12)))
        if "vegan" in hard:
            rule = replace(rule, diet="vegan")
        slots = tuple(rng.sample(settings.slots, min(len(settings.slots), rng.choice((1, 2))))) \
            if "few slots" in hard else settings.slots
        try:
            if "very active" in hard:
                profile = replace(profile, activity="very_active")
            if "kidney" in hard:
                profile = replace(profile, kidney_or_potassium_drugs=True,
                                  potassium_max_mg=float(rng.choice((1500, 2000, 2500))))
        except ValueError:
            continue
        label = f"{profile.sex} {profile.age} {'+'.join(hard)} {rule.diet} slots={','.join(slots)}"
        cases.append((label, profile, PlanSettings(days=7, slots=slots, food_filter=rule, seed=rng.randint(0, 999))))
    return cases


def one(foods, dishes, profile: Profile, settings: PlanSettings) -> dict:
    """Seconds, status, HEI and unmet pattern goals of one plan (or why there is none)."""
    targets = targets_for(profile, settings.food_filter.diet)
    started = time.perf_counter()
    try:
        plan = plan_week(foods, targets, settings, dishes)
    except PlanError as exc:
        return {"seconds": time.perf_counter() - started, "status": "no plan", "why": str(exc)}
    seconds = time.perf_counter() - started
    pattern = pattern_for(targets, settings.food_filter.diet, settings.days)
    rows = compare_to_pattern(plan_day_groups(plan, foods), pattern)
    unmet = rows[(rows.period == "week") & ~rows.met]
    return {"seconds": seconds, "status": plan.status, "hei": plan.quality["hei2020"]["total"],
            "unmet": [f"{r.label} {r.amount:.1f}" for r in unmet.itertuples()],
            "shortfalls": len([s for s in plan.shortfalls if s.day is None])}


def summary(name: str, runs: list[dict]) -> None:
    secs = sorted(r["seconds"] for r in runs)
    heis = [r["hei"] for r in runs if "hei" in r]
    proven = sum(r["status"] == "optimal" for r in runs)
    p90 = secs[min(len(secs) - 1, int(0.9 * len(secs)))]
    print(f"  {name}: {len(runs)} plans, seconds median {statistics.median(secs):.2f}, p90 {p90:.2f}, "
          f"max {secs[-1]:.2f}; {proven} proven optimal; HEI median {statistics.median(heis):.1f}, "
          f"min {min(heis):.1f}; {sum(h >= 90 for h in heis)}/{len(heis)} at 90 or more")


def show(name: str, r: dict) -> None:
    if "hei" not in r:
        print(f"    {name:44} {r['seconds']:5.2f} s  no plan: {r['why'][:70]}")
        return
    unmet = ", ".join(r["unmet"]) or "every pattern goal met"
    print(f"    {name:44} {r['seconds']:5.2f} s  {r['status']:18} HEI {r['hei']:5.1f}  "
          f"{r['shortfalls']} average(s) short; {unmet}")


def peak_memory_28_days() -> str:
    """A 28-day plan in a fresh process: its seconds and peak RSS (Python, and the solver it started)."""
    code = ("import resource, sys, time; sys.path.insert(0, '.');"
            "from planner.foods import load_foods; from planner.model import plan_week;"
            "from planner.settings import PlanSettings; from planner.targets import Profile, targets_for;"
            "f = load_foods(); t = time.perf_counter();"
            "p = plan_week(f, targets_for(Profile('female', 28, pregnancy_trimester=2)), PlanSettings(days=28));"
            "print(round(time.perf_counter() - t, 2), p.status, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.split()
    return json.dumps({"seconds": float(out[0]), "status": " ".join(out[1:-2]),
                       "python_peak_mb": int(out[-2]) // 1024, "solver_peak_mb": int(out[-1]) // 1024})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3, help="seeds per ordinary and fixed hard profile")
    ap.add_argument("--random-hard", type=int, default=20, help="hard profiles drawn at random")
    ap.add_argument("--seed", type=int, default=12, help="seed of the random hard draw")
    ap.add_argument("--solver", default="cbc")
    ap.add_argument("--memory", action="store_true", help="also a 28-day plan's time and peak memory")
    args = ap.parse_args()
    foods = load_foods()
    dishes = load_dishes(foods)
    print(f"7-day plans with {args.solver}; seconds end to end (plan_week)")
    sets = {"ORDINARY": [], "FIXED HARD": [], "RANDOM HARD": []}
    for name, (profile, diet) in PROFILES.items():
        rule = FoodFilter(diet, pregnant_or_lactating=profile.condition != "none")
        for seed in range(args.repeats):
            r = one(foods, dishes, profile, PlanSettings(food_filter=rule, seed=seed, solver=args.solver))
            sets["ORDINARY"].append(r)
            show(f"{name} (seed {seed})", r)
    for name, (profile, rule) in HARD.items():
        for seed in range(args.repeats):
            r = one(foods, dishes, profile, PlanSettings(food_filter=rule, seed=seed, solver=args.solver))
            sets["FIXED HARD"].append(r)
            show(f"{name} (seed {seed})", r)
    name, profile, settings = ISSUE_12_LUNCH
    r = one(foods, dishes, profile, settings)
    sets["FIXED HARD"].append(r)
    show(name, r)
    for name, profile, settings in random_hard(args.random_hard, args.seed, foods):
        r = one(foods, dishes, profile, settings)
        sets["RANDOM HARD"].append(r)
        show(name[:44], r)
    print("Summary")
    for name, runs in sets.items():
        summary(name, runs)
    every = [r for runs in sets.values() for r in runs]
    print(f"  EVERY 7-DAY PLAN: max {max(r['seconds'] for r in every):.2f} s over {len(every)}")
    if args.memory:
        print("28-day plan: " + peak_memory_28_days())


if __name__ == "__main__":
    main()
