"""Time reading food tables: ours, one at the row cap, and two over the caps (refused before any parsing).

    python benchmarks/bench_tables.py [--repeats 3]

Prints figures; it is not a test and asserts nothing."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.food_schema import MAX_ROWS  # noqa: E402
from planner.foods import FOODS_CSV, FoodTableError, load_foods  # noqa: E402


def table_of(rows: int, path: Path) -> Path:
    """`rows` foods: our table's rows over and over, each with an id of its own."""
    header, *body = FOODS_CSV.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for i in range(rows):
            line = body[i % len(body)]
            fh.write(f"food-{i}{line[line.index(','):]}\n")
    return path


def timed(path: Path, repeats: int) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(repeats):
        started = time.perf_counter()
        try:
            outcome = f"{len(load_foods(path))} foods"
        except FoodTableError as exc:
            outcome = "refused: " + str(exc).splitlines()[0]
        times.append(time.perf_counter() - started)
    return statistics.median(times), outcome


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=3)
    repeats = ap.parse_args().repeats
    with tempfile.TemporaryDirectory() as tmp:
        cases = {"ours": FOODS_CSV}
        for rows in (MAX_ROWS, MAX_ROWS + 1, 107_000):
            cases[f"{rows:,} rows"] = table_of(rows, Path(tmp) / f"{rows}.csv")
        for name, path in cases.items():
            seconds, outcome = timed(path, repeats)
            print(f"{name:>14}  {path.stat().st_size / 1e6:7.2f} MB  {seconds * 1000:8.1f} ms  {outcome[:100]}")


if __name__ == "__main__":
    main()
