"""One document through every stage, inside a worker process. The unit of work for every executor.

The stage modules import spaCy, so they are imported here, lazily, and the heavy objects (the spaCy
pipeline, the action scorer that parses with that same pipeline) are built once per process and reused
for every document.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Settings
from pipeline.model import Extraction, Source, StageError

if TYPE_CHECKING:  # pyarrow is imported where tables are made: the CLI imports this module (through executors) before
    import pyarrow as pa  # it starts the workers' fork server, and pyarrow would put a fifth of a second before that

_RESOURCES: dict = {}


@dataclass
class DocumentOutcome:
    """What a worker sends back: the document's tables (None when ingest failed) and its error rows.

    Pickled (to the runner, from a pool worker or a Dask worker), each table travels as one Arrow IPC stream: a
    pickled pa.Table rebuilds its schema, fields and metadata as Python objects, eight times per document, which
    cost the worker and the runner about ten times the CPU of writing and reading the stream."""

    source_path: str
    doc_id: str
    tables: dict[str, pa.Table] | None
    errors: list[dict] = field(default_factory=list)
    n_words: int = 0

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if self.tables is not None:
            state["tables"] = {name: _to_stream(t) for name, t in self.tables.items()}
        return state

    def __setstate__(self, state: dict) -> None:
        if state.get("tables") is not None:
            state = {**state, "tables": {name: _from_stream(b) for name, b in state["tables"].items()}}
        self.__dict__.update(state)


def _to_stream(table: pa.Table) -> pa.Buffer:
    import pyarrow as pa
    import pyarrow.ipc  # noqa: F401 - pa.ipc

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _from_stream(buffer: pa.Buffer) -> pa.Table:
    import pyarrow as pa
    import pyarrow.ipc  # noqa: F401 - pa.ipc

    return pa.ipc.open_stream(buffer).read_all()


# The entities stage reads the NER and fine-grained tags (the resolver), never dependencies or coarse POS: the
# parser and the attribute ruler are skipped there, and the small sentence recogniser gives the NER its sentence
# bounds instead. The parser runs only on the action stage's candidate lines (ActionScorer.parse skips the rulers,
# the sentence recogniser and the NER).
ENTITIES_SKIP = ("parser", "attribute_ruler")
SENTENCES = "senter"


def resources(settings: Settings, user_gazetteer_dir: Path | None) -> dict:
    """Build the spaCy pipeline once per process and the action scorer around it (one model load, shared).

    The dict may hold more, built lazily by the stage that needs it (another language's pipeline).
    """
    key = (settings, user_gazetteer_dir)
    if _RESOURCES.get("key") != key:
        from pipeline.actions import load_scorer
        from pipeline.entities import build_nlp

        _RESOURCES.clear()
        nlp = build_nlp(settings, user_gazetteer_dir)
        if SENTENCES in nlp.disabled:
            nlp.enable_pipe(SENTENCES)
        _RESOURCES.update(key=key, nlp=nlp, scorer=load_scorer(settings, parser=nlp))
    return _RESOURCES


def _tag(doc, seg, res: dict, settings: Settings, encoded: dict):
    from pipeline.entities import tag_entities

    nlp = res["nlp"]
    with nlp.select_pipes(disable=[n for n in ENTITIES_SKIP if n in nlp.pipe_names]):
        # The entities pass runs the shared tok2vec and tagger on every block; the action stage parses the candidate
        # lines that are whole blocks from those Docs instead of encoding them again (same tokens, same tensor).
        return tag_entities(doc, seg, nlp=nlp, settings=settings,
                            encoded=encoded if res["scorer"].parser is nlp else None)


# What the owner parse of a document in another language runs of that language's pipeline (no NER, no rulers).
OWNER_PARSE_NEEDS = ("tok2vec", "morphologizer", "tagger", "parser", "attribute_ruler")


def _actions(doc, seg, mentions, res: dict, settings: Settings, encoded: dict):
    from pipeline.actions import detect_actions
    from pipeline.entities.nlp import pipeline_for
    from pipeline.entities.tag import document_language

    # French minutes: who acts is read from the French parse; the decision keeps the English one it was trained on
    own = pipeline_for(res["nlp"], document_language(doc, seg, settings.languages))
    owner_parse = None
    if own is not res["nlp"]:
        skip = [n for n in own.pipe_names if n not in OWNER_PARSE_NEEDS]
        owner_parse = lambda texts: list(own.pipe(texts, disable=skip))  # noqa: E731
    with res["scorer"].reusing(encoded) as scorer:
        return detect_actions(doc, seg, mentions, scorer=scorer, settings=settings, owner_parse=owner_parse)


def model_version(settings: Settings) -> str:
    """Version of the configured spaCy pipeline, read from its package metadata without loading it."""
    import importlib.metadata
    import json

    path = Path(settings.model_name)
    if (path / "meta.json").is_file():
        return json.loads((path / "meta.json").read_text(encoding="utf-8")).get("version", "unknown")
    for name in (settings.model_name, settings.model_name.replace("_", "-")):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "not-installed"


def _error(source: Source, stage: str, error_type: str, message: str) -> dict:
    return {"source_path": source.source_path, "doc_id": source.doc_id, "stage": stage,
            "error_type": error_type, "message": message}


def _unexpected(source: Source, stage: str, exc: BaseException) -> dict:
    if isinstance(exc, MemoryError):  # e.g. a container or ulimit memory limit
        return _error(source, stage, "out_of_memory", "ran out of memory on this file (see max_worker_memory_mb); "
                      "split the file or raise the limit")
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return _error(source, stage, "internal_error", f"{type(exc).__name__}: {exc}{at} (please report this file)")


def extract_document(source: Source, settings: Settings, user_gazetteer_dir: Path | None) -> DocumentOutcome:
    """Ingest, segment, tag and detect actions in one document; never raises.

    A failure in ingest fails the document; a failure in a later stage keeps what earlier stages
    extracted and records an errors row for the stage that failed.
    """
    from pipeline.ingest import ingest
    from pipeline.records import extraction_tables
    from pipeline.model import MeetingHeader, Segmented
    from pipeline.segment import segment

    outcome = DocumentOutcome(source.source_path, source.doc_id, None)
    try:
        doc = ingest(source, settings=settings)
    except StageError as exc:
        outcome.errors.append(_error(source, exc.stage, exc.error_type, exc.message))
        return outcome
    except Exception as exc:  # noqa: BLE001 - the per-document boundary: nothing escapes it
        outcome.errors.append(_unexpected(source, "ingest", exc))
        return outcome
    outcome.n_words = len(doc.text.split())

    warnings = [StageError(error_type, message, stage="ingest") for error_type, message in doc.warnings]

    def stage(name: str, fn, fallback):
        try:
            return fn()
        except StageError as exc:
            warnings.append(StageError(exc.error_type, exc.message, stage=name))
        except Exception as exc:  # noqa: BLE001
            err = _unexpected(source, name, exc)
            warnings.append(StageError(err["error_type"], err["message"], stage=name))
        return fallback

    seg = stage("segment", lambda: segment(doc, settings=settings),
                Segmented(blocks=doc.blocks, sections=(), header=MeetingHeader()))
    res = stage("resources", lambda: resources(settings, user_gazetteer_dir), None)
    encoded: dict = {}  # block text -> its Doc from the entities pass, for the action parse; this document only
    mentions = stage("entities", lambda: _tag(doc, seg, res, settings, encoded), ()) if res else ()
    actions = stage("actions", lambda: _actions(doc, seg, mentions, res, settings, encoded), ()) if res else ()
    encoded.clear()
    ex = Extraction(document=doc, segmented=seg, mentions=tuple(mentions), actions=tuple(actions),
                    warnings=tuple(warnings))
    try:
        outcome.tables = extraction_tables(ex)
    except Exception as exc:  # noqa: BLE001
        outcome.errors.append(_unexpected(source, "store", exc))
        return outcome
    outcome.errors += [_error(source, w.stage, w.error_type, w.message) for w in warnings]
    return outcome
