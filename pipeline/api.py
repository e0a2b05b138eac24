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


def find_document(out: str | Path, key: str) -> pd.Series:
    """The documents row whose doc_id starts with `key` or whose source_path contains it; exactly one."""
    docs = load(out, "documents")
    hits = docs[docs["doc_id"].str.startswith(key) | docs["source_path"].str.contains(key, regex=False)]
    if len(hits) != 1:
        names = ", ".join(hits["source_path"].head(5)) if len(hits) else "none"
        raise LookupError(f"{len(hits)} documents match {key!r} ({names}); give more of the path or the doc_id")
    return hits.iloc[0]
