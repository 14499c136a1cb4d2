"""Food-safety limits for one person: fish, seaweed, eggs, saturated fat, child portions, kidney.

Each figure carries its source; data/README.md ("Safety limits") says more. The model turns a
`GroupLimit` into hard constraints on grams or servings of the foods whose `limit_group` matches."""

from __future__ import annotations

from dataclasses import dataclass

from planner.targets import Profile

# FDA/EPA "Advice about Eating Fish" (pregnant or breastfeeding people and children): 2 to 3 servings a
# week of "Best Choices" for adults, a 4 oz serving; children 2 servings a week, 3 oz at ages 8-10 and
# 4 oz from 11 (secondary sources for the child sizes: data/README.md). Every fish in the table is a Best Choice.
OZ_G = 28.35
FISH_ADULT_WEEK_G = 12 * OZ_G  # 3 servings x 4 oz = 340 g cooked
FISH_SERVINGS_CHILD = 2
SEAWEED_SERVINGS_WEEK = 3  # iodine: nori 16, wakame 30-185 ug per g dry (Teas 2004; Smyth 2021)
SEAWEED_SERVINGS_WEEK_PREGNANT = 2
# Eggs: at most 2 eggs a day and 7 a week (about one a day on average: the American Heart Association's
# advice on dietary cholesterol, Carson et al., Circulation 2020;141:e39-e53, "up to a whole egg daily").
EGG_G = 50.0  # USDA 01129: 1 large hard-boiled egg = 50 g; 9 g quail eggs count by weight
EGGS_PER_DAY = 2
EGGS_PER_WEEK = 7
SAT_FAT_SHARE = 0.10  # Dietary Guidelines 2020-2025: under 10 % of energy from saturated fat
SAT_FAT_KCAL_PER_G = 9.0
# NKF: a food with 200 mg of potassium or more per serving is 'high-potassium'; portion size matters.
HIGH_POTASSIUM_MG = 200.0
# Children 9-13 eat child portions: servings scale with their energy need against the 2,000 kcal
# reference of FDA food labels (21 CFR 101.9), as the Dietary Guidelines scale food-group amounts by
# calorie level; never above an adult portion.
REFERENCE_KCAL = 2000.0
CHILD_AGES = range(9, 14)


@dataclass(frozen=True)
class GroupLimit:
    group: str  # a `limit_group` of the food table
    day_g: float | None = None  # grams a day, across the day's meals
    week_g: float | None = None
    meal_g: float | None = None  # grams in one meal
    week_servings: int | None = None  # servings (portions) a week
    meals_per_day: int | None = None  # meals with this group in one day
    why: str = ""


def fish_serving_g(profile: Profile) -> float:
    """FDA/EPA serving of fish by age: 3 oz at 8-10, 4 oz from 11."""
    return (3 if profile.age <= 10 else 4) * OZ_G


def group_limits(profile: Profile, days: int) -> tuple[GroupLimit, ...]:
    """The limits that apply to this person over a plan of `days` days (a week or less)."""
    share = min(days, 7) / 7
    pregnant = profile.condition != "none"
    child = profile.age in CHILD_AGES
    limits = [
        GroupLimit("seaweed", week_servings=max(1, round(
            (SEAWEED_SERVINGS_WEEK_PREGNANT if pregnant else SEAWEED_SERVINGS_WEEK) * share)),
            why="seaweed is rich in iodine"),
        GroupLimit("egg", day_g=EGGS_PER_DAY * EGG_G, week_g=EGGS_PER_WEEK * EGG_G * share,
                   why="at most 2 eggs a day and 7 a week"),
    ]
    if pregnant:
        limits.append(GroupLimit("fish", week_g=FISH_ADULT_WEEK_G * share, meals_per_day=1,
                                 why="FDA/EPA: up to 3 servings (340 g) of fish a week in pregnancy and breastfeeding"))
    elif child:
        serving = fish_serving_g(profile)
        limits.append(GroupLimit("fish", week_g=FISH_SERVINGS_CHILD * serving * share, meal_g=serving,
                                 meals_per_day=1, why=f"FDA/EPA: 2 child servings of {serving:.0f} g a week"))
    else:
        limits.append(GroupLimit("fish", meals_per_day=1, why="fish at one meal a day"))
    return tuple(limits)


def portion_scale(profile: Profile, energy_mid_kcal: float) -> float:
    """Share of an adult portion a child may be served (1.0 for everyone else)."""
    if profile.age not in CHILD_AGES:
        return 1.0
    return min(1.0, energy_mid_kcal / REFERENCE_KCAL)
