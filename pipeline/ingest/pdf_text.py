"""A PDF page's text as lines with their position, from character positions rather than an extractor's spacing.

Two readers give the same `Line`s. The first, PDFium (pypdfium2), is fast and decodes most fonts; it also drops
characters overprinted at nearly the same place ("fake bold"). It inserts a space wherever two runs of text
are set apart by more than about half a space, which is right for text placed word by word (TeX, many
converters) but splits words in justified or kerned lines ("r èglement", "l e projet", "2023 -0379"). On a page
that spells out its spaces (Word, LibreOffice), a space PDFium made up over a gap narrower than the page's own
spaces is marked soft: `pdf_paragraphs.settle` later keeps it or joins the two pieces by what the words say.
Measured on the real minutes, word gaps and kerning gaps overlap in width, so width alone cannot decide.
The second reader, pdfminer.six through pdfplumber, is several times slower and is used where
PDFium's text cannot be trusted (see garble.py) and on pages that hold ruled tables.
Both readers also cut each line into pieces at gaps much wider than a space, the columns of a table drawn
without rules (pdf_aligned.py reads them).
"""
from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import dataclass

from pipeline.ingest.assemble import trim
from pipeline.ingest.pdf_fonts import font_rules, marks

_SPELLED_SHARE = 0.04  # explicit spaces per other character that mark a page as "spelled"
_SOFT = 0.9  # a made-up space over a gap narrower than this share of the page's own spaces is soft
_SAMPLE = 40  # explicit spaces measured per page
_BODY_SAMPLE = 400  # characters whose font is asked to find a page's body font
_TOLERANCE_RATIO = 0.25  # pdfplumber: a gap wider than this share of the font size is a space
_SPACES = re.compile(r"[ \t\u00a0]+")


_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class Line:
    """One line of text and its box in points from the page's top-left corner."""

    text: str
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    soft: tuple[int, ...] = ()  # positions in text of spaces that may be kerning (see the module docstring)
    # (start, end, x0, x1, top, bottom) of each piece of text between gaps wider than column_gap line heights
    # (models/ingest/aligned_tables.json) or jumps up or down; empty when the line has none
    pieces: tuple[tuple[int, int, float, float, float, float], ...] = ()
    bold: bool = False  # every letter and digit set in a bold font (pdf_fonts.py)
    size: float = 0.0  # the type size of its first letter or digit, in points (0: not known)


def pdfium_lines(page) -> list[Line]:
    """Lines of a pypdfium2 page, in the content's order, with spaces decided from character positions.

    PDFium's text comes in one call; character boxes are asked for only where they decide something (at the
    spaces it generated and at each line's ends), which keeps a page at C speed.
    """
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        buffer = ctypes.create_string_buffer(2 * (n + 1))
        written = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        text = buffer.raw[:2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
        if len(text) != n:  # characters beyond the BMP take two code units: ask character by character
            text = "".join(_char(raw.FPDFText_GetUnicode(tp, i)) for i in range(n))
        return _PageText(tp, text, page.get_height()).lines()
    finally:
        textpage.close()


_SAME_LINE = 0.6  # vertical overlap, in the smaller line's height, of two runs set on one line
_WORD_GAP = 0.5  # at most this many line heights between a run's end and the next run's start
_SPACE_GAP = 0.15  # a gap wider than this (line heights) between the two runs is a space


def rejoin(lines: list[Line]) -> list[Line]:
    """Runs PDFium gave as lines of their own though they stand on one line, one just after the other.

    PDFium keeps the content's order, and a writer may draw a line's words apart ("Big", then "Small" below,
    then "Text" after "Big"): each later run that starts within half a line height after the end of an earlier
    run on the same line is joined to it. A wider gap is a column, left to pdf_aligned.py.
    """
    out: list[Line] = []
    for line in lines:
        host = next((i for i in range(len(out) - 1, -1, -1) if _continues(out[i], line)), None)
        if host is None:
            out.append(line)
            continue
        left = out[host]
        height = min(left.bottom - left.top, line.bottom - line.top)
        sep = " " if line.x0 - left.x1 > _SPACE_GAP * height else ""
        soft = left.soft + tuple(len(left.text) + len(sep) + k for k in line.soft)
        out[host] = Line(left.text + sep + line.text, left.x0, line.x1, min(left.top, line.top),
                         max(left.bottom, line.bottom), soft, bold=left.bold and line.bold,
                         size=min(left.size, line.size) if left.size and line.size else left.size or line.size)
    return out


def _continues(left: Line, right: Line) -> bool:
    if left.pieces or right.pieces:
        return False
    height = min(left.bottom - left.top, right.bottom - right.top)
    if height <= 0:
        return False
    overlap = min(left.bottom, right.bottom) - max(left.top, right.top)
    gap = right.x0 - left.x1
    return overlap >= _SAME_LINE * height and -0.2 * height <= gap <= _WORD_GAP * height


def _char(code: int) -> str:
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


class _PageText:
    """One page's PDFium text with index-aligned character boxes, cut into lines."""

    def __init__(self, tp, text: str, height: float):
        import pypdfium2.raw as raw

        self.raw, self.tp, self.text, self.height = raw, tp, text, height
        self.rect = raw.FS_RECTF()
        self.generated = {i for i, ch in enumerate(text) if ch == " " and raw.FPDFText_IsGenerated(tp, i)}
        spaces = text.count(" ") - len(self.generated)
        others = max(len(text) - text.count(" ") - text.count("\n") - text.count("\r"), 1)
        self.space = self._space_width() if spaces / others >= _SPELLED_SHARE else None
        self.column_gap = _column_gap()
        self.fonts: dict[int, tuple[int, bool, int]] = {}  # font handle -> (handle, bold, weight), asked once each
        self.body: int | None = None  # the stated weight of the page's body font, found when first needed

    def _space_width(self) -> float | None:
        """Median width of the page's own spaces, in units of the line height."""
        text, widths = self.text, []
        for i, ch in enumerate(text):
            if ch == " " and i not in self.generated and 0 < i < len(text) - 1 and not text[i - 1].isspace():
                left, right, top, bottom = self.box(i)
                widths.append((right - left) / max(bottom - top, 1.0))
                if len(widths) >= _SAMPLE:
                    break
        return statistics.median(widths) if widths else None

    def box(self, i: int) -> tuple[float, float, float, float]:
        """left, right, top, bottom of character i, measured from the page's top."""
        self.raw.FPDFText_GetLooseCharBox(self.tp, i, ctypes.byref(self.rect))
        r = self.rect
        return r.left, r.right, self.height - r.top, self.height - r.bottom

    def lines(self) -> list[Line]:
        out: list[Line] = []
        start = 0
        for i, ch in enumerate(self.text + "\n"):
            # PDFium joins a line ending in a hyphen to the next and writes that hyphen as U+FFFE: the line
            # ends there, hyphen included; pdf_paragraphs decides whether the word keeps it
            if ch in "\r\n\ufffe":
                line = self._line(start, i + 1 if ch == "\ufffe" else i)
                if line is not None:
                    out.append(line)
                start = i + 1
        return out

    def _line(self, start: int, end: int) -> Line | None:
        text = self.text
        start, end = trim(text, start, end)
        if start >= end:
            return None
        soft = ()
        if self.space is not None:
            soft = tuple(i - start for i in range(start + 1, end - 1) if i in self.generated and self._soft(i))
        first, final = self.box(start), self.box(end - 1)
        x0, x1 = first[0], max(final[1], first[0])
        top, bottom = min(first[2], final[2]), max(first[3], final[3])
        return Line(text[start:end].replace("\ufffe", "-"), x0, x1, top, bottom, soft,
                    self._pieces(start, end, first, final), self._bold(start, end), self._size(start, end))

    def _size(self, start: int, end: int) -> float:
        first = next((i for i in range(start, end) if marks(self.text[i])), None)
        return round(self.raw.FPDFText_GetFontSize(self.tp, first), 1) if first is not None else 0.0

    def _bold(self, start: int, end: int) -> bool:
        """Whether every letter and digit from start to end is set in a bold font; stops at the first that is not."""
        seen = False
        for i in range(start, end):
            if not marks(self.text[i]):
                continue
            seen = True
            if not self._bold_at(i):
                return False
        return seen

    def _bold_at(self, i: int) -> bool:
        font = self._font(i)
        if font is None:
            return False
        if self.body is None:  # the page's body font: the one most of its letters are set in
            counts: dict[int, int] = {}
            step = max(1, len(self.text) // _BODY_SAMPLE)  # a sample spread over the page is enough to find it
            for k in range(0, len(self.text), step):
                f = self._font(k) if marks(self.text[k]) else None
                if f is not None:
                    counts[f[0]] = counts.get(f[0], 0) + 1
            top = max(counts, key=counts.get) if counts else None
            self.body = next((w for key, _, w in self.fonts.values() if key == top), 0) if top is not None else 0
        _, named, weight = font
        return named or font_rules().heavier(weight, self.body)

    def _font(self, i: int) -> tuple[int, bool, int] | None:
        """(handle, bold by its name or weight, stated weight) of the font character i is set in."""
        raw = self.raw
        obj = raw.FPDFText_GetTextObject(self.tp, i)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        key = ctypes.cast(font, ctypes.c_void_p).value if font else None
        if key is None:
            return None
        if key not in self.fonts:
            size = raw.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(max(size, 1))
            raw.FPDFFont_GetBaseFontName(font, name, size)
            weight = raw.FPDFFont_GetWeight(font)
            self.fonts[key] = (key, font_rules().is_bold(name.value.decode("latin-1", "replace"), weight), weight)
        return self.fonts[key]

    def _pieces(self, start: int, end: int, first, final) -> tuple[tuple[int, int, float, float, float, float], ...]:
        """The line's pieces between wide gaps or jumps (see Line.pieces), offsets relative to the line's start."""
        cuts = []
        for run in _SPACES.finditer(self.text, start, end):
            # a column gap is a space PDFium made up over a gap, a tab or a run of spaces; one typed space is a word's
            if run.end() - run.start() == 1 and run.group() == " " and run.start() not in self.generated:
                continue
            a, b = self.box(run.start() - 1), self.box(run.end())
            height = max(a[3] - a[2], b[3] - b[2], 1.0)
            if abs(b[2] - a[2]) > 0.5 * height or b[0] - a[1] > self.column_gap * height:
                cuts.append((run.start(), run.end(), a, b))
        return _cut(cuts, start, end, first, final)

    def _soft(self, i: int) -> bool:
        """Whether the space PDFium generated at i spans a gap narrower than the page's own spaces."""
        text = self.text
        if text[i - 1].isspace() or text[i + 1].isspace():
            return False
        a, b = self.box(i - 1), self.box(i + 1)
        em = max(a[3] - a[2], b[3] - b[2], 1.0)
        if abs(b[2] - a[2]) > 0.5 * em:  # not on one line: a superscript or a jump
            return False
        return -0.2 * em < b[0] - a[1] < _SOFT * self.space * em


def plumber_lines(page, exclude: tuple = ()) -> list[Line]:
    """Lines of a pdfplumber page (give it deduplicated), leaving out characters inside `exclude` boxes."""
    if exclude:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, exclude))
    lines = page.extract_text_lines(return_chars=True, x_tolerance_ratio=_TOLERANCE_RATIO, y_tolerance=3)
    out = []
    for d in lines:
        text = d["text"].strip()
        if not text:
            continue
        pieces = () if _CID.search(text) else _plumber_pieces(text, d)
        # pdfminer writes a character it cannot map as "(cid:N)": that is no text, and garble.py should see so
        out.append(Line(_CID.sub("\ufffd", text), d["x0"], d["x1"], d["top"], d["bottom"], pieces=pieces,
                        bold=_plumber_bold(d), size=_plumber_size(d)))
    return out


def _plumber_bold(line: dict) -> bool:
    """Every letter and digit of a pdfplumber line set in a font whose name says bold (pdfminer states no weight)."""
    chars = [c for c in line.get("chars", ()) if marks(c["text"][:1])]
    rules = font_rules()
    return bool(chars) and all(rules.is_bold(str(c.get("fontname", ""))) for c in chars)


def _plumber_size(line: dict) -> float:
    first = next((c for c in line.get("chars", ()) if marks(c["text"][:1])), None)
    return round(float(first.get("size", 0.0)), 1) if first is not None else 0.0


def _plumber_pieces(text: str, line: dict) -> tuple[tuple[int, int, float, float], ...]:
    """Pieces of a pdfplumber line (see Line.pieces): its characters, less spaces, are its text's, in order."""
    chars = [c for c in line.get("chars", ()) if not c["text"].isspace()]
    if sum(len(c["text"]) for c in chars) != len(_SPACES.sub("", text)):
        return ()  # ligatures or odd characters: the text cannot be matched to positions
    at = {}  # index of a visible character in text -> its pdfplumber character
    k = 0
    for c in chars:
        while text[k].isspace():
            k += 1
        at[k] = c
        k += len(c["text"])
    def box(c: dict) -> tuple[float, float, float, float]:
        return c["x0"], c["x1"], c["top"], c["bottom"]

    cuts = []
    gap = _column_gap()
    for run in _SPACES.finditer(text):
        a, b = at.get(_start_of(at, run.start() - 1)), at.get(run.end())
        if a is None or b is None:
            continue
        height = max(a["bottom"] - a["top"], b["bottom"] - b["top"], 1.0)
        if b["x0"] - a["x1"] > gap * height:
            cuts.append((run.start(), run.end(), box(a), box(b)))
    edges = (line["x0"], line["x0"], line["top"], line["bottom"]), (line["x1"], line["x1"], line["top"], line["bottom"])
    return _cut(cuts, 0, len(text), *edges)


def _start_of(at: dict, i: int) -> int:
    """The index in `at` of the character that covers text position i (a ligature spans several)."""
    while i > 0 and i not in at:
        i -= 1
    return i


def _cut(cuts, start: int, end: int, first, final) -> tuple[tuple[int, int, float, float, float, float], ...]:
    """Pieces between the cuts (run start, run end, box before, box after); boxes are (left, right, top, bottom)."""
    if not cuts:
        return ()
    pieces, at, head = [], start, first
    for run_start, run_end, before, after in cuts:
        pieces.append((at - start, run_start - start, head[0], before[1], head[2], head[3]))
        at, head = run_end, after
    pieces.append((at - start, end - start, head[0], final[1], head[2], head[3]))
    return tuple(pieces)


def _column_gap() -> float:
    from pipeline.ingest.pdf_aligned import rules

    return rules().column_gap


def _inside(obj, boxes) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)
