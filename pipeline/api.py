"""Read the pipeline's tables from a notebook: `from pipeline.api import load`."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.schema import TABLES
from pipeline.store import Store


def load(out: str | Path, table: str) -> pd.DataFrame:
    """One table as a DataFrame with its declared dtypes (empty but typed when nothing was written yet)."""
    if table not in TABLES:
        raise KeyError(f"no table {table!r}; tables: {', '.join(TABLES)}")
    return Store(Path(out)).read_df(table)


def load_all(out: str | Path) -> dict[str, pd.DataFrame]:
    """Every table, by name."""
    return {name: load(out, name) for name in TABLES}


def match_documents(docs: pd.DataFrame, key: str) -> pd.DataFrame:
    """The documents rows whose doc_id starts with `key` or whose source_path contains it, ignoring case.

    A key equal to one document's doc_id or whole source_path picks that document alone.
    """
    k = key.strip().casefold()
    ids, paths = docs["doc_id"].str.casefold(), docs["source_path"].str.casefold()
    exact = docs[(ids == k) | (paths == k)]
    if len(exact) == 1:
        return exact
    return docs[ids.str.startswith(k) | paths.str.contains(k, regex=False)]


def find_document(out: str | Path, key: str) -> pd.Series:
    """The one documents row `key` names (see match_documents); LookupError when none or several match."""
    hits = match_documents(load(out, "documents"), key)
    if len(hits) != 1:
        names = ", ".join(hits["source_path"].head(5)) + (", ..." if len(hits) > 5 else "") if len(hits) else "none"
        raise LookupError(f"{len(hits)} documents match {key!r} ({names}); give more of the path or the doc_id "
                          "(`minutes list OUT` lists them)")
    return hits.iloc[0]
