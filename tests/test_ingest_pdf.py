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
from pipeline.model import Document, Source, StageError

PAGE_ONE = ["Coordination Meeting Minutes", "", "1. Welcome and introductions by the chair.",
            "2. Review of action points from the last meeting."]
PAGE_TWO = ["Next meeting: 4 June, same venue."]


def make_pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            if line:
                pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(16)
        if not lines:
            pdf.rect(20, 20, 100, 60)  # a drawing but no text, like a scan's page
    return bytes(pdf.output())


def run_ingest(data: bytes, name: str = "minutes.pdf") -> Document:
    doc = ingest(Source(source_path=name, data=data, doc_id="p1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    return doc


def encrypt(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("pages", [[PAGE_ONE, PAGE_TWO]])
def test_ingest_pdf_text_layer_with_page_numbers(pages):
    doc = run_ingest(make_pdf(pages))
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
        run_ingest(make_pdf(pages))
    assert err.value.error_type == "no_text_layer"
    assert "OCR" in err.value.message


@pytest.mark.parametrize("password", ["s3cret"])
def test_ingest_pdf_password_protected_is_an_error(password):
    with pytest.raises(StageError) as err:
        run_ingest(encrypt(make_pdf([PAGE_ONE]), password))
    assert err.value.error_type == "encrypted_pdf"


@pytest.mark.parametrize("password", [""])
def test_ingest_pdf_encrypted_with_empty_user_password_is_read(password):
    doc = run_ingest(encrypt(make_pdf([PAGE_ONE]), password))
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
    data = make_pdf([PAGE_ONE, PAGE_TWO])
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
