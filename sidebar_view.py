"""The person's details: the sidebar (about you, food, days and meals) and the table of targets they lead to."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from page_resources import base_targets, dishes_table
from planner import session
from planner.foods import ALLERGENS, DIETS, SLOT_LABELS, SLOTS, FoodFilter
from planner.nutrients import label
from planner.page_text import ACTIVITY_HELP, ACTIVITY_LABELS, ALLERGEN_LABELS, DIET_LABELS, NONE, plain
from planner.targets import ACTIVITIES, Profile, ProfileError, with_overrides


def sidebar(foods: pd.DataFrame):
    """The person and her preferences; returns (profile or None, food filter, liked ids, days, slots, dishes
    left out)."""
    st.sidebar.header("About you")
    sex = st.sidebar.radio("Sex", ("female", "male"), format_func=str.capitalize, horizontal=True, key="sex")
    age = st.sidebar.number_input("Age (years)", min_value=9, max_value=120, value=30, step=1, key="age")
    stage = st.sidebar.selectbox("Pregnancy or breastfeeding", session.STAGES, key="stage",
                                 disabled=sex == "male")
    trimester = months = None
    if sex == "female" and stage == "Pregnant":
        trimester = st.sidebar.radio("Trimester", (1, 2, 3), horizontal=True, key="trimester")
    elif sex == "female" and stage == "Breastfeeding":
        months = st.sidebar.number_input("Months since the birth", 0, 24, 3, key="months")
    activity = st.sidebar.selectbox("Activity", ACTIVITIES, index=1, format_func=ACTIVITY_LABELS.get, key="activity",
                                    help=ACTIVITY_HELP)
    height = weight = None
    if st.sidebar.checkbox("Use my height and weight (better energy estimate)", key="use_body"):
        height = st.sidebar.number_input("Height (cm)", 100.0, 250.0, 165.0, key="height")
        weight = st.sidebar.number_input("Weight (kg)", 25.0, 300.0, 65.0, key="weight")
    kidney = st.sidebar.checkbox("I have kidney disease or take drugs that keep potassium in the body",
                                 key="kidney", help="Such as some blood-pressure drugs (ACE inhibitors, "
                                 "potassium-sparing diuretics). The planner then needs your doctor's potassium limit.")
    potassium_max = None
    if kidney:
        potassium_max = st.sidebar.number_input(
            "Daily potassium limit from your doctor or renal dietitian (mg)", min_value=0, max_value=10_000,
            value=None, step=100, key="potassium_max", placeholder="Ask them, then enter it here",
            help="Ask: 'How many milligrams of potassium may I eat a day?' The planner sets no limit of its own.")

    st.sidebar.header("Food")
    diet = st.sidebar.selectbox("Diet", DIETS, format_func=DIET_LABELS.get, key="diet")
    fortified = st.sidebar.checkbox("Milk with added vitamin D and UV-treated mushrooms are sold where I shop",
                                    value=True, key="fortified",
                                    help="Untick if not: the plan then counts only the vitamin D food has by nature.")
    allergens = st.sidebar.multiselect("Allergies and intolerances", ALLERGENS, format_func=ALLERGEN_LABELS.get,
                                       key="allergens")
    names = session.food_options(foods, dishes_table())
    disliked = st.sidebar.multiselect("Foods I don't eat", list(names), format_func=names.get, key="disliked",
                                      help="A food you swap out of the week is added here; take it out to have "
                                           "it again.")
    liked = st.sidebar.multiselect("Foods I'd like more often", list(names), format_func=names.get, key="liked")
    both = session.in_both(liked, disliked)
    if both:
        it, be = ("it", "is") if len(both) == 1 else ("they", "are")
        st.sidebar.warning(plain(", ".join(names[f] for f in both)) + f" {be} also in **Foods I don't eat**, so {it} "
                           f"{be} left out: take {'it' if it == 'it' else 'them'} out of that list to have "
                           f"{'it' if it == 'it' else 'them'} more often.")
    dish_names = session.dish_options(dishes_table())
    dropped_dishes = st.sidebar.multiselect("Dishes I don't want", list(dish_names), format_func=dish_names.get,
                                            key="disliked_dishes", help="A dish you swap out of the week is added "
                                            "here; take it out to have it again.")
    days = st.sidebar.slider("Days to plan", 1, 28, 7, key="days")
    slots = st.sidebar.multiselect("Meals to plan", SLOTS, default=list(SLOTS), format_func=SLOT_LABELS.get,
                                   key="slots") or list(SLOTS)

    try:
        profile = Profile(sex, int(age), trimester, months, activity, height, weight, kidney,
                          None if potassium_max is None else float(potassium_max))
    except ProfileError as exc:
        st.sidebar.error(f"Please check your details: {plain(exc)}.")
        profile = None
    rule = FoodFilter(diet, tuple(allergens), tuple(disliked), profile is not None and profile.condition != "none",
                      fortified)
    return profile, rule, tuple(liked), days, tuple(s for s in SLOTS if s in slots), tuple(dropped_dishes)


def targets_editor(profile: Profile, diet: str):
    """Targets with sources; a person may change minimums and maximums (a doctor's advice wins)."""
    targets = base_targets(profile, diet)
    rows = [{"key": t.key, "Nutrient": label(t.key), "Minimum a day": t.min, "Maximum a day": t.max,
             "Source": t.source.split(" | ")[0]} for t in targets.nutrients]
    rows.append({"key": "energy_kcal", "Nutrient": "Energy (kcal)", "Minimum a day": targets.energy_min,
                 "Maximum a day": targets.energy_max, "Source": targets.energy_source})
    st.caption("The minimum is the RDA or AI for your life stage; the maximum is the upper limit where it applies "
               "to food. Change a number if your doctor or midwife gave you another one.")
    edited = st.data_editor(pd.DataFrame(rows), key=f"targets_{hash(profile)}", hide_index=True,
                            disabled=["key", "Nutrient", "Source"], column_config={"key": None},
                            width="stretch", placeholder=NONE)
    changes = {}
    for row, orig in zip(edited.itertuples(index=False), rows, strict=True):
        low, high = row[2], row[3]
        low = None if pd.isna(low) else float(low)
        high = None if pd.isna(high) else float(high)
        if (low, high) != (orig["Minimum a day"], orig["Maximum a day"]):
            changes[orig["key"]] = (low, high)
    try:
        return with_overrides(targets, changes) if changes else targets
    except ProfileError as exc:
        st.error(f"That change was not applied: {plain(exc)}. The table keeps your edit; correct it to use it.")
        return targets
