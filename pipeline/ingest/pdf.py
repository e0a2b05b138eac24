"""PDF text layer -> paragraph blocks with page numbers.

pypdf: pure Python (no system library to install or crash), BSD-licensed, actively maintained, with built-in
caps on decompressed stream sizes (a defence against PDF bombs) and AES/RC4 decryption (via `cryptography`).
pdfplumber/pdfminer give finer layout but are several times slower; minutes are mostly running text, so
pypdf's reading-order text plus the paragraph rules below is enough.

Paragraphs: pypdf gives lines. A new paragraph starts after a blank line, after a line clearly shorter than
the page's usual line (the end of a paragraph or a heading), and at a bullet or number marker. Lines of one
paragraph are joined with a space (after a hyphen, with nothing), so sentences read whole.
"""
from __future__ import annotations

import io
import logging
import re
import statistics

from pipeline.config import Settings
from pipeline.ingest.assemble import RawBlock
from pipeline.model import StageError

MAX_PAGES = 2_000
# pypdf logs every repaired xref or odd object as a warning; damaged files end as errors rows instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
_MARKER = re.compile(r"^\s*(?:[-•◦▪●○■►➢✓*\uf0b7\uf0a7]|o(?=\s+[A-Z])|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]"
                     r"|\(?[ivxIVX]{1,5}[.)])\s+")
_SHORT = 0.65
# Word's default bullets by list level: "•" then "o" then "▪" (Symbol, Courier New, Wingdings).
_BULLET_LEVEL = {"o": 2, "◦": 2, "○": 2, "▪": 3, "■": 3, "\uf0a7": 3}


def read_pdf(data: bytes, settings: Settings) -> tuple[list[RawBlock], int]:
    """Blocks of every page (part "page", page numbers from 1) and the page count."""
    reader = _open(data)
    try:
        n_pages = len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds on a damaged page tree
        raise _corrupt(exc) from None
    if n_pages > MAX_PAGES:
        raise StageError("too_large", f"the PDF has {n_pages:,} pages (more than {MAX_PAGES:,}); split it")
    blocks: list[RawBlock] = []
    total = 0
    for number in range(n_pages):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception as exc:  # one bad page (broken font, stream) should not lose the others
            raise _corrupt(exc, f"page {number + 1}") from None
        total += len(text)
        if total > settings.max_text_chars:
            raise StageError("too_large", f"the PDF's text is longer than {settings.max_text_chars:,} characters; "
                             "split the file or raise max_text_chars")
        for i, paragraph in enumerate(paragraphs(text)):
            marker = _MARKER.match(paragraph)
            kind = "list_item" if marker else "paragraph"
            level = _BULLET_LEVEL.get(marker.group().strip()[:1], 1) if marker else None
            blocks.append(RawBlock(text=paragraph, kind=kind, level=level, part="page", page=number + 1,
                                   gap_before=i == 0))
    if not any(b.text.strip() for b in blocks):
        raise StageError("no_text_layer", f"scanned PDF with no text layer ({n_pages} page(s), no extractable text); "
                         "run OCR first (e.g. ocrmypdf in.pdf out.pdf) and add the OCR'd file")
    return blocks, n_pages


def _open(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:
        raise _corrupt(exc) from None
    if reader.is_encrypted:
        try:
            decrypted = reader.decrypt("")
        except (DependencyError, NotImplementedError) as exc:
            raise StageError("encrypted_pdf", f"the PDF is encrypted with a method we cannot open ({exc}); "
                             "save an unprotected copy") from None
        except Exception as exc:
            raise _corrupt(exc, "encryption dictionary") from None
        if not decrypted:
            raise StageError("encrypted_pdf", "the PDF is password-protected and does not open with an empty "
                             "password; save an unprotected copy (print to PDF) and add that instead")
    return reader


def _corrupt(exc: Exception, where: str = "") -> StageError:
    from pypdf.errors import LimitReachedError

    at = f" at {where}" if where else ""
    if isinstance(exc, LimitReachedError):  # pypdf's own cap on inflated streams: a PDF bomb, or a huge scan
        return StageError("too_large", f"the PDF{at} holds a stream that inflates beyond pypdf's safety limit "
                          f"({str(exc)[:120]}); refused as a possible PDF bomb. Re-export it if it is genuine")
    return StageError("corrupt_pdf", f"the PDF cannot be read{at} ({type(exc).__name__}: {str(exc)[:200]}); "
                      "re-save or re-export it")


def paragraphs(page_text: str) -> list[str]:
    """Group a page's lines into paragraphs (see the module docstring for the rules)."""
    lines = [line.strip() for line in page_text.replace("\r", "\n").split("\n")]
    lengths = [len(line) for line in lines if line]
    if not lengths:
        return []
    typical = statistics.quantiles(lengths, n=10, method="inclusive")[-1] if len(lengths) > 1 else lengths[0]
    out: list[str] = []
    current = ""
    prev = ""
    for line in lines:
        if not line:
            if current:
                out.append(current)
            current = prev = ""
            continue
        starts_new = not current or bool(_MARKER.match(line)) or len(prev) < _SHORT * typical
        if len(prev) == 1 and prev.isupper() and line[:1].islower():
            starts_new = False  # a drop capital or kerned first letter split off by the extractor
            current += line
        elif starts_new:
            if current:
                out.append(current)
            current = line
        else:
            current += line if current.endswith("-") else " " + line
        prev = line
    if current:
        out.append(current)
    return out
