"""The household part of the page, as pure functions: a member from the sidebar's values and back, what every view
says by each member's name, the week by day, and whether a household plan still fits the sidebar."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import pandas as pd

from planner.foods import SLOTS, FoodFilter
from planner.household import MAX_MEMBERS, Household, HouseholdPlan, Member, household_locks
from planner.household_file import MAX_HOUSEHOLD_BYTES
from planner.jsonsafe import PlanFileError, parse
from planner.nutrients import label as nutrient_name
from planner.report import notices
from planner.session import STAGES, all_meals, asked_away, left_out, meals_holding
from planner.settings import Ban, PlanSettings
from planner.targets import Profile, Targets

ME = "Me"
# A new member's sidebar values: the widgets' keys without their member prefix.
NEW_MEMBER = {"sex": "female", "age": 30, "stage": STAGES[0], "activity": "low_active", "use_body": False,
              "kidney": False, "diet": "omnivore", "allergens": [], "disliked": [], "liked": [], "disliked_dishes": []}
OPTIONAL = ("trimester", "months", "height", "weight", "potassium_max")  # keys a member may lack
SHORT, OVER = "Where this plan falls short", "Over an upper limit"
HEADINGS = ("Warnings", OVER, SHORT, "What food cannot cover", "Notes")  # planner.report.notices's order


def new_label(taken: Sequence[str]) -> str:
    """'Person 2', 'Person 3', ...: the first such label no member has."""
    n = 2
    while f"Person {n}" in taken:
        n += 1
    return f"Person {n}"


def member_from_values(values: Mapping, fortified: bool = True) -> Member:
    """A member from their sidebar values (NEW_MEMBER's keys, a label and OPTIONAL ones); ProfileError (a
    ValueError with a plain message) when the profile cannot be used."""
    female = values["sex"] == "female"
    pregnant, feeding = female and values["stage"] == STAGES[1], female and values["stage"] == STAGES[2]
    body = values.get("use_body") and values.get("height") is not None and values.get("weight") is not None
    limit = values.get("potassium_max") if values.get("kidney") else None
    profile = Profile(values["sex"], int(values["age"]), values.get("trimester", 1) if pregnant else None,
                      values.get("months", 3) if feeding else None, values["activity"],
                      float(values["height"]) if body else None, float(values["weight"]) if body else None,
                      bool(values.get("kidney")), None if limit is None else float(limit))
    rule = FoodFilter(values["diet"], tuple(values.get("allergens", ())), tuple(values.get("disliked", ())),
                      profile.condition != "none", fortified)
    return Member(str(values.get("label", "")).strip(), profile, rule, tuple(values.get("liked") or ()),
                  tuple(values.get("disliked_dishes") or ()))


def member_values(member: Member) -> dict:
    """The sidebar values that give this member (member_from_values's inverse), for an opened plan."""
    p, rule = member.profile, member.food_filter
    stage = STAGES[1] if p.pregnancy_trimester else STAGES[2] if p.lactation_months is not None else STAGES[0]
    body = p.height_cm is not None and p.weight_kg is not None
    values = {"label": member.label, "sex": p.sex, "age": p.age, "stage": stage, "activity": p.activity,
              "use_body": body, "kidney": p.kidney_or_potassium_drugs, "diet": rule.diet,
              "allergens": list(rule.allergens), "disliked": list(rule.exclude), "liked": list(member.liked),
              "disliked_dishes": list(member.exclude_dishes)}
    optional = {"trimester": p.pregnancy_trimester, "months": p.lactation_months,
                "height": p.height_cm if body else None, "weight": p.weight_kg if body else None,
                "potassium_max": None if p.potassium_max_mg is None else round(p.potassium_max_mg)}
    return values | {k: v for k, v in optional.items() if v is not None}


def without(household: Household, plan: HouseholdPlan, kind: str, ident: str):
    """A dish ("dish") or a food ("food") swapped out of everyone's week: the household with it left out for every
    member, and each member's locks keeping every meal in which nobody had it."""
    def without_it(m: Member) -> Member:
        rule, dishes = left_out(m.food_filter, m.exclude_dishes, kind, ident)
        return replace(m, food_filter=rule, exclude_dishes=dishes)
    touched = set().union(*(meals_holding(p, kind, ident) for p in plan.plans))
    return replace(household, members=tuple(without_it(m) for m in household.members)), \
        household_locks(plan, all_meals(plan.plans[0]) - touched)


def another_meal(plan: HouseholdPlan, key: tuple[int, str], dishes: Mapping = frozenset(), kind: str | None = None,
                 ident: str | None = None):
    """One meal of everyone's week planned again (session.asked_away: another idea, or without a dish or a food):
    each member's locks keeping every other meal, and the ban of the dishes asked away at that meal."""
    day, slot = key
    meals = [m for p in plan.plans for m in p.days[day].meals if m.slot == slot]
    banned = asked_away(meals, dishes, kind, ident)
    return household_locks(plan, all_meals(plan.plans[0]) - {key}), (Ban(day, slot, tuple(sorted(banned))),)


def household_of(me: Member, others: Sequence[Member], shared: Sequence[str]) -> Household:
    """The household, me first; ValueError with a plain message (too many members, labels twice or empty)."""
    if 1 + len(others) > MAX_MEMBERS:
        raise ValueError(f"a household has at most {MAX_MEMBERS} members")
    return Household((me, *others), tuple(s for s in SLOTS if s in shared))


def member_targets(household: Household, mine: Targets, base: Callable[[Profile, str], Targets]) -> tuple:
    """Each member's targets: the first member's as edited in the Targets tab, the others' from their profile."""
    return (mine, *(base(m.profile, m.food_filter.diet) for m in household.members[1:]))


def basis(household: Household, settings: PlanSettings) -> tuple:
    """What a household plan was asked for besides the targets, order of choices ignored: labels, profiles, food
    rules, likes, dishes left out, shared meals, days."""
    return (tuple((m.label, m.profile, m.food_filter.diet, frozenset(m.food_filter.allergens),
                   frozenset(m.food_filter.exclude), m.food_filter.fortified_available, frozenset(m.liked),
                   frozenset(m.exclude_dishes))
                  for m in household.members), frozenset(household.shared), settings.days, tuple(settings.slots))


def plan_basis(hplan: HouseholdPlan) -> tuple:
    """The basis of an opened plan: its household, days and meals."""
    slots = tuple(m.slot for m in hplan.plans[0].days[0].meals)
    return basis(hplan.household, PlanSettings(days=len(hplan.plans[0].days), slots=slots))


def fits(hplan: HouseholdPlan, household: Household, targets: Sequence[Targets], settings: PlanSettings,
         made: tuple | None = None) -> bool:
    """Whether the plan still fits the sidebar: the same members, meals and days, and everyone's same targets.
    `made`: the basis the plan was made with (plan_basis for an opened plan)."""
    made = plan_basis(hplan) if made is None else made
    return made == basis(household, settings) and tuple(p.targets for p in hplan.plans) == tuple(targets)


def by_name(per_member: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Each member's lines prefixed with their label ('Child 10: Calcium: 820 of 1,300 mg ...'); a line that
    several members share is said once, naming them all ('Everyone: ...' when it is everyone's)."""
    owners: dict[str, list[str]] = {}
    for label, lines in per_member:
        for line in dict.fromkeys(lines):
            owners.setdefault(line, []).append(label)
    everyone = len(per_member)
    return [f"{'Everyone' if len(labels) == everyone > 1 else ', '.join(labels)}: {line}"
            for line, labels in owners.items()]


def household_notices(hplan: HouseholdPlan) -> list[tuple[str, list[str]]]:
    """planner.report.notices for every member, each line by name, under the same headings in the same order."""
    sections: dict[str, list[tuple[str, list[str]]]] = {}
    for label, plan in zip(hplan.labels, hplan.plans, strict=True):
        for head, lines in notices(plan):
            if not lines[0].startswith("None: "):  # 'None: the plan meets every target': said once, for everyone
                sections.setdefault(head, []).append((label, lines))
    out = {head: by_name(parts) for head, parts in sections.items()}
    if SHORT not in out and OVER not in out:
        out[SHORT] = ["None: every member's plan meets every target and limit."]
    return [(head, out[head]) for head in HEADINGS if head in out]


def quality_rows(hplan: HouseholdPlan) -> list[tuple[str, float | None]]:
    """(label, the member's Healthy Eating Index 2020 total, None where the plan has none)."""
    return [(label, plan.quality.get("hei2020", {}).get("total")) for label, plan in zip(hplan.labels, hplan.plans,
                                                                                           strict=True)]


def day_frame(table: pd.DataFrame, day: int) -> pd.DataFrame:
    """The rows of week_table for one day (0-based), without the Day column."""
    return table[table.Day == f"Day {day + 1}"].drop(columns="Day").reset_index(drop=True)


def methods(hplan: HouseholdPlan, day: int) -> list[tuple[str, tuple[str, ...]]]:
    """(dish name, its steps) for every dish someone eats that day, each once, in meal order."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for slot in SLOTS:
        for plan in hplan.plans:
            for meal in plan.days[day].meals:
                for dish in meal.dishes if meal.slot == slot else ():
                    if dish.method:
                        found.setdefault(dish.dish_id, (dish.name, dish.method))
    return list(found.values())


def targets_frame(targets: Targets) -> pd.DataFrame:
    """A member's targets as a table a person reads: each nutrient's daily minimum and maximum, then energy."""
    rows = [{"Nutrient": nutrient_name(t.key), "Minimum a day": t.min, "Maximum a day": t.max}
            for t in targets.nutrients]
    rows.append({"Nutrient": "Energy (kcal)", "Minimum a day": targets.energy_min, "Maximum a day": targets.energy_max})
    return pd.DataFrame(rows)


def is_household(data: bytes) -> bool:
    """Whether a plan file holds a household (a single plan's reader cannot open it: read_household_plan can)."""
    try:
        raw = parse(data, MAX_HOUSEHOLD_BYTES)
    except PlanFileError:
        return False
    return isinstance(raw, dict) and "household" in raw
