"""Plan links in the page (Streamlit AppTest): save a plan, open its link in a fresh session, profile and all."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner.store import DB_URL_ENV, PLAN_DAYS_ENV
from tests.conftest import APP


@pytest.fixture
def db(monkeypatch, tmp_path):
    monkeypatch.setenv(DB_URL_ENV, f"sqlite:///{tmp_path / 'plans.sqlite'}")
    st.cache_data.clear()
    return tmp_path / "plans.sqlite"


def fresh(token: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if token is not None:
        at.query_params["plan"] = token
    return at.run()


def texts(at, *kinds) -> str:
    return " ".join(e.value for kind in kinds for e in kind)


def test_a_saved_link_opens_the_plan_and_its_profile_in_a_new_session(db):
    at = fresh()
    at.number_input(key="age").set_value(33).run()
    at.selectbox(key="stage").set_value("Pregnant").run()
    at.radio(key="trimester").set_value(3).run()
    at.selectbox(key="activity").set_value("active").run()
    at.selectbox(key="diet").set_value("vegetarian").run()
    at.button(key="plan_week").click().run()
    plan = at.session_state["plan"]
    assert not at.code and not db.exists()  # nothing is stored until asked
    at.button(key="save_link").click().run()
    assert not at.exception
    link = at.code[0].value
    token = re.fullmatch(r"/\?plan=([A-Za-z0-9_-]+)", link).group(1)
    assert len(token) >= 22 and db.exists()
    assert "Anyone with this link can open this plan" in texts(at, at.caption)

    other = fresh(token)
    assert not other.exception
    assert "Plan opened from your link" in texts(other, other.success)
    assert other.session_state["plan"] == plan
    assert (other.number_input(key="age").value, other.selectbox(key="stage").value,
            other.radio(key="trimester").value, other.selectbox(key="activity").value,
            other.selectbox(key="diet").value) == (33, "Pregnant", 3, "active", "vegetarian")
    assert not any("have changed since this plan" in i.value for i in other.info)
    assert [t.label for t in other.tabs][1:8] == [f"Day {d}" for d in range(1, 8)]

    # opened once a session: later reruns keep what the person changes after it
    other.radio(key="trimester").set_value(2).run()
    assert other.radio(key="trimester").value == 2
    assert "Plan opened from your link" not in texts(other, other.success)
    assert any("have changed since this plan" in i.value for i in other.info)


def test_kidney_profile_and_its_limit_come_back(db):
    at = fresh()
    at.checkbox(key="kidney").check().run()
    at.number_input(key="potassium_max").set_value(2000).run()
    at.checkbox(key="use_body").check().run()
    at.number_input(key="height").set_value(172.0).run()
    at.number_input(key="weight").set_value(70.5).run()
    at.slider(key="days").set_value(3).run()
    at.button(key="plan_week").click().run()
    plan = at.session_state["plan"]
    at.button(key="save_link").click().run()
    other = fresh(at.code[0].value.split("=", 1)[1])
    assert other.session_state["plan"] == plan
    assert other.checkbox(key="kidney").value and other.number_input(key="potassium_max").value == 2000
    assert (other.number_input(key="height").value, other.number_input(key="weight").value) == (172.0, 70.5)
    assert other.slider(key="days").value == 3
    assert not any("have changed since this plan" in i.value for i in other.info)


def test_an_unknown_link_says_so_and_changes_nothing(db):
    at = fresh("A" * 32)
    assert not at.exception
    assert "unknown or has expired" in texts(at, at.warning)
    assert "plan" not in at.session_state
    assert at.selectbox(key="stage").value == "Not pregnant or breastfeeding"
    at.button(key="plan_week").click().run()  # the page still works, and the bad link is not tried again
    assert at.session_state["plan"] is not None and "unknown or has expired" not in texts(at, at.warning)


def test_a_store_that_cannot_be_used_says_why_and_keeps_the_plan(db, monkeypatch):
    monkeypatch.setenv(PLAN_DAYS_ENV, "ninety")
    at = fresh()
    at.slider(key="days").set_value(1).run()
    at.button(key="plan_week").click().run()
    plan = at.session_state["plan"]
    at.button(key="save_link").click().run()
    assert not at.exception and not at.code
    assert f"could not be saved: {PLAN_DAYS_ENV}" in texts(at, at.error)
    assert at.session_state["plan"] is plan


def test_a_household_plan_has_a_link_that_opens_it_with_its_members(db):
    at = fresh()
    at.radio(key="plan_for").set_value("A household").run()
    at.slider(key="days").set_value(3).run()
    at.button(key="hh_add").click().run()
    mid = at.session_state["hh_ids"][-1]
    at.text_input(key=f"hm{mid}_label").input("Child 10").run()
    at.number_input(key=f"hm{mid}_age").set_value(10).run()
    at.button(key="plan_household").click().run()
    hplan = at.session_state["household_plan"]
    at.button(key="hh_save_link").click().run()
    assert not at.exception
    token = re.fullmatch(r"/\?plan=([A-Za-z0-9_-]+)", at.code[0].value).group(1)

    other = fresh(token)
    assert not other.exception
    assert "Household plan opened from your link" in texts(other, other.success)
    assert other.radio(key="plan_for").value == "A household"
    opened = other.session_state["household_plan"]
    assert opened.labels == ("Me", "Child 10") and opened.plans == hplan.plans
    (box,) = other.session_state["hh_ids"]
    assert other.text_input(key=f"hm{box}_label").value == "Child 10"
    assert other.number_input(key=f"hm{box}_age").value == 10
    assert not any("have changed since this plan" in i.value for i in other.info)
