"""Ingest of PDFs written in the test with fpdf2 (text layer) and pypdf (encryption)."""
from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.ingest.pdf import paragraphs
from pipeline.ingest.pdf_text import Line
from pipeline.model import Document, Source, StageError
from builders import minutes_pdf

PAGE_ONE = ["Coordination Meeting Minutes", "", "1. Welcome and introductions by the chair.",
            "2. Review of action points from the last meeting."]
PAGE_TWO = ["Next meeting: 4 June, same venue."]


def run_ingest(data: bytes, name: str = "minutes.pdf") -> Document:
    doc = ingest(Source(source_path=name, data=data, doc_id="p1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    return doc


def encrypt(data: bytes, user_password: str, owner_password: str = "owner-secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("pages", [[PAGE_ONE, PAGE_TWO]])
def test_ingest_pdf_text_layer_with_page_numbers(pages):
    doc = run_ingest(minutes_pdf(pages))
    assert doc.format == "pdf" and doc.n_pages == 2
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Coordination Meeting Minutes"].page == 1
    assert by_text["1. Welcome and introductions by the chair."].kind == "list_item"
    assert by_text["Next meeting: 4 June, same venue."].page == 2
    assert {b.part for b in doc.blocks} == {"page"}
    assert [b.page for b in doc.blocks] == sorted(b.page for b in doc.blocks)


@pytest.mark.parametrize("pages", [[[]], [[], []]])
def test_ingest_pdf_without_text_layer_is_an_error(pages):
    with pytest.raises(StageError) as err:
        run_ingest(minutes_pdf(pages))
    assert err.value.error_type == "no_text_layer"
    assert "OCR" in err.value.message


@pytest.mark.parametrize("password", ["s3cret"])
def test_ingest_pdf_password_protected_is_an_error(password):
    with pytest.raises(StageError) as err:
        run_ingest(encrypt(minutes_pdf([PAGE_ONE]), password))
    assert err.value.error_type == "encrypted_pdf"


@pytest.mark.parametrize("message", ["Failed to load document (PDFium: Incorrect password error)."])
def test_ingest_pdf_password_only_pdfium_asks_for_is_an_error(message, monkeypatch):
    """A file whose empty owner password lets pypdf in (AES-256, revision 6) still needs the user password in
    PDFium, which reads the text: that is a password-protected file, not a corrupt one."""
    import pypdfium2

    def refuse(*args, **kwargs):
        raise pypdfium2.PdfiumError(message)

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    with pytest.raises(StageError) as err:
        run_ingest(minutes_pdf([PAGE_ONE]))
    assert err.value.error_type == "encrypted_pdf"


@pytest.mark.parametrize("password", [""])
def test_ingest_pdf_encrypted_with_empty_user_password_is_read(password):
    doc = run_ingest(encrypt(minutes_pdf([PAGE_ONE]), password))
    assert "Coordination Meeting Minutes" in doc.text


@pytest.mark.parametrize("data,expected", [
    (b"<html><body>not a pdf</body></html>", "not_a_pdf"),
    (b"Just some text saved with the wrong name", "not_a_pdf"),
    (b"%PDF-1.7\n%garbage with no objects at all", "corrupt_pdf"),
])
def test_ingest_pdf_bad_files_are_clear_errors(data, expected):
    with pytest.raises(StageError) as err:
        run_ingest(data)
    assert err.value.error_type == expected


def test_ingest_pdf_truncated_never_escapes_as_other_exception():
    data = minutes_pdf([PAGE_ONE, PAGE_TWO])
    for cut in (len(data) // 4, len(data) // 2, len(data) - 40):
        try:
            doc = run_ingest(data[:cut])
        except StageError as err:
            assert err.error_type in {"corrupt_pdf", "no_text_layer"}
        else:
            assert doc.blocks


@pytest.mark.parametrize("page_text,expected", [
    ("A paragraph that wraps across a full line of\nthe page and ends here.\n\nNew one.",
     ["A paragraph that wraps across a full line of the page and ends here.", "New one."]),
    ("Heading\nBody line that is long enough to be a normal line of text\n- bullet one\n- bullet two",
     ["Heading", "Body line that is long enough to be a normal line of text", "- bullet one", "- bullet two"]),
    ("V\nice Chair read the statement into the record for the commission",
     ["Vice Chair read the statement into the record for the commission"]),
    ("The commission adopted without objection Resolution No. 2021-\n03 as amended.",
     ["The commission adopted without objection Resolution No. 2021-03 as amended."]),
])
def test_ingest_pdf_paragraph_rules(page_text, expected):
    assert paragraphs(page_text) == expected


# --- fidelity: spacing, overprint, hyphens, labels, tables, fonts without a Unicode map ---------------------------

def hand_pdf(content: bytes, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
             b"/Encoding /WinAnsiEncoding >>", extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF written byte by byte: content stream as object 4, font /F1 as object 5, then `extra`."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>", stream(content), font, *extra]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


# Justified lines as a word processor writes them: explicit spaces, and kerning inside words and numbers
# (-160/1000 em: more than half a space, so an extractor that spaces by gaps alone splits the word).
JUSTIFIED = [
    b"[(Le conseil a adopt\xe9 le projet de r) -160 (\xe8glement num\xe9ro 2023) -160 (-0379 sans d\xe9bat.)] TJ",
    b"[(La s\xe9ance est ouverte par l) -160 (e maire de Sainte-) -160 (Ad\xe8le et de) -160 (la commune.)] TJ",
    b"[(Les membres pr\xe9sents approuvent le proc\xe8s-verbal de la s\xe9ance pr\xe9c\xe9dente.)] TJ",
]


@pytest.mark.parametrize("lines", [JUSTIFIED])
def test_ingest_pdf_kerned_justified_words_are_not_split(lines):
    content = b"\n".join(b"BT /F1 11 Tf 72 %d Td %s ET" % (700 - 16 * i, line) for i, line in enumerate(lines))
    text = run_ingest(hand_pdf(content)).text
    for whole in ("règlement", "2023-0379", "le maire", "Sainte-Adèle"):
        assert whole in text
    for broken in ("r èglement", "2023 -0379", "l e maire", "Sainte- Adèle"):
        assert broken not in text
    assert "de la commune" in text  # two words stay two words across the same kind of gap


@pytest.mark.parametrize("heading", ["Shelter Working Group"])
def test_ingest_pdf_overprinted_fake_bold_is_read_once(heading):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.text(20, 20, heading)
    pdf.text(20.3, 20, heading)  # drawn again a hair to the right: "fake bold"
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 30)
    pdf.multi_cell(150, 6, "The partners reviewed the distribution plan for the coming month.")
    text = run_ingest(bytes(pdf.output())).text
    assert text.count(heading) == 1 and heading + heading[0] not in text.replace(" ", "")


def lines_pdf(lines: list[str], size: int = 11) -> bytes:
    """One page of lines set close, as a paragraph wraps."""
    return minutes_pdf([lines], size=size, line_height=6)


HYPHENATED = ["The shelter cluster discussed the exist-", "ing plans for winter support to the inhabi-",
              "tants of the valley and of Sainte-", "Adèle, and the partners will report on the", "design of the tents",
              "and the sites in March."]


@pytest.mark.parametrize("lines", [HYPHENATED])
def test_ingest_pdf_line_end_hyphens(lines):
    text = run_ingest(lines_pdf(lines)).text
    assert "existing plans" in text and "inhabitants of" in text  # words of the language lose the hyphen
    assert "Sainte-Adèle" in text  # a name the language does not know keeps it


LABELLED = ["The coordination meeting was held in the district office on the", "usual day, with these members present:",
            "Amira Haddad, Jonas Berg, Lina Petrov and the two field officers from the", "northern camps."]


@pytest.mark.parametrize("lines", [LABELLED])
def test_ingest_pdf_label_line_is_not_joined_to_the_next(lines):
    blocks = [b.text for b in run_ingest(lines_pdf(lines)).blocks]
    assert blocks[0].endswith("members present:")
    assert blocks[1].startswith("Amira Haddad")


ORDINARY = ["The working group reviewed the water points in the eastern", "sector and agreed that the repairs should",
            "start before the rains, with the partners sharing the costs", "of the pumps and the pipes between them",
            "as set out in the plan that was shared last week by the",  "coordinator of the sector group."]
LONG = ["Annex: list of the sites visited during the assessment mission, with their codes and the names of the camps",
        "Annex: list of the partners consulted during the assessment mission, with their roles and their contacts"]


@pytest.mark.parametrize("lines", [ORDINARY[:3] + LONG[:1] + ORDINARY[3:] + LONG[1:]])
def test_ingest_pdf_a_few_long_lines_do_not_split_paragraphs(lines):
    blocks = [b.text for b in run_ingest(lines_pdf(lines, size=9)).blocks]
    assert any(b.startswith("as set out in the plan") and b.endswith("sector group.") for b in blocks)
    assert len(blocks) <= 4


def table_pdf(header: list[str], rows: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Action points agreed at the meeting of the health cluster.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table() as table:
        for values in [header, *rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)
    pdf.multi_cell(0, 6, "The next meeting will be held on 4 June.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


ACTIONS = (["Issue", "Action", "Responsible", "Deadline"],
           [["Cholera cases", "Share the line list with partners", "WHO focal point", "12 May"],
            ["Stock-outs", "Order oral rehydration salts", "Logistics lead", "20 May"]])


@pytest.mark.parametrize("header,rows", [ACTIONS])
def test_ingest_pdf_ruled_table_becomes_table_cells(header, rows):
    doc = run_ingest(table_pdf(header, rows))
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [(b.row, b.col, b.text) for b in cells[:4]] == [(0, c, h) for c, h in enumerate(header)]
    by_text = {b.text: b for b in cells}
    share = by_text["Share the line list with partners"]
    assert (share.row, share.col, share.column_header) == (1, 1, "Action")
    assert by_text["20 May"].column_header == "Deadline" and by_text["20 May"].row == 2
    assert doc.text.count("Order oral rehydration salts") == 1  # not read again as page lines
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "paragraph" and kinds[-1] == "paragraph"  # the table sits between the two paragraphs
    assert "next meeting" in doc.blocks[-1].text and len({b.table_id for b in cells}) == 1


SENTENCE = "Members reviewed the shelter budget and agreed to visit the northern camps before the next meeting"


def type3_pdf(sentence: str, shift: int = 29, n_lines: int = 6) -> bytes:
    """Text in a Type3 font whose glyphs have made-up names and no ToUnicode map: codes are glyph numbers."""
    codes = bytes(3 if ch == " " else ord(ch) - shift for ch in sentence)
    content = b"\n".join(b"BT /F1 12 Tf 72 %d Td <%s> Tj ET" % (700 - 20 * i, codes.hex().encode())
                         for i in range(n_lines))
    procs = b" ".join(b"/g%d 6 0 R" % c for c in range(1, 128))
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] "
            b"/Resources << >> /CharProcs << %s >> /Encoding << /Type /Encoding /Differences [1 %s] >> "
            b"/FirstChar 1 /LastChar 127 /Widths [%s] >>"
            % (procs, b" ".join(b"/g%d" % c for c in range(1, 128)), b" ".join([b"500"] * 127)))
    return hand_pdf(content, font, extra=(stream(b"500 0 0 0 450 650 d1 0 0 450 650 re f"),))


@pytest.mark.parametrize("sentence", [SENTENCE])
def test_ingest_pdf_font_without_unicode_map_is_an_error(sentence):
    with pytest.raises(StageError) as err:
        run_ingest(type3_pdf(sentence))
    assert err.value.error_type == "garbled_text_layer"
    assert "Unicode map" in err.value.message and "OCR" in err.value.message


@pytest.mark.parametrize("lines", [[SENTENCE, "and the partners will report on the water points in the eastern sector."]])
def test_ingest_pdf_garbled_first_reading_falls_back_to_pdfminer(lines, monkeypatch):
    import pipeline.ingest.pdf as pdf_module
    from pipeline.ingest.pdf_text import Line

    def garbling(page):  # what a font without a usable map gives: every letter shifted by its glyph offset
        return [Line("".join(chr(ord(c) - 29) if c.isalpha() else c for c in line.text), line.x0, line.x1,
                     line.top, line.bottom) for line in pdfium_lines(page)]

    pdfium_lines = pdf_module.pdfium_lines
    monkeypatch.setattr(pdf_module, "pdfium_lines", garbling)
    doc = run_ingest(lines_pdf(lines))
    assert "shelter budget" in doc.text and "eastern sector" in doc.text


@pytest.mark.parametrize("n_rows", [45])
def test_ingest_pdf_table_over_a_page_break_is_one_table(n_rows):
    header = ["Action", "Responsible", "Deadline"]
    rows = [[f"Visit site number {i} with the partners", f"Field officer {i}", f"week {i}"]
            for i in range(1, n_rows + 1)]
    doc = run_ingest(table_pdf(header, rows))
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert len({b.page for b in cells}) >= 2 and {b.table_id for b in cells} == {0}
    assert [b.text for b in cells if b.col == 0] == ["Action"] + [r[0] for r in rows]  # header read once
    last = next(b for b in cells if b.text == rows[-1][2])
    assert (last.row, last.column_header) == (n_rows, "Deadline")


@pytest.mark.parametrize("names,wrapped", [(["Amira Haddad", "Jonas Berg", "Lina Petrov"],
                                           "Share the line list with the partners and the district health office "
                                           "before the next coordination meeting")])
def test_ingest_pdf_cell_lines_are_paragraphs_only_when_they_wrap(names, wrapped):
    doc = run_ingest(table_pdf(["Present", "Action"], [["\n".join(names), wrapped]]))
    cells = [b for b in doc.blocks if b.kind == "table_cell" and b.row == 1]
    assert [b.text for b in cells if b.col == 0] == names  # one block per name, as a .docx cell holds them
    assert [b.text for b in cells if b.col == 1] == [wrapped]  # a wrapped sentence stays whole
    assert all(b.column_header == "Present" for b in cells if b.col == 0)


@pytest.mark.parametrize("first,second", [("The council agreed to extend the contract and moved by the chair to",
                                           "adopt the revised budget for the coming year.")])
def test_ingest_pdf_paragraph_cut_by_a_page_break_is_one_block(first, second):
    doc = run_ingest(minutes_pdf([["Budget session of the council", "", first], [second, "", "Next item."]]))
    assert f"{first} {second}" in [b.text for b in doc.blocks]


GOOD_PAGE = [SENTENCE, "and the partners will report on the water points in the eastern sector."]
ANNEX_PAGE = ["Annex one lists the wells the partners repaired in the district during the dry season",
              "and the villages where the hand pumps still wait for spare parts from the capital."]


def garble_pages_with(word: str, by: int):
    """A reader that garbles only the lines of pages holding `word` (one font without a usable map)."""
    def wrap(reader):
        def read(page, *args, **kwargs):
            lines = reader(page, *args, **kwargs)
            if not any(word in line.text for line in lines):
                return lines
            return [Line("".join(chr(ord(c) + by) if c.isalpha() else c for c in line.text), line.x0, line.x1,
                         line.top, line.bottom) for line in lines]
        return read
    return wrap


@pytest.mark.parametrize("pages", [[GOOD_PAGE, ANNEX_PAGE, GOOD_PAGE]])
def test_ingest_pdf_one_garbled_page_is_read_again(pages, monkeypatch):
    import pipeline.ingest.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "pdfium_lines", garble_pages_with("Annex", -29)(pdf_module.pdfium_lines))
    doc = run_ingest(minutes_pdf(pages))
    assert "hand pumps still wait" in doc.text and doc.text.count("shelter budget") == 2
    assert doc.warnings == ()


@pytest.mark.parametrize("pages", [[GOOD_PAGE, ANNEX_PAGE, GOOD_PAGE]])
def test_ingest_pdf_garbled_page_both_readers_fail_is_left_out_and_recorded(pages, monkeypatch):
    import pipeline.ingest.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "pdfium_lines", garble_pages_with("Annex", -29)(pdf_module.pdfium_lines))
    monkeypatch.setattr(pdf_module, "plumber_lines", garble_pages_with("Annex", 0x2C0)(pdf_module.plumber_lines))
    doc = run_ingest(minutes_pdf(pages))
    assert doc.text.count("shelter budget") == 2 and {b.page for b in doc.blocks} == {1, 3}
    assert [kind for kind, _ in doc.warnings] == ["garbled_text_layer"]
    assert doc.warnings[0][1].startswith("page(s) 2 of the PDF were left out") and "OCR" in doc.warnings[0][1]


# a page of invented surnames: no word list knows them, and both readers read the same letters
NAMES_PAGE = ["Brzelak Tomczyn Wardusz Kelmitz Orzabek Dunvald", "Pawlicz Szerny Tolbarz Mirkowiec Grazdun Helbrink"]


@pytest.mark.parametrize("pages", [[GOOD_PAGE, NAMES_PAGE]])
def test_ingest_pdf_page_of_unknown_words_both_readers_agree_on_is_kept(pages):
    doc = run_ingest(minutes_pdf(pages))
    assert "Tolbarz Mirkowiec" in doc.text and doc.warnings == ()


@pytest.mark.parametrize("pages", [[GOOD_PAGE, ANNEX_PAGE, GOOD_PAGE]])
def test_ingest_pdf_page_with_words_split_by_the_first_reader_is_read_again(pages, monkeypatch):
    """The same letters, but every word's first letter set apart ("p artners"): pdfminer's reading is better."""
    import pipeline.ingest.pdf as pdf_module

    pdfium_lines = pdf_module.pdfium_lines

    def splitting(page):
        lines = pdfium_lines(page)
        if not any("Annex" in line.text for line in lines):
            return lines
        return [Line(" ".join(w[0] + " " + w[1:] if len(w) > 3 else w for w in line.text.split()), line.x0,
                     line.x1, line.top, line.bottom) for line in lines]

    monkeypatch.setattr(pdf_module, "pdfium_lines", splitting)
    doc = run_ingest(minutes_pdf(pages))
    assert "the villages where the hand pumps" in doc.text and "v illages" not in doc.text


@pytest.mark.parametrize("rows", [[("Venue:", "Conference room of the provincial education office, second floor, east wing"),
                                   ("Chair:", "Ingrid Solberg, deputy coordinator of the hill district group"),
                                   ("Minutes:", "Tomas Alvik, information management officer for the group")]])
def test_ingest_pdf_label_value_rows_are_not_joined(rows):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for i, (label, value) in enumerate(rows):
        pdf.text(12, 20 + 6 * i, label)
        pdf.text(45, 20 + 6 * i, value)
    blocks = [b.text for b in run_ingest(bytes(pdf.output())).blocks]
    assert blocks == [f"{label} {value}" for label, value in rows]


@pytest.mark.parametrize("pages", [[GOOD_PAGE, ANNEX_PAGE, GOOD_PAGE]])
def test_ingest_pdf_left_out_page_is_an_errors_row_of_a_kept_document(pages, monkeypatch, tmp_path):
    import pipeline.extract as extract
    import pipeline.ingest.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "pdfium_lines", garble_pages_with("Annex", -29)(pdf_module.pdfium_lines))
    monkeypatch.setattr(pdf_module, "plumber_lines", garble_pages_with("Annex", 0x2C0)(pdf_module.plumber_lines))
    monkeypatch.setattr(extract, "resources", lambda *args: None)  # entities and actions are not the point here
    outcome = extract.extract_document(Source(source_path="minutes.pdf", data=minutes_pdf(pages), doc_id="p1"),
                                       Settings(), None)
    assert [(e["stage"], e["error_type"]) for e in outcome.errors] == [("ingest", "garbled_text_layer")]
    assert outcome.tables is not None and "shelter budget" in outcome.tables["documents"]["text"][0].as_py()


@pytest.mark.parametrize("runs,expected", [
    # (line, text) in the order the content draws them: each line's second half drawn after the line below it,
    # one space's width after the first half
    ([(0, "Venue: district"), (1, "Chair: the deputy"), (0, "health office"), (1, "coordinator")],
     ["Venue: district health office", "Chair: the deputy coordinator"]),
])
def test_ingest_pdf_runs_drawn_apart_on_one_line_are_joined(runs, expected):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    ends = {}
    for line, text in runs:
        x = ends.get(line, 20)
        pdf.text(x, 30 + 15 * line, text)
        ends[line] = x + pdf.get_string_width(text + " ")
    doc = run_ingest(bytes(pdf.output()))
    assert [b.text for b in doc.blocks] == expected


@pytest.mark.parametrize("runs", [[(20, 30, "Agenda item"), (20, 45, "Second line"), (120, 30, "Owner")]])
def test_ingest_pdf_runs_far_apart_on_one_line_stay_apart(runs):
    """A gap wider than half a line height is a column (an unruled table's), not a word space."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    for x, y, text in runs:
        pdf.text(x, y, text)
    doc = run_ingest(bytes(pdf.output()))
    assert not any("Agenda item Owner" in b.text for b in doc.blocks)


@pytest.mark.parametrize("pages", [[PAGE_ONE]])
def test_ingest_pdf_without_cross_reference_pointer_is_read(pages):
    """A file that ends without 'startxref' (a hand-written or cut-short writer) is rebuilt from its objects."""
    data = minutes_pdf(pages)
    data = data[:data.rindex(b"startxref")] + b"%%EOF\n"
    doc = run_ingest(data)
    assert "Coordination Meeting Minutes" in doc.text
