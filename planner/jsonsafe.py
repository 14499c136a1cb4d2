"""Reading JSON from a file safely: size, nesting and numbers bounded, every value checked in plain words."""

from __future__ import annotations

import json
import math
import re

MAX_PLAN_BYTES = 200_000  # a saved 28-day plan is well under this
MAX_DEPTH = 20  # a plan nests 9 deep; json.loads recurses once per level, so this keeps it far from the limit
MAX_TEXT = 200  # characters in a name, a household measure or a profile word
MAX_AMOUNT = 1e9  # bigger than any target, objective or time a real plan holds
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


def shown(value) -> str:
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


def field_of(obj: dict, key: str, where: str):
    if key not in obj:
        raise PlanFileError(f"{where}the field '{key}' is missing")
    return obj[key]


def of_kind(value, kind: type, what: str):
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        name = {dict: "an object", list: "a list", str: "text", int: "a whole number", bool: "true or false"}[kind]
        raise PlanFileError(f"{what} {shown(value)} must be {name}")
    return value


def number_in(value, what: str, low: float = 0.0, high: float = MAX_AMOUNT) -> float:
    """A finite number from `low` to `high`; `what` names the place ('day 3, lunch, item 2: grams')."""
    if isinstance(value, _Unusable):
        raise PlanFileError(f"{what} {shown(value)} is not a usable number: use an ordinary finite number")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanFileError(f"{what} {shown(value)} must be a number")
    if not low <= value <= high:
        wanted = "a positive number" if low == 0 and high == math.inf else f"a number from {low:g} to {high:g}"
        raise PlanFileError(f"{what} {shown(value)} must be {wanted}")
    return float(value)


def text_in(value, what: str) -> str:
    of_kind(value, str, what)
    if len(value) > MAX_TEXT:
        raise PlanFileError(f"{what} is {len(value)} characters long; at most {MAX_TEXT}")
    return value
