"""Tidy tables from a Plan, for charts, the page and the CLI: coverage per day, where minerals come from."""

from __future__ import annotations

import pandas as pd

from planner.nutrients import BY_KEY, OTHER_NAMES, PRIMARY
from planner.plan import Plan, amount
from planner.upper_limits import over_limits


def coverage_frame(plan: Plan, keys=PRIMARY) -> pd.DataFrame:
    """One row per day and nutrient: amount, target, share of the target (%) and the UL as a share."""
    rows = []
    for key in keys:
        t = plan.targets.get(key)
        if t is None or not t.min:
            continue
        for d, totals in enumerate(plan.daily_totals):
            rows.append({
                "day": f"Day {d + 1}", "day_index": d, "nutrient": BY_KEY[key].label, "key": key,
                "amount": totals[key], "target": t.min, "unit": t.unit,
                "percent": round(100 * totals[key] / t.min, 1),
                "ul_percent": round(100 * t.max / t.min, 1) if t.max else None,
                # what the tooltips say, with units
                "amount_text": f"{amount(totals[key])} {t.unit}", "target_text": f"{amount(t.min)} {t.unit}",
                "percent_text": f"{100 * totals[key] / t.min:.0f} %",
                "ul_text": f"{amount(t.max)} {t.unit} ({100 * t.max / t.min:.0f} % of the target)" if t.max else "",
            })
    return pd.DataFrame(rows)


def sources_frame(plan: Plan, foods: pd.DataFrame, keys=PRIMARY, top: int = 5) -> pd.DataFrame:
    """For each nutrient, the foods giving most of it over the plan; the rest summed as 'Other foods'."""
    grams = pd.Series(plan.grams_by_food(), dtype=float)
    rows = []
    for key in keys:
        by_food = (foods.loc[grams.index, key].fillna(0) * grams / 100).sort_values(ascending=False)
        total = by_food.sum()
        if total <= 0:
            continue
        given = by_food[(100 * by_food / total).round(1) > 0]  # a food giving none (or 0.0 %) is no source
        head = given.iloc[:top]
        parts = [(foods.at[f, "name"], v) for f, v in head.items()]
        if len(given) > top:
            parts.append(("Other foods", given.iloc[top:].sum()))
        unit = BY_KEY[key].unit
        for rank, (name, value) in enumerate(parts):
            a_day = value / len(plan.days)
            rows.append({"nutrient": BY_KEY[key].label, "food": name, "rank": rank,
                         "amount": round(a_day, 2), "unit": unit, "percent": round(100 * value / total, 1),
                         "amount_text": f"{amount(a_day)} {unit} a day",
                         "percent_text": f"{100 * value / total:.1f} %"})
    return pd.DataFrame(rows)


def met_summary(plan: Plan) -> pd.DataFrame:
    """Weekly average against every target: a table a person can read."""
    rows = []
    for t in plan.targets.nutrients:
        got = plan.weekly_average.get(t.key)
        if got is None:
            continue
        name = BY_KEY[t.key].label if t.key in BY_KEY else OTHER_NAMES[t.key]
        if t.min:
            status = "met" if got >= t.min * 0.995 else "short"
        else:
            status = "under the limit" if t.max is None or got <= t.max else "over the limit"
        rows.append({"Nutrient": name, "Average a day": round(got, 1), "Unit": t.unit,
                     "Target": t.min, "Upper limit": t.max, "Status": status,
                     "Cramp mineral": t.key in PRIMARY})
    energy = plan.weekly_average["energy_kcal"]
    rows.append({"Nutrient": "Energy", "Average a day": round(energy), "Unit": "kcal",
                 "Target": plan.targets.energy_min, "Upper limit": plan.targets.energy_max,
                 "Status": "in range" if plan.targets.energy_min <= energy <= plan.targets.energy_max
                 else "out of range",
                 "Cramp mineral": False})
    return pd.DataFrame(rows)


def notices(plan: Plan) -> list[tuple[str, list[str]]]:
    """What every view of a plan must say besides the menu: (heading, lines), empty sections left out."""
    over = over_limits(plan.daily_totals, plan.targets)  # only an opened file can have some
    short = [s.text for s in plan.shortfalls] or ([] if over else ["None: the plan meets every target and limit."])
    sections = [("Warnings", list(plan.targets.warnings)), ("Over an upper limit", list(over)),
                ("Where this plan falls short", short), ("What food cannot cover", list(plan.advice)),
                ("Notes", [n for n in plan.notes if n not in over])]
    return [(head, lines) for head, lines in sections if lines]
