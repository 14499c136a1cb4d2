"""Constants the model, the plan reader and the reports share (kept apart so nothing imports in a circle)."""

from __future__ import annotations

STEP = 0.5  # portions move in half portions
WEEK = 7  # a longer plan is solved a week at a time: each week meets its own averages

# Most items of one role in one meal: meals look like meals.
ROLE_CAPS = {
    "breakfast": {"main": 1, "grain": 1, "dairy": 1, "fruit": 1, "snack": 1, "extra": 2, "fat": 1, "drink": 1,
                  "vegetable": 1},
    "lunch": {"main": 1, "vegetable": 3, "grain": 1, "dairy": 1, "fruit": 1, "fat": 1, "extra": 2, "snack": 1},
    "dinner": {"main": 1, "vegetable": 3, "grain": 1, "dairy": 1, "fruit": 1, "fat": 1, "extra": 2, "snack": 1},
    "snack": {"dairy": 1, "fruit": 1, "snack": 1, "grain": 1, "vegetable": 1, "main": 1, "extra": 1, "drink": 1},
}
ITEMS = {"breakfast": (2, 4), "lunch": (3, 6), "dinner": (3, 6), "snack": (1, 2)}  # items that count (not drinks)
NOT_AN_ITEM = ("drink",)  # a cup of tea never makes a meal
# Roles a meal must have (soft: penalised if missing, so the model stays feasible).
REQUIRED = {"breakfast": ("grain", "dairy", "main"), "lunch": ("main",), "dinner": ("main",)}
NO_DAY_LIMIT = ("fat", "drink")  # olive oil and butter may be daily
USE_PACK_MIN_DAYS = 2  # fresh food bought in a pack of 3 or more portions: served on at least this many days
PERISHABLE = ("produce", "dairy", "fish_meat")  # aisles whose leftovers spoil within the week
WEEKLY_ONLY = ("vitamin_d_ug",)  # stored by the body: the weekly average is the honest measure
LIKED_DAYS = 3  # a liked food on this many days a week

# Penalties per unit of slack (a slack is a share of its target, 0..1) and per structural miss.
W_WEEKLY_PRIMARY = 1000.0
W_DAILY_PRIMARY = 300.0
W_DAILY_PROTEIN = 300.0
W_ENERGY = 300.0
W_WEEKLY_SECONDARY = 50.0
W_SAT_FAT = 30.0
W_STRUCTURE = 20.0
W_DISTINCT = 2.0
W_LIKED = 5.0

TOLERANCE = 0.005  # a total within 0.5 % of its target counts as met (rounding of grams)
