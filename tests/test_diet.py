"""The classic least-cost diet problem on a case solved by hand."""

import pandas as pd
import pytest

from planner.diet import DietInputError, solve_diet


def test_hand_solved_problem():
    # Food A: cost 2, protein 1, calcium 3 per unit. Food B: cost 3, protein 2, calcium 1.
    # Need protein >= 8, calcium >= 9. Corner of both: a + 2b = 8 and 3a + b = 9 -> a = 2, b = 3, cost 13.
    # The other corners cost more: (a=8, b=0) costs 16 and (a=0, b=9) costs 27.
    foods = pd.DataFrame({"name": ["A", "B"], "cost": [2, 3], "protein": [1, 2], "calcium": [3, 1]})
    req = pd.DataFrame({"nutrient": ["protein", "calcium"], "min": [8, 9]})
    result = solve_diet(foods, req)
    assert result.status == "optimal"
    assert result.amounts == pytest.approx({"A": 2, "B": 3})
    assert result.cost == pytest.approx(13)
    assert set(result.binding) == {"protein", "calcium"}


def test_a_maximum_moves_the_optimum():
    # Cap calcium at 9: only the corner a = 2, b = 3 stays; cap protein at 8 too: same point.
    foods = pd.DataFrame({"name": ["A", "B"], "cost": [2, 3], "protein": [1, 2], "calcium": [3, 1]})
    req = pd.DataFrame({"nutrient": ["protein", "calcium"], "min": [8, 0], "max": [None, 6]})
    # calcium <= 6 with protein >= 8: a = 0, b = 4 gives calcium 4, cost 12 (cheaper than a = 2, b = 3)
    result = solve_diet(foods, req)
    assert result.amounts == pytest.approx({"B": 4})
    assert result.cost == pytest.approx(12)


def test_infeasible_and_bad_tables():
    foods = pd.DataFrame({"name": ["A"], "cost": [1], "protein": [1]})
    assert solve_diet(foods, pd.DataFrame({"nutrient": ["protein"], "min": [5], "max": [2]})).status == "infeasible"
    with pytest.raises(DietInputError, match="no column"):
        solve_diet(foods, pd.DataFrame({"nutrient": ["iron"], "min": [1]}))
    with pytest.raises(DietInputError, match="'cost' column"):
        solve_diet(foods.drop(columns="cost"), pd.DataFrame({"nutrient": ["protein"], "min": [1]}))
