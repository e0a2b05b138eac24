"""Attendance lists told apart by the shape their entries share, where no label or column header says "list".

Page excerpts and converted PDFs lose the layout that marks a roll call: the label sits elsewhere or is cut, the
list runs on one line. What stays is the entries' common shape: a line split by commas or semicolons into pieces
that are, most of them, a name with its organisation in brackets ("Ana Ruiz (ACME)"), or organisations and their
acronyms ("ACME, NORTHAID, Relief Corps"); a page that lost the list's markup may part them by spaces alone. A line is read as a roll call when enough of its pieces share one
shape; a prose line ("water, sanitation and hygiene were discussed") has too few pieces of either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from wordfreq import zipf_frequency

from pipeline.model import MARGIN_PARTS, Block
from pipeline.segment.headings import BULLET, words
from pipeline.segment.lexicon import is_first_name, looks_like_org

# Pieces part at commas, semicolons or a run of spaces: a page that lost its list markup keeps two spaces between items.
PIECE = re.compile(r"(?:[^,;\s]|\s(?!\s))+")
# "Ana Ruiz (ACME)", "Ana Ruiz(ACME-Field)", "Lin Q.R. (ACME –Field": a name, then its organisation in brackets
# (the last piece of a cut page may lose its closing bracket).
BRACKETED = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Ý][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Ý][\w'’.-]*){0,4})\s*\((?P<org>[^()]{1,60})(?:\)|$)")
MIN_PIECES = 4  # fewer pieces make no list: "Ana (ACME) and Rui (NORTHAID) met" is a sentence
SHARE = 0.75  # the part of a line's pieces that must share the list's shape
LABELLED_SHARE = 0.5  # after a list label the label says "list": half the pieces being organisations will do
MAX_ENTRY_WORDS = 6
EVERYDAY_ZIPF = 4.0  # "Water Supply" is two everyday words; "Tamsin Rooke" holds a rarer one


@dataclass(frozen=True)
class Listed:
    """One entry of a list found by its shape: where it is written, and the name it gives."""

    start_char: int
    end_char: int
    name: str
    organisation: str | None = None
    kind: str = "person"  # person | org


def _pieces(line: str) -> list[tuple[int, str]]:
    out = []
    for m in PIECE.finditer(line):
        raw = m.group()
        bare = raw.strip(" .\t")
        if bare:
            out.append((m.start() + raw.index(bare), bare))
    return out


def bracketed_entries(line: str, offset: int) -> list[Listed]:
    """The 'Name (Org), Name (Org), ...' entries of one line, when most of its pieces have that shape."""
    pieces = _pieces(line)
    if len(pieces) < MIN_PIECES:
        return []
    found = [(at, p, BRACKETED.match(p)) for at, p in pieces]
    shaped = [(at, p, m) for at, p, m in found if m and _name_shaped(m.group("name"))]
    if len(shaped) < SHARE * len(pieces):
        return []
    return [Listed(offset + at, offset + at + len(m.group("name")), m.group("name").strip(), m.group("org").strip(" –-"))
            for at, p, m in shaped]


def _name_shaped(name: str) -> bool:
    """'Ana Ruiz', 'Lin Q.R.': two to five capitalised words, no organisation, not all of them everyday words."""
    w = name.split()
    if not 2 <= len(w) <= 5 or looks_like_org(name):
        return False
    return any(is_first_name(x) or zipf_frequency(x.strip(".").lower(), "en") < EVERYDAY_ZIPF for x in w)


def agency_entries(line: str, offset: int) -> list[Listed]:
    """The entries of a line of organisations alone ('ACME, NORTHAID, Relief Corps, local authority'), when most
    of its pieces are acronyms or organisations: an attendance list whose label the page lost."""
    pieces = _pieces(BULLET.sub("", line))
    lead = len(line) - len(BULLET.sub("", line))
    if len(pieces) < MIN_PIECES or ":" in line:
        return []
    shaped = [(at, p) for at, p in pieces if len(words(p)) <= MAX_ENTRY_WORDS and looks_like_org(p)]
    if len(shaped) < SHARE * len(pieces) or any(len(words(p)) > MAX_ENTRY_WORDS for _, p in pieces):
        return []
    return [Listed(offset + lead + at, offset + lead + at + len(p), p, kind="org") for at, p in pieces]


TRAILING_TAG = re.compile(r"[\s.]*<[^<>]{1,10}>\s*$")


# What may stand between a list label and its entries: a count or aside in brackets, then a colon or the " / " of a
# flattened table ("Attended : ACME, ...", "31 participants (list below): ...", "Attendance / ACME, ...").
LABEL_TAIL = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*(?:[:：]|/(?=\s))\s*")
# A full stop closes the list's sentence: "..., ACME. The meeting opened", "..., ACME. 1. Welcome" (an initial such
# as "J." does not).
LIST_END = re.compile(r"(?<![\s.][A-Za-z])(?<=[\w)])\.\s+(?=[A-ZÀ-ÖØ-Ý0-9])")


def labelled_agency_runs(blocks: tuple[Block, ...], label: re.Pattern, joiner: re.Pattern | None = None) -> list[Listed]:
    """Organisations after a list label, however it is worded and parted from them ("List of participants ACME,
    NORTHAID, ...", "Attended : ACME, ...", "Membres présentes : ACME, ..."), up to the first piece that is no entry:
    the page's run-on text after it. `joiner` parts the last two entries ("ACME and NORTHAID")."""
    out: list[Listed] = []
    prose = (b for b in blocks if b.table_id is None and b.part not in MARGIN_PARTS)
    for line, pos in _text_lines(prose):
        for m in label.finditer(line):
            tail = LABEL_TAIL.match(line, m.end())
            start = tail.end() if tail else m.end()
            rest = line[start:]
            if not (tail or rest[:1].isspace()) or not rest.strip()[:1].isupper():
                continue
            end = LIST_END.search(rest)
            run = []
            for at, p in _pieces(rest[:end.start()] if end else rest):
                p = TRAILING_TAG.sub("", p)  # "CRS.<br />": the line break of the page's HTML
                parts = _joined(p, joiner)
                if any(len(words(x)) > MAX_ENTRY_WORDS or not x[:1].isupper() for _, x in parts):
                    break
                run += [(at + off, x) for off, x in parts]
            if len(run) >= MIN_PIECES and sum(looks_like_org(p) for _, p in run) >= LABELLED_SHARE * len(run):
                out += [Listed(pos + start + at, pos + start + at + len(p), p, kind="org") for at, p in run]
                break
    return out


def _joined(piece: str, joiner: re.Pattern | None) -> list[tuple[int, str]]:
    """A piece and where it starts in itself, or the two entries a joiner parts it into ("ACME and NORTHAID")."""
    m = joiner.search(piece) if joiner else None
    if m is None or not piece[m.end():m.end() + 1].isupper():
        return [(0, piece)]
    return [(0, piece[:m.start()]), (m.end(), piece[m.end():])]


def _text_lines(blocks) -> Iterator[tuple[str, int]]:
    """Each line of these blocks with its document offset."""
    for b in blocks:
        pos = b.start_char
        for line in b.text.split("\n"):
            yield line, pos
            pos += len(line) + 1


def bracketed_lists(blocks: tuple[Block, ...]) -> list[Listed]:
    """'Name (Org)' roll calls written as a run-on line anywhere outside tables and page margins."""
    prose = (b for b in blocks if b.table_id is None and b.part not in MARGIN_PARTS)
    return [entry for line, pos in _text_lines(prose) for entry in bracketed_entries(line, pos)]


def agency_lines(blocks: tuple[Block, ...], first: int) -> list[Listed]:
    """Lines of organisations alone in the opening blocks (before block `first`, the first section)."""
    opening = (b for b in blocks[:first] if b.table_id is None and b.part not in MARGIN_PARTS and b.kind != "heading")
    return [entry for line, pos in _text_lines(opening) for entry in agency_entries(line, pos)]


# "ACME, NORTHAID, Relief Corps," on one line and "Participants BRAVO, ..." on the next: a run of comma pieces goes on
# over a line that ends with a comma.
CONTINUED = re.compile(r",\s*$")
ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,7}")


def split_label_runs(blocks: tuple[Block, ...], fragment: re.Pattern, label: re.Pattern,
                     joiner: re.Pattern | None = None) -> list[Listed]:
    """Organisations of a list whose label a flattened table cut into the list itself or set apart from it: the
    label cell's words land between the entries ("ACME, NORTHAID, Attending BRAVO, Relief Corps, ..."), the entries
    wrap over lines around it, or other run-on text stands between the label and its list ("Partners present: Topics
    of the day: ACME, ..."). A run of comma pieces, most of them organisations, read across lines that end with a
    comma up to the end of a sentence, is a roll call when a piece opens with a word of the label (`fragment`),
    which is no part of its entry, or when the run-on text it opens with holds a list label and its colon (`label`).
    That text may end in an acronym ("... convened by ACME"): the acronym is the run's first entry."""
    out: list[Listed] = []
    prose = [b for b in blocks if b.table_id is None and b.part not in MARGIN_PARTS]
    chain: list[tuple[str, int]] = []
    for line, pos in _text_lines(prose):
        if chain and "," not in line:  # "ACME, NORTHAID," then "AGENDA": the list ended with its line
            out += _split_label_chain(chain, fragment, label, joiner)
            chain = []
        chain.append((line, pos))
        if not CONTINUED.search(TRAILING_TAG.sub("", line).rstrip(" .")):
            out += _split_label_chain(chain, fragment, label, joiner)
            chain = []
    return out + _split_label_chain(chain, fragment, label, joiner)


def _split_label_chain(chain: list[tuple[str, int]], fragment: re.Pattern, label: re.Pattern,
                       joiner: re.Pattern | None) -> list[Listed]:
    pieces: list[tuple[int, str] | None] = []  # document offset and piece; None where a sentence ends
    for line, pos in chain:
        at = 0
        for end in [m.start() for m in LIST_END.finditer(line)] + [len(line)]:
            for m in re.finditer(r"[^,;]+", line[at:end]):
                bare = TRAILING_TAG.sub("", m.group().strip(" .\t"))  # "CRS.<br />": the line break of the page's HTML
                if bare:
                    pieces.append((pos + at + m.start() + m.group().index(bare[0]), bare))
            if end < len(line):
                pieces.append(None)
            at = end + 1
    runs: list[list[tuple[int, str]]] = [[]]
    labelled: list[bool] = [False]
    for piece in pieces:
        if piece is None:
            runs.append([])
            labelled.append(False)
            continue
        at, p = piece
        head = fragment.match(p)
        if head and p[head.end():].strip()[:1].isupper():
            at, p, labelled[-1] = at + head.end(), p[head.end():], True
        parts = _joined(p, joiner)
        if any(len(words(x)) > MAX_ENTRY_WORDS or not x[:1].isupper() or ":" in x for _, x in parts):
            tail = p.split()[-1] if p.split() else ""
            after = p.rsplit(":", 1)[1].strip() if ":" in p else ""  # "Attending: ACME Relief": the entry after the colon
            runs.append([])
            labelled.append(label.search(p) is not None)
            if after[:1].isupper() and len(words(after)) <= MAX_ENTRY_WORDS:
                runs[-1].append((at + len(p) - len(after), after))
            elif ACRONYM.fullmatch(tail) and looks_like_org(tail):  # "... convened by ACME": the run opens with ACME
                runs[-1].append((at + len(p) - len(tail), tail))
            continue
        runs[-1] += [(at + off, x.strip()) for off, x in parts if x.strip()]
    out: list[Listed] = []
    for run, labelled_run in zip(runs, labelled):
        if labelled_run and len(run) >= MIN_PIECES and sum(looks_like_org(p) for _, p in run) >= LABELLED_SHARE * len(run):
            out += [Listed(at, at + len(p), p, kind="org") for at, p in run]
    return out
