"""Hypothesis fuzzing of segment: random blocks of any kind and text; only StageError may escape, and every span
segment returns points into the document's text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from pipeline.config import Settings
from pipeline.model import Block, Document, Segmented, StageError

segment = pytest.importorskip("pipeline.segment").segment

FUZZ = hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Words segment reacts to: labels, agenda numbering, dates, organisations, table headers, speakers.
_CUES = ["Date:", "Venue:", "Chair:", "Present:", "Participants:", "Apologies:", "Next meeting:", "AOB", "Agenda",
         "1.", "2.1", "a)", "Item 3", "iii.", "•", "-", "UNICEF:", "WHO", "Dr. Amina Bello (IOM)", "Action point",
         "Responsible", "Deadline", "Status", "Issues discussed", "Next steps", "12 March 2024", "2024-04-09",
         "March 5, 2024", "8th November 2023", "12/03/2024", "10:00", "by 30 May", "Done", "carried over",
         "Réunion", "Acta de la reunión", "Minutes of the meeting", ":", "(", ")", "\t", "’", "–"]
_TEXT = st.lists(st.one_of(st.sampled_from(_CUES), st.text(min_size=1, max_size=25)), min_size=1, max_size=8).map(
    " ".join)
_BLOCK = st.fixed_dictionaries({
    "text": _TEXT,
    "kind": st.sampled_from(["paragraph", "heading", "list_item", "table_cell"]),
    "part": st.sampled_from(["body", "body", "body", "header", "footer", "textbox", "page"]),
    "style": st.one_of(st.none(), st.sampled_from(["Normal", "Heading 1", "Heading 2", "Title", "List Number", "h3",
                                                   "li", "td", "th"])),
    "level": st.one_of(st.none(), st.integers(min_value=0, max_value=9)),
    "page": st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    "row": st.integers(min_value=0, max_value=4),
    "col": st.integers(min_value=0, max_value=4),
    "header": st.one_of(st.none(), st.sampled_from(["Action point", "Responsible", "Deadline", "Status", "Issues",
                                                    "Next steps", "", "No."])),
    "gap": st.sampled_from(["\n", "\n\n"]),
})


def build(specs: list[dict], name: str) -> Document:
    """A Document as ingest makes one: stripped non-empty blocks, in order, joined by newlines, offsets exact."""
    text, blocks, table = "", [], 0
    for spec in specs:
        body = " ".join(spec["text"].split())  # one line, no outer spaces, like an ingested block
        if not body:
            continue
        if blocks:
            text += spec["gap"]
            table += spec["kind"] == "table_cell" and blocks[-1].kind != "table_cell"
        cell = spec["kind"] == "table_cell"
        blocks.append(Block(ordinal=len(blocks), kind=spec["kind"], start_char=len(text),
                            end_char=len(text) + len(body), text=body, part=spec["part"], style=spec["style"],
                            level=spec["level"], page=spec["page"], table_id=table if cell else None,
                            row=spec["row"] if cell else None, col=spec["col"] if cell else None,
                            column_header=spec["header"] if cell else None))
        text += body
    return Document(doc_id="fuzz", source_path=name, format="docx", size_bytes=len(text.encode()), text=text,
                    blocks=tuple(blocks))


def check(doc: Document) -> Segmented | None:
    try:
        seg = segment(doc, settings=Settings())
    except StageError as err:
        assert err.error_type and err.message
        return None
    assert [(b.start_char, b.end_char, b.text) for b in seg.blocks] == \
        [(b.start_char, b.end_char, b.text) for b in doc.blocks]
    spans = [*seg.sections, *seg.participants, *(f.span for f in seg.header.fields)]
    for span in spans:
        assert 0 <= span.start_char <= span.end_char <= len(doc.text), span
        assert doc.text[span.start_char:span.end_char] == span.text, span
    for section in seg.sections:
        assert section.parent_ordinal is None or section.parent_ordinal < section.ordinal, section
    return seg


@pytest.mark.slow
@FUZZ
@given(specs=st.lists(_BLOCK, max_size=40),
       name=st.sampled_from(["2024-03-12-minutes.docx", "minutes.docx", "2019/Réunion [draft] 5 juin.docx", ""]))
def test_segment_fuzz_random_blocks_only_stage_errors(specs, name):
    check(build(specs, name))


@pytest.mark.slow
@FUZZ
@given(lines=st.lists(_TEXT, min_size=1, max_size=30))
def test_segment_fuzz_paragraph_documents(lines):
    """Plain paragraphs only, as a .txt gives: the commonest shape, fuzzed with the cues segment looks for."""
    check(build([{"text": line, "kind": "paragraph", "part": "body", "style": None, "level": None, "page": None,
                  "row": 0, "col": 0, "header": None, "gap": "\n\n"} for line in lines], "notes.txt"))


@pytest.mark.parametrize("text", ["", "x", "1.", "Date:", "\u00a0"])
def test_segment_fuzz_tiny_documents(text):
    specs = [{"text": text, "kind": "paragraph", "part": "body", "style": None, "level": None, "page": None,
              "row": 0, "col": 0, "header": None, "gap": "\n"}]
    check(build(specs, "tiny.txt"))
