"""A PDF page's lines -> paragraphs.

A new paragraph starts after a blank line or a vertical gap wider than the page's usual one, where the
type size changes, after a line clearly shorter than the page's usual full line, in width or in characters (the
end of a paragraph or a heading; "usual" is the upper quartile, so a few long lines do not make every ordinary
line look short), after a line ending in ":" (a label:
"Present:" is not glued to the names under it), before a "Label:" set apart from its value by a wide gap (a
row of a label/value grid) or opening a short line ("Date: 10 June" under the title), and at a bullet or number marker. Lines of one paragraph are
joined with a space; CJK lines with nothing; after a line-end hyphen with nothing, and the hyphen itself is
dropped when the joined word is used elsewhere in the document or is in the language's word list
("exist-" + "ing"), kept otherwise ("Sainte-" + "Adèle", "2021-" + "03").
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from pipeline.ingest.garble import rules, zipf
from pipeline.ingest.pdf_text import Line

MARKER = re.compile(r"^\s*(?:(?:[-•◦▪●○■►➢✓*\uf0b7\uf0a7]|o(?=\s+[A-Z])|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]"
                    r"|\(?[ivxIVX]{1,5}[.)])\s+"
                    # "2.Discussed the plan", "1)Revision": a number typed against its item's first word, as
                    # segment's item numbers allow
                    r"|\(?\d{1,3}[.)](?=[A-ZÀ-Ý][a-zà-ÿ]))")
SHORT_LINE = 0.65
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\S")
_WORD = re.compile(r"[^\W\d_]+")
_TAIL = re.compile(r"([^\W\d_]+)-$")
_HEAD = re.compile(r"^([^\W\d_]+)")
_LETTERS_END = re.compile(r"[^\W\d_]+$")


@dataclass(frozen=True)
class Lexicon:
    """Words of the whole document (lower case) and its language: what decides a line-end hyphen."""

    words: frozenset[str] = frozenset()
    language: str | None = None

    @classmethod
    def of(cls, texts, language: str | None) -> "Lexicon":
        return cls(frozenset(w.lower() for text in texts for w in _WORD.findall(text)), language)

    def knows(self, word: str) -> bool:
        """Used elsewhere in the document, or a common enough word of its language."""
        w = word.lower()
        return w in self.words or (self.language is not None and zipf(w, self.language) >= rules().word_min_zipf)

    def is_word(self, piece: str) -> bool:
        """A piece of a line that is a word of its own (one letter: only the very common ones)."""
        if self.language is None:
            return True
        r = rules()
        return zipf(piece.lower(), self.language) >= (r.letter_word_min_zipf if len(piece) == 1 else r.word_min_zipf)


def settle(line: Line, lexicon: Lexicon) -> Line:
    """Join the pieces around each soft space (pdf_text.py) that the words show to be one.

    A space next to a hyphen ("Sainte- Adèle", "2023 -0379") goes; so does one that cuts a word the document or
    the language knows into pieces that are not both words ("r èglement", "l e projet"), but not one between
    two words ("a lot").
    """
    if not line.soft:
        return line
    text = line.text
    drop = {i for i in line.soft if one_word(text[:i], text[i + 1:], lexicon)}
    if not drop:
        return line
    def moved(i: int) -> int:
        return i - sum(1 for d in drop if d < i)

    return replace(line, text="".join(ch for i, ch in enumerate(text) if i not in drop), soft=(),
                   pieces=tuple((moved(a), moved(b), *rest) for a, b, *rest in line.pieces))


def one_word(left: str, right: str, lexicon: Lexicon) -> bool:
    """Whether the end of `left` and the start of `right` are pieces of one word (see settle)."""
    if left.endswith("-") and right[:1].isalnum():
        return True
    if right.startswith("-") and left[-1:].isdigit() and right[1:2].isdigit():
        return True
    tail, head = _LETTERS_END.search(left), _HEAD.match(right)
    if not (tail and head):
        return False
    a, b = tail.group(0), head.group(1)
    return lexicon.knows(a + b) and not (lexicon.is_word(a) and lexicon.is_word(b))


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF)


def join_lines(left: str, right: str, lexicon: Lexicon) -> str:
    """Two lines of one paragraph as one string (see the module docstring)."""
    if left.endswith("-"):
        tail, head = _TAIL.search(left), _HEAD.match(right)
        if tail and head and len(tail.group(1)) > 1 and lexicon.knows(tail.group(1) + head.group(1)):
            return left[:-1] + right
        return left + right
    if is_cjk(left[-1]) and is_cjk(right[0]):
        return left + right
    return left + " " + right


def paragraphs(page: str | list[Line | None], lexicon: Lexicon = Lexicon()) -> list[str]:
    """Group a page's lines into paragraphs; a str page is split on newlines, a None line is a blank line."""
    return [p.text for p in bold_paragraphs(page, lexicon)]


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False  # every line of it is a bold line
    size: float = 0.0  # the smallest type size of its lines (0: not known)


def bold_paragraphs(page: str | list[Line | None], lexicon: Lexicon = Lexicon()) -> list[Paragraph]:
    """The page's paragraphs (see `paragraphs`), each bold when all its lines are: a bold line next to a regular
    one is the end of a heading or a lead-in, so a change of weight also starts a paragraph."""
    if isinstance(page, str):
        page = [Line(t.strip()) if t.strip() else None for t in page.replace("\r", "\n").split("\n")]
    lines = [line for line in page if line is not None]
    if not lines:
        return []
    geometry = any(line.x1 > line.x0 for line in lines)
    typical_chars = upper_quartile([len(line.text) for line in lines])
    typical_width = upper_quartile([line.x1 - line.x0 for line in lines]) if geometry else 0.0

    def short(line: Line, after: Line) -> bool:  # narrower on the page, or fewer characters (a heading in a larger font)
        narrow = geometry and line.x1 - line.x0 < SHORT_LINE * typical_width
        if line.bold and after.bold and geometry:
            # a bold heading wrapped over two lines (its larger type holds fewer characters a line) goes on from
            # its left edge or its number's indent; centred title lines are stacked on one middle, and "2.1 ..."
            # opens the next heading
            height = max(line.bottom - line.top, 1.0)
            centred = abs(after.x0 - line.x0) > height and abs((after.x0 + after.x1) - (line.x0 + line.x1)) < height
            return narrow or centred or bool(_NUMBERED.match(after.text))
        return len(line.text) < SHORT_LINE * typical_chars or narrow
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if geometry and b.top >= a.top]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    out: list[Paragraph] = []
    current, bold, size = "", False, 0.0
    prev: Line | None = None
    for line in page:
        if line is None:
            if current:
                out.append(Paragraph(current, bold, size))
            current, prev = "", None
            continue
        text = line.text
        starts_new = (not current or bool(MARKER.match(text)) or short(prev, line) or prev.text.endswith(":")
                      or ((_labels_a_value(line) or opens_with_label(text)) and not prev.text.endswith(("-", ",")))
                      or (geometry and _gap_breaks(prev, line, usual_gap)) or prev.bold != line.bold)
        if len(prev.text if prev else "") == 1 and prev.text.isupper() and text[:1].islower():
            current += text  # a drop capital or kerned first letter split off by the extractor
            bold = bold and line.bold
        elif starts_new:
            if current:
                out.append(Paragraph(current, bold, size))
            current, bold, size = text, line.bold, line.size
        else:
            current = join_lines(current, text, lexicon)
            bold, size = bold and line.bold, min(size, line.size)
        prev = line
    if current:
        out.append(Paragraph(current, bold, size))
    return out


# "Date: 10 June", "Venue : Sector office", "Lieu :": a capitalised label of up to three words, its colon, a value
_FIELD_WORDS = 8
_LABEL_START = re.compile(r"^[A-ZÀ-Ý][^\W\d_]*(?:[ /][^\W\d_]+){0,2}\s?:(?:\s|$)")


def opens_with_label(text: str) -> bool:
    """A short line that opens with a "Label:" (a header field under the title) starts its own paragraph; a long
    one may be a sentence that happens to wrap there."""
    return len(text.split()) <= _FIELD_WORDS and bool(_LABEL_START.match(text))


def _labels_a_value(line: Line) -> bool:
    """A "Label:<wide gap>value" line, a row of a label/value grid: it never carries on the line above (unless
    the label is in lower case or the line above ends in a hyphen: "Avail-" / "able:  http://...")."""
    if not line.pieces:
        return False
    label = line.text[line.pieces[0][0]:line.pieces[0][1]].rstrip()
    return label.endswith(":") and len(label.split()) <= 4 and not label[:1].islower()


def upper_quartile(values: list[float]) -> float:
    return statistics.quantiles(values, n=4, method="inclusive")[-1] if len(values) > 1 else values[0]


def _gap_breaks(prev: Line, line: Line, usual_gap: float) -> bool:
    height = max(prev.bottom - prev.top, 1.0)
    if line.top < prev.top - height:
        return True  # back up the page: a new column or a text box
    if abs(height - (line.bottom - line.top)) > 0.2 * height:
        return True  # the type size changes: a heading or a caption ends here
    # the page's usual gap between lines, but never more than most of a line: a page of few lines has
    # few gaps, and its paragraph breaks must not set the norm
    return line.top - prev.bottom > min(usual_gap, 0.8 * height) + 0.5 * height
