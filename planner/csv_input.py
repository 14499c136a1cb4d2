"""Reading a person's CSV table safely: bounded size, every cell as text until checked, errors in plain words."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

_NOT_FINITE = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "+nan", "-nan"}


class CsvInputError(ValueError):
    """A file that is not a usable table; the message is one line saying what to do."""


def _name(source) -> str:
    """The file's own name: enough for the person who chose it, and no server path shown to anyone else."""
    return Path(str(getattr(source, "name", source))).name or "the file"


def _head(source, limit: int) -> bytes:
    """At most `limit` bytes of a path or a binary file object, so an enormous file is never read whole."""
    if hasattr(source, "read"):
        data = source.read(limit)
        return data.encode("utf-8") if isinstance(data, str) else data
    with open(source, "rb") as fh:
        return fh.read(limit)


def read_text_table(source, what: str, max_bytes: int, max_rows: int) -> pd.DataFrame:
    """Every cell of a CSV table as text (an empty cell is missing; 'NA' and 'nan' stay text).

    Refuses, each with its own one-line message, a file over `max_bytes` or `max_rows` (checked before
    any parsing), an empty file, a binary or non-UTF-8 file, a malformed CSV and a header without rows."""
    name = _name(source)
    cap = f"{what} may have at most {max_rows:,} rows and {max_bytes / 1e6:g} MB"
    size = os.path.getsize(source) if isinstance(source, str | os.PathLike) else None
    if size is not None and size > max_bytes:
        raise CsvInputError(f"{name} is {size / 1e6:.1f} MB: {cap}; keep only the rows you need")
    data = _head(source, max_bytes + 1)
    if len(data) > max_bytes:
        raise CsvInputError(f"{name} is over {max_bytes / 1e6:g} MB: {cap}; keep only the rows you need")
    if not data.strip():
        raise CsvInputError(f"{name} is empty: {what} needs a header line, then one line per row")
    try:
        if b"\0" in data:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL byte")
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvInputError(f"{name} is not a text file in UTF-8: save {what} as CSV (UTF-8)") from None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                            nrows=max_rows + 1, skipinitialspace=True)
    except pd.errors.ParserError as exc:
        raise CsvInputError(f"{name} is not a well-formed CSV table: {_parser_problem(str(exc))}") from None
    except pd.errors.EmptyDataError:
        raise CsvInputError(f"{name} is empty: {what} needs a header line, then one line per row") from None
    if len(table) > max_rows:
        raise CsvInputError(f"{name} has more than {max_rows:,} rows: {cap}; keep only the rows you need")
    if table.empty:
        raise CsvInputError(f"{name} has a header line but no rows: add one line per row under it")
    table.columns = [str(c).strip() for c in table.columns]
    return table


def _parser_problem(message: str) -> str:
    """pandas' parser message in words a person editing the file understands."""
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if found:
        want, line, saw = found.groups()
        return (f"line {line} has {saw} cells but the header has {want}; put text that holds a comma "
                "in double quotes")
    if "EOF inside string" in message or "EOF while" in message:
        return "a double quote is opened and never closed"
    return "check its commas and double quotes"


def finite_numbers(cells: pd.DataFrame) -> tuple[pd.DataFrame, dict[tuple, str]]:
    """Floats from a block of cells, and for each cell that is not a finite number a reason, keyed by
    (row, column); an empty cell is missing (NaN), not a problem.

    A table's figures go into a solver: 'inf', 'nan' or 1e400 would crash it or make nonsense of it,
    so they are refused here, where the cell can still be named. One conversion for the whole block:
    per-column pandas calls cost a few ms each."""
    cells = cells.astype(object)
    flat = cells.to_numpy().ravel()
    values = pd.to_numeric(pd.Series(flat, dtype=object), errors="coerce").to_numpy(dtype=float, copy=True)
    odd = np.flatnonzero((np.isnan(values) & ~pd.isna(flat)) | np.isinf(values))  # usually none
    reasons = {}
    for k in odd:
        text = str(flat[k]).strip()
        row, column = cells.index[k // cells.shape[1]], cells.columns[k % cells.shape[1]]
        if np.isinf(values[k]) or text.lower() in _NOT_FINITE:
            reasons[row, column] = "is not a finite number"
        elif text:
            reasons[row, column] = "is not a number"
    values[np.isinf(values)] = np.nan
    return pd.DataFrame(values.reshape(cells.shape), index=cells.index, columns=cells.columns), reasons
