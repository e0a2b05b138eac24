"""PDF -> paragraph, list-item and table-cell blocks with page numbers.

pypdf (pure Python, with caps on inflated streams) opens the file first: it decrypts with an empty password,
counts pages and inflates every page's content streams under its limits, so a PDF bomb is refused before any
other reader sees it. The text then comes from character positions (pdf_text.py): PDFium reads every page,
fast; when its text fails the trust check (garble.py: a font without a usable Unicode map), pdfminer.six reads
the file instead, and when that fails too the document is an error, not stored garbage. Each page is then
judged on its own: a page that fails (one font without a map among good ones) is read again by pdfminer; a
page both readers fail on is left out with a garbled_text_layer errors row, unless both read the same letters.
Pages that draw rules are handed to pdfplumber's table finder; a table becomes table_cell blocks with row,
column and header, as a .docx table does, and its text is left out of the page's lines; tables drawn without
rules, their columns set apart by whitespace, are found from the lines' positions (pdf_aligned.py) and become
table_cell blocks the same way. Lines become paragraphs by pdf_paragraphs.py.

Measured on the project's real PDF minutes (18 files): word recall against words found by at least two of the
four readers was the same for pypdf, pdfplumber, pdfminer and PDFium (0.998), while reading took 5.9 s with
pypdf, 16.1 s with pdfplumber, 9.4 s with pdfminer and 0.6 s with PDFium. PDFium writes a hyphen it takes for
a line-break hyphen as U+FFFE and joins the lines ("multi\ufffeuse"); pdf_text.py splits them again. The
whole ingest of those files takes 2.1 s this way against 2.5 s with pypdf alone; pages with ruled tables
cost more (pdfplumber's layout pass), the rest less.
"""
from __future__ import annotations

import ctypes
import io
import logging
import re

from pipeline.config import Settings
from pipeline.ingest.assemble import RawBlock
from pipeline.ingest.garble import Verdict, assess, rules, same_letters
from pipeline.ingest.pdf_aligned import find_aligned
from pipeline.ingest.pdf_fonts import heading_levels, heading_like
from pipeline.ingest.pdf_paragraphs import MARKER, Lexicon, bold_paragraphs, join_lines, settle
from pipeline.ingest.pdf_paragraphs import paragraphs  # noqa: F401  (the tests read it from here)
from pipeline.ingest.pdf_tables import Table, find_tables
from pipeline.ingest.pdf_text import Line, pdfium_lines, plumber_lines, rejoin
from pipeline.model import StageError

MAX_PAGES = 2_000
_FORM_DEPTH = 3
_ENDS = re.compile(r"[.!?:;。！？]\W*$")
_BETWEEN_TABLES = 3  # lines (running footer, page number, header) a table may cross a page break over
_MIN_RULES = 3  # thin rules each way (see _rules) before a page is worth handing to the table finder
# pypdf logs every repaired xref or odd object as a warning; damaged files end as errors rows instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("pdfminer").setLevel(logging.ERROR)
# Word's default bullets by list level: "•" then "o" then "▪" (Symbol, Courier New, Wingdings).
_BULLET_LEVEL = {"o": 2, "◦": 2, "○": 2, "▪": 3, "■": 3, "\uf0a7": 3}


def read_pdf(data: bytes, settings: Settings) -> tuple[list[RawBlock], int, tuple[tuple[str, str], ...]]:
    """Blocks of every page (part "page", page numbers from 1), the page count, and what was left out and why."""
    reader = _open(data)
    try:
        n_pages = len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds on a damaged page tree
        raise _corrupt(exc) from None
    if n_pages > MAX_PAGES:
        raise StageError("too_large", f"the PDF has {n_pages:,} pages (more than {MAX_PAGES:,}); split it")
    _check_streams(reader, settings)
    pages, rules = _pdfium_pages(data, settings)
    if not any(pages):
        raise StageError("no_text_layer", f"scanned PDF with no text layer ({n_pages} page(s), no extractable text); "
                         "run OCR first (e.g. ocrmypdf in.pdf out.pdf) and add the OCR'd file")
    verdict = assess(_joined(pages), settings.languages)
    with _Plumber(data) as plumber:
        if verdict.garbled:
            first = verdict
            reread = []
            for n in range(len(pages)):
                reread.append(plumber_lines(plumber.page(n).dedupe_chars()))
                plumber.release(n)
            pages = reread
            verdict = assess(_joined(pages), settings.languages)
            if verdict.garbled:
                raise StageError("garbled_text_layer", _garbled_message(first, verdict))
        warnings = _recheck_pages(pages, plumber, verdict, settings)
        lexicon = Lexicon.of((line.text for page in pages for line in page), verdict.language)
        pages = [[settle(line, lexicon) for line in page] for page in pages]
        # A document that sets lines in bold marks its headings by weight, and its large type is title and
        # furniture; where no line is bold (Word's own heading styles are larger, not bold) size is the mark left.
        weighted = any(line.bold for page in pages for line in page)
        levels = {} if weighted else heading_levels([(line.text, line.size) for page in pages for line in page])
        blocks: list[RawBlock] = []
        tables_seen: list[_OpenTable] = []
        carry: tuple[tuple[float, float], ...] = ()  # columns of an unruled table that may go on over the page
        for number, lines in enumerate(pages):
            tables: list[Table] = []
            if rules[number] >= _MIN_RULES:
                page = plumber.page(number)
                tables = find_tables(page, lexicon)
                if tables:
                    page = page.dedupe_chars()
                    tables = find_tables(page, lexicon)
                    lines = plumber_lines(page, exclude=tuple(t.bbox for t in tables))
                plumber.release(number)
            aligned, lines = find_aligned(lines, lexicon, carry, _BETWEEN_TABLES)
            tables = sorted(tables + aligned, key=lambda t: t.bbox[1])
            start = len(blocks)
            items = list(_interleave(lines, tables))
            for i, item in enumerate(items):
                if isinstance(item, Table):
                    previous = tables_seen[-1] if tables_seen else None
                    if previous is not None and previous.continues(item, number, _lines_in(items[:i])):
                        blocks.extend(previous.cells(item, number + 1))
                    else:
                        tables_seen.append(_OpenTable(len(tables_seen), item))
                        blocks.extend(tables_seen[-1].cells(item, number + 1))
                    tables_seen[-1].page, tables_seen[-1].lines_after = number, _lines_in(items[i + 1:])
                else:
                    blocks.extend(_paragraph_blocks(item, lexicon, number + 1, gap=True, levels=levels))
            ends = [item for i, item in enumerate(items) if isinstance(item, Table)
                    and _lines_in(items[i + 1:]) <= _BETWEEN_TABLES]
            carry = ends[-1].columns if ends else ()
            if len(blocks) > start:
                blocks[start].gap_before = True
    _title_lines(blocks)
    return _join_page_breaks(blocks, lexicon), n_pages, warnings


def _recheck_pages(pages: list[list[Line]], plumber: "_Plumber", verdict: Verdict,
                   settings: Settings) -> tuple[tuple[str, str], ...]:
    """Each page judged on its own: one garbled page among good ones (a font without a Unicode map used there
    only) is read again with pdfminer; when that fails too the page's text is left out and recorded, unless both
    readers give the same letters (then the text is what the file holds, in words the lists do not know). When
    both readers give the same letters, pdfminer's reading replaces PDFium's only if clearly better (PDFium
    splitting words that pdfminer keeps whole)."""
    languages = tuple(dict.fromkeys((verdict.language, *settings.languages) if verdict.language
                                    else settings.languages))
    dropped: list[tuple[int, Verdict, Verdict]] = []
    for number, lines in enumerate(pages):
        text = "\n".join(line.text for line in lines)
        first = assess(text, languages, rules().page_sample_words, only_these=True)
        if not first.garbled:
            continue
        reread = plumber_lines(plumber.page(number).dedupe_chars())
        plumber.release(number)
        again = "\n".join(line.text for line in reread)
        second = assess(again, languages, rules().page_sample_words, only_these=True)
        agree = same_letters(text, again)
        if not second.garbled and (not agree or _better(second, first)):
            pages[number] = reread
        elif not agree:
            pages[number] = []
            dropped.append((number + 1, first, second))
    if not dropped:
        return ()
    numbers = ", ".join(str(n) for n, _, _ in dropped)
    _, first, second = dropped[0]
    return (("garbled_text_layer", f"page(s) {numbers} of the PDF were left out: "
             + _garbled_message(first, second).replace("the PDF's text layer is", "their text is", 1)),)


def _join_page_breaks(blocks: list[RawBlock], lexicon: Lexicon) -> list[RawBlock]:
    """A paragraph cut by a page break ("... seconded by Okafor to" / "approve. Carried") is one block."""
    out: list[RawBlock] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (prev is not None and block.page == (prev.page or 0) + 1 and prev.kind in ("paragraph", "list_item")
                and block.kind == "paragraph" and block.text[:1].islower() and not _ENDS.search(prev.text)):
            prev.text = join_lines(prev.text, block.text, lexicon)
            continue
        out.append(block)
    return out


def _better(second: Verdict, first: Verdict) -> bool:
    """A reading with clearly more known words or fewer unusable characters than the other."""
    gain = rules().page_better_share
    if second.known_share is not None and first.known_share is not None:
        return second.known_share >= first.known_share + gain
    return second.odd_share <= first.odd_share - gain / 4


def _joined(pages: list[list[Line]]) -> str:
    return "\n".join(line.text for page in pages for line in page)


def _garbled_message(first: Verdict, second: Verdict) -> str:
    def said(v: Verdict) -> str:
        words = "" if v.known_share is None else f", {v.known_share:.0%} of its letters in words known in {v.language}"
        return f"{v.odd_share:.0%} of characters unusable or outside its {v.script.lower()} script{words}"

    return (f"the PDF's text layer is garbled: its fonts have no usable Unicode map (PDFium: {said(first)}; "
            f"pdfminer: {said(second)}); run OCR over the page images (e.g. ocrmypdf --force-ocr in.pdf out.pdf) "
            "or re-export the PDF with fonts embedded")


def _pdfium_pages(data: bytes, settings: Settings) -> tuple[list[list[Line]], list[int]]:
    """Every page's lines and its count of drawn paths (rules, boxes): one PDFium pass."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError on a file pypdf could repair but PDFium cannot
        if "password" in str(exc).lower():  # an AES-256 user password pypdf let pass with an empty one
            raise StageError("encrypted_pdf", "the PDF is password-protected and does not open with an empty "
                             "password; save an unprotected copy (print to PDF) and add that instead") from None
        raise _corrupt(exc) from None
    pages: list[list[Line]] = []
    rules: list[int] = []
    total = 0
    try:
        for number in range(len(document)):
            try:
                page = document[number]
                lines = rejoin(pdfium_lines(page))
                rules.append(_rules(page.raw))
                page.close()
            except Exception as exc:  # one bad page (broken font, stream) should not pass unnoticed
                raise _corrupt(exc, f"page {number + 1}") from None
            total += sum(len(line.text) + 1 for line in lines)
            if total > settings.max_text_chars:
                raise StageError("too_large", f"the PDF's text is longer than {settings.max_text_chars:,} "
                                 "characters; split the file or raise max_text_chars")
            pages.append(lines)
    finally:
        document.close()
    return pages, rules


def _rules(page) -> int:
    """How many table rules a page draws: the fewer of its thin horizontal and thin vertical paths.

    Underlines and separators are horizontal only; a ruled table has both kinds (or boxes, two sides each).
    Measured on the real minutes: this keeps pdfplumber's slow layout pass to the pages that hold tables.
    """
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    across = down = 0
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if width > 8 and height > 8:
            if min(width, height) < 150:  # a cell or a box; a page-sized one is a background or a frame
                across, down = across + 2, down + 2
        elif width > 8:
            across += 1
        elif height > 8:
            down += 1
    return min(across, down)


class _Plumber:
    """pdfplumber's view of the same file, opened only when a page needs it."""

    def __init__(self, data: bytes):
        self.data = data
        self.pdf = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.pdf is not None:
            self.pdf.close()

    def release(self, number: int) -> None:
        """Drop a page's parsed objects once it is read: a long PDF of tables keeps one page in memory."""
        if self.pdf is not None:
            self.pdf.pages[number].close()

    def page(self, number: int):
        import pdfplumber

        try:
            if self.pdf is None:
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            return self.pdf.pages[number]
        except Exception as exc:  # pdfminer raises its own kinds on what PDFium read
            raise _corrupt(exc, f"page {number + 1}") from None


def _interleave(lines: list[Line], tables: list[Table]):
    """Runs of lines and the tables between them, by their place on the page."""
    pending = list(tables)
    run: list[Line] = []
    for line in lines:
        while pending and pending[0].bbox[1] <= line.top:
            if run:
                yield run
                run = []
            yield pending.pop(0)
        run.append(line)
    if run:
        yield run
    yield from pending


def _paragraph_blocks(lines: list[Line], lexicon: Lexicon, page: int, gap: bool,
                      levels: dict[float, int] | None = None) -> list[RawBlock]:
    """Paragraphs as blocks: list items by their marker, headings by their type size (pdf_fonts.heading_levels)."""
    out = []
    for i, paragraph in enumerate(bold_paragraphs(lines, lexicon)):
        marker = MARKER.match(paragraph.text)
        kind = "list_item" if marker else "paragraph"
        level = _BULLET_LEVEL.get(marker.group().strip()[:1], 1) if marker else None
        if not marker and levels and paragraph.size in levels and heading_like(paragraph.text):
            kind, level = "heading", levels[paragraph.size]
        out.append(RawBlock(text=paragraph.text, kind=kind, level=level, part="page", page=page,
                            gap_before=gap and i == 0, bold=paragraph.bold and kind == "paragraph"))
    return out


def _title_lines(blocks: list[RawBlock]) -> None:
    """The large type that opens the document is its title (level 0). The large lines right under it are its
    subtitle ("Agenda", the body's name) when their type is larger than every heading after them; a line the size of
    the later headings is the first of them."""
    opening = 0
    while opening < len(blocks) and blocks[opening].kind == "heading":
        opening += 1
    if not opening:
        return
    blocks[0].level = 0
    later = [b.level for b in blocks[opening:] if b.kind == "heading"]
    for b in blocks[1:opening]:
        if not later or b.level < min(later):  # a smaller level number is a larger type
            b.kind, b.level = "paragraph", None


def _lines_in(items: list) -> int:
    return sum(len(item) for item in items if not isinstance(item, Table))


class _OpenTable:
    """A table as read so far; one that runs over a page break goes on with the same id, header and rows.

    A table continues when the next page's first table has as many columns and at most a running footer and
    header (_BETWEEN_TABLES lines) stand between the two; a repeated header row is not read twice.
    """

    def __init__(self, table_id: int, first: Table):
        self.table_id = table_id
        self.header: list[str | None] = []
        for cell in first.rows[0]:  # a merged header cell spans the columns after it
            self.header.append(self.header[-1] if cell is None and self.header else " ".join(cell or ()))
        self.width = len(first.rows[0])
        self.next_row = 0
        self.page = -1
        self.lines_after = 0

    def continues(self, table: Table, page: int, lines_before: int) -> bool:
        return (page == self.page + 1 and len(table.rows[0]) == self.width
                and self.lines_after + lines_before <= _BETWEEN_TABLES)

    def cells(self, table: Table, page: int) -> list[RawBlock]:
        rows = table.rows
        if self.next_row and [" ".join(c or ()) for c in rows[0]] == [h or "" for h in self.header]:
            rows = rows[1:]  # the header row repeated at the top of the page
        out = []
        spans = table.spans[len(table.rows) - len(rows):] if table.spans else ()
        for i, row in enumerate(rows):
            first = True
            for c, cell in enumerate(row):
                header = self.header[c] if c < len(self.header) else None
                span = spans[i][c] if i < len(spans) and c < len(spans[i]) else 1
                for n, paragraph in enumerate(cell or ()):
                    out.append(RawBlock(text=paragraph, kind="table_cell", part="page", page=page,
                                        table_id=self.table_id, row=self.next_row, col=c,
                                        column_header=header or None, row_span=span if span > 1 else None,
                                        gap_before=first, bold=table.is_bold(i + len(table.rows) - len(rows), c, n)))
                    first = False
            self.next_row += 1
        return out


def _check_streams(reader, settings: Settings) -> None:
    """Inflate every page's content streams and forms through pypdf's capped filters; refuse too much in all."""
    from pypdf.generic import ArrayObject

    seen: set[int] = set()
    total = 0

    def inflate(stream) -> None:
        nonlocal total
        key = id(stream)
        if key in seen:
            return
        seen.add(key)
        total += len(stream.get_data())
        if total > settings.max_decompressed_bytes:
            raise StageError("too_large", f"the PDF's page content inflates to more than "
                             f"{settings.max_decompressed_bytes:,} bytes; refused as a possible PDF bomb")

    def forms(resources, depth: int) -> None:
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        if depth > _FORM_DEPTH or not hasattr(xobjects, "values"):
            return
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form" and id(obj) not in seen:
                inflate(obj)
                forms(obj.get("/Resources"), depth + 1)

    for number, page in enumerate(reader.pages):
        try:
            contents = page.get("/Contents")
            contents = contents.get_object() if contents is not None else None
            for stream in (contents if isinstance(contents, ArrayObject) else [contents]):
                if stream is not None:
                    inflate(stream.get_object())
            resources = page.get("/Resources")
            forms(resources.get_object() if resources is not None else None, 1)
        except StageError:
            raise
        except Exception as exc:
            raise _corrupt(exc, f"page {number + 1}") from None


def _open(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:
        if "startxref" not in str(exc).lower():
            raise _corrupt(exc) from None
        # no cross-reference pointer at the end (hand-written or truncated writers): a pointer that is wrong on
        # purpose makes pypdf rebuild the table from the objects themselves, as PDFium and pdfminer do
        try:
            reader = PdfReader(io.BytesIO(data + b"\nstartxref\n0\n%%EOF\n"))
        except Exception:
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
