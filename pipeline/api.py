"""Read the pipeline's tables from Python with real types: `import pipeline; t = pipeline.load("data/processed")`.

`load(OUT)` returns an `Archive` holding one pandas DataFrame per table, as attributes:

    t = pipeline.load("data/processed")
    t.documents, t.sections, t.participants, t.entities, t.entity_catalog,
    t.action_items, t.action_links, t.action_status, t.errors, t.runs, ...

Types: dates (`meeting_date`, `due_date`, `date_start`, ...) are `datetime64`, so `.dt` and comparisons with
`pd.Timestamp` work; closed vocabularies (`label`, `kind`, `status`, `source`, ...) are categories; integers
stay integers (nullable `Int32`/`Int64`, so `n_pages` of a Word file is `<NA>`, not a float NaN).

Joins (every table joins `documents` on `doc_id`):

    # each mention with its meeting, and its canonical entity across the archive
    m = (t.entities.merge(t.documents[["doc_id", "title", "meeting_date"]], on="doc_id")
                   .merge(t.entity_catalog[["entity_id", "name", "acronym", "pcode"]], on="entity_id", how="left"))
    # the section a mention or an action sits in
    t.action_items.merge(t.sections[["section_id", "heading"]], on="section_id", how="left")
    # each action with its latest status across the meeting series (action_status, one row per action)
    t.action_items.merge(t.action_status[["action_id", "status", "last_seen_date"]], on="action_id",
                         how="left", suffixes=("_stated", "_latest"))
    # an action's follow-ups in later meetings
    t.action_links.merge(t.documents[["doc_id", "meeting_date"]].rename(
        columns={"doc_id": "later_doc_id", "meeting_date": "later_date"}), on="later_doc_id")
    # the source text of any row: documents.text[start_char:end_char] == row.text
    text = t.documents.set_index("doc_id")["text"]

`load(OUT, "entities")` returns that one table, typed the same way.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, overload

import pandas as pd
import pyarrow as pa

from pipeline.schema import TABLES
from pipeline.store import Store

# Columns holding a small closed vocabulary: categories in pandas (memory, groupby order, plain value_counts).
CATEGORICAL = frozenset({
    "format", "meeting_date_source", "language", "kind", "part", "column_role", "label", "source", "granularity",
    "status", "status_change", "stage", "error_type", "field", "role",
})


class NoTablesError(FileNotFoundError):
    """The folder holds none of the pipeline's tables."""


class Archive:
    """Every table of one output folder, as typed DataFrames: `archive.documents`, `archive.entities`, ...

    A table the folder does not hold (yet) is an empty DataFrame with the declared columns and types.
    """

    def __init__(self, root: Path, tables: dict[str, pd.DataFrame]):
        self.root = root
        self._tables = tables

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(tables)}")

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.__getattr__(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._tables]

    @property
    def names(self) -> list[str]:
        return list(self._tables)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(df)}" for n, df in self._tables.items())
        return f"Archive({str(self.root)!r}: {counts})"


def typed(table: pa.Table) -> pd.DataFrame:
    """A DataFrame with analyst-friendly dtypes from one declared Arrow table."""
    df = table.to_pandas(types_mapper=_nullable_ints, date_as_object=False)
    for f in table.schema:
        name = f.name
        if pa.types.is_date(f.type):
            df[name] = df[name].astype("datetime64[ns]")
        elif pa.types.is_boolean(f.type):
            df[name] = df[name].astype("boolean")
        elif name in CATEGORICAL and pa.types.is_string(f.type):
            df[name] = df[name].astype("category")
    return df


def _nullable_ints(type_: pa.DataType):
    if type_ == pa.int32():
        return pd.Int32Dtype()
    if type_ == pa.int64():
        return pd.Int64Dtype()
    return None


def open_store(out: Path) -> Store:
    if not out.exists():
        raise NoTablesError(f"{out} does not exist; run `minutes extract RAW {out}` first")
    if not out.is_dir():
        raise NoTablesError(f"{out} is not a folder of tables")
    store = Store(out)
    if not any(store.exists(name) for name in TABLES):
        raise NoTablesError(f"{out} holds no minutes tables (no documents.parquet, entities.parquet, ...); "
                            f"run `minutes extract RAW {out}` first")
    return store


@overload
def load(out: str | Path) -> Archive: ...
@overload
def load(out: str | Path, table: str) -> pd.DataFrame: ...


def load(out: str | Path, table: str | None = None) -> Archive | pd.DataFrame:
    """Every table of OUT as an `Archive` (one typed DataFrame per table), or one table when `table` is named.

    Raises NoTablesError (a FileNotFoundError) when OUT is missing or holds none of the tables, and
    ValueError naming the file when a table cannot be read.
    """
    if table is not None and table not in TABLES:
        raise KeyError(f"no table {table!r}; tables: {', '.join(TABLES)}")
    root = Path(out)
    store = open_store(root)
    if table is not None:
        return _read(store, table)
    return Archive(root, {name: _read(store, name) for name in TABLES})


def _read(store: Store, name: str) -> pd.DataFrame:
    try:
        return typed(store.read(name))
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(f"{store.path(name)} is not a readable table ({exc}); run `minutes extract` again") from exc


def load_all(out: str | Path) -> dict[str, pd.DataFrame]:
    """Every table, by name."""
    archive = load(out)
    return {name: archive[name] for name in archive}


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
