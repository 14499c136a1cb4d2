"""Writes the hostile plan files of this folder from valid-one-day.json (kept, so the files can be remade).

valid-one-day.json is a real plan: `python -m planner week --sex female --age 30 --days 1 --out
valid-one-day.json`. Each other file changes one thing in it; expected.csv says what each must be told.
Big files (100,000 nested lists, 29 days, over 200 KB) are made by tests/test_plan_corpus.py instead.
Run from the repository root: `PYTHONPATH=. python tests/corpus/plans/make_corpus.py`."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from planner.foods import load_foods
from planner.measures import portion_text
from planner.plan import day_totals
from planner.targets import Profile, targets_for

HERE = Path(__file__).resolve().parent
BASE = json.loads((HERE / "valid-one-day.json").read_text(encoding="utf-8"))
HOSTILE = ("![x](https://evil.example/pixel.png) [click me](https://evil.example/) "
           "<img src='https://evil.example/img.png'> www.evil.example")


def plan() -> dict:
    return copy.deepcopy(BASE)


def first_item(data: dict) -> dict:
    return data["days"][0]["meals"][0]["items"][0]


def write(name: str, data) -> None:
    text = data if isinstance(data, str) else json.dumps(data, indent=1, ensure_ascii=False)
    (HERE / name).write_text(text, encoding="utf-8")


def with_item(**changes) -> dict:
    data = plan()
    first_item(data).update(changes)
    return data


def raw_grams(literal: str) -> str:
    """The base plan with its first item's grams written as a raw JSON literal (NaN, Infinity, 309 digits)."""
    text = json.dumps(plan(), indent=1, ensure_ascii=False)
    return text.replace('"grams": 351.0', f'"grams": {literal}', 1)


def calcium_day(foods) -> dict:
    """Day 1 full of calcium-rich foods, each at a portion the food table allows, grams matching; its totals
    edited to claim exactly 5,000 mg (the real sum is computed by whoever opens it)."""
    meals = {"breakfast": [("kefir", 1.5), ("swiss-cheese", 2), ("milk", 1.5), ("yogurt", 1)],
             "lunch": [("tofu", 1.5), ("parmesan", 1), ("sardines", 1)],
             "dinner": [("canned-salmon", 1.5), ("cheddar", 2)],
             "snack": [("ryazhenka", 1.5), ("gouda", 1)]}
    data = plan()
    eaten = []
    for meal in data["days"][0]["meals"]:
        meal["items"] = []
        for food_id, portions in meals[meal["slot"]]:
            grams = round(portions * float(foods.at[food_id, "portion_g"]), 1)
            meal["items"].append({"food_id": food_id, "name": foods.at[food_id, "name"], "grams": grams,
                                  "portions": portions, "label": portion_text(portions, foods.at[food_id,
                                                                                                  "portion_label"])})
            eaten.append((food_id, grams))
    totals = day_totals(eaten, foods)
    totals["calcium_mg"] = 5000.0
    data["daily_totals"] = [totals]
    data["weekly_average"] = dict(totals)
    data["coverage"]["calcium_mg"] = 5.0
    data["shortfalls"] = []
    return data


def main() -> None:
    foods = load_foods()
    write("grams-string.json", with_item(grams="351"))
    write("grams-infinity.json", raw_grams("Infinity"))
    write("grams-nan.json", raw_grams("NaN"))
    write("grams-negative.json", with_item(grams=-500))
    write("grams-309-digits.json", raw_grams("1" + "0" * 308))
    write("grams-true.json", with_item(grams=True))
    write("grams-not-matching.json", with_item(grams=3510.0))
    write("portions-too-many.json", with_item(portions=40, grams=40 * 234.0))
    write("portions-not-half.json", with_item(portions=1.3, grams=304.2))
    write("unknown-food.json", with_item(food_id="unicorn-steak"))
    write("avoided-food.json", with_item(food_id="coffee", portions=1, grams=237.0))
    write("food-id-markdown.json", with_item(food_id=HOSTILE))
    data = with_item()
    data["days"][0]["meals"][0]["items"][0]["name"] = "Oatmeal " * 1000
    write("name-too-long.json", data)
    data = plan()
    data["days"][0]["meals"][1]["slot"] = "elevenses"
    write("unknown-slot.json", data)
    data = plan()
    data["days"][0]["meals"][0]["items"] *= 4  # 20 items in one meal
    write("too-many-items.json", data)
    data = plan()
    data["days"][0]["index"] = "0"
    write("day-index-string.json", data)
    data = plan()
    data["days"] = [data["days"][0], copy.deepcopy(data["days"][0])]
    write("duplicate-days.json", data)
    data = plan()
    data["days"][0]["index"] = 1
    write("day-out-of-order.json", data)
    data = plan()
    data["days"] = []
    write("empty-days.json", data)
    write("seed-1e400.json", json.dumps(plan(), indent=1).replace('"seed": 0', '"seed": 1e400'))
    write("seed-5000-digits.json", json.dumps(plan(), indent=1).replace('"seed": 0', '"seed": ' + "9" * 5000))
    write("seed-negative.json", json.dumps(plan(), indent=1).replace('"seed": 0', '"seed": -1'))
    data = plan()
    data["targets"]["profile"]["age"] = 5
    write("profile-age-5.json", data)
    data = plan()
    data["targets"]["profile"]["age"] = "thirty"
    write("profile-age-text.json", data)
    data = plan()
    pregnant = Profile(**dict(data["targets"]["profile"], pregnancy_trimester=2))
    data["targets"] = targets_for(pregnant).to_dict()  # a pregnant woman's plan, holding chamomile tea
    write("pregnant-with-chamomile.json", data)
    data = plan()
    data["targets"]["targets"]["calcium_mg"]["max"] = 5000
    write("override-above-upper-limit.json", data)
    data = plan()
    data["targets"]["targets"]["unobtainium_mg"] = {"min": 1, "max": None, "unit": "mg", "source": ""}
    write("unknown-target.json", data)
    write("calcium-5000mg.json", calcium_day(foods))
    data = plan()
    data["notes"] = ["# A heading from the file", HOSTILE, "<script>alert(1)</script>"]
    data["targets"]["warnings"] = ["## Warning heading", HOSTILE]
    data["shortfalls"] = [{"key": "calcium_mg", "got": 1, "target": 1000, "unit": "mg", "day": None,
                           "reason": HOSTILE}]
    write("markdown-notes.json", data)
    write("not-json.json", "{\"schema\": 1, \"days\": [")
    write("not-a-plan.json", "[1, 2, 3]")
    write("schema-99.json", '{"schema": 99}')


if __name__ == "__main__":
    main()
