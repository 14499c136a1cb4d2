"""HEI-2020 of a hand-worked day, properties of the score, and the DGA pattern goals."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.food_groups import FOOD_GROUP_COLUMNS
from planner.pattern import compare_to_pattern, dga_pattern
from planner.quality import advice, hei2020, load_standards


def table(**foods: dict) -> pd.DataFrame:
    """A food table of made-up foods: every group and HEI nutrient column, 0 unless given (per 100 g)."""
    columns = [*FOOD_GROUP_COLUMNS, "energy_kcal", "sodium_mg", "sat_fat_g", "mufa_g", "pufa_g"]
    return pd.DataFrame([{c: values.get(c, 0.0) for c in columns} for values in foods.values()], index=list(foods))


# Two made-up foods with round numbers, per 100 g.
HAND_FOODS = table(
    # a fruit salad with some juice in it
    fruit={"energy_kcal": 50, "fruit_cup": 0.15, "whole_fruit_cup": 0.10},
    # a mixed dish
    dish={"energy_kcal": 180, "veg_dark_green_cup": 0.02, "veg_other_cup": 0.10, "legumes_cup": 0.01,
          "legumes_protein_oz": 0.04, "grains_whole_oz": 0.15, "grains_refined_oz": 0.60, "dairy_cup": 0.13,
          "protein_meat_oz": 0.20, "protein_seafood_oz": 0.04, "sodium_mg": 300, "sat_fat_g": 2.4, "mufa_g": 3.0,
          "pufa_g": 1.2, "added_sugars_g": 5.0},
)


def test_a_hand_worked_day():
    # The day: 200 g of fruit salad and 500 g of the dish.
    # Energy: 2 x 50 + 5 x 180 = 100 + 900 = 1,000 kcal, so each density per 1,000 kcal is the day's total.
    score = hei2020({"fruit": 200, "dish": 500}, HAND_FOODS)
    assert score.energy_kcal == pytest.approx(1000)
    expected = {
        # fruit 2 x 0.15 = 0.30 cup-eq; 5 points at >= 0.8:          5 x 0.30 / 0.8 = 1.875
        "Total Fruits": 1.875,
        # whole fruit 2 x 0.10 = 0.20; 5 points at >= 0.4:          5 x 0.20 / 0.4 = 2.5
        "Whole Fruits": 2.5,
        # vegetables 5 x (0.02 + 0.10 + 0.01 legumes) = 0.65; 5 at 1.1: 5 x 0.65 / 1.1 = 2.954545...
        "Total Vegetables": 5 * 0.65 / 1.1,
        # dark green 0.10 + legumes 0.05 = 0.15; 5 at 0.2:            5 x 0.15 / 0.2 = 3.75
        "Greens and Beans": 3.75,
        # whole grains 5 x 0.15 = 0.75 oz-eq; 10 at 1.5:            10 x 0.75 / 1.5 = 5
        "Whole Grains": 5.0,
        # dairy 5 x 0.13 = 0.65 cup-eq; 10 at 1.3:                    10 x 0.65 / 1.3 = 5
        "Dairy": 5.0,
        # protein: meat 1.0 + seafood 0.2 + legumes 0.2 = 1.4 oz-eq; 5 at 2.5: 5 x 1.4 / 2.5 = 2.8
        "Total Protein Foods": 2.8,
        # seafood 0.2 + legumes 0.2 = 0.4; 5 at 0.8:                  5 x 0.4 / 0.8 = 2.5
        "Seafood and Plant Proteins": 2.5,
        # (MUFA 15 g + PUFA 6 g) / SFA 12 g = 1.75; 0 at 1.2, 10 at 2.5: 10 x (1.75 - 1.2) / 1.3 = 4.230769...
        "Fatty Acids": 10 * 0.55 / 1.3,
        # refined grains 5 x 0.6 = 3.0 oz-eq; 10 at <= 1.8, 0 at >= 4.3: 10 x (4.3 - 3.0) / 2.5 = 5.2
        "Refined Grains": 5.2,
        # sodium 5 x 300 mg = 1.5 g; 10 at <= 1.1, 0 at >= 2.0:      10 x (2.0 - 1.5) / 0.9 = 5.5556
        "Sodium": 10 * 0.5 / 0.9,
        # added sugars 25 g x 4 kcal = 100 kcal = 10 % of energy; 10 at <= 6.5, 0 at >= 26: 10 x 16 / 19.5 = 8.2051
        "Added Sugars": 10 * 16 / 19.5,
        # saturated fat 12 g x 9 kcal = 108 kcal = 10.8 %; 10 at <= 8, 0 at >= 16: 10 x 5.2 / 8 = 6.5
        "Saturated Fats": 6.5,
    }
    assert score.components == pytest.approx(expected)
    # 1.875 + 2.5 + 2.9545 + 3.75 + 5 + 5 + 2.8 + 2.5 + 4.2308 + 5.2 + 5.5556 + 8.2051 + 6.5 = 56.07
    assert score.total == pytest.approx(56.070998, abs=1e-5)
    assert score.density["Fatty Acids"] == pytest.approx(1.75)
    assert score.density["Saturated Fats"] == pytest.approx(10.8)
    saved = score.to_dict()  # what a plan file would carry
    assert saved["total"] == 56.1 and saved["components"] == pytest.approx(expected, abs=0.005)


def test_advice_names_what_loses_most_points_first():
    tips = advice(hei2020({"fruit": 200, "dish": 500}, HAND_FOODS))
    # points lost: fatty acids 5.77, whole grains 5.0, dairy 5.0, refined grains 4.8, ...
    assert tips[0].startswith("More unsaturated fat") and "ratio 1.75" in tips[0] and "2.5 or more" in tips[0]
    assert any(t.startswith("More whole grains: 0.75 of 1.5 oz eq per 1,000 kcal") for t in tips)
    assert any(t.startswith("More milk, yogurt or cheese: 0.65 of 1.3") for t in tips)
    assert len(tips) == 3


def test_a_perfect_day_scores_100_and_has_no_advice():
    foods = table(good={"energy_kcal": 100, "fruit_cup": 1, "whole_fruit_cup": 1, "veg_dark_green_cup": 1,
                        "grains_whole_oz": 2, "dairy_cup": 2, "protein_seafood_oz": 3, "mufa_g": 1, "pufa_g": 2,
                        "sat_fat_g": 0.5, "sodium_mg": 50})
    score = hei2020({"good": 300}, foods)
    assert score.total == pytest.approx(100)
    assert advice(score) == ()


def test_fatty_acids_follow_ncis_rules_when_there_is_no_saturated_fat():
    foods = table(lean={"energy_kcal": 100, "mufa_g": 1}, fatless={"energy_kcal": 100})
    assert hei2020({"lean": 100}, foods).components["Fatty Acids"] == 10
    assert hei2020({"fatless": 100}, foods).components["Fatty Acids"] == 0
    assert math.isinf(hei2020({"lean": 100}, foods).density["Fatty Acids"])


def test_standards_come_from_the_repo_table():
    standards = load_standards()
    assert sum(s.max_points for s in standards.values()) == 100
    assert standards["Sodium"].moderation and standards["Sodium"].for_max == 1.1
    assert not standards["Fatty Acids"].moderation and standards["Fatty Acids"].for_zero == 1.2


def test_bad_input_is_refused_in_plain_words(foods):
    with pytest.raises(ValueError, match="not in the food table: unicorn"):
        hei2020({"unicorn": 100}, foods)
    with pytest.raises(ValueError, match="no energy"):
        hei2020({"fatless": 100}, table(fatless={}))


# --- properties, on the real food table -------------------------------------------------------------------

PLANNABLE = st.sampled_from(["buckwheat", "milk", "cheddar", "eggs", "butter", "beets", "kale", "beef", "salmon",
                             "rye-bread", "wholewheat-bread", "almonds", "lentils", "honey", "potatoes", "tofu"])
DAYS = st.dictionaries(PLANNABLE, st.floats(10, 400), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=DAYS, banana_g=st.floats(1, 500))
def test_adding_whole_fruit_never_lowers_the_fruit_components(foods, day, banana_g):
    # a banana's own fruit density (7.5 cup-eq per 1,000 kcal) is above both standards, so mixing it in
    # can only raise a day's density, or keep it above the standard
    before = hei2020(day, foods)
    after = hei2020(day | {"banana": day.get("banana", 0) + banana_g}, foods)
    for name in ("Total Fruits", "Whole Fruits"):
        assert after.components[name] >= before.components[name] - 1e-9


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=DAYS, oil_g=st.floats(1, 40))
def test_adding_olive_oil_never_lowers_the_fatty_acid_component(foods, day, oil_g):
    before = hei2020(day, foods)
    after = hei2020(day | {"olive-oil": oil_g}, foods)
    assert after.components["Fatty Acids"] >= before.components["Fatty Acids"] - 1e-9


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=DAYS, extra_mg=st.floats(1, 2000))
def test_more_sodium_never_raises_the_sodium_component_and_changes_nothing_else(foods, day, extra_mg):
    salted = foods.copy()
    salted.loc[list(day), "sodium_mg"] = salted.loc[list(day), "sodium_mg"] + extra_mg
    before, after = hei2020(day, foods), hei2020(day, salted)
    assert after.components["Sodium"] <= before.components["Sodium"] + 1e-9
    assert {k: v for k, v in after.components.items() if k != "Sodium"} == \
        {k: v for k, v in before.components.items() if k != "Sodium"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=DAYS, factor=st.floats(0.2, 5))
def test_the_score_depends_on_proportions_not_amounts(foods, day, factor):
    before = hei2020(day, foods)
    after = hei2020({f: g * factor for f, g in day.items()}, foods)
    assert after.total == pytest.approx(before.total)
    assert 0 <= before.total <= 100
    assert all(0 <= p <= before.max_points[n] for n, p in before.components.items())
    assert before.total == pytest.approx(sum(before.components.values()))


# --- the DGA pattern -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kcal, level", [(2000, 2000), (2099, 2000), (2100, 2000), (2101, 2200), (1500, 1400),
                                         (500, 1000), (4000, 3200)])
def test_dga_pattern_picks_the_nearest_calorie_level(kcal, level):
    assert dga_pattern(kcal).kcal == level


def test_dga_pattern_reads_the_right_row():
    us = dga_pattern(2000)
    # DGA 2020-2025 Table A3-2, 2,000 kcal: 2 1/2 cups vegetables, 2 fruit, 6 oz grains, 3 dairy, 5 1/2 oz protein
    assert (us.daily["vegetables_cup_day"], us.daily["fruits_cup_day"], us.daily["grains_oz_day"]) == (2.5, 2, 6)
    assert (us.daily["dairy_cup_day"], us.daily["protein_oz_day"]) == (3, 5.5)
    assert us.weekly["seafood_oz_week"] == 8 and us.weekly["dark_green_cup_week"] == 1.5
    assert "Table A3-2" in us.source and not us.vegetarian
    veg = dga_pattern(1800, vegetarian=True)
    assert veg.vegetarian and "Table A3-4" in veg.source
    assert (veg.weekly["eggs_oz_week"], veg.weekly["soy_products_oz_week"], veg.daily["protein_oz_day"]) == (3, 6, 3)
    assert "seafood_oz_week" not in veg.weekly


def test_the_range_cell_gives_a_goal_and_a_most():
    small = dga_pattern(1000)  # seafood "2-3" oz-eq a week
    assert small.weekly["seafood_oz_week"] == 2 and small.most == {"seafood_oz_week": 3}
    day = {c: 0.0 for c in FOOD_GROUP_COLUMNS} | {"protein_seafood_oz": 4 / 7}  # 4 oz-eq a week: too much
    rows = compare_to_pattern([day] * 7, small).set_index("goal")
    assert rows.loc["seafood_oz_week", "amount"] == pytest.approx(4)
    assert (rows.loc["seafood_oz_week", "min"], rows.loc["seafood_oz_week", "max"]) == (2, 3)
    assert not rows.loc["seafood_oz_week", "met"]


def test_compare_counts_legumes_once_vegetable_goal_first():
    pattern = dga_pattern(2000)  # beans, peas, lentils 1.5 cup-eq a week; protein 5.5 oz-eq a day
    day = {c: 0.0 for c in FOOD_GROUP_COLUMNS} | {"legumes_cup": 0.5, "legumes_protein_oz": 2.0,
                                                  "protein_meat_oz": 5.0, "grains_refined_oz": 3.5}
    rows = compare_to_pattern([day] * 7, pattern)
    week = rows[rows.period == "week"].set_index("goal")
    # 7 x 0.5 = 3.5 cup-eq of legumes a week: 1.5 fill the vegetable goal, 2 count as protein (8 oz-eq a week)
    assert week.loc["beans_peas_lentils_cup_week", "amount"] == pytest.approx(1.5)
    assert week.loc["protein_oz_day", "amount"] == pytest.approx(5.0 + 8 / 7)
    assert week.loc["protein_oz_day", "met"]
    assert not week.loc["refined_grains_oz_day_max", "met"]  # 3.5 oz-eq a day, at most 3
    assert week.loc["refined_grains_oz_day_max", "min"] is None or pd.isna(week.loc["refined_grains_oz_day_max", "min"])
    days = rows[(rows.period == "day") & (rows.goal == "vegetables_cup_day")]
    assert list(days.day) == list(range(7)) and days.amount.tolist() == pytest.approx([1.5 / 7] * 7)


def test_cli_prints_the_score_of_a_saved_plan(pregnant_plan, foods, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_text(pregnant_plan.to_json(), encoding="utf-8")
    assert main(["quality", str(path)]) == 0
    out = capsys.readouterr().out
    total = hei2020(pregnant_plan.grams_by_food(), foods).total
    assert f"HEI-2020: {total:.1f} of 100" in out
    assert "Healthy U.S.-Style pattern" in out and "Whole Fruits" in out
    path.write_text("{}", encoding="utf-8")
    assert main(["quality", str(path)]) == 2
    assert "not a Cramp Menu plan" in capsys.readouterr().err
