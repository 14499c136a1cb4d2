"""What food cannot cover in pregnancy and breastfeeding, and plain notes every menu carries."""

from __future__ import annotations

from planner.targets import Targets

FOLIC_ACID = ("Folic acid: the US Preventive Services Task Force (2023) advises a daily supplement with 400 to "
              "800 µg of folic acid for anyone who could become pregnant; the folate in food does not replace it. "
              "As your midwife or doctor advises.")
IODINE = ("Iodine: the USDA food table has no iodine values, so this plan cannot count it (the target is "
          "{target:g} µg a day). The American Thyroid Association advises a daily supplement with 150 µg of "
          "iodine in pregnancy and breastfeeding. As your midwife or doctor advises.")
VITAMIN_D = ("Vitamin D: food gives {got:.3g} of {target:g} µg a day in this plan. Summer sun helps; many people "
             "need a supplement, in winter above all. As your midwife or doctor advises.")
IRON = ("Iron: food gives {got:.3g} of {target:g} mg a day in this plan. Iron needs rise in pregnancy and an "
        "iron supplement is common. As your midwife or doctor advises.")
SODIUM_NOTE = ("Sodium figures assume cooking without added salt (USDA values for foods boiled without salt, "
               "bread and cheese as sold); salt added in cooking or at the table comes on top.")
SEAWEED_NOTE = ("Seaweed is rich in iodine (nori about 16 µg per gram, wakame 30-185 µg per gram dry): this plan "
                "keeps it to a few servings a week.")


def cannot_cover(targets: Targets, average: dict) -> tuple[str, ...]:
    """For pregnancy and breastfeeding: the supplements food cannot replace, and vitamin D or iron if short."""
    if targets.profile.condition == "none":
        return ()
    out = [FOLIC_ACID]
    iodine = next((t for t in targets.uncounted if t.key == "iodine_ug"), None)
    if iodine is not None:
        out.append(IODINE.format(target=iodine.min))
    for key, text in (("vitamin_d_ug", VITAMIN_D), ("iron_mg", IRON)):
        t = targets.get(key)
        if t is not None and t.min and average.get(key, 0) < t.min * 0.995:
            out.append(text.format(got=average.get(key, 0), target=t.min))
    return tuple(out)


def plan_notes(food_ids, foods) -> tuple[str, ...]:
    """Notes about the foods a plan holds."""
    notes = [SODIUM_NOTE]
    if "limit_group" in foods and (foods.loc[sorted(set(food_ids)), "limit_group"] == "seaweed").any():
        notes.append(SEAWEED_NOTE)
    return tuple(notes)
