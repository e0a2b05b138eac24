"""CSV and XLSX of every table, safe to open in a spreadsheet, written only inside the folder asked for.

Spreadsheet safety follows OWASP's guidance on CSV injection: a text cell that would start with `=`, `+`, `-`,
`@`, a tab or a carriage return (also after leading blanks, and their full-width forms) gets a leading single
quote, so Excel and LibreOffice show it as text instead of evaluating it. Numbers are written as numbers.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd
import pyarrow as pa

from pipeline.schema import TABLES

FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
XLSX_CELL_MAX = 32_767  # Excel refuses longer cells
XLSX_ROWS_MAX = 1_048_576
TRUNCATED = " [truncated: see the CSV or Parquet for the full text]"
# XML 1.0 forbids these in a worksheet; a hostile file may carry them.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(value: str) -> str:
    """A text cell a spreadsheet will not read as a formula (OWASP: prefix a single quote)."""
    stripped = value.lstrip(" \n\u00a0")
    if value and (value[0] in FORMULA_START or (stripped and stripped[0] in FORMULA_START)):
        return "'" + value
    return value


def safe_cell(value: object) -> object:
    """One value ready for a CSV/XLSX cell: text neutralised, numbers kept numbers, missing values empty."""
    if pd.api.types.is_list_like(value):  # list columns (aliases) arrive as arrays
        return safe_text("; ".join(str(v) for v in list(value)))
    if hasattr(value, "item") and type(value).__module__ == "numpy":  # numpy scalars
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return None if value != value else value
    if isinstance(value, dt.datetime):  # pd.Timestamp included
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    if isinstance(value, dt.date):
        return value
    return safe_text(str(value))


def export_frame(table: pa.Table) -> pd.DataFrame:
    """A table as exported: integers stay integers (nullable), dates stay calendar dates."""
    def ints(type_: pa.DataType):
        return {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}.get(type_)
    return table.to_pandas(types_mapper=ints)


def _csv_value(value: object) -> object:
    value = safe_cell(value)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], hashtags: Sequence[str] | None = None) -> str:
    """CSV of the rows (header first, then an optional HXL hashtag row), every cell neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([_csv_value(h) for h in header])
    if hashtags is not None:
        writer.writerow(hashtags)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buf.getvalue()


def frame_csv(df: pd.DataFrame, hashtags: Sequence[str] | None = None) -> str:
    return csv_text(list(df.columns), df.itertuples(index=False, name=None), hashtags)


def _xlsx_value(value: object) -> object:
    value = safe_cell(value)
    if isinstance(value, str):
        value = XML_ILLEGAL.sub("\ufffd", value)
        if len(value) > XLSX_CELL_MAX:
            value = value[: XLSX_CELL_MAX - len(TRUNCATED)] + TRUNCATED
    return value


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per frame (split into 'name (2)', ... past Excel's row limit), cells neutralised."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for name, df in sheets.items():
        per_sheet = XLSX_ROWS_MAX - 1
        chunks = range(0, max(len(df), 1), per_sheet)
        for i, start in enumerate(chunks):
            ws = wb.create_sheet(_sheet_title(name if i == 0 else f"{name} ({i + 1})"))
            ws.append([_xlsx_value(c) for c in df.columns])
            for row in df.iloc[start:start + per_sheet].itertuples(index=False, name=None):
                cells = []
                for v in row:
                    cell = WriteOnlyCell(ws, value=_xlsx_value(v))
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula, whatever openpyxl would guess
                    cells.append(cell)
                ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def resolve_under(root: Path, relative: str) -> Path:
    """root/relative, refusing any name that would leave root (absolute, '..', odd characters)."""
    parts = relative.split("/")
    if not relative or any(p in ("", ".", "..") or not re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", p) for p in parts):
        raise ValueError(f"refusing to write {relative!r}: not a plain relative name")
    root = Path(root).resolve()
    target = root.joinpath(*parts)
    if root not in target.parents:
        raise ValueError(f"refusing to write {relative!r} outside {root}")
    return target


def write_under(root: Path, relative: str, data: bytes | str) -> Path:
    """Write one file inside root atomically; a symlink already at its name is replaced, never followed."""
    target = resolve_under(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    real_root = Path(root).resolve()
    if real_root not in (target.parent.resolve(), *target.parent.resolve().parents):
        raise ValueError(f"refusing to write {relative!r}: {target.parent} leads outside {real_root}")
    return write_file(target, data)


def write_file(target: Path, data: bytes | str) -> Path:
    """Write a file atomically: a temp file beside it, then a rename over the name (never through a symlink)."""
    target = Path(target)
    payload = data.encode("utf-8", errors="replace") if isinstance(data, str) else data  # lone surrogates
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def prepare_dir(directory: Path) -> Path:
    """The output folder, created; refuses a path that exists and is not a folder."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(f"{directory} exists and is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    return directory.resolve()


def export_tables(out: Path, to: Path) -> list[Path]:
    """`<table>.csv` for every table of OUT and `tables.xlsx` with a sheet each; returns the files written."""
    from pipeline.api import open_store

    store = open_store(Path(out))
    root = prepare_dir(to)
    names = list(TABLES)
    tables = {name: export_frame(store.read(name)) for name in names}
    written = [write_under(root, f"{name}.csv", frame_csv(tables[name])) for name in names]
    written.append(write_under(root, "tables.xlsx", xlsx_bytes({n: tables[n] for n in names})))
    return written
