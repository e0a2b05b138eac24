"""Dask as an executor: a real LocalCluster writes the same tables as local processes; without `distributed` the
option fails with one clear line."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Settings
from pipeline.executors import ExecutorUnavailable, make_executor, run_dask, run_local
from pipeline.runner import Runner
from pipeline.schema import TABLES
from tests.builders import minutes_docx

RUN_COLUMNS = {"runs": None, "errors": ["run_id"]}  # what may differ between two runs over the same input


def _archive(root: Path) -> Path:
    raw = root / "raw"
    (raw / "garden").mkdir(parents=True)
    for i, month in enumerate(["March", "April", "May"]):
        rows = [("Repaint the shed doors before the spring fair", "Berit", "30 June 2025")]
        if i:
            rows.append((f"Collect {i * 3} seed trays from the Hollin Lane depot", "Tomasz", "next week"))
        (raw / "garden" / f"2025-{i + 3:02d}-garden.docx").write_bytes(minutes_docx(
            "Allotment Society Committee Meeting", [f"Date: 4 {month} 2025", "Chair: Odile Marchetti (Green Lanes Trust)",
                                                    "1. Plots: two plots are vacant on the north side."], rows,
            created=pd.Timestamp("2025-01-01").to_pydatetime()))
    (raw / "notes.txt").write_text("Choir committee, Leeds, 9 June 2025\n\nPresent: Aiko, Rafe, Noor\n\n"
                                   "1. Concert\nRafe will book the church hall for the winter concert by 1 July.\n",
                                   encoding="utf-8")
    return raw


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    got = {}
    for name in TABLES:
        if name in RUN_COLUMNS and RUN_COLUMNS[name] is None or not (out / f"{name}.parquet").exists():
            continue
        got[name] = pd.read_parquet(out / f"{name}.parquet").drop(columns=RUN_COLUMNS.get(name) or [])
    return got


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2])
def test_dask_local_cluster_writes_the_tables_of_a_local_run(tmp_path, workers):
    raw = _archive(tmp_path)
    settings = Settings(workers=workers, commit_every=2)
    local = Runner(raw, tmp_path / "local", settings, executor=run_local).run()
    seen = {"pulled": 0, "done": 0, "most_in_flight": 0}

    def counted(sources):
        for s in sources:
            seen["pulled"] += 1
            seen["most_in_flight"] = max(seen["most_in_flight"], seen["pulled"] - seen["done"])
            yield s

    def on_dask(sources, settings, gazetteers):
        for outcome in run_dask(counted(sources), settings, gazetteers):
            seen["done"] += 1
            yield outcome

    dask = Runner(raw, tmp_path / "dask", settings, executor=on_dask).run()
    assert (local.n_processed, dask.n_processed, dask.n_failed) == (4, 4, 0)
    a, b = _tables(tmp_path / "local"), _tables(tmp_path / "dask")
    assert a.keys() == b.keys() and {"action_items", "action_links", "action_status", "entities"} <= a.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)
    assert len(b["action_items"]) >= 3
    assert seen["most_in_flight"] <= 2 * workers  # streamed with a bounded window, not submitted all at once


@pytest.mark.parametrize("args", [["--executor", "dask"], ["--scheduler", "tcp://127.0.0.1:8786"]])
def test_dask_without_distributed_exits_with_one_line(tmp_path, monkeypatch, args):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    raw = _archive(tmp_path)
    result = CliRunner().invoke(app, ["extract", str(raw), str(tmp_path / "out"), "--quiet", *args])
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "distributed" in lines[0] and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # refused before the run: no lock, no tables


@pytest.mark.parametrize("kind, scheduler, expected", [("local", None, run_local), ("bogus", None, None)])
def test_dask_make_executor_choices(kind, scheduler, expected):
    if expected is None:
        with pytest.raises(ExecutorUnavailable, match="unknown executor"):
            make_executor(kind, scheduler)
    else:
        assert make_executor(kind, scheduler) is expected
