"""A Plan survives JSON and back; a damaged or foreign file is refused with a plain reason."""

import json

import pytest

from planner.plan import Plan, PlanFileError


def test_json_round_trip(pregnant_plan):
    text = pregnant_plan.to_json()
    assert json.loads(text)["schema"] == 2
    assert Plan.from_json(text) == pregnant_plan


def test_a_schema_1_file_opens_as_one_ingredient_dishes(pregnant_plan):
    item = {"food_id": "banana", "name": "Banana", "grams": 118.0, "portions": 1.0, "label": "1 medium banana"}
    data = json.loads(pregnant_plan.to_json())
    data["schema"] = 1
    data["days"] = [{"index": 0, "meals": [{"slot": "snack", "items": [item]}]}]
    plan = Plan.from_dict(data)
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
    ('{"schema": 99}', "schema 99"),
    ('{"schema": 1, "days": []}', "the field 'targets' is missing"),
    ('{"schema": 1, "days": "x"}', "wrong kind of value"),
])
def test_bad_files_are_refused(text, message):
    with pytest.raises(PlanFileError, match=message):
        Plan.from_json(text)


def test_a_tampered_item_is_refused(pregnant_plan):
    data = json.loads(pregnant_plan.to_json())
    data["days"][0]["meals"][0]["dishes"][0]["items"][0]["grams"] = {"oops": 1}
    del data["days"][0]["meals"][0]["dishes"][0]["items"][0]["label"]
    with pytest.raises(PlanFileError, match="damaged"):
        Plan.from_dict(data)
