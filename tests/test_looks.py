"""What the page's tables and charts show (issue 13, defect 8): human tooltips with units, no 0 % sources."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from planner.charts import coverage_chart, sources_chart
from planner.report import coverage_frame, sources_frame


def tooltips(spec) -> list[dict]:
    """Every tooltip entry anywhere in a Vega-Lite spec."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "tooltip":
                found += value if isinstance(value, list) else [value]
            else:
                found += tooltips(value)
    elif isinstance(spec, list):
        for value in spec:
            found += tooltips(value)
    return found


def test_chart_tooltips_have_human_labels_and_values_with_units(pregnant_plan, foods):
    for frame, chart in ((coverage_frame(pregnant_plan), coverage_chart),
                         (sources_frame(pregnant_plan, foods), sources_chart)):
        tips = tooltips(chart(frame).to_dict())
        assert tips
        for tip in tips:
            assert isinstance(tip, dict) and "title" in tip, tip  # never a bare field name such as 'amount'
            assert tip["title"][0].isupper() and "_" not in tip["title"], tip
            assert tip["field"] in frame.columns
        for tip in tips:
            values = frame[tip["field"]]
            if tip["field"].startswith("amount") or tip["field"].startswith("target"):
                assert all(str(v).split(" ")[1] in ("mg", "µg") for v in values), values.head()


def test_coverage_tooltip_reads_like_a_sentence(pregnant_plan):
    frame = coverage_frame(pregnant_plan).set_index(["day", "nutrient"])
    row = frame.loc[("Day 1", "Potassium")]
    got = pregnant_plan.daily_totals[0]["potassium_mg"]
    assert row.amount_text == f"{got:,.0f} mg" and row.target_text == "2,900 mg"
    assert row.percent_text == f"{100 * got / 2900:.0f} %"


def test_the_sources_chart_lists_no_food_at_zero_percent(pregnant_plan, foods):
    # one vitamin D food among six: the other five have none and must not be listed at 0 %
    grams = {"salmon": 500, "banana": 500, "potatoes": 500, "lentils": 500, "spinach-cooked": 300, "almonds": 100}
    week = SimpleNamespace(grams_by_food=lambda: grams, days=(None,) * 7)
    frame = sources_frame(week, foods)
    assert list(frame[frame.nutrient == "Vitamin D"].food) == [foods.at["salmon", "name"]]
    assert len(frame[frame.nutrient == "Potassium"]) == 6  # five foods and 'Other foods'
    frame = pd.concat([frame, sources_frame(pregnant_plan, foods)])
    assert (frame.percent > 0).all() and (frame.amount > 0).all(), frame[frame.percent <= 0]
