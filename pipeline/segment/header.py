"""The meeting header: title, date, time, location, chair, next meeting and language, each with its source span.

Read from labelled fields near the top, YAML front matter, the title line and the file name, in that order of
trust for the date (see when.py). The next meeting is read by next_meeting.py.
"""
from __future__ import annotations

import re

from pipeline.dates import DateContext, guess_date_order
from pipeline.dates.find import find_time
from pipeline.model import REMARK_PARTS, SITE_PARTS, Block, HeaderField, MeetingHeader, Participant, Span
from pipeline.segment.chair import find_chair
from pipeline.segment.cues import heading_words
from pipeline.segment.headings import (NEXT_MEETING, PAGE_FURNITURE, Candidate, clean_heading, is_field, running_lines,
                                       words)
from pipeline.segment.labels import MAX_LABEL_LINE, LabelledValue, header_values, labelled_values
from pipeline.segment.next_meeting import find_next_meeting
from pipeline.segment.when import (DateCandidate, best_meeting_date, dates_in, file_name_dates, site_words,
                                   start_words, with_document_year)

MAX_TITLE_CHARS = 300  # dates in a title or heading line are read from its start
PAGE_LINE_CHARS = 2500  # a web page set on one line: its date field, or its first date, is looked for this far
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
    values += _page_line_dates(top[:1], values)
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

    time_value = _meeting_time(text, values, chosen) or _start_time(text, blocks[:BODY_DATE_BLOCKS])
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
                                                    and b.part not in REMARK_PARTS | SITE_PARTS and k not in running), None)
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
    # "LOCATION: DATE: CHAIR: AGENDA: <values>": labels stacked before their values on one line leave the last
    # empty label's value holding the others' values, the date among them; such a value fences no date off
    fields = [(v.start_char, v.end_char) for v in values
              if v.field == "next_meeting" or not STACKED_VALUE.match(v.text)]

    def stated(c: DateCandidate) -> bool:
        """A date of the meeting's own, not one inside another field ("Next meeting: ...") or the page's."""
        return not any(s < c.end_char and c.start_char < e for s, e in fields) and not _site_date(text, c)

    # a web page's banner words (a host's name, "advertisement") take no place among the first blocks either; a
    # date alone on its line ("12/05/2023") is one word too, and stays
    firsts = [b for b in blocks[:10] if b.text.strip() and (b.kind != "list_item" or _clock_led(b))
              and b.part not in REMARK_PARTS and not _bare_label(b.text)
              and not (_furniture(b.text) and not re.search(r"\d", b.text))][:6]
    for k, b in enumerate(firsts):  # a one-line page holds its title, its fields and its body on the first line
        line = b.text.split("\n", 1)[0][:MAX_TITLE_CHARS]
        found += [c for c in dates_in(line, b.start_char, "title", ctx, yearless=k == 0) if stated(c)][:1]
    headings = [blocks[c.block] for c in candidates if blocks[c.block].kind == "heading"][:3]
    for b in headings:
        if b not in firsts:
            found += [c for c in dates_in(b.text[:MAX_TITLE_CHARS], b.start_char, "heading", ctx)
                      if c.precise and stated(c)][:1]
    if not any(c.precise for c in found):  # no day in the header, title or headings: the first one near the top
        first_section = next((c.block for c in candidates if c.kind not in ("title", "other")), len(blocks))
        # a web page's banner ("N/A", "Copied!", counters) takes no place among the blocks read for it
        near_top = [b for b in blocks[:max(first_section, 1)] if not _furniture(b.text)][:BODY_DATE_BLOCKS]
        for k, b in enumerate(near_top):
            page_line = k == 0 and "\n" not in b.text.strip()  # a page on one line: its body is this line
            head = b.text[:PAGE_LINE_CHARS if page_line else MAX_TITLE_CHARS * 2]
            if (NEXT_MEETING.search(b.text) and not page_line) or b.part in REMARK_PARTS:
                continue  # "The next meeting will be on 12 May" is not this meeting's date
            dated = [c for c in dates_in(head, b.start_char, "body", ctx) if c.precise and stated(c)
                     and not NEXT_MEETING.search(head[max(0, c.start_char - b.start_char - 80):c.start_char - b.start_char])]
            if dated:
                found.append(dated[0])
                break
    found += file_name_dates(source_path, ctx)
    return best_meeting_date(with_document_year(found, text))


def _furniture(text: str) -> bool:
    """A block of fewer than two words: a counter, a button's label or a page number, no line of the minutes."""
    return len(words(text)) < 2


STACKED_VALUE = re.compile(r"^[A-Z][A-Za-z]{2,}(?:\s[A-Za-z]+){0,2}\s?:(?:\s|$)")


def _page_line_dates(blocks, values) -> list[LabelledValue]:
    """The date field of a page set on one line, past the reach of a header line: a site banner can fill the
    first few hundred characters before "Date : ..." ("Fecha:", "Date of meeting:")."""
    out: list[LabelledValue] = []
    for b in blocks:
        line = b.text.split("\n", 1)[0][:PAGE_LINE_CHARS]
        if len(line) <= MAX_LABEL_LINE:
            continue
        seen = {v.start_char for v in values}
        for start in range(MAX_LABEL_LINE - 100, len(line), MAX_LABEL_LINE - 100):  # windows overlap by 100
            for v in labelled_values(line[start:start + MAX_LABEL_LINE], b.start_char + start):
                if v.field == "meeting_date" and v.start_char not in seen:
                    seen.add(v.start_char)
                    out.append(v)
    return out[:1]


def _start_time(text: str, blocks: tuple[Block, ...]) -> LabelledValue | None:
    """The clock time of "The meeting started at 9:45am" near the top, when no field states the meeting's time."""
    words = start_words()
    for b in blocks:
        if b.part in REMARK_PARTS:
            continue
        for m in words.cue.finditer(b.text):
            found = find_time(b.text[m.end():m.end() + words.reach])
            if found:
                start, end = b.start_char + m.end() + found[0], b.start_char + m.end() + found[1]
                return LabelledValue("meeting_time", m.group(0), start, end, text[start:end])
    return None


def _clock_led(b: Block) -> bool:
    """A list item whose "number" is the start of a clock time: "10.00 to 12.00, Monday, 3 March 2014"."""
    found = find_time(b.text)
    return found is not None and not b.text[:found[0]].strip()


def _bare_label(line: str) -> bool:
    """A header label with no value on its line ("DATE :"): its value is on a later line."""
    bare = labelled_values(line.strip() + " x", 0)
    return len(bare) == 1 and bare[0].text == "x"


def _site_date(text: str, c: DateCandidate) -> bool:
    """A date the web page prints beside a counter or an upload note ("17.03.2015 Views"), on the date's line."""
    if c.start_char is None:
        return False
    line_start = text.rfind("\n", 0, c.start_char) + 1
    line_end = text.find("\n", c.end_char)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return site_words().near(line, c.start_char - line_start, c.end_char - line_start)


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
