"""The command line: every command documented with an example; a week, its list, the diet problem."""

import csv
import json
import subprocess
import sys

import pytest

from planner.cli import EXAMPLES, parser


def run(*args, check=True):
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, check=check)


def test_every_command_has_help_with_an_example():
    commands = parser()._subparsers._group_actions[0].choices
    assert set(commands) == set(EXAMPLES)
    for name in commands:
        out = " ".join(run(name, "--help").stdout.split())
        assert "example: " + EXAMPLES[name] in out


def test_week_then_shopping(tmp_path):
    plan = tmp_path / "plan.json"
    out = run("week", "--sex", "female", "--age", "28", "--pregnancy-trimester", "2", "--days", "2",
              "--exclude", "salmon,banana", "--out", str(plan)).stdout
    assert "Day 2" in out and "plan written" in out
    data = json.loads(plan.read_text())
    assert len(data["days"]) == 2
    ids = {i["food_id"] for d in data["days"] for m in d["meals"] for dish in m["dishes"] for i in dish["items"]}
    assert not ids & {"salmon", "banana"}
    csv_path = tmp_path / "list.csv"
    run("shopping", str(plan), "--format", "csv", "--out", str(csv_path))
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert {r["item"] for r in rows} and all(float(r["buy_grams"]) >= float(r["needed_grams"]) for r in rows)
    pdf = tmp_path / "list.pdf"
    run("shopping", str(plan), "--format", "pdf", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_shopping_refuses_a_broken_plan(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{broken")
    out = run("shopping", str(bad), check=False)
    assert out.returncode == 2 and "not valid JSON" in out.stderr and "Traceback" not in out.stderr


def test_diet_command(tmp_path):
    (tmp_path / "f.csv").write_text("name,cost,protein,calcium\nA,2,1,3\nB,3,2,1\n")
    (tmp_path / "r.csv").write_text("nutrient,min\nprotein,8\ncalcium,9\n")
    out = run("diet", "--foods", str(tmp_path / "f.csv"), "--requirements", str(tmp_path / "r.csv"), "--json")
    data = json.loads(out.stdout)
    assert data["cost"] == pytest.approx(13) and data["amounts"] == pytest.approx({"A": 2, "B": 3})
