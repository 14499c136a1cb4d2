"""Opening a saved plan: parse it safely, check every value, and re-derive the rest from the food table.

A plan file is never believed. Its foods, portions, meals and profile are checked one by one and the first
bad place is named; its totals, coverage, shortfalls, targets, notes and warnings are thrown away and
derived again from its grams, the current food table and the DRI table, as if the planner had just made it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd

from planner.advice import plan_notes
from planner.constants import STEP
from planner.extract import assemble_plan
from planner.foods import DIETS, SLOTS, FoodFilter, dropped_reasons
from planner.measures import portion_text
from planner.plan import SCHEMA_VERSION, Day, Meal, Plan, PlanItem, missing_value_notes
from planner.settings import PlanSettings
from planner.targets import Profile, ProfileError, targets_for, with_overrides
from planner.upper_limits import over_limits

MAX_PLAN_BYTES = 200_000  # a saved 28-day plan is well under this
MAX_DEPTH = 20  # a plan nests 7 deep; json.loads recurses once per level, so this keeps it far from the limit
MAX_DAYS = 28
MAX_ITEMS = 12  # in one meal; the planner's meals hold at most 6
MAX_TEXT = 200  # characters in a name, a household measure or a profile word
MAX_SEED = 2**31 - 1
MAX_AMOUNT = 1e9  # bigger than any target, objective or time a real plan holds
STATUSES = ("optimal", "best found in time")
_SOLVER_NAME = re.compile(r"[A-Za-z0-9 ._-]{1,40}")
_JSON_TOKENS = re.compile(r'\\.|["\[\]{}]', re.S)


class PlanFileError(ValueError):
    """A plan file that cannot be opened; the message says why in plain words, naming the first bad place."""


class _Unusable:
    """A number in the file that must not be used as it is: NaN, Infinity, 1e400, or one with too many digits."""

    def __init__(self, text: str):
        self.text = text


def _parse_float(text: str):
    value = float(text)
    return value if math.isfinite(value) and len(text) <= 40 else _Unusable(text)


def _parse_int(text: str):
    # Python refuses to turn over 4,300 digits into an int; no plan holds more than 18.
    return int(text) if len(text) <= 18 else _Unusable(text)


def _nests_deeper_than(text: str, limit: int) -> bool:
    """Whether lists/objects nest deeper than `limit`, counted in one pass without recursion."""
    depth, in_string = 0, False
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token == '"':
            in_string = not in_string
        elif in_string or token[0] == "\\":
            continue
        elif token in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def parse(data: str | bytes, max_bytes: int = MAX_PLAN_BYTES):
    """The JSON of a plan file, parsed without letting it exhaust memory, the stack or int conversion."""
    if len(data) > max_bytes:
        raise PlanFileError(f"the file is larger than {max_bytes // 1000} KB, and a saved plan is much smaller; "
                            "choose a plan file saved by Cramp Menu")
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise PlanFileError("this file is not valid JSON (it is not UTF-8 text)") from None
    if _nests_deeper_than(text, MAX_DEPTH):
        raise PlanFileError(f"this file nests lists or objects more than {MAX_DEPTH} deep; a plan nests 7 deep")
    try:
        return json.loads(text, parse_float=_parse_float, parse_int=_parse_int, parse_constant=_Unusable)
    except json.JSONDecodeError as exc:
        raise PlanFileError(f"this file is not valid JSON ({exc})") from None


def _shown(value) -> str:
    """A value from the file as a person can read it, cut short if long."""
    if isinstance(value, _Unusable):
        text = value.text
        unit = "digits" if text.lstrip("-").isdigit() else "characters"
        return f"'{text[:20]}…' ({len(text)} {unit})" if len(text) > 40 else f"'{text}'"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return f"'{value:g}'"
    if isinstance(value, str):
        return json.dumps(value[:80] + "…" if len(value) > 80 else value, ensure_ascii=False)
    return "a list" if isinstance(value, list) else "an object"


def _field(obj: dict, key: str, where: str):
    if key not in obj:
        raise PlanFileError(f"{where}the field '{key}' is missing")
    return obj[key]


def _kind(value, kind: type, what: str):
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        name = {dict: "an object", list: "a list", str: "text", int: "a whole number", bool: "true or false"}[kind]
        raise PlanFileError(f"{what} {_shown(value)} must be {name}")
    return value


def _number(value, what: str, low: float = 0.0, high: float = MAX_AMOUNT) -> float:
    """A finite number from `low` to `high`; `what` names the place ('day 3, lunch, item 2: grams')."""
    if isinstance(value, _Unusable):
        raise PlanFileError(f"{what} {_shown(value)} is not a usable number: use an ordinary finite number")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanFileError(f"{what} {_shown(value)} must be a number")
    if not low <= value <= high:
        wanted = "a positive number" if low == 0 and high == math.inf else f"a number from {low:g} to {high:g}"
        raise PlanFileError(f"{what} {_shown(value)} must be {wanted}")
    return float(value)


def _text(value, what: str) -> str:
    _kind(value, str, what)
    if len(value) > MAX_TEXT:
        raise PlanFileError(f"{what} is {len(value)} characters long; at most {MAX_TEXT}")
    return value


def _profile(raw) -> Profile:
    _kind(raw, dict, "targets: profile")
    kinds = {f.name: f.type for f in fields(Profile)}  # annotations as text: 'int', 'float | None', ...
    args = {}
    for key, value in raw.items():
        what = f"profile: {key}"
        if key not in kinds:
            raise PlanFileError(f"profile: unknown field {_shown(key)}")
        kind = kinds[key]
        if value is None and kind.endswith("| None"):
            args[key] = None
        elif kind.startswith("str"):
            args[key] = _text(value, what)
        elif kind.startswith("float"):
            args[key] = _number(value, what)
        else:
            args[key] = _kind(value, bool if kind.startswith("bool") else int, what)
    try:
        return Profile(**args)
    except TypeError:
        raise PlanFileError("profile: sex and age are needed") from None
    except ProfileError as exc:
        raise PlanFileError(f"profile: {exc}") from None


def _targets(raw):
    """targets_for(profile), with the file's own minimums and maximums applied the way the page applies them."""
    _kind(raw, dict, "targets")
    profile = _profile(_field(raw, "profile", "targets: "))
    diet = raw.get("diet", "omnivore")  # plans saved before diets changed targets have none
    if diet not in DIETS:
        raise PlanFileError(f"targets: diet {_shown(diet)} must be one of: {', '.join(DIETS)}")
    base = targets_for(profile, diet)
    current = {t.key: (t.min, t.max) for t in base.nutrients} | {"energy_kcal": (base.energy_min, base.energy_max)}
    listed = dict(_kind(raw.get("targets", {}), dict, "targets: targets"))
    listed["energy_kcal"] = raw.get("energy_kcal", {})
    overrides = {}
    for key, entry in listed.items():
        if key not in current:
            raise PlanFileError(f"targets: unknown nutrient {_shown(key)}")
        _kind(entry, dict, f"targets: {key}")
        pair = []
        for side, now in zip(("min", "max"), current[key], strict=True):
            value = entry.get(side, now)  # absent: as the DRI table says
            pair.append(None if value is None else _number(value, f"targets: {key}: {side}"))
        if tuple(pair) != current[key]:
            overrides[key] = tuple(pair)
    try:
        return with_overrides(base, overrides) if overrides else base
    except ProfileError as exc:
        raise PlanFileError(f"targets: {exc}") from None


def _item(raw, where: str, foods: pd.DataFrame, refused: dict[str, str]) -> PlanItem:
    _kind(raw, dict, where)
    food_id = _text(_field(raw, "food_id", f"{where}: "), f"{where}: food id")
    if food_id not in foods.index:
        raise PlanFileError(f"{where}: unknown food {_shown(food_id)}; it is not in the food table")
    if food_id in refused:
        raise PlanFileError(f"{where}: '{food_id}' cannot be in this plan: {refused[food_id]}")
    for key in ("name", "label"):
        if key in raw:
            _text(raw[key], f"{where}: {key}")
    grams = _number(_field(raw, "grams", f"{where}: "), f"{where}: grams", high=math.inf)
    if grams == 0:
        raise PlanFileError(f"{where}: grams '0' must be a positive number")
    portions = _number(_field(raw, "portions", f"{where}: "), f"{where}: portions", high=math.inf)
    food = foods.loc[food_id]
    low, high, portion_g = float(food.min_portions), float(food.max_portions), float(food.portion_g)
    if (portions / STEP) % 1 or not low <= portions <= high:
        raise PlanFileError(f"{where}: portions {_shown(portions)} must be in half portions from {low:g} to "
                            f"{high:g} for {food['name']}")
    expected = round(portions * portion_g, 1)
    if abs(grams - expected) > 0.5:
        raise PlanFileError(f"{where}: grams {_shown(grams)} do not match {portions:g} portion(s) of "
                            f"{portion_g:g} g ({expected:g} g)")
    return PlanItem(food_id, food["name"], expected, portions, portion_text(portions, food.portion_label))


def _slots(meals: list, where: str) -> list[str]:
    """The day's meal slots: known ones, each once, in the planner's order."""
    names = []
    for k, meal in enumerate(meals):
        here = f"{where}, meal {k + 1}"
        slot = _kind(_field(_kind(meal, dict, here), "slot", f"{here}: "), str, f"{here}: slot")
        if slot not in SLOTS:
            raise PlanFileError(f"{where}: unknown meal {_shown(slot)}; meals are {', '.join(SLOTS)}")
        names.append(slot)
    if not names or names != sorted(set(names), key=SLOTS.index):
        raise PlanFileError(f"{where}: meals must be some of {', '.join(SLOTS)}, once each, in that order")
    return names


def _days(raw, foods: pd.DataFrame, refused: dict[str, str]) -> list[Day]:
    _kind(raw, list, "days")
    if not 1 <= len(raw) <= MAX_DAYS:
        raise PlanFileError(f"the plan has {len(raw) or 'no'} days; a plan has 1 to {MAX_DAYS}")
    days, slots = [], None
    for d, day in enumerate(raw):
        where = f"day {d + 1}"
        _kind(day, dict, where)
        index = _field(day, "index", f"{where}: ")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < MAX_DAYS:
            raise PlanFileError(f"{where}: index {_shown(index)} must be a whole number from 0 to {MAX_DAYS - 1}")
        if index != d:
            again = "appears twice" if index < d else "is out of order"
            raise PlanFileError(f"{where}: index {index} {again}; days are numbered 0, 1, 2 … once each, in order")
        meals = _kind(_field(day, "meals", f"{where}: "), list, f"{where}: meals")
        names = _slots(meals, where)
        if slots is not None and names != slots:
            raise PlanFileError(f"{where}: meals must be the same as day 1's ({', '.join(slots)})")
        slots = names
        out = []
        for meal in meals:
            here = f"{where}, {meal['slot']}"
            items = _kind(_field(meal, "items", f"{here}: "), list, f"{here}: items")
            if len(items) > MAX_ITEMS:
                raise PlanFileError(f"{here}: {len(items)} items; a meal has at most {MAX_ITEMS}")
            out.append(Meal(meal["slot"], tuple(_item(item, f"{here}, item {k + 1}", foods, refused)
                                                for k, item in enumerate(items))))
        days.append(Day(d, tuple(out)))
    return days


def plan_from_data(data, foods: pd.DataFrame) -> Plan:
    """A Plan from parsed JSON: every value checked, everything derived recomputed from `foods`."""
    if not isinstance(data, dict) or "schema" not in data:
        raise PlanFileError("this is not a Cramp Menu plan (it has no 'schema' field)")
    if isinstance(data["schema"], bool) or data["schema"] != SCHEMA_VERSION:
        raise PlanFileError(f"this plan has schema {_shown(data['schema'])}; this version reads schema "
                            f"{SCHEMA_VERSION}")
    targets = _targets(_field(data, "targets", ""))
    rule = FoodFilter(targets.diet, pregnant_or_lactating=targets.profile.condition != "none")
    days = _days(_field(data, "days", ""), foods, dropped_reasons(foods, rule))
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise PlanFileError(f"seed {_shown(seed)} must be a whole number from 0 to {MAX_SEED}")
    solver = _text(_field(data, "solver", ""), "solver")
    if not _SOLVER_NAME.fullmatch(solver):
        raise PlanFileError(f"solver {_shown(solver)} is not a solver's name")
    status = _field(data, "status", "")
    if status not in STATUSES:
        raise PlanFileError(f"status {_shown(status)} must be one of: {', '.join(STATUSES)}")
    objective = _number(_field(data, "objective", ""), "objective", low=-MAX_AMOUNT)
    seconds = _number(_field(data, "seconds", ""), "seconds")
    settings = PlanSettings(days=len(days), slots=tuple(m.slot for m in days[0].meals), food_filter=rule, seed=seed)
    plan = assemble_plan(targets, days, settings, foods, solver=solver, status=status, objective=objective,
                         seconds=seconds, notes=())
    ids = [item.food_id for _, _, item in plan.items()]
    notes = missing_value_notes(ids, foods) + plan_notes(ids, foods) + over_limits(plan.daily_totals, plan.targets)
    return replace(plan, notes=notes)


def read_plan(data: str | bytes, foods: pd.DataFrame) -> Plan:
    """A plan from a file's contents, or PlanFileError naming the first thing wrong."""
    return plan_from_data(parse(data), foods)


def read_plan_file(path: str | Path, foods: pd.DataFrame) -> Plan:
    """A plan from a file on disk, reading no more than the size cap allows."""
    with open(path, "rb") as fh:
        return read_plan(fh.read(MAX_PLAN_BYTES + 1), foods)


def read_plan_upload(data: bytes, foods: pd.DataFrame) -> tuple[Plan | None, str | None]:
    """A plan from an uploaded file, or a plain sentence saying why not (nothing raised)."""
    try:
        return read_plan(data, foods), None
    except PlanFileError as exc:
        return None, f"That file could not be opened as a plan: {exc}. Your current plan is unchanged."
