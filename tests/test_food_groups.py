"""Food-group equivalents: one row per food, joined into the food table, figures re-derived from USDA measures."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from planner.food_groups import FOOD_GROUP_COLUMNS, LEGUME_OZ_PER_CUP

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def groups() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "food_groups.csv", dtype={"id": str}).set_index("id")


@pytest.fixture(scope="module")
def weights() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data/usda/usda_sr28_weight_subset.csv", dtype=str, keep_default_na=False)


def _build_module():
    spec = importlib.util.spec_from_file_location("build_foods", ROOT / "scripts" / "build_foods.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def grams(weights: pd.DataFrame, ndb: str, measure: str) -> float:
    """USDA grams for one row of the household measures, found by its description."""
    row = weights[(weights.NDB_No == ndb) & (weights.Msre_Desc == measure)]
    assert len(row) == 1, (ndb, measure)
    return float(row.Gm_Wgt.iloc[0])


def test_every_food_has_exactly_one_group_row_and_no_stray_rows(groups, foods):
    assert not groups.index.duplicated().any()
    assert set(groups.index) == set(foods.index)
    plannable = foods[(foods.avoid == "no")]
    assert plannable[list(FOOD_GROUP_COLUMNS)].notna().all().all()
    assert groups.rule.str.len().gt(20).all()  # every row says which rule and measure it used


def test_the_food_table_carries_the_group_columns_after_the_nutrients(foods, groups):
    columns = list(foods.columns)
    assert columns.index("sugars_g") < columns.index("fruit_cup") < columns.index("portion_g")
    joined = groups.loc[foods.index, list(FOOD_GROUP_COLUMNS)].astype(float)
    pd.testing.assert_frame_equal(foods[list(FOOD_GROUP_COLUMNS)], joined, check_names=False)
    assert (foods.food_group_rule == groups.loc[foods.index, "rule"]).all()


@pytest.mark.parametrize(
    "food, column, ndb, measure, equivalents_per_measure",
    [
        # 1 cup fruit = 1 cup-eq; USDA: 1 cup sliced banana = 150 g
        ("banana", "fruit_cup", "09040", "cup, sliced", 1),
        ("banana", "whole_fruit_cup", "09040", "cup, sliced", 1),
        # 1/2 cup dried fruit = 1 cup-eq; USDA: 1 cup dried figs = 149 g
        ("figs", "fruit_cup", "09094", "cup", 2),
        # 2 cups raw leafy greens = 1 cup-eq; USDA: 1 cup raw spinach = 30 g
        ("spinach-raw", "veg_dark_green_cup", "11457", "cup", 0.5),
        # 1 cup cooked vegetables = 1 cup-eq; USDA: 1/2 cup boiled potato = 78 g
        ("potatoes", "veg_starchy_cup", "11367", "cup", 0.5),
        # 1 1/2 oz natural cheese = 1 cup-eq; USDA: 1 oz cheddar = 28.35 g
        ("cheddar", "dairy_cup", "01009", "oz", 1 / 1.5),
        # 2 cups cottage cheese = 1 cup-eq; USDA: 1 cup = 226 g
        ("cottage-cheese", "dairy_cup", "01015", "cup (not packed)", 0.5),
        # 1/2 cup cooked cereal = 1 oz-eq; USDA: 1 cup cooked buckwheat groats = 168 g
        ("buckwheat", "grains_whole_oz", "20010", "cup", 2),
        # 1 egg = 1 oz-eq; USDA: 1 large egg = 50 g
        ("eggs", "protein_eggs_oz", "01129", "large", 1),
        # 1/2 oz nuts = 1 oz-eq; USDA: 1 oz almonds = 28.35 g
        ("almonds", "protein_nuts_seeds_oz", "12061", "oz (23 whole kernels)", 2),
        # lentils: 1 cup cooked = 1 cup-eq as vegetables and 4 oz-eq as protein; USDA: 1 cup = 198 g
        ("lentils", "legumes_cup", "16070", "cup", 1),
        ("lentils", "legumes_protein_oz", "16070", "cup", 4),
    ],
)
def test_equivalents_rederived_from_usda_household_measures(groups, weights, food, column, ndb, measure,
                                                            equivalents_per_measure):
    amount = float(weights[(weights.NDB_No == ndb) & (weights.Msre_Desc == measure)].Amount.iloc[0])
    expected = equivalents_per_measure / grams(weights, ndb, measure) * 100
    assert amount in (0.5, 1.0)  # the measure's own amount is already folded into equivalents_per_measure
    assert groups.loc[food, column] == pytest.approx(expected, abs=5e-5)
    assert f"USDA {ndb}" in groups.loc[food, "rule"]


def test_meat_counts_by_cooked_weight(groups, weights):
    # 1 oz cooked lean meat = 1 oz-eq; USDA: 3 oz cooked = 85 g
    assert groups.loc["beef", "protein_meat_oz"] == pytest.approx(3 / grams(weights, "13364", "oz") * 100, abs=5e-5)


def test_legumes_are_given_both_as_vegetables_and_as_protein(groups):
    legumes = groups[groups.legumes_cup > 0]
    assert set(legumes.index) == {"soybeans", "edamame", "lentils"}
    # each is rounded to 4 decimals on its own, so they agree to within 4 x 0.00005
    as_protein = legumes.legumes_cup.to_numpy() * LEGUME_OZ_PER_CUP
    assert legumes.legumes_protein_oz.to_numpy() == pytest.approx(as_protein, abs=3e-4)


def test_each_food_sits_in_the_groups_its_kind_belongs_to(groups):
    fruit = groups[groups.fruit_cup > 0].index.drop("lemon-juice")
    assert set(fruit) == {"strawberries", "orange", "banana", "figs", "dates", "dried-apricots", "prunes", "raisins"}
    assert (groups.loc[fruit, "whole_fruit_cup"] == groups.loc[fruit, "fruit_cup"]).all()
    assert groups.loc["lemon-juice", "whole_fruit_cup"] == 0  # juice counts in total fruit only (FPED F_JUICE)
    assert groups.loc["honey", "added_sugars_g"] == 82.12  # honey is added sugar (FDA definition), SR28 sugars
    assert groups.loc["olive-oil", "oils_g"] == 100
    assert groups.loc["butter", list(FOOD_GROUP_COLUMNS)].sum() == 0  # a solid fat, in no group
    single = groups.drop(index=["honey", "olive-oil", "wholewheat-bread", "rye-bread", "pumpernickel", "lemon-juice"])
    counted = (single[list(FOOD_GROUP_COLUMNS)] > 0).sum(axis=1)
    # a food counts in one group, except fruit (total and whole) and legumes (as vegetables and as protein)
    assert counted.max() <= 2
    assert set(counted[counted == 2].index) == set(fruit) | {"soybeans", "edamame", "lentils"}


def test_unverified_rules_say_so(groups):
    for food in ("kefir", "greek-yogurt", "quail-eggs", "rye-crispbread", "dates", "wheat-germ", "parsley", "dill",
                 "garlic"):
        assert "unverified" in groups.loc[food, "rule"], food


def test_build_names_a_food_with_no_group_row():
    build_foods = _build_module()
    sr28 = pd.read_csv(ROOT / "data/usda/usda_sr28_subset.csv", dtype=str, keep_default_na=False).set_index("NDB_No")
    weights = pd.read_csv(ROOT / "data/usda/usda_sr28_weight_subset.csv", dtype=str, keep_default_na=False)
    spec = pd.read_csv(ROOT / "data/food_spec.csv", dtype=str, keep_default_na=False)
    groups = pd.read_csv(ROOT / "data/food_groups.csv", dtype=str, keep_default_na=False)
    with pytest.raises(SystemExit, match="no row for kale:"):
        build_foods.build(spec, sr28, weights, groups[groups.id != "kale"])
    stray = pd.concat([groups, groups[groups.id == "kale"].assign(id="kale-chips")])
    with pytest.raises(SystemExit, match="rows for kale-chips"):
        build_foods.build(spec, sr28, weights, stray)
