"""A person's Profile turned into daily Targets: DRI minimums, food-applicable ULs, energy band."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from planner.nutrients import BY_KEY, IRON_VEGETARIAN_FACTOR, NUTRIENTS, RETINOL, SODIUM, UNCOUNTED

DRI_CSV = Path(__file__).resolve().parents[1] / "data" / "dri.csv"
ACTIVITIES = ("inactive", "low_active", "active", "very_active")
KIDNEY_LIMIT_NEEDED = (
    "with kidney disease or drugs that keep potassium in the body, the planner needs the daily potassium limit "
    "your doctor or renal dietitian gave you (ask them: 'How many milligrams of potassium may I eat a day?'); "
    "it sets no limit of its own, because the right one depends on your kidneys and your medicines"
)
KIDNEY_WARNING = (
    "Kidney disease or drugs that keep potassium in the body: this plan keeps potassium under the daily limit "
    "you entered ({limit:g} mg), sets no potassium minimum, keeps high-potassium foods (200 mg or more a serving, "
    "NKF) to small servings and caps phosphorus at {phosphorus:g} mg a day (change it in your targets if your "
    "renal dietitian gave you a figure). Plan your diet with a renal dietitian; this menu does not replace them."
)
# dri.csv tags the scope of each UL; only these may cap what a menu serves.
FOOD_UL_TAGS = ("[total]",)
ENERGY_BAND = 0.10  # EER +-10 %: the equations' error is about 250-340 kcal a day (energy.md)

EER_SOURCE = "NASEM 2023 DRI for Energy, Table 5-16 (adults) / 5-5 (ages 9-18) EER equations"
DGA_SOURCE = "Dietary Guidelines for Americans 2020-2025, estimated calorie needs by age, sex and activity"
PREGNANCY_SOURCE = "IOM 2005 EER increments in pregnancy: +0 / +340 / +452 kcal a day by trimester"
LACTATION_SOURCE = "NASEM 2023 lactation energy cost: about +400 kcal (0-6 months), +380 kcal (7 months on)"

# 2023 EER: (intercept, age, height cm, weight kg) by sex and activity (energy.md, Table 5-16 / 5-5)
_ADULT_EER = {
    "male": {"inactive": (753.07, -10.83, 6.50, 14.10), "low_active": (581.47, -10.83, 8.30, 14.94),
             "active": (1004.82, -10.83, 6.52, 15.91), "very_active": (-517.88, -10.83, 15.61, 19.11)},
    "female": {"inactive": (584.90, -7.01, 5.72, 11.71), "low_active": (575.77, -7.01, 6.60, 12.14),
               "active": (710.25, -7.01, 6.54, 12.34), "very_active": (511.83, -7.01, 9.07, 12.56)},
}
_TEEN_TEE = {
    "male": {"inactive": (-447.51, 3.68, 13.01, 13.15), "low_active": (19.12, 3.68, 8.62, 20.28),
             "active": (-388.19, 3.68, 12.66, 20.46), "very_active": (-671.75, 3.68, 15.38, 23.25)},
    "female": {"inactive": (55.59, -22.25, 8.43, 17.07), "low_active": (-297.54, -22.25, 12.77, 14.73),
               "active": (-189.55, -22.25, 11.74, 18.34), "very_active": (-709.59, -22.25, 18.22, 14.25)},
}
_TEEN_GROWTH = {"male": {9: 25, 14: 20}, "female": {9: 30, 14: 20}}  # kcal/day from age 9-13, 14-18
# DGA 2020-2025 kcal/day: (first age of the band, sedentary, moderately active, active). Ranges in
# the grouped 51+ row (e.g. 2,000-2,200) are taken at their midpoint.
_DGA = {
    "female": [(9, 1400, 1600, 1800), (13, 1600, 2000, 2200), (14, 1800, 2000, 2400), (19, 2000, 2200, 2400),
               (21, 2000, 2200, 2400), (26, 1800, 2000, 2400), (31, 1800, 2000, 2200), (51, 1600, 1800, 2200),
               (61, 1600, 1800, 2100)],
    "male": [(9, 1600, 1800, 2000), (13, 2000, 2200, 2600), (14, 2000, 2400, 2800), (16, 2400, 2800, 3200),
             (19, 2600, 2800, 3000), (21, 2400, 2800, 3000), (26, 2400, 2600, 3000), (36, 2400, 2600, 2800),
             (41, 2200, 2600, 2800), (46, 2200, 2400, 2800), (56, 2200, 2400, 2600), (61, 2100, 2300, 2600)],
}
_DGA_LEVEL = {"inactive": 1, "low_active": 2, "active": 3, "very_active": 3}


class ProfileError(ValueError):
    """A profile or override the planner cannot use; the message says what to change."""


@dataclass(frozen=True)
class Profile:
    sex: str  # "female" or "male"
    age: int
    pregnancy_trimester: int | None = None
    lactation_months: int | None = None  # months postpartum while breastfeeding
    activity: str = "low_active"
    height_cm: float | None = None
    weight_kg: float | None = None
    kidney_or_potassium_drugs: bool = False
    potassium_max_mg: float | None = None  # the daily limit a doctor or renal dietitian gave
    phosphorus_max_mg: float | None = None

    def __post_init__(self):
        problems = []
        if self.sex not in ("female", "male"):
            problems.append(f"sex must be 'female' or 'male', not {self.sex!r}")
        if not isinstance(self.age, int) or not 9 <= self.age <= 120:
            problems.append(f"age must be a whole number from 9 to 120, not {self.age!r}")
        if self.activity not in ACTIVITIES:
            problems.append(f"activity must be one of {', '.join(ACTIVITIES)}, not {self.activity!r}")
        if self.pregnancy_trimester is not None and self.lactation_months is not None:
            problems.append("choose pregnancy or breastfeeding, not both")
        if self.pregnancy_trimester is not None or self.lactation_months is not None:
            if self.sex == "male":
                problems.append("pregnancy and breastfeeding apply to sex 'female' only")
            elif isinstance(self.age, int) and not 14 <= self.age <= 50:
                problems.append("pregnancy and breastfeeding targets exist for ages 14 to 50 only; "
                                "ask your midwife or doctor")
        if self.pregnancy_trimester is not None and self.pregnancy_trimester not in (1, 2, 3):
            problems.append(f"trimester must be 1, 2 or 3, not {self.pregnancy_trimester!r}")
        if self.lactation_months is not None and not 0 <= self.lactation_months <= 24:
            problems.append(f"months since birth must be from 0 to 24, not {self.lactation_months!r}")
        if self.height_cm is not None and not 100 <= self.height_cm <= 250:
            problems.append(f"height must be from 100 to 250 cm, not {self.height_cm!r}")
        if self.weight_kg is not None and not 25 <= self.weight_kg <= 300:
            problems.append(f"weight must be from 25 to 300 kg, not {self.weight_kg!r}")
        for name, value in (("potassium", self.potassium_max_mg), ("phosphorus", self.phosphorus_max_mg)):
            if value is not None and not (isinstance(value, int | float) and 100 <= value <= 10_000):
                problems.append(f"the daily {name} limit must be a number of mg from 100 to 10,000, not {value!r}")
        if self.kidney_or_potassium_drugs and self.potassium_max_mg is None:
            problems.append(KIDNEY_LIMIT_NEEDED)
        if problems:
            raise ProfileError("; ".join(problems))

    @property
    def condition(self) -> str:
        if self.pregnancy_trimester is not None:
            return "pregnancy"
        return "lactation" if self.lactation_months is not None else "none"


@dataclass(frozen=True)
class Target:
    key: str
    min: float | None  # RDA or AI a day; None where no minimum applies
    max: float | None  # UL that applies to food, or the sodium CDRR; None where none applies
    unit: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Targets:
    profile: Profile
    nutrients: tuple[Target, ...]
    energy_min: float
    energy_max: float
    energy_source: str
    warnings: tuple[str, ...] = field(default=())
    diet: str = "omnivore"  # vegetarian and vegan diets need 1.8 x the iron RDA
    uncounted: tuple[Target, ...] = ()  # DRIs the food table has no values for (iodine)

    def get(self, key: str) -> Target | None:
        return next((t for t in self.nutrients if t.key == key), None)

    def to_dict(self) -> dict:
        return {
            "profile": asdict(self.profile),
            "targets": {t.key: {"min": t.min, "max": t.max, "unit": t.unit, "source": t.source, "note": t.note}
                        for t in self.nutrients},
            "energy_kcal": {"min": self.energy_min, "max": self.energy_max, "source": self.energy_source},
            "warnings": list(self.warnings),
            "diet": self.diet,
        }


@lru_cache(maxsize=4)
def load_dri(path: str | Path = DRI_CSV) -> pd.DataFrame:
    return pd.read_csv(path)


def _dri_rows(profile: Profile) -> pd.DataFrame:
    dri = load_dri()
    rows = dri[(dri.condition == profile.condition) & (dri.sex == profile.sex) & (dri.age_min <= profile.age)
               & (dri.age_max.isna() | (dri.age_max >= profile.age))]
    return rows.set_index("nutrient")


def _ul_tag(note) -> str:
    return note.split("]", 1)[0] + "]" if isinstance(note, str) and note.startswith("[") else ""


def energy_band(profile: Profile) -> tuple[float, float, str]:
    """Estimated energy need (kcal/day) +-10 %, with the source of the estimate."""
    if profile.height_cm is not None and profile.weight_kg is not None:
        h, w, a = profile.height_cm, profile.weight_kg, profile.age
        if a >= 19:
            c = _ADULT_EER[profile.sex][profile.activity]
            kcal = c[0] + c[1] * a + c[2] * h + c[3] * w
        else:
            c = _TEEN_TEE[profile.sex][profile.activity]
            kcal = c[0] + c[1] * a + c[2] * h + c[3] * w + _TEEN_GROWTH[profile.sex][9 if a < 14 else 14]
        source = EER_SOURCE
    else:
        band = [row for row in _DGA[profile.sex] if row[0] <= profile.age][-1]
        kcal = band[_DGA_LEVEL[profile.activity]]
        source = DGA_SOURCE
    if profile.pregnancy_trimester is not None:
        kcal += (0, 340, 452)[profile.pregnancy_trimester - 1]
        source += "; " + PREGNANCY_SOURCE
    elif profile.lactation_months is not None:
        kcal += 400 if profile.lactation_months <= 6 else 380
        source += "; " + LACTATION_SOURCE
    return round(kcal * (1 - ENERGY_BAND)), round(kcal * (1 + ENERGY_BAND)), source


def targets_for(profile: Profile, diet: str = "omnivore") -> Targets:
    """Daily targets for one person from data/dri.csv (each number keeps its source)."""
    rows = _dri_rows(profile)
    out, warnings = [], []
    for n in NUTRIENTS:
        row = rows.loc[n.dri]
        minimum = float(row.rda_or_ai)
        source = f"{row.kind}: {row.source}"
        if n.key == "protein_g" and profile.weight_kg is not None:
            minimum = round(float(rows.loc["protein_per_kg"].rda_or_ai) * profile.weight_kg, 1)
        if n.key == "iron_mg" and diet in ("vegetarian", "vegan"):
            minimum = round(minimum * IRON_VEGETARIAN_FACTOR, 1)
            source = (f"{row.kind} x {IRON_VEGETARIAN_FACTOR} for a {diet} diet (derived: IOM 2001 p.574, iron is "
                      f"about 10 % absorbed from vegetarian diets against 18 % from mixed ones); {source}")
        maximum = float(row.ul) if _ul_tag(row.ul_note) in FOOD_UL_TAGS and pd.notna(row.ul) else None
        note = ""
        if minimum is not None and maximum is not None and minimum > maximum:  # 1.8 x 27 mg passes the 45 mg UL
            minimum, note = maximum, f"{IRON_VEGETARIAN_FACTOR} x the RDA is above the upper limit: the UL is the aim"
        if n.key == "potassium_mg" and profile.kidney_or_potassium_drugs:
            minimum, maximum, note = None, profile.potassium_max_mg, "your doctor's or renal dietitian's daily limit"
        if n.key == "potassium_mg" and profile.potassium_max_mg is not None:
            maximum = profile.potassium_max_mg
        if n.key == "phosphorus_mg" and profile.phosphorus_max_mg is not None:
            maximum = min(maximum, profile.phosphorus_max_mg) if maximum is not None else profile.phosphorus_max_mg
        out.append(Target(n.key, minimum, maximum, n.unit, source, note))
    if profile.kidney_or_potassium_drugs:
        phosphorus = next(t for t in out if t.key == "phosphorus_mg").max
        warnings.append(KIDNEY_WARNING.format(limit=profile.potassium_max_mg, phosphorus=phosphorus))
    sodium = rows.loc["sodium"]
    out.append(Target(SODIUM, None, float(sodium.ul), "mg", f"CDRR: {sodium.source}",
                      "Chronic Disease Risk Reduction intake: keep sodium below it."))
    vit_a = rows.loc["vitamin_a"]
    out.append(Target(RETINOL, None, float(vit_a.ul), "µg", f"UL: {vit_a.source}",
                      "The vitamin A UL counts preformed vitamin A (retinol) only."))
    uncounted = tuple(Target(n.key, float(rows.loc[n.dri].rda_or_ai), None, n.unit,
                             f"{rows.loc[n.dri].kind}: {rows.loc[n.dri].source}",
                             "not counted: no food values in the USDA table") for n in UNCOUNTED)
    low, high, source = energy_band(profile)
    return Targets(profile, tuple(out), low, high, source, tuple(warnings), diet, uncounted)


def with_overrides(targets: Targets, overrides: dict[str, tuple[float | None, float | None]]) -> Targets:
    """Targets with some minimums/maximums replaced (a doctor's advice wins), refused if not sane."""
    base = targets_for(targets.profile, targets.diet)
    new = {t.key: t for t in targets.nutrients}
    energy = [targets.energy_min, targets.energy_max]
    for key, (low, high) in overrides.items():
        if key == "energy_kcal":
            target_min, target_max, ul, unit = energy[0], energy[1], None, "kcal"
        elif key in new:
            t = new[key]
            target_min, target_max, unit = t.min, t.max, t.unit
            ul = base.get(key).max
        else:
            raise ProfileError(f"unknown target {key!r}")
        low = target_min if low is None else low
        high = target_max if high is None else high
        name = BY_KEY[key].label if key in BY_KEY else key
        for value in (low, high):
            if value is not None and (not math.isfinite(value) or value < 0):
                raise ProfileError(f"{name}: {value} is not a sensible amount; use 0 or more {unit}")
        if low is not None and high is not None and low > high:
            raise ProfileError(f"{name}: the minimum {low:g} {unit} is above the maximum {high:g} {unit}")
        if ul is not None and ((low or 0) > ul or (high or 0) > ul):
            raise ProfileError(f"{name}: {max(low or 0, high or 0):g} {unit} is above the safe upper limit "
                               f"of {ul:g} {unit}; a plan may not exceed it")
        if key == "energy_kcal":
            energy = [low, high]
        else:
            new[key] = replace(new[key], min=low, max=high, source="your override; " + new[key].source)
    return replace(targets, nutrients=tuple(new.values()), energy_min=energy[0], energy_max=energy[1])
