"""Small typed output folders for the analyst tests (api, sql, tracker, report, export, notebook).

`write_archive` writes invented tables straight through pipeline.store / pipeline.schema.conform, so the tests
do not depend on the extraction stages; `sample_out` extracts the committed sample archive once per session.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.schema import conform
from pipeline.store import Store

SCRIPT = "<script>document.title='pwned'</script>"
XSS_TEXT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ID = "../../evil id"


def _span(text: str, part: str, after: int = 0) -> dict:
    start = text.index(part, after)
    return {"start_char": start, "end_char": start + len(part), "text": part}


def _docs() -> list[dict]:
    jan = ("WASH Sector Coordination Meeting\nDate: 10 January 2024\n"
           "1. Boreholes\nUNICEF will repair 12 boreholes in Borno by 31 January.\n"
           "2. Latrines\nOxfam to map latrine coverage in Yangon.\n")
    feb = ("WASH Sector Coordination Meeting\nDate: 14 February 2024\n"
           "1. Matters arising\nBorehole repair still pending.\n"
           "=HYPERLINK(\"http://example.invalid\") and @SUM(1) noted; -2+3 is not a number; +cmd too.\n")
    hostile = (f"{SCRIPT}\nNotes from {XSS_TEXT} and {XSS_IMG}\n"
               "ACME <b>Relief</b> will visit Nairobi.\n")
    return [
        {"doc_id": "d1", "source_path": "wash/2024-01-10.docx", "format": "docx", "size_bytes": 1000, "n_blocks": 6,
         "text": jan, "title": "WASH Sector Coordination Meeting", "meeting_date": dt.date(2024, 1, 10),
         "next_meeting": dt.datetime(2024, 2, 14, 10, 0), "language": "en", "location": "Maiduguri",
         "chair": "Amina Okafor", "modified_at": dt.datetime(2024, 1, 11, tzinfo=dt.timezone.utc)},
        {"doc_id": "d2", "source_path": "wash/2024-02-14.pdf", "format": "pdf", "size_bytes": 2000, "n_pages": 3,
         "n_blocks": 4, "text": feb, "title": "WASH Sector Coordination Meeting",
         "meeting_date": dt.date(2024, 2, 14), "language": "en"},
        {"doc_id": HOSTILE_ID, "source_path": f"../../etc/{XSS_TEXT}/passwd.md", "format": "md", "size_bytes": 10,
         "n_blocks": 3, "text": hostile, "title": SCRIPT, "meeting_date": dt.date(2024, 3, 5),
         "chair": XSS_IMG, "location": "=cmd|' /C calc'!A0", "language": "en"},
    ]


def write_archive(out: Path, *, with_status: bool = False) -> Path:
    """Three meetings (one hostile: markup and formulas in every field) as typed tables in `out`."""
    docs = _docs()
    jan, feb, bad = (d["text"] for d in docs)
    store = Store(out)
    sections = [
        {"doc_id": "d1", "section_id": "d1-s000", "level": 1, "ordinal": 0, "heading": "Boreholes", "number": "1.",
         "kind": "agenda_item", **_span(jan, "1. Boreholes\nUNICEF will repair 12 boreholes in Borno by 31 January.\n")},
        {"doc_id": "d1", "section_id": "d1-s001", "level": 1, "ordinal": 1, "heading": "Latrines", "number": "2.",
         "kind": "agenda_item", **_span(jan, "2. Latrines\nOxfam to map latrine coverage in Yangon.\n")},
        {"doc_id": "d2", "section_id": "d2-s000", "level": 1, "ordinal": 0, "heading": "Matters arising",
         "number": "1.", "kind": "agenda_item", **_span(feb, "1. Matters arising")},
        {"doc_id": HOSTILE_ID, "section_id": f"{HOSTILE_ID}-s0", "level": 1, "ordinal": 0,
         "heading": "<svg onload=alert(1)>", "kind": "other", "speaker_org": XSS_IMG, **_span(bad, "Notes from")},
    ]
    entities = [
        {"doc_id": "d1", "mention_id": "d1-e0", "section_id": "d1-s000", **_span(jan, "UNICEF"), "label": "ORG",
         "entity_id": "org:unicef", "norm": "UNICEF", "source": "gazetteer"},
        {"doc_id": "d1", "mention_id": "d1-e1", "section_id": "d1-s000", **_span(jan, "Borno"), "label": "PLACE",
         "entity_id": "place:borno", "norm": "Borno", "source": "gazetteer"},
        {"doc_id": "d1", "mention_id": "d1-e2", "section_id": "d1-s000", **_span(jan, "31 January"), "label": "DATE",
         "norm": "2024-01-31", "source": "rule", "date_start": dt.date(2024, 1, 31), "date_end": dt.date(2024, 1, 31),
         "granularity": "day"},
        {"doc_id": "d1", "mention_id": "d1-e3", "section_id": "d1-s001", **_span(jan, "Oxfam"), "label": "ORG",
         "entity_id": "org:oxfam", "norm": "Oxfam", "source": "model"},
        {"doc_id": "d1", "mention_id": "d1-e4", "section_id": "d1-s001", **_span(jan, "Yangon"), "label": "PLACE",
         "entity_id": "place:yangon", "norm": "Yangon", "source": "gazetteer"},
        {"doc_id": "d2", "mention_id": "d2-e0", "section_id": "d2-s000", **_span(feb, "=HYPERLINK"), "label": "ORG",
         "entity_id": "org:=hyperlink", "norm": "=HYPERLINK", "source": "model"},
        {"doc_id": HOSTILE_ID, "mention_id": f"{HOSTILE_ID}-e0", **_span(bad, XSS_IMG), "label": "ORG",
         "entity_id": "org:evil", "norm": XSS_IMG, "source": "model"},
        {"doc_id": HOSTILE_ID, "mention_id": f"{HOSTILE_ID}-e1", **_span(bad, "ACME <b>Relief</b>"), "label": "ORG",
         "entity_id": "org:acme", "norm": "ACME Relief", "source": "model"},
        {"doc_id": HOSTILE_ID, "mention_id": f"{HOSTILE_ID}-e2", **_span(bad, "Nairobi"), "label": "PLACE",
         "entity_id": "place:nairobi", "norm": "Nairobi", "source": "gazetteer"},
    ]
    catalog = [
        {"entity_id": "org:unicef", "label": "ORG", "name": "United Nations Children's Fund", "acronym": "UNICEF",
         "iati_id": "XM-DAC-41122", "aliases": ["UNICEF"], "n_mentions": 1, "n_documents": 1},
        {"entity_id": "org:oxfam", "label": "ORG", "name": "Oxfam", "aliases": [], "n_mentions": 1, "n_documents": 1},
        {"entity_id": "place:borno", "label": "PLACE", "name": "Borno", "iso_code": "NG-BO", "lat": 11.5,
         "lon": 13.0, "aliases": [], "n_mentions": 1, "n_documents": 1},
        {"entity_id": "place:yangon", "label": "PLACE", "name": "Yangon", "pcode": "MMR013", "aliases": [],
         "n_mentions": 1, "n_documents": 1},
        {"entity_id": "place:nairobi", "label": "PLACE", "name": "Nairobi", "iso_code": "KE", "aliases": [],
         "n_mentions": 1, "n_documents": 1},
        {"entity_id": "org:evil", "label": "ORG", "name": XSS_IMG, "acronym": "@EVIL", "aliases": ["-1+1"],
         "n_mentions": 1, "n_documents": 1},
    ]
    actions = [
        {"doc_id": "d1", "action_id": "d1-a0", "section_id": "d1-s000", "kind": "action",
         **_span(jan, "UNICEF will repair 12 boreholes in Borno by 31 January."), "owner": "UNICEF",
         "owner_entity_id": "org:unicef", "due_date": dt.date(2024, 1, 31), "due_text": "31 January",
         "source": "rule", "confidence": 0.9},
        {"doc_id": "d1", "action_id": "d1-a1", "section_id": "d1-s001", "kind": "action",
         **_span(jan, "Oxfam to map latrine coverage in Yangon."), "owner": "Oxfam", "owner_entity_id": "org:oxfam",
         "status": "done", "source": "rule", "confidence": 0.8},
        {"doc_id": "d2", "action_id": "d2-a0", "section_id": "d2-s000", "kind": "action",
         **_span(feb, "Borehole repair still pending."), "owner": "=EVIL()", "due_date": dt.date(2024, 3, 1),
         "status": "carried_over", "source": "model", "confidence": 0.7},
        {"doc_id": "d2", "action_id": "d2-a1", "section_id": "d2-s000", "kind": "decision",
         **_span(feb, "Borehole repair"), "due_date": dt.date(2024, 1, 5), "source": "model", "confidence": 0.6},
        {"doc_id": HOSTILE_ID, "action_id": f"{HOSTILE_ID}-a0", "kind": "action",
         **_span(bad, "ACME <b>Relief</b> will visit Nairobi."), "owner": XSS_TEXT, "due_date": dt.date(2024, 3, 20),
         "source": "model", "confidence": 0.6},
    ]
    participants = [
        {"doc_id": "d1", "participant_id": "d1-p0", "name": "Amina Okafor", "kind": "person",
         "organisation": "UNICEF", "role": "chair", "status": "present", **_span(jan, "Date")},
        {"doc_id": HOSTILE_ID, "participant_id": f"{HOSTILE_ID}-p0", "name": "<iframe src=javascript:alert(1)>",
         "kind": "person", "organisation": "+SUM(A1)", "status": "present", **_span(bad, "Notes")},
    ]
    errors = [{"run_id": "r1", "source_path": f"../{XSS_IMG}.docx", "stage": "ingest", "error_type": "corrupt_file",
               "message": f"could not read {XSS_TEXT}"}]
    tables = {"documents": docs, "sections": sections, "entities": entities, "entity_catalog": catalog,
              "action_items": actions, "participants": participants, "errors": errors}
    if with_status:
        tables["action_status"] = [
            {"action_id": "d1-a0", "doc_id": "d1", "status": "done", "last_seen_doc_id": "d2",
             "last_seen_date": dt.date(2024, 2, 14), "n_followups": 1},
            {"action_id": "d1-a1", "doc_id": "d1", "status": "done", "last_seen_doc_id": "d1",
             "last_seen_date": dt.date(2024, 1, 10), "n_followups": 0},
        ]
    for name, rows in tables.items():
        store.write(name, conform(name, rows))
    return out


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """`minutes extract data/raw` into a session folder, once; skipped when the sample archive is absent."""
    raw = PROJECT_ROOT / "data" / "raw"
    if not any(raw.rglob("*.docx")):
        pytest.skip("no sample archive in data/raw")
    out = tmp_path_factory.getbasetemp() / "sample-out"
    if not (out / "documents.parquet").exists():
        extract(raw, out)
    return out


def extract(raw: Path, out: Path) -> None:
    """`minutes extract RAW OUT` in a child process (the real stages and model), failed documents allowed."""
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")])}
    minutes = Path(sys.executable).with_name("minutes")
    cmd = [str(minutes)] if minutes.exists() else [sys.executable, "-m", "pipeline.cli"]
    done = subprocess.run([*cmd, "extract", str(raw), str(out), "--workers", "1", "--quiet"], env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 3), done.stderr[-2000:]
