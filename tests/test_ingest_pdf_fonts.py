"""Bold lines of a PDF (pipeline/ingest/pdf_fonts.py, pdf_text.py): read from the font's name and weight."""
from __future__ import annotations

import pytest
from fpdf import FPDF

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.ingest.pdf_fonts import font_rules
from pipeline.model import Source


def styled_pdf(lines: list[tuple[str, str]]) -> bytes:
    """One page of (style, text) lines: style "B" is Helvetica-Bold, "" regular, "mixed" a bold word then regular."""
    pdf = FPDF()
    pdf.add_page()
    for style, text in lines:
        if style == "mixed":
            word, rest = text.split(" ", 1)
            pdf.set_font("Helvetica", "B", 11)
            pdf.cell(pdf.get_string_width(word + " "), 7, word + " ")
            pdf.set_font("Helvetica", "", 11)
            pdf.cell(0, 7, rest, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", style, 11)
            pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def blocks_of(data: bytes):
    doc = ingest(Source(source_path="minutes.pdf", data=data, doc_id="f1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    return [(b.text, b.bold) for b in doc.blocks]


@pytest.mark.parametrize("lines,expected", [
    ([("B", "Water trucking in the northern camps"), ("", "Two partners run the trucks and report weekly on volumes."),
      ("mixed", "Note: the schedule moves to Thursday from next month onwards.")],
     [("Water trucking in the northern camps", True),
      ("Two partners run the trucks and report weekly on volumes. Note: the schedule moves to Thursday from next "
       "month onwards.", False)]),
])
def test_ingest_pdf_fonts_bold_lines_make_bold_blocks(lines, expected):
    """A line set wholly in a bold font is a bold block, split from the regular text after it; a bold word does not
    make its line bold, so that line carries on the paragraph above it."""
    assert blocks_of(styled_pdf(lines)) == expected


@pytest.mark.parametrize("name,weight,body,bold", [
    ("ABCDEF+Calibri-Bold", 400, 400, True),  # the name says so; the subset prefix is no part of it
    ("OpenSans-Semibold", -1, 400, True),
    ("Arial-BoldMT", 700, 400, True),
    ("ArialMT", 400, 400, False),
    ("CMBX12", 545, 345, True),  # TeX's bold extended: heavier than the page's body font by weight alone
    ("CMR10", 345, 345, False),
    ("CIDFont+F1", 4100, 3900, False),  # off the 100-900 scale and barely heavier: no evidence
    ("Helvetica-Oblique", 400, 400, False),
])
def test_ingest_pdf_fonts_rules(name, weight, body, bold):
    rules = font_rules()
    assert (rules.is_bold(name, weight) or rules.heavier(weight, body)) is bold


@pytest.mark.parametrize("heading,body", [
    ("2 Proposed change to the prerequisites of the second-year laboratory subjects and their assessment",
     "The committee discussed the proposal."),
])
def test_ingest_pdf_fonts_wrapped_bold_heading_is_one_block(heading, body):
    """A bold heading in a larger type wraps after fewer characters than the body's lines: still one heading."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for _ in range(3):
        pdf.multi_cell(0, 5, body + " The members agreed to circulate a written note to every student before the "
                       "next teaching period begins in the faculty.", new_x="LMARGIN", new_y="NEXT")
    found = blocks_of(bytes(pdf.output()))
    assert found[0][0] == heading


@pytest.mark.parametrize("header,row", [(["Topic", "Follow-up"], ["Latrine repairs", "Two teams visit the sites"])])
def test_ingest_pdf_fonts_bold_cells_of_a_ruled_table(header, row):
    """A ruled table's cells keep their weight: the bold header row, the regular row under it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    with pdf.table() as table:  # fpdf2 sets the first row in bold
        for values in (header, row):
            cells = table.row()
            for value in values:
                cells.cell(value)
    found = blocks_of(bytes(pdf.output()))
    assert found == [(header[0], True), (header[1], True), (row[0], False), (row[1], False)]


def sized_pdf(lines: list[tuple[int, str, str]]) -> bytes:
    """(size, style, text) lines on one page."""
    pdf = FPDF()
    pdf.add_page()
    for size, style, text in lines:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


BODY = "Partners shared their figures for the month and agreed to meet the district team again soon."


@pytest.mark.parametrize("lines,expected", [
    ([(22, "", "Sector Notes"), (15, "", "Water points"), (10, "", BODY), (15, "", "Hygiene kits"), (10, "", BODY)],
     [("heading", 0, "Sector Notes"), ("heading", 2, "Water points"), ("paragraph", None, BODY),
      ("heading", 2, "Hygiene kits"), ("paragraph", None, BODY)]),
    # a document that sets a line in bold marks its headings by weight: its larger type is no heading
    ([(22, "", "Sector Notes"), (15, "", "Water points"), (10, "B", "Hygiene kits"), (10, "", BODY)],
     [("paragraph", None, "Sector Notes"), ("paragraph", None, "Water points"), ("paragraph", None, "Hygiene kits"),
      ("paragraph", None, BODY)]),
    # large lines right under the title, larger than the headings after them, are its subtitle
    ([(22, "", "Sector Notes"), (18, "", "Agenda"), (14, "", "Water points"), (10, "", BODY),
      (14, "", "Hygiene kits"), (10, "", BODY)],
     [("heading", 0, "Sector Notes"), ("paragraph", None, "Agenda"), ("heading", 3, "Water points"),
      ("paragraph", None, BODY), ("heading", 3, "Hygiene kits"), ("paragraph", None, BODY)]),
    # a sentence in large type is a pull quote, not a heading
    ([(15, "", "Water points"), (10, "", BODY), (15, "", "Stocks will last until the end of May."), (10, "", BODY)],
     [("heading", 0, "Water points"), ("paragraph", None, BODY), ("paragraph", None, "Stocks will last until the end "
                                                                   "of May."), ("paragraph", None, BODY)]),
])
def test_ingest_pdf_fonts_large_type_headings(lines, expected):
    """Word's heading styles are larger, not bold: a short line in a type clearly larger than the body's is a heading,
    ranked by its size, and the first one is the title."""
    doc = ingest(Source(source_path="minutes.pdf", data=sized_pdf(lines), doc_id="s1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == expected


@pytest.mark.parametrize("cell,text", [("**Due**: 4 May", "Due: 4 May")])
def test_ingest_pdf_fonts_word_in_two_fonts_keeps_its_text(cell, text):
    """A cell word set partly in bold ("Due" bold, its colon regular) is one word, and the cell is no bold cell."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    with pdf.table(markdown=True) as table:
        for values in (["Task", "When"], ["Print the maps", cell]):
            cells = table.row()
            for value in values:
                cells.cell(value)
    assert (text, False) in blocks_of(bytes(pdf.output()))
