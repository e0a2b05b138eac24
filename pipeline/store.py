"""The only code that touches the output folder: typed, atomic, locked Parquet tables.

Each table is one `<name>.parquet` file, replaced with os.replace after a full write and fsync,
so a reader sees either the old table or the new one, never half of one. The manifest is
written last: it is what says which files the tables hold, so a run killed between two
table writes is repaired by the next run (see runner.commit).
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import filelock
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TABLES, conform

LOCK_NAME = ".minutes.lock"
SUMMARY_NAME = "last_run.json"
# Present between a partial commit and the end of the run: the next run then rebuilds the archive-wide tables.
ARCHIVE_PENDING = ".archive-pending"


class StoreLocked(RuntimeError):
    """Another run holds the output folder."""


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, name: str) -> Path:
        return self.root / f"{name}.parquet"

    @contextmanager
    def locked(self, wait_s: float = 0.0) -> Iterator[None]:
        """Hold the folder's lock for a whole run; a second run waits up to wait_s, then gives up clearly."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(str(self.root / LOCK_NAME), timeout=wait_s)
        try:
            lock.acquire()
        except filelock.Timeout as exc:
            raise StoreLocked(
                f"another run is writing to {self.root}; wait for it to finish (or pass --wait SECONDS)"
            ) from exc
        try:
            yield
        finally:
            lock.release()

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def read(self, name: str, columns: list[str] | None = None) -> pa.Table:
        """The table as last written, cast to its declared schema; an empty typed table if absent.

        With `columns`, only those are read (a long archive's documents table is mostly its texts)."""
        schema = TABLES[name].schema
        if columns is not None:
            schema = pa.schema([schema.field(c) for c in columns], metadata=schema.metadata)
        if not self.exists(name):
            return schema.empty_table()
        if columns is not None and set(columns) <= set(pq.read_schema(self.path(name)).names):
            return pq.read_table(self.path(name), columns=columns).cast(schema)
        table = pq.read_table(self.path(name))
        if table.schema.names != TABLES[name].schema.names:
            # Written by an older pipeline version: keep what still fits, the next full run rewrites it.
            table = conform(name, table.to_pandas())
        return table.select(schema.names).cast(schema)

    def read_df(self, name: str) -> pd.DataFrame:
        return self.read(name).to_pandas()

    def write(self, name: str, table: pa.Table) -> None:
        """Write one table atomically: temp file in the same folder, fsync, rename over the old one."""
        self._replace(name, table)
        _fsync_dir(self.root)

    def _replace(self, name: str, table: pa.Table) -> None:
        """write() but for the folder's own fsync, which write_all does once for a group of tables."""
        schema = TABLES[name].schema
        if not table.schema.equals(schema, check_metadata=False):
            raise TypeError(f"table {name} does not match its declared schema")
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{name}.parquet.tmp-{os.getpid()}"
        pq.write_table(table.replace_schema_metadata(schema.metadata), tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.path(name))

    def write_all(self, tables: dict[str, pa.Table], *, last: str | None = None) -> None:
        """Write several tables, the one named `last` after all the others are on disk.

        The folder is synced once for the others, then `last` is written: a failed write raises before `last` is
        touched. (Writing the others side by side in threads was measured and not kept: the first threaded commit
        of a run cost 0.1-0.3 s more CPU than it saved in waiting.)"""
        first = [n for n in tables if n != last]
        for name in first:
            self._replace(name, tables[name])
        if first:
            _fsync_dir(self.root)
        if last in tables:
            self.write(last, tables[last])

    def write_summary(self, summary: dict) -> None:
        tmp = self.root / f".{SUMMARY_NAME}.tmp-{os.getpid()}"
        tmp.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
        os.replace(tmp, self.root / SUMMARY_NAME)

    @property
    def archive_pending(self) -> bool:
        """True while per-document tables hold rows the archive-wide tables were not yet rebuilt from."""
        return (self.root / ARCHIVE_PENDING).exists()

    def set_archive_pending(self, pending: bool) -> None:
        """Mark (before a partial commit) or clear (after the archive-wide tables are written) the flag."""
        flag = self.root / ARCHIVE_PENDING
        if pending:
            flag.touch()
            _fsync_dir(self.root)
        else:
            flag.unlink(missing_ok=True)

    def clean_temp_files(self) -> None:
        """Remove temp files a killed run left behind (only while holding the lock)."""
        for tmp in self.root.glob(".*.tmp-*"):
            tmp.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
