"""Dishes: nutrients and tags derived from ingredients, the schema's plain messages, and what the menu may hold."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from planner.cli import main
from planner.dish_schema import DISH_INGREDIENTS_CSV, DISHES_CSV, DishTableError
from planner.dishes import dish_dropped_reasons, dish_table, filter_dishes, load_dishes
from planner.foods import FOODS_CSV, FoodFilter
from planner.nutrients import FOOD_NUTRIENT_COLUMNS


@pytest.fixture(scope="module")
def dishes(foods):
    return load_dishes(foods)


def test_dish_nutrients_are_the_sum_of_their_ingredients(dishes):
    # recomputed from the raw CSV text, without pandas or the planner: grams x per-100 g value, a gap as 0
    with open(FOODS_CSV, encoding="utf-8") as f:
        per_100g = {r["id"]: r for r in csv.DictReader(f)}
    expected: dict[str, dict[str, float]] = {}
    with open(DISH_INGREDIENTS_CSV, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            sums = expected.setdefault(r["dish_id"], dict.fromkeys(FOOD_NUTRIENT_COLUMNS, 0.0))
            for col in FOOD_NUTRIENT_COLUMNS:
                sums[col] += float(r["grams"]) * float(per_100g[r["food_id"]][col] or 0) / 100
    assert set(expected) == set(dishes)
    for dish_id, sums in expected.items():
        assert dict(dishes[dish_id].nutrients) == pytest.approx(sums, rel=1e-9), dish_id
    table = dish_table(dishes)
    assert table.loc["banana", "potassium_mg"] == pytest.approx(118 * 358 / 100)  # USDA 09040: 358 mg per 100 g


def test_excluding_an_ingredient_removes_every_dish_that_holds_it(dishes, foods):
    holding = {k for k, d in dishes.items() if "banana" in d.food_ids}
    assert {"banana", "oatmeal-banana-almonds"} <= holding
    kept = filter_dishes(dishes, foods, FoodFilter(exclude=("banana",)))
    assert not holding & set(kept)
    assert set(kept) == set(dishes) - holding
    reasons = dish_dropped_reasons(dishes, foods, FoodFilter(exclude=("banana",)))
    assert reasons["oatmeal-banana-almonds"] == "Banana: you excluded it"


@pytest.mark.parametrize("rule, tag", [
    (FoodFilter(diet="vegan"), lambda d: "vegan" in d.diets),
    (FoodFilter(diet="vegetarian"), lambda d: "vegetarian" in d.diets),
    (FoodFilter(allergens=("milk", "gluten")), lambda d: not d.allergens & {"milk", "gluten"}),
    (FoodFilter(pregnant_or_lactating=True), lambda d: d.pregnancy_caution is None),
])
def test_diet_allergen_and_pregnancy_filters_apply_through_ingredients(dishes, foods, rule, tag):
    kept = filter_dishes(dishes, foods, rule)
    assert set(kept) == {k for k, d in dishes.items() if tag(d)}  # the filter and the derived tags agree
    assert 0 < len(kept) < len(dishes)


def test_derived_diets_allergens_and_cautions_of_named_dishes(dishes):
    assert dishes["salmon-spinach-rice"].diets == {"pescatarian", "omnivore"}  # salmon: not vegetarian
    assert dishes["beef-stew-potatoes"].diets == {"omnivore"}
    assert dishes["oatmeal-milk-raisins"].diets == {"vegetarian", "pescatarian", "omnivore"}  # milk: not vegan
    assert "vegan" in dishes["lentils-rice-spinach"].diets
    assert dishes["oatmeal-banana-almonds"].allergens == {"gluten", "tree_nuts"}
    assert dishes["cottage-cheese-figs-honey"].diets == {"vegetarian", "pescatarian", "omnivore"}  # honey
    assert dishes["chamomile-tea"].pregnancy_caution.startswith("Chamomile tea: ")
    assert dishes["mashed-potatoes-yolk"].pregnancy_caution.startswith("Egg yolk (in cooking): ")
    assert dishes["salmon-spinach-rice"].pregnancy_caution is None
    salmon = dishes["salmon-spinach-rice"]
    assert (salmon.protein, salmon.vegetable, salmon.starch, salmon.fruit, salmon.dairy) == (
        True, True, True, False, False)
    assert dishes["figs"].fruit and not dishes["almonds"].fruit  # dried fruit counts as fruit, nuts do not


def test_every_article_food_is_in_a_dish(dishes, foods):
    recommended = foods[(foods.from_article == "yes") & (foods.avoid == "no")].index
    used = {f for d in dishes.values() for f in d.food_ids}
    missing = sorted(set(recommended) - used - {"chamomile-tea"})  # chamomile is optional (pregnancy caution)
    assert missing == [], f"article foods in no dish: {missing}"
    assert {"potatoes", "lentils"} <= used


def test_no_fat_oil_honey_or_herb_is_a_dish_of_its_own(dishes, foods):
    garnish = set(foods.index[foods.role.isin(["fat", "extra"])])  # oil, butter, honey, herbs, seaweed, yolk
    assert {"olive-oil", "butter", "honey", "parsley", "dill", "wheat-germ", "nori", "wakame"} <= garnish
    alone = sorted(k for k, d in dishes.items() if set(d.food_ids) <= garnish)
    assert alone == []


def test_every_main_holds_a_protein_food_and_each_diet_has_mains(dishes):
    mains = [d for d in dishes.values() if d.course == "main"]
    assert [d.id for d in mains if not d.protein] == []
    assert all(set(d.slots) <= {"lunch", "dinner"} for d in mains)
    for diet in ("vegan", "vegetarian", "pescatarian"):
        assert sum(diet in d.diets for d in mains) >= 5, diet
    assert sum(not d.allergens & {"gluten"} for d in mains) >= 10
    vegan_breakfasts = [d.id for d in dishes.values() if d.course == "breakfast" and "vegan" in d.diets]
    assert len(vegan_breakfasts) >= 4  # breakfasts without milk or eggs


def test_seaweed_stays_modest(dishes, foods):
    # iodine (safety_facts §4): no dish's largest serving holds more than the food table's own seaweed portion
    for d in dishes.values():
        for i in d.ingredients:
            if i.food_id in ("nori", "wakame"):
                assert i.grams * d.max_servings <= foods.loc[i.food_id, "portion_g"], d.id


def _write(tmp_path, dishes: pd.DataFrame, items: pd.DataFrame):
    dishes.to_csv(tmp_path / "dishes.csv", index=False)
    items.to_csv(tmp_path / "dish_ingredients.csv", index=False)
    return tmp_path / "dishes.csv", tmp_path / "dish_ingredients.csv"


def _problems(foods, tmp_path, edit) -> list[str]:
    dishes, items = pd.read_csv(DISHES_CSV, dtype=str), pd.read_csv(DISH_INGREDIENTS_CSV, dtype=str)
    edit(dishes, items)
    with pytest.raises(DishTableError) as err:
        load_dishes(foods, *_write(tmp_path, dishes, items))
    return err.value.problems


def _first_row(items, dish_id):
    return items.index[items.dish_id == dish_id][0]


@pytest.mark.parametrize("edit, expected", [
    (lambda d, i: i.loc.__setitem__((1, "food_id"), "bananna"),
     "dish_ingredients.csv row 3 (dish_id 'oatmeal-banana-almonds'), column 'food_id': value 'bananna' "
     "is not a food id in the food table"),
    (lambda d, i: d.loc.__setitem__((0, "method"), None),
     "dishes.csv row 2 (id 'oatmeal-banana-almonds'), column 'method' is empty: fill it in"),
    (lambda d, i: i.loc.__setitem__((0, "grams"), "a cup"),
     "dish_ingredients.csv row 2 (dish_id 'oatmeal-banana-almonds'), column 'grams': value 'a cup' "
     "must be a positive number"),
    (lambda d, i: i.loc.__setitem__((1, "grams"), "0"),
     "dish_ingredients.csv row 3 (dish_id 'oatmeal-banana-almonds'), column 'grams': value '0' "
     "must be a positive number"),
    (lambda d, i: d.loc.__setitem__((0, "method"), "a|b|c|d|e"),
     "dishes.csv row 2 (id 'oatmeal-banana-almonds'), column 'method': value 'a|b|c|d|e' must be 1 to 4"),
    (lambda d, i: d.loc.__setitem__((0, "slots"), "brunch"),
     "dishes.csv row 2 (id 'oatmeal-banana-almonds'), column 'slots': value 'brunch' must be '|'-separated"),
    (lambda d, i: d.loc.__setitem__((0, "course"), "dessert"),
     "dishes.csv row 2 (id 'oatmeal-banana-almonds'), column 'course': value 'dessert' must be one of"),
    (lambda d, i: d.loc.__setitem__((0, "min_servings"), "0.3"),
     "dishes.csv row 2 (id 'oatmeal-banana-almonds'), column 'min_servings': value '0.3' must be a positive "
     "number of servings in halves"),
    (lambda d, i: d.loc.__setitem__((0, "min_servings"), "2"),
     "dishes.csv row 2 (id 'oatmeal-banana-almonds'): min_servings must not exceed max_servings"),
    (lambda d, i: i.loc.__setitem__((0, "food_id"), "coffee"),
     "column 'food_id': value 'coffee' is a food to avoid"),
    (lambda d, i: i.loc.__setitem__((_first_row(i, "salmon-spinach-rice"), "food_id"), "spinach-raw"),
     "dish 'salmon-spinach-rice' holds two forms of one food (spinach-cooked, spinach-raw): keep one"),
    (lambda d, i: i.loc.__setitem__((1, "food_id"), "oatmeal"),
     "dish_ingredients.csv row 3: food 'oatmeal' is listed twice for dish 'oatmeal-banana-almonds'"),
])
def test_the_schema_names_row_and_column_of_each_problem(foods, tmp_path, edit, expected):
    problems = _problems(foods, tmp_path, edit)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected) or expected in problems[0], problems


def test_a_duplicate_dish_id_is_named_on_both_rows(foods, tmp_path):
    problems = _problems(foods, tmp_path, lambda d, i: d.loc.__setitem__((1, "id"), "oatmeal-banana-almonds"))
    for row in (2, 3):
        assert (f"dishes.csv row {row} (id 'oatmeal-banana-almonds'), column 'id': value 'oatmeal-banana-almonds' "
                "appears in more than one row; each must be unique") in problems, problems


def test_problems_in_both_tables_are_listed_together(foods, tmp_path):
    def edit(d, i):
        d.loc[2, "prep_minutes"] = "ten"
        i.loc[4, "grams"] = "-5"

    problems = _problems(foods, tmp_path, edit)
    assert len(problems) == 2 and "'prep_minutes'" in problems[0] and "'-5'" in problems[1], problems


def test_cli_lists_dishes_for_a_slot_and_a_food(dishes, capsys):
    assert main(["dishes", "--slot", "breakfast", "--food", "banana"]) == 0
    out = capsys.readouterr().out
    wanted = [d for d in dishes.values() if "breakfast" in d.slots and "banana" in d.food_ids]
    assert out.strip().endswith(f"{len(wanted)} dish(es)") and len(wanted) >= 2
    for d in wanted:
        assert f"{d.name} ({d.id}): {d.serving_label}" in out
    assert "Salmon" not in out
    assert main(["dishes", "--food", "no-such-food"]) == 2
    assert "no food 'no-such-food'" in capsys.readouterr().err
