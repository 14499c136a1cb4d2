"""One person's week on the page: planning it, each day's meals with their Keep and Change controls, swapping a
dish or a food out, the week at a glance, the charts and the diet-quality score."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

import progress_view
from page_resources import dishes_table, planning_pool
from page_state import apply_pending, forget_locks, listed_with, locked, pending
from planner import session
from planner.charts import coverage_chart, sources_chart
from planner.foods import SLOT_LABELS
from planner.grid import grid_csv, week_grid
from planner.meal import replan_meal
from planner.model import allowed_dishes, plan_week
from planner.nutrients import BY_KEY, PRIMARY
from planner.page_text import NONE, plain
from planner.plan import Plan
from planner.report import coverage_frame, met_summary, sources_frame
from planner.settings import PlanSettings, keep_all_but_day, locks_from_plan
from planner.upper_limits import over_limits


def week_tab(foods, targets, settings: PlanSettings):
    """The "Your week" tab of one person: the plan button, whether the plan still fits, and the plan."""
    if targets is not None:
        for note in targets.warnings:
            st.warning(plain(note))
    if st.button("Plan my week", type="primary", key="plan_week", disabled=targets is None) and \
            run_plan(foods, targets, settings):
        apply_pending()  # no Keep box is drawn yet in this run
    plan = st.session_state.get("plan")
    fits = True
    if plan is not None and targets is not None:
        # plan_basis is None for a plan opened from an older file, which does not say what was left out
        fits, ruled = session.fits(plan, targets, settings, st.session_state.get("plan_basis"), foods)
        if not fits:
            st.info("Your details or targets have changed since this plan was made. Press **Plan my week** "
                    "for a plan that fits them.")
        if ruled:
            st.warning("This week has what your details now rule out: " + plain("; ".join(ruled)) + ".")
    if plan is None:
        st.info("Tell us about yourself in the sidebar (on a phone, open it with **»** at the top left), "
                "then press **Plan my week**.")
    else:
        show_plan(plan, foods, targets or plan.targets, settings, fits)


def run_plan(foods, targets, settings: PlanSettings, job=None) -> Plan | None:
    """Plan in a worker process (plan_week, or `job`: (function, args)); the new plan, or None with the reason
    shown. Keep ticks stay on the meals that stayed as they were, from the next run on (see apply_pending)."""
    dishes = dishes_table()
    allowed = allowed_dishes(dishes, foods, settings)
    fn, args = job or (plan_week, (foods, targets, settings, dishes))  # the server's dishes: not read again per plan
    plan = progress_view.in_worker(planning_pool(), "Planning your week…",
                                    f"Choosing from {len(allowed)} dishes for {settings.days} days.", fn, *args)
    if plan is None:
        return None
    old = st.session_state.get("plan")
    # A fresh plan keeps no meal; a re-plan keeps the ticks of the meals it kept. Each tick is set, not deleted:
    # the browser keeps a deleted checkbox's tick and would send it back with the next click.
    ticks = session.kept_ticks(old, plan, locked(old)) if old is not None and settings.locks else set()
    pending(forget_locks() | {f"lock_{d}_{s}": True for d, s in ticks})
    st.session_state.plan = plan
    st.session_state.seed = settings.seed
    st.session_state.plan_basis = session.basis(settings)
    return plan


def show_day(day, plan: Plan, controls=None):
    for meal in day.meals:
        head, lock = st.columns([3, 1])
        head.markdown(f"**{SLOT_LABELS[meal.slot]}**")
        lock.checkbox("Keep", key=f"lock_{day.index}_{meal.slot}", help="Keep this meal when you re-plan")
        if controls:
            controls(day, meal)
        for dish in meal.dishes:
            st.markdown(f"{plain(dish.name)} · *{plain(dish.label)}*")
            st.table(pd.DataFrame([{"Ingredient": plain(i.name), "Amount": plain(i.label), "Grams": f"{i.grams:.0f} g"}
                                   for i in dish.items]))
            if dish.method:
                with st.expander(f"How to make it: {plain(dish.name)}"):
                    st.markdown("\n".join(f"{n}. {plain(step)}" for n, step in enumerate(dish.method, 1)))
        if not meal.dishes:
            st.caption("Nothing planned.")
    totals = plan.daily_totals[day.index]
    st.caption(" · ".join(f"{BY_KEY[k].label} {totals[k]:.0f} {BY_KEY[k].unit}" for k in PRIMARY)
               + f" · Energy {totals['energy_kcal']:.0f} kcal")


def show_quality(box, plan: Plan):
    """The week's Healthy Eating Index 2020, its components and what would raise it."""
    hei = plan.quality.get("hei2020")
    if not hei:
        return
    box.metric("Healthy Eating Index 2020", f"{hei['total']:.0f} of 100",
               help="The US National Cancer Institute's score of how well a diet follows the Dietary Guidelines "
                    "(13 parts: fruit, vegetables, whole grains, dairy, protein, fats, refined grains, sodium, "
                    "added sugars, saturated fat), worked out from this week's grams.")
    if "note" in hei:
        box.warning(hei["note"])
    for tip in hei.get("advice", ()):
        box.caption(f"To raise it: {tip}")
    with box.expander("The 13 parts of the score"):
        st.dataframe(pd.DataFrame({"Part": list(hei["components"]), "Points": list(hei["components"].values())}),
                     hide_index=True, width="stretch", placeholder=NONE)


def show_plan(plan: Plan, foods, targets, settings: PlanSettings, fits: bool = True):
    """The plan with its controls; re-planning keeps the plan's own days and meals. `fits`: the plan still
    fits the sidebar (else no green banner over it)."""
    seed = st.session_state.get("seed", 0)
    settings = replace(settings, days=len(plan.days), slots=tuple(m.slot for m in plan.days[0].meals))
    over = over_limits(plan.daily_totals, plan.targets)  # none in a plan made here; an opened file may have some
    if over:
        st.error("**Over an upper limit**\n\n" + "\n".join(f"- {plain(o)}" for o in over))
    if plan.shortfalls:
        st.warning("**Where this plan falls short**\n\n" + "\n".join(f"- {plain(s.text)}" for s in plan.shortfalls))
    elif not over and fits:
        st.success("The week's average meets every target, each day reaches at least "
                   f"{settings.daily_floor:.0%} of each cramp-mineral target and its energy band, and no day "
                   "goes over an upper limit.")
    for note in plan.targets.warnings:
        st.warning(plain(note))
    if plan.advice:
        st.info("**What food cannot cover**\n\n" + "\n".join(f"- {plain(a)}" for a in plan.advice))
    for kind, text in st.session_state.pop("flash", ()):  # what the last swap or re-plan has to say
        getattr(st, kind)(text)
    a, b, c = st.columns(3)
    again = replace(settings, seed=seed + 1, locks=locks_from_plan(plan, locked(plan)))
    if a.button("Regenerate the week", key="regenerate", help="A different week; meals you keep stay") and \
            run_plan(foods, targets, again):
        st.rerun()
    choices = session.swap_choices(m for day in plan.days for m in day.meals)
    swap = b.selectbox("Swap out a dish or a food", sorted(choices, key=choices.get), index=None, key="swap_choice",
                       format_func=choices.get, placeholder="Choose one…",
                       help="Out of the whole week, and into the sidebar's lists so it stays out; to change one "
                            "meal only, use that meal's Change button")
    if c.button("Swap it", key="swap", disabled=swap is None):
        swap_out(plan, foods, targets, settings, swap, choices[swap])

    def controls(day, meal):
        meal_controls(plan, foods, targets, replace(settings, seed=seed + 1), (day.index, meal.slot))

    if len(plan.days) <= 7:
        # Keyed and tracked, so the chosen day survives a swap or a re-plan (an unkeyed set jumps back to Day 1).
        tabs = st.tabs([f"Day {d.index + 1}" for d in plan.days], key="day_tab", on_change="rerun")
        pairs = zip(tabs, plan.days, strict=True)
    else:
        pick = st.selectbox("Day", range(len(plan.days)), format_func=lambda d: f"Day {d + 1}", key="day_pick")
        pairs = [(st.container(), plan.days[pick])]
    for tab, day in pairs:
        with tab:
            show_day(day, plan, controls)
            if st.button(f"Re-plan day {day.index + 1}", key=f"replan_{day.index}",
                         help="A new menu for this day; the other days stay as they are"):
                keep = keep_all_but_day(plan, day.index, locked(plan))
                if run_plan(foods, targets, replace(settings, seed=seed + 1, locks=locks_from_plan(plan, keep))):
                    st.rerun()

    st.subheader("Week at a glance")
    st.caption("Days across, meals down, each day's totals at the bottom. On a phone, swipe the table sideways.")
    # one dish a line (a Markdown line break: '  \n'), each name shown as itself
    st.table(week_grid(plan).set_index("Meal").map(lambda cell: "  \n".join(plain(x) for x in cell.split("\n"))))
    st.download_button("Week at a glance (CSV, to print or for a spreadsheet)", grid_csv(plan),
                        "week-at-a-glance.csv", "text/csv", key="dl_grid")

    st.subheader("Does each day reach the targets?")
    st.caption("Each bar is one day's share of the target: green at or above 100 %, amber below. Black line: "
               "100 % of the target. Red dashed line: the upper limit, where one applies to food and is within "
               "three times the target (vitamin D's is far above, at 100 µg). Vitamin D is "
               "judged on the week's average, since the body stores it.")
    chart, score = st.columns([3, 2])
    chart.altair_chart(coverage_chart(coverage_frame(plan)), width="content")
    show_quality(score, plan)
    st.subheader("Where the minerals come from")
    st.altair_chart(sources_chart(sources_frame(plan, foods)), width="content")
    with st.expander("All nutrients, week average"):
        st.dataframe(met_summary(plan), hide_index=True, width="stretch", placeholder=NONE)
    for note in plan.notes:
        if note not in over:
            st.caption(plain(note))
    st.caption(plain(f"Solved by {plan.solver} in {plan.seconds:.1f} s: {plan.status}."))


def swap_out(plan: Plan, foods, targets, settings: PlanSettings, swap: str, shown: str):
    """Swap a dish or a food out of the whole week: the meals without it stay, and it goes into the sidebar's
    'Dishes I don't want' or 'Foods I don't eat', where it is seen and can be taken out again."""
    kind, ident = swap.split(":", 1)
    kept = sorted(session.meals_holding(plan, kind, ident) & locked(plan))
    if not run_plan(foods, targets, session.swap_settings(plan, settings, kind, ident)):
        return
    name = shown.split(": ", 1)[1]
    where, listed = session.LISTS[kind]
    pending({where: listed_with(where, ident), "swap_choice": None})
    flash = [("info", f"{plain(name)} is out of the week and in **{listed}** in the sidebar: take it out there to "
                      "have it again.")]
    if kept:
        meals = ", ".join(session.meal_name(k) for k in kept)
        flash.append(("warning", f"{meals}: kept, but it held {plain(name)}, so it changed too. Tick Keep again to "
                                 "keep the new meal."))
    st.session_state.flash = flash
    st.rerun()


def meal_controls(plan: Plan, foods, targets, settings: PlanSettings, key):
    """Change one meal only: another idea for it, or the same meal without one of its dishes or foods."""
    day, slot = key
    meal = session.meal_of(plan, key)

    def others():  # every other meal kept: built on a click only, not for every meal at every rerun
        return locks_from_plan(plan, session.all_meals(plan) - {key})

    with st.popover("Change this meal", key=f"change_{day}_{slot}"):
        if st.button("Another idea for this meal", key=f"remeal_{day}_{slot}",
                     help="A different meal here; every other meal stays as it is"):
            job = (replan_meal, (plan, foods, targets, settings, key, None, None, dishes_table()))
            if run_plan(foods, targets, replace(settings, locks=others()), job):
                st.rerun()
        choices = session.swap_choices([meal])
        swap = st.selectbox("Swap out, in this meal only", sorted(choices, key=choices.get), index=None,
                            key=f"mealswap_choice_{day}_{slot}", format_func=choices.get, placeholder="Choose one…")
        if st.button("Swap it in this meal", key=f"mealswap_{day}_{slot}", disabled=swap is None):
            kind, ident = swap.split(":", 1)
            job = (replan_meal, (plan, foods, targets, settings, key, kind, ident, dishes_table()))
            if run_plan(foods, targets, replace(settings, locks=others()), job):
                pending({f"mealswap_choice_{day}_{slot}": None})
                st.rerun()
