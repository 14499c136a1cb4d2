"""The food table: real USDA values, every article item, avoided drinks flagged, filters that hold."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from planner.food_schema import MAX_BYTES, MAX_ROWS
from planner.foods import FOODS_CSV, FoodFilter, FoodTableError, dropped_reasons, filter_foods, validate, words

ROOT = Path(__file__).resolve().parents[1]


def raw_table() -> pd.DataFrame:
    return pd.read_csv(FOODS_CSV, dtype={"usda_ndb": str})


def test_table_is_rebuilt_exactly_from_the_usda_rows(foods):
    spec = importlib.util.spec_from_file_location("build_foods", ROOT / "scripts" / "build_foods.py")
    build_foods = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_foods)
    sr28 = pd.read_csv(ROOT / "data/usda/usda_sr28_subset.csv", dtype=str, keep_default_na=False).set_index("NDB_No")
    weights = pd.read_csv(ROOT / "data/usda/usda_sr28_weight_subset.csv", dtype=str, keep_default_na=False)
    food_spec = pd.read_csv(ROOT / "data/food_spec.csv", dtype=str, keep_default_na=False)
    rebuilt = build_foods.build(food_spec, sr28, weights)
    rebuilt = pd.read_csv(pd.io.common.StringIO(rebuilt.to_csv(index=False)), dtype={"usda_ndb": str})
    pd.testing.assert_frame_equal(rebuilt, raw_table())


def test_known_usda_values(foods):
    # spot checks from USDA SR28 (../shared/data/README.md)
    assert foods.loc["banana", ["potassium_mg", "magnesium_mg", "energy_kcal"]].tolist() == [358, 27, 89]
    assert foods.loc["almonds", "magnesium_mg"] == 270
    assert foods.loc["salmon", "vitamin_d_ug"] == 13.1
    assert foods.loc["sardines", "calcium_mg"] == 382
    assert foods.loc["cheddar", "calcium_mg"] == 710
    assert foods.loc["uv-portabella", "vitamin_d_ug"] == 28.4


ARTICLE_ITEMS = [
    "buckwheat", "oatmeal", "homemade milk", "fermented baked milk (ryazhenka)", "kefir", "cottage cheese",
    "hard cheese", "quail eggs", "chamomile tea", "strawberries", "oranges", "avocados", "bananas", "beets",
    "spinach", "carrots", "mushrooms", "beef", "fish", "green leafy vegetables", "herbs", "whole grains",
    "sardines", "cod", "salmon", "figs", "dates", "seaweed", "butter", "egg yolk", "pumpkin seeds", "wheat germ",
    "almonds", "sunflower seeds", "soya beans", "dried fruits", "honey", "olive oil",
]


def test_every_article_item_is_in_the_table(foods):
    assert set(ARTICLE_ITEMS) <= set(foods.article_item)
    cabbages = {"cabbage", "red-cabbage", "savoy-cabbage", "broccoli", "cauliflower", "brussels-sprouts", "kale",
                "bok-choy", "kohlrabi"}
    assert cabbages <= set(foods.index)
    others = {"tofu", "edamame", "uv-mushrooms", "mushrooms", "eggs", "yogurt", "rye-bread", "brown-rice"}
    assert others <= set(foods.index)


def test_companions_are_marked_as_not_from_the_article(foods):
    companions = foods[foods.from_article == "no"]
    assert set(companions.index) == {"potatoes", "lentils", "onion", "tomato", "cucumber", "lemon-juice", "garlic"}
    assert companions.article_item.str.contains("not in the article").all()


def test_avoided_drinks_are_flagged_with_the_articles_reason(foods):
    avoided = foods[foods.avoid == "yes"]
    for item in ("coffee", "tea", "alcohol", "sweet soda"):
        assert (avoided.article_item == item).any(), item
    assert {"coffee", "black-tea", "green-tea", "beer", "red-wine", "spirits", "cola"} <= set(avoided.index)
    assert avoided.avoid_reason.str.contains("article says to avoid").all()
    assert set(foods[foods.avoid == "no"].article_item) & {"coffee", "tea", "alcohol", "sweet soda"} == set()


def test_folk_remedies_are_not_foods(foods):
    text = " ".join(foods.name.str.lower()) + " " + " ".join(foods.article_item.str.lower())
    for remedy in ("adonis", "lily of the valley", "mistletoe", "wormwood", "eggshell"):
        assert remedy not in text


def atwater_outliers(foods: pd.DataFrame) -> list[str]:
    """Foods whose energy is off 4/9/4 kcal per g of protein/fat/carbohydrate by more than 12 % or 20 kcal
    (USDA's food-specific factors differ by up to ~10 %); drinks with alcohol (7 kcal/g) are skipped."""
    food = foods[foods.article_item != "alcohol"]
    atwater = 4 * food.protein_g + 9 * food.fat_g + 4 * food.carbs_g
    off = (food.energy_kcal - atwater).abs() > (0.12 * atwater).clip(lower=20)
    return food.index[off].tolist()


def test_energy_agrees_with_atwater_factors(foods):
    assert atwater_outliers(foods) == []


def test_energy_check_catches_a_wrong_figure(foods):
    bad = foods.copy()
    bad.loc["banana", "energy_kcal"] = 189  # USDA: 89
    assert atwater_outliers(bad) == ["banana"]


def test_missing_usda_values_stay_missing(foods):
    assert pd.isna(foods.loc["tofu", "vitamin_e_mg"])  # USDA has no value: not a zero
    assert foods.loc["tofu", "calcium_mg"] == 683


def test_portions_come_from_usda_household_measures(foods):
    assert foods.loc["banana", "portion_g"] == 118  # 1 medium
    assert foods.loc["quail-eggs", "portion_g"] == 36  # 4 x 9 g
    assert (foods.min_portions <= foods.max_portions).all()


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t.assign(calcium_mg=t.calcium_mg.where(t.index != 3, -5)),
         "row 5 (id 'ryazhenka'), column 'calcium_mg'"),
        (lambda t: t.assign(id=t.id.where(t.index != 4, "milk")), "column 'id'"),
        (lambda t: t.drop(columns=["aisle"]), "column 'aisle' is missing"),
        (lambda t: t.assign(slots=t.slots.where(t.index != 0, "brunch")), "row 2 (id 'buckwheat'), column 'slots'"),
        (lambda t: t.assign(avoid_reason=t.avoid_reason.where(t.id != "cola", None)), "avoid_reason"),
        (lambda t: t.assign(max_portions=t.max_portions.where(t.index != 0, 0.25)), "max_portions"),
    ],
)
def test_schema_names_row_and_column(change, expected):
    with pytest.raises(FoodTableError) as err:
        validate(change(raw_table()))
    assert any(expected in p for p in err.value.problems), err.value.problems


def test_problems_are_said_in_plain_words():
    table = raw_table()
    table.loc[3, "calcium_mg"] = -5
    table.loc[4, "id"] = "milk"
    table.loc[5, "usda_ndb"] = "123"
    table.loc[6, "role"] = "dessert"
    with pytest.raises(FoodTableError) as err:
        validate(table)
    text = "\n".join(err.value.problems)
    assert "column 'calcium_mg': value -5.0 must be 0 or more" in text
    assert "each must be unique" in text and "must be a 5-digit USDA NDB number" in text
    assert "value 'dessert' must be one of: main, vegetable" in text
    assert "greater_than" not in text and "field_uniqueness" not in text


def test_every_problem_is_reported_at_once():
    table = raw_table()
    table.loc[1, "potassium_mg"] = -1
    table.loc[2, "role"] = "dessert"
    with pytest.raises(FoodTableError) as err:
        validate(table)
    assert len(err.value.problems) == 2


def test_avoided_items_never_pass_any_filter(foods):
    for rule in (FoodFilter(), FoodFilter(diet="vegan"), FoodFilter(pregnant_or_lactating=True)):
        assert (filter_foods(foods, rule).avoid == "no").all()


@pytest.mark.parametrize("diet, banned", [
    ("vegetarian", {"salmon", "sardines", "cod", "beef", "herring"}),
    ("pescatarian", {"beef", "sirloin"}),
    ("vegan", {"milk", "eggs", "honey", "cheddar", "salmon", "quail-eggs"}),
])
def test_diet_filters(foods, diet, banned):
    kept = set(filter_foods(foods, FoodFilter(diet=diet)).index)
    assert not kept & banned
    assert "lentils" in kept and "spinach-raw" in kept


def test_vegetarian_plan_pool_has_no_fish(foods):
    kept = filter_foods(foods, FoodFilter(diet="vegetarian"))
    assert not any("fish" in words(a) for a in kept.allergens)


def test_allergen_exclusion_and_pregnancy_caution(foods):
    kept = filter_foods(foods, FoodFilter(allergens=("fish", "tree_nuts"), exclude=("banana",)))
    assert not any(words(a) & {"fish", "tree_nuts"} for a in kept.allergens)
    assert "banana" not in kept.index and "almonds" not in kept.index
    reasons = dropped_reasons(foods, FoodFilter(pregnant_or_lactating=True))
    assert reasons["chamomile-tea"].startswith("pregnancy caution")
    assert "chamomile-tea" in filter_foods(foods, FoodFilter()).index


def test_no_raw_milk_in_the_table(foods):
    """CDC: only pasteurised milk, for everyone; 'homemade milk' is pasteurised whole milk."""
    described = foods.usda_description.str.lower() + " " + foods.name.str.lower()
    assert not described.str.contains(r"\braw milk|unpasteuri|farm milk").any()
    assert "homemade milk" in set(foods.article_item[foods.avoid == "no"])


def test_bad_filter_is_refused():
    with pytest.raises(ValueError, match="unknown diet"):
        FoodFilter(diet="keto")
    with pytest.raises(ValueError, match="unknown allergen"):
        FoodFilter(allergens=("peanut",))


def test_one_problem_one_line():
    """A bad number is one line (not also a type and a range line); a row with min > max is one line, and a
    bad portion cell does not also break the row's min <= max rule."""
    table = raw_table().astype({"calcium_mg": object, "max_portions": object})
    table.loc[0, "calcium_mg"] = "abc"
    table.loc[1, "min_portions"] = 3
    table.loc[2, "max_portions"] = "x"
    with pytest.raises(FoodTableError) as err:
        validate(table)
    ids = table.id
    assert err.value.problems == [
        f"row 2 (id '{ids[0]}'), column 'calcium_mg': value 'abc' is not a number",
        f"row 3 (id '{ids[1]}'): min_portions is more than max_portions",
        f"row 4 (id '{ids[2]}'), column 'max_portions': value 'x' is not a number",
    ]


@pytest.mark.parametrize("value, expected", [
    (float("inf"), "value inf is not a finite number"),
    (1e308, "value 1e+308 must be at most 100,000 (mg per 100 g"),
])
def test_numbers_must_be_finite_and_physical(value, expected):
    table = raw_table().astype({"calcium_mg": float})
    table.loc[0, "calcium_mg"] = value
    with pytest.raises(FoodTableError) as err:
        validate(table)
    assert len(err.value.problems) == 1 and expected in err.value.problems[0]


def test_an_all_empty_text_column_stays_text():
    table = raw_table().assign(note=float("nan"), pregnancy_caution=float("nan"))  # how pandas reads them
    typed = validate(table)
    assert pd.api.types.is_string_dtype(typed.note) and typed.pregnancy_caution.isna().all()


def test_the_table_is_far_inside_the_caps(foods):
    """The caps leave room for a person's own, bigger table: ours is a small share of each."""
    assert len(foods) * 10 < MAX_ROWS and FOODS_CSV.stat().st_size * 10 < MAX_BYTES
