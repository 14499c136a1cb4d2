"""The household page's logic without Streamlit (planner/household_page.py) and the household PDF (issue 14)."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from planner import household_page as hp
from planner.household import Household, HouseholdPlan, Member, household_shopping, week_table
from planner.pdf import household_pdf
from planner.settings import PlanSettings
from planner.targets import Profile, ProfileError, targets_for
from tests.conftest import make_plan

PREGNANT = {"label": "Anna", "sex": "female", "age": 31, "stage": "Pregnant", "trimester": 3, "activity": "active",
            "use_body": True, "height": 170.0, "weight": 70.0, "kidney": False, "diet": "vegetarian",
            "allergens": ["sesame"], "disliked": ["banana"]}


@pytest.fixture(scope="module")
def two(foods, pregnant_plan):
    """A household of a pregnant woman and a boy of 10, made of two single plans of the same days."""
    child, _ = make_plan(foods, Profile("male", 10))
    members = (Member("Me", pregnant_plan.targets.profile), Member("Child 10", Profile("male", 10)))
    return HouseholdPlan(Household(members), (pregnant_plan, child))


@pytest.mark.parametrize("values", [
    PREGNANT,
    {**PREGNANT, "label": "Gran", "age": 70, "stage": "Not pregnant or breastfeeding", "use_body": False,
     "kidney": True, "potassium_max": 2000, "diet": "omnivore", "allergens": [], "disliked": [],
     "liked": ["banana", "kefir"], "disliked_dishes": ["buckwheat-milk-porridge"]},
    {**PREGNANT, "label": "Eve", "stage": "Breastfeeding", "months": 5, "use_body": False},
])
def test_a_member_and_their_sidebar_values_give_each_other(values):
    member = hp.member_from_values(values)
    assert hp.member_from_values(hp.member_values(member)) == member
    shown = hp.member_values(member)
    for key in ("label", "sex", "age", "stage", "activity", "use_body", "kidney", "diet", "allergens", "disliked"):
        assert shown[key] == values[key], key
    for key in ("liked", "disliked_dishes"):  # what they like more often, and dishes they do not want
        assert shown[key] == values.get(key, []), key
    assert ("trimester" in shown) == (values["stage"] == "Pregnant")
    assert ("potassium_max" in shown) == values["kidney"] and ("height" in shown) == values["use_body"]


def test_a_member_gets_the_pregnancy_rules_and_a_bad_profile_says_why():
    member = hp.member_from_values(PREGNANT)
    assert member.profile.pregnancy_trimester == 3 and member.food_filter.pregnant_or_lactating
    assert member.food_filter.diet == "vegetarian" and member.food_filter.exclude == ("banana",)
    with pytest.raises(ProfileError, match="renal dietitian"):
        hp.member_from_values({**PREGNANT, "kidney": True})
    with pytest.raises(ValueError, match="two members are called Anna"):
        hp.household_of(hp.member_from_values(PREGNANT), [hp.member_from_values(PREGNANT)], ["dinner"])
    with pytest.raises(ValueError, match="at most 6"):
        hp.household_of(Member("Me", Profile("male", 40)), [Member(f"P{n}", Profile("male", 40)) for n in range(6)],
                        ["dinner"])


def test_new_labels_are_unique():
    assert hp.new_label(["Me"]) == "Person 2"
    assert hp.new_label(["Me", "Person 2", "Person 4"]) == "Person 3"


def test_lines_by_name_say_shared_lines_once():
    lines = hp.by_name([("Me", ["a", "b"]), ("Child 10", ["b", "c"]), ("Gran", ["b", "c"])])
    assert lines == ["Me: a", "Everyone: b", "Child 10, Gran: c"]
    assert hp.by_name([("Me", ["a"])]) == ["Me: a"]


def test_every_members_notices_by_name(two):
    said = dict(hp.household_notices(two))
    assert list(said) == [h for h in hp.HEADINGS if h in said]
    mine = two.plans[0].advice
    assert mine and all(f"Me: {a}" in said["What food cannot cover"] for a in mine)
    short = [f"{label}: {s.text}" for label, p in zip(two.labels, two.plans, strict=True) for s in p.shortfalls]
    if short:
        assert set(short) <= set(said[hp.SHORT])
    else:
        assert said[hp.SHORT] == ["None: every member's plan meets every target and limit."]
    assert [label for label, _ in hp.quality_rows(two)] == ["Me", "Child 10"]


def test_a_plan_fits_its_own_household_only(two):
    settings = PlanSettings(days=7)
    targets = tuple(p.targets for p in two.plans)
    made = hp.basis(two.household, settings)
    assert hp.fits(two, two.household, targets, settings, made)
    older = Household((two.household.members[0], Member("Child 10", Profile("male", 11))))
    assert not hp.fits(two, older, (targets[0], targets_for(Profile("male", 11))), settings, made)
    assert not hp.fits(two, two.household, targets, PlanSettings(days=6), made)


def test_the_household_pdf_shows_everyones_serving_and_the_summed_list(two, foods):
    items = household_shopping(two, foods)
    pages = PdfReader(io.BytesIO(household_pdf(two, items))).pages
    menu = " ".join(p.extract_text() for p in pages[:-1])
    table = week_table(two)
    assert "Me" in menu and "Child 10" in menu and "Day 7" in menu
    first = table.iloc[0]
    assert first.Dish.split(" (")[0][:20] in menu
    assert "Me: " in menu  # what food cannot cover in pregnancy, by name
    assert "Shopping list" in pages[-1].extract_text() or "Shopping list" in menu


def test_a_household_file_is_told_from_a_single_plan(two, pregnant_plan):
    assert hp.is_household(two.to_json().encode())
    assert not hp.is_household(pregnant_plan.to_json().encode())
    assert not hp.is_household(b'{"schema": 3, "household": ')
    assert not hp.is_household(json.dumps(["household"]).encode())


def test_a_day_of_the_week_and_its_methods(two):
    table = week_table(two)
    day = hp.day_frame(table, 1)
    assert list(day.columns) == ["Meal", "Dish", "Me", "Child 10"] and len(day) == (table.Day == "Day 2").sum()
    names = [name for name, _ in hp.methods(two, 1)]
    assert len(names) == len(set(names)) and set(names) <= set(day.Dish)


def test_a_members_targets_as_a_table():
    targets = targets_for(Profile("male", 10))
    frame = hp.targets_frame(targets)
    assert len(frame) == len(targets.nutrients) + 1
    calcium = frame[frame.Nutrient == "Calcium (mg)"].iloc[0]
    assert (calcium["Minimum a day"], calcium["Maximum a day"]) == (targets.get("calcium_mg").min,
                                                                  targets.get("calcium_mg").max)
    assert tuple(frame.iloc[-1]) == ("Energy (kcal)", targets.energy_min, targets.energy_max)
