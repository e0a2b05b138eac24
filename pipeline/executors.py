"""Where documents are processed: local worker processes (pebble) or a Dask cluster (embedded or remote).

Both run the same function, `extract.extract_document`, on one document at a time and hand back
outcomes as they finish. The local pool bounds each document: past `doc_timeout_s` the worker is
killed (a "timeout" row), and a worker whose resident memory passes `max_worker_memory_mb` is killed
too (an "out_of_memory" row), so a pathological file can neither hang nor swap out a scheduled run.

Workers are forked from a fork server of the pool's own (`WarmForkServer`): a fresh interpreter that builds the
spaCy pipeline and the action scorer and runs the warm-up documents once, before it forks any worker. Each worker
starts warm and shares the model's pages copy-on-write, so the ~4 s of CPU a worker spent loading is paid once per
run, not once per worker and again per recycled worker.

The memory cap is a watchdog thread in the parent reading each worker's RSS from /proc (Linux; elsewhere
only the timeout applies), not RLIMIT_AS: a worker with spaCy loaded maps ~350 MB more virtual than resident
memory, plus a stack and malloc arena per thread (BLAS starts one per core), so an address-space limit would
fail normal documents on a many-core machine. Inputs are bounded before parsing (file, decompressed, XML part
and text sizes), so no single step can outrun the watchdog's poll by much.
"""
from __future__ import annotations

import base64
import gc
import io
import itertools
import logging
import multiprocessing
import os
import pickle
import signal
import threading
from multiprocessing import context as mp_context, forkserver, process, reduction, spawn, util
from concurrent.futures import FIRST_COMPLETED, TimeoutError as FutureTimeout, wait as futures_wait
from pathlib import Path
import functools
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from pipeline.config import Settings, has_extraction, user_gazetteer_dir as gazetteer_dir_of
from pipeline.extract import DocumentOutcome, extract_document, resources
from pipeline.model import Source

if TYPE_CHECKING:  # pebble is imported where a pool is made: the CLI starts the fork server before that
    from pebble import ProcessPool

try:
    from multiprocessing import popen_forkserver
except ImportError:  # no file descriptor passing (Windows): pools spawn their workers, see warm_context
    popen_forkserver = None

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
# The text is long enough for the language guess (pipeline.language.MIN_LANGID_CHARS) and has a lead-in that
# segment weighs by word frequency ("Budget Planning:"); the same text goes through the .docx reader too.
WARM_UP = Source(source_path="warm-up.txt", doc_id="warm-up", data=(
    "Coordination meeting, Juba, 2 May 2024\n\nPresent: WHO, UNICEF, World Vision\n\n1. Updates\n"
    "WHO will share the cholera report with partners by 30 May 2024.\n"
    "Budget Planning: the partners agreed to review the water trucking costs at the next meeting.\n"
    "Action: UNICEF to circulate the revised hygiene kit list before Friday.\n").encode())


_WARMED: list = []  # the (settings, user_gazetteer_dir) this process has run the warm-up for
# Building the pipeline makes ~350,000 objects that live as long as the process, and little garbage: at the default
# threshold (700) the collector ran ~1,400 times over the growing heap, a sixth of the start-up's CPU (0.8 of 4.5 s).
WARM_GC_THRESHOLD = 50_000


def _warm(settings: Settings, user_gazetteer_dir: Path | None) -> None:
    """Pool initializer: get every stage ready before the first document, so its timeout counts only its own work.

    A worker forked from a warm fork server (`WarmForkServer`) finds it done for its settings and returns at once.
    """
    if _WARMED == [(settings, user_gazetteer_dir)]:
        return
    thresholds = gc.get_threshold()
    gc.set_threshold(WARM_GC_THRESHOLD, *thresholds[1:])
    try:
        resources(settings, user_gazetteer_dir)
        for source in (WARM_UP, _as_docx(WARM_UP)):
            extract_document(source, settings, user_gazetteer_dir)
        _load_word_lists(settings)
    except Exception:  # noqa: BLE001 - reported per document by extract_document
        pass
    finally:
        gc.set_threshold(*thresholds)
    _WARMED[:] = [(settings, user_gazetteer_dir)]


def _load_word_lists(settings: Settings) -> None:
    """Load wordfreq's frequency list of English and of the first configured language: the entity resolver and the
    place evidence read them on nearly every document, the short warm-up text never does, and each worker loaded
    them again on its first document (about 0.1 s of CPU per worker)."""
    from pipeline.language import word_zipf

    for language in dict.fromkeys(("en", *settings.languages[:1])):
        word_zipf("meeting", language)


def _as_docx(source: Source) -> Source:
    """The warm-up text as a .docx with a table, so that the Word reader's modules (python-docx, lxml) load too."""
    import docx

    out = io.BytesIO()
    d = docx.Document()
    for line in source.data.decode().split("\n"):
        d.add_paragraph(line)
    table = d.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("Action", "Owner", "Share the cholera report", "WHO")):
        cell.text = text
    d.save(out)
    return Source(source_path=source.source_path.rsplit(".", 1)[0] + ".docx", doc_id=source.doc_id + "-docx",
                  data=out.getvalue())


# Set while the pool's fork server starts, with the run's settings; read by the server's preload (pipeline.preload).
WARM_ENV = "MINUTES_WARM_SERVER"
_ENV_LOCK = threading.Lock()


class WarmForkServer(forkserver.ForkServer):
    """A fork server of one pool whose process builds the pipeline (`pipeline.preload`) before it forks workers.

    The stdlib's forkserver start method has one server per process, whose preload can only import modules by
    name; this one belongs to its pool, hands the pool's settings to its preload in WARM_ENV, and stops with the
    pool. The server is a fresh interpreter (started like a spawned process), so a worker it forks late in a long
    run holds the pipeline only, never the tables the runner has gathered by then.
    """

    def __init__(self, settings: Settings, user_gazetteer_dir: Path | None):
        super().__init__()
        self._preload_modules = ["pipeline.preload"]
        self._config = base64.b64encode(pickle.dumps((settings, user_gazetteer_dir))).decode()

    def ensure_running(self) -> None:
        with _ENV_LOCK:  # the server starts with this process's environment
            before = os.environ.get(WARM_ENV)
            os.environ[WARM_ENV] = self._config
            try:
                super().ensure_running()
            finally:
                if before is None:
                    os.environ.pop(WARM_ENV, None)
                else:
                    os.environ[WARM_ENV] = before

    def stop(self) -> None:
        """Ask the server to exit (it does once no worker it forked is left) and reap it."""
        self._stop()

    def kill(self) -> None:
        """End a server that forked no worker at once, even while it is still building the pipeline, and reap it
        (stop() would wait for the build: a server notices the request only once its preload is done)."""
        if self._forkserver_pid is not None:
            try:
                os.kill(self._forkserver_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._stop()


class _WarmPopen(popen_forkserver.Popen if popen_forkserver else object):
    """popen_forkserver.Popen asking its pool's server for the fork (the stdlib's asks the per-process one)."""

    def __init__(self, process_obj, server: WarmForkServer):
        self._server = server
        super().__init__(process_obj)

    def _launch(self, process_obj):  # popen_forkserver.Popen._launch of Python 3.9 to 3.13, with self._server
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        mp_context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            mp_context.set_spawning_popen(None)
        self.sentinel, w = self._server.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)  # the child's sentinel of this process, as the stdlib keeps it
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


_SERVERS: dict[int, WarmForkServer] = {}  # id -> the server of a live WarmContext, for _WarmProcess._Popen


class _WarmProcess(process.BaseProcess):
    """A process that its context's WarmForkServer forks. A module-level class, as the child unpickles it."""

    _start_method = "forkserver"
    _server_id: int = 0

    @staticmethod
    def _Popen(process_obj):
        return _WarmPopen(process_obj, _SERVERS[process_obj._server_id])


class WarmContext(mp_context.BaseContext):
    """A multiprocessing context whose processes one WarmForkServer forks (pebble takes any context)."""

    _name = "forkserver"

    def __init__(self, server: WarmForkServer):
        self.server = server
        _SERVERS[id(server)] = server

    def Process(self, *args, **kwargs) -> _WarmProcess:  # noqa: N802 - multiprocessing's name
        proc = _WarmProcess(*args, **kwargs)
        proc._server_id = id(self.server)
        return proc

    def close(self) -> None:
        """Stop the server; the context starts no more processes."""
        self.server.stop()
        _SERVERS.pop(id(self.server), None)


def _fork_servers_available() -> bool:
    return popen_forkserver is not None and "forkserver" in multiprocessing.get_all_start_methods()


# Servers started ahead of their pool (start_early), by the (settings, user_gazetteer_dir) they build for.
_EARLY: dict[tuple[Settings, Path | None], WarmForkServer] = {}


def start_early(settings: Settings, user_gazetteer_dir: Path | None) -> None:
    """Start building the pipeline of the next local pool of these settings now, in its fork server, while this
    process imports, scans, hashes and plans (about half a second that the build then overlaps). The pool that
    asks for these settings takes the server (warm_context); discard_early() ends one no pool took."""
    key = (settings, user_gazetteer_dir)
    if key in _EARLY or not _fork_servers_available():
        return
    server = WarmForkServer(settings, user_gazetteer_dir)
    server.ensure_running()
    _EARLY[key] = server


def start_early_for(raw: Path, out: Path, settings: Settings) -> None:
    """start_early for a local run of RAW into OUT when it is a first extraction there, which has every file to do
    (a rerun may find nothing new, and should not load the model for nothing)."""
    if not has_extraction(out) and Path(raw).expanduser().is_dir():
        start_early(settings, gazetteer_dir_of(Path(raw).expanduser().resolve()))


def discard_early() -> None:
    """End the servers start_early started that no pool took (the run found nothing to do, or could not run)."""
    while _EARLY:
        _EARLY.popitem()[1].kill()


def warm_context(settings: Settings, user_gazetteer_dir: Path | None) -> WarmContext | None:
    """A WarmContext for a pool of these settings (with the server start_early started for them, if any), or None
    where the forkserver start method is missing (Windows): the pool then spawns its workers, and each warms itself."""
    if not _fork_servers_available():
        return None
    server = _EARLY.pop((settings, user_gazetteer_dir), None)
    return WarmContext(server if server is not None else WarmForkServer(settings, user_gazetteer_dir))


@functools.lru_cache(maxsize=1)
def _warm_pool_class():
    """WarmPool, defined on first use (pebble's import, with asyncio, is ~40 ms the CLI would spend before it starts
    the fork server)."""
    from pebble import ProcessPool

    class WarmPool(ProcessPool):
        """pebble's ProcessPool with its workers forked from a warm server (`warm_context`), which stops with the
        pool."""

        def __init__(self, workers: int, settings: Settings, user_gazetteer_dir: Path | None):
            ctx = warm_context(settings, user_gazetteer_dir)
            self.warm_context = ctx
            super().__init__(max_workers=workers, max_tasks=MAX_TASKS_PER_WORKER, initializer=_warm,
                             initargs=(settings, user_gazetteer_dir),
                             context=ctx if ctx is not None else multiprocessing.get_context("spawn"))

        def join(self, timeout: float | None = None) -> None:
            super().join(timeout)
            if self.warm_context is not None:
                self.warm_context.close()

    return WarmPool


def worker_pool(workers: int, settings: Settings, user_gazetteer_dir: Path | None) -> ProcessPool:
    """The local worker processes: forked warm from the pool's own fork server (`WarmPool`), recycled after
    MAX_TASKS_PER_WORKER documents (a replacement forks warm too).

    Never forked from this process: a replacement started late in a long run would otherwise inherit (and count in
    its resident memory) every table the runner holds by then, and pass the memory cap for nothing.
    """
    return _warm_pool_class()(workers, settings, user_gazetteer_dir)


def run_local(sources: Iterable[Source], settings: Settings, user_gazetteer_dir: Path | None,
              ) -> Iterator[DocumentOutcome]:
    """Process documents in `settings.workers` processes (`worker_pool`), at most two in flight per worker.

    Outcomes come back as documents finish, not in the order given: a long file in one worker does not hold back
    the next documents of the others (the runner's tables are sorted by key, whatever the order)."""
    workers = max(1, settings.workers)
    it = iter(sources)
    first = next(it, None)
    if first is None:  # nothing to do: no pool, no model
        return
    it = itertools.chain([first], it)
    pool = worker_pool(workers, settings, user_gazetteer_dir)
    watch = MemoryWatch(pool, memory_cap_bytes(settings))
    finished = False
    try:
        pending: dict = {}  # future -> its source, in the order scheduled
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < 2 * workers:
                source = next(it, None)
                if source is None:
                    exhausted = True
                    break
                future = pool.schedule(extract_document, args=(source, settings, user_gazetteer_dir),
                                       timeout=settings.doc_timeout_s)
                pending[future] = source
            if not pending:
                break
            done, _ = futures_wait(pending, return_when=FIRST_COMPLETED)
            for future in [f for f in pending if f in done]:  # the earliest scheduled first
                yield _result(pending.pop(future), future, settings, watch)
        finished = True
    finally:
        watch.stop()
        pool.stop()
        if finished:
            # Every document is back: the workers and their server end while the runner writes the tables (a
            # third of a second of waiting for processes to exit), in a thread the interpreter joins before it exits
            threading.Thread(target=pool.join, name="minutes-pool-close").start()
        else:
            pool.join()


class MemoryWatch:
    """A thread that kills a pool worker whose resident memory passes the cap, remembering it so its row says why.

    It runs in the parent: a thread inside the worker would wait for the GIL behind the very C code (XML
    parser, regex, model) that is eating the memory. It only ever signals the pool's own workers (pebble's
    table, not a scan of processes). They are children of the pool's fork server (or of this process, where
    the pool spawns), so a pid is free for reuse only once that parent has reaped the worker and told the pool,
    and Linux hands out pids in sequence: a stale pid in the moments between reading the table and the kill
    is not a practical risk.
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
    from pebble import ProcessExpired

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
