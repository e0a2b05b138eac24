"""What the stages pass on to each other. Plain frozen dataclasses; offsets point into Document.text."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache


class StageError(Exception):
    """A document-level failure with a machine-readable type; becomes one `errors` row."""

    def __init__(self, error_type: str, message: str, stage: str = "ingest"):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stage = stage


@dataclass(frozen=True)
class Source:
    """A file handed to ingest: its bytes plus what the runner knows about it."""

    source_path: str  # relative to the archive root, forward slashes
    data: bytes
    doc_id: str
    modified_at: datetime | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item or table cell; text == Document.text[start_char:end_char]."""

    ordinal: int
    kind: str  # paragraph | heading | list_item | table_cell
    start_char: int
    end_char: int
    text: str
    part: str = "body"  # body | header | footer | textbox | footnote | endnote | comment | page | site
    style: str | None = None
    level: int | None = None
    page: int | None = None
    table_id: int | None = None
    row: int | None = None
    col: int | None = None
    column_header: str | None = None
    row_span: int | None = None  # rows a vertically merged table cell covers, when more than one
    column_role: str | None = None  # filled by segment: issue | action | owner | deadline | status | agency | location | header
    bold: bool = False  # every character bold: a heading typed by hand
    author: str | None = None  # who wrote a Word comment (part "comment")
    anchor_start_char: int | None = None  # the passage a comment remarks on: Document.text[anchor_start:anchor_end]
    anchor_end_char: int | None = None
    reply_to: int | None = None  # ordinal of the first block of the comment this one answers


# Parts that repeat on every page (a running title, a page number), or that the site a page was saved from printed
# around it (download counters, navigation: ingest/page_text.py), not the meeting's record.
SITE_PARTS = frozenset({"site"})
PAGE_PARTS = frozenset({"header", "footer"}) | SITE_PARTS
# Parts that remark on the record (a reviewer's Word comment): no agenda heading, attendee list or action of the
# meeting is stated there, though what they name (organisations, places, dates) is still named.
REMARK_PARTS = frozenset({"comment"})
# What is skipped when the meeting's structure (title, headings, attendee lists, actions) is read.
MARGIN_PARTS = PAGE_PARTS | REMARK_PARTS


@dataclass(frozen=True)
class Document:
    """An ingested document: normalised text plus its blocks in true reading order."""

    doc_id: str
    source_path: str
    format: str
    size_bytes: int
    text: str
    blocks: tuple[Block, ...]
    modified_at: datetime | None = None
    encoding: str | None = None
    zawgyi_converted: bool = False
    n_pages: int | None = None
    # (error_type, message) of what ingest left out (a garbled page): errors rows of a document that is kept
    warnings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Span:
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True)
class HeaderField:
    """One meeting-header value with the span it was read from."""

    field: str  # title | meeting_date | meeting_time | location | chair | next_meeting
    value: str  # ISO text for dates
    span: Span


@dataclass(frozen=True)
class MeetingHeader:
    title: str | None = None
    meeting_date: date | None = None
    meeting_date_text: str | None = None
    meeting_date_source: str | None = None  # header | title | file_name
    meeting_time: str | None = None
    location: str | None = None
    chair: str | None = None
    next_meeting: datetime | None = None
    next_meeting_text: str | None = None
    language: str | None = None
    fields: tuple[HeaderField, ...] = ()


@dataclass(frozen=True)
class Section:
    ordinal: int
    level: int
    heading: str
    kind: str  # header | agenda_item | update | sub_topic | next_meeting | aob | other
    start_char: int
    end_char: int
    text: str
    parent_ordinal: int | None = None
    number: str | None = None
    speaker: str | None = None
    speaker_org: str | None = None


@dataclass(frozen=True)
class Participant:
    ordinal: int
    name: str
    kind: str  # person | org
    start_char: int
    end_char: int
    text: str
    organisation: str | None = None
    role: str | None = None
    status: str = "present"  # present | apologies | absent | guest


@dataclass(frozen=True)
class Segmented:
    """What segment adds: the section tree, header, participants and blocks with column roles."""

    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    header: MeetingHeader
    participants: tuple[Participant, ...] = ()


@dataclass(frozen=True)
class Mention:
    start_char: int
    end_char: int
    text: str
    label: str  # ORG | PLACE | DATE | PERSON | TIME
    norm: str
    entity_id: str | None
    source: str  # model | gazetteer | acronym | rule
    section_ordinal: int | None = None
    date_start: date | None = None
    date_end: date | None = None
    granularity: str | None = None  # day | week | month | quarter | year


@dataclass(frozen=True)
class CatalogEntry:
    """What the gazetteers know of a canonical entity; merged into entity_catalog."""

    entity_id: str
    label: str
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    iso_code: str | None = None
    pcode: str | None = None
    iati_id: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class ActionItem:
    ordinal: int
    kind: str  # action | decision | plan | request
    start_char: int
    end_char: int
    text: str
    source: str  # table_column | marker | rule | model
    confidence: float
    section_ordinal: int | None = None
    owner: str | None = None
    owner_entity_id: str | None = None
    due_date: date | None = None
    due_text: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document; the runner turns it into table rows."""

    document: Document
    segmented: Segmented
    mentions: tuple[Mention, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    warnings: tuple[StageError, ...] = ()  # stage failures after ingest: the document is kept, the stage's rows are not


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def entity_key(label: str, name: str) -> str:
    """Stable catalog id from a label and canonical name: 'org:world-vision', 'place:maungdaw'.

    Called ~160,000 times while a worker builds its gazetteers, about five times per entry (catalog, place countries,
    kinds, patterns): kept for the names seen last, and an ASCII name skips the decomposition, which leaves ASCII
    as it is."""
    if name.isascii():
        ascii_name = name.lower()
    else:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = _NOT_SLUG.sub("-", ascii_name).strip("-") or "x"
    return f"{label.lower()}:{slug}"
