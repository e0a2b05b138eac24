"""Minutes saved from a web page as text: the site's furniture, whole pages on one line, bullets alone on a line.

A document-sharing site prints its own lines around the minutes (download and view counters, "Page 1 of 3",
navigation links, a search-result snippet): `is_furniture` names them, and the text reader gives them the part
"site", which later stages skip like a page header. Such a site often joins a PDF's text into one paragraph of
thousands of characters, header labels, numbered agenda, roll call and discussion together: `page_cuts` finds
where the blocks a reader needs begin (before a header label, a bullet, the next number of a numbered sequence,
a "Label:" after a sentence end), only in a paragraph far longer than any written one and only when it holds
several such cues, so ordinary text never changes; a line of any length holding two or more bullets between blanks
is a list joined onto one line, and is cut at its bullets when its pieces are sentences. Words are data: models/ingest/page_text.json, with the field
labels of models/segment/labels.json read through pipeline/field_labels.py, not copied.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.alternation import alternation
from pipeline.config import MODELS_DIR
from pipeline.field_labels import field_labels

PAGE_TEXT_PATH = MODELS_DIR / "ingest" / "page_text.json"


@dataclass(frozen=True)
class PageWords:
    """Compiled page-text cues of every language."""

    furniture: re.Pattern  # a whole stripped line the site printed, not the writer
    label: re.Pattern  # a header or section label with its colon, capitalised, after a blank or separator
    bullet: re.Pattern  # a bullet between blanks inside a line
    number: re.Pattern  # a candidate item number inside a line: group "n", group "punct"
    generic_label: re.Pattern  # a sentence end, then up to a few capitalised words and a colon
    lone_marker: re.Pattern  # a line that is a bullet or a list number only
    bullets: str
    long_paragraph: int
    min_cues: int
    min_inline_bullets: int
    max_sequence_number: int
    sentence_words: int  # a bullet piece this long is a sentence, not a title


@lru_cache(maxsize=1)
def page_words() -> PageWords:
    raw = json.loads(PAGE_TEXT_PATH.read_text(encoding="utf-8"))
    furniture: list[str] = []
    labels: list[str] = []
    for lang, section in raw.items():
        if isinstance(section, dict) and "furniture" in section:
            furniture += section["furniture"]
            labels += section.get("section_labels", [])
    header = field_labels()
    labels += [w for name in raw["header_label_fields"] for w in header.fields.get(name, ())]
    bare = header.no_colon  # labels written before their value with no colon ("Chaired by X")
    bullets = re.escape(raw["bullets"])
    return PageWords(
        furniture=re.compile("(?:" + "|".join(f"(?:{p})" for p in furniture) + r")\s*", re.I),
        # the label's first letter must be a capital: "the chair: ..." in a sentence is no field
        label=re.compile(rf"(?<![^\s;|])(?=(?-i:[A-ZÀ-Ý]))(?:(?:{alternation(labels)})(?:\s*\(\d{{1,3}}\))?\s*[:：]"
                         rf"|(?:{alternation(bare) or '(?!)'})\s)", re.I),
        bullet=re.compile(rf"(?<=\s)[{bullets}](?=\s)"),
        number=re.compile(r"(?<=\s)(?P<n>\d{1,2})(?P<punct>[.)]?)\s+(?=[A-ZÀ-Ý][a-zà-ÿA-ZÀ-Ý])"),
        generic_label=re.compile(r"(?<=[.!?])\s+(?P<label>[A-ZÀ-Ý][\w&/'’-]*(?:\s+[\w&/'’()-]+){0,%d})\s*:\s"
                                 % (raw["max_generic_label_words"] - 1)),
        lone_marker=re.compile(rf"\s*(?:[{bullets}\-*o]|\(?\d{{1,3}}[.)]|\(?[a-z][.)]|\(?[ivx]{{1,5}}[.)])\s*", re.I),
        bullets=raw["bullets"],
        long_paragraph=raw["long_paragraph"],
        min_cues=raw["min_cues"],
        min_inline_bullets=raw["min_inline_bullets"],
        max_sequence_number=raw["max_sequence_number"],
        sentence_words=raw["sentence_words"],
    )


LIST_NUMBER_END = re.compile(r"(?:^|\s)(?:\d{1,2}|[IVX]{1,4}|[ivx]{1,4})[.)]$")


def _after_item_number(text: str, end: int) -> bool:
    """Whether `text[:end]` ends with an item number set after its item's words ("... budget. V."): its stop ends
    no sentence, so "V. Partner talks:" starts no label. A run of bare numbers ("1. 2. 3.") is a numbered
    column printed before its entries: there the words after the last number are its first entry's."""
    m = LIST_NUMBER_END.search(text, 0, end)
    return m is not None and LIST_NUMBER_END.search(text, 0, m.start()) is None


def is_furniture(line: str) -> bool:
    """Whether a line is printed by the site the minutes were saved from, not by their writer."""
    w = page_words()
    stripped = line.strip().lstrip(w.bullets + " \t")  # "• No results found": the site sets its lines as a list too
    return bool(stripped) and w.furniture.fullmatch(stripped) is not None


def is_lone_marker(line: str) -> bool:
    """A line holding only a bullet or a list number ("•", "ii.", "3)"): the item it marks is on the next line."""
    return bool(line.strip()) and page_words().lone_marker.fullmatch(line) is not None


def opens_with_bullet(text: str) -> bool:
    """A piece of a cut page that starts with one of the page bullets ("⮚ item")."""
    return text[:1] in page_words().bullets and text[1:2].isspace()


def page_cuts(text: str) -> list[int]:
    """Offsets into `text` (one paragraph) where a new block starts; empty for a paragraph of ordinary length
    unless it is a list joined onto one line.

    Numbers count only in sequence ("1 Opening ... 2 Security ..."), so a count ("2000 tents") never cuts; a
    run of bare numbers ("1. 2. 3.") is a list whose entries follow, and stays with its label.
    """
    w = page_words()
    bullets = {m.start() for m in w.bullet.finditer(text)}
    if len(text) < w.long_paragraph:
        # a list of sentences the site joined onto one line is cut at its bullets at any length; a line of short
        # titles ("Welcome ▪ Updates ▪ AOB") stays whole, for segment's agenda reader (segment/inline_lists.py)
        marked = len(bullets) + opens_with_bullet(text)  # the line's own leading bullet counts as one
        if not bullets or marked < w.min_inline_bullets:
            return []
        edges = [0, *sorted(bullets), len(text)]
        pieces = [p for p in (text[a:b].strip(" \t" + w.bullets) for a, b in zip(edges, edges[1:])) if p]
        sentences = sum(p.endswith((".", ";", "!", "?")) or len(p.split()) >= w.sentence_words for p in pieces)
        return sorted(bullets) if 2 * sentences >= len(pieces) else []
    cuts = {m.start() for m in w.label.finditer(text)} | bullets
    cuts |= {m.start("label") for m in w.generic_label.finditer(text) if not _after_item_number(text, m.start())}
    last = 0
    for m in w.number.finditer(text):
        n = int(m.group("n"))
        if n == last + 1 or (n == 1 and m.group("punct")):
            if n <= w.max_sequence_number:
                cuts.add(m.start())
                last = n
    cuts.discard(0)
    return sorted(cuts) if len(cuts) >= w.min_cues else []
