"""Diet-quality goals of the model: the Dietary Guidelines food pattern and the HEI-2020 standards, as
penalised deviations weighted below the nutrient targets and above variety.

Every goal is met at a deviation of 0, so a week that meets them all is proven best as soon as it is found;
where one cannot be met, the least deviation is sought (planner/model.py solve: the absolute gap)."""

from __future__ import annotations

from planner.constants import PATTERN_TOLERANCE, W_HEI, W_PATTERN
from planner.food_groups import LEGUME_OZ_PER_CUP
from planner.pattern import OVER, pattern_for

# goal of the DGA pattern -> the food-group columns that count toward it (legumes: see _legumes)
_VEG = ("veg_dark_green_cup", "veg_red_orange_cup", "veg_starchy_cup", "veg_other_cup")
_AT_LEAST = {
    "fruits_cup_day": ("fruit_cup",),
    "vegetables_cup_day": _VEG,  # + the legumes counted as vegetables
    "dark_green_cup_week": ("veg_dark_green_cup",),
    "red_orange_cup_week": ("veg_red_orange_cup",),
    "starchy_cup_week": ("veg_starchy_cup",),
    "other_veg_cup_week": ("veg_other_cup",),
    "beans_peas_lentils_cup_week": (),  # the legumes counted as vegetables only
    "whole_grains_oz_day_min": ("grains_whole_oz",),
    "dairy_cup_day": ("dairy_cup",),
    "protein_oz_day": ("protein_meat_oz", "protein_eggs_oz", "protein_seafood_oz", "protein_nuts_seeds_oz",
                       "protein_soy_oz"),  # + the legumes counted as protein
    "seafood_oz_week": ("protein_seafood_oz",),
    "nuts_seeds_soy_oz_week": ("protein_nuts_seeds_oz", "protein_soy_oz"),
    "grains_oz_day": ("grains_whole_oz", "grains_refined_oz"),
    # the Healthy Vegetarian pattern's protein subgroups
    "eggs_oz_week": ("protein_eggs_oz",),
    "beans_peas_lentils_protein_oz_week": (),  # the legumes counted as protein only
    "soy_products_oz_week": ("protein_soy_oz",),
    "nuts_seeds_oz_week": ("protein_nuts_seeds_oz",),
}
# "Heaps of grain", a kilo of red meat: amounts over the pattern's, by more than its stated share (OVER), are
# penalised.
_AT_MOST = {
    "grains_oz_day": ("grains_whole_oz", "grains_refined_oz"),
    "refined_grains_oz_day_max": ("grains_refined_oz",),
    "meats_poultry_eggs_oz_week": ("protein_meat_oz", "protein_eggs_oz"),
}
# HEI-2020 standards for full points, per 1,000 kcal of the week (data/hei2020.csv).
_HEI_AT_LEAST = {
    "hei_whole_fruit": (("whole_fruit_cup",), 0.4),
    "hei_greens_beans": (("veg_dark_green_cup", "legumes_cup"), 0.2),
    "hei_seafood_plant": (("protein_seafood_oz", "protein_nuts_seeds_oz", "protein_soy_oz", "legumes_protein_oz"),
                          0.8),
    "hei_total_fruit": (("fruit_cup",), 0.8),
    "hei_total_vegetables": ((*_VEG, "legumes_cup"), 1.1),
    "hei_whole_grains": (("grains_whole_oz",), 1.5),
    "hei_dairy": (("dairy_cup",), 1.3),
}
_HEI_AT_MOST = {
    "hei_refined_grains": (("grains_refined_oz",), 1.8),  # oz-eq per 1,000 kcal
    "hei_sodium": (("sodium_mg",), 1100.0),  # mg per 1,000 kcal
    "hei_added_sugars": (("added_sugars_g",), 6.5 / 100 * 1000 / 4),  # 6.5 % of energy, 4 kcal/g
    "hei_saturated_fat": (("sat_fat_g",), 8 / 100 * 1000 / 9),  # 8 % of energy, 9 kcal/g
}
HEI_FATTY_ACID_RATIO = 2.5  # (MUFA + PUFA) / SFA for full points

COLUMNS = tuple(sorted({c for cols in _AT_LEAST.values() for c in cols}
                       | {c for cols in _AT_MOST.values() for c in cols}
                       | {c for cols, _ in (*_HEI_AT_LEAST.values(), *_HEI_AT_MOST.values()) for c in cols}
                       | {"legumes_cup", "mufa_g", "pufa_g", "sat_fat_g", "energy_kcal"}))


def pattern(m) -> None:
    """The food pattern for the person's energy level and the HEI-2020 standards, over the week's totals.

    Daily goals count on the average day; the week's legumes are split between the vegetable and the protein goals
    by the solver (the DGA counts each cup once, in one group)."""
    t, n, week_total = m.targets, m.settings.days, m.week_total
    m.day_totals(COLUMNS)  # every column's day totals in one pass over the dishes, not one pass per column
    energy = (t.energy_min + t.energy_max) / 2
    dga = pattern_for(t, m.settings.food_filter.diet, n)
    goals = {**dga.daily, **dga.weekly}

    def amount(columns):
        return sum((week_total(c) for c in columns), start=0)

    legumes = week_total("legumes_cup")
    as_veg = m.prob.add_variable("legumes_as_vegetables_cup", 0)
    m.prob += as_veg - legumes <= 0, "legumes_as_vegetables_max"
    extra = {"vegetables_cup_day": as_veg, "beans_peas_lentils_cup_week": as_veg,
             "protein_oz_day": LEGUME_OZ_PER_CUP * (legumes - as_veg),
             "beans_peas_lentils_protein_oz_week": LEGUME_OZ_PER_CUP * (legumes - as_veg)}

    for goal, columns in _AT_LEAST.items():
        if goals.get(goal):
            want = goals[goal] * (1 - PATTERN_TOLERANCE) * (n if goal.endswith(("_day", "_day_min")) else n / 7)
            have = amount(columns) + extra.get(goal, 0)
            m.prob += have + want * m.slack(f"pattern__{goal}__short", W_PATTERN) >= want, f"pattern__{goal}"
    for goal, columns in _AT_MOST.items():
        if goals.get(goal):
            most = goals[goal] * (1 + OVER.get(goal, 0.0)) * (n if "_day" in goal else n / 7)
            m.prob += amount(columns) - most * m.slack(f"pattern__{goal}__over", W_PATTERN, 10) <= most, \
                f"pattern__{goal}__most"
    for goal, high in dga.most.items():  # a range ("2-3" oz-eq of seafood a week): its upper end
        most = high * (n if "_day" in goal else n / 7)
        m.prob += amount(_AT_LEAST[goal]) - most * m.slack(f"pattern__{goal}__over", W_PATTERN, 10) <= most, \
            f"pattern__{goal}__most"
    kcal = week_total("energy_kcal")
    scale = energy * n / 1000  # a density goal's amount for the week at the person's energy (for the slack's unit)
    for name, (columns, per_1000) in _HEI_AT_LEAST.items():
        m.prob += amount(columns) - per_1000 / 1000 * kcal + per_1000 * scale * m.slack(f"{name}__short", W_HEI) \
            >= 0, name
    for name, (columns, per_1000) in _HEI_AT_MOST.items():
        m.prob += amount(columns) - per_1000 / 1000 * kcal - per_1000 * scale * m.slack(f"{name}__over", W_HEI, 10) \
            <= 0, name
    sat = week_total("sat_fat_g")
    m.prob += week_total("mufa_g") + week_total("pufa_g") - HEI_FATTY_ACID_RATIO * sat \
        + HEI_FATTY_ACID_RATIO * 8 / 100 * 1000 / 9 * scale * m.slack("hei_fatty_acids__short", W_HEI) >= 0, \
        "hei_fatty_acids"
