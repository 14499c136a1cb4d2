"""Time households of 1, 2, 4 and 6 members planning 7 days together (planner.household.plan_household).

    python benchmarks/bench_household.py [--seeds 3]

For each size and seed: seconds end to end, the status, each member's shortfall count and HEI-2020. Prints
figures; it is not a test and asserts nothing. Run it on an otherwise idle machine."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.foods import FoodFilter, load_foods  # noqa: E402
from planner.household import Household, Member, plan_household  # noqa: E402
from planner.settings import PlanSettings  # noqa: E402
from planner.targets import Profile  # noqa: E402

MEMBERS = (
    Member("Me", Profile("female", 31, pregnancy_trimester=2)),
    Member("Partner", Profile("male", 34)),
    Member("Child 10", Profile("female", 10)),
    Member("Teen", Profile("male", 15, activity="active"), FoodFilter("vegetarian")),
    Member("Gran", Profile("female", 72, activity="inactive")),
    Member("Uncle", Profile("male", 50), FoodFilter("pescatarian", allergens=("milk",))),
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--sizes", default="1,2,4,6")
    args = ap.parse_args()
    foods = load_foods()
    print("7-day household plans with cbc; seconds end to end (plan_household)")
    summary = []
    for size in map(int, args.sizes.split(",")):
        household, times = Household(MEMBERS[:size]), []
        for seed in range(args.seeds):
            started = time.perf_counter()
            plan = plan_household(foods, household, PlanSettings(seed=seed))
            times.append(time.perf_counter() - started)
            members = "; ".join(f"{label} {len(p.shortfalls)} short, HEI {p.quality['hei2020']['total']:.0f}"
                                for label, p in zip(plan.labels, plan.plans, strict=True))
            print(f"  {size} member(s), seed {seed}: {times[-1]:5.2f} s  {plan.status:18}  {members}")
        summary.append(f"  {size} member(s): median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    print("Summary")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
