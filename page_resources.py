"""What the page keeps once per server, shared by every session: the food and dish tables, the targets of a
profile, the pool of planning processes and the store of plans behind private links."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from planner.dishes import load_dishes
from planner.foods import load_foods
from planner.store import PlanStore, open_store, store_config
from planner.targets import Profile, targets_for
from planner.workers import WorkerPool


@st.cache_data
def foods_table() -> pd.DataFrame:
    return load_foods()


@st.cache_resource
def dishes_table():
    return load_dishes(foods_table())


@st.cache_data
def base_targets(profile: Profile, diet: str):
    return targets_for(profile, diet)


@st.cache_resource
def planning_pool() -> WorkerPool:
    """One pool of planning processes per server, shared by every session (see planner/workers.py)."""
    return WorkerPool()


@st.cache_resource
def _open_store(url: str, keep_days: float) -> PlanStore:
    return open_store(url, keep_days)  # one engine (connection pool) per database for the whole server


def plan_store() -> PlanStore:
    """The store of plans behind private links: CRAMP_MENU_DB_URL, else [plans] in secrets.toml, else SQLite."""
    plans = st.secrets.get("plans", {}) if st.secrets.load_if_toml_exists() else {}
    config = store_config(plans, os.environ)
    return _open_store(config.url, config.keep_days)
