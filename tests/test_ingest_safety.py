"""Hostile and broken files at ingest: each is one clear StageError, nothing leaks, nothing explodes."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest, limits
from pipeline.ingest.assemble import check_blocks
from pipeline.model import Source, StageError


def docx_bytes(text: str = "Normal minutes paragraph") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def replace_member(data: bytes, name: str, content: bytes, level: int = 6) -> bytes:
    """The same package with one member's bytes replaced (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = content if info.filename == name else src.read(info)
            dst.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
    return out.getvalue()


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def expect_error(data: bytes, name: str, error_type: str, settings: Settings | None = None) -> StageError:
    with pytest.raises(StageError) as err:
        ingest(Source(source_path=name, data=data, doc_id="x"), settings=settings or Settings())
    assert err.value.error_type == error_type, err.value.message
    assert err.value.message and err.value.stage == "ingest"
    return err.value


@pytest.mark.parametrize("inflated_bytes,limit", [(5_000_000, 1_000_000)])
def test_ingest_safety_zip_bomb_refused_before_parsing(inflated_bytes, limit):
    original = docx_bytes()
    xml = document_xml(original).replace(b"</w:body>", b" " * inflated_bytes + b"</w:body>")
    bomb = replace_member(original, "word/document.xml", xml, level=9)
    assert len(bomb) < inflated_bytes / 50  # small on disk
    error = expect_error(bomb, "bomb.docx", "zip_bomb", Settings(max_decompressed_bytes=limit))
    assert "zip bomb" in error.message


def test_ingest_safety_extreme_compression_ratio_refused_under_default_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("word/filler.bin", b"\0" * 20_000_000, compresslevel=9)
    expect_error(out.getvalue(), "ratio.docx", "zip_bomb")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_ingest_safety_external_entity_never_resolved(tmp_path, encoding):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-4711", encoding="utf-8")
    xml = document_xml(docx_bytes("Hello &xxe; world")).decode("utf-8")
    xml = xml.replace("&amp;xxe;", "&xxe;")
    head, body = xml.split("?>", 1) if xml.startswith("<?xml") else ("", xml)
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    declaration = f'<?xml version="1.0" encoding="{encoding.upper()}" standalone="yes"?>'
    hostile = (declaration + doctype + body).encode(encoding)
    data = replace_member(docx_bytes(), "word/document.xml", hostile)
    error = expect_error(data, "xxe.docx", "xml_entities")
    assert "TOP-SECRET" not in error.message


def test_ingest_safety_billion_laughs_refused():
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    xml = document_xml(docx_bytes("&lol9;")).decode("utf-8").replace("&amp;lol9;", "&lol9;")
    body = xml.split("?>", 1)[1]
    hostile = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>{body}'.encode()
    expect_error(replace_member(docx_bytes(), "word/document.xml", hostile), "laughs.docx", "xml_entities")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_ingest_safety_truncated_docx_is_corrupt(cut):
    data = docx_bytes()
    expect_error(data[: int(len(data) * cut)], "truncated.docx", "corrupt_docx")


@pytest.mark.parametrize("data,name,error_type", [
    (b"", "empty.docx", "empty_file"),
    (b"", "empty.pdf", "empty_file"),
    (b"This is plain text, not a Word file", "fake.docx", "corrupt_docx"),
    (b"This is plain text, not a PDF", "fake.pdf", "not_a_pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"), "locked.docx",
     "encrypted_docx"),
])
def test_ingest_safety_bad_files(data, name, error_type):
    expect_error(data, name, error_type)


def test_ingest_safety_zip_that_is_not_a_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    expect_error(out.getvalue(), "sheet.docx", "corrupt_docx")
    expect_error(out.getvalue(), "sheet.txt", "unsupported_format")


def test_ingest_safety_file_size_limit():
    expect_error(docx_bytes(), "big.docx", "too_large", Settings(max_file_bytes=1000))


@pytest.mark.parametrize("name", ["Minutes [draft] – réunion (final) - v2.docx"])
def test_ingest_safety_odd_file_name_is_kept(name):
    doc = ingest(Source(source_path=f"2019/{name}", data=docx_bytes(), doc_id="x"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    assert doc.source_path == f"2019/{name}" and doc.text == "Normal minutes paragraph"


def renamed_main_part(xml: bytes, name: str = "word/main.dat") -> bytes:
    """The package with its main document moved to `name`, which the relationships and content types follow."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = xml if info.filename == "word/document.xml" else src.read(info)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                body = body.replace(b"/word/document.xml", f"/{name}".encode()).replace(b"word/document.xml",
                                                                                       name.encode())
            dst.writestr(name if info.filename == "word/document.xml" else info.filename, body)
    return out.getvalue()


@pytest.mark.parametrize("name", ["word/main.dat", "word/media/image1.png"])
def test_ingest_safety_renamed_main_part_is_still_bounded(name, monkeypatch):
    """An XML part is known by its content, not its name: a 3 MB one is refused under a 1 MB XML part limit."""
    xml = document_xml(docx_bytes()).replace(b"</w:body>", b"<w:p><w:r><w:t>minutes</w:t></w:r></w:p>" * 80_000
                                             + b"</w:body>")
    data = renamed_main_part(xml, name)
    assert ingest(Source(source_path="ok.docx", data=renamed_main_part(document_xml(docx_bytes()), name), doc_id="x"),
                  settings=Settings()).text == "Normal minutes paragraph"
    monkeypatch.setattr(limits, "MAX_XML_PART_BYTES", 1_000_000)
    error = expect_error(data, "renamed.docx", "too_large")
    assert name in error.message


def test_ingest_safety_svg_image_with_doctype_is_not_refused():
    """SVG images often carry a DOCTYPE; they are media, never parsed for text, so the document is read."""
    svg = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>')
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes()), "r") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/image1.svg", svg)
    doc = ingest(Source(source_path="svg.docx", data=out.getvalue(), doc_id="x"), settings=Settings())
    assert doc.text == "Normal minutes paragraph"
