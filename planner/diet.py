"""The classic least-cost diet problem, for any food and requirement table (continuous or whole amounts)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass

import pandas as pd
import pulp

from planner.csv_input import CsvInputError, finite_numbers, read_text_table

# The classic problems are small (Stigler's has 77 foods and 9 nutrients, the AMPL book's 8 and 6);
# the caps keep a runaway file from tying up the machine.
MAX_ROWS = 2_000
MAX_BYTES = 2_000_000
# LP solvers work in double precision with tolerances near 1e-9 and CBC reads 1e30 as infinity:
# a figure beyond a billion is a mistake, or makes the solver's answer meaningless.
MAX_FIGURE = 1e9
MAX_PROBLEMS = 20


class DietInputError(ValueError):
    """A food or requirement table the diet problem cannot use; one line per problem."""

    def __init__(self, problems: list[str] | str):
        problems = [problems] if isinstance(problems, str) else problems
        count = len(problems)
        if count > MAX_PROBLEMS:
            problems = [*problems[:MAX_PROBLEMS], f"... and {count - MAX_PROBLEMS} more problems"]
        self.problems = problems
        head = f"{count} problems in the diet tables:\n" if count > 1 else ""
        super().__init__(head + "\n".join(problems))


@dataclass(frozen=True)
class DietResult:
    status: str  # "optimal" or "infeasible"
    amounts: dict  # food name -> units
    cost: float | None  # None when no diet meets the requirements
    totals: dict  # nutrient -> amount in the diet
    binding: tuple[str, ...]  # minimums met with no room to spare
    binding_max: tuple[str, ...] = ()  # maxima reached


def read_tables(foods_csv, requirements_csv) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables with every cell as text, so a nutrient named 'NA' (sodium, in the AMPL book) stays 'NA'."""
    tables = []
    for source, what in ((foods_csv, "a food table"), (requirements_csv, "a requirement table")):
        try:
            tables.append(read_text_table(source, what, MAX_BYTES, MAX_ROWS))
        except CsvInputError as exc:
            raise DietInputError(str(exc)) from None
        except OSError as exc:
            raise DietInputError(f"cannot open {source}: {exc.strerror or exc}") from None
    return tables[0], tables[1]


def _numbers(table: pd.DataFrame, column: str, where, problems: list, blank: str | None = None) -> pd.Series:
    """A column's figures (0 or more); a bad cell, or a blank one when `blank` says how to fill it, is a problem."""
    block, reasons = finite_numbers(table[[column]])
    values = block[column]
    at = lambda i: f"{where(i)}, column '{column}'"  # noqa: E731
    problems += [f"{at(i)}: value {str(table[column].iloc[i])[:40]!r} {why}" for (i, _), why in reasons.items()]
    if blank is not None:
        empty = values.isna() & ~values.index.isin([i for i, _ in reasons])
        problems += [f"{at(i)}: is empty; {blank}" for i in values.index[empty]]
    problems += [f"{at(i)}: value {v:g} must be 0 or more" for i, v in values[values < 0].items()]
    problems += [f"{at(i)}: value {v:g} is more than {MAX_FIGURE:,.0f}, beyond what the solver handles reliably"
                 for i, v in values[values > MAX_FIGURE].items()]
    return values


def _check(foods: pd.DataFrame, requirements: pd.DataFrame):
    """The tables' figures, typed; or DietInputError naming every bad cell by row and column."""
    problems = [f"the food table needs a '{c}' column" for c in ("name", "cost") if c not in foods]
    problems += [f"the requirement table needs a '{c}' column" for c in ("nutrient", "min") if c not in requirements]
    if problems:
        raise DietInputError(problems)
    foods, requirements = foods.reset_index(drop=True), requirements.reset_index(drop=True)
    names = foods["name"].astype("str").str.strip()
    nutrients = requirements["nutrient"].astype("str").str.strip()
    food_at = lambda i: f"food table row {i + 2}" + (f" ({names[i][:40]})" if isinstance(names[i], str) else "")  # noqa: E731
    need_at = lambda i: f"requirement table row {i + 2}" + (  # noqa: E731
        f" ({nutrients[i][:40]})" if isinstance(nutrients[i], str) else "")
    problems += [f"{food_at(i)}, column 'name': is empty" for i in names.index[names.isna() | (names == "")]]
    problems += [f"{food_at(i)}, column 'name': '{n}' is already in row {names[:i].tolist().index(n) + 2}; "
                 "food names must be unique" for i, n in names[names.duplicated() & names.notna()].items()]
    problems += [f"{need_at(i)}, column 'nutrient': is empty" for i in nutrients.index[nutrients.isna()]]
    problems += [f"{need_at(i)}, column 'nutrient': '{n}' is already in row {nutrients[:i].tolist().index(n) + 2}; "
                 "list each nutrient once" for i, n in nutrients[nutrients.duplicated() & nutrients.notna()].items()]
    problems += [f"{need_at(i)}: nutrient '{n}' has no column in the food table" for i, n in nutrients.items()
                 if isinstance(n, str) and n not in foods]
    cost = _numbers(foods, "cost", food_at, problems, "write the cost of one unit")
    amounts = {n: _numbers(foods, n, food_at, problems, "write 0 if the food has none") for n in
               dict.fromkeys(nutrients.dropna()) if n in foods}
    low = _numbers(requirements, "min", need_at, problems, "write 0 for no minimum")
    none = pd.Series(float("nan"), index=requirements.index)
    high = _numbers(requirements, "max", need_at, problems) if "max" in requirements else none
    problems += [f"{need_at(i)}: min {low[i]:g} is more than max {high[i]:g}" for i in low.index[low > high]]
    zero, none = pd.Series(0.0, index=foods.index), pd.Series(float("nan"), index=foods.index)
    at_least = _numbers(foods, "min_amount", food_at, problems).fillna(0) if "min_amount" in foods else zero
    at_most = _numbers(foods, "max_amount", food_at, problems) if "max_amount" in foods else none
    problems += [f"{food_at(i)}: min_amount {at_least[i]:g} is more than max_amount {at_most[i]:g}"
                 for i in at_least.index[at_least > at_most]]
    if problems:
        raise DietInputError(problems)
    return names, cost, amounts, list(zip(nutrients, low, high, strict=True)), at_least, at_most


def solve_diet(foods: pd.DataFrame, requirements: pd.DataFrame, integer: bool = False) -> DietResult:
    """Least-cost amounts of each food meeting every `min` (and `max`, where given) per nutrient.

    Optional food columns `min_amount` and `max_amount` bound each food; `integer` buys whole units."""
    names, cost, amounts, needs, at_least, at_most = _check(foods, requirements)
    prob = pulp.LpProblem("least_cost_diet", pulp.LpMinimize)
    x = {name: prob.add_variable(f"amount_{i}", lowBound=float(at_least[i]),
                                 upBound=None if pd.isna(at_most[i]) else float(at_most[i]),
                                 cat="Integer" if integer else "Continuous") for i, name in enumerate(names)}
    prob += pulp.lpSum(float(cost[i]) * x[n] for i, n in enumerate(names)), "total_cost"
    total = {}
    for k, (nutrient, low, high) in enumerate(needs):
        total[nutrient] = pulp.lpSum(float(amounts[nutrient][i]) * x[n] for i, n in enumerate(names))
        prob += total[nutrient] >= float(low), f"min_{k}"
        if pd.notna(high):
            prob += total[nutrient] <= float(high), f"max_{k}"
    solver = pulp.PULP_CBC_CMD(msg=False)
    with tempfile.TemporaryDirectory(prefix="cramp-menu-") as tmp:  # CBC's files go, whatever happens
        solver.tmpDir = tmp
        prob.solve(solver)
    if prob.status != pulp.LpStatusOptimal:
        return DietResult("infeasible", {}, None, {}, ())
    chosen = {n: round(v.varValue, 6) for n, v in x.items() if v.varValue and v.varValue > 1e-9}
    totals = {n: round(pulp.value(e), 6) for n, e in total.items()}
    at = lambda value, bound: abs(value - bound) <= 1e-6 * max(1.0, abs(bound))  # noqa: E731
    binding = tuple(n for n, low, _ in needs if at(totals[n], low))
    binding_max = tuple(n for n, _, high in needs if pd.notna(high) and at(totals[n], high))
    return DietResult("optimal", chosen, round(pulp.value(prob.objective), 6), totals, binding, binding_max)
