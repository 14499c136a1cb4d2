"""The dish tables (data/dishes.csv, data/dish_ingredients.csv): read them and check every cell, in plain words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from planner.foods import SLOTS, words

DATA = Path(__file__).resolve().parents[1] / "data"
DISHES_CSV = DATA / "dishes.csv"
DISH_INGREDIENTS_CSV = DATA / "dish_ingredients.csv"

COURSES = ("breakfast", "main", "side", "soup", "salad", "snack", "drink")
MAX_METHOD_STEPS = 4

# Two forms of one food never share a dish (issue 11: raw and cooked spinach, soybeans and edamame).
# Food ids, because the food table has no column that says "same food" (its article_item is broader).
FORMS_OF_ONE_FOOD = (
    frozenset({"spinach-raw", "spinach-cooked"}),
    frozenset({"soybeans", "edamame", "tofu"}),
    frozenset({"mushrooms", "uv-mushrooms", "uv-portabella"}),
    frozenset({"eggs", "quail-eggs", "egg-yolk"}),
    frozenset({"salmon", "sockeye-salmon", "canned-salmon"}),
    frozenset({"beef", "sirloin"}),
    frozenset({"yogurt", "greek-yogurt"}),
    frozenset({"rye-bread", "pumpernickel", "rye-crispbread"}),
)


class DishTableError(ValueError):
    """Dish tables that cannot be used; `problems` holds one plain sentence per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the dish tables:\n" + "\n".join(problems))


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


def _cells(test, error: str) -> pa.Check:
    """A check on text cells, so a bad cell is reported as written rather than as a failed conversion."""
    return pa.Check(lambda s: test(s.astype(str)), error=error)


_POSITIVE = _cells(lambda s: _number(s) > 0, "must be a positive number")
_HALVES = _cells(lambda s: (_number(s) > 0) & ((_number(s) * 2).round(9) % 1 == 0),
                 "must be a positive number of servings in halves (0.5, 1, 1.5 ...)")
_MINUTES = _cells(lambda s: s.str.fullmatch(r"\d+"), "must be a whole number of minutes (0 or more)")
_METHOD = _cells(
    lambda s: s.map(lambda m: 1 <= len(m.split("|")) <= MAX_METHOD_STEPS and all(p.strip() for p in m.split("|"))),
    f"must be 1 to {MAX_METHOD_STEPS} plain steps separated by '|'",
)
_SLUG = pa.Check.str_matches(r"^[a-z0-9][a-z0-9-]*$")
_TEXT = pa.Check.str_length(min_value=1)

DISH_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, _SLUG, unique=True),
        "name": pa.Column(str, _TEXT),
        "course": pa.Column(str, pa.Check.isin(COURSES)),
        "slots": pa.Column(str, _cells(lambda s: s.map(lambda c: bool(words(c)) and words(c) <= set(SLOTS)),
                                       "must be '|'-separated meals from: " + ", ".join(SLOTS))),
        "serving_label": pa.Column(str, _TEXT),
        "min_servings": pa.Column(str, _HALVES),
        "max_servings": pa.Column(str, _HALVES),
        "prep_minutes": pa.Column(str, _MINUTES),
        "method": pa.Column(str, _METHOD),
    },
    checks=[pa.Check(lambda df: ~(_number(df.min_servings) > _number(df.max_servings)),
                     error="min_servings must not exceed max_servings")],
)


def _ingredient_schema(foods: pd.DataFrame, dish_ids) -> pa.DataFrameSchema:
    avoided = set(foods.index[foods.avoid == "yes"])
    return pa.DataFrameSchema(
        {
            "dish_id": pa.Column(str, pa.Check(lambda s: s.isin(dish_ids), error="is not a dish id in dishes.csv")),
            "food_id": pa.Column(str, [
                pa.Check(lambda s: s.isin(foods.index), error="is not a food id in the food table (data/foods.csv)"),
                pa.Check(lambda s: ~s.isin(avoided), error="is a food to avoid and cannot be in a dish"),
            ]),
            "grams": pa.Column(str, _POSITIVE),
            "measure": pa.Column(str, nullable=True, required=False),  # household amount, for people to read
        },
    )


def _explain(check: str) -> str:
    if check == "field_uniqueness":
        return "appears in more than one row; each must be unique"
    if check.startswith("str_matches"):
        return "use lowercase letters, digits and '-' only"
    if check.startswith("isin("):
        return "must be one of: " + check[len("isin(("):-2].replace("'", "")
    if check.startswith("str_length"):
        return "must not be empty"
    return check  # our own checks carry their plain sentence


def _problems(err: pa.errors.SchemaErrors, df: pd.DataFrame, file: str, key: str) -> list[str]:
    out: list[str] = []
    for case in err.failure_cases.itertuples():
        if case.check == "column_in_dataframe":
            line = f"{file}: column '{case.failure_case}' is missing: add it (see data/README.md)"
        elif pd.isna(case.index):
            line = f"{file}, column '{case.column}': {_explain(str(case.check))}"
        else:
            row = int(case.index)
            name = df[key].iloc[row] if key in df else "?"
            where = f"{file} row {row + 2} ({key} '{name}')"  # +2: the header is line 1
            if case.schema_context == "DataFrameSchema":  # a rule across columns: say it once per row
                line = f"{where}: {case.check}"
            elif case.check == "not_nullable":
                line = f"{where}, column '{case.column}' is empty: fill it in"
            else:
                line = f"{where}, column '{case.column}': value {case.failure_case!r} {_explain(str(case.check))}"
        if line not in out:
            out.append(line)
    return out


def _validate(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str, key: str) -> list[str]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        return _problems(err, df, file, key)
    return []


def _cross_checks(dishes: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """Rules that span rows or tables: one food once per dish, one form of a food, every dish has ingredients."""
    out = []
    for row in items[items.duplicated(["dish_id", "food_id"])].index:
        out.append(f"dish_ingredients.csv row {row + 2}: food '{items.food_id[row]}' is listed twice for dish "
                   f"'{items.dish_id[row]}': keep one row")
    for dish_id, foods in items.groupby("dish_id").food_id:
        for forms in FORMS_OF_ONE_FOOD:
            if len(forms & set(foods)) > 1:
                out.append(f"dish '{dish_id}' holds two forms of one food ({', '.join(sorted(forms & set(foods)))}): "
                           "keep one")
    for row in dishes.index[~dishes.id.isin(items.dish_id)]:
        out.append(f"dishes.csv row {row + 2} (id '{dishes.id[row]}'): has no ingredients in dish_ingredients.csv")
    return out


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DishTableError([f"cannot read {path}: {exc}"]) from None


def read_dish_tables(foods: pd.DataFrame, dishes_path: str | Path = DISHES_CSV,
                     ingredients_path: str | Path = DISH_INGREDIENTS_CSV) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables checked against the food table, numbers typed; DishTableError lists every problem at once."""
    dishes, items = _read(Path(dishes_path)), _read(Path(ingredients_path))
    problems = _validate(DISH_SCHEMA, dishes, "dishes.csv", "id")
    dish_ids = set(dishes.get("id", pd.Series(dtype=str)).dropna())
    problems += _validate(_ingredient_schema(foods, dish_ids), items, "dish_ingredients.csv", "dish_id")
    if not problems:
        problems = _cross_checks(dishes, items)
    if problems:
        raise DishTableError(problems)
    dishes = dishes.astype({"min_servings": float, "max_servings": float, "prep_minutes": int})
    return dishes, items.astype({"grams": float})
