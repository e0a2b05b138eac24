"""The store: typed writes, atomic replace, the lock."""
from __future__ import annotations

import multiprocessing
import time

import pyarrow as pa
import pytest

from pipeline.schema import TABLES, conform
from pipeline.store import Store, StoreLocked


@pytest.mark.parametrize("name", sorted(TABLES))
def test_store_empty_table_is_typed(tmp_path, name):
    table = Store(tmp_path).read(name)
    assert table.num_rows == 0
    assert table.schema.equals(TABLES[name].schema, check_metadata=False)


@pytest.mark.parametrize("rows", [[{"run_id": "r1", "source_path": "b.txt", "stage": "ingest", "error_type": "x",
                                    "message": "m"},
                                   {"run_id": "r1", "source_path": "a.txt", "stage": "ingest", "error_type": "y",
                                    "message": "m"}]])
def test_store_roundtrip_keeps_types_and_sorts(tmp_path, rows):
    store = Store(tmp_path)
    store.write("errors", conform("errors", rows))
    back = store.read("errors")
    assert back.column("source_path").to_pylist() == ["a.txt", "b.txt"]
    assert back.schema.field("doc_id").type == pa.string()
    assert not list(tmp_path.glob(".*tmp*")), "temp files must be renamed away"


@pytest.mark.parametrize("bad", [{"run_id": "r", "nonsense": 1}])
def test_store_rejects_columns_outside_the_schema(bad):
    with pytest.raises(ValueError, match="not in the schema"):
        conform("errors", [bad])


def _hold_lock(root, ready, release):
    with Store(root).locked():
        ready.set()
        release.wait(10)


@pytest.mark.parametrize("wait_s", [0.0, 0.3])
def test_store_second_run_gives_up_clearly(tmp_path, wait_s):
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(tmp_path, ready, release))
    holder.start()
    try:
        assert ready.wait(20)
        t0 = time.monotonic()
        with pytest.raises(StoreLocked, match="another run is writing"):
            with Store(tmp_path).locked(wait_s):
                pass
        assert time.monotonic() - t0 >= wait_s
    finally:
        release.set()
        holder.join(10)
    with Store(tmp_path).locked():  # free again once the first run is done
        pass


def _error_rows(path: str) -> pa.Table:
    return conform("errors", [{"run_id": "r1", "source_path": path, "stage": "ingest", "error_type": "x",
                               "message": "m"}])


@pytest.mark.parametrize("n_first", [1, 5])
def test_store_write_all_writes_last_after_the_others(tmp_path, monkeypatch, n_first):
    store = Store(tmp_path)
    order = []
    replace = Store._replace

    def recorded(self, name, table):
        replace(self, name, table)
        order.append(name)

    monkeypatch.setattr(Store, "_replace", recorded)
    names = ["errors", "documents", "blocks", "sections", "entities"][:n_first]
    tables = {n: _error_rows(f"{n}.txt") if n == "errors" else TABLES[n].schema.empty_table() for n in names}
    tables["manifest"] = TABLES["manifest"].schema.empty_table()
    store.write_all(tables, last="manifest")
    assert sorted(order[:-1]) == sorted(names) and order[-1] == "manifest"
    assert store.read("errors").column("source_path").to_pylist() == ["errors.txt"]
    assert not list(tmp_path.glob(".*tmp*"))


@pytest.mark.parametrize("bad", ["sections"])
def test_store_write_all_keeps_last_unwritten_when_another_fails(tmp_path, bad):
    store = Store(tmp_path)
    tables = {"errors": _error_rows("a.txt"), "documents": TABLES["documents"].schema.empty_table(),
              bad: _error_rows("not a sections table"), "manifest": TABLES["manifest"].schema.empty_table()}
    with pytest.raises(TypeError, match=bad):
        store.write_all(tables, last="manifest")
    assert not store.exists("manifest")
