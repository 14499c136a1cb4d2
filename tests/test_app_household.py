"""Issue 14, the page: plan for a household with Streamlit's AppTest. Members are added, edited and removed in the
sidebar; the week shows each dish once with everyone's serving; what each member's plan says is said by name; a
household plan file opens with its members."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from planner.household import household_shopping
from planner.page_text import plain
from planner.shopping import item_line
from tests.conftest import APP
from tests.test_app import texts


def household(at, days: int = 3):
    """The page in household mode, planning `days` days (fewer than a week: the tests judge the page, not the
    solver)."""
    at.radio(key="plan_for").set_value("A household").run()
    at.slider(key="days").set_value(days).run()
    return at


def add(at, label: str, **values):
    """Add a member and fill in their details (widget name -> value)."""
    at.button(key="hh_add").click().run()
    mid = at.session_state["hh_ids"][-1]
    at.text_input(key=f"hm{mid}_label").input(label).run()
    for name, value in values.items():
        widget = {"age": at.number_input, "sex": at.radio, "stage": at.selectbox, "diet": at.selectbox,
                  "trimester": at.radio, "allergens": at.multiselect, "kidney": at.checkbox}[name]
        widget(key=f"hm{mid}_{name}").set_value(value).run()
    assert not at.exception
    return mid


def plan(at):
    at.button(key="plan_household").click().run()
    assert not at.exception
    return at.session_state["household_plan"]


def charts(at) -> list[dict]:
    """The Vega-Lite specs of the page's Altair charts."""
    return [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]


def test_a_household_of_two_plans_one_menu_and_names_everyone(at, foods):
    household(at)
    at.selectbox(key="stage").set_value("Pregnant").run()  # "Me": pregnant, so her plan says what food cannot cover
    add(at, "Child 10", age=10, sex="male")
    main = [e.label for e in at.main.expander]
    assert "Targets of Child 10" in main and "Targets of Me" not in main  # hers are the editable table
    hplan = plan(at)
    assert hplan.labels == ("Me", "Child 10")
    assert hplan.plans[0].targets.profile.pregnancy_trimester == 1 and hplan.plans[1].targets.profile.age == 10
    assert len(hplan.plans[0].days) == 3
    # each day's table: Meal, Dish, then a column per member
    tables = [t.value for t in at.table]
    assert len(tables) == 3 and all(list(t.columns) == ["Meal", "Dish", "Me", "Child 10"] for t in tables)
    # a coverage chart per member, titled with their name, and their HEI
    assert [c.get("title") for c in charts(at)] == ["Me", "Child 10"]
    assert {m.label for m in at.metric} == {"Healthy Eating Index 2020: Me", "Healthy Eating Index 2020: Child 10"}
    # what the pregnant member's plan says, said by her name; each shortfall by its member's name
    (advice,) = [i.value for i in at.info if "What food cannot cover" in i.value]
    assert all(f"- Me: {a}" in advice.replace("\\", "") for a in hplan.plans[0].advice) and hplan.plans[0].advice
    page = texts(at).replace("\\", "")
    for label, member_plan in zip(hplan.labels, hplan.plans, strict=True):
        assert all(f"{label}: {s.text}" in page or f"Everyone: {s.text}" in page for s in member_plan.shortfalls)
    assert "have changed since this plan" not in page
    # the shopping tab: everyone's list, less what is already in the kitchen, and its three downloads
    pantry = set(at.multiselect(key="hh_pantry").value)
    shop = " ".join(m.value for m in at.markdown).replace("\\", "")
    items = household_shopping(hplan, foods, pantry)
    assert items and all(shop.count(item_line(item)) == 1 for item in items)
    assert {b.label for b in at.get("download_button")} >= {
        "Shopping list (CSV, for a spreadsheet)", "Shopping list (text, for a phone note)",
        "Menu and list (PDF, to print)", "Save this plan (JSON)"}
    at.button(key="hh_regenerate").click().run()  # another week for the same people
    again = at.session_state["household_plan"]
    assert again.labels == hplan.labels and again != hplan and at.session_state["hh_seed"] == 1


def test_a_label_is_shown_as_typed_never_as_markdown(at):
    household(at, days=2)
    label = "**Bo** [x](https://e.com)"
    add(at, label, age=12)
    assert [e.label for e in at.sidebar.expander] == [plain(label)] and plain(label) != label
    plan(at)
    assert list(at.table[0].value.columns)[-1] == at.sidebar.expander[0].label  # the table's heading, escaped too
    assert any(f"Healthy Eating Index 2020: {at.sidebar.expander[0].label}" == m.label for m in at.metric)


def test_a_member_is_removed_and_the_plan_is_then_stale(at):
    household(at)
    first = add(at, "Partner", sex="male", age=35)
    add(at, "Child 12", age=12)
    hplan = plan(at)
    assert hplan.labels == ("Me", "Partner", "Child 12")
    at.button(key=f"hh_remove_{first}").click().run()
    assert not at.exception
    assert [e.label for e in at.sidebar.expander] == ["Child 12"]
    assert "have changed since this plan" in texts(at)  # the plan on the page was for three
    hplan = plan(at)
    assert hplan.labels == ("Me", "Child 12")
    assert "have changed since this plan" not in texts(at)


def test_bad_members_say_why_and_keep_what_was_typed(at):
    household(at)
    mid = add(at, "Me")
    assert any("two members are called Me" in e.value for e in at.sidebar.error)
    assert at.text_input(key=f"hm{mid}_label").value == "Me"
    assert at.button(key="plan_household").disabled
    at.text_input(key=f"hm{mid}_label").input("Gran").run()
    at.number_input(key=f"hm{mid}_age").set_value(70).run()
    at.checkbox(key=f"hm{mid}_kidney").check().run()  # no limit from her doctor yet: no plan
    assert any("Gran" in e.value and "renal dietitian" in e.value for e in at.sidebar.error)
    assert at.button(key="plan_household").disabled
    at.number_input(key=f"hm{mid}_potassium_max").set_value(2000).run()
    assert not at.sidebar.error and not at.button(key="plan_household").disabled
    assert at.text_input(key=f"hm{mid}_label").value == "Gran" and at.number_input(key=f"hm{mid}_age").value == 70


def test_at_most_six_and_members_kept_while_planning_for_one(at):
    household(at)
    for n in range(5):
        add(at, f"Person {n + 2}")
    assert at.button(key="hh_add").disabled
    at.radio(key="plan_for").set_value("Just me").run()
    assert not at.sidebar.expander and at.button(key="plan_week") is not None
    at.radio(key="plan_for").set_value("A household").run()
    assert [e.label for e in at.sidebar.expander] == [f"Person {n + 2}" for n in range(5)]


def test_a_broken_household_file_says_which_member_and_keeps_the_plan(at):
    household(at, days=2)
    add(at, "Child 10", age=10)
    hplan = plan(at)
    data = hplan.to_dict()
    data["household"]["members"][1]["plan"]["days"][0]["meals"][0]["dishes"][0]["servings"] = -1
    at.file_uploader(key="upload").set_value(("bad.json", json.dumps(data).encode(), "application/json")).run()
    assert not at.exception
    (error,) = [e.value.replace("\\", "") for e in at.error if "could not be opened" in e.value]
    assert "could not be opened" in error and "member 2" in error and "Child 10" in error and "unchanged" in error
    assert at.session_state["household_plan"] is hplan


def test_a_household_plan_file_opens_with_its_members(at):
    household(at)
    at.radio(key="sex").set_value("male").run()
    add(at, "Child 10", age=10, diet="vegetarian", allergens=["sesame"])
    hplan = plan(at)
    fresh = AppTest.from_file(APP, default_timeout=90).run()  # "Just me": the file says it is a household
    fresh.file_uploader(key="upload").set_value(
        ("household.json", hplan.to_json().encode(), "application/json")).run()
    assert not fresh.exception
    assert fresh.radio(key="plan_for").value == "A household" and fresh.radio(key="sex").value == "male"
    mid = fresh.session_state["hh_ids"][0]
    assert fresh.text_input(key=f"hm{mid}_label").value == "Child 10"
    assert fresh.number_input(key=f"hm{mid}_age").value == 10
    assert fresh.selectbox(key=f"hm{mid}_diet").value == "vegetarian"
    assert fresh.multiselect(key=f"hm{mid}_allergens").value == ["sesame"]
    opened = fresh.session_state["household_plan"]
    assert opened.labels == hplan.labels and opened.household.shared == hplan.household.shared
    grams = hplan.grams_by_food()
    assert opened.grams_by_food().keys() == grams.keys()
    assert all(abs(g - grams[f]) < 0.1 for f, g in opened.grams_by_food().items())
    assert "have changed since this plan" not in texts(fresh)
    assert [c.get("title") for c in charts(fresh)] == ["Me", "Child 10"]
    # opened where the household has grown: the file's members take the place of the page's
    add(at, "Gran", age=70)
    at.file_uploader(key="upload").set_value(("household.json", hplan.to_json().encode(), "application/json")).run()
    assert [e.label for e in at.sidebar.expander] == ["Child 10"]
    assert all(f"hm2_{name}" not in at.session_state for name in ("label", "age", "sex", "diet"))


def dishes_of(plan) -> set[str]:
    return {d.dish_id for day in plan.days for m in day.meals for d in m.dishes}


def meals_of(plan) -> dict:
    return {(day.index, m.slot): tuple((d.dish_id, d.servings) for d in m.dishes) for day in plan.days
            for m in day.meals}


def test_a_dish_swapped_out_of_the_household_week_leaves_everyone_and_shows_in_each_list(at):
    household(at)
    mid = add(at, "Partner", sex="male", age=40)
    before = plan(at)
    dish = before.plans[0].days[1].meals[2].dishes[0]  # a dinner dish of the table: both eat it
    assert before.plans[0].days[1].meals[2].slot == "dinner" and dish.dish_id in dishes_of(before.plans[1])
    at.checkbox(key="hh_lock_1_dinner").check().run()  # kept, but it holds the dish: it must change all the same
    at.selectbox(key="hh_swap_choice").set_value(f"dish:{dish.dish_id}").run()
    at.button(key="hh_swap").click().run()
    assert not at.exception
    after = at.session_state["household_plan"]
    assert all(dish.dish_id not in dishes_of(p) for p in after.plans)
    untouched = [k for k, v in meals_of(before.plans[0]).items() if dish.dish_id not in dict(v)
                 and dish.dish_id not in dict(meals_of(before.plans[1])[k])]
    assert untouched and all(meals_of(b)[k] == meals_of(a)[k] for b, a in zip(before.plans, after.plans, strict=True)
                             for k in untouched)
    # visible, and undoable, in the sidebar: mine and the partner's list; the plan still fits them
    assert dish.dish_id in at.multiselect(key="disliked_dishes").value
    assert dish.dish_id in at.multiselect(key=f"hm{mid}_disliked_dishes").value
    page = texts(at)
    assert "is out of everyone's week" in page and "have changed since this plan" not in page
    assert "Day 2 dinner: kept, but it held" in page and not at.checkbox(key="hh_lock_1_dinner").value


def test_one_day_of_the_household_week_is_planned_again(at):
    household(at)
    add(at, "Child 10", age=10, sex="male")
    before = plan(at)
    at.selectbox(key="hh_replan_day").set_value(1).run()
    at.button(key="hh_replan").click().run()
    assert not at.exception
    after = at.session_state["household_plan"]
    for b, a in zip(before.plans, after.plans, strict=True):
        assert all(meals_of(b)[k] == meals_of(a)[k] for k in meals_of(b) if k[0] != 1)
    assert any(meals_of(b)[k] != meals_of(a)[k] for b, a in zip(before.plans, after.plans, strict=True)
               for k in meals_of(b) if k[0] == 1)


def test_another_idea_for_one_household_meal(at):
    household(at)
    add(at, "Partner", sex="male", age=40)
    before = plan(at)
    key = (0, "dinner")
    at.selectbox(key="hh_remeal_key").set_value(key).run()
    at.button(key="hh_remeal").click().run()
    assert not at.exception
    after = at.session_state["household_plan"]
    had = {d for p in before.plans for d, _ in meals_of(p)[key]}
    for b, a in zip(before.plans, after.plans, strict=True):
        assert all(meals_of(b)[k] == meals_of(a)[k] for k in meals_of(b) if k != key)
        assert meals_of(a)[key] and not {d for d, _ in meals_of(a)[key]} & had


def test_meals_ticked_keep_stay_for_everyone_in_another_week(at):
    household(at)
    add(at, "Partner", sex="male", age=40)
    before = plan(at)
    ticked = [(0, "dinner"), (2, "breakfast")]
    for day, slot in ticked:
        at.checkbox(key=f"hh_lock_{day}_{slot}").check().run()
    at.button(key="hh_regenerate").click().run()
    assert not at.exception
    after = at.session_state["household_plan"]
    assert after is not before
    for b, a in zip(before.plans, after.plans, strict=True):
        assert all(meals_of(b)[k] == meals_of(a)[k] for k in ticked)
    assert any(meals_of(b)[k] != meals_of(a)[k] for b, a in zip(before.plans, after.plans, strict=True)
               for k in meals_of(b) if k not in ticked)
    assert all(at.checkbox(key=f"hh_lock_{d}_{s}").value for d, s in ticked)  # still ticked: the meals are the same
    at.button(key="plan_household").click().run()  # a brand-new week keeps nothing
    assert not any(at.checkbox(key=f"hh_lock_{d}_{s}").value for d, s in ticked)


def test_a_food_swapped_out_of_one_household_meal_only(at, foods):
    household(at)
    add(at, "Partner", sex="male", age=40)
    before = plan(at)
    key = (1, "lunch")
    lunch = [m for p in before.plans for m in p.days[1].meals if m.slot == "lunch"]
    food = sorted({i.food_id for m in lunch for i in m.items if foods.at[i.food_id, "role"] == "main"}
                  or {i.food_id for m in lunch for i in m.items})[0]
    at.selectbox(key="hh_remeal_key").set_value(key).run()
    at.selectbox(key="hh_mealswap_choice").set_value(f"food:{food}").run()
    at.button(key="hh_mealswap").click().run()
    assert not at.exception
    after = at.session_state["household_plan"]
    for b, a in zip(before.plans, after.plans, strict=True):
        assert all(meals_of(b)[k] == meals_of(a)[k] for k in meals_of(b) if k != key)
        (meal,) = [m for m in a.days[1].meals if m.slot == "lunch"]
        assert meal.dishes and food not in {i.food_id for i in meal.items}
    assert at.selectbox(key="hh_mealswap_choice").value is None
