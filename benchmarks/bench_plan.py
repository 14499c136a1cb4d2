"""Time plan_week: model build and solve apart, per solver, for several profiles; a 28-day plan; peak memory.

    python benchmarks/bench_plan.py [--repeats 3]

Prints figures; it is not a test and asserts nothing."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.constants import WEEK  # noqa: E402
from planner.dishes import filter_dishes, load_dishes  # noqa: E402
from planner.foods import FoodFilter, load_foods  # noqa: E402
from planner.model import build_model, nutrient_foods, solve  # noqa: E402
from planner.settings import PlanSettings  # noqa: E402
from planner.targets import Profile, targets_for  # noqa: E402

PROFILES = {
    "pregnant, 2nd trimester, 28": (Profile("female", 28, pregnancy_trimester=2), "omnivore"),
    "breastfeeding, 34": (Profile("female", 34, lactation_months=3), "omnivore"),
    "man, 45": (Profile("male", 45), "omnivore"),
    "woman, 72": (Profile("female", 72, activity="inactive"), "omnivore"),
    "girl, 16": (Profile("female", 16), "omnivore"),
    "vegetarian woman, 30": (Profile("female", 30), "vegetarian"),
}
# Harder: targets the food pool cannot fully meet, so the solver must prove the least shortfall.
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


def one(profile, diet, solver, seed, days):
    """(build seconds, solve seconds, status) of one plan; plans over a week are solved week by week."""
    foods = load_foods()
    dishes = load_dishes(foods)
    rule = diet if isinstance(diet, FoodFilter) else FoodFilter(diet, pregnant_or_lactating=profile.condition != "none")
    build = solve_s = 0.0
    statuses = set()
    for start in range(0, days, WEEK):
        settings = PlanSettings(days=min(WEEK, days - start), food_filter=rule, seed=seed + start, solver=solver)
        model = build_model(filter_dishes(dishes, foods, rule), nutrient_foods(foods, settings),
                            targets_for(profile, rule.diet), settings)
        result = solve(model)
        build, solve_s = build + model.build_seconds, solve_s + result.seconds
        statuses.add(result.status.replace(" ", "_"))
    return build, solve_s, "+".join(sorted(statuses))


def peak_memory_28_days(solver: str) -> dict:
    """Run a 28-day plan in a fresh process; report its peak RSS and that of the solver it started."""
    code = (
        "import resource, sys; sys.path.insert(0, '.');"
        "from benchmarks.bench_plan import one; from planner.targets import Profile;"
        f"b, s, st = one(Profile('female', 28, pregnancy_trimester=2), 'omnivore', '{solver}', 0, 28);"
        "print(b, s, st, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.strip().splitlines()[-1].split()
    build, solve_s, status, self_kb, child_kb = float(out[0]), float(out[1]), out[2], int(out[-2]), int(out[-1])
    return {"build_s": build, "solve_s": solve_s, "status": status, "python_peak_mb": self_kb / 1024,
            "solver_process_peak_mb": child_kb / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3, help="seeds per profile and solver")
    ap.add_argument("--solvers", default="cbc,highs")
    args = ap.parse_args()
    print(f"7-day plans, {args.repeats} seeds per profile; seconds")
    for solver in args.solvers.split(","):
        runs_all = []
        for name, (profile, diet) in {**PROFILES, **HARD}.items():
            runs = [one(profile, diet, solver, seed, 7) for seed in range(args.repeats)]
            runs_all += runs
            med = statistics.median
            print(f"  {solver:5} {name:30} build {med(r[0] for r in runs):.3f}  solve {med(r[1] for r in runs):.3f}"
                  f"  worst total {max(r[0] + r[1] for r in runs):.3f}  {', '.join(sorted({r[2] for r in runs}))}")
        runs_all = runs_all[: len(PROFILES) * args.repeats]  # the summary is over the ordinary profiles
        totals = sorted(r[0] + r[1] for r in runs_all)
        proven = sum(r[2] == "optimal" for r in runs_all)
        print(f"  {solver:5} ORDINARY PROFILES: median build {statistics.median(r[0] for r in runs_all):.3f} s,"
              f" solve {statistics.median(r[1] for r in runs_all):.3f} s, total {statistics.median(totals):.3f} s"
              f" (p90 {totals[int(0.9 * len(totals))]:.3f} s); {proven}/{len(runs_all)} proven within the gap")
    for solver in args.solvers.split(","):
        print(f"28-day plan, {solver}: " + json.dumps(peak_memory_28_days(solver)))


if __name__ == "__main__":
    main()
