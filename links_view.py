"""Private links: a plan (one person's or a household's) kept in the plan store and shown as a link, and the plan
behind ?plan=<token> opened once a session."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import household_sidebar
import page_state
from page_resources import foods_table, plan_store
from page_state import forget_locks
from planner import session
from planner.household_page import is_household
from planner.jsonsafe import MAX_PLAN_BYTES
from planner.page_text import plain
from planner.plan import Plan
from planner.planfile import read_plan_upload
from planner.store import StoreError


def open_plan_link():
    """Open the plan behind ?plan=<token> once a session, before the sidebar's widgets take their values."""
    token = st.query_params.get("plan")
    if not token or st.session_state.get("link_token") == token:
        return
    st.session_state.link_token = token
    try:
        store = plan_store()
        text = store.load(token, datetime.now(UTC))
    except StoreError as exc:
        st.error(f"The plan from your link could not be opened: {exc}. Whatever you had is unchanged.")
        return
    if text is None:
        st.warning(f"This plan link is unknown or has expired (plans are kept for {store.keep.days} days). Plan "
                   "a new week, or open a plan file you saved. Whatever you had is unchanged.")
        return
    plan, error = read_plan_upload(text.encode("utf-8"), foods_table())  # believed no more than an upload
    if plan is None and is_household(text.encode("utf-8")):
        error = household_sidebar.open_household(text.encode("utf-8"), foods_table())
        if error is None:  # its members go into the sidebar now, before its widgets are drawn
            page_state.apply_pending()
            st.success("Household plan opened from your link: see **Your week**. The household in the sidebar is "
                       "the plan's.")
            return
    if plan is None:
        st.error(plain(error))
        return
    st.session_state.update(forget_locks() | session.widget_values(plan), plan=plan, seed=plan.seed,
                            plan_basis=session.opened_basis(plan))
    st.success("Plan opened from your link: see **Your week**. " + opened_says(plan))


def opened_says(plan: Plan | None) -> str:
    """What the sidebar now holds after opening a plan."""
    if plan is None:
        return "Your details in the sidebar are the plan's."
    if plan.asked is None:
        return ("Your details in the sidebar are the plan's, but this file was saved before plans kept allergies "
                "and foods left out: check them in the sidebar before you plan again.")
    return "Your details in the sidebar, allergies and foods left out included, are the plan's."


def save_link(plan, text: str, max_bytes: int = MAX_PLAN_BYTES, key: str = "save_link"):
    """Store a plan's text (one person's or a household's) and show its private link; the link stays shown while
    this plan is on the page."""
    if st.button("Save and get a private link", key=key):
        try:
            now = datetime.now(UTC)
            store = plan_store()
            st.session_state.saved_link = (plan, store.save(text, now, max_bytes), now + store.keep)
        except StoreError as exc:
            st.error(f"The plan could not be saved: {exc}. Your plan is unchanged; you can save it as a file.")
    saved = st.session_state.get("saved_link")
    if saved and saved[0] is plan:
        st.code(f"{(st.context.url or '').rstrip('/')}/?plan={saved[1]}", language=None)
        st.caption(f"Anyone with this link can open this plan, on any device. It is kept until "
                   f"{saved[2]:%d %B %Y} (UTC); keep the link private. A changed plan needs a new link.")
