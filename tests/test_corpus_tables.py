"""The corpus of broken food and diet tables: every file through every entry point, one plain line each."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pandas as pd
import pulp
import pytest

from planner.cli import main
from planner.diet import DietInputError, read_tables, solve_diet
from planner.dishes import single_food_dishes
from planner.extract import PlanError
from planner.food_schema import MAX_ROWS
from planner.foods import FoodFilter, FoodTableError, load_foods
from planner.model import build_model, nutrient_foods, plan_week, solve
from planner.settings import PlanSettings
from planner.targets import Profile, targets_for

CORPUS = Path(__file__).parent / "corpus" / "tables"
MANIFEST = list(csv.DictReader((CORPUS / "expected.csv").open(encoding="utf-8")))
VALID = {"foods_three_valid.csv", "foods_empty_text_columns.csv", "diet_ampl_foods.csv", "diet_ampl_requirements.csv"}
WEEK = ["week", "--sex", "female", "--age", "30", "--days", "1", "--foods"]


@pytest.fixture
def system_tmp(tmp_path, monkeypatch):
    """The system temp folder, made this test's own (for tempfile and for PuLP, which reads TMPDIR), so files
    that other programs on the machine leave there cannot make the leftover check fail or pass."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    for name in ("TMPDIR", "TMP", "TEMP"):
        monkeypatch.setenv(name, str(folder))
    assert tempfile.gettempdir() == str(folder)
    return folder


def left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def diet_pair(path: Path) -> tuple[Path, Path]:
    if path.name.startswith("diet_req_"):
        return CORPUS / "diet_ampl_foods.csv", path
    return path, CORPUS / "diet_ampl_requirements.csv"


def cli_lines(problems: int) -> int:
    """Lines on stderr: one problem alone; else a count line, at most 20 problems and '... and N more'."""
    return 1 if problems == 1 else 1 + min(problems, 20) + (problems > 20)


def run_entry(entry: str, path: Path, capsys) -> tuple[str, int]:
    """Run one entry point on a file; return its message and how many problem lines it carries."""
    if entry in ("week", "diet"):
        argv = [*WEEK, str(path)] if entry == "week" else \
            ["diet", "--foods", str(diet_pair(path)[0]), "--requirements", str(diet_pair(path)[1])]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 2, (code, out, err)
        assert "Traceback" not in err and 'File "' not in err and "Error:" not in err, err
        assert err.startswith("error: ") and out == ""
        return err, len(err.strip().splitlines())
    if entry == "load_foods":
        with pytest.raises(FoodTableError) as caught:
            load_foods(path)
        return str(caught.value), len(caught.value.problems)
    if entry == "plan_week":
        foods = load_foods(path)
        settings = PlanSettings(days=1)
        with pytest.raises(PlanError) as caught:
            plan_week(foods, targets_for(Profile("female", 30)), settings)
        return str(caught.value), 1
    if entry == "solve_diet":
        with pytest.raises(DietInputError) as caught:
            solve_diet(*read_tables(*diet_pair(path)))
        return str(caught.value), len(caught.value.problems)
    raise AssertionError(f"unknown entry point {entry}")


def test_every_file_is_in_the_manifest():
    files = {p.name for p in CORPUS.iterdir() if p.suffix == ".csv"} - {"expected.csv"}
    listed = {row["file"] for row in MANIFEST}
    assert listed <= files
    assert files - listed == VALID


@pytest.mark.parametrize("row", MANIFEST, ids=lambda r: f"{r['entry']}-{r['file']}")
def test_corpus_file(row, system_tmp, capsys):
    message, lines = run_entry(row["entry"], CORPUS / row["file"], capsys)
    problems = int(row["problems"])
    assert row["message"] in message
    if problems > 1:
        assert f"{problems} problems" in message.splitlines()[0]
    expected_lines = cli_lines(problems) if row["entry"] in ("week", "diet") else min(problems, 21)
    assert lines == expected_lines, message
    assert left_behind(system_tmp) == []


def write_rows(path: Path, rows: int) -> Path:
    """A food table of `rows` valid foods (the three of the corpus, with new ids), written fast."""
    header, *body = (CORPUS / "foods_three_valid.csv").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for i in range(rows):
            line = body[i % 3]
            fh.write(f"food-{i}{line[line.index(','):]}\n")
    return path


@pytest.mark.parametrize("entry", ["week", "load_foods"])
@pytest.mark.parametrize("rows, cap", [(107_000, "2 MB"), (MAX_ROWS + 1, "more than 2,000 rows")])
def test_a_table_over_the_caps_is_refused_before_any_work(tmp_path, system_tmp, capsys, entry, rows, cap):
    path = write_rows(tmp_path / "big.csv", rows)
    message, lines = run_entry(entry, path, capsys)
    assert cap in message and "at most 2,000 rows and 2 MB" in message and lines == 1
    assert left_behind(system_tmp) == []


def test_a_table_at_the_row_cap_loads(tmp_path):
    assert len(load_foods(write_rows(tmp_path / "cap.csv", MAX_ROWS))) == MAX_ROWS


def test_a_huge_diet_table_is_refused(tmp_path, system_tmp, capsys):
    foods = tmp_path / "diet_foods_huge.csv"
    foods.write_text("name,cost,A\n" + "".join(f"F{i},1,1\n" for i in range(107_000)), encoding="utf-8")
    message, _ = run_entry("diet", foods, capsys)
    assert "has more than 2,000 rows" in message


@pytest.mark.parametrize("name", ["foods_three_valid.csv", "foods_empty_text_columns.csv"])
def test_a_valid_three_food_table_plans(name, system_tmp, capsys):
    """Entirely empty text columns stay text; the solver runs and leaves nothing behind."""
    foods = load_foods(CORPUS / name)
    text = ["shop_name", "group", "allergens", "pregnancy_caution", "avoid_reason", "limit_group", "fortified", "note"]
    assert len(foods) == 3 and all(pd.api.types.is_string_dtype(foods[c]) for c in text)
    assert main([*WEEK, str(CORPUS / name)]) == 0
    out, err = capsys.readouterr()
    assert "Day 1" in out and "by CBC" in out and err == ""
    assert left_behind(system_tmp) == []


def test_the_solvers_files_go_even_when_it_crashes(system_tmp):
    """A figure that slipped past validation (here: inf, put in after loading) makes CBC fail; its files go."""
    foods = load_foods(CORPUS / "foods_three_valid.csv")
    foods.loc["banana", "calcium_mg"] = float("inf")
    settings = PlanSettings(days=1, food_filter=FoodFilter())
    model = build_model(single_food_dishes(foods), nutrient_foods(foods, settings), targets_for(Profile("female", 30)),
                        settings)
    with pytest.raises(pulp.PulpSolverError):
        solve(model)
    assert left_behind(system_tmp) == []


def test_no_food_left_names_the_reason(foods):
    everything = FoodFilter(exclude=tuple(foods.id))
    settings = PlanSettings(days=1, food_filter=everything)
    with pytest.raises(PlanError, match=f"no food is left to plan from: all {len(foods)} foods") as caught:
        plan_week(foods, targets_for(Profile("female", 30)), settings)
    assert "you excluded it" in str(caught.value) and "\n" not in str(caught.value)
