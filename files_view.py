"""One person's plan kept and opened again: a private link (saved in the plan store, opened from ?plan=), and the
plan file to download and to open (a household's file opens as a household)."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import household_view
from page_resources import foods_table, plan_store
from page_state import forget_locks, pending
from planner import household_page, session
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


def save_link(plan: Plan):
    """Store the plan and show its private link; the link stays shown while this plan is on the page."""
    if st.button("Save and get a private link", key="save_link"):
        try:
            now = datetime.now(UTC)
            store = plan_store()
            st.session_state.saved_link = (plan, store.save(plan.to_json(), now), now + store.keep)
        except StoreError as exc:
            st.error(f"The plan could not be saved: {exc}. Your plan is unchanged; you can save it as a file.")
    saved = st.session_state.get("saved_link")
    if saved and saved[0] is plan:
        st.code(f"{(st.context.url or '').rstrip('/')}/?plan={saved[1]}", language=None)
        st.caption(f"Anyone with this link can open this plan, on any device. It is kept until "
                   f"{saved[2]:%d %B %Y} (UTC); keep the link private. A changed plan needs a new link.")


def file_tab(foods):
    """The "Save or open a plan" tab of one person: the plan as a file and behind a link, and a file to open."""
    if st.session_state.get("plan") is not None:
        st.download_button("Save this plan (JSON)", st.session_state.plan.to_json(), "cramp-menu-plan.json",
                           "application/json", key="dl_plan")
        save_link(st.session_state.plan)
    upload = st.file_uploader("Open a saved plan", type=["json"], key="upload")
    if upload is not None and st.session_state.get("last_upload") != upload.file_id:
        # Each file is read once. A bad one is reported on this run only: the plan the person had stays,
        # and the next thing they do clears the message instead of bringing it back on every rerun.
        st.session_state.last_upload = upload.file_id
        plan, error = read_plan_upload(upload.getvalue(), foods)
        if plan is None and household_page.is_household(upload.getvalue()):
            error = household_view.open_household(upload.getvalue(), foods)  # it then opens as a household
            if error is None:
                st.session_state.opened = upload.file_id
                st.rerun()
        if plan is None:
            st.error(plain(error))
        else:  # its profile goes into the sidebar at the start of the next run, before the widgets
            pending(forget_locks() | session.widget_values(plan))
            st.session_state.plan = plan
            st.session_state.seed = plan.seed
            st.session_state.plan_basis = session.opened_basis(plan)  # None: an older file does not say
            st.session_state.opened = upload.file_id
            st.rerun()
    elif upload is not None and st.session_state.get("opened") == upload.file_id:
        st.success("Plan opened: see **Your week**. " + opened_says(st.session_state.get("plan")))
