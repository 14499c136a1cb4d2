"""The household on the page (issue 14): the week with everyone's servings (a dish or a food swapped out of everyone's
week, one day planned again), a coverage chart per member, the shopping list summed over everyone, and the
household's files; the members are in household_sidebar.py. Streamlit wiring only: what is not Streamlit is in
planner/household_page.py."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import household_sidebar
import progress_view
from household_sidebar import member_key
from links_view import save_link
from page_resources import dishes_table
from page_state import listed_with, pending
from planner import household_page as hp
from planner import session
from planner.charts import coverage_chart
from planner.foods import SLOT_LABELS
from planner.household import household_locks, plan_household, week_table
from planner.household_file import MAX_HOUSEHOLD_BYTES
from planner.page_text import NONE, plain
from planner.pdf import household_pdf
from planner.report import coverage_frame
from planner.settings import PlanSettings, keep_all_but_day
from planner.shopping import PANTRY_STAPLES, grams_list, item_line, to_csv, to_markdown

SHORT, OVER = hp.SHORT, hp.OVER


def others_targets(household, base_targets):
    """Everyone else's targets, from their details (the person above edits their own in the table)."""
    for member in household.members[1:]:
        with st.expander(f"Targets of {plain(member.label)}"):
            frame = hp.targets_frame(base_targets(member.profile, member.food_filter.diet))
            st.dataframe(frame, hide_index=True, width="stretch", placeholder=NONE)


def run(pool, foods, household, settings: PlanSettings, targets, locks=None):
    """Plan the household in a worker process, showing progress; the plan, or None with the reason shown.
    `locks`: each member's meals kept as they are."""
    hplan = progress_view.in_worker(pool, "Planning your household's week…",
                      f"{len(household.members)} people, {settings.days} days: each dish once at the meals eaten "
                      "together, everyone's own servings.", plan_household, foods, household, settings, dishes_table(),
                      tuple(targets), locks)
    if hplan is None:
        return None
    st.session_state.household_plan = hplan
    st.session_state.household_basis = hp.basis(household, settings)
    st.session_state.hh_seed = settings.seed
    return hplan


def week_tab(foods, household, my_targets, settings: PlanSettings, pool, base_targets):
    targets = None if household is None or my_targets is None else \
        hp.member_targets(household, my_targets, base_targets)
    seed = st.session_state.get("hh_seed", 0)
    if st.button("Plan our week", type="primary", key="plan_household", disabled=targets is None) and \
            run(pool, foods, household, replace(settings, seed=seed), targets):
        st.session_state.update(dict.fromkeys(ticks(), False))  # a brand-new week: no meal is kept yet
    hplan = st.session_state.get("household_plan")
    if hplan is None:
        st.info("Describe yourself and add the people you cook for in the sidebar (on a phone, open it with **»** "
                "at the top left), then press **Plan our week**.")
        return
    if targets is not None and not hp.fits(hplan, household, targets, settings, st.session_state.get(
            "household_basis")):
        st.info("Your household or its details have changed since this plan was made. Press **Plan our week** "
                "for a plan that fits them.")
    elif targets is not None:
        if st.button("Another week for the household", key="hh_regenerate",
                     help="A different week for the same people; the meals ticked Keep stay as they are") and \
                run(pool, foods, household, replace(settings, seed=seed + 1), targets,
                    household_locks(hplan, kept(hplan))):
            st.rerun()
        change_week(pool, foods, household, hplan, replace(settings, seed=seed + 1), targets)
    for text in st.session_state.pop("hh_said", ()):  # what the last swap has to say
        st.info(text)
    show(hplan)


def tick_key(key: tuple[int, str]) -> str:
    return f"hh_lock_{key[0]}_{key[1]}"


def ticks() -> list[str]:
    """The session's household Keep ticks."""
    return [k for k in st.session_state if str(k).startswith("hh_lock_")]


def kept(hplan) -> set[tuple[int, str]]:
    """The meals of the household's week ticked Keep."""
    return {(d.index, m.slot) for d in hplan.plans[0].days for m in d.meals if st.session_state.get(tick_key(
        (d.index, m.slot)))}


def change_week(pool, foods, household, hplan, settings: PlanSettings, targets):
    """Swap a dish or a food out of everyone's week, or plan one day again; every other meal stays as it is."""
    with st.popover("Change the week", key="hh_change"):
        choices = session.swap_choices(m for p in hplan.plans for day in p.days for m in day.meals)
        swap = st.selectbox("Swap out of everyone's week", sorted(choices, key=choices.get), index=None,
                            key="hh_swap_choice", format_func=choices.get, placeholder="Choose one…",
                            help="Every meal that holds it is planned again; every other meal stays as it is.")
        if st.button("Swap it out", key="hh_swap", disabled=swap is None):
            kind, ident = swap.split(":", 1)
            changed, locks = hp.without(household, hplan, kind, ident)
            lost = sorted(kept(hplan) - {(lock.day, lock.slot) for lock in locks[0]})  # ticked, but it held it
            if run(pool, foods, changed, settings, targets, locks):
                st.session_state.update({tick_key(k): False for k in lost})
                where, listed = session.LISTS[kind]
                values = {where: listed_with(where, ident), "hh_swap_choice": None}
                for mid in st.session_state.hh_ids:  # each member's list, in the order of the household
                    values[member_key(mid, where)] = listed_with(member_key(mid, where), ident)
                pending(values)
                name = choices[swap].split(": ", 1)[1]
                st.session_state.hh_said = [f"{plain(name)} is out of everyone's week, and in your **{listed}** and "
                                            "each member's list in the sidebar: take it out there to have it again."]
                if lost:
                    st.session_state.hh_said.append(f"{', '.join(session.meal_name(k) for k in lost)}: kept, but it "
                                                    f"held {plain(name)}, so it changed too.")
                st.rerun()
        meals = [(d.index, m.slot) for d in hplan.plans[0].days for m in d.meals]
        key = st.selectbox("Another idea for one meal", meals, format_func=session.meal_name, key="hh_remeal_key",
                           help="None of the dishes anyone had at that meal; every other meal stays as it is.")
        if st.button("Another idea for this meal", key="hh_remeal"):
            locks, bans = hp.another_meal(hplan, key)
            if run(pool, foods, household, replace(settings, bans=bans), targets, locks):
                st.rerun()
        here = session.swap_choices(m for p in hplan.plans for m in p.days[key[0]].meals if m.slot == key[1])
        only = st.selectbox("Swap out, in that meal only", sorted(here, key=here.get), index=None,
                            key="hh_mealswap_choice", format_func=here.get, placeholder="Choose one…")
        if st.button("Swap it in that meal", key="hh_mealswap", disabled=only is None):
            kind, ident = only.split(":", 1)
            locks, bans = hp.another_meal(hplan, key, dishes_table(), kind, ident)
            if run(pool, foods, household, replace(settings, bans=bans), targets, locks):
                pending({"hh_mealswap_choice": None})
                st.rerun()
        days = len(hplan.plans[0].days)
        day = st.selectbox("Plan one day again", range(days), format_func=lambda d: f"Day {d + 1}",
                           key="hh_replan_day")
        if st.button("Plan this day again", key="hh_replan", help="Everyone's other days stay as they are"):
            locks = household_locks(hplan, keep_all_but_day(hplan.plans[0], day, kept(hplan)))
            if run(pool, foods, household, settings, targets, locks):
                st.rerun()


def show(hplan):
    """Everyone's week: what falls short by name, each day's dishes with everyone's servings, a chart per member."""
    said = dict(hp.household_notices(hplan))
    if OVER in said:
        st.error("**Over an upper limit**\n\n" + "\n".join(f"- {plain(o)}" for o in said[OVER]))
    if said.get(SHORT, [""])[0].startswith("None: "):
        st.success("Everyone's week meets their targets: each member's week average meets every target, each day "
                   "reaches their daily floors and energy band, and no day goes over an upper limit.")
    elif SHORT in said:
        st.warning("**Where this plan falls short**\n\n" + "\n".join(f"- {plain(s)}" for s in said[SHORT]))
    for note in said.get("Warnings", ()):
        st.warning(plain(note))
    if "What food cannot cover" in said:
        st.info("**What food cannot cover**\n\n" + "\n".join(f"- {plain(a)}" for a in said["What food cannot cover"]))
    table, days = week_table(hplan), len(hplan.plans[0].days)
    st.caption("Each dish once, with everyone's serving ('–': not theirs). At the meals eaten together everyone has "
               "the table's dishes, unless their diet or targets call for a dish of their own.")
    if days <= 7:
        pairs = zip(st.tabs([f"Day {d + 1}" for d in range(days)], key="hh_day_tab"), range(days), strict=True)
    else:
        pick = st.selectbox("Day", range(days), format_func=lambda d: f"Day {d + 1}", key="hh_day_pick")
        pairs = [(st.container(), pick)]
    for tab, day in pairs:
        with tab:
            frame = hp.day_frame(table, day)
            st.table(frame.map(plain).set_axis([plain(c) for c in frame.columns], axis="columns"))
            slots = [m.slot for m in hplan.plans[0].days[day].meals]
            for column, slot in zip(st.columns(len(slots)), slots, strict=True):
                column.checkbox(f"Keep {SLOT_LABELS[slot].lower()}", key=tick_key((day, slot)),
                                help="Keep this meal for everyone when you ask for another week or a day again")
            for name, steps in hp.methods(hplan, day):
                with st.expander(f"How to make it: {plain(name)}"):
                    st.markdown("\n".join(f"{n}. {plain(step)}" for n, step in enumerate(steps, 1)))
    st.subheader("Does each day reach everyone's targets?")
    st.caption("One chart per member. Each bar is one day's share of that member's target: green at or above "
               "100 %, amber below. Black line: 100 %. Red dashed line: the upper limit, where one applies to food.")
    columns = st.columns(min(2, len(hplan.plans)))  # two charts side by side at most: each is two panels wide
    for n, ((label, plan), (_, hei)) in enumerate(zip(zip(hplan.labels, hplan.plans, strict=True),
                                                      hp.quality_rows(hplan), strict=True)):
        with columns[n % len(columns)]:
            st.altair_chart(coverage_chart(coverage_frame(plan)).properties(title=label), width="content")
            if hei is not None:
                st.metric(f"Healthy Eating Index 2020: {plain(label)}", f"{hei:.0f} of 100")
    for note in said.get("Notes", ()):
        st.caption(plain(note))


def shopping_tab(hplan, foods):
    st.caption("Everyone's grams summed. Amounts are rounded up to what shops sell; \"the menu uses\" is the "
               "menu's own amount and, where it differs, the raw or dry weight to buy for it.")
    grams = hplan.grams_by_food()
    in_plan = {f: str(foods.at[f, "name"]) for f in grams}
    pantry = st.multiselect("Already in my kitchen", list(in_plan), format_func=in_plan.get, key="hh_pantry",
                            default=[f for f in PANTRY_STAPLES if f in in_plan and "hh_pantry" not in st.session_state])
    items = grams_list(grams, foods, set(pantry))  # household_shopping, from the grams summed above
    aisles: dict[str, list[str]] = {}
    for item in items:  # in the list's order: aisle by aisle
        aisles.setdefault(item.aisle, []).append(f"- {plain(item_line(item))}")
    for aisle, lines in aisles.items():
        st.markdown(f"**{plain(aisle)}**\n\n" + "\n".join(lines))
    a, b, c = st.columns(3)
    a.download_button("Shopping list (CSV, for a spreadsheet)", to_csv(items), "shopping-list.csv", "text/csv",
                      key="hh_dl_csv")
    b.download_button("Shopping list (text, for a phone note)",
                      to_markdown(items, notices=hp.household_notices(hplan)), "shopping-list.md", "text/markdown",
                      key="hh_dl_md")
    c.download_button("Menu and list (PDF, to print)", lambda: household_pdf(hplan, items), "cramp-menu.pdf",
                      "application/pdf", key="hh_dl_pdf")


def file_tab(hplan, foods):
    if hplan is not None:
        st.download_button("Save this plan (JSON)", hplan.to_json(), "cramp-menu-household.json", "application/json",
                           key="hh_dl_plan")
        save_link(hplan, hplan.to_json(), MAX_HOUSEHOLD_BYTES, key="hh_save_link")
    upload = st.file_uploader("Open a saved plan", type=["json"], key="upload")
    if upload is not None and st.session_state.get("last_upload") != upload.file_id:
        st.session_state.last_upload = upload.file_id
        error = household_sidebar.open_household(upload.getvalue(), foods)
        if error:
            st.error(plain(error))
        else:
            st.session_state.opened = upload.file_id
            st.rerun()
    elif upload is not None and st.session_state.get("opened") == upload.file_id:
        st.success("Plan opened: see **Your week**. The household in the sidebar is the plan's.")


def tabs(plan_tab, shop_tab, file_tab_, foods, household, my_targets, settings, pool, base_targets):
    """The household's week, shopping list and files, in the page's tabs."""
    with plan_tab:
        week_tab(foods, household, my_targets, settings, pool, base_targets)
    hplan = st.session_state.get("household_plan")
    with shop_tab:
        if hplan is None:
            st.info("Plan a week first; its shopping list appears here.")
        else:
            shopping_tab(hplan, foods)
    with file_tab_:
        file_tab(hplan, foods)

