"""Ticking the shopping list off while shopping: the ticks live in the Plan, go into its JSON, come back
when it is opened, and are checked like every other value of a plan file."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import pytest
import streamlit as st
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from planner.pdf import to_pdf
from planner.planfile import PlanFileError, read_plan
from planner.shopping import shopping_list, tick, to_markdown
from planner.store import DB_URL_ENV
from tests.conftest import APP


def test_ticks_travel_in_the_plan_json_and_come_back(pregnant_plan, foods):
    first, second = sorted(pregnant_plan.grams_by_food())[:2]
    ticked = tick(tick(pregnant_plan, second, True), first, True)
    assert ticked.checked == (first, second) and pregnant_plan.checked == ()
    assert json.loads(ticked.to_json())["checked"] == [first, second]
    assert read_plan(ticked.to_json(), foods) == ticked
    assert tick(ticked, first, False).checked == (second,)


def test_a_plan_file_saved_before_ticks_existed_still_opens(pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json())
    del data["checked"]
    assert read_plan(json.dumps(data), foods).checked == ()


@pytest.mark.parametrize("checked, message", [
    ("cod", 'checked "cod" must be a list'),
    ([7], "checked, item 1 '7' must be text"),
    (["caviar"], "checked, item 1: \"caviar\" is not on this plan's shopping list"),
    (["x" * 300], "checked, item 1 is 300 characters long"),
])
def test_bad_ticks_are_refused_naming_the_place(checked, message, pregnant_plan, foods):
    data = json.loads(pregnant_plan.to_json()) | {"checked": checked}
    with pytest.raises(PlanFileError, match=message):
        read_plan(json.dumps(data), foods)


def test_a_food_ticked_twice_or_too_many_ticks_are_refused(pregnant_plan, foods):
    food = next(iter(pregnant_plan.grams_by_food()))
    data = json.loads(pregnant_plan.to_json())
    with pytest.raises(PlanFileError, match=f'checked, item 2: "{food}" is ticked twice'):
        read_plan(json.dumps(data | {"checked": [food, food]}), foods)
    many = list(pregnant_plan.grams_by_food()) * 2
    with pytest.raises(PlanFileError, match="ticks, but the plan's shopping list has"):
        read_plan(json.dumps(data | {"checked": many}), foods)


def test_ticks_in_the_page_are_kept_with_the_plan_and_come_back_when_it_is_opened():
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.button(key="plan_week").click().run()
    plan = at.session_state["plan"]
    food = sorted(plan.grams_by_food())[0]
    box = at.checkbox(key=f"got_{food}")
    assert not box.value and "the menu uses" in box.label
    box.check().run()
    assert not at.exception
    ticked = at.session_state["plan"]
    assert ticked.checked == (food,) and ticked.days == plan.days
    saved = next(b for b in at.get("download_button") if b.proto.label == "Save this plan (JSON)")
    assert saved is not None and json.loads(ticked.to_json())["checked"] == [food]

    other = AppTest.from_file(APP, default_timeout=90).run()
    other.file_uploader(key="upload").set_value(("plan.json", ticked.to_json().encode(), "application/json")).run()
    assert not other.exception and other.session_state["plan"].checked == (food,)
    assert other.checkbox(key=f"got_{food}").value
    other.checkbox(key=f"got_{food}").uncheck().run()
    assert other.session_state["plan"] == replace(ticked, checked=())


def test_the_printed_list_shows_the_ticks_and_the_menus_amounts(pregnant_plan, foods):
    items = shopping_list(pregnant_plan, foods)
    first, second = items[0], items[1]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        to_pdf(tick(pregnant_plan, first.food_id, True), items))).pages)
    shop = text[text.index("Shopping list"):]
    assert "Menu uses" in shop and first.menu_uses in shop
    assert shop.index("[x]") < shop.index(first.item) < shop.index("[ ]") < shop.index(second.item)
    assert shop.count("[x]") == 1


def test_ticks_come_back_when_the_plan_is_opened_from_its_link(monkeypatch, tmp_path):
    monkeypatch.setenv(DB_URL_ENV, f"sqlite:///{tmp_path / 'plans.sqlite'}")
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.button(key="plan_week").click().run()
    food = sorted(at.session_state["plan"].grams_by_food())[-1]
    at.checkbox(key=f"got_{food}").check().run()
    at.button(key="save_link").click().run()
    token = re.fullmatch(r"/\?plan=([A-Za-z0-9_-]+)", at.code[0].value).group(1)

    other = AppTest.from_file(APP, default_timeout=90)
    other.query_params["plan"] = token
    other.run()
    assert not other.exception and other.session_state["plan"].checked == (food,)
    assert other.checkbox(key=f"got_{food}").value


def test_the_phone_note_ticks_what_was_ticked(pregnant_plan, foods):
    items = shopping_list(pregnant_plan, foods)
    ticked = tick(pregnant_plan, items[1].food_id, True)
    lines = [x for x in to_markdown(items, checked=ticked.checked).splitlines() if x.startswith("- [")]
    assert lines[1].startswith(f"- [x] {items[1].item}:")
    assert all(x.startswith("- [ ] ") for k, x in enumerate(lines) if k != 1)
