"""A Plan survives JSON and back; on opening nothing in the file is believed: every value is checked and
every derived figure recomputed from grams and the food table."""

import copy
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.planfile import MAX_DEPTH, PlanFileError, parse, read_plan, read_plan_upload


def test_json_round_trip(pregnant_plan, foods):
    text = pregnant_plan.to_json()
    assert json.loads(text)["schema"] == 2
    assert read_plan(text, foods) == pregnant_plan


def test_a_schema_1_file_opens_as_one_ingredient_dishes(pregnant_plan, foods):
    item = {"food_id": "banana", "name": "Banana", "grams": 118.0, "portions": 1.0, "label": "1 medium banana"}
    data = json.loads(pregnant_plan.to_json())
    data["schema"] = 1
    data["days"] = [{"index": 0, "meals": [{"slot": "snack", "items": [item]}]}]
    plan = read_plan(json.dumps(data), foods)
    dish = plan.days[0].meals[0].dishes[0]
    assert (dish.dish_id, dish.name, dish.servings, dish.label) == ("banana", "Banana", 1.0, "1 medium banana")
    assert plan.days[0].meals[0].items[0].grams == 118.0


def test_plan_json_has_the_documented_shape(pregnant_plan):
    data = json.loads(pregnant_plan.to_json())
    dish = data["days"][0]["meals"][0]["dishes"][0]
    assert set(dish) == {"dish_id", "name", "servings", "label", "method", "items"}
    assert set(dish["items"][0]) == {"food_id", "name", "grams", "portions", "label"}
    assert set(data["daily_totals"][0]) >= {"potassium_mg", "magnesium_mg", "calcium_mg", "vitamin_d_ug"}
    assert data["status"] in ("optimal", "best found in time") and data["solver"] in ("CBC", "HiGHS")
    assert data["targets"]["targets"]["calcium_mg"]["max"] == 2500
    assert data["profile"]["pregnancy_trimester"] == 2
    assert data["coverage"]["calcium_mg"] == pytest.approx(pregnant_plan.weekly_average["calcium_mg"] / 1000, abs=1e-3)


@pytest.mark.parametrize("text, message", [
    (b"\x89PNG\r\n", "not valid JSON"),
    ("{not json", "not valid JSON"),
    ('{"name": "a recipe"}', "not a Cramp Menu plan"),
    ('[1, 2, 3]', "not a Cramp Menu plan"),
    ('{"schema": 99}', "schema '99'"),
    ('{"schema": true}', "schema true"),
    ('{"schema": 1, "days": []}', "the field 'targets' is missing"),
    ('{"schema": 1, "targets": {"profile": {"sex": "female", "age": 30}}, "days": "x"}', 'days "x" must be a list'),
])
def test_bad_files_are_refused(text, message, foods):
    with pytest.raises(PlanFileError, match=message):
        read_plan(text, foods)


def test_stale_totals_notes_and_reasons_are_recomputed(pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json())
    data["daily_totals"][0]["calcium_mg"] = 99999
    data["weekly_average"]["calcium_mg"] = 99999
    data["coverage"]["calcium_mg"] = 99
    data["notes"] = ["[a link](https://evil.example/)"]
    data["targets"]["warnings"] = ["# a heading"]
    data["targets"]["targets"]["calcium_mg"]["source"] = "made up"
    data["days"][0]["meals"][0]["dishes"][0]["items"][0]["name"] = "Something else"
    data["days"][0]["meals"][0]["dishes"][0]["name"] = "Something else"
    assert read_plan(json.dumps(data), foods) == pregnant_plan


def test_the_files_own_targets_are_applied_through_the_same_checks(pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json())
    data["targets"]["targets"]["magnesium_mg"]["min"] = 400
    data["targets"]["energy_kcal"]["max"] = 2700
    plan = read_plan(json.dumps(data), foods)
    assert plan.targets.get("magnesium_mg").min == 400
    assert plan.targets.get("magnesium_mg").source.startswith("your override")
    assert plan.targets.energy_max == 2700
    data["targets"]["targets"]["vitamin_d_ug"]["max"] = 250  # the UL is 100 µg
    with pytest.raises(PlanFileError, match="targets: Vitamin D: 250 µg is above the safe upper limit of 100"):
        read_plan(json.dumps(data), foods)


def test_a_tampered_item_is_refused_naming_its_place(pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json())
    day = data["days"][2]
    slot = day["meals"][1]["slot"]
    day["meals"][1]["dishes"][0]["items"][1]["grams"] = -500
    with pytest.raises(PlanFileError,
                       match=rf"^day 3, {slot}, dish 1, item 2: grams '-500' must be a positive number$"):
        read_plan(json.dumps(data), foods)
    del day["meals"][1]["dishes"][0]["items"][1]["grams"]
    with pytest.raises(PlanFileError, match=rf"day 3, {slot}, dish 1, item 2: the field 'grams' is missing"):
        read_plan(json.dumps(data), foods)


def test_meals_differ_between_days(pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json())
    del data["days"][1]["meals"][0]
    with pytest.raises(PlanFileError, match="day 2: meals must be the same as day 1's"):
        read_plan(json.dumps(data), foods)


def test_nesting_is_bounded_without_recursion():
    assert parse("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(PlanFileError, match="nests"):
        parse("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    # brackets inside strings, and escaped quotes, are text and do not count
    assert parse(json.dumps({"a": "[" * 500 + '\\"{' * 100})) is not None


def test_upload_sentence(pregnant_plan, foods):
    plan, error = read_plan_upload(pregnant_plan.to_json().encode(), foods)
    assert error is None and plan == pregnant_plan
    plan, error = read_plan_upload(b"x" * 300_000, foods)
    assert plan is None and "larger than 200 KB" in error and error.endswith("Your current plan is unchanged.")


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)


def _paths(value, path=()):
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _paths(child, (*path, key))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), junk=JSON)
def test_any_value_anywhere_opens_or_is_refused_in_words(data, junk, pregnant_plan, foods):
    plan = json.loads(pregnant_plan.to_json())
    plan["days"] = plan["days"][:2]  # the whole plan is checked the same way; two days keep this quick
    paths = [p for p in _paths(plan) if p]
    path = data.draw(st.sampled_from(paths))
    broken = copy.deepcopy(plan)
    parent = broken
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = junk
    try:
        read_plan(json.dumps(broken, allow_nan=True), foods)
    except PlanFileError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400


def test_the_plan_carries_its_healthy_eating_index_and_a_file_cannot_claim_one(pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json())
    hei = data["quality"]["hei2020"]
    assert 0 <= hei["total"] <= 100 and len(hei["components"]) == 13
    assert hei["total"] == pytest.approx(sum(hei["components"].values()), abs=0.1)
    real = hei["total"]
    data["quality"]["hei2020"]["total"] = 100
    assert read_plan(json.dumps(data), foods).quality["hei2020"]["total"] == real


@pytest.fixture(scope="module")
def choosy_plan(foods):
    """A week for someone allergic to fish, who leaves out beets, likes bananas and shops where no fortified food
    is sold."""
    from planner.foods import FoodFilter
    from planner.targets import Profile
    from tests.conftest import make_plan

    rule = FoodFilter(allergens=("fish",), exclude=("beets",), fortified_available=False)
    plan, _ = make_plan(foods, Profile("female", 30), food_filter=rule, liked=("banana",), seed=1, time_limit_s=3.0)
    return plan


def test_a_reopened_plan_keeps_the_food_choices_and_counts_vitamin_d_as_planned(choosy_plan, foods):
    fortified = {f for _, _, i in choosy_plan.items() if foods.at[(f := i.food_id), "fortified"] == "added_d"}
    assert fortified, "the week holds a food with vitamin D added (milk), or this test would prove nothing"
    data = json.loads(choosy_plan.to_json())
    assert data["asked"] == {"allergens": ["fish"], "exclude": ["beets"], "fortified_available": False,
                             "liked": ["banana"], "exclude_dishes": []}
    again = read_plan(choosy_plan.to_json(), foods)
    assert again.asked == choosy_plan.asked
    # Before plans kept the choices, the reopened week counted the milk's added vitamin D: 3.07 ug a day, not 1.71.
    assert again.weekly_average["vitamin_d_ug"] == choosy_plan.weekly_average["vitamin_d_ug"]
    assert again.shortfalls == choosy_plan.shortfalls


def test_a_file_from_before_plans_kept_the_choices_opens_saying_nothing_of_them(choosy_plan, foods):
    data = json.loads(choosy_plan.to_json())
    del data["asked"]
    assert read_plan(json.dumps(data), foods).asked is None


@pytest.mark.parametrize("asked, message", [
    ({"allergens": ["glue"]}, "asked: allergens, item 1: \"glue\" is not an allergen this planner knows (milk, egg"),
    ({"allergens": ["fish", "fish"]}, "asked: allergens, item 2: \"fish\" is listed twice"),
    ({"exclude": "beets"}, "asked: exclude \"beets\" must be a list"),
    ({"liked": ["unobtainium"]}, "asked: liked, item 1: \"unobtainium\" is not a food of the food table"),
    ({"exclude_dishes": ["nope"]}, "asked: exclude_dishes, item 1: \"nope\" is not a dish this planner knows"),
    ({"fortified_available": "yes"}, "asked: fortified_available \"yes\" must be true or false"),
    ({"colour": "red"}, "asked: unknown field \"colour\""),
    ({"exclude": ["beets"] * 500}, "asked: exclude lists 500 items"),
    ([], "asked a list must be an object"),
])
def test_bad_food_choices_in_a_file_are_named(choosy_plan, foods, asked, message):
    data = json.loads(choosy_plan.to_json())
    data["asked"] = asked
    with pytest.raises(PlanFileError, match=re.escape(message)):
        read_plan(json.dumps(data), foods)


def test_a_file_whose_week_breaks_its_own_allergies_is_refused(choosy_plan, foods):
    data = json.loads(choosy_plan.to_json())
    data["asked"]["allergens"] = ["milk"]  # the week holds milk
    with pytest.raises(PlanFileError, match="contains milk"):
        read_plan(json.dumps(data), foods)
