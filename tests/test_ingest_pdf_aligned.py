"""Tables without rules in PDFs (pipeline/ingest/pdf_aligned.py), on PDFs written in the test with fpdf2."""
from __future__ import annotations

import pytest
from fpdf import FPDF

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.model import Document, Source

BEFORE = "The shelter partners met at the district office and agreed on the points below."
AFTER = "The next meeting will take place at the same office in two weeks."


def run_ingest(data: bytes) -> Document:
    doc = ingest(Source(source_path="minutes.pdf", data=data, doc_id="a1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    return doc


def unruled_pdf(rows: list[list[str]], widths: tuple[int, ...], size: int = 10, repeat: int = 1) -> bytes:
    """A paragraph, a table with no borders, a paragraph; cells as Word sets them: top-aligned, ragged right, 1.9 mm
    margins left and right."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    pdf.multi_cell(0, 6, BEFORE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(borders_layout="NONE", col_widths=widths, line_height=5, v_align="TOP", text_align="LEFT",
                   padding=(0, 1.9), first_row_as_headings=True, repeat_headings=repeat) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(3)
    pdf.multi_cell(0, 6, AFTER, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


NUMBERED = [["No.", "Action", "Responsible", "Deadline"],
            ["1", "Send the revised list of damaged shelters to every partner working along the river valley",
             "Field coordinator", "12 May"],
            ["2", "Order tarpaulins", "Logistics lead", "20 May"],
            ["3", "Visit the two hill camps with the district authorities and report back", "Protection officer",
             "end of May"]]


@pytest.mark.parametrize("rows", [NUMBERED])
def test_ingest_pdf_aligned_action_table_becomes_table_cells(rows):
    doc = run_ingest(unruled_pdf(rows, (8, 50, 22, 20)))
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [[b.text for b in cells if b.row == r] for r in range(len(rows))] == rows  # a wrapped cell is whole
    send = next(b for b in cells if b.text.startswith("Send the revised"))
    assert (send.row, send.col, send.column_header) == (1, 1, "Action")
    assert {b.column_header for b in cells if b.col == 2} == {"Responsible"}
    assert doc.blocks[0].text == BEFORE and doc.blocks[-1].text == AFTER  # the table sits between them
    assert doc.text.count("Order tarpaulins") == 1 and len({b.table_id for b in cells}) == 1


WRAPPING_ISSUES = [["Issue", "Agreed action", "Who"],
                   ["Latrines in the eastern block of the camp are full", "Empty the pits before the rains",
                    "WASH partners"],
                   ["Water trucking", "Extend the contract by a month", "Camp manager"],
                   ["Soap stock", "Distribute the remaining bars at the clinic", "Health focal point"]]


@pytest.mark.parametrize("rows", [WRAPPING_ISSUES])
def test_ingest_pdf_aligned_wrapped_first_column_stays_in_its_row(rows):
    doc = run_ingest(unruled_pdf(rows, (25, 45, 30)))
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [[b.text for b in cells if b.row == r] for r in range(len(rows))] == rows
    assert {b.column_header for b in cells if b.col == 1} == {"Agreed action"}


def placed_pdf(lines: list[list[tuple[float, str]]], size: int = 10) -> bytes:
    """Each line's pieces written at their own x (millimetres), one line every 6 mm, then a paragraph."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    for i, pieces in enumerate(lines):
        for x, text in pieces:
            pdf.text(x, 20 + 6 * i, text)
    pdf.set_xy(10, 30 + 6 * len(lines))
    pdf.multi_cell(0, 6, AFTER)
    return bytes(pdf.output())


LETTERHEAD = [[(10, "Shelter Cluster Coordination"), (130, "Date: 3 March")],
              [(10, "Provincial Office, Block C"), (130, "Ref: SC/2031/07")],
              [(10, "North Ridge District"), (130, "Pages: 4")],
              [(10, "Partner Support Unit"), (130, "Copy: all partners")]]
LABEL_GRID = [[(10, "Chair:"), (50, "Ingrid Solberg")], [(10, "Minutes:"), (50, "Tomas Alvik")],
              [(10, "Venue:"), (50, "Hill camp office")], [(10, "Time:"), (50, "10:00 to 12:00")]]
NO_HEADER = [[(10, "(A) HILLSIDE BAKERY"), (80, "14 ORCHARD LANE"), (150, "Class B")],
             [(10, "(B) RIVER INN"), (80, "2 MILL ROAD"), (150, "Class C")],
             [(10, "(C) CORNER MARKET"), (80, "90 STATION STREET"), (150, "Class B")]]
# header words, but every row below is one line of prose across the page
PROSE = [[(10, "Action"), (80, "Responsible")],
         [(10, "The partners reviewed the plan for the winter season and asked the cluster to share it.")],
         [(10, "The cluster lead will circulate the plan to all members of the group before Friday.")],
         [(10, "Members thanked the host agency for the use of its meeting room and the refreshments.")]]


@pytest.mark.parametrize("lines", [LETTERHEAD, LABEL_GRID, NO_HEADER, PROSE],
                         ids=["letterhead", "label-grid", "no-header", "prose"])
def test_ingest_pdf_aligned_letterhead_labels_and_prose_stay_lines(lines):
    doc = run_ingest(placed_pdf(lines))
    assert not [b for b in doc.blocks if b.kind == "table_cell"]
    for pieces in lines:
        for _, text in pieces:
            assert text in doc.text


@pytest.mark.parametrize("paragraph", [
    "The coordination meeting opened with a review of the water points repaired since the last meeting, and "
    "partners described the state of the pumps in each of the camps, the spare parts still missing and the "
    "costs that the district has agreed to share with the cluster until the end of the season."])
def test_ingest_pdf_aligned_justified_prose_stays_lines(paragraph):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(120, 6, "No.   Action   Responsible", new_x="LMARGIN", new_y="NEXT")
    for _ in range(3):
        pdf.multi_cell(120, 6, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
    doc = run_ingest(bytes(pdf.output()))
    assert not [b for b in doc.blocks if b.kind == "table_cell"]
    assert doc.text.count("costs that the district") == 3


@pytest.mark.parametrize("repeat", [0, 1], ids=["header-once", "header-on-each-page"])
def test_ingest_pdf_aligned_table_over_a_page_break_is_one_table(repeat):
    rows = [["No.", "Action", "Responsible", "Deadline"]] + [
        [str(i), f"Check the latrines of block {i} with the camp committee", f"Partner {i}", f"week {i % 9 + 1}"]
        for i in range(1, 61)]
    doc = run_ingest(unruled_pdf(rows, (8, 50, 22, 20), repeat=repeat))
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert len({b.page for b in cells}) >= 2 and {b.table_id for b in cells} == {0}
    assert [b.text for b in cells if b.col == 0] == [r[0] for r in rows]  # every row once, the header once
    assert [b.text for b in doc.blocks if b.kind != "table_cell"] == [BEFORE, AFTER]
    last = next(b for b in cells if b.text == "Partner 60")
    assert (last.row, last.column_header) == (60, "Responsible")


@pytest.mark.parametrize("rows", [NUMBERED])
def test_ingest_pdf_aligned_table_read_by_the_second_reader(rows, monkeypatch):
    """When PDFium's text fails the trust check, pdfminer's lines carry the columns as well."""
    import pipeline.ingest.pdf as pdf_module
    from pipeline.ingest.pdf_text import Line

    def garbling(page):
        return [Line("".join(chr(ord(c) - 29) if c.isalpha() else c for c in line.text), line.x0, line.x1,
                     line.top, line.bottom) for line in pdfium_lines(page)]

    pdfium_lines = pdf_module.pdfium_lines
    monkeypatch.setattr(pdf_module, "pdfium_lines", garbling)
    doc = run_ingest(unruled_pdf(rows, (8, 50, 22, 20)))
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [[b.text for b in cells if b.row == r] for r in range(len(rows))] == rows
