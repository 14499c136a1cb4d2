"""The week at a glance: days as columns, meals as rows, dishes with servings, day totals; CSV and PDF."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from planner.grid import TOTAL_KEYS, grid_csv, total_text, week_grid
from planner.pdf import to_pdf
from planner.shopping import shopping_list


def test_days_are_columns_meals_are_rows_with_every_dish_and_its_servings(pregnant_plan):
    grid = week_grid(pregnant_plan)
    assert list(grid.columns) == ["Meal", *[f"Day {d}" for d in range(1, 8)]]
    assert list(grid.Meal[:4]) == ["Breakfast", "Lunch", "Dinner", "Snack"]
    for day in pregnant_plan.days:
        for row, meal in enumerate(day.meals):
            cell = grid.at[row, f"Day {day.index + 1}"]
            assert cell.split("\n") == [f"{d.name} ({d.label})" for d in meal.dishes] or (not meal.dishes and
                                                                                          cell == "–")


def test_a_row_of_day_totals_for_energy_and_the_four_cramp_minerals(pregnant_plan):
    grid = week_grid(pregnant_plan).set_index("Meal")
    assert list(grid.index[4:]) == ["Day total: Energy (kcal)", "Day total: Potassium (mg)",
                                    "Day total: Magnesium (mg)", "Day total: Calcium (mg)",
                                    "Day total: Vitamin D (µg)"]
    for key, label in zip(TOTAL_KEYS, grid.index[4:], strict=True):
        for day, totals in enumerate(pregnant_plan.daily_totals):
            assert grid.at[label, f"Day {day + 1}"] == total_text(totals[key])
            assert abs(float(grid.at[label, f"Day {day + 1}"].replace(",", "")) - totals[key]) <= 0.5
    assert all(isinstance(v, str) and v not in ("", "None", "nan") for v in grid.to_numpy().ravel())


def test_grid_csv_has_the_same_cells_in_one_line_per_row(pregnant_plan):
    rows = list(csv.reader(io.StringIO(grid_csv(pregnant_plan))))
    grid = week_grid(pregnant_plan)
    assert rows[0] == list(grid.columns) and len(rows) == len(grid) + 1
    first = pregnant_plan.days[0].meals[0].dishes
    assert rows[1][1] == "; ".join(f"{d.name} ({d.label})" for d in first)


def test_the_printed_menu_has_the_day_totals(foods, pregnant_plan):
    pdf = PdfReader(io.BytesIO(to_pdf(pregnant_plan, shopping_list(pregnant_plan, foods))))
    text = pdf.pages[0].extract_text()
    assert "Day totals" in text
    day1 = pregnant_plan.daily_totals[0]
    assert f"{day1['energy_kcal']:,.0f} kcal" in text and f"K {day1['potassium_mg']:,.0f} mg" in text
