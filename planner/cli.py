"""`python -m planner`: targets, a week's menu, its shopping list, and the classic diet problem."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.diet import DietInputError, read_tables, solve_diet
from planner.dishes import load_dishes
from planner.extract import PlanError
from planner.foods import ALLERGENS, DIETS, FOODS_CSV, SLOTS, FoodFilter, FoodTableError, load_foods
from planner.household import household_shopping, plan_household, week_table
from planner.household_file import MAX_HOUSEHOLD_BYTES, read_household, read_household_plan
from planner.household_page import household_notices
from planner.model import plan_week
from planner.nutrients import label
from planner.pattern import compare_to_pattern, format_pattern, pattern_for, plan_day_groups
from planner.planfile import PlanFileError, read_plan_file
from planner.quality import format_hei, hei2020
from planner.report import notices
from planner.settings import SOLVERS, PlanSettings
from planner.shopping import to_csv, to_markdown
from planner.targets import ACTIVITIES, Profile, ProfileError, targets_for
from planner.upper_limits import over_limits

EXAMPLES = {
    "targets": "python -m planner targets --sex female --age 28 --pregnancy-trimester 2 [--json]",
    "week": "python -m planner week --sex female --age 28 --pregnancy-trimester 2 --days 7 --out plan.json",
    "shopping": "python -m planner shopping plan.json --format csv --out list.csv",
    "quality": "python -m planner quality plan.json [--vegetarian]",
    "diet": "python -m planner diet --foods foods.csv --requirements requirements.csv [--integer] [--json]",
    "dishes": "python -m planner dishes --slot breakfast --food banana",
}
HOUSEHOLD_EXAMPLE = "python -m planner week --household data/examples/household.json --out plan.json"


def _ids(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(",") if w.strip()) if text else ()


def _profile_args(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--sex", choices=("female", "male"), required=required)
    p.add_argument("--age", type=int, required=required)
    p.add_argument("--pregnancy-trimester", type=int, choices=(1, 2, 3))
    p.add_argument("--lactation-months", type=int, help="breastfeeding: months since birth")
    p.add_argument("--activity", choices=ACTIVITIES, default="low_active")
    p.add_argument("--height-cm", type=float)
    p.add_argument("--weight-kg", type=float)
    p.add_argument("--kidney", action="store_true",
                   help="kidney disease or drugs that keep potassium in the body: needs --potassium-max")
    p.add_argument("--potassium-max", type=float, metavar="MG",
                   help="the daily potassium limit your doctor or renal dietitian gave you (mg)")
    p.add_argument("--phosphorus-max", type=float, metavar="MG", help="a daily phosphorus limit (mg)")


def _profile(a) -> Profile:
    return Profile(a.sex, a.age, a.pregnancy_trimester, a.lactation_months, a.activity, a.height_cm, a.weight_kg,
                   a.kidney, a.potassium_max, a.phosphorus_max)


def cmd_targets(a) -> int:
    targets = targets_for(_profile(a), a.diet)
    if a.json:
        print(json.dumps(targets.to_dict(), indent=1, ensure_ascii=False))
        return 0
    print(f"{'nutrient':28} {'min':>8} {'max':>8}  source")
    for t in targets.nutrients:
        fmt = lambda v: "-" if v is None else f"{v:g}"  # noqa: E731
        print(f"{label(t.key):28} {fmt(t.min):>8} {fmt(t.max):>8}  {t.source.split(' | ')[0][:90]}")
    print(f"{'Energy (kcal)':28} {targets.energy_min:>8g} {targets.energy_max:>8g}  {targets.energy_source[:90]}")
    for t in targets.uncounted:
        print(f"{label(t.key):28} {t.min:>8g} {'-':>8}  {t.note}")
    for w in targets.warnings:
        print("! " + w)
    return 0


def cmd_household_week(a, foods) -> int:
    household = read_household(Path(a.household).read_bytes())
    settings = PlanSettings(days=a.days, slots=_ids(a.slots), seed=a.seed, solver=a.solver)
    plan = plan_household(foods, household, settings)
    if a.out:
        Path(a.out).write_text(plan.to_json(), encoding="utf-8")
    for (day, meal), rows in week_table(plan).groupby(["Day", "Meal"], sort=False):
        print(f"{day} {meal}")
        for row in rows.itertuples(index=False):
            print(f"  {row.Dish}: " + ", ".join(f"{k} {v}" for k, v in zip(plan.labels, row[3:], strict=True)
                                               if v != "–"))
    print(f"\n{plan.status} by {plan.plans[0].solver} in {plan.seconds:.2f} s")
    for name, member in zip(plan.labels, plan.plans, strict=True):
        hei = member.quality.get("hei2020", {}).get("total")
        print(f"{name}: " + ("meets every target" if not member.shortfalls else f"{len(member.shortfalls)} short")
              + (f"; Healthy Eating Index 2020 {hei:.0f} of 100" if hei is not None else ""))
        for short in member.shortfalls:
            print(f"  {name}, " + ("over: " if short.over else "short: ") + short.text)
    if a.out:
        print(f"plan written to {a.out}")
    return 0


def cmd_week(a) -> int:
    foods = load_foods(a.foods)
    if a.household:
        return cmd_household_week(a, foods)
    if a.sex is None or a.age is None:
        raise ValueError("a week needs --sex and --age, or --household FILE (see data/examples/household.json)")
    profile = _profile(a)
    rule = FoodFilter(a.diet, _ids(a.allergens), _ids(a.exclude), profile.condition != "none",
                      fortified_available=not a.no_fortified)
    settings = PlanSettings(days=a.days, slots=_ids(a.slots), food_filter=rule, liked=_ids(a.like), seed=a.seed,
                            solver=a.solver)
    plan = plan_week(foods, targets_for(profile, a.diet), settings)
    if a.out:
        Path(a.out).write_text(plan.to_json(), encoding="utf-8")
    for day in plan.days:
        print(f"Day {day.index + 1}")
        for meal in day.meals:
            print(f"  {meal.slot:9}: " + "; ".join(f"{d.name} ({d.label})" for d in meal.dishes))
    print(f"\n{plan.status} by {plan.solver} in {plan.seconds:.2f} s")
    for s in plan.shortfalls:
        print(("over: " if s.over else "short: ") + s.text)
    if not plan.shortfalls:
        print("meets every target")
    hei = plan.quality.get("hei2020")
    if hei:
        print(f"Healthy Eating Index 2020: {hei['total']:.0f} of 100" + (f" ({hei['note']})" if "note" in hei else ""))
    for w in plan.targets.warnings:
        print("! " + w)
    for line in plan.advice:
        print("food cannot cover: " + line)
    for note in plan.notes:
        print("note: " + note)
    if a.out:
        print(f"plan written to {a.out}")
    return 0


def cmd_shopping(a) -> int:
    foods = load_foods(a.foods)
    with open(a.plan, "rb") as fh:
        household = read_household_plan(fh.read(MAX_HOUSEHOLD_BYTES + 1), foods)
    plan = household.plans[0]  # the one person's plan, or the first member's for the notices
    for member, name in zip(household.plans, household.labels, strict=True):
        for finding in over_limits(member.daily_totals, member.targets):
            print(f"warning ({name}): " + finding, file=sys.stderr)
    items = household_shopping(household, foods, set(_ids(a.pantry)))
    if a.format == "pdf":
        from planner.pdf import household_pdf, to_pdf

        if not a.out:
            raise ValueError("a PDF needs --out FILE")
        several = len(household.plans) > 1
        Path(a.out).write_bytes(household_pdf(household, items) if several else to_pdf(plan, items))
        print(f"PDF written to {a.out}")
        return 0
    said = household_notices(household) if len(household.plans) > 1 else notices(plan)  # each member by name
    text = to_csv(items) if a.format == "csv" else to_markdown(items, notices=said, checked=plan.checked)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
        print(f"shopping list written to {a.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_quality(a) -> int:
    foods = load_foods(a.foods)
    plan = read_plan_file(a.plan, foods)
    print(format_hei(hei2020(plan.grams_by_food(), foods)) + "\n")
    pattern = pattern_for(plan.targets, "vegetarian" if a.vegetarian else "omnivore", len(plan.days))
    print(format_pattern(compare_to_pattern(plan_day_groups(plan, foods), pattern), pattern))
    return 0


def cmd_diet(a) -> int:
    foods, req = read_tables(a.foods, a.requirements)
    result = solve_diet(foods, req, integer=a.integer)
    if a.json:
        print(json.dumps(result.__dict__, indent=1, allow_nan=False))  # strict JSON: no cost of NaN
        return 0 if result.status == "optimal" else 1
    if result.status != "optimal":
        print("no diet meets every requirement with these foods")
        return 1
    for name, amount in result.amounts.items():
        print(f"{name:30} {amount:12.4g}")
    print(f"total cost: {result.cost:g}")
    print("binding minimums: " + (", ".join(result.binding) or "none"))
    print("binding maxima: " + (", ".join(result.binding_max) or "none"))
    return 0


def cmd_dishes(a) -> int:
    foods = load_foods(a.foods)
    if a.food and a.food not in foods.index:
        raise ValueError(f"no food '{a.food}' in the food table: use an id from {a.foods}")
    dishes = [d for d in load_dishes(foods).values()
              if (not a.slot or a.slot in d.slots) and (not a.food or a.food in d.food_ids)]
    for d in dishes:
        print(f"{d.name} ({d.id}): {d.serving_label}, {'|'.join(d.slots)}, {d.prep_minutes} min")
        print("    " + "; ".join(f"{i.name} {i.grams:g} g" + (f" ({i.measure})" if i.measure else "")
                                for i in d.ingredients))
    print(f"{len(dishes)} dish(es)")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m planner", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("targets", help="daily targets for a person", epilog="example: " + EXAMPLES["targets"])
    _profile_args(p)
    p.add_argument("--diet", choices=DIETS, default="omnivore", help="vegetarian and vegan diets need more iron")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_targets)
    p = sub.add_parser("week", help="plan a week of menus", epilog=f"example: {EXAMPLES['week']}; for a household: "
                       + HOUSEHOLD_EXAMPLE)
    _profile_args(p, required=False)
    p.add_argument("--household", metavar="FILE", help="plan for a household described in a JSON file (members: "
                   "label, sex, age, ...; shared meals); see data/examples/household.json")
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--slots", default=",".join(SLOTS), help="meals to plan, comma-separated")
    p.add_argument("--exclude", default="", help="food ids to leave out, comma-separated")
    p.add_argument("--like", default="", help="food ids to favour, comma-separated")
    p.add_argument("--diet", choices=DIETS, default="omnivore")
    p.add_argument("--allergens", default="", help="comma-separated: " + ", ".join(ALLERGENS))
    p.add_argument("--no-fortified", action="store_true",
                   help="milk with added vitamin D and UV-treated mushrooms are not sold where you shop")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--solver", choices=SOLVERS, default="cbc")
    p.add_argument("--foods", default=FOODS_CSV, help="a food table in the format of data/foods.csv")
    p.add_argument("--out", help="write the plan as JSON")
    p.set_defaults(run=cmd_week)
    p = sub.add_parser("shopping", help="the shopping list of a saved plan", epilog="example: " + EXAMPLES["shopping"])
    p.add_argument("plan")
    p.add_argument("--format", choices=("csv", "md", "pdf"), default="md")
    p.add_argument("--out")
    p.add_argument("--pantry", default="", help="food ids you already have, comma-separated")
    p.add_argument("--foods", default=FOODS_CSV)
    p.set_defaults(run=cmd_shopping)
    p = sub.add_parser("quality", help="HEI-2020 and food-group pattern of a saved plan",
                       epilog="example: " + EXAMPLES["quality"])
    p.add_argument("plan")
    p.add_argument("--vegetarian", action="store_true", help="compare with the Healthy Vegetarian pattern")
    p.add_argument("--foods", default=FOODS_CSV)
    p.set_defaults(run=cmd_quality)
    p = sub.add_parser("diet", help="least-cost diet from any tables", epilog="example: " + EXAMPLES["diet"])
    p.add_argument("--foods", required=True,
                   help="CSV: name, cost per unit, nutrient columns per unit[, min_amount, max_amount]")
    p.add_argument("--requirements", required=True, help="CSV: nutrient, min[, max]")
    p.add_argument("--integer", action="store_true", help="whole units of each food")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_diet)
    p = sub.add_parser("dishes", help="list the dishes", epilog="example: " + EXAMPLES["dishes"])
    p.add_argument("--slot", choices=SLOTS, help="only dishes for this meal")
    p.add_argument("--food", help="only dishes holding this food id")
    p.add_argument("--foods", default=FOODS_CSV, help="a food table in the format of data/foods.csv")
    p.set_defaults(run=cmd_dishes)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (ProfileError, FoodTableError, PlanFileError, PlanError, DietInputError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
