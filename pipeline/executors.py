"""Where documents are processed: local worker processes (pebble) or a Dask cluster (embedded or remote).

Both run the same function, `extract.extract_document`, on one document at a time and hand back
outcomes as they finish. The local pool bounds each document: past `doc_timeout_s` the worker is
killed (a "timeout" row), and a worker whose resident memory passes `max_worker_memory_mb` is killed
too (an "out_of_memory" row), so a pathological file can neither hang nor swap out a scheduled run.

The memory cap is a watchdog thread in the parent reading each worker's RSS from /proc (Linux; elsewhere
only the timeout applies), not RLIMIT_AS: a worker with spaCy loaded maps ~350 MB more virtual than resident
memory, plus a stack and malloc arena per thread (BLAS starts one per core), so an address-space limit would
fail normal documents on a many-core machine. Inputs are bounded before parsing (file, decompressed, XML part
and text sizes), so no single step can outrun the watchdog's poll by much.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from functools import partial
from typing import Callable, Iterable, Iterator

from pebble import ProcessExpired, ProcessPool

from pipeline.config import Settings
from pipeline.extract import DocumentOutcome, extract_document, resources
from pipeline.model import Source

# How often the watchdog looks at the workers' memory.
POLL_S = 0.1
# A worker is replaced after this many documents: spaCy's string store only grows, so a long archive
# would otherwise creep upwards; reloading the model costs ~3 s per 200 documents.
MAX_TASKS_PER_WORKER = 200


def _failed(source: Source, error_type: str, message: str) -> DocumentOutcome:
    return DocumentOutcome(source.source_path, source.doc_id, None, [{
        "source_path": source.source_path, "doc_id": source.doc_id, "stage": "worker",
        "error_type": error_type, "message": message}])


def memory_cap_bytes(settings: Settings) -> int | None:
    """The per-worker resident memory cap, or None when `max_worker_memory_mb` is 0."""
    return settings.max_worker_memory_mb * 2**20 if settings.max_worker_memory_mb else None


# Run through every stage when a worker starts: the models, and whatever a stage loads on first use (word
# lists, compiled patterns, other languages' stop words: seconds on a busy machine), are then ready.
WARM_UP = Source(source_path="warm-up.txt", doc_id="warm-up", data=(
    "Coordination meeting, Juba, 2 May 2024\n\nPresent: WHO, UNICEF, World Vision\n\n1. Updates\n"
    "WHO will share the cholera report with partners by 30 May 2024.\n").encode())


def _warm(settings: Settings, user_gazetteer_dir: Path | None) -> None:
    """Pool initializer: get every stage ready before the first document, so its timeout counts only its own work."""
    try:
        resources(settings, user_gazetteer_dir)
        extract_document(WARM_UP, settings, user_gazetteer_dir)
    except Exception:  # noqa: BLE001 - reported per document by extract_document
        pass


def worker_pool(workers: int, settings: Settings, user_gazetteer_dir: Path | None) -> ProcessPool:
    """The local worker processes: spawned, warmed up with the pipeline, recycled after MAX_TASKS_PER_WORKER.

    Spawned, not forked: a replacement started late in a long run would otherwise inherit (and count in its
    resident memory) every table the runner holds by then, and pass the memory cap for nothing.
    """
    return ProcessPool(max_workers=workers, max_tasks=MAX_TASKS_PER_WORKER, initializer=_warm,
                       initargs=(settings, user_gazetteer_dir), context=multiprocessing.get_context("spawn"))


def run_local(sources: Iterable[Source], settings: Settings, user_gazetteer_dir: Path | None,
              ) -> Iterator[DocumentOutcome]:
    """Process documents in `settings.workers` processes (`worker_pool`), at most two in flight per worker."""
    workers = max(1, settings.workers)
    it = iter(sources)
    first = next(it, None)
    if first is None:  # nothing to do: no pool, no model
        return
    it = itertools.chain([first], it)
    pool = worker_pool(workers, settings, user_gazetteer_dir)
    watch = MemoryWatch(pool, memory_cap_bytes(settings))
    try:
        pending: list = []
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < 2 * workers:
                source = next(it, None)
                if source is None:
                    exhausted = True
                    break
                future = pool.schedule(extract_document, args=(source, settings, user_gazetteer_dir),
                                       timeout=settings.doc_timeout_s)
                pending.append((source, future))
            if not pending:
                break
            source, future = pending.pop(0)
            yield _result(source, future, settings, watch)
    finally:
        watch.stop()
        pool.stop()
        pool.join()


class MemoryWatch:
    """A thread that kills a pool worker whose resident memory passes the cap, remembering it so its row says why.

    It runs in the parent: a thread inside the worker would wait for the GIL behind the very C code (XML
    parser, regex, model) that is eating the memory. It only ever signals the pool's own workers (pebble's
    table, not a scan of processes). They are this process's children, so a pid is free for reuse only once
    the pool has reaped that worker, and Linux hands out pids in sequence: a stale pid in the microseconds
    between reading the table and the kill is not a practical risk.
    """

    def __init__(self, pool: ProcessPool, cap: int | None):
        self.pool, self.cap = pool, cap
        self.killed: dict[int, int] = {}  # pid -> resident bytes when killed
        self._stopped = threading.Event()
        if cap and _status_kb(os.getpid(), b"VmRSS:") is not None:
            threading.Thread(target=self._run, name="minutes-memory-watch", daemon=True).start()

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        while not self._stopped.wait(POLL_S):
            self.check()

    def check(self) -> None:
        for pid in worker_pids(self.pool):
            rss_kb = _status_kb(pid, b"VmRSS:")
            if rss_kb is not None and rss_kb * 1024 > self.cap:
                self.killed[pid] = rss_kb * 1024  # before the kill: the pool may report the death at once
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    del self.killed[pid]


def worker_pids(pool: ProcessPool) -> list[int]:
    """The pids of the pool's live workers (pebble keeps them by pid; empty before the first task)."""
    manager = getattr(getattr(pool, "_pool_manager", None), "worker_manager", None)
    return list(getattr(manager, "workers", None) or ())


def _status_kb(pid: int, field: bytes) -> int | None:
    """A size field of /proc/PID/status in kB, or None (no such process, or not Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_bytes()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith(field)), None)


def _result(source: Source, future, settings: Settings, watch: MemoryWatch) -> DocumentOutcome:
    try:
        return future.result()
    except FutureTimeout:
        return _failed(source, "timeout", f"processing took longer than {settings.doc_timeout_s:.0f} s "
                       "(doc_timeout_s); the worker was stopped")
    except ProcessExpired as exc:
        used = watch.killed.get(exc.pid)
        if used is not None:
            return _failed(source, "out_of_memory", f"the worker was stopped after using {used / 2**20:,.0f} MB of "
                           f"memory on this file, over max_worker_memory_mb ({watch.cap / 2**20:,.0f}); split "
                           "the file or raise the limit")
        return _failed(source, "worker_crashed", f"the worker process died (exit code {exc.exitcode}), "
                       "e.g. out of memory on this file")
    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
        return _failed(source, "internal_error", f"{type(exc).__name__}: {exc}")


class ExecutorUnavailable(RuntimeError):
    """The chosen executor cannot run here (e.g. `distributed` is not installed)."""


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ExecutorUnavailable("Dask needs the 'distributed' package: pip install distributed") from exc
    return distributed


def make_executor(kind: str = "local", scheduler: str | None = None) -> Executor:
    """The executor a run asks for: local processes, or Dask (the cluster at `scheduler`, else an embedded one).

    Nothing is imported or started here: the runner's pre-flight checks that `distributed` is installed, and
    run_dask starts or reaches the cluster when the run begins.
    """
    if kind == "local" and not scheduler:
        return run_local
    if kind not in ("local", "dask"):
        raise ExecutorUnavailable(f"unknown executor '{kind}': use local or dask")
    return partial(run_dask, address=scheduler)


def run_dask(sources: Iterable[Source], settings: Settings, user_gazetteer_dir: Path | None,
             address: str | None = None) -> Iterator[DocumentOutcome]:
    """Process documents on Dask: the scheduler at `address`, else an embedded LocalCluster of `settings.workers`
    single-threaded worker processes. Sources are read lazily and at most two per worker thread are in flight,
    so an archive's bytes never sit in the scheduler at once; outcomes come back as they finish.
    """
    distributed = _distributed()
    cluster = None
    if address is None:
        cap = memory_cap_bytes(settings)
        cluster = distributed.LocalCluster(
            n_workers=max(1, settings.workers), threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
            # the nanny restarts a worker at 95% of its limit: that is the configured per-worker cap
            memory_limit=int(cap / 0.95) if cap else 0)
    try:
        client = distributed.Client(cluster if cluster is not None else address)
    except OSError as exc:  # no scheduler there, or it did not answer in time
        if cluster is not None:
            cluster.close()
        raise ExecutorUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    pending: dict = {}
    try:
        from pipeline.dask_plugin import LoadPipeline

        client.register_plugin(LoadPipeline(settings, user_gazetteer_dir))
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads
        it = iter(sources)
        done = distributed.as_completed()

        def submit() -> bool:
            source = next(it, None)
            if source is None:
                return False
            future = client.submit(extract_document, source, settings, user_gazetteer_dir, pure=False)
            pending[future] = source
            done.add(future)
            return True

        while len(pending) < window and submit():
            pass
        for future in done:
            source = pending.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a killed worker (KilledWorker) or a lost connection
                outcome = _failed(source, "worker_crashed" if "KilledWorker" in type(exc).__name__ else "internal_error",
                                  f"{type(exc).__name__}: {exc}")
            future.release()
            submit()
            yield outcome
    finally:
        for future in pending:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


Executor = Callable[[Iterable[Source], Settings, "Path | None"], Iterator[DocumentOutcome]]
