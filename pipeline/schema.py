"""Every table the pipeline writes, declared once. All writes go through `conform`.

Each field carries a one-line description in its metadata; the README's data dictionary is
generated from here (`python -m pipeline.schema`), never typed twice.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa


def col(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": doc})


SPAN = [
    col("start_char", pa.int32(), "Start offset into documents.text (inclusive)."),
    col("end_char", pa.int32(), "End offset into documents.text (exclusive)."),
    col("text", pa.string(), "The source span, exactly documents.text[start_char:end_char]."),
]
DOC_ID = col("doc_id", pa.string(), "Content hash of the source file (first 16 hex of SHA-256).", nullable=False)


@dataclass(frozen=True)
class Table:
    """A declared table: its schema, its sort key (deterministic output) and how rows belong to a file."""

    name: str
    schema: pa.Schema
    sort_by: tuple[str, ...]
    per_document: bool = True  # rows are owned by one document (dropped when it changes or is removed)
    doc: str = ""

    @property
    def has_spans(self) -> bool:
        return {"start_char", "end_char", "text"} <= set(self.schema.names)


def _table(name: str, doc: str, fields: list[pa.Field], sort_by: tuple[str, ...], per_document: bool = True) -> Table:
    schema = pa.schema(fields, metadata={"table": name, "version": "1"})
    return Table(name, schema, sort_by, per_document, doc)


DOCUMENTS = _table("documents", "One row per ingested document, with the meeting header read from it.", [
    DOC_ID,
    col("source_path", pa.string(), "Path relative to the archive root, with forward slashes."),
    col("format", pa.string(), "File format by content: docx, pdf, txt, md, html, doc, odt, rtf."),
    col("size_bytes", pa.int64(), "File size in bytes."),
    col("modified_at", pa.timestamp("ms", tz="UTC"), "File modification time."),
    col("encoding", pa.string(), "Detected text encoding (text formats only)."),
    col("zawgyi_converted", pa.bool_(), "True when legacy Zawgyi Burmese text was converted to Unicode."),
    col("n_pages", pa.int32(), "Pages (PDF only)."),
    col("n_blocks", pa.int32(), "Number of rows in blocks for this document."),
    col("text", pa.string(), "Normalised full text; every start_char/end_char in every table points into it."),
    col("title", pa.string(), "The meeting's name."),
    col("meeting_date", pa.date32(), "Date of the meeting."),
    col("meeting_date_text", pa.string(), "The raw text the meeting date was read from."),
    col("meeting_date_source", pa.string(), "Where the date came from: header, title or file_name."),
    col("meeting_time", pa.string(), "Time of the meeting as written."),
    col("location", pa.string(), "Where the meeting took place, as written."),
    col("chair", pa.string(), "Who chaired the meeting."),
    col("next_meeting", pa.timestamp("us"), "Date (and time when stated) of the next meeting."),
    col("next_meeting_text", pa.string(), "The raw text the next meeting was read from."),
    col("language", pa.string(), "ISO 639-1 code of the document's main language."),
], ("doc_id",))

BLOCKS = _table("blocks", "Paragraphs, headings, list items and table cells in document order.", [
    DOC_ID,
    col("block_id", pa.string(), "doc_id plus ordinal: stable id of the block."),
    col("ordinal", pa.int32(), "Position of the block in the document."),
    col("kind", pa.string(), "paragraph, heading, list_item or table_cell."),
    col("part", pa.string(), "body, header, footer, textbox, footnote, endnote, comment (Word), page (PDF) or site (a web page's "
        "furniture in text saved from it: counters, navigation)."),
    col("style", pa.string(), "Word style name or markup tag the block came from."),
    col("level", pa.int32(), "Heading level or list nesting level."),
    col("page", pa.int32(), "Page number (PDF)."),
    col("table_id", pa.int32(), "Table number within the document (table cells)."),
    col("row", pa.int32(), "Row index within the table."),
    col("col", pa.int32(), "Column index within the table."),
    col("column_header", pa.string(), "Text of this column's header cell."),
    col("row_span", pa.int32(), "Rows a vertically merged table cell covers, when more than one (.docx, ruled PDF)."),
    col("column_role", pa.string(), "issue, action, owner, deadline, status, agency or location, read from the column "
        "header; header for the cells of a header that takes more than one row."),
    col("bold", pa.bool_(), "Every character is bold (in .docx): a heading typed by hand rather than styled."),
    col("author", pa.string(), "Who wrote the Word comment (comment blocks)."),
    col("anchor_start_char", pa.int32(), "Start offset into documents.text of the passage the comment is on."),
    col("anchor_end_char", pa.int32(), "End offset (exclusive) of that passage; equal to the start for a point."),
    col("reply_to", pa.string(), "block_id of the first block of the comment this comment replies to."),
    *SPAN,
], ("doc_id", "ordinal"))

SECTIONS = _table("sections", "The section tree of each meeting: agenda items, updates, sub-topics.", [
    DOC_ID,
    col("section_id", pa.string(), "doc_id plus ordinal: stable id of the section."),
    col("parent_id", pa.string(), "section_id of the enclosing section, null at top level."),
    col("level", pa.int32(), "Depth in the tree, 1 = top level."),
    col("ordinal", pa.int32(), "Position of the section in the document."),
    col("heading", pa.string(), "Heading without its numbering."),
    col("number", pa.string(), "Agenda numbering as written (\"2.\", \"Item 3\")."),
    col("kind", pa.string(), "header, agenda_item, update, sub_topic, next_meeting, aob or other."),
    col("speaker", pa.string(), "Who reports, when the section is someone's update."),
    col("speaker_org", pa.string(), "The reporting organisation, when the section is an update."),
    *SPAN,
], ("doc_id", "ordinal"))

PARTICIPANTS = _table("participants", "Who attended, sent apologies, chaired or took notes.", [
    DOC_ID,
    col("participant_id", pa.string(), "doc_id plus ordinal."),
    col("name", pa.string(), "Person or organisation name, cleaned."),
    col("kind", pa.string(), "person or org."),
    col("organisation", pa.string(), "The person's organisation, for \"Name (Org)\" entries."),
    col("role", pa.string(), "chair, secretary, note-taker, ... when stated."),
    col("status", pa.string(), "present, apologies, absent or guest."),
    *SPAN,
], ("doc_id", "participant_id"))

HEADER_FIELDS = _table("header_fields", "Source span of every meeting-header value in documents.", [
    DOC_ID,
    col("field", pa.string(), "title, meeting_date, meeting_time, location, chair or next_meeting."),
    col("value", pa.string(), "The value as stored in documents (ISO for dates)."),
    *SPAN,
], ("doc_id", "field", "start_char"))

ENTITIES = _table("entities", "Mentions of organisations, places, dates, persons and times. Mentions may nest: a coordination body named after its place (\"Shelter Cluster Haiti\") is an ORG, and its place a PLACE over the same characters.", [
    DOC_ID,
    col("mention_id", pa.string(), "doc_id plus ordinal."),
    col("section_id", pa.string(), "Section the mention falls in."),
    *SPAN,
    col("label", pa.string(), "ORG, PLACE, DATE, PERSON or TIME."),
    col("entity_id", pa.string(), "Canonical entity id; joins entity_catalog."),
    col("norm", pa.string(), "Canonical name (ISO date for dates)."),
    col("source", pa.string(), "model, gazetteer, acronym or rule."),
    col("date_start", pa.date32(), "DATE: first day the expression covers."),
    col("date_end", pa.date32(), "DATE: last day the expression covers."),
    col("granularity", pa.string(), "DATE: day, week, month, quarter or year."),
], ("doc_id", "start_char", "end_char", "label"))

ENTITY_CHANGES = _table("entity_changes", "Mentions the archive-wide step read anew (a bare acronym given the entity "
                        "of its expansion in another meeting, a town the model took for a person given its place), "
                        "with the document's own reading, from which the next run unifies the archive again.", [
    DOC_ID,
    col("mention_id", pa.string(), "The mention in entities."),
    col("label", pa.string(), "The label the document alone gave it."),
    col("entity_id", pa.string(), "The entity id the document alone gave it."),
    col("norm", pa.string(), "The canonical name the document alone gave it."),
], ("doc_id", "mention_id"))

ENTITY_CATALOG = _table("entity_catalog", "One row per canonical organisation, place or person across the archive.", [
    col("entity_id", pa.string(), "Stable id: label and normalised canonical name.", nullable=False),
    col("label", pa.string(), "ORG, PLACE or PERSON."),
    col("name", pa.string(), "Canonical name."),
    col("acronym", pa.string(), "Acronym, when known."),
    col("aliases", pa.list_(pa.string()), "Other surface forms seen or listed."),
    col("iso_code", pa.string(), "ISO 3166-1 alpha-2 or ISO 3166-2 code for places."),
    col("pcode", pa.string(), "MIMU P-code for Myanmar places."),
    col("iati_id", pa.string(), "IATI organisation identifier, where known."),
    col("lat", pa.float64(), "Latitude for places."),
    col("lon", pa.float64(), "Longitude for places."),
    col("n_mentions", pa.int32(), "Mentions across the archive."),
    col("n_documents", pa.int32(), "Documents mentioning it."),
    col("first_seen", pa.date32(), "Earliest meeting date it is mentioned on."),
    col("last_seen", pa.date32(), "Latest meeting date it is mentioned on."),
], ("entity_id",), per_document=False)

ACTION_ITEMS = _table("action_items", "What was agreed or planned, by whom and by when.", [
    DOC_ID,
    col("action_id", pa.string(), "doc_id plus ordinal."),
    col("section_id", pa.string(), "Section the action sits in."),
    col("kind", pa.string(), "action, decision, plan or request."),
    *SPAN,
    col("owner", pa.string(), "Canonical organisation or person responsible."),
    col("owner_entity_id", pa.string(), "entity_catalog id of the owner, when it is an entity."),
    col("due_date", pa.date32(), "When it is due."),
    col("due_text", pa.string(), "The deadline as written."),
    col("status", pa.string(), "open, done or carried_over, when stated."),
    col("source", pa.string(), "table_column, marker, rule or model."),
    col("confidence", pa.float32(), "Score of the learned action classifier, 0-1."),
], ("doc_id", "start_char", "action_id"))

ACTION_LINKS = _table("action_links", "Actions followed up in later meetings of the same series.", [
    col("action_id", pa.string(), "The earlier action.", nullable=False),
    DOC_ID,
    col("later_doc_id", pa.string(), "The later meeting's document."),
    col("later_action_id", pa.string(), "The matching later action, if any."),
    col("later_section_id", pa.string(), "The later section that mentions it, if no action matches."),
    col("similarity", pa.float32(), "Text similarity 0-1."),
    col("status_change", pa.string(), "e.g. open->done, open->carried_over, mentioned."),
], ("action_id", "later_doc_id"), per_document=False)

ACTION_STATUS = _table("action_status", "Each action's latest known status, following its links through the series.", [
    col("action_id", pa.string(), "The action, as in action_items.", nullable=False),
    DOC_ID,
    col("status", pa.string(), "open, done or carried_over: the latest status known from this or a later meeting."),
    col("last_seen_doc_id", pa.string(), "The latest meeting that took the action up (its own meeting if none did)."),
    col("last_seen_date", pa.date32(), "Meeting date of last_seen_doc_id."),
    col("n_followups", pa.int32(), "How many later meetings took the action up."),
], ("action_id",), per_document=False)

ERRORS = _table("errors", "Every failure, one clear line each; the batch goes on.", [
    col("run_id", pa.string(), "Run that recorded the error."),
    col("source_path", pa.string(), "File the error concerns."),
    col("doc_id", pa.string(), "Content hash of the file, when it could be read."),
    col("stage", pa.string(), "scan, ingest, segment, entities, actions or store."),
    col("error_type", pa.string(), "Short machine-readable kind: unsupported_format, no_text_layer, timeout, ..."),
    col("message", pa.string(), "What went wrong and what to do about it."),
], ("source_path", "stage", "error_type"), per_document=False)

RUNS = _table("runs", "One row per run of the pipeline over an archive.", [
    col("run_id", pa.string(), "UTC start time plus a random suffix.", nullable=False),
    col("started_at", pa.timestamp("us", tz="UTC"), "When the run started."),
    col("finished_at", pa.timestamp("us", tz="UTC"), "When the run finished."),
    col("raw_root", pa.string(), "The archive folder processed."),
    col("n_processed", pa.int32(), "Documents extracted in this run."),
    col("n_skipped", pa.int32(), "Documents unchanged since the last run."),
    col("n_removed", pa.int32(), "Documents dropped because their file is gone."),
    col("n_failed", pa.int32(), "Documents that failed in this run."),
    col("pipeline_version", pa.string(), "minutes-pipeline version."),
    col("model_name", pa.string(), "spaCy pipeline name."),
    col("model_version", pa.string(), "spaCy pipeline version."),
    col("fingerprint", pa.string(), "Hash of code, version, model, settings and data files."),
], ("run_id",), per_document=False)

MANIFEST = _table("manifest", "Bookkeeping for incremental runs: one row per file seen in the archive.", [
    col("source_path", pa.string(), "Path relative to the archive root.", nullable=False),
    col("doc_id", pa.string(), "Content hash of the file as last read."),
    col("size_bytes", pa.int64(), "File size when last read."),
    col("mtime_ns", pa.int64(), "Modification time (ns) when last read."),
    col("fingerprint", pa.string(), "Pipeline fingerprint the file was processed under."),
    col("status", pa.string(), "ok, failed or duplicate."),
    col("extracted_doc_id", pa.string(), "doc_id whose rows are in the tables (kept when a newer version fails)."),
], ("source_path",), per_document=False)

TABLES: dict[str, Table] = {t.name: t for t in (
    DOCUMENTS, BLOCKS, SECTIONS, PARTICIPANTS, HEADER_FIELDS, ENTITIES, ENTITY_CHANGES, ENTITY_CATALOG,
    ACTION_ITEMS, ACTION_LINKS, ACTION_STATUS, ERRORS, RUNS, MANIFEST,
)}
DOCUMENT_TABLES = [t.name for t in TABLES.values() if t.per_document]


def empty(name: str) -> pa.Table:
    return TABLES[name].schema.empty_table()


def conform(name: str, data: pd.DataFrame | list[dict]) -> pa.Table:
    """Cast rows to the declared schema and sort them by its key, so output is typed and deterministic."""
    table = TABLES[name]
    if isinstance(data, list):
        fast = _conform_rows(table, data)
        if fast is not None:
            return fast
    df = pd.DataFrame(data) if isinstance(data, list) else data
    if df.empty:
        return table.schema.empty_table()
    missing = [n for n in table.schema.names if n not in df.columns]
    for n in missing:
        df[n] = None
    extra = [c for c in df.columns if c not in table.schema.names]
    if extra:
        raise ValueError(f"table {name}: columns not in the schema: {extra}")
    df = df[table.schema.names].sort_values(list(table.sort_by), kind="stable", na_position="first")
    return pa.Table.from_pandas(df, schema=table.schema, preserve_index=False)


def _conform_rows(table: Table, rows: list[dict]) -> pa.Table | None:
    """conform() for Python rows straight through pyarrow (a worker builds seven small tables per document, and
    a DataFrame round trip costs more than the rows). A stable sort, nulls first, as the pandas path; None when
    a value needs the pandas path (a NaN, which pandas reads as null; a type pyarrow will not cast)."""
    if not rows:
        return table.schema.empty_table()
    names = set(table.schema.names)
    if any(k not in names for r in rows for k in r):
        return None  # let the pandas path name the extra columns
    if any(v != v for r in rows for v in r.values() if isinstance(v, float)):
        return None
    try:
        out = pa.Table.from_pylist(rows, schema=table.schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return None
    return out.sort_by([(k, "ascending", "at_start") for k in table.sort_by])


def data_dictionary() -> str:
    """Markdown for the README, one section per table."""
    out = []
    for t in TABLES.values():
        out.append(f"#### `{t.name}`\n\n{t.doc}\n\n| column | type | description |\n| --- | --- | --- |")
        for f in t.schema:
            desc = (f.metadata or {}).get(b"description", b"").decode()
            out.append(f"| `{f.name}` | {f.type} | {desc} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(data_dictionary())
