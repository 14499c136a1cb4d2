"""The classic least-cost diet problem, for any food and requirement table (continuous amounts)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pulp


class DietInputError(ValueError):
    """A food or requirement table the diet problem cannot use."""


@dataclass(frozen=True)
class DietResult:
    status: str  # "optimal" or "infeasible"
    amounts: dict  # food name -> units
    cost: float
    totals: dict  # nutrient -> amount in the diet
    binding: tuple[str, ...]  # minimums met with no room to spare


def read_tables(foods_csv, requirements_csv) -> tuple[pd.DataFrame, pd.DataFrame]:
    try:
        foods = pd.read_csv(foods_csv)
        req = pd.read_csv(requirements_csv)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DietInputError(f"cannot read the tables: {exc}") from None
    return foods, req


def solve_diet(foods: pd.DataFrame, requirements: pd.DataFrame) -> DietResult:
    """Least-cost amounts of each food meeting every `min` (and `max`, where given) per nutrient."""
    problems = [f"the food table needs a '{c}' column" for c in ("name", "cost") if c not in foods]
    problems += [f"the requirement table needs a '{c}' column" for c in ("nutrient", "min") if c not in requirements]
    if not problems:
        problems += [f"requirement '{n}' has no column in the food table" for n in requirements.nutrient
                     if n not in foods]
        if foods.name.duplicated().any():
            problems.append("food names must be unique")
    if problems:
        raise DietInputError("; ".join(problems))
    nutrients = list(requirements.nutrient)
    numeric = foods[["cost", *nutrients]].apply(pd.to_numeric, errors="coerce")
    if numeric.isna().any().any() or (numeric.cost < 0).any():
        raise DietInputError("cost and nutrient cells must be numbers, cost 0 or more")
    prob = pulp.LpProblem("least_cost_diet", pulp.LpMinimize)
    x = {name: prob.add_variable(f"amount_{i}", lowBound=0) for i, name in enumerate(foods.name)}
    prob += pulp.lpSum(numeric.cost.iloc[i] * x[n] for i, n in enumerate(foods.name)), "total_cost"
    total = {}
    for k, row in enumerate(requirements.itertuples(index=False)):
        total[row.nutrient] = pulp.lpSum(numeric[row.nutrient].iloc[i] * x[n] for i, n in enumerate(foods.name))
        prob += total[row.nutrient] >= float(row.min), f"min_{k}"
        upper = getattr(row, "max", None)
        if upper is not None and pd.notna(upper):
            prob += total[row.nutrient] <= float(upper), f"max_{k}"
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    if prob.status != pulp.LpStatusOptimal:
        return DietResult("infeasible", {}, float("nan"), {}, ())
    amounts = {n: round(v.varValue, 6) for n, v in x.items() if v.varValue and v.varValue > 1e-9}
    totals = {n: round(pulp.value(e), 6) for n, e in total.items()}
    binding = tuple(r.nutrient for r in requirements.itertuples(index=False)
                    if abs(totals[r.nutrient] - float(r.min)) <= 1e-6 * max(1.0, abs(float(r.min))))
    return DietResult("optimal", amounts, round(pulp.value(prob.objective), 6), totals, binding)
