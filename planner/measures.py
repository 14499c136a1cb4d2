"""Household-measure wording: '3 dried figs' x 2 -> '6 dried figs', '1 banana' x 3 -> '3 bananas'."""

from __future__ import annotations

import re

_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "1/8": 0.125}
_GLYPHS = {0.0: "", 0.125: "⅛", 0.25: "¼", 0.375: "⅜", 0.5: "½", 0.75: "¾"}
_PLURALS = {"glass": "glasses", "potato": "potatoes", "tomato": "tomatoes", "half": "halves", "handful": "handfuls",
            "loaf": "loaves", "bunch": "bunches", "box": "boxes", "oz": "oz", "tbsp": "tbsp", "tsp": "tsp", "ml": "ml"}
_UNITS = ("L", "l", "ml", "kg", "g", "lb", "oz")  # a pack's size: '1 L carton' is one carton of 1 L
_SINGULARS = {v: k for k, v in _PLURALS.items()}
_SIZES = ("medium", "large", "small")
_ABOUT = re.compile(r"\(about (\d+) ([^)]+)\)")  # a count in brackets: '(about 4 sprouts)'


def amount_text(q: float) -> str:
    """1.5 -> '1½', 0.25 -> '¼', 3 -> '3'."""
    whole, part = int(q), round(q % 1, 3)
    if part not in _GLYPHS:
        return f"{q:g}"
    return (str(whole) if whole else "") + _GLYPHS[part] or "0"


def _noun_number(words: list[str], many: bool) -> list[str]:
    """The counted noun made plural ('1 cup cooked': the first word) or singular ('2 Medjool dates': the
    first plural word), skipping size words."""
    if many:  # skipping size words and participles before a noun ('1 filled cap' -> '2 filled caps')
        i = next((k for k, w in enumerate(words) if w.isalpha() and w not in _SIZES
                  and not (w.endswith("ed") and k + 1 < len(words) and words[k + 1].isalpha())), None)
    else:
        i = next((k for k, w in enumerate(words) if w.endswith("s") and w not in _SIZES), None)
    if i is not None:
        w = words[i]
        words[i] = _PLURALS.get(w, w if w.endswith("s") else w + "s") if many else _SINGULARS.get(w, w[:-1])
    return words


def _scaled_count(match: re.Match, portions: float) -> str:
    """'(about 4 sprouts)' x 2 -> '(about 8 sprouts)'; x 0.25 -> '(about 1 sprout)'."""
    count = int(match.group(1))
    q = max(1, round(count * portions))
    words = match.group(2).split(" ")
    if (q == 1) != (count == 1):
        words = _noun_number(words, many=q > 1)
    return f"(about {q} {' '.join(words)})"


def portion_text(portions: float, label: str) -> str:
    """A household measure scaled by portions: '3 dried figs' x 2 -> '6 dried figs'; a count in brackets
    scales too: '1/2 cup cooked (about 4 sprouts)' x 2 -> '1 cup cooked (about 8 sprouts)'."""
    if portions == 1 and label.partition(" ")[0] not in _FRACTIONS:  # '1/2 cup' is still written '½ cup'
        return label
    label = _ABOUT.sub(lambda m: _scaled_count(m, portions), label)
    first, _, rest = label.partition(" ")
    count = _FRACTIONS.get(first) or (float(first) if first.isdigit() else None)
    if count is None:
        return f"{amount_text(portions)} × {label}"
    q = count * portions
    if rest.startswith("g "):  # '85 g cooked fillet' x 1.5 -> '128 g cooked fillet'
        return f"{q:.0f} {rest}"
    if (q <= 1 < count) or (q > 1 >= count):  # '2 large eggs' x 0.5 -> '1 large egg', and the reverse
        rest = " ".join(_noun_number(rest.split(" "), many=q > 1))
    return f"{amount_text(q)} {rest}"


def buy_text(units: int, unit_label: str) -> str:
    """Whole purchase units of a one-piece label: '1 banana' x 3 -> '3 bananas', '1 loaf (500 g)' x 2 ->
    '2 loaves (500 g)'; other labels are counted: '2 × 500 g tub', '2 × 1 L carton'."""
    first, _, rest = unit_label.partition(" ")
    if first != "1" or not rest or rest.split(" ")[0] in _UNITS:  # '1 L carton' x 2 is '2 × 1 L carton'
        return f"{units} × {unit_label}"
    if units == 1:
        return unit_label
    head, paren, tail = rest.partition(" (")
    words = head.split(" ")
    words[-1] = _noun_number([words[-1]], many=True)[0]  # the unit is the last word: '1 small head'
    return f"{units} " + " ".join(words) + (paren + tail if paren else "")
