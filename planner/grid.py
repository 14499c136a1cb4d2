"""The week at a glance: days as columns, meals as rows, and a row per day total (energy, cramp minerals)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from planner.foods import SLOT_LABELS
from planner.nutrients import BY_KEY, PRIMARY
from planner.plan import Plan
from planner.shopping import inert

TOTAL_KEYS = ("energy_kcal", *PRIMARY)  # the day totals shown under the meals


def total_label(key: str) -> str:
    """'Day total: Potassium (mg)'."""
    name, unit = ("Energy", "kcal") if key == "energy_kcal" else (BY_KEY[key].label, BY_KEY[key].unit)
    return f"Day total: {name} ({unit})"


def total_text(value: float) -> str:
    """A day's total as a person reads it: '2,950', '12.4'."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def dish_text(dish) -> str:
    """'Lentil soup (1½ bowls)'."""
    return f"{dish.name} ({dish.label})"


def week_grid(plan: Plan, sep: str = "\n") -> pd.DataFrame:
    """One row per meal (dishes with servings, `sep` between dishes; '–' where nothing is planned), then one row
    per day total; one column per day, after a 'Meal' column."""
    slots = [m.slot for m in plan.days[0].meals]
    rows = []
    for s, slot in enumerate(slots):
        row = {"Meal": SLOT_LABELS.get(slot, slot)}
        for day in plan.days:
            row[f"Day {day.index + 1}"] = sep.join(dish_text(d) for d in day.meals[s].dishes) or "–"
        rows.append(row)
    for key in TOTAL_KEYS:
        row = {"Meal": total_label(key)}
        for day, totals in zip(plan.days, plan.daily_totals, strict=True):
            row[f"Day {day.index + 1}"] = total_text(totals.get(key, 0.0))
        rows.append(row)
    return pd.DataFrame(rows)


def grid_csv(plan: Plan) -> str:
    """The grid for a spreadsheet or a printer: dishes in a cell separated by '; '."""
    frame = week_grid(plan, sep="; ")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([inert(str(v)) for v in row])
    return buf.getvalue()
