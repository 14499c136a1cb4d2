"""The food table: load it, validate it against its declared schema, and filter it for one person."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from planner.csv_input import CsvInputError, finite_numbers, read_text_table
from planner.food_schema import (
    ALLERGENS,
    DIETS,
    MAX_BYTES,
    MAX_PROBLEMS,
    MAX_ROWS,
    NUMBER_COLUMNS,
    REQUIRED_COLUMNS,
    ROW_RULES,
    SCHEMA,
    SLOT_LABELS,  # noqa: F401  (the page and the week grid import it from here)
    SLOTS,  # noqa: F401  (the CLI, the settings and the page import it from here)
    TEXT_COLUMNS,
    describe,
)

FOODS_CSV = Path(__file__).resolve().parents[1] / "data" / "foods.csv"


class FoodTableError(ValueError):
    """A food table that cannot be used; `problems` holds one plain line per problem (at most 21)."""

    def __init__(self, problems: list[str]):
        count = len(problems)
        if count > MAX_PROBLEMS:
            problems = [*problems[:MAX_PROBLEMS], f"... and {count - MAX_PROBLEMS} more problems"]
        self.problems = problems
        super().__init__((f"{count} problems in the food table:\n" if count > 1 else "") + "\n".join(problems))


def _clip(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 3] + "..."


def _short(value) -> str:
    """A cell's value for a message: quoted, on one line, and short whatever the file holds."""
    return _clip(repr(value.item() if hasattr(value, "item") else value))  # numpy's 1.0, not np.float64(1.0)


def _where(df: pd.DataFrame, row: int) -> str:
    food = df["id"].iloc[row] if "id" in df and 0 <= row < len(df) else None
    return f"row {row + 2} ({'id ' + _short(food) if isinstance(food, str) else 'no id'})"  # +2: header is line 1


def _problems(err: pa.errors.SchemaErrors, df: pd.DataFrame, cells: dict) -> list[str]:
    """One line per bad cell and per broken row rule, in the table's order; `cells` holds those found already."""
    rules: dict[tuple[int, str], str] = {}
    table: dict[str, str] = {}
    rule_columns = {error: columns for columns, error, _ in ROW_RULES}
    for case in err.failure_cases.itertuples():
        column = case.column if isinstance(case.column, str) else None
        if pd.isna(case.index):  # a whole column is wrong (not expected after reading every cell as text)
            table.setdefault(column, f"column '{column}': {describe(str(case.check), case.failure_case)}")
            continue
        row = int(case.index)
        if case.schema_context == "DataFrameSchema":
            if not any((row, c) in cells for c in rule_columns.get(case.check, ())):
                rules[row, case.check] = f"{_where(df, row)}: {case.check}"
        elif case.check == "field_uniqueness":
            earlier = df.index[(df[column] == case.failure_case) & (df.index < row)]
            if len(earlier):  # the first row holding a value is fine; each later one is the problem
                cells.setdefault((row, column), f"value {_short(case.failure_case)} is already used in row "
                                                f"{earlier[0] + 2}; each must be unique")
        else:
            cells.setdefault((row, column), describe(str(case.check), _short(case.failure_case)))
    order = {c: i for i, c in enumerate(df.columns)}
    lines = [(row, order.get(c, -1), f"{_where(df, row)}, column '{c}': {text}") for (row, c), text in cells.items()]
    lines += [(row, len(order), text) for (row, _), text in rules.items()]
    return list(table.values()) + [text for *_, text in sorted(lines)]


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Check a food table (as read, or typed); raise FoodTableError with one line per problem, else return it typed.

    Numbers must be finite and within physical bounds; text columns stay text even when entirely empty."""
    if len(df) > MAX_ROWS:
        raise FoodTableError([f"the food table has {len(df):,} rows: it may have at most {MAX_ROWS:,}"])
    missing = [c for c in REQUIRED_COLUMNS if c not in df]
    if missing:
        if len(missing) == 1:
            raise FoodTableError([f"column '{missing[0]}' is missing: add it (see data/README.md)"])
        listed = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        raise FoodTableError([f"{len(missing)} columns are missing ({listed}): start from data/foods.csv "
                              "(see data/README.md)"])
    df = df.reset_index(drop=True)
    cells: dict[tuple[int, str], str] = {}
    numbers = [c for c in NUMBER_COLUMNS if c in df]
    values, reasons = finite_numbers(df[numbers])
    cells.update({(row, c): f"value {_short(df.at[row, c])} {why}" for (row, c), why in reasons.items()})
    df[numbers] = values
    for c in TEXT_COLUMNS:
        if c in df:
            df[c] = df[c].astype("str")
    try:
        typed = SCHEMA.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise FoodTableError(_problems(err, df, cells)) from None
    if cells:
        raise FoodTableError([f"{_where(df, row)}, column '{c}': {text}" for (row, c), text in sorted(cells.items())])
    return typed


def load_foods(path=FOODS_CSV) -> pd.DataFrame:
    """Read and validate a food table (ours, or a person's own in the same format): a path or a binary file."""
    try:
        raw = read_text_table(path, "a food table", MAX_BYTES, MAX_ROWS)
    except CsvInputError as exc:
        raise FoodTableError([str(exc)]) from None
    except OSError as exc:
        raise FoodTableError([f"cannot open {Path(str(path)).name}: {exc.strerror or exc}"]) from None
    return validate(raw).set_index("id", drop=False)


def words(cell) -> frozenset[str]:
    """The set of '|'-separated words in a list cell; empty for a missing cell."""
    return frozenset(w for w in str(cell).split("|") if w) if isinstance(cell, str) else frozenset()


@dataclass(frozen=True)
class FoodFilter:
    """What a person cannot or will not eat."""

    diet: str = "omnivore"
    allergens: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # food ids
    pregnant_or_lactating: bool = False
    fortified_available: bool = True  # milk with added vitamin D and UV-treated mushrooms sold where one shops

    def __post_init__(self):
        if self.diet not in DIETS:
            raise ValueError(f"unknown diet '{self.diet}': choose one of {', '.join(DIETS)}")
        unknown = sorted(set(self.allergens) - set(ALLERGENS))
        if unknown:
            raise ValueError(f"unknown allergen(s) {', '.join(unknown)}: choose from {', '.join(ALLERGENS)}")


def dropped_reasons(foods: pd.DataFrame, rule: FoodFilter) -> dict[str, str]:
    """For every food the planner may not use, one plain reason, keyed by food id."""
    reasons: dict[str, str] = {}
    excluded = set(rule.exclude)
    for food in foods.itertuples(index=False):
        if food.avoid == "yes":
            reasons[food.id] = food.avoid_reason
        elif not words(food.slots):
            reasons[food.id] = "not a food for any meal"
        elif food.id in excluded:
            reasons[food.id] = "you excluded it"
        elif rule.diet not in words(food.diets):
            reasons[food.id] = f"not {rule.diet}"
        elif words(food.allergens) & set(rule.allergens):
            reasons[food.id] = "contains " + ", ".join(sorted(words(food.allergens) & set(rule.allergens)))
        elif rule.pregnant_or_lactating and isinstance(food.pregnancy_caution, str):
            reasons[food.id] = f"pregnancy caution: {food.pregnancy_caution}"
        elif not rule.fortified_available and getattr(food, "fortified", None) == "product":
            reasons[food.id] = "fortified or UV-treated: not sold where you shop"
    return reasons


def filter_foods(foods: pd.DataFrame, rule: FoodFilter) -> pd.DataFrame:
    """The foods the planner may choose for this person: never an avoided item. Where fortified foods are
    not sold, the vitamin D a food's USDA figure owes to fortification counts as 0."""
    dropped = dropped_reasons(foods, rule)
    return as_counted(foods[~foods["id"].isin(dropped)], rule)


def as_counted(foods: pd.DataFrame, rule: FoodFilter) -> pd.DataFrame:
    """The foods with their figures as the planner counts them for this rule: where fortified foods are not sold,
    the vitamin D a food's USDA figure owes to fortification is 0."""
    if not rule.fortified_available and "fortified" in foods:
        return foods.assign(vitamin_d_ug=foods.vitamin_d_ug.where(foods.fortified != "added_d", 0.0))
    return foods


class UnknownFoodError(ValueError):
    """A food id that is not in the food table; the message names the nearest real ones."""


def check_ids(ids, foods: pd.DataFrame, what: str) -> None:
    """Refuse food ids that are not in the table ('sardine' for 'sardines'), naming the nearest ones."""
    for food_id in ids:
        if food_id not in foods.index:
            near = difflib.get_close_matches(food_id, list(foods.index), n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else \
                "; `python -m planner dishes` and data/foods.csv list the food ids"
            raise UnknownFoodError(f"unknown food id {food_id!r} in {what}{hint}")


def no_food_left(foods: pd.DataFrame, all_foods: pd.DataFrame, rule: FoodFilter, slots, pregnant: bool) -> str | None:
    """Why no week can be planned from `foods` (none left at all, or none for a meal), in one line; else None."""
    pool = foods[foods.avoid == "no"]
    if pregnant:
        pool = pool[pool.pregnancy_caution.isna()]
    unfilled = [s for s in slots if not any(s in words(fits) for fits in pool.slots)]
    if not unfilled:
        return None
    if len(pool):
        return (f"no food is left to plan from for {' or '.join(unfilled)}: none of the {len(pool)} foods you may "
                f"eat is marked for it in the table's 'slots' column; leave {' and '.join(unfilled)} out of the plan "
                "or allow more foods")
    why = Counter(dropped_reasons(all_foods, replace(rule, pregnant_or_lactating=pregnant)).values())
    listed = "; ".join(f"{_clip(r.rstrip('.'), 70)} ({n} {'food' if n == 1 else 'foods'})"
                       for r, n in why.most_common(3))
    others = f"; and {len(why) - 3} other reasons" if len(why) > 3 else ""
    listed = listed or "none was given to the planner"
    return (f"no food is left to plan from: all {len(all_foods)} foods in the table are left out ({listed}{others}); "
            "allow more foods (diet, allergies, foods you do not eat) or use a table with more foods")
