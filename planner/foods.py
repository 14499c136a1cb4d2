"""The food table: load it, validate it against a declared schema, and filter it for one person."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from planner.food_groups import FOOD_GROUP_COLUMNS, FOOD_GROUP_RULE
from planner.nutrients import FOOD_NUTRIENT_COLUMNS

FOODS_CSV = Path(__file__).resolve().parents[1] / "data" / "foods.csv"

SLOTS = ("breakfast", "lunch", "dinner", "snack")
ROLES = ("main", "vegetable", "grain", "dairy", "fruit", "fat", "drink", "snack", "extra")
DIETS = ("omnivore", "pescatarian", "vegetarian", "vegan")
ALLERGENS = ("milk", "egg", "fish", "soy", "tree_nuts", "gluten", "sesame")
AISLES = ("produce", "dairy", "fish_meat", "grains", "nuts_dried", "frozen", "pantry", "drinks")
YES_NO = ("yes", "no")
LIMIT_GROUPS = ("fish", "seaweed", "egg")  # foods sharing a safety limit (planner.limits)
FORTIFIED = ("product", "added_d")  # a fortified/UV-treated product; an ordinary food with vitamin D added


class FoodTableError(ValueError):
    """A food table that cannot be used; `problems` holds one plain sentence per bad cell."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the food table:\n" + "\n".join(problems))


def _words_in(vocabulary):
    def check(series: pd.Series) -> pd.Series:
        return series.fillna("").map(lambda s: all(w in vocabulary for w in s.split("|") if w))

    return pa.Check(check, element_wise=False, error=f"each '|'-separated word must be one of {vocabulary}")


def _half_steps(series: pd.Series) -> pd.Series:
    return (series * 2).round(9) % 1 == 0


_nutrient = {c: pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True) for c in FOOD_NUTRIENT_COLUMNS}
_nutrient["energy_kcal"] = pa.Column(float, pa.Check.ge(0), nullable=False, coerce=True)
_nutrient["protein_g"] = pa.Column(float, pa.Check.ge(0), nullable=False, coerce=True)

# food-group equivalents per 100 g (data/food_groups.csv); the rule behind them is documentation
_groups = {c: pa.Column(float, pa.Check.ge(0), coerce=True) for c in FOOD_GROUP_COLUMNS}
_groups[FOOD_GROUP_RULE] = pa.Column(str, nullable=True)

_PORTIONS = [pa.Check.gt(0), pa.Check(_half_steps, error="use whole or half portions")]

SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9][a-z0-9-]*$"), unique=True),
        "name": pa.Column(str, pa.Check.str_length(min_value=1)),
        "shop_name": pa.Column(str, nullable=True, required=False),  # what to ask for in a shop
        "article_item": pa.Column(str),
        "from_article": pa.Column(str, pa.Check.isin(YES_NO)),
        "group": pa.Column(str, nullable=True),
        "usda_ndb": pa.Column(str, pa.Check.str_matches(r"^\d{5}$")),
        "usda_description": pa.Column(str),
        **_nutrient,
        **_groups,
        "portion_g": pa.Column(float, pa.Check.gt(0), coerce=True),
        "portion_label": pa.Column(str),
        "min_portions": pa.Column(float, _PORTIONS, coerce=True),
        "max_portions": pa.Column(float, _PORTIONS, coerce=True),
        "slots": pa.Column(str, _words_in(SLOTS), nullable=True),
        "role": pa.Column(str, pa.Check.isin(ROLES)),
        "diets": pa.Column(str, _words_in(DIETS)),
        "allergens": pa.Column(str, _words_in(ALLERGENS), nullable=True),
        "pregnancy_caution": pa.Column(str, nullable=True),
        "avoid": pa.Column(str, pa.Check.isin(YES_NO)),
        "avoid_reason": pa.Column(str, nullable=True),
        "aisle": pa.Column(str, pa.Check.isin(AISLES)),
        "purchase_label": pa.Column(str, nullable=True),
        "purchase_g": pa.Column(float, pa.Check.gt(0), nullable=True, coerce=True),
        "purchase_yield": pa.Column(float, pa.Check.gt(0), coerce=True),
        "countable": pa.Column(str, pa.Check.isin(YES_NO)),
        "limit_group": pa.Column(str, pa.Check.isin(LIMIT_GROUPS), nullable=True, required=False),
        "fortified": pa.Column(str, pa.Check.isin(FORTIFIED), nullable=True, required=False),
        "note": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(lambda df: df.min_portions <= df.max_portions, error="min_portions must not exceed max_portions"),
        pa.Check(lambda df: (df.avoid == "no") | df.avoid_reason.notna(), error="an avoided food needs avoid_reason"),
        pa.Check(
            lambda df: (df.avoid == "yes") | df.slots.isna() | df.purchase_g.notna(),
            error="a food the planner may choose needs purchase_label and purchase_g",
        ),
    ],
    strict=False,
)


def _problems(err: pa.errors.SchemaErrors, df: pd.DataFrame) -> list[str]:
    out = []
    for case in err.failure_cases.itertuples():
        column = case.column if isinstance(case.column, str) else None
        where = "the table"
        if pd.notna(case.index):
            row = int(case.index)
            food = df["id"].iloc[row] if "id" in df and row < len(df) else "?"
            where = f"row {row + 2} (id '{food}')"  # +2: the header is line 1
        what = f"column '{column}'" if column else "the row"
        if case.check == "column_in_dataframe":
            out.append(f"column '{case.failure_case}' is missing: add it (see data/README.md)")
        else:
            out.append(f"{where}, {what}: value {case.failure_case!r} {_explain(str(case.check), column)}")
    return out


_FORMS = {"id": "use lowercase letters, digits and '-' only", "usda_ndb": "must be a 5-digit USDA NDB number"}


def _explain(check: str, column: str | None) -> str:
    """pandera's check name in words a person editing the table understands."""
    if check == "field_uniqueness":
        return "appears in more than one row; each must be unique"
    if check.startswith("str_matches"):
        return _FORMS.get(column, f"does not have the expected form {check[len('str_matches'):]}")
    if check.startswith(("greater_than_or_equal_to(", "greater_than(")):
        bound = check[check.index("(") + 1:-1]
        return f"must be {bound} or more" if check.startswith("greater_than_or") else f"must be more than {bound}"
    if check.startswith("isin("):
        return "must be one of: " + check[len("isin(("):-2].replace("'", "")
    if check.startswith("str_length"):
        return "must not be empty"
    return f"is not allowed: {check}"


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Check a raw food table; raise FoodTableError listing every bad cell, else return typed data."""
    try:
        return SCHEMA.validate(df.reset_index(drop=True), lazy=True)
    except pa.errors.SchemaErrors as err:
        raise FoodTableError(_problems(err, df.reset_index(drop=True))) from None


def load_foods(path: str | Path = FOODS_CSV) -> pd.DataFrame:
    """Read and validate a food table (ours, or a user's own in the same format)."""
    try:
        raw = pd.read_csv(path, dtype={"usda_ndb": str, "id": str})
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise FoodTableError([f"cannot read {path}: {exc}"]) from None
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
    kept = foods[~foods["id"].isin(dropped)]
    if not rule.fortified_available and "fortified" in kept:
        kept = kept.assign(vitamin_d_ug=kept.vitamin_d_ug.where(kept.fortified != "added_d", 0.0))
    return kept


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
