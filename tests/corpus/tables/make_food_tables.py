"""Rebuild the broken food tables of this folder from three rows of data/foods.csv (run from the repository root).

    python tests/corpus/tables/make_food_tables.py

Run it when data/foods.csv gains or loses a column, then update the counts in expected.csv that depend
on the number of columns (the ragged row, the missing columns, every number bad). The diet tables are
written by hand and are not touched."""

from __future__ import annotations

import csv
import io
from pathlib import Path

OUT = Path(__file__).resolve().parent
FOODS = OUT.parents[2] / "data" / "foods.csv"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"
OPTIONAL_TEXT = ("shop_name", "group", "allergens", "pregnancy_caution", "avoid_reason", "limit_group", "fortified",
                 "note")


def main() -> None:
    with FOODS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    columns = list(rows[0])
    base = [r for r in rows if r["id"] in ("banana", "spinach-raw", "salmon")]
    numbers = [c for c in columns if c.endswith(("_g", "_mg", "_ug", "_kcal", "_cup", "_oz"))
               or c in ("min_portions", "max_portions", "purchase_yield")]

    def write(name: str, table: list[dict], header: list[str] = columns) -> None:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(table)
        (OUT / name).write_text(buf.getvalue(), encoding="utf-8")

    def one_cell(name: str, row: int, column: str, value: str) -> None:
        table = [dict(r) for r in base]
        table[row][column] = value
        write(name, table)

    write("foods_three_valid.csv", base)
    write("foods_empty_text_columns.csv", [dict(r, **dict.fromkeys(OPTIONAL_TEXT, "")) for r in base])
    for name, row, column, value in [
        ("foods_inf_cell.csv", 0, "calcium_mg", "inf"),
        ("foods_minus_inf_cell.csv", 1, "potassium_mg", "-inf"),
        ("foods_nan_text_cell.csv", 2, "energy_kcal", "nan"),
        ("foods_1e400_cell.csv", 0, "magnesium_mg", "1e400"),
        ("foods_1e308_portion.csv", 0, "portion_g", "1e308"),
        ("foods_1e308_nutrient.csv", 1, "vitamin_d_ug", "1e308"),
        ("foods_energy_over_pure_fat.csv", 2, "energy_kcal", "5000"),
        ("foods_huge_max_portions.csv", 0, "max_portions", "1000000"),
        ("foods_huge_purchase.csv", 1, "purchase_g", "1e12"),
        ("foods_min_over_max_portions.csv", 0, "min_portions", "3"),
        ("foods_text_in_number.csv", 1, "magnesium_mg", "lots"),
        ("foods_negative_nutrient.csv", 0, "calcium_mg", "-5"),
        ("foods_unknown_slot.csv", 2, "slots", "brunch"),
        ("foods_duplicate_id.csv", 2, "id", "banana"),
        ("foods_missing_name.csv", 1, "name", ""),
    ]:
        one_cell(name, row, column, value)
    write("foods_missing_column.csv", base, [c for c in columns if c != "aisle"])
    write("foods_every_number_bad.csv", [dict(r, **dict.fromkeys(numbers, "x")) for r in base])
    write("foods_all_avoided.csv", [dict(r, avoid="yes", avoid_reason="The article says to avoid it.") for r in base])
    write("foods_no_lunch_or_dinner.csv", [dict(r, slots="breakfast|snack") for r in base])
    (OUT / "foods_empty.csv").write_bytes(b"")
    (OUT / "foods_blank_lines.csv").write_text("\n\n   \n", encoding="utf-8")
    (OUT / "foods_header_only.csv").write_text(",".join(columns) + "\n", encoding="utf-8")
    (OUT / "foods_binary.csv").write_bytes(PNG_HEADER)
    valid = (OUT / "foods_three_valid.csv").read_text(encoding="utf-8")
    latin = valid.replace("Banana,Bananas", "Banane,Bananes \u00e9cras\u00e9es")
    (OUT / "foods_latin1.csv").write_bytes(latin.encode("latin-1"))
    lines = valid.splitlines()
    ragged = [*lines[:2], lines[2] + ",an extra cell,and another", *lines[3:]]
    (OUT / "foods_ragged_row.csv").write_text("\n".join(ragged) + "\n", encoding="utf-8")
    (OUT / "foods_open_quote.csv").write_text(valid + '"broccoli,Broccoli with an unclosed quote\n', encoding="utf-8")
    (OUT / "foods_not_a_table.csv").write_text("dear diary,\ntoday I ate a banana\n", encoding="utf-8")
    print(f"{len(columns)} columns, {len(numbers)} of them numbers")


if __name__ == "__main__":
    main()
