"""One person's "Save or open a plan" tab: the plan file to download and to open (a household's file opens as a
household), and its private link (links_view.py)."""

from __future__ import annotations

import streamlit as st

import household_sidebar
from links_view import opened_says, save_link
from page_state import forget_locks, pending
from planner import household_page, session
from planner.page_text import plain
from planner.planfile import read_plan_upload


def file_tab(foods):
    """The "Save or open a plan" tab of one person: the plan as a file and behind a link, and a file to open."""
    if st.session_state.get("plan") is not None:
        st.download_button("Save this plan (JSON)", st.session_state.plan.to_json(), "cramp-menu-plan.json",
                           "application/json", key="dl_plan")
        save_link(st.session_state.plan, st.session_state.plan.to_json())
    upload = st.file_uploader("Open a saved plan", type=["json"], key="upload")
    if upload is not None and st.session_state.get("last_upload") != upload.file_id:
        # Each file is read once. A bad one is reported on this run only: the plan the person had stays,
        # and the next thing they do clears the message instead of bringing it back on every rerun.
        st.session_state.last_upload = upload.file_id
        plan, error = read_plan_upload(upload.getvalue(), foods)
        if plan is None and household_page.is_household(upload.getvalue()):
            error = household_sidebar.open_household(upload.getvalue(), foods)  # it then opens as a household
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
