"""One person's shopping list: by aisle, with ticks kept in the plan, and its downloads."""

from __future__ import annotations

import streamlit as st

from planner.page_text import plain
from planner.pdf import to_pdf
from planner.plan import Plan
from planner.report import notices
from planner.shopping import PANTRY_STAPLES, item_line, shopping_list, tick, to_csv, to_markdown


def got_it(food_id: str):
    """A tick on the shopping list: kept in the plan, so it is saved and comes back with it."""
    st.session_state.plan = tick(st.session_state.plan, food_id, st.session_state[f"got_{food_id}"])


def shopping(plan: Plan, foods):
    st.caption("Amounts are rounded up to what shops sell. \"The menu uses\" is the menu's own amount (cooked "
               "where the menu says cooked) and, where it differs, the raw or dry weight to buy for it. Tick items "
               "off as you shop: the ticks are kept with the plan when you save it.")
    in_plan = {i.food_id: i.name for _, _, i in plan.items()}
    pantry = st.multiselect("Already in my kitchen", list(in_plan), format_func=in_plan.get, key="pantry",
                            default=[f for f in PANTRY_STAPLES if f in in_plan and "pantry" not in st.session_state])
    items = shopping_list(plan, foods, set(pantry))
    aisle = None
    for item in items:
        if item.aisle != aisle:
            aisle = item.aisle
            st.markdown(f"**{plain(aisle)}**")
        st.session_state[f"got_{item.food_id}"] = item.food_id in plan.checked  # the plan's ticks, always
        st.checkbox(plain(item_line(item)), key=f"got_{item.food_id}", on_change=got_it, args=(item.food_id,))
    a, b, c = st.columns(3)
    a.download_button("Shopping list (CSV, for a spreadsheet)", to_csv(items), "shopping-list.csv", "text/csv",
                      key="dl_csv")
    b.download_button("Shopping list (text, for a phone note)",
                      to_markdown(items, notices=notices(plan), checked=plan.checked), "shopping-list.md",
                      "text/markdown", key="dl_md")
    # Built only when clicked: making the PDF takes about 0.13 s, too much for every rerun of the page.
    c.download_button("Menu and list (PDF, to print)", lambda: to_pdf(plan, items), "cramp-menu.pdf",
                      "application/pdf", key="dl_pdf")
