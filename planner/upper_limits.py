"""Which days of a plan go over an upper limit, in plain words: 'Day 1: Calcium 4,861 mg is over ...'."""

from __future__ import annotations

from planner.constants import TOLERANCE
from planner.nutrients import BY_KEY, OTHER_NAMES, SODIUM
from planner.plan import amount
from planner.targets import Targets


def over_limits(daily_totals, targets: Targets) -> tuple[str, ...]:
    """One sentence per day and nutrient whose total is over its maximum (a UL, the sodium limit, or a
    limit the person set). A plan the model made has none; an opened file, or a changed table, may."""
    out = []
    for d, totals in enumerate(daily_totals):
        for t in targets.nutrients:
            got = totals.get(t.key)
            if t.max is None or got is None or got <= t.max * (1 + TOLERANCE):
                continue
            name = BY_KEY[t.key].label if t.key in BY_KEY else OTHER_NAMES.get(t.key, t.key)
            limit = "the limit" if t.key == SODIUM else "the upper limit"
            out.append(f"Day {d + 1}: {name} {amount(got)} {t.unit} is over {limit} of {amount(t.max)} {t.unit}")
    return tuple(out)
