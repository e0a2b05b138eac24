"""Text normalisation shared by every format: one place decides what Document.text may contain."""
from __future__ import annotations

import re
import unicodedata

# Spaces that should read as a plain space (no-break, narrow no-break, figure, ideographic are kept apart:
# only the no-break family is what Word and PDFs use where a user typed a space).
_NBSP = dict.fromkeys(map(ord, "\u00a0\u202f\u2007"), " ")
# Bullets drawn from the Symbol and Wingdings fonts arrive as private-use code points (U+F0B7 is Symbol's "•").
_NBSP.update(dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf0a8\uf0d8\uf0fc\uf076\uf0e0\uf06e\uf0a9"), "•"))
# C0/C1 controls except tab and newline; U+FEFF (BOM / zero-width no-break) left in by converters;
# line/paragraph separators become newlines below.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_LINE_SEP = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Trailing blanks go, except a line of tabs only: in Word's text dumps that is an empty table cell.
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
# Converter tags such as "[bookmark: _Hlk502064402]", "[image: ]", "[comment: ...]" left by Word -> text dumps.
_ARTEFACT = re.compile(r"\[(?:bookmark|image|comment|footnote ref|endnote ref|annotation): ?[^\]\n]{0,200}\]",
                       re.IGNORECASE)


def normalise(text: str) -> str:
    """NFC, \\n line ends, no control characters, no-break spaces as spaces, no trailing spaces."""
    text = _LINE_SEP.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = text.translate(_NBSP)
    text = unicodedata.normalize("NFC", text)
    return _TRAILING.sub(_trailing, text)


def _trailing(match: re.Match) -> str:
    whole_line = match.start() == 0 or match.string[match.start() - 1] == "\n"
    return match.group().replace(" ", "") if whole_line else ""


def remove_artefacts(text: str) -> str:
    """Drop converter tags ("[bookmark: _Hlk502064402]") that carry no meeting content."""
    return _ARTEFACT.sub("", text)


def collapse_spaces(text: str) -> str:
    """Whitespace runs inside one block as single spaces: for HTML and PDF line joins."""
    return " ".join(text.split())
