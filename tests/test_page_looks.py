"""The page's tables, grid and list in Streamlit's AppTest (issue 13, defects 7 and 8 and the grid)."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner.grid import week_grid
from planner.shopping import item_line, shopping_list
from tests.conftest import APP


@pytest.fixture(scope="module")
def planned():
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.checkbox(key="kidney").check().run()  # kidney: potassium has no minimum and phosphorus a maximum
    at.number_input(key="potassium_max").set_value(3000).run()
    at.button(key="plan_week").click().run()
    assert not at.exception and at.session_state["plan"] is not None
    return at


def test_no_table_shows_the_word_none(planned):
    frames = list(planned.dataframe) + list(planned.get("arrow_data_frame"))
    assert len(frames) >= 3
    with_gaps = 0
    for frame in frames:
        if frame.value.isna().to_numpy().any():  # the browser would write 'None' in these cells ...
            with_gaps += 1
            assert frame.proto.placeholder == "–", list(frame.value.columns)  # ... unless told otherwise
    assert with_gaps >= 2  # the targets and the week's averages have limits that do not apply
    for table in planned.table:
        cells = table.value.astype(str).to_numpy().ravel()
        assert not {"None", "nan", "NaN", "<NA>"} & set(cells)


def test_the_week_at_a_glance_is_on_the_page_with_its_csv(planned, foods):
    plan = planned.session_state["plan"]
    grid = next(t.value for t in planned.table if list(t.value.columns) == [f"Day {d}" for d in range(1, 8)])
    shown = grid.map(lambda cell: re.sub(r"\\(.)", r"\1", cell).replace("\u2060", "").replace("  \n", "\n"))
    assert shown.equals(week_grid(plan).set_index("Meal"))  # one dish a line, Markdown escapes aside
    assert "Day total: Potassium (mg)" in grid.index
    assert any(b.proto.label.startswith("Week at a glance (CSV") for b in planned.get("download_button"))


def test_the_list_in_the_page_says_the_menus_amount_and_what_to_buy(planned, foods):
    plan = planned.session_state["plan"]
    pantry = planned.multiselect(key="pantry").value
    for item in shopping_list(plan, foods, set(pantry)):
        box = planned.checkbox(key=f"got_{item.food_id}")
        assert box.label.replace("\\", "").replace("\u2060", "") == item_line(item)
        assert f"the menu uses {item.eaten_grams:.0f} g" in item_line(item)
