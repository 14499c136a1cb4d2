"""Constants the model, the plan reader and the reports share (kept apart so nothing imports in a circle)."""

from __future__ import annotations

STEP = 0.5  # portions move in half portions
WEEK = 7  # a longer plan is solved a week at a time: each week meets its own averages

# Most dishes of one course in one meal: meals look like meals.
COURSE_CAPS = {
    "breakfast": {"breakfast": 1, "snack": 1, "drink": 1},
    "lunch": {"main": 1, "soup": 1, "salad": 1, "side": 2},
    "dinner": {"main": 1, "soup": 1, "salad": 1, "side": 2},
    "snack": {"snack": 1, "breakfast": 1, "drink": 1},
}
DISHES = {"breakfast": (1, 2), "lunch": (1, 3), "dinner": (1, 3), "snack": (1, 1)}  # dishes that count
NOT_A_DISH = ("drink",)  # a cup of tea never makes a meal
# What a meal should hold (soft: penalised if missing): a breakfast dish; protein, vegetable, starch.
REQUIRED_COURSE = {"breakfast": "breakfast"}
REQUIRED_PARTS = {"lunch": ("protein", "vegetable", "starch"), "dinner": ("protein", "vegetable", "starch")}
# One food in two dishes of a meal is a repeat (spinach in the main and in the salad); fats, herbs and
# flavourings (oil, butter, dill, onion, lemon) are not.
REPEAT_ROLES = ("main", "vegetable", "grain", "dairy", "fruit", "snack")
MAIN_COURSES = ("main",)  # not two days running
WEEKLY_ONLY = ("vitamin_d_ug",)  # stored by the body: the weekly average is the honest measure
LIKED_DAYS = 3  # a liked food on this many days a week
LIKED_DISH_DAYS = 2

# Penalties per unit of slack (a slack is a share of its target, 0..1) and per structural miss.
W_WEEKLY_PRIMARY = 1000.0
W_DAILY_PRIMARY = 300.0
W_DAILY_PROTEIN = 300.0
W_ENERGY = 300.0
W_WEEKLY_SECONDARY = 300.0  # iron, choline...: well above a food-pattern goal, so no week trades iron for greens
W_SAT_FAT = 30.0
W_PATTERN = 10.0  # per share of a food-pattern goal missed (planner/goals.py)
W_HEI = 10.0  # per share of an HEI-2020 standard missed
W_STRUCTURE = 20.0
W_DISTINCT = 2.0
W_LIKED = 5.0
W_SKIP = 20.0  # a household member not eating a table dish they may eat: as much as a missing part of a meal
W_SPLIT = 5.0  # a household member's own dish at a shared meal: a convenience, like a liked food, below every target

PATTERN_TOLERANCE = 0.2  # a food-pattern amount counts as met at 80 % of it (portions come in half servings)
GRAINS_OVER = 0.25  # grains up to 25 % over the pattern's amount before it counts as a deviation
PROTEIN_OVER = 0.25  # meat, poultry and eggs likewise

TOLERANCE = 0.005  # a total within 0.5 % of its target counts as met (rounding of grams)
