"""Household files: a saved household plan (checked and re-derived member by member, like any plan file), and
the household the CLI plans for."""

from __future__ import annotations

import pandas as pd

from planner.foods import FoodFilter, check_ids
from planner.household import HOUSEHOLD_SCHEMA, MAX_MEMBERS, SHARED, Household, HouseholdPlan, Member
from planner.jsonsafe import MAX_PLAN_BYTES, PlanFileError, field_of, of_kind, parse, shown, text_in
from planner.plan import Asked
from planner.planfile import plan_from_data, profile_from
from planner.settings import asked_settings

MAX_HOUSEHOLD_BYTES = MAX_PLAN_BYTES * MAX_MEMBERS  # a household file holds up to six plans


def _texts(raw, what: str) -> tuple[str, ...]:
    of_kind(raw, list, what)
    return tuple(text_in(v, f"{what}, item {k + 1}") for k, v in enumerate(raw))


def read_household_plan(data: str | bytes, foods: pd.DataFrame) -> HouseholdPlan:
    """A household plan from a file's contents, every member's plan checked and re-derived (planner.planfile);
    an older single plan opens as a household of one, "Me". PlanFileError names the first thing wrong."""
    raw = parse(data, MAX_HOUSEHOLD_BYTES)
    if not isinstance(raw, dict) or "household" not in raw:
        if len(data) > MAX_PLAN_BYTES:
            parse(data)  # a single plan is held to a single plan's size
        plan = plan_from_data(raw, foods)
        made = asked_settings(plan.asked or Asked(), plan.targets.diet, plan.targets.profile.condition != "none")
        me = Member("Me", plan.targets.profile, made.food_filter, made.liked, made.exclude_dishes)
        return HouseholdPlan(Household((me,)), (plan,), plan.seconds)
    if raw.get("schema") != HOUSEHOLD_SCHEMA:
        raise PlanFileError(f"this household plan has schema {shown(raw.get('schema'))}; this version reads "
                            f"schema {HOUSEHOLD_SCHEMA}")
    house = of_kind(raw["household"], dict, "household")
    shared = _texts(field_of(house, "shared", "household: "), "household: shared")
    listed = of_kind(field_of(house, "members", "household: "), list, "household: members")
    if not 1 <= len(listed) <= MAX_MEMBERS:
        raise PlanFileError(f"household: members: {len(listed)} members; a household has 1 to {MAX_MEMBERS}")
    members, plans = [], []
    for n, entry in enumerate(listed):
        where = f"member {n + 1}"
        of_kind(entry, dict, where)
        label = text_in(field_of(entry, "label", f"{where}: "), f"{where}: label")
        try:
            plan = plan_from_data(field_of(entry, "plan", f"{where}: "), foods)
            rule = FoodFilter(text_in(entry.get("diet", plan.targets.diet), f"{where}: diet"),
                              _texts(entry.get("allergens", []), f"{where}: allergens"),
                              _texts(entry.get("exclude", []), f"{where}: exclude"),
                              fortified_available=(plan.asked or Asked()).fortified_available)
            check_ids(rule.exclude, foods, f"{where}: the foods left out")
            liked = _texts(entry.get("liked", []), f"{where}: liked")
            check_ids(liked, foods, f"{where}: the liked foods")
            member = Member(label, plan.targets.profile, rule, liked,
                            _texts(entry.get("exclude_dishes", []), f"{where}: exclude_dishes"))
            _agrees(member, plan.asked)
        except (PlanFileError, ValueError) as exc:
            raise PlanFileError(f"{where} ({shown(label)}): {exc}") from None
        members.append(member)
        plans.append(plan)
    days = {len(p.days) for p in plans}
    if len(days) > 1:
        raise PlanFileError(f"household: the members' plans cover different numbers of days ({sorted(days)})")
    try:
        return HouseholdPlan(Household(tuple(members), shared), tuple(plans), max(p.seconds for p in plans))
    except ValueError as exc:
        raise PlanFileError(f"household: {exc}") from None


def _agrees(member: Member, asked: Asked | None):
    """A member's choices and their plan's own record of them (files saved before plans kept it have none) must say
    the same: a file may not list an allergy for the member that their week was not planned for, or the reverse."""
    if asked is None:
        return
    pairs = {"allergens": (member.food_filter.allergens, asked.allergens),
             "exclude": (member.food_filter.exclude, asked.exclude), "liked": (member.liked, asked.liked),
             "exclude_dishes": (member.exclude_dishes, asked.exclude_dishes)}
    for name, (listed, planned) in pairs.items():
        if set(listed) != set(planned):
            raise PlanFileError(f"{name}: the member lists {', '.join(map(shown, listed)) or 'none'}, but their plan "
                                f"was made for {', '.join(map(shown, planned)) or 'none'}")


def read_household(data: str | bytes) -> Household:
    """A household described in JSON for the CLI (data/examples/household.json shows the layout):
    {"shared": ["lunch", "dinner"], "members": [{"label": "Me", "sex": "female", "age": 30,
    "pregnancy_trimester": 2, "diet": "omnivore", "allergens": [], "exclude": [], "liked": []}, ...]}.
    ValueError says what is wrong, naming the member."""
    raw = parse(data)
    of_kind(raw, dict, "the household")
    members = []
    for n, entry in enumerate(of_kind(field_of(raw, "members", ""), list, "members")):
        where = f"member {n + 1}"
        of_kind(entry, dict, where)
        person = {k: v for k, v in entry.items() if k not in ("label", "diet", "allergens", "exclude", "liked",
                                                                "exclude_dishes")}
        try:
            profile = profile_from(person)
            rule = FoodFilter(entry.get("diet", "omnivore"), _texts(entry.get("allergens", []), f"{where}: allergens"),
                              _texts(entry.get("exclude", []), f"{where}: exclude"))
            members.append(Member(text_in(entry.get("label", ""), f"{where}: label"), profile, rule,
                                  _texts(entry.get("liked", []), f"{where}: liked"),
                                  _texts(entry.get("exclude_dishes", []), f"{where}: exclude_dishes")))
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
    return Household(tuple(members), _texts(raw.get("shared", list(SHARED)), "shared"))
