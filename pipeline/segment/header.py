"""The meeting header: title, date, time, location, chair, next meeting and language, each with its source span.

Read from labelled fields near the top, YAML front matter, the title line and the file name, in that order of
trust for the date (see when.py). The next meeting is read by next_meeting.py.
"""
from __future__ import annotations

import re

from pipeline.dates import DateContext, guess_date_order
from pipeline.dates.find import find_time
from pipeline.model import REMARK_PARTS, Block, HeaderField, MeetingHeader, Participant, Span
from pipeline.segment.chair import find_chair
from pipeline.segment.cues import heading_words
from pipeline.segment.headings import (NEXT_MEETING, PAGE_FURNITURE, Candidate, clean_heading, is_field, running_lines,
                                       words)
from pipeline.segment.labels import LabelledValue, header_values
from pipeline.segment.next_meeting import find_next_meeting
from pipeline.segment.when import DateCandidate, best_meeting_date, dates_in, file_name_dates, with_document_year

MAX_TITLE_CHARS = 300  # dates in a title or heading line are read from its start
BODY_DATE_BLOCKS = 12  # with no dated header, title or heading, the first date in this many blocks is the meeting's
HEADER_BLOCKS = 40  # labelled fields are read from this many blocks at the top, and from the header section
TITLE_PREFIX = heading_words().title_prefix  # "Minutes of the", "Compte rendu de la"


def read_header(text: str, blocks: tuple[Block, ...], source_path: str, candidates: list[Candidate],
                participants: tuple[Participant, ...], language: str) -> MeetingHeader:
    """Every header field the document states, with the spans they were read from."""
    langs = tuple(dict.fromkeys((language, "en")))
    ctx = DateContext(languages=langs, date_order=guess_date_order(text))
    first_section = next((c.block for c in candidates if c.kind not in ("title", "other")), len(blocks))
    # a reviewer's comment ("Date: check with the chair") states no field of the meeting
    top = tuple(b for b in blocks[:max(min(first_section, HEADER_BLOCKS), 8)] if b.part not in REMARK_PARTS)
    values = header_values(top)
    fields: list[HeaderField] = []

    def field(name: str, value: str, start: int, end: int) -> None:
        fields.append(HeaderField(name, value, Span(start, end, text[start:end])))

    title, title_span = _title(text, blocks, candidates, values)
    if title and title_span:
        field("title", title, *title_span)

    chosen = _meeting_date(text, blocks, candidates, values, source_path, ctx)
    meeting_date = chosen.value if chosen else None
    if chosen and chosen.start_char is not None:
        field("meeting_date", meeting_date.isoformat(), chosen.start_char, chosen.end_char)

    time_value = _meeting_time(text, values, chosen)
    if time_value:
        field("meeting_time", time_value.text, time_value.start_char, time_value.end_char)
    location = _first(values, "location")
    if location:
        field("location", location.text, location.start_char, location.end_char)

    chair = find_chair(text, values, participants)
    if chair:
        field("chair", chair[0], chair[1], chair[2])

    nxt = find_next_meeting(text, blocks, candidates, values, meeting_date, ctx)
    if nxt:
        field("next_meeting", nxt[0].isoformat(), nxt[1], nxt[2])

    return MeetingHeader(
        title=title, meeting_date=meeting_date, meeting_date_text=chosen.text if chosen else None,
        meeting_date_source=("header" if chosen.source == "heading" else chosen.source) if chosen else None,
        meeting_time=time_value.text if time_value else None, location=location.text if location else None,
        chair=chair[0] if chair else None, next_meeting=nxt[0] if nxt else None,
        next_meeting_text=text[nxt[1]:nxt[2]] if nxt else None, language=language, fields=tuple(fields))


def _first(values: list[LabelledValue], name: str) -> LabelledValue | None:
    return next((v for v in values if v.field == name), None)


def _title(text: str, blocks, candidates: list[Candidate], values) -> tuple[str | None, tuple[int, int] | None]:
    labelled = _first(values, "title")
    if labelled:
        return _clean_title(labelled.text), (labelled.start_char, labelled.end_char)
    title = next((c for c in candidates if c.kind == "title"), None)
    running = running_lines(blocks)
    block = blocks[title.block] if title else next((b for k, b in enumerate(blocks) if b.text.strip()
                                                    and not is_field(b.text) and not PAGE_FURNITURE.match(b.text)
                                                    and b.part not in REMARK_PARTS and k not in running), None)
    if block is None:
        return None, None
    line = block.text.strip().split("\n", 1)[0]
    if len(words(line)) > 12:
        return None, None
    start = block.start_char + block.text.index(line)
    return _clean_title(line) or None, (start, start + len(line))


def _clean_title(line: str) -> str:
    """'Minutes of IM Network Meeting: 6th December 2017' -> 'IM Network Meeting'."""
    line = clean_heading(line).strip("'\"")
    line = TITLE_PREFIX.sub("", line)
    for m in reversed(list(re.finditer(r"[:\-–—,|]", line))):
        tail = line[m.end():]
        if tail.strip() and dates_in(tail, 0, "header", DateContext()) and len(words(tail)) <= 6:
            line = line[:m.start()]
    return line.strip(" :-–—,|") or None


def _meeting_date(text, blocks, candidates, values, source_path, ctx) -> DateCandidate | None:
    found: list[DateCandidate] = []
    for v in values:
        if v.field == "meeting_date":
            found += dates_in(v.text, v.start_char, "header", ctx)[:1]
    firsts = [b for b in blocks[:10] if b.text.strip() and b.kind != "list_item" and b.part not in REMARK_PARTS][:6]
    for b in firsts:
        line = b.text.split("\n", 1)[0][:MAX_TITLE_CHARS]
        if not any(v.start_char < b.start_char + len(line) and v.end_char > b.start_char for v in values):
            found += dates_in(line, b.start_char, "title", ctx)[:1]
    headings = [blocks[c.block] for c in candidates if blocks[c.block].kind == "heading"][:3]
    for b in headings:
        if b not in firsts:
            found += [c for c in dates_in(b.text[:MAX_TITLE_CHARS], b.start_char, "heading", ctx) if c.precise][:1]
    if not found:  # no date in the header, title or headings: the first one stated near the top
        first_section = next((c.block for c in candidates if c.kind not in ("title", "other")), len(blocks))
        for b in blocks[:min(BODY_DATE_BLOCKS, max(first_section, 1))]:
            if NEXT_MEETING.search(b.text) or b.part in REMARK_PARTS:
                continue  # "The next meeting will be on 12 May" is not this meeting's date
            dated = [c for c in dates_in(b.text[:MAX_TITLE_CHARS * 2], b.start_char, "body", ctx) if c.precise]
            if dated:
                found.append(dated[0])
                break
    found += file_name_dates(source_path, ctx)
    return best_meeting_date(with_document_year(found, text))


def _meeting_time(text: str, values, chosen: DateCandidate | None) -> LabelledValue | None:
    """The clock time or range ("10:00–12:30") in the time field, else in the date field or the date's line."""
    places = [v for v in values if v.field == "meeting_time"] + [v for v in values if v.field == "meeting_date"]
    if chosen is not None and chosen.end_char is not None:
        line_end = text.find("\n", chosen.end_char)
        line_end = len(text) if line_end < 0 else min(line_end, chosen.end_char + 120)
        places.append(LabelledValue("meeting_time", "", chosen.end_char, line_end, text[chosen.end_char:line_end]))
    for v in places:
        found = find_time(v.text)
        if found:
            start, end = v.start_char + found[0], v.start_char + found[1]
            return LabelledValue("meeting_time", v.label, start, end, text[start:end])
    return None
