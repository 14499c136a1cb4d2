"""The nutrients the product plans for: keys, labels, units and which ones are the cramp minerals."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nutrient:
    key: str  # column in data/foods.csv and key in Targets / Plan totals
    dri: str  # nutrient name in data/dri.csv
    label: str
    unit: str
    primary: bool  # one of the four cramp minerals


NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("potassium_mg", "potassium", "Potassium", "mg", True),
    Nutrient("magnesium_mg", "magnesium", "Magnesium", "mg", True),
    Nutrient("calcium_mg", "calcium", "Calcium", "mg", True),
    Nutrient("vitamin_d_ug", "vitamin_d", "Vitamin D", "µg", True),
    Nutrient("zinc_mg", "zinc", "Zinc", "mg", False),
    Nutrient("vitamin_a_ug", "vitamin_a", "Vitamin A", "µg RAE", False),
    Nutrient("vitamin_e_mg", "vitamin_e", "Vitamin E", "mg", False),
    Nutrient("vitamin_b6_mg", "vitamin_b6", "Vitamin B6", "mg", False),
    Nutrient("vitamin_b12_ug", "vitamin_b12", "Vitamin B12", "µg", False),
    Nutrient("folate_ug", "folate", "Folate", "µg DFE", False),
    Nutrient("iron_mg", "iron", "Iron", "mg", False),
    Nutrient("vitamin_c_mg", "vitamin_c", "Vitamin C", "mg", False),
    Nutrient("phosphorus_mg", "phosphorus", "Phosphorus", "mg", False),
    Nutrient("choline_mg", "choline", "Choline", "mg", False),
    Nutrient("protein_g", "protein", "Protein", "g", False),
    Nutrient("fibre_g", "fibre", "Fibre", "g", False),
)
BY_KEY = {n.key: n for n in NUTRIENTS}
PRIMARY = tuple(n.key for n in NUTRIENTS if n.primary)

# A DRI the food table cannot count: USDA SR28 has no iodine values (dri_more notes in data/README.md).
UNCOUNTED = (Nutrient("iodine_ug", "iodine", "Iodine", "µg", False),)
IRON_VEGETARIAN_FACTOR = 1.8  # IOM 2001 p.574: vegetarian diets need about 1.8 x the iron RDA
SAT_FAT = "sat_fat_g"

# Limits that cap a menu but are not targets to reach.
SODIUM = "sodium_mg"
ENERGY = "energy_kcal"
RETINOL = "retinol_ug"  # the vitamin A UL counts preformed vitamin A (retinol) only

# Every per-100 g figure in the food table (USDA SR28 columns).
FOOD_NUTRIENT_COLUMNS = (
    "energy_kcal", "protein_g", "fat_g", "carbs_g", "fibre_g", "potassium_mg", "magnesium_mg",
    "calcium_mg", "vitamin_d_ug", "sodium_mg", "zinc_mg", "vitamin_a_ug", "retinol_ug",
    "vitamin_e_mg", "vitamin_b6_mg", "vitamin_b12_ug", "folate_ug", "iron_mg", "vitamin_c_mg", "phosphorus_mg",
    "choline_mg", "sat_fat_g", "mufa_g", "pufa_g", "cholesterol_mg", "sugars_g",
)


OTHER_NAMES = {"energy_kcal": "Energy", "sodium_mg": "Sodium", "retinol_ug": "Preformed vitamin A",
               "sat_fat_g": "Saturated fat"}


def label(key: str) -> str:
    """A person's name for a nutrient key, with its unit: 'Vitamin D (µg)'."""
    if key in BY_KEY:
        return f"{BY_KEY[key].label} ({BY_KEY[key].unit})"
    return {"energy_kcal": "Energy (kcal)", "sodium_mg": "Sodium (mg)", "retinol_ug": "Preformed vitamin A (µg)"}.get(
        key, key
    )
