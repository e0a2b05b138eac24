"""Where documents are processed: local worker processes (pebble) or a Dask cluster.

Both run the same function, `extract.extract_document`, on one document at a time and hand back
outcomes as they finish. The local pool enforces the per-document timeout by killing the worker,
so a pathological file cannot hang a scheduled run.
"""
from __future__ import annotations

from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pebble import ProcessExpired, ProcessPool

from pipeline.config import Settings
from pipeline.extract import DocumentOutcome, extract_document, resources
from pipeline.model import Source


def _failed(source: Source, error_type: str, message: str) -> DocumentOutcome:
    return DocumentOutcome(source.source_path, source.doc_id, None, [{
        "source_path": source.source_path, "doc_id": source.doc_id, "stage": "worker",
        "error_type": error_type, "message": message}])


def _warm(settings: Settings, user_gazetteer_dir: Path | None) -> None:
    """Pool initializer: load the models before the first document, so its timeout counts only its own work."""
    try:
        resources(settings, user_gazetteer_dir)
    except Exception:  # noqa: BLE001 - reported per document by extract_document
        pass


def run_local(sources: Iterable[Source], settings: Settings, user_gazetteer_dir: Path | None,
              ) -> Iterator[DocumentOutcome]:
    """Process documents in `settings.workers` processes, at most two in flight per worker."""
    workers = max(1, settings.workers)
    pool = ProcessPool(max_workers=workers, initializer=_warm, initargs=(settings, user_gazetteer_dir))
    try:
        pending: list = []
        it = iter(sources)
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
            yield _result(source, future, settings)
    finally:
        pool.stop()
        pool.join()


def _result(source: Source, future, settings: Settings) -> DocumentOutcome:
    try:
        return future.result()
    except FutureTimeout:
        return _failed(source, "timeout", f"processing took longer than {settings.doc_timeout_s:.0f} s "
                       "(doc_timeout_s); the worker was stopped")
    except ProcessExpired as exc:
        return _failed(source, "worker_crashed", f"the worker process died (exit code {exc.exitcode}), "
                       "e.g. out of memory on this file")
    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
        return _failed(source, "internal_error", f"{type(exc).__name__}: {exc}")


def run_dask(sources: Iterable[Source], settings: Settings, user_gazetteer_dir: Path | None,
             address: str) -> Iterator[DocumentOutcome]:
    """Process documents on a Dask cluster (`pip install distributed`); the scheduler at `address`."""
    from distributed import Client, as_completed  # optional dependency, only for scale-out

    with Client(address) as client:
        futures = {client.submit(extract_document, s, settings, user_gazetteer_dir, pure=False): s for s in sources}
        for future in as_completed(futures):
            source = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001
                yield _failed(source, "internal_error", f"{type(exc).__name__}: {exc}")


Executor = Callable[[Iterable[Source], Settings, "Path | None"], Iterator[DocumentOutcome]]
