"""The food table's declared schema: its columns, words, physical bounds and size caps, and its messages."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from planner.food_groups import FOOD_GROUP_COLUMNS, FOOD_GROUP_RULE
from planner.nutrients import FOOD_NUTRIENT_COLUMNS

SLOTS = ("breakfast", "lunch", "dinner", "snack")
SLOT_LABELS = {"breakfast": "Breakfast", "lunch": "Lunch", "dinner": "Dinner", "snack": "Snack"}  # as shown
ROLES = ("main", "vegetable", "grain", "dairy", "fruit", "fat", "drink", "snack", "extra")
DIETS = ("omnivore", "pescatarian", "vegetarian", "vegan")
ALLERGENS = ("milk", "egg", "fish", "soy", "tree_nuts", "gluten", "sesame")
AISLES = ("produce", "dairy", "fish_meat", "grains", "nuts_dried", "frozen", "pantry", "drinks")
YES_NO = ("yes", "no")
LIMIT_GROUPS = ("fish", "seaweed", "egg")  # foods sharing a safety limit (planner.limits)
FORTIFIED = ("product", "added_d")  # a fortified/UV-treated product; an ordinary food with vitamin D added

# Size caps, checked before any parsing: our table has about 90 foods (60 KB, some 600 bytes a food), so
# 2,000 foods fit in 2 MB; a person's own table of a few hundred foods fits easily, while a table of
# 100,000 rows would take the model minutes to build and the solver hundreds of MB of temporary files.
MAX_ROWS = 2_000
MAX_BYTES = 2_000_000

# Physical ceilings per 100 g of food, so that a typo or a hostile figure never reaches the solver.
# Nothing holds more than the 100 g it is part of: 100 g, 100,000 mg, 100,000,000 µg. Energy: pure
# fat is the densest food; USDA SR28 lists oils at 884 kcal and beef tallow, its highest, at 902 kcal.
PER_100G_CEILING = {"_g": 100.0, "_mg": 100_000.0, "_ug": 100_000_000.0}
ENERGY_CEILING_KCAL = 902.0
# Amounts: a portion or a pack over 5 kg, or more than 10 portions of one food in one meal, is a
# mistake (ours: portions up to 372 g, packs up to 4.74 kg, 3 portions). Dried seaweed, the table's
# most swelling food, gives 10 g as eaten per g bought, so a yield over 20 is a mistake too.
MAX_PORTION_G = 5_000.0
MAX_PURCHASE_G = 5_000.0
MAX_PORTIONS = 10.0
MAX_YIELD = 20.0
# Food-group equivalents per 100 g (data/food_groups.csv): the lightest MyPlate equivalent is 1/2 oz (14 g)
# of nuts or seeds for 1 oz-eq of protein foods, so 7 per 100 g; 100 (1 g an equivalent) is a loose ceiling
# that still stops a typo or 1e308. Their oils_g and added_sugars_g are grams, bounded like the nutrients.
MAX_EQUIVALENTS = 100.0


def _ceiling(column: str) -> tuple[float, str]:
    if column == "energy_kcal":
        return ENERGY_CEILING_KCAL, "kcal per 100 g: even pure fat has about 900"
    if column.endswith(("_cup", "_oz")):
        return MAX_EQUIVALENTS, f"{column.rsplit('_', 1)[1]}-eq per 100 g"
    unit = next(u for u in PER_100G_CEILING if column.endswith(u))
    return PER_100G_CEILING[unit], f"{unit[1:].replace('ug', 'µg')} per 100 g: no food holds more than its own weight"


def _range(low: float, high: float, why: str, strict_low: bool = False) -> list[pa.Check]:
    above = pa.Check.gt(low, error=f"must be more than {low:g}") if strict_low else \
        pa.Check.ge(low, error=f"must be {low:g} or more")
    return [above, pa.Check.le(high, error=f"must be at most {high:,.0f} ({why})")]


def _words_in(vocabulary):
    def check(series: pd.Series) -> pd.Series:
        return series.fillna("").map(lambda s: all(w in vocabulary for w in s.split("|") if w))

    return pa.Check(check, element_wise=False, error="must be '|'-separated words from: " + ", ".join(vocabulary))


def _half_steps(series: pd.Series) -> pd.Series:
    return (series * 2).round(9) % 1 == 0


def _is(vocabulary) -> pa.Check:
    return pa.Check.isin(vocabulary, error="must be one of: " + ", ".join(vocabulary))


_nutrient = {c: pa.Column(float, _range(0, *_ceiling(c)), nullable=c not in ("energy_kcal", "protein_g"))
             for c in FOOD_NUTRIENT_COLUMNS}
_groups = {c: pa.Column(float, _range(0, *_ceiling(c))) for c in FOOD_GROUP_COLUMNS}
_groups[FOOD_GROUP_RULE] = pa.Column(str, nullable=True)  # the rule behind the figures: documentation
_PORTIONS = [*_range(0, MAX_PORTIONS, "portions in one meal", strict_low=True),
             pa.Check(_half_steps, error="must be whole or half portions (0.5, 1, 1.5, ...)")]


def _optional(*columns: str) -> dict[str, pa.Column]:
    return {c: pa.Column(str, nullable=True, required=False) for c in columns}


# Rules across a row: (columns it reads, message, rule). A row whose cell in one of those columns is
# missing or bad is reported for that cell alone, so each rule passes it (NaN > x is False).
ROW_RULES = (
    (("min_portions", "max_portions"), "min_portions is more than max_portions",
     lambda df: ~(df.min_portions > df.max_portions)),
    (("avoid", "avoid_reason"), "an avoided food needs avoid_reason",
     lambda df: (df.avoid != "yes") | df.avoid_reason.notna()),
    (("avoid", "slots", "purchase_g"), "a food the planner may choose needs purchase_label and purchase_g",
     lambda df: (df.avoid == "yes") | df.slots.isna() | df.purchase_g.notna()),
)

SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9][a-z0-9-]*$",
                                                  error="must use lowercase letters, digits and '-' only"),
                        unique=True),
        "name": pa.Column(str, pa.Check.str_length(min_value=1, error="must not be empty")),
        **_optional("shop_name"),  # what to ask for in a shop
        "article_item": pa.Column(str),
        "from_article": pa.Column(str, _is(YES_NO)),
        "group": pa.Column(str, nullable=True),
        "usda_ndb": pa.Column(str, pa.Check.str_matches(r"^\d{5}$", error="must be a 5-digit USDA NDB number")),
        "usda_description": pa.Column(str),
        **_nutrient,
        **_groups,
        "portion_g": pa.Column(float, _range(0, MAX_PORTION_G, "grams in one portion", strict_low=True)),
        "portion_label": pa.Column(str),
        "min_portions": pa.Column(float, _PORTIONS),
        "max_portions": pa.Column(float, _PORTIONS),
        "slots": pa.Column(str, _words_in(SLOTS), nullable=True),
        "role": pa.Column(str, _is(ROLES)),
        "diets": pa.Column(str, _words_in(DIETS)),
        "allergens": pa.Column(str, _words_in(ALLERGENS), nullable=True),
        "pregnancy_caution": pa.Column(str, nullable=True),
        "avoid": pa.Column(str, _is(YES_NO)),
        "avoid_reason": pa.Column(str, nullable=True),
        "aisle": pa.Column(str, _is(AISLES)),
        "purchase_label": pa.Column(str, nullable=True),
        "purchase_g": pa.Column(float, _range(0, MAX_PURCHASE_G, "grams in one pack", strict_low=True),
                                nullable=True),
        "purchase_yield": pa.Column(float, _range(0, MAX_YIELD, "grams as eaten per gram bought", strict_low=True)),
        "countable": pa.Column(str, _is(YES_NO)),
        "limit_group": pa.Column(str, _is(LIMIT_GROUPS), nullable=True, required=False),
        "fortified": pa.Column(str, _is(FORTIFIED), nullable=True, required=False),
        **_optional("note"),
    },
    checks=[pa.Check(rule, error=error) for _, error, rule in ROW_RULES],
    strict=False,
)

NUMBER_COLUMNS = tuple(c for c, col in SCHEMA.columns.items() if str(col.dtype).startswith("float"))
TEXT_COLUMNS = tuple(c for c in SCHEMA.columns if c not in NUMBER_COLUMNS)
REQUIRED_COLUMNS = tuple(c for c, col in SCHEMA.columns.items() if col.required)
MAX_PROBLEMS = 20  # shown; the rest are counted, so a table with a wrong header gives a screenful, not thousands


def describe(check: str, value: str) -> str:
    """A failed check (its plain `error`, or pandera's name for a built-in one) about a cell shown as `value`."""
    if check == "not_nullable":
        return "is empty: fill it in (see data/README.md)"
    return f"value {value} {check}"
