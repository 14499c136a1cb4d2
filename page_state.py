"""Session values the page carries from one run to the next: widget values set before the widgets are drawn,
and the Keep ticks of the week's meals."""

from __future__ import annotations

import streamlit as st

from planner.plan import Plan


def pending(values: dict):
    """Widget values for the next run, set before any widget is drawn (a drawn widget's value cannot change)."""
    st.session_state.pending = {**st.session_state.get("pending", {}), **values}


def apply_pending():
    st.session_state.update(st.session_state.pop("pending", {}))


def listed_with(key: str, item: str) -> list:
    """The session's list under `key` (a sidebar multiselect) with `item` added once, at the end."""
    return list(dict.fromkeys([*st.session_state.get(key, []), item]))


def forget_locks() -> dict:
    """Every Keep tick, unticked."""
    return {k: False for k in st.session_state if str(k).startswith("lock_")}


def locked(plan: Plan) -> set[tuple[int, str]]:
    return {(d.index, m.slot) for d in plan.days for m in d.meals if st.session_state.get(f"lock_{d.index}_{m.slot}")}
