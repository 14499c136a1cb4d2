"""Every hostile plan file in tests/corpus/plans (and the big ones made here) through the library reader and
`python -m planner shopping` as Markdown, CSV and PDF: the expected one-line message, exit code 2, no traceback;
the files that do open show what their grams really add up to."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from planner.cli import main
from planner.planfile import PlanFileError, read_plan
from planner.report import notices

CORPUS = Path(__file__).resolve().parent / "corpus" / "plans"
EXPECTED = list(csv.DictReader((CORPUS / "expected.csv").open(encoding="utf-8")))
VALID = (CORPUS / "valid-one-day.json").read_text(encoding="utf-8")


def _big_files() -> dict[str, tuple[str, str]]:
    """Files too big to keep in the repository: name -> (contents, expected message)."""
    plan = json.loads(VALID)
    plan["days"] = [dict(plan["days"][0], index=d) for d in range(29)]
    return {
        "nested-100000-lists.json": ("[" * 100_000 + "]" * 100_000,
                                     "this file nests lists or objects more than 20 deep"),
        "too-many-days.json": (json.dumps(plan), "the plan has 29 days; a plan has 1 to 28"),
        "too-big.json": (VALID + " " * 200_000, "the file is larger than 200 KB"),
    }


CASES = [(row["file"], int(row["exit_code"]), row["message"]) for row in EXPECTED] + \
        [(name, 2, message) for name, (_, message) in _big_files().items()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The corpus folder's files plus the big ones, side by side in one place."""
    folder = tmp_path_factory.mktemp("plans")
    for path in CORPUS.glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    for name, (text, _) in _big_files().items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_manifest_lists_every_file():
    assert {p.name for p in CORPUS.glob("*.json")} == {row["file"] for row in EXPECTED}
    assert len(CASES) >= 35


@pytest.mark.parametrize("name, code, message", CASES, ids=[c[0] for c in CASES])
def test_library_reader(corpus, foods, name, code, message):
    data = (corpus / name).read_bytes()
    if code == 2:
        with pytest.raises(PlanFileError) as info:
            read_plan(data, foods)
        assert message in str(info.value) and "\n" not in str(info.value)
    else:
        plan = read_plan(data, foods)
        assert message in plan.notes if message else not any("over" in note for note in plan.notes)
        assert not any("evil.example" in text for text in (*plan.notes, *plan.targets.warnings,
                                                            *(s.text for s in plan.shortfalls)))


@pytest.mark.parametrize("fmt", ["md", "csv", "pdf"])
@pytest.mark.parametrize("name, code, message", CASES, ids=[c[0] for c in CASES])
def test_cli_shopping(corpus, tmp_path, capsys, name, code, message, fmt):
    out = tmp_path / f"out.{fmt}"
    args = ["shopping", str(corpus / name), "--format", fmt] + (["--out", str(out)] if fmt == "pdf" else [])
    assert main(args) == code
    stdout, stderr = capsys.readouterr()
    assert "Traceback" not in stdout + stderr
    if code == 2:
        assert stderr == f"error: {stderr[7:]}" and stderr.count("\n") == 1 and message in stderr
        assert not stdout and not out.exists()
    else:
        assert "evil.example" not in stdout + stderr  # the file's notes, warnings and reasons are not used
        assert (message in stderr) if message else not stderr
        if fmt == "pdf":
            assert out.read_bytes().startswith(b"%PDF")
        else:
            assert stdout.startswith("# Shopping list" if fmt == "md" else "aisle,item,buy,")
            assert stdout.count("\n") >= 8


@pytest.mark.parametrize("name, fmt", [("nested-100000-lists.json", "md"), ("seed-1e400.json", "csv"),
                                       ("empty-days.json", "pdf"), ("seed-5000-digits.json", "md")])
def test_a_real_process_ends_in_one_line(corpus, tmp_path, name, fmt):
    """The same, through `python -m planner` in its own process, where a traceback would really be printed."""
    run = subprocess.run([sys.executable, "-m", "planner", "shopping", str(corpus / name), "--format", fmt,
                          "--out", str(tmp_path / f"x.{fmt}")], capture_output=True, text=True)
    message = dict((c[0], c[2]) for c in CASES)[name]
    assert run.returncode == 2 and run.stderr.startswith("error: ") and message in run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


def test_claimed_calcium_is_replaced_by_what_the_grams_give(corpus, foods):
    data = json.loads((corpus / "calcium-5000mg.json").read_text(encoding="utf-8"))
    assert data["daily_totals"][0]["calcium_mg"] == 5000  # what the file claims
    plan = read_plan(json.dumps(data), foods)
    real = sum(foods.at[i.food_id, "calcium_mg"] * i.grams / 100 for _, _, i in plan.items())
    assert plan.daily_totals[0]["calcium_mg"] == pytest.approx(real, abs=0.01)
    assert f"Day 1: Calcium {real:,.0f} mg is over the upper limit of 2,500 mg" in plan.notes


def test_every_view_says_a_day_is_over_and_never_that_the_plan_is_within_limits(corpus, foods, pregnant_plan):
    plan = read_plan((corpus / "calcium-5000mg.json").read_bytes(), foods)
    sections = dict(notices(plan))  # what the Markdown list and the PDF print besides the menu
    assert sections["Over an upper limit"][0].startswith("Day 1: Calcium 4,")
    assert not any("over the upper limit" in n for n in sections["Notes"])  # said once
    totals = (dict(pregnant_plan.daily_totals[0], calcium_mg=2600.0), *pregnant_plan.daily_totals[1:])
    over_only = replace(pregnant_plan, daily_totals=totals, shortfalls=())
    lines = [line for _, part in notices(over_only) for line in part]
    assert "Day 1: Calcium 2,600 mg is over the upper limit of 2,500 mg" in lines
    assert not any("meets every target and limit" in line for line in lines)
