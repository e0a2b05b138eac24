"""The local worker pool: workers fork warm from the pool's own fork server, which stops with the pool."""
from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline import executors
from pipeline.executors import (WARM_UP, _as_docx, discard_early, run_local, start_early, start_early_for, warm_context,
                                worker_pool)
from pipeline.model import Source

LOAD_CPU_S = 1.0  # a worker that built the pipeline itself has spent more CPU than this (about 3 s)
FROZEN_AT_LEAST = 100_000  # the warm server freezes its ~350,000 tracked objects (model, gazetteers) before forking


def _worker_state(pause_s: float = 0.0) -> tuple[int, int, float, bool, int, tuple, int]:
    """(pid, parent pid, CPU seconds this process has used, pipeline built, objects frozen out of the collector's
    reach, the collector's thresholds, wordfreq frequency lists loaded), read inside a pool worker; the pause
    keeps the worker busy so that tasks scheduled together reach every worker."""
    import gc

    import wordfreq

    from pipeline import extract

    time.sleep(pause_s)
    return (os.getpid(), os.getppid(), time.process_time(), "nlp" in extract._RESOURCES, gc.get_freeze_count(),
            gc.get_threshold(), wordfreq.get_frequency_dict.cache_info().currsize)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2])
def test_executors_workers_fork_warm_from_the_pool_server(workers):
    pool = worker_pool(workers, Settings(), None)
    try:
        seen = {}
        # scheduled together, each task holding its worker a moment: one worker cannot take them all on a busy machine
        futures = [pool.schedule(_worker_state, args=(0.5,)) for _ in range(4 * workers)]
        for future in futures:
            pid, ppid, cpu_s, built, frozen, thresholds, word_lists = future.result(timeout=300)
            seen[pid] = (ppid, cpu_s, built, frozen, thresholds, word_lists)
        server_pid = pool.warm_context.server._forkserver_pid
    finally:
        pool.stop()
        pool.join()
    assert len(seen) == workers
    for ppid, cpu_s, built, frozen, thresholds, word_lists in seen.values():
        assert ppid == server_pid != os.getpid()  # forked by the server, not by this process
        assert built and cpu_s < LOAD_CPU_S  # the pipeline came with the fork: the worker did not build it
        assert frozen > FROZEN_AT_LEAST  # the server's heap is out of the collector's reach: no copy-on-write by GC
        assert thresholds == gc.get_threshold()  # the start-up's sparse collections end with it
        assert word_lists >= 1  # English word frequencies came with the fork too (the resolver reads them)
    assert not Path(f"/proc/{server_pid}").exists() or "Z" in Path(f"/proc/{server_pid}/stat").read_text().split()[2]


@pytest.mark.slow
@pytest.mark.parametrize("words", [("Oxbridge", "Velmor")])
def test_executors_run_local_extracts_documents_in_warm_workers(words):
    text = (f"Sector meeting, Lodwar, 4 June 2024\n\nPresent: {words[0]} Relief, {words[1]} Aid\n\n"
            f"{words[1]} Aid will send the shelter kits to Lodwar by 20 June 2024.\n")
    sources = [Source(f"m{i}.txt", (text + f"Item {i}.\n").encode(), f"d{i}") for i in range(3)]
    outcomes = list(run_local(sources, Settings(workers=2), None))
    assert sorted(o.source_path for o in outcomes) == ["m0.txt", "m1.txt", "m2.txt"]
    assert all(o.tables is not None and not o.errors for o in outcomes)
    orgs = set(outcomes[0].tables["entities"].to_pandas().query("label == 'ORG'")["text"])
    assert f"{words[1]} Aid" in orgs


@pytest.mark.parametrize("suffix", [".docx"])
def test_executors_warm_up_docx_is_a_word_file_of_the_same_text(suffix):
    from pipeline.ingest import ingest

    doc = ingest(_as_docx(WARM_UP), settings=Settings())
    assert doc.format == "docx" and doc.source_path.endswith(suffix)
    assert "cholera report" in doc.text and any(b.kind == "table_cell" for b in doc.blocks)


@pytest.mark.slow
@pytest.mark.parametrize("long_words", [12_000])
def test_executors_run_local_returns_outcomes_as_documents_finish(long_words):
    """A long file in one worker does not hold back the short ones the other worker finishes meanwhile."""
    def line(i: int) -> str:  # every line its own text, so that none comes from the worker's tag cache
        return f"Brightwater Aid will repair {i} pumps in Kelso and report to the Dunmore office in week {i}.\n\n"

    long_text = "Sector meeting, Kelso, 4 June 2024\n\n" + "".join(line(i) for i in range(long_words // 16))
    sources = [Source("long.txt", long_text.encode(), "long")]
    sources += [Source(f"s{i}.txt", f"Sector meeting {i}\n\n{line(-i)}".encode(), f"s{i}") for i in range(3)]
    order = [o.source_path for o in run_local(sources, Settings(workers=2), None)]
    assert sorted(order) == ["long.txt", "s0.txt", "s1.txt", "s2.txt"]
    assert order[-1] == "long.txt"  # first given, last finished: the short ones came back as they were done


def _reaped(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("model", ["not_an_installed_pipeline"])  # the preload fails fast: no model to build
def test_executors_early_server_goes_to_the_pool_of_its_settings(model):
    """A server started ahead of its pool is the one the pool of the same settings forks from; another pool's
    settings get a server of their own."""
    settings, other = Settings(model_name=model), Settings(model_name=model, workers=3)
    start_early(settings, None)
    try:
        early = executors._EARLY[(settings, None)]
        assert early._forkserver_pid is not None
        mine, theirs = warm_context(settings, None), warm_context(other, None)
        try:
            assert mine.server is early and theirs.server is not early and not executors._EARLY
        finally:
            mine.close()
            theirs.close()
    finally:
        discard_early()


@pytest.mark.parametrize("model", ["not_an_installed_pipeline"])
def test_executors_early_server_no_pool_took_is_ended(model):
    start_early(Settings(model_name=model), None)
    pid = executors._EARLY[(Settings(model_name=model), None)]._forkserver_pid
    t0 = time.monotonic()
    discard_early()
    assert not executors._EARLY and _reaped(pid) and time.monotonic() - t0 < 5


@pytest.mark.parametrize("model", ["not_an_installed_pipeline"])
def test_executors_early_server_only_for_a_first_extraction(model, tmp_path):
    raw, fresh, done = tmp_path / "raw", tmp_path / "fresh", tmp_path / "done"
    raw.mkdir()
    done.mkdir()
    (done / "manifest.parquet").write_bytes(b"")
    settings = Settings(model_name=model)
    try:
        start_early_for(raw, done, settings)
        assert not executors._EARLY  # a rerun may have nothing to do
        start_early_for(raw, fresh, settings)
        assert list(executors._EARLY) == [(settings, None)]
    finally:
        discard_early()


@pytest.mark.parametrize("with_tables", [True, False])
def test_executors_outcome_reaches_the_runner_with_its_tables_unchanged(with_tables):
    import pickle

    from pipeline.extract import DocumentOutcome
    from pipeline.schema import TABLES, conform

    tables = {"errors": conform("errors", [{"run_id": "r", "source_path": "notes/week 3.txt", "stage": "segment",
                                             "error_type": "odd_layout", "message": "two headers"}]),
              "entities": TABLES["entities"].schema.empty_table()} if with_tables else None
    sent = DocumentOutcome("notes/week 3.txt", "d1", tables, [{"stage": "segment"}], 42)
    back = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert (back.source_path, back.doc_id, back.errors, back.n_words) == ("notes/week 3.txt", "d1",
                                                                          [{"stage": "segment"}], 42)
    if with_tables:
        assert set(back.tables) == set(tables)
        for name, table in tables.items():
            assert back.tables[name].equals(table) and back.tables[name].schema.equals(table.schema, check_metadata=True)
    else:
        assert back.tables is None
