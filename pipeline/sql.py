"""SQL over the tables with embedded DuckDB (no server): one view per table, plain-text or CSV results."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, TextIO

import duckdb
import pandas as pd

from pipeline.api import open_store
from pipeline.export import export_frame, frame_csv
from pipeline.schema import TABLES

MAX_CELL = 60  # characters of one cell in the plain-text table (documents.text would fill a screen)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
QUIT = frozenset({".quit", ".exit", "\\q"})


def connect(out: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per table of OUT; a table not written yet is an empty typed one."""
    store = open_store(Path(out))
    con = duckdb.connect(":memory:")
    for name in TABLES:
        if store.exists(name):
            path = str(store.path(name).resolve()).replace("'", "''")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        else:
            con.register(f"_empty_{name}", TABLES[name].schema.empty_table())
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM _empty_{name}")
    return con


def query(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    """The result of one statement as a DataFrame (empty for statements that return nothing)."""
    rel = con.sql(sql)
    return pd.DataFrame() if rel is None else export_frame(rel.to_arrow_table())


def _cell(value: object) -> str:
    """One cell for a terminal: lists joined, whitespace folded, control characters (ANSI escapes) dropped."""
    if pd.api.types.is_list_like(value):
        value = "; ".join(map(str, value))
    elif value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    text = " ".join(CONTROL.sub("", str(value)).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def plain_table(df: pd.DataFrame) -> str:
    """A readable fixed-width table with a row count, long cells shortened."""
    if df.columns.empty:
        return "(no result)"
    header = [str(c) for c in df.columns]
    rows = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]

    def line(cells: Iterable[str]) -> str:
        return "  ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric)).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def render(df: pd.DataFrame, as_csv: bool) -> str:
    return frame_csv(df) if as_csv else plain_table(df) + "\n"


def interactive(con: duckdb.DuckDBPyConnection, lines: TextIO, write: Callable[[str], None],
                prompt: Callable[[str], None], as_csv: bool = False) -> int:
    """Read statements from `lines` (each ends with ';', or at the end of input) until EOF or `.quit`.

    Returns how many statements failed; each failure is one line and the prompt goes on.
    """
    failed, buffer = 0, []
    prompt("minutes> ")
    for raw in lines:
        text = raw.strip()
        if not buffer and text in QUIT:
            break
        if not buffer and text == ".tables":
            write("\n".join(TABLES) + "\n")
        elif text:
            buffer.append(raw.rstrip("\n"))
            if not text.endswith(";"):
                prompt("    ...> ")
                continue
        if buffer:
            failed += _run_one(con, "\n".join(buffer), write, as_csv)
            buffer = []
        prompt("minutes> ")
    if buffer:
        failed += _run_one(con, "\n".join(buffer), write, as_csv)
    return failed


def _run_one(con: duckdb.DuckDBPyConnection, sql: str, write: Callable[[str], None], as_csv: bool) -> int:
    try:
        write(render(query(con, sql), as_csv))
        return 0
    except duckdb.Error as exc:
        write(f"error: {one_line(exc)}\n")
        return 1


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
