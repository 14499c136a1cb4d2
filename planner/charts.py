"""Altair charts drawn from the tidy frames of planner.report; no arithmetic here."""

from __future__ import annotations

import altair as alt
import pandas as pd


def coverage_chart(frame: pd.DataFrame) -> alt.Chart:
    """Each cramp mineral's share of its target per day, with the 100 % line and the upper limit."""
    base = alt.Chart(frame)
    bars = base.mark_bar().encode(
        x=alt.X("day:N", sort=alt.SortField("day_index"), title=None),
        y=alt.Y("percent:Q", title="% of daily target"),
        color=alt.condition("datum.percent >= 100", alt.value("#2e7d5b"), alt.value("#e0a030")),
        tooltip=[alt.Tooltip("day:N", title="Day"), alt.Tooltip("nutrient:N", title="Nutrient"),
                 alt.Tooltip("amount_text:N", title="Eaten that day"),
                 alt.Tooltip("target_text:N", title="Daily target"),
                 alt.Tooltip("percent_text:N", title="Share of the target")],
    )
    target = base.mark_rule(color="black", strokeWidth=1.5).encode(y=alt.datum(100))
    # An upper limit far above every bar (vitamin D's is 6-7 times its target) would flatten the bars.
    in_view = "isValid(datum.ul_percent) && datum.ul_percent <= 300"
    upper = base.transform_filter(in_view).mark_rule(color="#c0392b", strokeDash=[4, 3]).encode(
        y="ul_percent:Q", tooltip=[alt.Tooltip("nutrient:N", title="Nutrient"),
                                   alt.Tooltip("ul_text:N", title="Upper limit")]
    )
    return (
        alt.layer(bars, target, upper, data=frame)
        .properties(width=115, height=130)
        .facet(facet=alt.Facet("nutrient:N", title=None, sort=["Potassium", "Magnesium", "Calcium", "Vitamin D"]),
               columns=2)  # two narrow columns fit a phone
        .resolve_scale(y="independent")
    )


def sources_chart(frame: pd.DataFrame) -> alt.Chart:
    """Where each mineral comes from: the plan's five biggest sources, one small panel per mineral."""
    return (
        alt.Chart(frame)
        .transform_filter("datum.food != 'Other foods'")
        .mark_bar(color="#2e7d5b")
        .encode(
            y=alt.Y("food:N", title=None, sort=alt.SortField("rank"),
                    axis=alt.Axis(labelLimit=170, labelOverlap=False)),
            x=alt.X("percent:Q", title="% of the plan's total"),
            tooltip=[alt.Tooltip("nutrient:N", title="Nutrient"), alt.Tooltip("food:N", title="Food"),
                     alt.Tooltip("amount_text:N", title="From this food"),
                     alt.Tooltip("percent_text:N", title="Share of the plan's total")],
        )
        .properties(width=200, height=alt.Step(20))
        .facet(facet=alt.Facet("nutrient:N", title=None, sort=["Potassium", "Magnesium", "Calcium", "Vitamin D"]),
               columns=1)  # one column fits a phone
        .resolve_scale(y="independent")
    )
