"""Households (issue 14): one menu at the shared meals, each member's own servings and targets, one list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner import household as hh
from planner.cli import main
from planner.dishes import plannable_dishes
from planner.extract import PlanError
from planner.foods import FoodFilter
from planner.household import Household, Member, household_shopping, plan_household, week_table
from planner.household_file import read_household, read_household_plan
from planner.jsonsafe import PlanFileError
from planner.model import SolveResult, allowed_dishes, plan_week
from planner.settings import PlanSettings
from planner.targets import Profile, targets_for

DAYS = 4
MEMBERS = (Member("Me", Profile("female", 28, pregnancy_trimester=2)),
           Member("Partner", Profile("male", 34)),
           Member("Child 9", Profile("female", 9)),
           Member("Gran", Profile("female", 70), FoodFilter("vegetarian")))


@pytest.fixture(scope="module")
def family(foods):
    # tests judge the plan more than the clock: a longer search than the page's (each later member gets half)
    return plan_household(foods, Household(MEMBERS), PlanSettings(days=DAYS, time_limit_s=10.0))


def meal(plan, day, slot):
    return next(m for m in plan.days[day].meals if m.slot == slot)


def servings(plan, day, slot):
    return {d.dish_id: d.servings for d in meal(plan, day, slot).dishes}


def test_a_pregnant_woman_and_a_man_share_dinners_in_their_own_servings_and_both_meet_their_targets(family):
    me, partner = family.plan_of("Me"), family.plan_of("Partner")
    for d in range(DAYS):
        for slot in ("lunch", "dinner"):
            assert set(servings(me, d, slot)) == set(servings(partner, d, slot)), (d, slot)
    assert any(servings(me, d, s) != servings(partner, d, s) for d in range(DAYS) for s in ("lunch", "dinner"))
    assert me.targets.profile.condition == "pregnancy" and partner.targets.profile.condition == "none"
    assert me.shortfalls == () and partner.shortfalls == (), ([s.text for s in me.shortfalls],
                                                              [s.text for s in partner.shortfalls])


def test_breakfast_and_snacks_are_each_members_own(family):
    me, partner = family.plan_of("Me"), family.plan_of("Partner")
    assert any(set(servings(me, d, s)) != set(servings(partner, d, s)) for d in range(DAYS)
               for s in ("breakfast", "snack"))


def test_a_childs_servings_are_smaller(family):
    child = family.plan_of("Child 9")
    for adult in (family.plan_of("Me"), family.plan_of("Partner")):
        shared = [(d, s, k) for d in range(DAYS) for s in ("lunch", "dinner")
                  for k in set(servings(child, d, s)) & set(servings(adult, d, s))]
        assert len(shared) >= DAYS * 2
        assert sum(servings(child, d, s)[k] for d, s, k in shared) < sum(servings(adult, d, s)[k] for d, s, k in shared)
        assert child.weekly_average["energy_kcal"] < adult.weekly_average["energy_kcal"]


def test_a_vegetarian_member_never_gets_a_meat_or_fish_dish(family, foods):
    dishes = plannable_dishes(foods)
    gran = family.plan_of("Gran")
    eaten = {d.dish_id for day in gran.days for m in day.meals for d in m.dishes}
    assert eaten and all("vegetarian" in dishes[k].diets for k in eaten)


def test_at_a_table_serving_fish_the_vegetarian_gets_a_main_of_their_own_and_the_others_keep_the_fish(foods):
    dishes = plannable_dishes(foods)
    settings = hh.member_settings(PlanSettings(days=1, time_limit_s=10.0), MEMBERS[3])
    table = {(0, "lunch"): set(), (0, "dinner"): {"cod-potatoes-dill"}}
    gran = hh._solve_member(foods, allowed_dishes(dishes, foods, settings), targets_for(MEMBERS[3].profile,
                            "vegetarian"), settings, (), table)
    dinner = [dishes[d.dish_id] for d in meal(gran, 0, "dinner").dishes]
    assert "cod-potatoes-dill" not in {d.id for d in dinner}
    assert any(d.protein for d in dinner) and all("vegetarian" in d.diets for d in dinner)
    partner = hh.member_settings(PlanSettings(days=1, time_limit_s=10.0), MEMBERS[1])
    him = hh._solve_member(foods, allowed_dishes(dishes, foods, partner), targets_for(MEMBERS[1].profile), partner,
                           (), table)
    assert "cod-potatoes-dill" in servings(him, 0, "dinner")


def test_the_shopping_list_is_the_sum_over_members(family, foods):
    bought = {i.food_id: i.eaten_grams for i in household_shopping(family, foods)}
    summed: dict[str, float] = {}
    for plan in family.plans:
        for food_id, grams in plan.grams_by_food().items():
            summed[food_id] = summed.get(food_id, 0.0) + grams
    assert set(bought) == set(summed)
    assert all(bought[f] == pytest.approx(summed[f], abs=0.1) for f in summed)
    assert sum(bought.values()) > max(sum(p.grams_by_food().values()) for p in family.plans)


def test_the_week_table_shows_each_dish_once_with_each_members_serving(family):
    table = week_table(family)
    assert list(table.columns) == ["Day", "Meal", "Dish", "Me", "Partner", "Child 9", "Gran"]
    assert not table.duplicated(["Day", "Meal", "Dish"]).any()
    first = table[(table.Day == "Day 1") & (table.Meal == "Dinner")]
    me = {d.name: d.label for d in meal(family.plan_of("Me"), 0, "dinner").dishes}
    assert {r.Dish: r.Me for r in first.itertuples() if r.Me != "–"} == me


def test_a_household_of_one_is_planned_exactly_as_one_person(foods):
    person = Member("Me", Profile("female", 30))
    settings = PlanSettings(days=2, time_limit_s=10.0, seed=3)
    alone = plan_household(foods, Household((person,)), settings).plans[0]
    planned = plan_week(foods, targets_for(person.profile), settings)
    assert alone.status == planned.status == "optimal"
    assert alone.days == planned.days


def test_a_household_file_round_trips_and_a_bad_member_is_named(family, foods):
    again = read_household_plan(family.to_json(), foods)
    assert again.labels == family.labels and again.household.shared == family.household.shared
    assert again.grams_by_food() == pytest.approx(family.grams_by_food())
    assert again.household.members[3].food_filter.diet == "vegetarian"
    data = json.loads(family.to_json())
    data["household"]["members"][1]["plan"]["days"][0]["meals"][1]["dishes"][0]["servings"] = -2
    with pytest.raises(PlanFileError, match=r'member 2 \("Partner"\): day 1, lunch, dish 1: servings'):
        read_household_plan(json.dumps(data), foods)
    data = json.loads(family.to_json())
    data["household"]["members"][3]["allergens"] = ["fish"]  # Gran's week was not planned for a fish allergy
    with pytest.raises(PlanFileError, match=r'member 4 \("Gran"\): allergens: the member lists "fish", but their '
                                            r'plan was made for none'):
        read_household_plan(json.dumps(data), foods)
    data = json.loads(family.to_json())
    data["household"]["members"][2]["label"] = "Me"
    with pytest.raises(PlanFileError, match="two members are called Me"):
        read_household_plan(json.dumps(data), foods)


def test_an_older_single_plan_opens_as_a_household_of_one(pregnant_plan, foods):
    opened = read_household_plan(pregnant_plan.to_json(), foods)
    assert opened.labels == ("Me",) and opened.plans[0].days == pregnant_plan.days
    me = opened.household.members[0]
    assert me.food_filter.pregnant_or_lactating  # her rule is a pregnant woman's, as her plan's was


def test_a_single_plan_opened_as_a_household_keeps_its_allergies(foods):
    rule = FoodFilter(allergens=("fish",), exclude=("beets",), fortified_available=False)
    plan = plan_week(foods, targets_for(Profile("male", 40)), PlanSettings(food_filter=rule, liked=("banana",)))
    me = read_household_plan(plan.to_json(), foods).household.members[0]
    assert (me.food_filter.allergens, me.food_filter.exclude, me.food_filter.fortified_available, me.liked) == \
        (("fish",), ("beets",), False, ("banana",))


@pytest.mark.parametrize("members, message", [
    ((), "1 to 6 members"),
    (tuple(Member(f"M{i}", Profile("female", 30)) for i in range(7)), "1 to 6 members, not 7"),
    ((Member("Me", Profile("female", 30)), Member(" Me ", Profile("male", 30))), "two members are called Me"),
    ((Member("", Profile("female", 30)),), "needs a name or a label"),
])
def test_a_household_that_cannot_be_planned_says_why(members, message):
    with pytest.raises(ValueError, match=message):
        Household(members)


def test_the_cli_plans_the_example_household_and_names_each_member(tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert main(["week", "--household", "data/examples/household.json", "--days", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for label in read_household(Path("data/examples/household.json").read_bytes()).labels:
        assert f"{label}: " in printed
    assert main(["shopping", str(out), "--format", "csv", "--out", str(tmp_path / "list.csv")]) == 0
    assert main(["shopping", str(out), "--format", "pdf", "--out", str(tmp_path / "menu.pdf")]) == 0
    assert (tmp_path / "menu.pdf").read_bytes().startswith(b"%PDF")
    assert main(["shopping", str(out), "--format", "md", "--out", str(tmp_path / "list.md")]) == 0
    assert "- Me: Folic acid" in (tmp_path / "list.md").read_text()  # each member's notices, by name
    bad = tmp_path / "bad.json"
    bad.write_text('{"members": [{"label": "Me", "sex": "female", "age": 30, "diet": "keto"}]}')
    assert main(["week", "--household", str(bad)]) == 2
    assert "member 1: unknown diet 'keto'" in capsys.readouterr().err


def test_a_member_with_no_week_in_time_is_named(foods, monkeypatch):
    monkeypatch.setattr(hh, "solve", lambda view: SolveResult("CBC", "no plan", float("nan"), 2.0))
    with pytest.raises(PlanError, match="No week was found in the time allowed for Me"):
        plan_household(foods, Household(MEMBERS[:1]), PlanSettings(days=1))


def kept_equal(before, after, keep):
    return all(servings(before, d, s) == servings(after, d, s) for d, s in keep)


def test_a_dish_swapped_out_leaves_everyones_week_and_every_other_meal_stays(family, foods):
    from planner.household_page import without
    from planner.session import all_meals, meals_holding

    table = family.plan_of("Me")
    dish = next(d.dish_id for d in meal(table, 1, "dinner").dishes)  # a dish of the table: everyone eats it
    household, locks = without(family.household, family, "dish", dish)
    assert all(dish in m.exclude_dishes for m in household.members)
    again = plan_household(foods, household, PlanSettings(days=DAYS, time_limit_s=10.0, seed=1), locks=locks)
    eaten = {d.dish_id for p in again.plans for day in p.days for m in day.meals for d in m.dishes}
    assert dish not in eaten
    keep = all_meals(table) - set().union(*(meals_holding(p, "dish", dish) for p in family.plans))
    assert (1, "dinner") not in keep and len(keep) >= 4 * DAYS - 6
    for label in family.labels:  # every meal nobody had it in is exactly as it was, for everyone
        assert kept_equal(family.plan_of(label), again.plan_of(label), keep), label


def test_one_day_planned_again_keeps_the_others_and_the_table_shared(family, foods):
    from planner.household import household_locks
    from planner.settings import keep_all_but_day

    keep = keep_all_but_day(family.plans[0], 2)
    again = plan_household(foods, family.household, PlanSettings(days=DAYS, time_limit_s=10.0, seed=5),
                           locks=household_locks(family, keep))
    for label in family.labels:
        assert kept_equal(family.plan_of(label), again.plan_of(label), keep), label
    me, partner = again.plan_of("Me"), again.plan_of("Partner")
    assert all(set(servings(me, 2, s)) == set(servings(partner, 2, s)) for s in ("lunch", "dinner"))
    assert any(servings(family.plan_of(label), 2, s) != servings(again.plan_of(label), 2, s)
               for label in family.labels for s in ("breakfast", "lunch", "dinner", "snack"))


def test_another_idea_for_one_meal_changes_that_meal_for_everyone_and_nothing_else(family, foods):
    from planner.household_page import another_meal

    key = (2, "dinner")
    locks, bans = another_meal(family, key)
    again = plan_household(foods, family.household, PlanSettings(days=DAYS, time_limit_s=10.0, seed=3, bans=bans),
                           locks=locks)
    others = {(d, s) for d in range(DAYS) for s in ("breakfast", "lunch", "dinner", "snack")} - {key}
    before = {d.dish_id for p in family.plans for d in meal(p, *key).dishes}
    for label in family.labels:
        assert kept_equal(family.plan_of(label), again.plan_of(label), others), label
        assert not set(servings(again.plan_of(label), *key)) & before, label  # none of the dishes anyone had there
    me, partner = again.plan_of("Me"), again.plan_of("Partner")
    main = {k for k in servings(me, *key) if plannable_dishes(foods)[k].course == "main"}
    assert main and main <= set(servings(partner, *key))  # still one table: her main dish is his (a side may differ)
