"""Humanitarian table layouts end to end: invented minutes whose actions sit in tables, through every stage.

What an analyst reads off an action table: one action_items row per table row (never a header row, a title row
or a single cell), the owner from the responsible column, the due date from the deadline column resolved
against the meeting date, the places of a location column as PLACE and the agencies of an agency column as ORG.
Layouts: a 4W agency-update matrix, an "Action Points" table under a merged title row, a header split over two
rows, a ruled PDF table going on over a page break, an unruled spreadsheet-style PDF, in English, French and
Spanish. Every document, name and sentence here is invented (slow: loads the trained model).
"""
from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.model import Source

pytestmark = pytest.mark.slow
SETTINGS = Settings()


def run(name: str, data: bytes) -> dict:
    """The document's tables as lists of row dicts, after checking the offsets contract."""
    outcome = extract_document(Source(name, data, "t1"), SETTINGS, None)
    assert outcome.tables is not None, outcome.errors
    tables = {k: v.to_pylist() for k, v in outcome.tables.items()}
    text = tables["documents"][0]["text"]
    for row in tables["action_items"] + tables["entities"]:
        assert text[row["start_char"]:row["end_char"]] == row["text"]
    return tables


def actions(tables: dict) -> dict[str, dict]:
    return {" ".join(a["text"].split()): a for a in tables["action_items"]}


def labelled(tables: dict, label: str) -> set[str]:
    return {e["text"] for e in tables["entities"] if e["label"] == label}


def section_of(tables: dict, action: dict) -> str | None:
    return next((s["heading"] for s in tables["sections"] if s["section_id"] == action["section_id"]), None)


def _docx_bytes(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _fill(table, rows) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value


def _header_repeats(row) -> None:
    """Word's "repeat as header row at the top of each page" flag."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


# ---- 1. a 4W agency-update matrix (.docx) -------------------------------------------------------------------

MATRIX_HEADER = ("Agency", "Activities", "Location", "Gaps", "Next steps", "Responsible", "Deadline")
MATRIX_ROWS = [
    ("UNICEF", "Distributed hygiene kits to 900 families", "Sittwe", "Soap stocks run low",
     "Order a second batch of hygiene kits before the rains", "UNICEF", "20 May 2025"),
    ("WFP", "General food distribution in two camps", "Maungdaw", "Late arrival of rice",
     "Share the revised distribution calendar with camp committees", "WFP", "30 May 2025"),
    ("IOM", "Shelter repairs after the storm", "Kyauktaw", "None reported",
     "Send the list of damaged shelters to the sector lead", "IOM", "End of June"),
]


def matrix_docx() -> bytes:
    d = docx.Document()
    d.add_heading("WASH and Food Security Coordination Meeting", level=1)
    d.add_paragraph("Date: 12 May 2025")
    d.add_paragraph("Venue: Sector office, Sittwe")
    d.add_heading("1. Agency updates", level=2)
    t = d.add_table(rows=1 + len(MATRIX_ROWS), cols=len(MATRIX_HEADER))
    _fill(t, [MATRIX_HEADER, *MATRIX_ROWS])
    d.add_heading("2. Any other business", level=2)
    d.add_paragraph("No other business was raised by the members.")
    return _docx_bytes(d)


def test_tables_end_to_end_agency_matrix_docx():
    tables = run("matrix.docx", matrix_docx())
    got = actions(tables)
    assert set(got) == {r[4] for r in MATRIX_ROWS}
    by_row = {r[4]: r for r in MATRIX_ROWS}
    for text, a in got.items():
        assert by_row[text][5] in a["owner"]  # canonical name, acronym kept: "... (UNICEF)"
        assert a["source"] == "table_column"
        assert section_of(tables, a) == "Agency updates"
    assert got[MATRIX_ROWS[0][4]]["due_date"] == date(2025, 5, 20)
    assert got[MATRIX_ROWS[2][4]]["due_date"] == date(2025, 6, 30)
    assert {"Sittwe", "Maungdaw", "Kyauktaw"} <= labelled(tables, "PLACE")
    assert {"UNICEF", "WFP", "IOM"} <= labelled(tables, "ORG")


# ---- 2. "Action Points" under a merged title row, and a header split over two rows (.docx) ------------------

POINTS = [
    ("1", "Circulate the updated referral pathway to all partners", "Protection lead", "19 March 2025", "Open"),
    ("2", "Map the mobile teams covering the northern districts", "Health sector", "26 March 2025", "Open"),
    ("3", "Prepare the winterisation stock report", "Shelter cluster", "2 April 2025", "Ongoing"),
]


def titled_points_docx() -> bytes:
    """Row 0 is one cell merged over the table, "Action Points"; the column header is row 1."""
    d = docx.Document()
    d.add_heading("Protection Working Group Meeting", level=1)
    d.add_paragraph("Date: 12 March 2025")
    d.add_heading("4. Follow-up", level=2)
    t = d.add_table(rows=2 + len(POINTS), cols=5)
    title = t.cell(0, 0).merge(t.cell(0, 4))
    title.text = "Action Points"
    _fill(t, [(None,) * 5, ("#", "Action", "By whom", "By when", "Status"), *POINTS])
    return _docx_bytes(d)


def split_header_docx() -> bytes:
    """A two-row header: "Follow-up" spans "Responsible" and "Deadline"; "No." and "Action" span both rows."""
    d = docx.Document()
    d.add_heading("Protection Working Group Meeting", level=1)
    d.add_paragraph("Date: 12 March 2025")
    d.add_heading("4. Follow-up", level=2)
    t = d.add_table(rows=2 + len(POINTS), cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "No."
    t.cell(0, 1).merge(t.cell(1, 1)).text = "Action"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "Follow-up"
    t.cell(1, 2).text, t.cell(1, 3).text = "Responsible", "Deadline"
    _fill(t, [(None,) * 4, (None,) * 4, *[p[:4] for p in POINTS]])
    return _docx_bytes(d)


@pytest.mark.parametrize("make", [titled_points_docx, split_header_docx])
def test_tables_end_to_end_header_below_a_title_or_split(make):
    tables = run("points.docx", make())
    got = actions(tables)
    assert set(got) == {p[1] for p in POINTS}
    for number, text, owner, due, _ in POINTS:
        assert got[text]["owner"] == owner
        assert got[text]["due_text"] == due
    assert got[POINTS[1][1]]["due_date"] == date(2025, 3, 26)
    assert all(section_of(tables, a) == "Follow-up" for a in got.values())
