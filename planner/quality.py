"""Healthy Eating Index 2020 of a plan's grams, scored on the totals of the whole period as NCI does."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planner.food_groups import FOOD_GROUP_COLUMNS

HEI_CSV = Path(__file__).resolve().parents[1] / "data" / "hei2020.csv"

# nutrient columns the index needs besides the food groups (per 100 g in the food table)
_NUTRIENTS = ("energy_kcal", "sodium_mg", "sat_fat_g", "mufa_g", "pufa_g")

_VEGETABLES = ("veg_dark_green_cup", "veg_red_orange_cup", "veg_starchy_cup", "veg_other_cup", "legumes_cup")
_SEA_PLANT = ("protein_seafood_oz", "protein_nuts_seeds_oz", "protein_soy_oz", "legumes_protein_oz")

# Components scored on a density per 1,000 kcal, and the food-group columns summed for each. Legumes count in
# all four vegetable and protein components (NCI: VTOTALLEG, VDRKGRLEG, PFALLPROTLEG, PFSEAPLANTLEG).
_PER_1000_KCAL = {
    "Total Fruits": ("fruit_cup",),
    "Whole Fruits": ("whole_fruit_cup",),
    "Total Vegetables": _VEGETABLES,
    "Greens and Beans": ("veg_dark_green_cup", "legumes_cup"),
    "Whole Grains": ("grains_whole_oz",),
    "Dairy": ("dairy_cup",),
    "Total Protein Foods": ("protein_meat_oz", "protein_eggs_oz", *_SEA_PLANT),
    "Seafood and Plant Proteins": _SEA_PLANT,
    "Refined Grains": ("grains_refined_oz",),
}

_ADVICE = {
    "Total Fruits": "More fruit",
    "Whole Fruits": "More whole fruit",
    "Total Vegetables": "More vegetables",
    "Greens and Beans": "More dark-green vegetables, beans, peas or lentils",
    "Whole Grains": "More whole grains",
    "Dairy": "More milk, yogurt or cheese",
    "Total Protein Foods": "More protein foods",
    "Seafood and Plant Proteins": "More fish, nuts, seeds, soy or legumes",
    "Fatty Acids": "More unsaturated fat in place of saturated (olive oil, nuts, seeds, fish)",
    "Refined Grains": "Fewer refined grains",
    "Sodium": "Less sodium",
    "Added Sugars": "Less added sugar (honey counts)",
    "Saturated Fats": "Less saturated fat (butter, cheese, fatty meat)",
}


@dataclass(frozen=True)
class HeiStandard:
    """One HEI-2020 component's scoring standard, as in data/hei2020.csv."""

    name: str
    max_points: float
    for_max: float  # density that earns the full points
    for_zero: float  # density that earns none
    unit: str
    moderation: bool  # less is better (the for_max standard is the lower one)

    def points(self, density: float) -> float:
        """NCI's scoring: proportional between the two standards, capped at 0 and max_points."""
        span = self.for_zero - self.for_max if self.moderation else self.for_max - self.for_zero
        gained = self.for_zero - density if self.moderation else density - self.for_zero
        return self.max_points * min(1.0, max(0.0, gained / span))


@dataclass(frozen=True)
class HeiScore:
    """A plan's HEI-2020: the total (0-100), points and measured density of each component, the standards."""

    total: float
    components: dict[str, float]  # name -> points
    max_points: dict[str, float]
    density: dict[str, float]  # name -> measured value, in the unit of its standard
    standards: dict[str, HeiStandard]
    energy_kcal: float  # the energy of the period scored

    def to_dict(self) -> dict:
        return {"total": round(self.total, 1), "components": {k: round(v, 2) for k, v in self.components.items()}}


def load_standards(path: str | Path = HEI_CSV) -> dict[str, HeiStandard]:
    """The 13 component standards from the repo's copy of the NCI table."""
    table = pd.read_csv(path)
    standards = {
        row.component: HeiStandard(row.component, float(row.max_points), float(row.standard_for_max),
                                   float(row.standard_for_zero), row.unit, row.adequacy_or_moderation == "moderation")
        for row in table.itertuples(index=False)
    }
    known = set(_PER_1000_KCAL) | {"Fatty Acids", "Sodium", "Added Sugars", "Saturated Fats"}
    if set(standards) != known:
        raise ValueError(f"{path}: expected the 13 HEI-2020 components, found {sorted(standards)}")
    return standards


def group_totals(grams_by_food: dict[str, float], foods: pd.DataFrame) -> dict[str, float]:
    """Food-group equivalents and the index's nutrients summed over (food id -> grams); a missing nutrient is 0."""
    unknown = sorted(set(grams_by_food) - set(foods.index))
    if unknown:
        raise ValueError(f"not in the food table: {', '.join(unknown)}")
    columns = list(FOOD_GROUP_COLUMNS) + list(_NUTRIENTS)
    ids = list(grams_by_food)
    per_100g = foods.loc[ids, columns].astype(float)
    missing = per_100g[list(FOOD_GROUP_COLUMNS)].isna().any(axis=1)
    if missing.any():
        raise ValueError(f"no food-group equivalents for {', '.join(per_100g.index[missing])}")
    grams = pd.Series(grams_by_food, dtype=float)[ids]
    return per_100g.fillna(0.0).mul(grams / 100, axis=0).sum().to_dict()


def _densities(t: dict[str, float]) -> dict[str, float]:
    kcal = t["energy_kcal"]
    out = {name: sum(t[c] for c in cols) / kcal * 1000 for name, cols in _PER_1000_KCAL.items()}
    unsaturated = t["mufa_g"] + t["pufa_g"]
    # NCI's macro: no saturated fat scores full points if there is unsaturated fat, none if there is no fat
    out["Fatty Acids"] = unsaturated / t["sat_fat_g"] if t["sat_fat_g"] > 0 else (math.inf if unsaturated else 0.0)
    out["Sodium"] = t["sodium_mg"] / kcal  # mg per kcal = g per 1,000 kcal
    out["Added Sugars"] = t["added_sugars_g"] * 4 / kcal * 100  # % of energy, 4 kcal/g
    out["Saturated Fats"] = t["sat_fat_g"] * 9 / kcal * 100  # % of energy, 9 kcal/g
    return out


def hei2020(grams_by_food: dict[str, float], foods: pd.DataFrame,
            standards: dict[str, HeiStandard] | None = None) -> HeiScore:
    """HEI-2020 of everything eaten in a period (a day, a week): densities of the period's totals, then points."""
    standards = standards or load_standards()
    totals = group_totals(grams_by_food, foods)
    if totals["energy_kcal"] <= 0:
        raise ValueError("these foods have no energy: the HEI is scored per 1,000 kcal")
    density = _densities(totals)
    components = {name: std.points(density[name]) for name, std in standards.items()}
    return HeiScore(
        total=sum(components.values()),
        components=components,
        max_points={name: std.max_points for name, std in standards.items()},
        density=density,
        standards=standards,
        energy_kcal=totals["energy_kcal"],
    )


def _num(x: float) -> str:
    return "no saturated fat" if math.isinf(x) else f"{round(x, 2):g}"


def _measured(std: HeiStandard, x: float) -> str:
    if std.unit.startswith("%"):
        return f"{_num(x)} % of energy"
    return f"ratio {_num(x)}" if std.unit.startswith("ratio") else f"{_num(x)} {std.unit}"


def advice(score: HeiScore, limit: int = 3) -> tuple[str, ...]:
    """What would raise the score most, in plain words: the components that lose the most points."""
    lost = sorted(((score.max_points[n] - p, n) for n, p in score.components.items()), reverse=True)
    out = []
    for points, name in lost[:limit]:
        if points < 0.05:
            break
        std, x = score.standards[name], score.density[name]
        if std.moderation:
            goal = f"{_measured(std, x)}; full points at {_measured(std, std.for_max)} or less"
        elif name == "Fatty Acids":
            goal = f"unsaturated/saturated {_measured(std, x)}; full points at {_num(std.for_max)} or more"
        else:
            goal = f"{_num(x)} of {_measured(std, std.for_max)}"
        out.append(f"{_ADVICE[name]}: {goal} (up to {points:.1f} more points)")
    return tuple(out)


HEI_GOAL = 90.0  # the planner's goal for an ordinary week (issue 12)


def below_goal(score: HeiScore) -> str | None:
    """A plain sentence when the week scores under the goal, or None."""
    if score.total >= HEI_GOAL:
        return None
    return (f"This week's Healthy Eating Index is {score.total:.0f}, under the planner's goal of {HEI_GOAL:.0f}: it is "
            "the best week found with the foods, meals and limits allowed here (more foods or meals raise it).")


def format_hei(score: HeiScore) -> str:
    """A plain-text table of the score, its components and what would raise it."""
    lines = [f"HEI-2020: {score.total:.1f} of 100 ({score.energy_kcal:.0f} kcal scored)"]
    for name, points in score.components.items():
        std = score.standards[name]
        lines.append(f"  {name:28} {points:5.2f} / {std.max_points:<4g} {_measured(std, score.density[name])}")
    tips = advice(score)
    if tips:
        lines += ["What would raise it most:"] + [f"  - {a}" for a in tips]
    return "\n".join(lines)
