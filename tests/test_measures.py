"""Household measures scale with the grams they stand for (issue 13, defect 6)."""

from __future__ import annotations

from types import SimpleNamespace

from planner.extract import ingredient_at
from planner.measures import buy_text, portion_text

SPROUTS = "1/2 cup cooked (about 4 sprouts)"  # the food table's portion of Brussels sprouts: 78 g


def test_a_count_in_brackets_scales_with_the_portions(foods):
    assert foods.at["brussels-sprouts", "portion_label"] == SPROUTS
    assert foods.at["brussels-sprouts", "portion_g"] == 78
    assert portion_text(2, SPROUTS) == "1 cup cooked (about 8 sprouts)"  # 156 g
    assert portion_text(1, SPROUTS) == "½ cup cooked (about 4 sprouts)"  # 78 g, its fraction as a glyph
    assert portion_text(1.5, SPROUTS) == "¾ cup cooked (about 6 sprouts)"
    assert portion_text(0.5, SPROUTS) == "¼ cup cooked (about 2 sprouts)"
    assert portion_text(3, SPROUTS) == "1½ cups cooked (about 12 sprouts)"
    assert portion_text(0.25, "1 cup (about 4 sprouts)") == "¼ cup (about 1 sprout)"
    assert portion_text(1.5, "1 oz (about 60 raisins)") == "1½ oz (about 90 raisins)"


def test_a_single_food_dish_of_sprouts_reads_right_at_156_and_78_grams(foods):
    sprouts = SimpleNamespace(food_id="brussels-sprouts", name="Brussels sprouts", grams=78.0, measure=SPROUTS)
    double, single = ingredient_at(sprouts, 2, foods), ingredient_at(sprouts, 1, foods)
    assert (double.grams, double.label) == (156.0, "1 cup cooked (about 8 sprouts)")
    assert (single.grams, single.label) == (78.0, "½ cup cooked (about 4 sprouts)")
    assert "4 sprouts" not in double.label


def test_a_participle_before_the_noun_stays_as_it_is_and_a_fraction_is_written_as_a_glyph():
    # Seen in a household week: "1½ filleds cap" for a filled portabella cap, and "1/2 cup" beside "½ cup".
    assert portion_text(1.5, "1 filled cap") == "1½ filled caps"
    assert portion_text(1, "1/2 cup") == "½ cup"
    assert portion_text(3, "1/2 cup") == "1½ cups"


def test_tomatoes_are_bought_as_tomatoes():
    # Seen on a household's list: "10 tomatos".
    assert buy_text(10, "1 tomato") == "10 tomatoes"
    assert portion_text(2, "1 medium tomato") == "2 medium tomatoes"
