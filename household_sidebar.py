"""The household in the sidebar (issue 14): plan for oneself or a household, and the household's members, each in a
box of their own (added, edited, removed; at most six people in all). Streamlit wiring only: what is not Streamlit
is in planner/household_page.py."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from page_state import pending
from planner import household_page as hp
from planner import session
from planner.foods import ALLERGENS, DIETS, SLOT_LABELS, SLOTS
from planner.household import MAX_MEMBERS, SHARED, Member
from planner.household_file import read_household_plan
from planner.jsonsafe import PlanFileError
from planner.page_text import ACTIVITY_HELP, ACTIVITY_LABELS, ALLERGEN_LABELS, DIET_LABELS, plain
from planner.targets import ACTIVITIES, ProfileError

MODES = ("Just me", "A household")
MEMBER_KEY = re.compile(r"hm\d+_")  # a member's sidebar values: hm<id>_<name>
KEPT = re.compile(r"hm\d+_|hh_me$|hh_shared$|hh_ids$")  # the household's sidebar values, kept in "Just me" too


def mode() -> bool:
    """The sidebar's first choice: plan for oneself or for a household (True). The household's members are kept
    while they are out of sight: Streamlit forgets the value of a widget that a run does not draw."""
    for key in [k for k in st.session_state if KEPT.match(str(k))]:
        st.session_state[key] = st.session_state[key]
    st.session_state.setdefault("hh_ids", [])
    st.session_state.setdefault("hh_me", hp.ME)
    st.session_state.setdefault("hh_shared", list(SHARED))
    return st.sidebar.radio("Plan for", MODES, horizontal=True, key="plan_for") == MODES[1]


def member_key(mid: int, name: str) -> str:
    return f"hm{mid}_{name}"


def _forget(mid: int):
    for key in [k for k in st.session_state if str(k).startswith(member_key(mid, ""))]:
        del st.session_state[key]


def add_member():
    ids = st.session_state.hh_ids
    mid = max(ids, default=0) + 1
    _forget(mid)
    taken = [st.session_state.hh_me, *(st.session_state.get(member_key(m, "label"), "") for m in ids)]
    values = {**hp.NEW_MEMBER, "label": hp.new_label(taken)}
    st.session_state.update({member_key(mid, k): v for k, v in values.items()})
    st.session_state.hh_ids = [*ids, mid]
    st.session_state.hh_open = mid  # its box opens, ready to be filled in


def remove_member(mid: int):
    st.session_state.hh_ids = [m for m in st.session_state.hh_ids if m != mid]
    _forget(mid)


def member_box(mid: int, names: dict, dish_names: dict, fortified: bool) -> Member | None:
    """One member's details in a box of the sidebar; the member, or None with the reason shown in the box."""
    key = lambda name: member_key(mid, name)  # noqa: E731
    label = str(st.session_state.get(key("label")) or "").strip() or "A member with no name"
    with st.sidebar.expander(plain(label), expanded=st.session_state.get("hh_open") == mid):
        st.text_input("Name or label", key=key("label"), max_chars=30, help='Such as "Partner" or "Child 10"')
        sex = st.radio("Sex", ("female", "male"), format_func=str.capitalize, horizontal=True, key=key("sex"))
        st.number_input("Age (years)", min_value=9, max_value=120, step=1, key=key("age"))
        stage = st.selectbox("Pregnancy or breastfeeding", session.STAGES, key=key("stage"), disabled=sex == "male")
        if sex == "female" and stage == session.STAGES[1]:
            st.radio("Trimester", (1, 2, 3), horizontal=True, key=key("trimester"))
        elif sex == "female" and stage == session.STAGES[2]:
            st.session_state.setdefault(key("months"), 3)
            st.number_input("Months since the birth", 0, 24, key=key("months"))
        st.selectbox("Activity", ACTIVITIES, format_func=ACTIVITY_LABELS.get, key=key("activity"), help=ACTIVITY_HELP)
        if st.checkbox("Use height and weight", key=key("use_body")):
            st.session_state.setdefault(key("height"), 165.0)
            st.session_state.setdefault(key("weight"), 65.0)
            st.number_input("Height (cm)", 100.0, 250.0, key=key("height"))
            st.number_input("Weight (kg)", 25.0, 300.0, key=key("weight"))
        if st.checkbox("Kidney disease or drugs that keep potassium in the body", key=key("kidney")):
            st.number_input("Daily potassium limit from their doctor or renal dietitian (mg)", min_value=0,
                            max_value=10_000, value=None, step=100, key=key("potassium_max"),
                            placeholder="Ask them, then enter it here")
        st.selectbox("Diet", DIETS, format_func=DIET_LABELS.get, key=key("diet"))
        st.multiselect("Allergies and intolerances", ALLERGENS, format_func=ALLERGEN_LABELS.get, key=key("allergens"))
        st.multiselect("Foods not eaten", list(names), format_func=names.get, key=key("disliked"))
        st.multiselect("Foods they'd like more often", list(names), format_func=names.get, key=key("liked"))
        st.multiselect("Dishes not wanted", list(dish_names), format_func=dish_names.get, key=key("disliked_dishes"),
                       help="A dish swapped out of everyone's week is added here; take it out to have it again.")
        st.button(f"Remove {plain(label)}", key=f"hh_remove_{mid}", on_click=remove_member, args=(mid,))
        values = {name: st.session_state.get(key(name)) for name in (*hp.NEW_MEMBER, *hp.OPTIONAL, "label")}
        try:
            return hp.member_from_values(values, fortified)
        except ProfileError as exc:
            st.error(f"Please check {plain(label)}'s details: {plain(exc)}.")
            return None


def members(foods: pd.DataFrame, dishes, me_profile, me_rule, liked, dropped_dishes):
    """The household in the sidebar: the person described above first, then everyone added here, and the meals
    eaten together. The household, or None with the reason shown."""
    st.sidebar.header("Your household")
    st.sidebar.caption(f"You, as described above, and up to {MAX_MEMBERS - 1} more people: one menu for everyone, "
                       "each with their own servings and targets.")
    me = st.sidebar.text_input("Your name or label", key="hh_me", max_chars=30)
    names = session.food_options(foods, dishes)
    dish_names = session.dish_options(dishes)
    others = [member_box(mid, names, dish_names, me_rule.fortified_available) for mid in st.session_state.hh_ids]
    st.sidebar.button("Add a member", key="hh_add", on_click=add_member,
                      disabled=1 + len(st.session_state.hh_ids) >= MAX_MEMBERS,
                      help=f"At most {MAX_MEMBERS} people in all")
    shared = st.sidebar.multiselect("Meals eaten together", SLOTS, format_func=SLOT_LABELS.get, key="hh_shared",
                                    help="At these meals everyone has the same dishes, each in their own servings; "
                                         "the other meals are planned for each person on their own.")
    if me_profile is None or None in others:
        return None
    try:
        return hp.household_of(Member(me.strip(), me_profile, me_rule, liked, dropped_dishes), others, shared)
    except ValueError as exc:
        st.sidebar.error(f"Please check the household: {plain(exc)}.")
        return None


def open_household(data: bytes, foods) -> str | None:
    """Open a household plan file: the plan, and its members in the sidebar at the next run; None, or why not."""
    try:
        hplan = read_household_plan(data, foods)
    except PlanFileError as exc:
        return f"That file could not be opened as a plan: {exc}. Your current plan is unchanged."
    first, *rest = hplan.household.members
    values = {"plan_for": MODES[1], "hh_me": first.label, "hh_shared": list(hplan.household.shared),
              "hh_ids": list(range(1, len(rest) + 1)), "allergens": list(first.food_filter.allergens),
              "disliked": list(first.food_filter.exclude), "liked": list(first.liked),
              "disliked_dishes": list(first.exclude_dishes), **session.widget_values(hplan.plans[0])}
    for key in [k for k in st.session_state if MEMBER_KEY.match(str(k))]:
        del st.session_state[key]  # the members the page had: the file's take their place
    for mid, member in enumerate(rest, 1):
        values |= {member_key(mid, k): v for k, v in hp.member_values(member).items()}
    pending(values)
    st.session_state.household_plan = hplan
    st.session_state.household_basis = hp.plan_basis(hplan)
    return None
