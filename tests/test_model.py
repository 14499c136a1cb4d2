"""The weekly model, checked from the outside: every day's nutrients recomputed from the plan's grams."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.constants import REPEAT_ROLES
from planner.constraints import FORM_OF
from planner.dishes import load_dishes
from planner.extract import PlanError
from planner.foods import FoodFilter
from planner.measures import portion_text
from planner.model import build_model, nutrient_foods, plan_week
from planner.settings import Lock, PlanSettings, keep_all_but_day, locks_from_plan
from planner.targets import Profile, targets_for, with_overrides
from tests.checks import check_plan, dishes_of, recompute
from tests.conftest import make_plan


def test_pregnant_week_meets_every_target(foods, pregnant_plan):
    rule = FoodFilter(pregnant_or_lactating=True)
    check_plan(pregnant_plan, foods, rule, PlanSettings())
    assert pregnant_plan.shortfalls == ()
    for d, day in enumerate(recompute(pregnant_plan, foods)):
        assert pregnant_plan.targets.energy_min <= day["energy_kcal"] <= pregnant_plan.targets.energy_max, d
    assert "chamomile-tea" not in {i.food_id for _, _, i in pregnant_plan.items()}  # herbal-tea caution


def protein_foods(foods, day) -> set[str]:
    return {i.food_id for m in day.meals for i in m.items if foods.at[i.food_id, "role"] == "main"}


def test_meals_look_like_meals(foods, pregnant_plan):
    dishes = dishes_of(foods)
    for day in pregnant_plan.days:
        for meal in day.meals:
            served = [dishes[d.dish_id] for d in meal.dishes]
            eaten = [d for d in served if d.course != "drink"]
            if meal.slot in ("lunch", "dinner"):
                assert 1 <= len(eaten) <= 3 and sum(d.course == "main" for d in served) <= 1
                assert any(d.protein for d in served) and any(d.vegetable for d in served)
            if meal.slot == "breakfast":
                assert any(d.course == "breakfast" for d in served) and len(eaten) <= 2
            if meal.slot == "snack":
                assert len(eaten) == 1
            for form in {FORM_OF.get(f, f) for d in served for f in d.food_ids if foods.at[f, "role"] in REPEAT_ROLES}:
                holders = [d for d in served if form in {FORM_OF.get(f, f) for f in d.food_ids}]
                assert len(holders) == 1, (day.index, meal.slot, form)  # no two forms of one food in a meal
    mains = [{d.dish_id for m in day.meals for d in m.dishes if dishes[d.dish_id].course == "main"}
             for day in pregnant_plan.days]
    proteins = [protein_foods(foods, day) for day in pregnant_plan.days]
    for d in range(6):  # no main dish, and no protein food, two days running
        assert not mains[d] & mains[d + 1] and not proteins[d] & proteins[d + 1], d
    assert len({d.dish_id for day in pregnant_plan.days for m in day.meals for d in m.dishes}) >= 14


def test_no_fat_oil_honey_or_herb_is_a_line_of_its_own(foods, pregnant_plan):
    for day in pregnant_plan.days:
        for meal in day.meals:
            for dish in meal.dishes:
                if len(dish.items) == 1:
                    assert foods.at[dish.items[0].food_id, "role"] not in ("fat", "extra"), dish


def test_a_pregnancy_caution_never_enters_even_if_passed_in(foods):
    targets = targets_for(Profile("female", 28, pregnancy_trimester=1))
    settings_ = PlanSettings(days=1)
    everything = load_dishes(foods)  # not filtered: the model's own guard must hold
    model = build_model(everything, nutrient_foods(foods, settings_), targets, settings_)
    cautious = {k for k, d in everything.items() if d.pregnancy_caution}
    assert cautious and not {k for k, _, _ in model.serve} & cautious


def test_vegan_shortfall_is_explained(foods):
    rule = FoodFilter(diet="vegan")
    plan, s = make_plan(foods, Profile("female", 40), food_filter=rule, days=3)
    check_plan(plan, foods, rule, s)
    b12 = [x for x in plan.shortfalls if x.key == "vitamin_b12_ug" and x.day is None]
    assert b12 and "not vegan" in b12[0].reason
    assert "Vitamin B12:" in b12[0].text and "of 2.4 µg a day" in b12[0].text
    assert "fortified foods or a supplement" in b12[0].text


def test_fish_free_vitamin_d_is_reported_in_plain_units(foods):
    rule = FoodFilter(allergens=("fish",), exclude=("uv-mushrooms", "uv-portabella"))
    plan, s = make_plan(foods, Profile("female", 30), food_filter=rule)
    check_plan(plan, foods, rule, s)
    vit_d = [x for x in plan.shortfalls if x.key == "vitamin_d_ug"]
    assert vit_d and vit_d[0].got < 15
    assert "contains fish" in vit_d[0].reason and "you excluded it" in vit_d[0].reason


def test_locks_hold_and_replanning_a_day_keeps_the_others(foods, pregnant_plan):
    rule = FoodFilter(pregnant_or_lactating=True)
    keep = keep_all_but_day(pregnant_plan, 3)
    s = PlanSettings(food_filter=rule, seed=7, locks=locks_from_plan(pregnant_plan, keep))
    again = plan_week(foods, pregnant_plan.targets, s)
    for d in range(7):
        if d != 3:
            assert again.days[d] == pregnant_plan.days[d]
    check_plan(again, foods, rule, s)


def test_a_locked_meal_is_kept_exactly(foods):
    lock = Lock(day=1, slot="breakfast", items=(("oatmeal-banana-almonds", 1.5), ("kefir-glass", 1.0)))
    plan, s = make_plan(foods, Profile("female", 30), days=3, locks=(lock,))
    breakfast = plan.days[1].meals[0]
    assert [(d.dish_id, d.servings) for d in breakfast.dishes] == [("oatmeal-banana-almonds", 1.5),
                                                                   ("kefir-glass", 1.0)]


def test_a_locked_meal_over_a_limit_gets_a_plain_error(foods):
    targets = with_overrides(targets_for(Profile("female", 30)), {"calcium_mg": (100, 200)})
    lock = Lock(day=0, slot="breakfast", items=(("oatmeal-milk-raisins", 1.5), ("milk-glass", 1.0)))  # > 400 mg
    with pytest.raises(PlanError, match="locked meals already go over an upper limit"):
        plan_week(foods, targets, PlanSettings(days=1, locks=(lock,)))


def test_regenerate_gives_a_different_good_week(foods):
    a, s = make_plan(foods, Profile("male", 50), seed=1)
    b, _ = make_plan(foods, Profile("male", 50), seed=2)
    assert [list(a.items())] != [list(b.items())]
    check_plan(b, foods, FoodFilter(), s)
    assert not a.shortfalls and not b.shortfalls


def test_four_weeks_are_planned_week_by_week(foods):
    plan, s = make_plan(foods, Profile("female", 33, lactation_months=5), days=28)
    rule = FoodFilter(pregnant_or_lactating=True)
    check_plan(plan, foods, rule, s)
    assert [d.index for d in plan.days] == list(range(28))
    proteins = [protein_foods(foods, day) for day in plan.days]
    for d in range(27):  # also across the joins between weeks
        assert not proteins[d] & proteins[d + 1], d
    for week in range(4):  # every week meets its own averages
        days = plan.daily_totals[7 * week: 7 * week + 7]
        assert sum(t["calcium_mg"] for t in days) / 7 >= plan.targets.get("calcium_mg").min * 0.995


def test_liked_foods_are_served(foods):
    plan, _ = make_plan(foods, Profile("female", 30), liked=("figs", "kefir"), days=7)
    served = [i.food_id for _, _, i in plan.items()]
    assert served.count("figs") >= 3 and served.count("kefir") >= 3


def test_liked_dishes_are_served(foods):
    plan, _ = make_plan(foods, Profile("female", 30), liked_dishes=("lentil-soup",), days=7)
    assert sum(d.dish_id == "lentil-soup" for day in plan.days for m in day.meals for d in m.dishes) >= 2


def test_only_the_chosen_meals_are_planned(foods):
    plan, s = make_plan(foods, Profile("male", 30), days=2, slots=("breakfast", "dinner"))
    assert [[m.slot for m in d.meals] for d in plan.days] == [["breakfast", "dinner"]] * 2
    check_plan(plan, foods, FoodFilter(), s)


def test_settings_are_checked():
    with pytest.raises(ValueError, match="days must be from 1 to 28"):
        PlanSettings(days=29)
    with pytest.raises(ValueError, match="days per week must be from 1 to 7"):
        PlanSettings(max_days_per_dish=8)
    with pytest.raises(ValueError, match="solver"):
        PlanSettings(solver="gurobi")


def test_portion_labels_read_naturally():
    assert portion_text(2, "3 dried figs") == "6 dried figs"
    assert portion_text(2, "1 medium banana") == "2 medium bananas"
    assert portion_text(0.5, "2 large eggs") == "1 large egg"
    assert portion_text(0.5, "2 Medjool dates") == "1 Medjool date"
    assert portion_text(3, "1/2 cup cooked") == "1½ cups cooked"
    assert portion_text(1.5, "1 glass") == "1½ glasses"
    assert portion_text(1.5, "85 g cooked fillet") == "128 g cooked fillet"


profiles = st.one_of(
    st.builds(lambda a, t: Profile("female", a, pregnancy_trimester=t), st.integers(14, 50), st.integers(1, 3)),
    st.builds(lambda a, m: Profile("female", a, lactation_months=m), st.integers(14, 50), st.integers(0, 12)),
    st.builds(lambda s, a, act: Profile(s, a, activity=act), st.sampled_from(["female", "male"]),
              st.integers(14, 90), st.sampled_from(["inactive", "low_active", "active", "very_active"])),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles, diet=st.sampled_from(["omnivore", "pescatarian", "vegetarian", "vegan"]),
       exclude=st.sets(st.sampled_from(["salmon", "sardines", "milk", "spinach-raw", "almonds", "kefir",
                                        "uv-mushrooms", "banana", "tofu"]), max_size=4),
       seed=st.integers(0, 50))
def test_any_profile_gets_a_safe_plan(foods, profile, diet, exclude, seed):
    rule = FoodFilter(diet=diet, exclude=tuple(exclude), pregnant_or_lactating=profile.condition != "none")
    plan, s = make_plan(foods, profile, food_filter=rule, seed=seed, days=3)
    check_plan(plan, foods, rule, s)
    assert set(exclude).isdisjoint(i.food_id for _, _, i in plan.items())  # every dish holding them is gone
