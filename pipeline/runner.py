"""What to (re)do, in which order, on which executor. Nothing else.

A file is redone when its content hash or the pipeline fingerprint changed; unchanged size and
mtime skip even the hashing, so a re-run with nothing new costs one stat per file. Results are
committed every `commit_every` documents, so a killed run loses at most one batch (the next batch starts from
the tables as written, not read back); the archive-wide tables (unified entities, entity catalog, action links
and status) are rebuilt once, at the end of a run, or by the next run if it was killed. They are unified from
each document's own reading (entity_changes), so an incremental run writes what a full run would; links are
kept for every document whose window of later meetings did not change, and a table no row of which changed is
not written again.
Before taking the output folder's lock, `preflight` refuses a run that could not do its work (`CannotRun`): a
missing archive, an output folder that is a file, not writable or inside the archive, a model that is not
installed, a missing optional package, an archive with nothing to extract.
"""
from __future__ import annotations

import atexit
import bisect
import gc
import hashlib
import importlib
import importlib.util
import itertools
import os
import secrets
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial, wraps
from pathlib import Path
from typing import Callable, Iterator, Mapping

import pyarrow as pa
import pyarrow.compute as pc

from pipeline import __version__
from pipeline.config import (SUPPORTED_SUFFIXES, USER_GAZETTEER_DIR, Settings, fingerprint_of, fingerprint_parts,
                             user_gazetteer_dir)
from pipeline.executors import discard_early, run_local, start_early
from pipeline.extract import DocumentOutcome, model_version
from pipeline.model import Source
from pipeline.schema import DOCUMENT_TABLES, TABLES, conform
from pipeline.store import Store


@dataclass(frozen=True)
class FileEntry:
    source_path: str  # relative to the archive root, forward slashes
    path: Path
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Planned:
    entry: FileEntry
    doc_id: str


@dataclass
class Plan:
    todo: list[Planned] = field(default_factory=list)
    skipped: list[FileEntry] = field(default_factory=list)
    touched: dict[str, FileEntry] = field(default_factory=dict)  # same content, new mtime
    removed: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)  # source_path -> doc_id of another path
    errors: list[dict] = field(default_factory=list)  # scan-stage errors, recomputed every run


@dataclass
class Progress:
    total: int
    done: int = 0
    failed: int = 0
    words: int = 0
    started: float = field(default_factory=time.monotonic)
    current: str = ""


@dataclass
class RunSummary:
    run_id: str
    out: str
    raw_root: str
    n_processed: int
    n_skipped: int
    n_removed: int
    n_failed: int
    n_errors: int
    fingerprint: str
    seconds: float
    # Files not extracted and not failures, by reason: {"unsupported_format": [paths], "duplicate": [paths]}.
    not_read: dict[str, list[str]] = field(default_factory=dict)
    fingerprint_parts: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 3 if self.n_failed else 0


class CannotRun(Exception):
    """The run cannot start (archive, output folder, model, an optional package); nothing was written."""


def preflight(raw_root: Path, out: Path, settings: Settings, needs: Mapping[str, str] | None = None) -> None:
    """Refuse, before any lock or write, a run that could not do its work.

    `needs` maps an optional module the run imports (e.g. "distributed") to the feature that needs it.
    """
    if not raw_root.is_dir():
        what = "is a file, not a folder" if raw_root.exists() else "not found"
        raise CannotRun(f"archive folder {what}: {raw_root}")
    if out == raw_root or out.is_relative_to(raw_root):
        where = f"is the archive folder {raw_root}" if out == raw_root else f"{out} is inside the archive {raw_root}"
        raise CannotRun(f"the output folder {where}: choose a folder outside it")
    problem = _output_folder_problem(out)
    if problem:
        raise CannotRun(problem)
    problem = _model_problem(settings.model_name)
    if problem:
        raise CannotRun(problem)
    for module, feature in (needs or {}).items():
        try:
            importlib.import_module(module)
        except ImportError:
            raise CannotRun(f"{feature} needs the Python package '{module}', which is not installed "
                            f"(pip install {module})") from None


def _output_folder_problem(out: Path) -> str | None:
    """Why the run could not write its tables into `out` (created if missing), or None."""
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing != out and not existing.is_dir():
        return f"cannot create the output folder {out}: {existing} is a file"
    if not existing.is_dir():
        return f"the output folder {out} is an existing file: give a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write to the output folder {out}: permission denied on {existing}"
    return None


def _model_problem(name: str) -> str | None:
    """Why spaCy could not load the pipeline `name` (an installed package or a saved folder), or None.

    Checked without importing spaCy (seconds), so a run with nothing to do stays a stat per file.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        if (path / "config.cfg").is_file():
            return None
        return f"cannot load the spaCy model {name}: the folder has no config.cfg"
    try:
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
    except (ImportError, ValueError):
        spec = None
    locations = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    if not any((p / "config.cfg").is_file() or any(p.glob("*/config.cfg")) for p in locations):
        return (f"cannot load the spaCy model '{name}': no installed pipeline package or folder by that name "
                f"(install it, e.g. python -m spacy download {name}, or pass --model with another)")
    return None


def no_documents_message(raw_root: Path, scan_errors: list[dict]) -> str:
    """Why an archive gives a run nothing to extract, in one line."""
    if not scan_errors:
        return f"no documents to extract: the archive {raw_root} holds no files"
    n = len(scan_errors)
    return (f"no documents to extract in {raw_root}: {n} file{'s' * (n != 1)} not read: "
            f"{describe_reasons(scan_errors)} (supported: {', '.join(SUPPORTED_SUFFIXES)})")


def describe_reasons(rows: list[dict]) -> str:
    """Files grouped by why they were not read: "unsupported format (.xlsx, .jpg); empty file (a.txt)"."""
    groups: dict[str, list[str]] = {}
    for r in rows:
        groups.setdefault(r["error_type"], []).append(r["source_path"])
    parts = []
    for reason, paths in groups.items():
        if reason == "unsupported_format":
            shown = list(dict.fromkeys(Path(p).suffix.lower() or Path(p).name for p in paths))
        elif reason == "duplicate":
            shown = paths
            reason = "same content as another file"
        else:
            shown = paths
        more = f", and {len(shown) - 3} more" if len(shown) > 3 else ""
        parts.append(f"{reason.replace('_', ' ')} ({', '.join(shown[:3])}{more})")
    return "; ".join(parts)


def skipped_text(reasons: Mapping[str, list[str]]) -> str:
    """The run summary's "3 files skipped: unsupported format (.xlsx, .pptx, .jpg)", or "" when none were."""
    rows = [{"error_type": reason, "source_path": path} for reason, paths in reasons.items() for path in paths]
    if not rows:
        return ""
    return f"{len(rows)} file{'s' * (len(rows) != 1)} skipped: {describe_reasons(rows)}"


def not_read(scan_errors: list[dict], duplicates: Mapping[str, str]) -> dict[str, list[str]]:
    """The files a run leaves out on purpose, by reason (not failures: they do not change the exit code)."""
    reasons: dict[str, list[str]] = {}
    for e in scan_errors:
        if e["error_type"] == "unsupported_format":
            reasons.setdefault("unsupported_format", []).append(e["source_path"])
    if duplicates:
        reasons["duplicate"] = sorted(duplicates)
    return reasons


def new_run_id() -> str:
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _shown(rel: str) -> str:
    """A path as text: bytes of a file name that are not UTF-8 (kept by os.fsdecode as surrogates) as \\xNN."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan(raw_root: Path) -> tuple[list[FileEntry], list[dict]]:
    """Every document file under raw_root, in path order, plus an errors row for each one it cannot take."""
    root = raw_root.resolve()
    entries, errors = [], []

    def error(rel: str, error_type: str, message: str) -> None:
        errors.append({"source_path": rel, "doc_id": None, "stage": "scan", "error_type": error_type,
                       "message": message})

    def on_walk_error(exc: OSError) -> None:
        rel = Path(exc.filename).resolve().relative_to(root).as_posix() if exc.filename else "."
        error(rel, "unreadable", f"cannot list folder: {exc.strerror}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_walk_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != USER_GAZETTEER_DIR)
        for name in sorted(filenames):
            if name.startswith((".", "~$")):
                continue
            path = Path(dirpath) / name
            rel = _shown(path.relative_to(root).as_posix())
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                error(rel, "unsupported_format", f"'{path.suffix or name}' files are not read; supported: "
                      + ", ".join(SUPPORTED_SUFFIXES))
                continue
            try:
                if path.is_symlink():
                    target = path.resolve(strict=True)
                    if not target.is_relative_to(root):
                        error(rel, "symlink_outside_archive", "symbolic link to a file outside the archive; "
                              "not read (copy the file into the archive instead)")
                        continue
                st = path.stat()
            except (OSError, RuntimeError) as exc:
                kind = "symlink_loop" if "loop" in str(exc).lower() or isinstance(exc, RuntimeError) else "unreadable"
                error(rel, kind, f"cannot read file: {exc}")
                continue
            if not path.is_file():
                error(rel, "unreadable", "not a regular file")
                continue
            if st.st_size == 0:  # every empty file has the same content hash: report each one here
                error(rel, "empty_file", "the file is empty (0 bytes); re-export or remove it")
                continue
            entries.append(FileEntry(rel, path, st.st_size, st.st_mtime_ns))
    return entries, errors


def plan(entries: list[FileEntry], manifest: pa.Table, fp: str, settings: Settings, force: bool,
         scan_errors: list[dict]) -> Plan:
    """Decide per file: skip (unchanged), process (new or changed), or drop (removed)."""
    known = {r["source_path"]: r for r in manifest.to_pylist()}
    out = Plan(errors=list(scan_errors))
    seen: dict[str, str] = {}  # doc_id -> first source_path holding it in this archive
    for e in entries:
        m = known.get(e.source_path)
        same_run = m is not None and m["fingerprint"] == fp and not force
        if same_run and m["size_bytes"] == e.size and m["mtime_ns"] == e.mtime_ns and m["status"] != "duplicate":
            out.skipped.append(e)
            if m["doc_id"]:
                seen.setdefault(m["doc_id"], e.source_path)
            continue
        if e.size > settings.max_file_bytes:
            out.errors.append({"source_path": e.source_path, "doc_id": None, "stage": "scan", "error_type": "too_large",
                               "message": f"file is {e.size / 1e6:.1f} MB, over max_file_bytes "
                                          f"({settings.max_file_bytes / 1e6:.0f} MB); raise it in [tool.minutes]"})
            continue
        try:
            doc_id = content_id(e.path.read_bytes())
        except OSError as exc:
            out.errors.append({"source_path": e.source_path, "doc_id": None, "stage": "scan",
                               "error_type": "unreadable", "message": f"cannot read file: {exc}"})
            continue
        if doc_id in seen:
            out.duplicates[e.source_path] = doc_id
            continue
        seen[doc_id] = e.source_path
        if same_run and m["doc_id"] == doc_id:
            out.skipped.append(e)
            out.touched[e.source_path] = e
        else:
            out.todo.append(Planned(e, doc_id))
    present = {e.source_path for e in entries}
    out.removed = sorted(p for p in known if p not in present)
    return out


def _with_sparse_gc(method: Callable) -> Callable:
    """A method run under _sparse_gc: a commit makes the archive's tables and statuses, and at the default threshold
    the collector walked the whole heap (the gazetteer catalog, the manifest's rows) during an add-one run's only
    commit, 0.2-0.9 s of its 0.6-1.9 s on a 300-document archive."""
    @wraps(method)
    def wrapped(*args, **kwargs):
        return _sparse_gc(partial(method, *args, **kwargs))
    return wrapped


class Runner:
    """Runs the pipeline over one archive into one output folder."""

    def __init__(self, raw_root: Path, out: Path, settings: Settings, *, executor=None,
                 on_progress: Callable[[Progress], None] | None = None):
        # Stored and shown absolute, so `status` run from any folder finds the same archive.
        self.raw_root = Path(raw_root).expanduser().resolve()
        self.store = Store(Path(out).expanduser().resolve())
        self.settings = settings
        self.executor = executor or run_local
        self.on_progress = on_progress or (lambda p: None)
        self.user_gazetteer_dir = user_gazetteer_dir(self.raw_root)

    def run(self, *, force: bool = False, wait_s: float = 0.0, needs: Mapping[str, str] | None = None) -> RunSummary:
        """Extract what is new or changed; raises CannotRun, before any lock or write, when it could not."""
        if wait_s < 0:
            raise CannotRun(f"the wait for another run must be 0 seconds or more, not {wait_s:g}")
        preflight(self.raw_root, self.store.root, self.settings, needs)
        entries, scan_errors = scan(self.raw_root)
        if not entries:  # nothing readable: refuse rather than report success (or drop every row of OUT)
            raise CannotRun(no_documents_message(self.raw_root, scan_errors))
        try:
            with self.store.locked(wait_s):
                self.store.clean_temp_files()
                return self._run(force, entries, scan_errors)
        finally:
            discard_early()  # a fork server started for this run that no pool took (the run failed before one)

    def _run(self, force: bool, entries: list[FileEntry], scan_errors: list[dict]) -> RunSummary:
        run_id, started = new_run_id(), datetime.now(timezone.utc)
        t0 = time.monotonic()
        version = model_version(self.settings)
        parts = fingerprint_parts(self.settings, version, self.raw_root)
        fp = fingerprint_of(parts)
        manifest = self.store.read("manifest")
        p = plan(entries, manifest, fp, self.settings, force, scan_errors)
        state = _State(manifest, run_id, fp)
        changed = bool(p.removed or p.duplicates or p.touched or p.todo)
        if p.todo and self.executor is run_local:  # the workers' model loads while this process reads and plans
            start_early(self.settings, self.user_gazetteer_dir)
        if changed:  # before any commit: the documents the current links were built from
            state.linked = self._linked_order()
            state.stored = _in_background(self._stored_tables)
            state.known = _in_background(_known_entities(), self.user_gazetteer_dir)
        progress = Progress(total=len(p.todo))
        self.on_progress(progress)

        old_scan = self.store.read("errors").filter(pc.equal(pc.field("stage"), "scan")).num_rows \
            if self.store.exists("errors") else 0
        batch: list[tuple[Planned, DocumentOutcome]] = []
        n_ok = n_failed = 0
        for planned, outcome in self._outcomes(p.todo):
            batch.append((planned, outcome))
            progress.done += 1
            progress.words += outcome.n_words
            progress.current = planned.entry.source_path
            if outcome.tables is None:
                n_failed += 1
                progress.failed += 1
            else:
                n_ok += 1
            self.on_progress(progress)
            if len(batch) >= self.settings.commit_every:
                self._commit(state, batch, Plan(), final=False)
                batch = []
        if changed or batch or old_scan or p.errors or self.store.archive_pending:
            self._commit(state, batch, p, final=True)
        n_failed += sum(1 for e in p.errors if e["stage"] == "scan" and e["error_type"] != "unsupported_format")
        finished = datetime.now(timezone.utc)
        summary = RunSummary(run_id, str(self.store.root), str(self.raw_root), n_ok, len(p.skipped), len(p.removed),
                             n_failed, self.store.read("errors").num_rows if self.store.exists("errors") else 0,
                             fp, round(time.monotonic() - t0, 3), not_read(p.errors, p.duplicates), parts)
        runs = pa.concat_tables([self.store.read("runs"), conform("runs", [{
            "run_id": run_id, "started_at": started, "finished_at": finished, "raw_root": str(self.raw_root),
            "n_processed": n_ok, "n_skipped": len(p.skipped), "n_removed": len(p.removed), "n_failed": n_failed,
            "pipeline_version": __version__, "model_name": self.settings.model_name, "model_version": version,
            "fingerprint": fp}])])
        self.store.write("runs", runs)
        self.store.write_summary({**summary.__dict__, "exit_code": summary.exit_code,
                                  "started_at": started.isoformat(), "finished_at": finished.isoformat()})
        return summary

    def _outcomes(self, todo: list[Planned]) -> Iterator[tuple[Planned, DocumentOutcome]]:
        by_path = {t.entry.source_path: t for t in todo}

        def sources() -> Iterator[Source]:
            for t in longest_first(todo):
                try:
                    data = t.entry.path.read_bytes()
                except OSError:
                    data = b""
                yield Source(t.entry.source_path, data, t.doc_id,
                             datetime.fromtimestamp(t.entry.mtime_ns / 1e9, tz=timezone.utc).replace(microsecond=0))

        for outcome in self.executor(sources(), self.settings, self.user_gazetteer_dir):
            yield by_path[outcome.source_path], outcome

    @_with_sparse_gc
    def _commit(self, state: "_State", batch: list[tuple[Planned, DocumentOutcome]], p: Plan, *, final: bool) -> None:
        """Merge a batch into the tables and write them, the manifest last."""
        drop: set[str] = set()
        new: dict[str, list[pa.Table]] = {n: [] for n in DOCUMENT_TABLES}
        errors_new: list[dict] = []
        redone_paths = set()
        for planned, outcome in batch:
            path = planned.entry.source_path
            redone_paths.add(path)
            old = state.rows.get(path)
            errors_new += [{"run_id": state.run_id, **e} for e in outcome.errors]
            if outcome.tables is not None:
                state.redone.add(outcome.doc_id)
                if old and old.get("extracted_doc_id"):
                    drop.add(old["extracted_doc_id"])
                drop.add(outcome.doc_id)
                for name, t in outcome.tables.items():
                    new[name].append(t)
                extracted = outcome.doc_id
                status = "ok"
            else:
                extracted = old.get("extracted_doc_id") if old else None
                status = "failed"
            state.rows[path] = {"source_path": path, "doc_id": planned.doc_id, "size_bytes": planned.entry.size,
                                "mtime_ns": planned.entry.mtime_ns, "fingerprint": state.fp, "status": status,
                                "extracted_doc_id": extracted}
        if final:
            for path in p.removed:
                old = state.rows.pop(path, None)
                redone_paths.add(path)
                if old and old.get("extracted_doc_id"):
                    drop.add(old["extracted_doc_id"])
            for path, e in p.touched.items():
                state.rows[path] = {**state.rows[path], "size_bytes": e.size, "mtime_ns": e.mtime_ns}
            for path, doc_id in p.duplicates.items():
                old = state.rows.get(path)
                if old and old.get("extracted_doc_id") and old["extracted_doc_id"] != doc_id:
                    drop.add(old["extracted_doc_id"])
                state.rows[path] = {"source_path": path, "doc_id": doc_id, "size_bytes": None, "mtime_ns": None,
                                    "fingerprint": state.fp, "status": "duplicate", "extracted_doc_id": None}
                redone_paths.add(path)
            errors_new += [{"run_id": state.run_id, **e} for e in p.errors]
        # A doc_id still held by another current path is not dropped.
        held = {r["extracted_doc_id"] for r in state.rows.values() if r.get("extracted_doc_id")}
        drop -= {d for d in held if d not in {o.doc_id for _, o in batch}}

        tables, changed = {}, set()
        stored = state.stored.result() if state.stored is not None and not state.written else {}
        for name in DOCUMENT_TABLES:
            old_t = state.written[name] if name in state.written else _table_of(stored, name, self.store)
            n_old = old_t.num_rows
            if drop and old_t.num_rows:
                gone = pc.is_in(old_t["doc_id"], pa.array(sorted(drop), pa.string()))
                if pc.any(gone).as_py():  # a new document has no rows to drop: no copy of the table for it
                    old_t = old_t.filter(pc.invert(gone))
            if new[name] or old_t.num_rows != n_old:
                changed.add(name)
                tables[name] = _inserted(name, old_t, new[name])
            else:  # as stored: sorted, and not written again
                tables[name] = old_t
        errors = state.written["errors"] if "errors" in state.written else _table_of(stored, "errors", self.store)
        stale = pc.is_in(errors["source_path"], pa.array(sorted(redone_paths), pa.string()))
        if final:
            stale = pc.or_(stale, pc.equal(errors["stage"], "scan"))
        errors = errors.filter(pc.invert(pc.fill_null(stale, False)))
        tables["errors"] = _sorted("errors", pa.concat_tables([errors, conform("errors", errors_new)]))
        changed.add("errors")
        if final:  # catalog and links span the archive: rebuilt once per run, not per batch
            archive = self._archive_tables(tables, state)
            tables.update(archive)
            changed |= set(archive)
        else:
            self.store.set_archive_pending(True)
        tables["manifest"] = conform("manifest", list(state.rows.values()))
        changed.add("manifest")
        self.store.write_all({n: t for n, t in tables.items() if n in changed}, last="manifest")
        state.written = tables  # what the next batch starts from: the tables are not read back from disk
        if final:
            self.store.set_archive_pending(False)

    def _stored_tables(self) -> dict[str, pa.Table]:
        """The tables the first commit and the archive step start from, as stored when the run began: read in a
        background thread (Parquet decoding lets go of the GIL) while the workers' model loads, so a run that adds
        one file to a long archive does not read them after its document is done. Only tables that exist."""
        names = [*DOCUMENT_TABLES, "errors"]
        if self.store.exists("action_links") and not self.store.archive_pending:
            names.append("action_links")
        return {n: self.store.read(n) for n in names if self.store.exists(n)}

    def _linked_order(self) -> "pa.Table | None":
        """The documents the current action_links were built from (None when a killed run left them behind)."""
        from pipeline.links import ORDER_COLUMNS

        if self.store.archive_pending or not self.store.exists("action_links") or not self.store.exists("documents"):
            return None
        return self.store.read("documents", columns=list(ORDER_COLUMNS))

    def _archive_tables(self, tables: dict[str, pa.Table], state: "_State") -> dict[str, pa.Table]:
        """Archive-wide tables recomputed from the per-document ones: unified entities, catalog, cross-meeting
        links, action status.

        Entities are unified from every document's own reading (entity_changes keeps it for the mentions an
        earlier run changed), so the result does not depend on the order documents came in. Links are kept for
        every document whose window of later meetings is unchanged since the last run, so adding a file to a
        long archive links again only its neighbourhood in its series.
        """
        from pipeline.catalog import catalog, unify
        from pipeline.entities import load_known_entities
        from pipeline.links import ORDER_COLUMNS, Previous, action_status, link_actions, windows

        own = own_reading(tables["entities"], tables["entity_changes"])
        entities = unify(own)
        out = {"entities": entities.cast(TABLES["entities"].schema),
               "entity_changes": _sorted("entity_changes", changes_of(own, entities))}
        known = state.known.result() if state.known is not None else load_known_entities(self.user_gazetteer_dir)
        documents = tables["documents"]
        out["entity_catalog"] = _sorted("entity_catalog", conform(
            "entity_catalog", catalog(entities, documents.select(["doc_id", "meeting_date"]), known)))
        previous = None
        if state.linked is not None:
            stored = state.stored.result() if state.stored is not None else {}
            previous = Previous(windows(state.linked.to_pandas(), self.settings),
                                _table_of(stored, "action_links", self.store).to_pandas(), frozenset(state.redone))
        docs = documents.select(list(ORDER_COLUMNS)).to_pandas()
        actions = tables["action_items"].to_pandas()
        links = link_actions(actions, docs, tables["sections"], settings=self.settings, previous=previous)
        out["action_links"] = _sorted("action_links", conform("action_links", links))
        out["action_status"] = _sorted("action_status", conform("action_status", action_status(actions, links, docs)))
        return out


def longest_first(todo: list[Planned]) -> list[Planned]:
    """The documents in the order they are handed to the workers: the largest files first, then by path.

    Run in path order, a long file that comes last keeps one worker busy while the others have nothing left to do;
    largest first, the last documents handed out are the small ones and the workers finish together. File size
    stands in for the work (text, tables and pages grow with it); the tables are sorted by key, whatever the order."""
    return sorted(todo, key=lambda t: (-t.entry.size, t.entry.source_path))


def own_reading(entities: pa.Table, changes: pa.Table) -> pa.Table:
    """The entities as their documents alone read them: the mentions in `changes` get back their own label,
    entity id and name."""
    if changes.num_rows == 0 or entities.num_rows == 0:
        return entities
    at = pc.index_in(entities["mention_id"], changes["mention_id"])
    has = pc.is_valid(at)
    for name in ("label", "entity_id", "norm"):
        i = entities.schema.get_field_index(name)
        entities = entities.set_column(i, entities.schema.field(i),
                                       pc.if_else(has, pc.take(changes[name], at), entities[name]))
    return entities


def changes_of(own: pa.Table, unified: pa.Table) -> pa.Table:
    """entity_changes rows: the mentions whose label, entity id or name unifying changed, as `own` has them."""
    differs = None
    for name in ("label", "entity_id", "norm"):
        a, b = own[name], unified[name]
        va, vb = pc.is_valid(a), pc.is_valid(b)
        d = pc.if_else(pc.and_(va, vb), pc.not_equal(a, b), pc.not_equal(va, vb))
        differs = d if differs is None else pc.or_(differs, d)
    return own.filter(differs).select(TABLES["entity_changes"].schema.names).cast(TABLES["entity_changes"].schema)


@dataclass
class _State:
    """The manifest as it will be written: one row per file, updated as batches commit."""

    manifest: pa.Table
    run_id: str
    fp: str
    rows: dict[str, dict] = field(init=False)
    redone: set[str] = field(default_factory=set)  # doc_ids extracted in this run
    linked: "pa.Table | None" = None  # the documents the previous action_links were built from
    known: "Future | None" = None  # the gazetteer catalog, built while the workers extract
    stored: "Future | None" = None  # the tables as stored when the run began (Runner._stored_tables)
    written: dict[str, pa.Table] = field(default_factory=dict)  # the tables as the last commit wrote them

    def __post_init__(self) -> None:
        self.rows = {r["source_path"]: r for r in self.manifest.to_pylist()}


def _known_entities() -> Callable:
    """The function building the gazetteer catalog the archive-wide steps need (about a second): imported here,
    in the calling thread, so that only the building runs in the background thread while the workers extract."""
    import pipeline.catalog  # noqa: F401
    from pipeline.entities import load_known_entities

    return partial(_sparse_gc, _archive_ready, load_known_entities)


def _archive_ready(load_known_entities: Callable, *args):
    """The gazetteer catalog, with the action patterns the links compile on first use (0.1-0.3 s of CPU) compiled
    too: both while the model loads, not after the last document, where an added meeting waits for them."""
    from pipeline.actions.patterns import default_patterns

    known = load_known_entities(*args)
    default_patterns()
    return known


# The catalog is ~250,000 objects that live for the run, and little garbage: at the default threshold (700) the
# collector ran hundreds of times over the growing heap while it was built, a quarter of the build's CPU.
BUILD_GC_THRESHOLD = 50_000


_SPARSE_LOCK = threading.Lock()
_SPARSE: dict = {"depth": 0, "saved": None}  # how many threads are inside _sparse_gc, and the thresholds before


def _sparse_gc(fn: Callable, *args):
    """fn(*args) with the young generation collected only every BUILD_GC_THRESHOLD allocations.

    The thresholds are the process's: the first caller in sets them and the last one out puts them back, so the
    catalog thread and a commit of the main thread can overlap."""
    with _SPARSE_LOCK:
        if _SPARSE["depth"] == 0:
            _SPARSE["saved"] = thresholds = gc.get_threshold()
            gc.set_threshold(max(BUILD_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
        _SPARSE["depth"] += 1
    try:
        return fn(*args)
    finally:
        with _SPARSE_LOCK:
            _SPARSE["depth"] -= 1
            if _SPARSE["depth"] == 0:
                gc.set_threshold(*_SPARSE["saved"])


@atexit.register
def _freeze_at_exit() -> None:
    """At exit, move what is left out of the collector's reach: the interpreter's last collections walked every
    object a run leaves behind (the gazetteer catalog, the tables), about half a second of wall time after the
    summary was printed. Finalization frees them as before; only cycles that were garbage already are left to the
    process's exit."""
    gc.freeze()


def _in_background(fn: Callable, *args) -> Future:
    """fn(*args) in a daemon thread; its Future gives the result or raises its exception.

    Kept by hand on purpose: a ThreadPoolExecutor's threads are not daemons (since Python 3.9) and
    concurrent.futures joins them at interpreter exit, so a run interrupted with Ctrl-C, or one that fails
    before its archive step, would wait for the gazetteer build it no longer needs. A daemon thread is dropped
    at exit; the Future is the library's own, so callers use the standard result()/exception() protocol."""
    future: Future = Future()

    def work() -> None:
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the result
            future.set_exception(exc)

    threading.Thread(target=work, name="minutes-archive-ready", daemon=True).start()
    return future


def _table_of(stored: Mapping[str, pa.Table], name: str, store: Store) -> pa.Table:
    """The table as stored when the run began: read ahead (Runner._stored_tables) or, if it was not, now."""
    return stored[name] if name in stored else store.read(name)


# Up to this many new documents, their rows are put in place in the sorted table (_inserted) instead of sorting it all.
INSERT_MAX_DOCUMENTS = 16


def _inserted(name: str, old: pa.Table, new: list[pa.Table]) -> pa.Table:
    """_sorted(name, old + new) for `old` sorted as the store writes it, with the rows of a few documents it does not
    hold: only the new rows are sorted, and each document's block goes in at its doc_id's place (slices, no copy).
    Adding one meeting to a long archive sorted and copied every per-document table, a cost that grew with the
    archive. Any other case (keys not led by doc_id, a doc_id in both, old not grouped by doc_id) sorts it all."""
    keys = TABLES[name].sort_by
    add = _sorted(name, pa.concat_tables(new)) if new else None
    if add is None or add.num_rows == 0 or old.num_rows == 0 or keys[0] != "doc_id":
        return _sorted(name, pa.concat_tables([old, *new]))
    olds, adds = pc.value_counts(old["doc_id"]), pc.value_counts(add["doc_id"])
    distinct = olds.field("values").to_pylist()
    runs = 1 + pc.sum(pc.not_equal(old["doc_id"].slice(1), old["doc_id"].slice(0, old.num_rows - 1))).as_py() \
        if old.num_rows > 1 else 1
    if (len(adds) > INSERT_MAX_DOCUMENTS or old["doc_id"].null_count or add["doc_id"].null_count
            or runs != len(distinct) or any(a >= b for a, b in zip(distinct, distinct[1:]))):
        return _sorted(name, pa.concat_tables([old, *new]))
    starts = [0, *itertools.accumulate(olds.field("counts").to_pylist())]
    pieces, at, taken = [], 0, 0
    for doc_id, n in zip(adds.field("values").to_pylist(), adds.field("counts").to_pylist()):
        i = bisect.bisect_left(distinct, doc_id)
        if i < len(distinct) and distinct[i] == doc_id:
            return _sorted(name, pa.concat_tables([old, *new]))
        pieces += [old.slice(at, starts[i] - at), add.slice(taken, n)]
        at, taken = starts[i], taken + n
    pieces.append(old.slice(at))
    return pa.concat_tables(pieces).cast(TABLES[name].schema)


def _sorted(name: str, table: pa.Table) -> pa.Table:
    keys = [(k, "ascending", "at_start") for k in TABLES[name].sort_by]
    return table.sort_by(keys).cast(TABLES[name].schema) if table.num_rows else table
