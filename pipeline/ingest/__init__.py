"""Ingest: one source file's bytes -> a Document (normalised text + blocks in reading order).

The format is read from the content (a zip holding word/document.xml is a .docx whatever its name, "%PDF-"
is a PDF), the suffix only breaks ties. Every document-level failure is a StageError with a short error_type
(empty_file, too_large, corrupt_docx, zip_bomb, xml_entities, encrypted_pdf, no_text_layer, not_a_pdf,
binary_text, no_text, unsupported_format, converter_missing, conversion_failed, ...); anything else escaping
is a bug.
"""
from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from pipeline.config import Settings
from pipeline.ingest.assemble import RawBlock, assemble, check_blocks
from pipeline.ingest.limits import check_size, check_zip, open_zip
from pipeline.ingest.normalise import normalise, remove_artefacts
from pipeline.ingest.zawgyi import convert_all
from pipeline.model import Block, Document, Source, StageError

__all__ = ["ingest", "detect_format"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_BY_SUFFIX = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html",
              ".htm": "html", ".doc": "doc", ".odt": "odt", ".rtf": "rtf", ".text": "txt"}


def ingest(source: Source, *, settings: Settings) -> Document:
    """Read one file into a Document; raise StageError for a file that cannot be read, saying why and what to do."""
    data = source.data
    check_size(data, settings)
    fmt = detect_format(data, source.source_path)
    encoding: str | None = None
    n_pages: int | None = None
    warnings: tuple[tuple[str, str], ...] = ()
    warnings: tuple[StageError, ...] = ()
    if fmt in ("txt", "md"):
        text, blocks, encoding, zawgyi = _read_text(data, fmt, settings)
    else:
        if fmt == "docx":
            from pipeline.ingest.docx import read_docx

            raw = read_docx(data, settings)
        elif fmt in ("doc", "odt", "rtf"):
            from pipeline.ingest.convert import convert_to_docx
            from pipeline.ingest.docx import read_docx

            if fmt == "odt":  # an OpenDocument file is a zip of XML too: vet it before LibreOffice parses it
                with open_zip(data, "odt") as archive:
                    check_zip(archive, settings, "odt")
            raw = read_docx(convert_to_docx(data, fmt, settings), settings)
        elif fmt == "pdf":
            from pipeline.ingest.pdf import read_pdf

            raw, n_pages, warnings = read_pdf(data, settings)
        else:
            from pipeline.ingest.decode import decode
            from pipeline.ingest.html import read_html

            decoded, encoding = decode(data, settings)
            raw = read_html(decoded)
        text, blocks, zawgyi = _assemble(raw, settings)
    if not blocks:
        raise StageError("no_text", f"the {fmt} file contains no text (only images, drawings or empty pages?); "
                         "if it is a scan, run OCR first")
    check_blocks(text, blocks)
    return Document(doc_id=source.doc_id, source_path=source.source_path, format=fmt, size_bytes=len(data),
                    text=text, blocks=blocks, modified_at=source.modified_at, encoding=encoding,
                    zawgyi_converted=zawgyi, n_pages=n_pages, warnings=warnings)


def detect_format(data: bytes, source_path: str) -> str:
    """The file's real format from its first bytes, falling back on its suffix; StageError if it cannot be read."""
    suffix = PurePosixPath(source_path).suffix.lower()
    by_suffix = _BY_SUFFIX.get(suffix)
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF-") or (by_suffix == "pdf" and b"%PDF-" in head):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(data, by_suffix)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
            raise StageError("encrypted_docx", "the Word file is password-protected; save an unprotected copy")
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if by_suffix == "pdf":
        raise StageError("not_a_pdf", f"the file is named {suffix} but is not a PDF (it starts with "
                         f"{data[:12]!r}); find the real file or give it the right extension")
    if by_suffix == "docx":
        raise StageError("corrupt_docx", "the file is named .docx but is not a Word document (not a zip package); "
                         "open and re-save it in Word or LibreOffice, or give it the right extension")
    if by_suffix == "odt":
        raise StageError("corrupt_odt", "the file is named .odt but is not an OpenDocument package; re-save it")
    if by_suffix is not None:
        return by_suffix
    if b"<html" in head.lower() or head.lower().lstrip().startswith(b"<!doctype html"):
        return "html"
    raise StageError("unsupported_format", f"files ending in '{suffix or '(no suffix)'}' are not read; supported: "
                     ".docx .pdf .txt .md .html .doc .odt .rtf")


def _zip_format(data: bytes, by_suffix: str | None) -> str:
    try:
        with open_zip(data, by_suffix if by_suffix in ("docx", "odt") else "docx") as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except StageError:
        if by_suffix in ("docx", "odt"):
            raise
        raise StageError("unsupported_format", "the file is a damaged zip archive, not a document we read") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise StageError("corrupt_docx", f"the zip package cannot be read ({exc}); re-save the file") from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(_ODF_TEXT):
        return "odt"
    if by_suffix in ("docx", "odt"):
        return by_suffix
    raise StageError("unsupported_format", "the file is a zip archive but not a Word or OpenDocument text document; "
                     "spreadsheets and presentations are not read")


def _read_text(data: bytes, fmt: str, settings: Settings) -> tuple[str, tuple[Block, ...], str, bool]:
    from pipeline.ingest.decode import decode
    from pipeline.ingest.markdown import markdown_blocks
    from pipeline.ingest.text import plain_blocks

    decoded, encoding = decode(data, settings)
    (decoded,), zawgyi = convert_all([decoded])
    text = normalise(remove_artefacts(decoded))
    blocks = markdown_blocks(text) if fmt == "md" else plain_blocks(text)
    return text, blocks, encoding, zawgyi


def _assemble(raw: list[RawBlock], settings: Settings) -> tuple[str, tuple[Block, ...], bool]:
    texts, zawgyi = convert_all([block.text for block in raw])
    for block, text in zip(raw, texts):
        block.text = remove_artefacts(text)
    text, blocks = assemble(raw, settings.max_text_chars)
    return text, blocks, zawgyi
