"""Cramp Menu: the Streamlit page. It wires widgets to planner functions; the work happens in planner/."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

import household_view
from planner import household_page, session
from planner.charts import coverage_chart, sources_chart
from planner.dishes import load_dishes
from planner.foods import ALLERGENS, DIETS, SLOT_LABELS, SLOTS, FoodFilter, load_foods
from planner.grid import grid_csv, week_grid
from planner.meal import replan_meal
from planner.model import allowed_dishes, plan_week
from planner.nutrients import BY_KEY, PRIMARY, label
from planner.page_text import ACTIVITY_HELP, ACTIVITY_LABELS, ALLERGEN_LABELS, DIET_LABELS, plain
from planner.pdf import DISCLAIMER, to_pdf
from planner.plan import Plan
from planner.planfile import read_plan_upload
from planner.report import coverage_frame, met_summary, notices, sources_frame
from planner.settings import PlanSettings, keep_all_but_day, locks_from_plan
from planner.shopping import PANTRY_STAPLES, item_line, shopping_list, tick, to_csv, to_markdown
from planner.store import PlanStore, StoreError, open_store, store_config
from planner.targets import ACTIVITIES, Profile, ProfileError, targets_for, with_overrides
from planner.upper_limits import over_limits
from planner.workers import WorkerPool

st.set_page_config(page_title="Cramp Menu", page_icon="🥦", layout="wide")

NONE = "–"  # what a table shows where it has no value (a dash, never the word 'None')
# On a narrow screen the tab names wrap onto a second line instead of hiding behind a scroll arrow.
PAGE_STYLE = "<style>[data-testid='stTabs'] [role='tablist'] {flex-wrap: wrap; row-gap: 0.25rem;}</style>"


@st.cache_data
def foods_table() -> pd.DataFrame:
    return load_foods()


@st.cache_resource
def dishes_table():
    return load_dishes(foods_table())


@st.cache_data
def base_targets(profile: Profile, diet: str):
    return targets_for(profile, diet)


def sidebar(foods: pd.DataFrame):
    """The person and her preferences; returns (profile or None, food filter, liked ids, days, slots, dishes
    left out)."""
    st.sidebar.header("About you")
    sex = st.sidebar.radio("Sex", ("female", "male"), format_func=str.capitalize, horizontal=True, key="sex")
    age = st.sidebar.number_input("Age (years)", min_value=9, max_value=120, value=30, step=1, key="age")
    stage = st.sidebar.selectbox("Pregnancy or breastfeeding", session.STAGES, key="stage",
                                 disabled=sex == "male")
    trimester = months = None
    if sex == "female" and stage == "Pregnant":
        trimester = st.sidebar.radio("Trimester", (1, 2, 3), horizontal=True, key="trimester")
    elif sex == "female" and stage == "Breastfeeding":
        months = st.sidebar.number_input("Months since the birth", 0, 24, 3, key="months")
    activity = st.sidebar.selectbox("Activity", ACTIVITIES, index=1, format_func=ACTIVITY_LABELS.get, key="activity",
                                    help=ACTIVITY_HELP)
    height = weight = None
    if st.sidebar.checkbox("Use my height and weight (better energy estimate)", key="use_body"):
        height = st.sidebar.number_input("Height (cm)", 100.0, 250.0, 165.0, key="height")
        weight = st.sidebar.number_input("Weight (kg)", 25.0, 300.0, 65.0, key="weight")
    kidney = st.sidebar.checkbox("I have kidney disease or take drugs that keep potassium in the body",
                                 key="kidney", help="Such as some blood-pressure drugs (ACE inhibitors, "
                                 "potassium-sparing diuretics). The planner then needs your doctor's potassium limit.")
    potassium_max = None
    if kidney:
        potassium_max = st.sidebar.number_input(
            "Daily potassium limit from your doctor or renal dietitian (mg)", min_value=0, max_value=10_000,
            value=None, step=100, key="potassium_max", placeholder="Ask them, then enter it here",
            help="Ask: 'How many milligrams of potassium may I eat a day?' The planner sets no limit of its own.")

    st.sidebar.header("Food")
    diet = st.sidebar.selectbox("Diet", DIETS, format_func=DIET_LABELS.get, key="diet")
    fortified = st.sidebar.checkbox("Milk with added vitamin D and UV-treated mushrooms are sold where I shop",
                                    value=True, key="fortified",
                                    help="Untick if not: the plan then counts only the vitamin D food has by nature.")
    allergens = st.sidebar.multiselect("Allergies and intolerances", ALLERGENS, format_func=ALLERGEN_LABELS.get,
                                       key="allergens")
    names = session.food_options(foods, dishes_table())
    disliked = st.sidebar.multiselect("Foods I don't eat", list(names), format_func=names.get, key="disliked",
                                      help="A food you swap out of the week is added here; take it out to have "
                                           "it again.")
    liked = st.sidebar.multiselect("Foods I'd like more often", list(names), format_func=names.get, key="liked")
    both = session.in_both(liked, disliked)
    if both:
        it, be = ("it", "is") if len(both) == 1 else ("they", "are")
        st.sidebar.warning(plain(", ".join(names[f] for f in both)) + f" {be} also in **Foods I don't eat**, so {it} "
                           f"{be} left out: take {'it' if it == 'it' else 'them'} out of that list to have "
                           f"{'it' if it == 'it' else 'them'} more often.")
    dish_names = session.dish_options(dishes_table())
    dropped_dishes = st.sidebar.multiselect("Dishes I don't want", list(dish_names), format_func=dish_names.get,
                                            key="disliked_dishes", help="A dish you swap out of the week is added "
                                            "here; take it out to have it again.")
    days = st.sidebar.slider("Days to plan", 1, 28, 7, key="days")
    slots = st.sidebar.multiselect("Meals to plan", SLOTS, default=list(SLOTS), format_func=SLOT_LABELS.get,
                                   key="slots") or list(SLOTS)

    try:
        profile = Profile(sex, int(age), trimester, months, activity, height, weight, kidney,
                          None if potassium_max is None else float(potassium_max))
    except ProfileError as exc:
        st.sidebar.error(f"Please check your details: {plain(exc)}.")
        profile = None
    rule = FoodFilter(diet, tuple(allergens), tuple(disliked), profile is not None and profile.condition != "none",
                      fortified)
    return profile, rule, tuple(liked), days, tuple(s for s in SLOTS if s in slots), tuple(dropped_dishes)


def targets_editor(profile: Profile, diet: str):
    """Targets with sources; a person may change minimums and maximums (a doctor's advice wins)."""
    targets = base_targets(profile, diet)
    rows = [{"key": t.key, "Nutrient": label(t.key), "Minimum a day": t.min, "Maximum a day": t.max,
             "Source": t.source.split(" | ")[0]} for t in targets.nutrients]
    rows.append({"key": "energy_kcal", "Nutrient": "Energy (kcal)", "Minimum a day": targets.energy_min,
                 "Maximum a day": targets.energy_max, "Source": targets.energy_source})
    st.caption("The minimum is the RDA or AI for your life stage; the maximum is the upper limit where it applies "
               "to food. Change a number if your doctor or midwife gave you another one.")
    edited = st.data_editor(pd.DataFrame(rows), key=f"targets_{hash(profile)}", hide_index=True,
                            disabled=["key", "Nutrient", "Source"], column_config={"key": None},
                            width="stretch", placeholder=NONE)
    changes = {}
    for row, orig in zip(edited.itertuples(index=False), rows, strict=True):
        low, high = row[2], row[3]
        low = None if pd.isna(low) else float(low)
        high = None if pd.isna(high) else float(high)
        if (low, high) != (orig["Minimum a day"], orig["Maximum a day"]):
            changes[orig["key"]] = (low, high)
    try:
        return with_overrides(targets, changes) if changes else targets
    except ProfileError as exc:
        st.error(f"That change was not applied: {plain(exc)}. The table keeps your edit; correct it to use it.")
        return targets


@st.cache_resource
def planning_pool() -> WorkerPool:
    """One pool of planning processes per server, shared by every session (see planner/workers.py)."""
    return WorkerPool()


planning_pool()  # at the first page view, so that the first plan need not wait for the workers to start


def run_plan(foods, targets, settings: PlanSettings, job=None) -> Plan | None:
    """Plan in a worker process (plan_week, or `job`: (function, args)); the new plan, or None with the reason
    shown. Keep ticks stay on the meals that stayed as they were, from the next run on (see apply_pending)."""
    allowed = allowed_dishes(dishes_table(), foods, settings)
    fn, args = job or (plan_week, (foods, targets, settings))
    plan = household_view.in_worker(planning_pool(), "Planning your week…",
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


def pending(values: dict):
    """Widget values for the next run, set before any widget is drawn (a drawn widget's value cannot change)."""
    st.session_state.pending = {**st.session_state.get("pending", {}), **values}


def apply_pending():
    st.session_state.update(st.session_state.pop("pending", {}))


def forget_locks() -> dict:
    """Every Keep tick, unticked."""
    return {k: False for k in st.session_state if str(k).startswith("lock_")}


def locked(plan: Plan) -> set[tuple[int, str]]:
    return {(d.index, m.slot) for d in plan.days for m in d.meals if st.session_state.get(f"lock_{d.index}_{m.slot}")}


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
                keep = keep_all_but_day(plan, day.index) | {k for k in locked(plan) if k[0] == day.index}
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


def got_it(food_id: str):
    """A tick on the shopping list: kept in the plan, so it is saved and comes back with it."""
    st.session_state.plan = tick(st.session_state.plan, food_id, st.session_state[f"got_{food_id}"])


def swap_out(plan: Plan, foods, targets, settings: PlanSettings, swap: str, shown: str):
    """Swap a dish or a food out of the whole week: the meals without it stay, and it goes into the sidebar's
    'Dishes I don't want' or 'Foods I don't eat', where it is seen and can be taken out again."""
    kind, ident = swap.split(":", 1)
    kept = sorted(session.meals_holding(plan, kind, ident) & locked(plan))
    if not run_plan(foods, targets, session.swap_settings(plan, settings, kind, ident)):
        return
    name = shown.split(": ", 1)[1]
    where, listed = session.LISTS[kind]
    pending({where: list(dict.fromkeys([*st.session_state.get(where, []), ident])), "swap_choice": None})
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
    others = locks_from_plan(plan, session.all_meals(plan) - {key})
    with st.popover("Change this meal", key=f"change_{day}_{slot}"):
        if st.button("Another idea for this meal", key=f"remeal_{day}_{slot}",
                     help="A different meal here; every other meal stays as it is"):
            job = (replan_meal, (plan, foods, targets, settings, key))
            if run_plan(foods, targets, replace(settings, locks=others), job):
                st.rerun()
        choices = session.swap_choices([meal])
        swap = st.selectbox("Swap out, in this meal only", sorted(choices, key=choices.get), index=None,
                            key=f"mealswap_choice_{day}_{slot}", format_func=choices.get, placeholder="Choose one…")
        if st.button("Swap it in this meal", key=f"mealswap_{day}_{slot}", disabled=swap is None):
            kind, ident = swap.split(":", 1)
            job = (replan_meal, (plan, foods, targets, settings, key, kind, ident))
            if run_plan(foods, targets, replace(settings, locks=others), job):
                pending({f"mealswap_choice_{day}_{slot}": None})
                st.rerun()


def shopping(plan: Plan, foods):
    st.caption("Amounts are rounded up to what shops sell. \"The menu uses\" is the menu's own amount (cooked "
               "where the menu says cooked) and, where it differs, the raw or dry weight to buy for it. Tick items "
               "off as you shop: the ticks are kept with the plan when you save it.")
    in_plan = {i.food_id: i.name for _, _, i in plan.items()}
    pantry = st.multiselect("Already in my kitchen", list(in_plan), format_func=in_plan.get, key="pantry",
                            default=[f for f in PANTRY_STAPLES if f in in_plan and "pantry" not in st.session_state])
    items = shopping_list(plan, foods, set(pantry))
    aisle = None
    for item in items:
        if item.aisle != aisle:
            aisle = item.aisle
            st.markdown(f"**{plain(aisle)}**")
        st.session_state[f"got_{item.food_id}"] = item.food_id in plan.checked  # the plan's ticks, always
        st.checkbox(plain(item_line(item)), key=f"got_{item.food_id}", on_change=got_it, args=(item.food_id,))
    a, b, c = st.columns(3)
    a.download_button("Shopping list (CSV, for a spreadsheet)", to_csv(items), "shopping-list.csv", "text/csv",
                      key="dl_csv")
    b.download_button("Shopping list (text, for a phone note)",
                      to_markdown(items, notices=notices(plan), checked=plan.checked), "shopping-list.md",
                      "text/markdown", key="dl_md")
    # Built only when clicked: making the PDF takes about 0.13 s, too much for every rerun of the page.
    c.download_button("Menu and list (PDF, to print)", lambda: to_pdf(plan, items), "cramp-menu.pdf",
                      "application/pdf", key="dl_pdf")


@st.cache_resource
def _open_store(url: str, keep_days: float) -> PlanStore:
    return open_store(url, keep_days)  # one engine (connection pool) per database for the whole server


def plan_store() -> PlanStore:
    """The store of plans behind private links: CRAMP_MENU_DB_URL, else [plans] in secrets.toml, else SQLite."""
    plans = st.secrets.get("plans", {}) if st.secrets.load_if_toml_exists() else {}
    config = store_config(plans, os.environ)
    return _open_store(config.url, config.keep_days)


def open_plan_link():
    """Open the plan behind ?plan=<token> once a session, before the sidebar's widgets take their values."""
    token = st.query_params.get("plan")
    if not token or st.session_state.get("link_token") == token:
        return
    st.session_state.link_token = token
    try:
        store = plan_store()
        text = store.load(token, datetime.now(UTC))
    except StoreError as exc:
        st.error(f"The plan from your link could not be opened: {exc}. Whatever you had is unchanged.")
        return
    if text is None:
        st.warning(f"This plan link is unknown or has expired (plans are kept for {store.keep.days} days). Plan "
                   "a new week, or open a plan file you saved. Whatever you had is unchanged.")
        return
    plan, error = read_plan_upload(text.encode("utf-8"), foods_table())  # believed no more than an upload
    if plan is None:
        st.error(plain(error))
        return
    st.session_state.update(forget_locks() | session.widget_values(plan), plan=plan, seed=plan.seed,
                            plan_basis=session.opened_basis(plan))
    st.success("Plan opened from your link: see **Your week**. " + opened_says(plan))


def opened_says(plan: Plan | None) -> str:
    """What the sidebar now holds after opening a plan."""
    if plan is None:
        return "Your details in the sidebar are the plan's."
    if plan.asked is None:
        return ("Your details in the sidebar are the plan's, but this file was saved before plans kept allergies "
                "and foods left out: check them in the sidebar before you plan again.")
    return "Your details in the sidebar, allergies and foods left out included, are the plan's."


def save_link(plan: Plan):
    """Store the plan and show its private link; the link stays shown while this plan is on the page."""
    if st.button("Save and get a private link", key="save_link"):
        try:
            now = datetime.now(UTC)
            store = plan_store()
            st.session_state.saved_link = (plan, store.save(plan.to_json(), now), now + store.keep)
        except StoreError as exc:
            st.error(f"The plan could not be saved: {exc}. Your plan is unchanged; you can save it as a file.")
    saved = st.session_state.get("saved_link")
    if saved and saved[0] is plan:
        st.code(f"{(st.context.url or '').rstrip('/')}/?plan={saved[1]}", language=None)
        st.caption(f"Anyone with this link can open this plan, on any device. It is kept until "
                   f"{saved[2]:%d %B %Y} (UTC); keep the link private. A changed plan needs a new link.")


def guidance(foods):
    st.error("**Get help now** if cramps come with convulsions of the whole body or loss of consciousness: "
             "call emergency services. See a doctor if cramps are frequent, severe, or come with swelling, "
             "redness or weakness of the leg.")
    st.markdown("**What the source article says to avoid.** The planner never puts these in a menu:")
    avoid = foods[foods.avoid == "yes"]
    st.dataframe(pd.DataFrame({"Drink": avoid.name, "Why": avoid.avoid_reason}), hide_index=True,
                 width="stretch", placeholder=NONE)
    st.markdown("The article also names herbal folk remedies (adonis, lily of the valley, mistletoe, wormwood). "
                "Some are poisonous; Cramp Menu never suggests them. Medicines and supplements, such as "
                "magnesium tablets, are for your doctor to decide.")
    st.caption("Nutrient values: USDA National Nutrient Database for Standard Reference, Release 28 (2016). "
               "Targets: Dietary Reference Intakes of the US National Academies. " + DISCLAIMER)


def main():
    foods = foods_table()
    st.html(PAGE_STYLE)
    st.title("Cramp Menu")
    st.markdown("A week of everyday meals rich in **potassium, magnesium, calcium and vitamin D**, the minerals "
                "linked to muscle cramps, with a shopping list. *Not medical advice.*")
    st.caption("⚠️ Cramps with convulsions of the whole body or loss of consciousness need urgent care. "
               "Frequent cramps need a doctor. See **Safety and what to avoid**.")
    apply_pending()
    open_plan_link()
    together = household_view.mode()
    profile, rule, liked, days, slots, dropped_dishes = sidebar(foods)
    household = household_view.members(foods, dishes_table(), profile, rule, liked, dropped_dishes) if together \
        else None
    settings = PlanSettings(days=days, slots=slots, food_filter=rule, liked=liked, exclude_dishes=dropped_dishes,
                            seed=st.session_state.get("seed", 0))
    plan_tab, targets_tab, shop_tab, safety_tab, file_tab = st.tabs(
        ["Your week", "Your targets", "Shopping list", "Safety and what to avoid", "Save or open a plan"])
    targets = None
    with targets_tab:
        if profile is None:
            st.info("Correct your details in the sidebar to see your targets.")
        else:
            targets = targets_editor(profile, rule.diet)
            for t in targets.uncounted:
                st.caption(f"{label(t.key)}: {t.min:g} {t.unit} a day ({t.note}).")
            if together:
                st.caption("These are your own targets. Everyone else in the household has the targets for their "
                           "own details:")
                if household is not None:
                    household_view.others_targets(household, base_targets)
    if together:
        household_view.tabs(plan_tab, shop_tab, file_tab, foods, household, targets, settings, planning_pool(),
                            base_targets)
    else:
        one_person(plan_tab, shop_tab, file_tab, foods, targets, settings)
    with safety_tab:
        guidance(foods)


def one_person(plan_tab, shop_tab, file_tab, foods, targets, settings: PlanSettings):
    """The week, shopping list and files of one person's plan."""
    with plan_tab:
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
    with shop_tab:
        if st.session_state.get("plan") is None:
            st.info("Plan a week first; its shopping list appears here.")
        else:
            shopping(st.session_state.plan, foods)
    with file_tab:
        if st.session_state.get("plan") is not None:
            st.download_button("Save this plan (JSON)", st.session_state.plan.to_json(), "cramp-menu-plan.json",
                               "application/json", key="dl_plan")
            save_link(st.session_state.plan)
        upload = st.file_uploader("Open a saved plan", type=["json"], key="upload")
        if upload is not None and st.session_state.get("last_upload") != upload.file_id:
            # Each file is read once. A bad one is reported on this run only: the plan the person had stays,
            # and the next thing they do clears the message instead of bringing it back on every rerun.
            st.session_state.last_upload = upload.file_id
            plan, error = read_plan_upload(upload.getvalue(), foods)
            if plan is None and household_page.is_household(upload.getvalue()):
                error = household_view.open_household(upload.getvalue(), foods)  # it then opens as a household
                if error is None:
                    st.session_state.opened = upload.file_id
                    st.rerun()
            if plan is None:
                st.error(plain(error))
            else:  # its profile goes into the sidebar at the start of the next run, before the widgets
                pending(forget_locks() | session.widget_values(plan))
                st.session_state.plan = plan
                st.session_state.seed = plan.seed
                st.session_state.plan_basis = session.opened_basis(plan)  # None: an older file does not say
                st.session_state.opened = upload.file_id
                st.rerun()
        elif upload is not None and st.session_state.get("opened") == upload.file_id:
            st.success("Plan opened: see **Your week**. " + opened_says(st.session_state.get("plan")))


main()
