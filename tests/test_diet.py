"""The classic least-cost diet problem: cases solved by hand, the AMPL book's, and tables that are refused."""

import json
from pathlib import Path

import pandas as pd
import pytest

from planner.cli import main
from planner.diet import DietInputError, read_tables, solve_diet

CORPUS = Path(__file__).parent / "corpus" / "tables"
AMPL = (CORPUS / "diet_ampl_foods.csv", CORPUS / "diet_ampl_requirements.csv")


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
    foods = pd.DataFrame({"name": ["A"], "cost": [1], "protein": [1], "max_amount": [2]})
    result = solve_diet(foods, pd.DataFrame({"nutrient": ["protein"], "min": [5]}))
    assert (result.status, result.cost, result.amounts) == ("infeasible", None, {})
    with pytest.raises(DietInputError, match="no column"):
        solve_diet(foods, pd.DataFrame({"nutrient": ["iron"], "min": [1]}))
    with pytest.raises(DietInputError, match="'cost' column"):
        solve_diet(foods.drop(columns="cost"), pd.DataFrame({"nutrient": ["protein"], "min": [1]}))
    with pytest.raises(DietInputError, match="min 5 is more than max 2"):
        solve_diet(foods, pd.DataFrame({"nutrient": ["protein"], "min": [5], "max": [2]}))


def test_a_binding_maximum_is_listed():
    # A: cost 1, protein 1, sodium 2; B: cost 3, protein 1, no sodium. Protein >= 10, sodium <= 10.
    # A alone is cheapest but sodium caps it at 5 units; B makes up the rest: a = 5, b = 5, cost 20.
    foods = pd.DataFrame({"name": ["A", "B"], "cost": [1, 3], "protein": [1, 1], "sodium": [2, 0]})
    req = pd.DataFrame({"nutrient": ["protein", "sodium"], "min": [10, 0], "max": [None, 10]})
    result = solve_diet(foods, req)
    assert result.amounts == pytest.approx({"A": 5, "B": 5}) and result.cost == pytest.approx(20)
    assert result.binding == ("protein",) and result.binding_max == ("sodium",)


def test_whole_units():
    # One food, cost 2, protein 3; protein >= 4: 4/3 of a unit costs 8/3, whole units need 2 (cost 4).
    foods = pd.DataFrame({"name": ["A"], "cost": [2], "protein": [3]})
    req = pd.DataFrame({"nutrient": ["protein"], "min": [4]})
    assert solve_diet(foods, req).amounts == pytest.approx({"A": 4 / 3})
    whole = solve_diet(foods, req, integer=True)
    assert whole.amounts == {"A": 2} and whole.cost == pytest.approx(4)


def test_per_food_bounds():
    # The hand-solved problem (a = 2, b = 3) with b <= 2: a >= 8 - 2b and a >= (9 - b) / 3, so a = 4, b = 2,
    # cost 14 (b = 1 costs 15, b = 0 costs 16). With a >= 3 instead: on a + 2b = 8 the cost is 12 + a / 2,
    # least at a = 3, b = 2.5 (calcium 11.5 >= 9), cost 13.5.
    foods = pd.DataFrame({"name": ["A", "B"], "cost": [2, 3], "protein": [1, 2], "calcium": [3, 1]})
    req = pd.DataFrame({"nutrient": ["protein", "calcium"], "min": [8, 9]})
    capped = solve_diet(foods.assign(max_amount=[None, 2]), req)
    assert capped.amounts == pytest.approx({"A": 4, "B": 2}) and capped.cost == pytest.approx(14)
    floored = solve_diet(foods.assign(min_amount=[3, None]), req)
    assert floored.amounts == pytest.approx({"A": 3, "B": 2.5}) and floored.cost == pytest.approx(13.5)


def test_the_ampl_books_diet_with_sodium_named_NA():
    """The AMPL book's diet2a (sodium is 'NA'): LP cost 118.0594 with sodium at its maximum; whole
    packages cost 119.3 (the book's figures); with sodium capped at 40,000 (its diet2.dat) no diet exists."""
    foods, req = read_tables(*AMPL)
    assert "NA" in set(req.nutrient) and "NA" in foods.columns
    result = solve_diet(foods, req)
    assert result.cost == pytest.approx(118.0594, abs=1e-4)
    assert result.amounts["BEEF"] == pytest.approx(5.3606, abs=1e-4) and result.amounts["HAM"] == 10
    assert result.binding_max == ("NA",) and result.totals["NA"] == pytest.approx(50000)
    whole = solve_diet(foods, req, integer=True)
    assert whole.cost == pytest.approx(119.3)
    assert whole.amounts == {"BEEF": 9, "CHK": 2, "FISH": 2, "HAM": 8, "MCH": 10, "MTL": 10, "SPG": 7, "TUR": 2}
    assert solve_diet(foods, req.assign(max=req["max"].where(req.nutrient != "NA", "40000"))).status == "infeasible"


def test_cli_prints_strict_json_when_infeasible(tmp_path, capsys):
    req = tmp_path / "req.csv"
    req.write_text(AMPL[1].read_text().replace("NA,0,50000", "NA,0,40000"))
    assert main(["diet", "--foods", str(AMPL[0]), "--requirements", str(req), "--json"]) == 1
    data = json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    assert data["status"] == "infeasible" and data["cost"] is None


def test_cli_lists_binding_maxima_and_whole_units(capsys):
    assert main(["diet", "--foods", str(AMPL[0]), "--requirements", str(AMPL[1]), "--integer"]) == 0
    out = capsys.readouterr().out
    assert "total cost: 119.3" in out and "binding maxima: none" in out
    assert main(["diet", "--foods", str(AMPL[0]), "--requirements", str(AMPL[1])]) == 0
    assert "binding maxima: NA" in capsys.readouterr().out


def test_a_blank_or_bad_cell_is_named():
    foods = pd.DataFrame({"name": ["A", "B"], "cost": [1, "cheap"], "protein": [1, float("inf")]})
    with pytest.raises(DietInputError) as caught:
        solve_diet(foods, pd.DataFrame({"nutrient": ["protein"], "min": [None]}))
    assert caught.value.problems == [
        "food table row 3 (B), column 'cost': value 'cheap' is not a number",
        "food table row 3 (B), column 'protein': value 'inf' is not a finite number",
        "requirement table row 2 (protein), column 'min': is empty; write 0 for no minimum",
    ]
