"""Hard-wrapped plain text: which unindented lines carry on the paragraph above.

Text saved from a PDF or an e-mail is often wrapped at a fixed width: every line of a paragraph ends near the
same right margin and only its last line is shorter. Such a file has a ceiling: its longest lines are barely
longer than its usual full line, while an unwrapped file holds paragraphs of hundreds of characters beside short
lines. A few lines may pass the margin (a URL, a long name, a table row), so the ceiling holds for all but
the longest twentieth of the lines. In a wrapped file a line carries on the one above as on a PDF page (pdf_paragraphs.py): when the line above
is not clearly shorter than the usual full line and does not end in ":", and the line is no list item and no
"Label:" field. In a text with no such margin (a web page's lines, a list whose items wrap), a line that opens
in lower case carries on a full line above it (no shorter than the text's usual long line: a title stays apart
from a date under it, "le 3 mai") that ends no sentence, clause or label: a sentence cut at a line break is the
only way a line starts with a lower-case word. A sentence that ends on the line above with a capital opening the
line is a new block: with no indent or gap to tell, a paragraph break there is as likely as a sentence break, and a block cut at a
sentence's end costs nothing later, while two paragraphs glued hide the second one's "Topic :" opening.
"""
from __future__ import annotations

import re
import statistics

from pipeline.dates.find import date_spans
from pipeline.ingest.pdf_paragraphs import MARKER, SHORT_LINE, opens_with_label, upper_quartile

MIN_LINES = 8  # fewer lines say nothing about a margin
MIN_WIDTH = 40  # a narrower "margin" is a list of short entries, not wrapped prose
MAX_WIDTH = 120  # a printed page's line holds fewer characters: longer lines are whole paragraphs
CEILING = 1.2  # in a wrapped file no line is longer than this times the usual full line
SENTENCE_END = re.compile(r"[.!?][\"')\]\u00bb\u201d\u2019]*$")
CLAUSE_END = re.compile(r"[.!?:;][\"')\]\u00bb\u201d\u2019]*$")
# A short line under a title that states the date ("le 3 mai 2015 à Goma") is the header's date line.
_LANGUAGES = ("en", "fr", "es", "pt", "de")
MIN_CARRIED = 40  # a shorter line above is a heading or an entry, not a sentence running out of room


def wrap_width(lines: list[str]) -> float | None:
    """The usual full line (upper quartile of line lengths) when the text is hard-wrapped, else None."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < MIN_LINES:
        return None
    full = upper_quartile(lengths)
    longest = statistics.quantiles(lengths, n=20, method="inclusive")[-1]
    return full if MIN_WIDTH <= full <= MAX_WIDTH and longest <= CEILING * full else None


def carries_on(above: str, line: str, width: float) -> bool:
    """Whether `line` continues the paragraph whose last line is `above`, in a text wrapped at `width`."""
    above, line = above.rstrip(), line.strip()
    if SENTENCE_END.search(above) and line[:1].isupper():
        return False
    return (len(above) >= SHORT_LINE * width and not above.endswith(":")
            and not MARKER.match(line) and not opens_with_label(line))


def full_line(lines: list[str]) -> float:
    """The text's usual long line (upper quartile of line lengths), at least MIN_CARRIED."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    return max(upper_quartile(lengths) if len(lengths) >= 4 else 0, MIN_CARRIED)


def carries_on_lowercase(above: str, line: str, full: float) -> bool:
    """Whether `line`, in a text with no fixed margin, carries on the sentence that `above` leaves unfinished."""
    above, line = above.rstrip(), line.strip()
    return (line[:1].islower() and len(above) >= full and not CLAUSE_END.search(above)
            and not MARKER.match(line) and not opens_with_label(line)
            and not (len(line) < full and date_spans(line, _LANGUAGES)))
