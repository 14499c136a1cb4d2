"""The food-group equivalent columns of the food table (MyPlate / FPED units, per 100 g as eaten)."""

from __future__ import annotations

# column -> unit; the values come from data/food_groups.csv (see data/README.md)
FOOD_GROUP_UNITS = {
    "fruit_cup": "cup-eq",
    "whole_fruit_cup": "cup-eq",  # fruit other than juice
    "veg_dark_green_cup": "cup-eq",
    "veg_red_orange_cup": "cup-eq",
    "veg_starchy_cup": "cup-eq",
    "veg_other_cup": "cup-eq",
    "legumes_cup": "cup-eq",  # beans, peas, lentils counted as vegetables (FPED V_LEGUMES)
    "grains_whole_oz": "oz-eq",
    "grains_refined_oz": "oz-eq",
    "dairy_cup": "cup-eq",
    "protein_meat_oz": "oz-eq",  # meat and poultry
    "protein_eggs_oz": "oz-eq",
    "protein_seafood_oz": "oz-eq",
    "protein_nuts_seeds_oz": "oz-eq",
    "protein_soy_oz": "oz-eq",
    "legumes_protein_oz": "oz-eq",  # the same legumes counted as protein foods (FPED PF_LEGUMES)
    "oils_g": "g",
    "added_sugars_g": "g",
}
FOOD_GROUP_COLUMNS = tuple(FOOD_GROUP_UNITS)
FOOD_GROUP_RULE = "food_group_rule"  # the MyPlate rule and USDA measure behind a row's figures

# 1 cup-eq of legumes = 4 oz-eq of protein foods (1/4 cup cooked = 1 oz-eq, MyPlate)
LEGUME_OZ_PER_CUP = 4.0
