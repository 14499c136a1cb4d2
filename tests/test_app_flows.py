"""Issue 13 (page part) with Streamlit's AppTest: a changed diet or allergy is noticed, an opened plan brings its
profile back, a swapped food stays visible and can be undone, Keep ticks follow the meals they keep, and one meal
can be re-planned or have a food swapped out on its own."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP
from tests.test_app import plan_pregnant

STALE = "have changed since this plan"


def infos(at) -> str:
    return " ".join(e.value for kind in (at.info, at.warning, at.success, at.caption) for e in kind)


def meal(plan, day: int, slot: str):
    return next(m for m in plan.days[day].meals if m.slot == slot)


def planned_foods(plan) -> set[str]:
    return {i.food_id for _, _, i in plan.items()}


@pytest.mark.parametrize("change", ["allergy", "diet"])
def test_an_allergy_or_a_diet_after_planning_is_noticed(at, foods, change):
    plan = plan_pregnant(at)
    fish = {f for f in planned_foods(plan) if "fish" in str(foods.at[f, "allergens"])}
    assert fish, "the pregnant week has fish (the issue's cod and salmon)"
    if change == "allergy":
        at.multiselect(key="allergens").set_value(["fish"]).run()
    else:
        at.selectbox(key="diet").set_value("vegetarian").run()
    assert STALE in infos(at)
    assert not any("meets every target" in s.value for s in at.success)  # no green banner over it
    assert any("rule out" in w.value for w in at.warning)


def test_an_unchanged_sidebar_is_not_stale_after_a_swap(at):
    plan = plan_pregnant(at)
    food = sorted(i.food_id for i in meal(plan, 0, "lunch").items)[0]
    at.selectbox(key="swap_choice").set_value(f"food:{food}").run()
    at.button(key="swap").click().run()
    assert STALE not in infos(at)


def test_an_uploaded_plan_brings_back_its_profile(at, tmp_path):
    plan = plan_pregnant(at)
    fresh = AppTest.from_file(APP, default_timeout=90).run()
    fresh.file_uploader(key="upload").set_value(("week.json", plan.to_json().encode(), "application/json")).run()
    assert not fresh.exception
    assert fresh.selectbox(key="stage").value == "Pregnant" and fresh.radio(key="trimester").value == 2
    assert STALE not in infos(fresh)
    fresh.button(key="regenerate").click().run()
    again = fresh.session_state["plan"]
    assert again != plan and again.targets.profile == plan.targets.profile


def test_a_swapped_food_is_shown_as_not_eaten_and_can_be_undone(at):
    plan = plan_pregnant(at)
    food = sorted(i.food_id for i in meal(plan, 0, "lunch").items)[0]
    at.selectbox(key="swap_choice").set_value(f"food:{food}").run()
    at.button(key="swap").click().run()
    assert food not in planned_foods(at.session_state["plan"])
    assert food in at.multiselect(key="disliked").value  # visible in the sidebar, not a hidden list
    at.multiselect(key="disliked").set_value([]).run()  # the undo: take it out of "Foods I don't eat"
    assert STALE in infos(at)
    at.button(key="plan_week").click().run()
    assert not at.exception and food not in at.multiselect(key="disliked").value and STALE not in infos(at)


def test_a_food_both_liked_and_not_eaten_is_said(at):
    at.multiselect(key="disliked").set_value(["kefir"]).run()
    at.multiselect(key="liked").set_value(["kefir"]).run()
    assert any("Kefir" in w.value and "Foods I don't eat" in w.value for w in at.sidebar.warning)


def test_a_swapped_dish_is_shown_and_can_be_undone(at):
    plan = plan_pregnant(at)
    dish = meal(plan, 0, "dinner").dishes[0].dish_id
    at.selectbox(key="swap_choice").set_value(f"dish:{dish}").run()
    at.button(key="swap").click().run()
    assert dish in at.multiselect(key="disliked_dishes").value
    at.multiselect(key="disliked_dishes").set_value([]).run()
    at.button(key="plan_week").click().run()
    assert not at.exception


def test_swapping_a_food_out_of_a_kept_meal_says_so_and_unticks_it(at):
    plan = plan_pregnant(at)
    food = sorted(i.food_id for i in meal(plan, 2, "dinner").items)[0]
    at.checkbox(key="lock_2_dinner").check().run()
    at.selectbox(key="swap_choice").set_value(f"food:{food}").run()
    at.button(key="swap").click().run()
    again = at.session_state["plan"]
    assert meal(again, 2, "dinner") != meal(plan, 2, "dinner")
    assert not at.checkbox(key="lock_2_dinner").value
    assert any("Day 3 dinner" in w.value and "kept" in w.value for w in at.warning)


def test_keep_ticks_stay_only_on_meals_that_stayed(at):
    plan_pregnant(at)
    at.checkbox(key="lock_2_dinner").check().run()
    at.button(key="regenerate").click().run()
    assert at.checkbox(key="lock_2_dinner").value  # kept, and still the same meal
    at.button(key="plan_week").click().run()
    assert not at.checkbox(key="lock_2_dinner").value  # a brand-new week keeps nothing


def test_another_idea_for_one_meal_changes_that_meal_only(at):
    plan = plan_pregnant(at)
    at.button(key="remeal_3_lunch").click().run()
    again = at.session_state["plan"]
    old, new = meal(plan, 3, "lunch"), meal(again, 3, "lunch")
    assert new.dishes and not {d.dish_id for d in old.dishes} & {d.dish_id for d in new.dishes}
    for day in plan.days:
        for m in day.meals:
            if (day.index, m.slot) != (3, "lunch"):
                assert meal(again, day.index, m.slot) == m
    assert STALE not in infos(at)


def test_a_food_swapped_in_one_meal_stays_in_the_others(at):
    plan = plan_pregnant(at)
    counts = {}
    for _, _, item in plan.items():
        counts[item.food_id] = counts.get(item.food_id, 0) + 1
    day, slot = next((d.index, m.slot) for d in plan.days for m in d.meals
                     if any(counts[i.food_id] > 1 for i in m.items))
    food = next(i.food_id for i in meal(plan, day, slot).items if counts[i.food_id] > 1)
    at.selectbox(key=f"mealswap_choice_{day}_{slot}").set_value(f"food:{food}").run()
    at.button(key=f"mealswap_{day}_{slot}").click().run()
    again = at.session_state["plan"]
    assert food not in {i.food_id for i in meal(again, day, slot).items}
    assert food in {i.food_id for _, _, i in again.items()}  # still in the meals that had it
    for d in plan.days:
        for m in d.meals:
            if (d.index, m.slot) != (day, slot):
                assert meal(again, d.index, m.slot) == m
    assert food not in at.multiselect(key="disliked").value and STALE not in infos(at)


def test_an_uploaded_plan_brings_back_its_allergies_and_foods_left_out(foods):
    from planner.foods import FoodFilter
    from planner.targets import Profile
    from tests.conftest import make_plan

    rule = FoodFilter(allergens=("fish", "sesame"), exclude=("beets",), fortified_available=False)
    plan, _ = make_plan(foods, Profile("female", 30), food_filter=rule, liked=("banana",), seed=2, time_limit_s=3.0)
    fresh = AppTest.from_file(APP, default_timeout=90).run()  # a new visit: an empty sidebar
    fresh.file_uploader(key="upload").set_value(("week.json", plan.to_json().encode(), "application/json")).run()
    assert not fresh.exception
    assert sorted(fresh.multiselect(key="allergens").value) == ["fish", "sesame"]
    assert fresh.multiselect(key="disliked").value == ["beets"] and fresh.multiselect(key="liked").value == ["banana"]
    assert fresh.checkbox(key="fortified").value is False
    assert STALE not in infos(fresh) and "allergies and foods left out included" in infos(fresh)
    fresh.button(key="regenerate").click().run()
    again = fresh.session_state["plan"]
    assert again != plan and again.asked == plan.asked  # the next week keeps them too
