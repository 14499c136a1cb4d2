"""Cramp Menu: the Streamlit page. It wires widgets to planner functions; the work happens in planner/. The page's
parts are modules beside this one: the sidebar, one person's week, shopping list and files, and the household."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import files_view
import household_sidebar
import household_view
import links_view
import page_state
import shopping_view
import sidebar_view
import week_view
from page_resources import base_targets, dishes_table, foods_table, planning_pool
from planner.nutrients import label
from planner.page_text import NONE
from planner.pdf import DISCLAIMER
from planner.settings import PlanSettings

st.set_page_config(page_title="Cramp Menu", page_icon="🥦", layout="wide")

# On a narrow screen the tab names wrap onto a second line instead of hiding behind a scroll arrow.
PAGE_STYLE = "<style>[data-testid='stTabs'] [role='tablist'] {flex-wrap: wrap; row-gap: 0.25rem;}</style>"

planning_pool()  # at the first page view, so that the first plan need not wait for the workers to start


def guidance(foods):
    st.error("**Get help now** if cramps come with convulsions of the whole body or loss of consciousness: "
             "call emergency services. See a doctor if cramps are frequent, severe, or come with swelling, "
             "redness or weakness of the leg.")
    st.markdown("**What the source article says to avoid.** The planner never puts these in a menu:")
    avoid = foods[foods.avoid == "yes"]
    st.dataframe(pd.DataFrame({"Drink": avoid.name, "Why": avoid.avoid_reason}), hide_index=True,
                 width="stretch", placeholder=NONE)
    st.markdown("The article also names herbal folk remedies (adonis, lily of the valley, mistletoe, wormwood). "
                "Some are poisonous; Cramp Menu never suggests them. Medicines and supplements, such as "
                "magnesium tablets, are for your doctor to decide.")
    st.caption("Nutrient values: USDA National Nutrient Database for Standard Reference, Release 28 (2016). "
               "Targets: Dietary Reference Intakes of the US National Academies. " + DISCLAIMER)


def main():
    foods = foods_table()
    st.html(PAGE_STYLE)
    st.title("Cramp Menu")
    st.markdown("A week of everyday meals rich in **potassium, magnesium, calcium and vitamin D**, the minerals "
                "linked to muscle cramps, with a shopping list. *Not medical advice.*")
    st.caption("⚠️ Cramps with convulsions of the whole body or loss of consciousness need urgent care. "
               "Frequent cramps need a doctor. See **Safety and what to avoid**.")
    page_state.apply_pending()
    links_view.open_plan_link()
    together = household_sidebar.mode()
    profile, rule, liked, days, slots, dropped_dishes = sidebar_view.sidebar(foods)
    household = household_sidebar.members(foods, dishes_table(), profile, rule, liked, dropped_dishes) if together \
        else None
    settings = PlanSettings(days=days, slots=slots, food_filter=rule, liked=liked, exclude_dishes=dropped_dishes,
                            seed=st.session_state.get("seed", 0))
    plan_tab, targets_tab, shop_tab, safety_tab, file_tab = st.tabs(
        ["Your week", "Your targets", "Shopping list", "Safety and what to avoid", "Save or open a plan"])
    targets = None
    with targets_tab:
        if profile is None:
            st.info("Correct your details in the sidebar to see your targets.")
        else:
            targets = sidebar_view.targets_editor(profile, rule.diet)
            for t in targets.uncounted:
                st.caption(f"{label(t.key)}: {t.min:g} {t.unit} a day ({t.note}).")
            if together:
                st.caption("These are your own targets. Everyone else in the household has the targets for their "
                           "own details:")
                if household is not None:
                    household_view.others_targets(household, base_targets)
    if together:
        household_view.tabs(plan_tab, shop_tab, file_tab, foods, household, targets, settings, planning_pool(),
                            base_targets)
    else:
        one_person(plan_tab, shop_tab, file_tab, foods, targets, settings)
    with safety_tab:
        guidance(foods)


def one_person(plan_tab, shop_tab, file_tab, foods, targets, settings: PlanSettings):
    """The week, shopping list and files of one person's plan."""
    with plan_tab:
        week_view.week_tab(foods, targets, settings)
    with shop_tab:
        if st.session_state.get("plan") is None:
            st.info("Plan a week first; its shopping list appears here.")
        else:
            shopping_view.shopping(st.session_state.plan, foods)
    with file_tab:
        files_view.file_tab(foods)


main()
