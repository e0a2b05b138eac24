"""Hypothesis fuzzing of ingest: only StageError escapes; a returned Document keeps the offsets contract."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.model import Document, Source, StageError

SUFFIXES = [".docx", ".pdf", ".txt", ".md", ".markdown", ".html", ".htm", ".doc", ".odt", ".rtf", ""]
SMALL = Settings(max_file_bytes=200_000, max_decompressed_bytes=2_000_000, max_text_chars=200_000, soffice="no-soffice")
FUZZ = hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, name: str) -> Document | None:
    try:
        doc = ingest(Source(source_path=name, data=data, doc_id="f"), settings=SMALL)
    except StageError as err:
        assert err.error_type and err.message
        return None
    check_blocks(doc.text, doc.blocks)
    assert doc.blocks and all(b.text.strip() == b.text for b in doc.blocks)
    gaps = [doc.text[a.end_char:b.start_char] for a, b in zip(doc.blocks, doc.blocks[1:])]
    if doc.format in ("docx", "pdf", "html", "doc", "odt", "rtf"):  # text built from blocks: only newlines between
        assert all(gap in ("\n", "\n\n") for gap in gaps) and doc.text == doc.text.strip()
    return doc


def _docx_seed() -> bytes:
    document = docx.Document()
    document.add_heading("Minutes", 1)
    document.add_paragraph("Item one", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "Owner", "UNHCR"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


DOCX_SEED = _docx_seed()
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1 ", b"\xef\xbb\xbf",
            b"\xff\xfe", b"<html><body>", b"# ", b"\t"]


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=3000))
def test_ingest_fuzz_random_bytes_only_stage_errors(suffix, prefix, data):
    check(prefix + data, f"fuzz{suffix}")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_ingest_fuzz_random_text_keeps_offsets(suffix, text, encoding):
    check(text.encode(encoding, errors="surrogatepass"), f"fuzz{suffix}")


_LINES = st.lists(st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["\t", "\tHeader", "# Title", "- item", "1. item", "| a | b |", "|---|---|", "Setext", "===",
                     "```", "<!--", "-->", "[bookmark: _Hlk1]x", "   indented", "\u00a0", "\r", "\x0c"]),
), max_size=60)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@FUZZ
@given(lines=_LINES)
def test_ingest_fuzz_structured_text_lines(suffix, lines):
    check("\n".join(lines).encode("utf-8", errors="surrogatepass"), f"fuzz{suffix}")


_PAGE_PIECES = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["Date:", "Venue :", "Participants:", "Chaired by", "Agenda:", "1.", "2", "3)", "•", "⮚", "·",
                     "The stock was counted.", "Next steps:", "Lieu :", "Présents :", "12 downloads 3 Views", "\n",
                     "\n•\n", "\nand the rest", "<<", "Page 1 of 2", "word " * 60]),
)


@pytest.mark.parametrize("suffix", [".txt"])
@FUZZ
@given(pieces=st.lists(_PAGE_PIECES, min_size=10, max_size=80))
def test_ingest_fuzz_one_line_pages_keep_offsets(suffix, pieces):
    """A page joined onto one line, cut at its labels, bullets and numbers, still points into its text."""
    check(" ".join(pieces).encode("utf-8", errors="surrogatepass"), f"fuzz{suffix}")


def test_ingest_fuzz_docx_part_without_a_name_is_a_corrupt_docx():
    """A NUL byte over the first letter of a part's name in the central directory leaves the name empty (zipfile's
    is_dir() then fails with an IndexError): a corrupt_docx row, not a crash (found by the fuzz test below)."""
    data = bytearray(DOCX_SEED)
    central = data.rfind(b"PK\x01\x02")
    data[central + 46] = 0  # the first byte of the last central-directory entry's file name
    with pytest.raises(StageError) as err:
        ingest(Source(source_path="broken.docx", data=bytes(data), doc_id="f"), settings=SMALL)
    assert err.value.error_type == "corrupt_docx"


@FUZZ
@given(positions=st.lists(st.integers(min_value=0, max_value=len(DOCX_SEED) - 1), min_size=1, max_size=8),
       byte=st.integers(min_value=0, max_value=255))
def test_ingest_fuzz_mutated_docx(positions, byte):
    data = bytearray(DOCX_SEED)
    for pos in positions:
        data[pos] = byte
    check(bytes(data), "mutated.docx")


def _with_document_xml(xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX_SEED)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info))
    return out.getvalue()


with zipfile.ZipFile(io.BytesIO(DOCX_SEED)) as _seed:
    SEED_XML = _seed.read("word/document.xml")
_XML_SNIPPETS = [b"<w:p>", b"</w:p>", b"<w:tbl>", b"<w:tr>", b"<w:tc>", b"<w:gridSpan w:val=\"-3\"/>",
                 b"<w:vMerge/>", b"<w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"x\"/></w:numPr>",
                 b"<w:sdt><w:sdtContent>", b"<w:t>", b"&amp;", b"\xff", b"<w:txbxContent><w:p><w:r><w:t>box",
                 b'<w:commentRangeStart w:id="1"/>', b'<w:commentRangeEnd w:id="1"/>',
                 b'<w:r><w:commentReference w:id="1"/></w:r>']


@pytest.mark.slow
@FUZZ
@given(edits=st.lists(st.tuples(st.integers(min_value=0, max_value=len(SEED_XML)), st.sampled_from(_XML_SNIPPETS)),
                      min_size=1, max_size=6))
def test_ingest_fuzz_mutated_docx_xml(edits):
    xml = SEED_XML
    for pos, snippet in sorted(edits, reverse=True):
        xml = xml[:pos] + snippet + xml[pos:]
    check(_with_document_xml(xml), "mutated-xml.docx")


_XML_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@pytest.mark.slow
@FUZZ
@given(blocks=st.lists(st.tuples(st.sampled_from(["p", "h", "table", "list"]), _XML_TEXT), max_size=12))
def test_ingest_fuzz_generated_docx_text_all_present(blocks):
    document = docx.Document()
    for kind, text in blocks:
        clean = "".join(ch for ch in text if ch.isprintable() or ch in "\t\n")
        if kind == "p":
            document.add_paragraph(clean)
        elif kind == "h":
            document.add_heading(clean, 2)
        elif kind == "list":
            document.add_paragraph(clean, style="List Bullet")
        else:
            document.add_table(rows=1, cols=2).cell(0, 1).text = clean
    buf = io.BytesIO()
    document.save(buf)
    doc = check(buf.getvalue(), "generated.docx")
    for _, text in blocks:
        words = [w for w in text.split() if w.isalnum() and w.isascii()]
        assert doc is not None or not words
        for word in words:
            assert word in doc.text


def test_ingest_fuzz_zip_of_random_members_only_stage_errors():
    for n in range(5):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("word/document.xml", b"<w:document>" * n + b"\x00garbage")
            archive.writestr("[Content_Types].xml", b"<Types/>")
        check(out.getvalue(), "zip.docx")
