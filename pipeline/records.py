"""Turn one document's Extraction into table rows, with stable ids derived from doc_id and ordinals."""
from __future__ import annotations

from dataclasses import fields
from functools import lru_cache

import pyarrow as pa

from pipeline.model import Document, Extraction, Segmented
from pipeline.schema import conform


@lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def row(obj) -> dict:
    """A stage dataclass's fields as a dict: dataclasses.asdict without its deep copy, which the flat records of
    pipeline.model (strings, numbers, dates) do not need and which cost about 6% of a document's CPU."""
    return {name: getattr(obj, name) for name in _names(type(obj))}


def block_id(doc_id: str, ordinal: int) -> str:
    return f"{doc_id}-b{ordinal:05d}"


def section_id(doc_id: str, ordinal: int | None) -> str | None:
    return None if ordinal is None else f"{doc_id}-s{ordinal:03d}"


def document_row(doc: Document, seg: Segmented | None) -> dict:
    h = seg.header if seg else None
    return {
        "doc_id": doc.doc_id, "source_path": doc.source_path, "format": doc.format,
        "size_bytes": doc.size_bytes, "modified_at": doc.modified_at, "encoding": doc.encoding,
        "zawgyi_converted": doc.zawgyi_converted, "n_pages": doc.n_pages, "n_blocks": len(doc.blocks),
        "text": doc.text,
        **({
            "title": h.title, "meeting_date": h.meeting_date, "meeting_date_text": h.meeting_date_text,
            "meeting_date_source": h.meeting_date_source, "meeting_time": h.meeting_time, "location": h.location,
            "chair": h.chair, "next_meeting": h.next_meeting, "next_meeting_text": h.next_meeting_text,
            "language": h.language,
        } if h else {}),
    }


def extraction_tables(ex: Extraction) -> dict[str, pa.Table]:
    """All per-document tables for one extraction, each cast to its schema."""
    doc, seg = ex.document, ex.segmented
    d = doc.doc_id
    blocks = seg.blocks if seg else doc.blocks
    rows: dict[str, list[dict]] = {
        "documents": [document_row(doc, seg)],
        "blocks": [{"doc_id": d, "block_id": block_id(d, b.ordinal), **row(b),
                    "reply_to": None if b.reply_to is None else block_id(d, b.reply_to)} for b in blocks],
        "sections": [], "participants": [], "header_fields": [], "entities": [], "action_items": [],
    }
    if seg:
        for s in seg.sections:
            r = row(s)
            parent = r.pop("parent_ordinal")
            rows["sections"].append({"doc_id": d, "section_id": section_id(d, s.ordinal),
                                     "parent_id": section_id(d, parent), **r})
        for p in seg.participants:
            r = row(p)
            rows["participants"].append({"doc_id": d, "participant_id": f"{d}-p{r.pop('ordinal'):03d}", **r})
        for f in seg.header.fields:
            rows["header_fields"].append({"doc_id": d, "field": f.field, "value": f.value,
                                          "start_char": f.span.start_char, "end_char": f.span.end_char,
                                          "text": f.span.text})
    for i, m in enumerate(ex.mentions):
        r = row(m)
        rows["entities"].append({"doc_id": d, "mention_id": f"{d}-e{i:05d}",
                                 "section_id": section_id(d, r.pop("section_ordinal")), **r})
    for a in ex.actions:
        r = row(a)
        rows["action_items"].append({"doc_id": d, "action_id": f"{d}-a{r.pop('ordinal'):03d}",
                                     "section_id": section_id(d, r.pop("section_ordinal")), **r})
    return {name: conform(name, r) for name, r in rows.items()}
