"""Shared fixtures: the real food table and a few solved plans (solved once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner.foods import FoodFilter, load_foods
from planner.model import plan_week
from planner.settings import PlanSettings
from planner.targets import Profile, targets_for

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def at():
    """The page, freshly run in Streamlit's AppTest, with no cached data from an earlier test."""
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=90).run()
    assert not app.exception
    return app


@pytest.fixture(scope="session")
def foods():
    return load_foods()


def make_plan(foods, profile: Profile, **settings):
    rule = settings.pop("food_filter", FoodFilter(pregnant_or_lactating=profile.condition != "none"))
    settings.setdefault("time_limit_s", 10.0)  # tests judge the plan more than the clock: a longer search than the page
    s = PlanSettings(food_filter=rule, **settings)
    return plan_week(foods, targets_for(profile, rule.diet), s), s


@pytest.fixture(scope="session")
def pregnant_plan(foods):
    # The tests that share this plan rely on a full week that meets every target, whichever seed finds it first: a
    # 20 s search proves one in 4-20 s on an idle machine, depending on the seed, and a busy one may cut it short.
    for seed in range(3):
        plan, _ = make_plan(foods, Profile("female", 28, pregnancy_trimester=2), time_limit_s=20.0, seed=seed)
        if plan.shortfalls == ():
            break
    assert len(plan.days) == 7 and plan.status != "no plan" and plan.shortfalls == (), (plan.status, plan.shortfalls)
    return plan
