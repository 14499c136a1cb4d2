"""Build data/foods.csv from the hand-curated data/food_spec.csv and a USDA SR28 table.

Every nutrient value is copied as USDA's own decimal text; nothing is rounded or filled in.
Portion grams come from USDA's household measures (SR28 WEIGHT file). Food-group equivalents come from
the hand-checked data/food_groups.csv, one row per food.

    python scripts/build_foods.py --sr28 ../shared/data/usda_sr28_abbrev.csv \
        --weights ../shared/data/usda_sr28_weight.csv --subset data/usda
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: find the planner package for its column names
from planner.food_groups import FOOD_GROUP_COLUMNS, FOOD_GROUP_RULE  # noqa: E402

GROUPS_CSV = ROOT / "data" / "food_groups.csv"

# our column -> USDA SR28 ABBREV column (all per 100 g edible portion)
NUTRIENT_COLUMNS = {
    "energy_kcal": "Energ_Kcal",
    "protein_g": "Protein_(g)",
    "fat_g": "Lipid_Tot_(g)",
    "carbs_g": "Carbohydrt_(g)",
    "fibre_g": "Fiber_TD_(g)",
    "potassium_mg": "Potassium_(mg)",
    "magnesium_mg": "Magnesium_(mg)",
    "calcium_mg": "Calcium_(mg)",
    "vitamin_d_ug": "Vit_D_mcg",
    "sodium_mg": "Sodium_(mg)",
    "zinc_mg": "Zinc_(mg)",
    "vitamin_a_ug": "Vit_A_RAE",
    "retinol_ug": "Retinol_(mcg)",
    "vitamin_e_mg": "Vit_E_(mg)",
    "vitamin_b6_mg": "Vit_B6_(mg)",
    "vitamin_b12_ug": "Vit_B12_(mcg)",
    "folate_ug": "Folate_DFE_(mcg)",
    "iron_mg": "Iron_(mg)",
    "vitamin_c_mg": "Vit_C_(mg)",
    "phosphorus_mg": "Phosphorus_(mg)",
    "choline_mg": "Choline_Tot_(mg)",
    "sat_fat_g": "FA_Sat_(g)",
    "mufa_g": "FA_Mono_(g)",
    "pufa_g": "FA_Poly_(g)",
    "cholesterol_mg": "Cholestrl_(mg)",
    "sugars_g": "Sugar_Tot_(g)",
}

DIETS = {
    "vegan": "vegan|vegetarian|pescatarian|omnivore",
    "vegetarian": "vegetarian|pescatarian|omnivore",
    "pescatarian": "pescatarian|omnivore",
    "omnivore": "omnivore",
}


def portion_grams(spec_row, weights: pd.DataFrame) -> float:
    """Grams of the portion: measure_count x USDA grams per one unit of the named measure."""
    ndb, measure = spec_row.usda_ndb, spec_row.usda_measure
    if ":" in measure:  # borrowed measure "NDB:desc", explained in the row's note
        ndb, measure = measure.split(":", 1)
    own = weights[weights.NDB_No == ndb]
    whole = own.Amount.astype(float).map("{:g}".format) + " " + own.Msre_Desc
    if (own.Msre_Desc == measure).any():  # "cup": count is in cups
        row = own[own.Msre_Desc == measure].iloc[0]
        per_unit = float(row.Gm_Wgt) / float(row.Amount)
    elif (whole == measure).any():  # "3 oz": count is in whole measures
        per_unit = float(own[whole == measure].iloc[0].Gm_Wgt)
    else:
        raise SystemExit(f"{spec_row.id}: USDA {ndb} has no measure {measure!r} (it has: {'; '.join(whole)})")
    return round(float(spec_row.measure_count) * per_unit, 1)


def fillet_grams(weights: pd.DataFrame, ndb: str) -> float:
    """USDA's grams of one fillet of a fish (its 'fillet' household measure, per one fillet)."""
    row = weights[(weights.NDB_No == ndb) & (weights.Msre_Desc == "fillet")].iloc[0]
    return float(row.Gm_Wgt) / float(row.Amount)


def purchase_yield(spec_row, sr28: pd.DataFrame, weights: pd.DataFrame | None = None) -> float:
    """Edible (as-eaten) grams per gram as purchased."""
    method = spec_row.yield_method
    if method == "fillet":  # raw -> cooked: USDA weighs one fillet raw (yield_ndb) and cooked (usda_ndb)
        return round(fillet_grams(weights, spec_row.usda_ndb) / fillet_grams(weights, spec_row.yield_ndb), 3)
    if method == "energy":  # dry or raw -> cooked: energy is kept, water changes the weight
        kcal = sr28["Energ_Kcal"].astype(float)
        return round(kcal[spec_row.yield_ndb] / kcal[spec_row.usda_ndb], 3)
    if method == "refuse":
        return round(1 - float(sr28.loc[spec_row.usda_ndb, "Refuse_Pct"]) / 100, 3)
    if method == "measure":
        return float(spec_row.yield_value)
    return 1.0


def food_groups(spec: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """The group rows in spec order: every food needs exactly one, and no row may be a stray."""
    missing = [f for f in spec.id if f not in set(groups.id)]
    if missing:
        raise SystemExit(f"data/food_groups.csv has no row for {', '.join(missing)}: add one per food with its "
                         "food-group equivalents per 100 g and the MyPlate rule used (see data/README.md)")
    stray = sorted(set(groups.id) - set(spec.id))
    if stray:
        raise SystemExit(f"data/food_groups.csv has rows for {', '.join(stray)}, which data/food_spec.csv does not "
                         "list: remove them or fix the id")
    if groups.id.duplicated().any():
        raise SystemExit(f"data/food_groups.csv lists {', '.join(groups.id[groups.id.duplicated()])} twice")
    return groups.set_index("id").loc[spec.id]


def build(spec: pd.DataFrame, sr28: pd.DataFrame, weights: pd.DataFrame,
          groups: pd.DataFrame | None = None) -> pd.DataFrame:
    missing = sorted(set(spec.usda_ndb) - set(sr28.index))
    if missing:
        raise SystemExit(f"NDB numbers not in the SR28 table: {', '.join(missing)}")
    if groups is None:
        groups = pd.read_csv(GROUPS_CSV, dtype=str, keep_default_na=False)
    per_food = food_groups(spec, groups)
    out = pd.DataFrame(
        {
            "id": spec.id,
            "name": spec.name,
            "shop_name": spec.shop_name,
            "article_item": spec.article_item,
            "from_article": spec.from_article,
            "group": [sr28.loc[n, "FdGrp_Desc"] for n in spec.usda_ndb],
            "usda_ndb": spec.usda_ndb,
            "usda_description": [sr28.loc[n, "Long_Desc"] for n in spec.usda_ndb],
        }
    )
    for ours, theirs in NUTRIENT_COLUMNS.items():
        out[ours] = [sr28.loc[n, theirs] for n in spec.usda_ndb]
    for col in FOOD_GROUP_COLUMNS:
        out[col] = per_food[col].to_numpy()
    out[FOOD_GROUP_RULE] = per_food["rule"].to_numpy()
    out["portion_g"] = [portion_grams(r, weights) for r in spec.itertuples()]
    for col in ["portion_label", "min_portions", "max_portions", "slots", "role"]:
        out[col] = spec[col]
    out["diets"] = spec.diet.map(DIETS)
    for col in ["allergens", "pregnancy_caution"]:
        out[col] = spec[col]
    out["avoid"] = spec.avoid_reason.ne("").map({True: "yes", False: "no"})
    for col in ["avoid_reason", "aisle", "purchase_label", "purchase_g"]:
        out[col] = spec[col]
    out["purchase_yield"] = [purchase_yield(r, sr28, weights) for r in spec.itertuples()]
    out["countable"] = spec.countable
    out["limit_group"] = spec.limit_group
    out["fortified"] = spec.fortified
    out["note"] = spec.note
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sr28", required=True, help="USDA SR28 ABBREV table as CSV")
    ap.add_argument("--weights", required=True, help="USDA SR28 WEIGHT table as CSV")
    ap.add_argument("--spec", default=ROOT / "data" / "food_spec.csv")
    ap.add_argument("--out", default=ROOT / "data" / "foods.csv")
    ap.add_argument("--subset", help="also write the USDA rows used into this folder (data/usda)")
    args = ap.parse_args(argv)
    sr28 = pd.read_csv(args.sr28, dtype=str, keep_default_na=False).set_index("NDB_No")
    weights = pd.read_csv(args.weights, dtype=str, keep_default_na=False)
    spec = pd.read_csv(args.spec, dtype=str, keep_default_na=False)
    foods = build(spec, sr28, weights)
    foods.to_csv(args.out, index=False)
    print(f"wrote {len(foods)} foods to {args.out}", file=sys.stderr)
    if args.subset:  # the USDA rows we use, unchanged, so tests can rebuild the table without SR28
        used = set(spec.usda_ndb) | set(spec.yield_ndb[spec.yield_ndb != ""])
        used |= {m.split(":")[0] for m in spec.usda_measure if ":" in m}
        groups = pd.read_csv(GROUPS_CSV, dtype=str, keep_default_na=False)
        used |= set(re.findall(r"USDA (\d{5})", " ".join(groups.rule)))  # measures the group rules cite
        sr28.loc[sorted(used)].reset_index().to_csv(Path(args.subset) / "usda_sr28_subset.csv", index=False)
        weights[weights.NDB_No.isin(used)].to_csv(Path(args.subset) / "usda_sr28_weight_subset.csv", index=False)
        print(f"wrote the {len(used)} USDA rows used to {args.subset}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
