"""The next meeting's date: from its header field, its section, a sentence that announces it, or a schedule list.

The cues are data (models/segment/next_meeting.json, a section per language). The announcement's own language
joins the document's for reading its date, so "Prochaine réunion : jeudi 20 avril" reads in an English document.
A date stated without its year, a weekday with a day number ("Thursday 20th") and a relative date ("in two
weeks") are read against the meeting's date; "TBC" states no date, and the lines after it are not read.
"""
from __future__ import annotations

import calendar as _stdlib_calendar
import re
from datetime import date, datetime, timedelta

from pipeline.dates import DateContext, calendar, context_for, parse_date, resolve_date
from pipeline.dates.find import WEEKDAYS, date_spans
from pipeline.model import REMARK_PARTS, Block
from pipeline.segment.cues import next_meeting_cues
from pipeline.segment.headings import Candidate, clean_heading, words
from pipeline.segment.labels import LabelledValue, lines
from pipeline.segment.when import DateCandidate, dates_in

MAX_LINE_CHARS = 300  # an announcement sentence's date is looked for this far into it
SECTION_CHARS = 400  # a "Next meeting" heading: its date is read from this far below it
TIME = re.compile(rf"(?:(?:{next_meeting_cues().clock_link})\s+)?(?:\d{{1,2}}(?:[:.h]\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?|h|hrs|horas)\b|"
                  r"\d{1,2}[:h]\d{2}\b)", re.I)
WEEKDAY_WORD = re.compile(rf"\b(?:{WEEKDAYS})\b", re.I)
# "Thursday 20th", "le jeudi 20", "el jueves 20": a weekday and a day number, the month left to the reader.
# "on the 20th", "le 20": a day number alone, after an article of next_meeting.json.
WEEKDAY_DAY = re.compile(rf"(?:\b(?P<wd>{WEEKDAYS})\.?,?\s+(?:the\s+)?|(?<![\w'’])(?:{next_meeting_cues().day_article})\s+)"
                         rf"(?P<d>\d{{1,2}})(?:{calendar().day_suffix_pattern()})?\b(?!\s*[./:h-]\s*\d)"
                         rf"(?=\s*(?:$|[.,;:()–-]|(?:{next_meeting_cues().day_follower})\b))", re.I)
# A day heading in a schedule list: "Next Monday", "Tuesday", "Wed 24th", "Monday 22 March".
DAY_LINE = re.compile(rf"^(?:next\s+|this\s+|coming\s+)?(?:{WEEKDAYS})\.?\b[\w ,./-]{{0,20}}$", re.I)
UNSET = object()  # the announcement says no date is fixed yet


def find_next_meeting(text: str, blocks: tuple[Block, ...], candidates: list[Candidate],
                      values: list[LabelledValue], meeting_date: date | None, ctx: DateContext
                      ) -> tuple[datetime, int, int] | None:
    """(date and time, start, end of the text it was read from) of the next meeting, or None."""
    cues = next_meeting_cues()
    spans: list[tuple[int, int]] = [(v.start_char, v.end_char) for v in values if v.field == "next_meeting"]
    for c in candidates:
        if c.kind == "next_meeting":
            b = blocks[c.block]
            spans.append((b.start_char, min(len(text), b.end_char + SECTION_CHARS)))
    for k, b in enumerate(blocks):
        if b.column_role in ("deadline", "owner", "status") or b.part in REMARK_PARTS:
            continue  # "by the next meeting" in a Deadline column is a due date, not an announcement
        for pos, line, _ in lines((b,)):
            found = cues.announce.search(line)
            if not found:
                continue
            # a page set on one line runs on into other items: the date is looked for in the announcement's reach
            spans.append((pos + found.start(), pos + min(len(line), found.start() + MAX_LINE_CHARS)))
            rest = line[found.end():]
            heads_line = len(words(line[:found.start()])) <= 2  # "5.3 Next meeting", not "... in the next session."
            if heads_line and len(words(rest)) <= 2 and not cues.unset.search(rest) and k + 1 < len(blocks):
                nxt = blocks[k + 1]  # "5.3 Next meeting" / "In three weeks", a label cell and its value cell
                spans.append((nxt.start_char, nxt.start_char + len(nxt.text.split("\n", 1)[0])))
    base = context_for(meeting_date, ctx.date_order, ctx.languages)
    for start, end in spans:
        chunk = text[start:end]
        lang = cues.language_of(text[max(0, start - 40):end]) or base.languages[0]
        nctx = DateContext(tuple(dict.fromkeys((*base.languages, lang))), base.date_order, base.relative_base)
        found = date_after(chunk, start, nctx, meeting_date)
        if found is UNSET:
            continue
        if found:
            return found
    return _scheduled_again(blocks, candidates, meeting_date, base)


def date_after(chunk: str, offset: int, ctx: DateContext, meeting_date: date | None):
    """The first date after the meeting that `chunk` states: (datetime, start, end), UNSET, or None."""
    cues = next_meeting_cues()
    unset = cues.unset.search(chunk)
    for c in dates_in(chunk, offset, "header", ctx):
        if unset and unset.start() < c.start_char - offset:
            return UNSET
        if not c.precise:
            continue  # "meet again in September 2022" names a month, not the meeting's day
        if c.yearless and meeting_date is None:
            continue  # "Monday 17 September" with no meeting date to take the year from
        if meeting_date and c.value <= meeting_date:
            c = _next_year(c, meeting_date)
            if c is None:
                continue
        return _with_time(c, chunk, offset, ctx), c.start_char, c.end_char
    if unset:
        return UNSET
    if meeting_date is None:
        return None
    head = chunk[:MAX_LINE_CHARS]
    m = WEEKDAY_DAY.search(head)
    if m:
        weekday = calendar().weekday(m.group("wd")) if m.group("wd") else None
        day = _day_in_coming_months(int(m.group("d")), weekday, meeting_date)
        if day is not None:
            return datetime.combine(day, datetime.min.time()), offset + m.start(), offset + m.end()
    rel = cues.relative.search(head)
    if rel:
        shift = cues.days_after(rel)
        if shift is not None:
            day = _add_months(meeting_date, shift[1]) + timedelta(days=shift[0])
            if day > meeting_date:
                return datetime.combine(day, datetime.min.time()), offset + rel.start(), offset + rel.end()
    # "Next meeting: Tuesday", "Next meeting: 15/11": a weekday or a day without its year
    for start, end in date_spans(head, ctx.languages) + _day_month_spans(head) \
            + [(w.start(), w.end()) for w in WEEKDAY_WORD.finditer(head)]:
        span = resolve_date(head[start:end], meeting_date, ctx)
        if span is not None and span.granularity == "day":
            day = span.start
            while day <= meeting_date and (day.year - meeting_date.year) < 2:
                try:
                    day = day.replace(year=day.year + 1) if not WEEKDAY_WORD.search(head[start:end]) \
                        else date.fromordinal(day.toordinal() + 7)
                except ValueError:
                    break
            if day > meeting_date:
                return datetime.combine(day, datetime.min.time()), offset + start, offset + end
    return None


def _with_time(c: DateCandidate, chunk: str, offset: int, ctx: DateContext) -> datetime:
    """The date, with the clock time written right after it ("20 April 2023 at 10:00")."""
    when = datetime.combine(c.value, datetime.min.time())
    t = TIME.match(chunk[c.end_char - offset:].lstrip(" ,"))
    if t:
        clock = re.sub(r"^(?:at|a las|à)\s+", "", t.group(0).strip())
        with_time = parse_date(f"{c.value.isoformat()} {clock}", ctx)
        when = with_time if with_time and with_time.date() == c.value else when
    return when


def _day_in_coming_months(day: int, weekday: int | None, meeting_date: date) -> date | None:
    """The first date after the meeting with this day number, in its month or the next two; a stated weekday must
    agree when some such date has it ("Thursday 20th" said on 5 April 2023 is 20 April)."""
    options = []
    for k in range(3):
        first = _add_months(meeting_date.replace(day=1), k)
        if day <= _stdlib_calendar.monthrange(first.year, first.month)[1]:
            d = first.replace(day=day)
            if d > meeting_date:
                options.append(d)
    agreeing = [d for d in options if weekday is None or d.weekday() == weekday]
    return (agreeing or options or [None])[0]


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return d.replace(year=year, month=month, day=min(d.day, _stdlib_calendar.monthrange(year, month)[1]))


def _day_month_spans(chunk: str) -> list[tuple[int, int]]:
    """'15/11', '15.11.': a day and month with no year."""
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\d/.])\d{1,2}[./]\d{1,2}\.?(?![\d/.]|\.\d)", chunk)]


def _next_year(c: DateCandidate, meeting_date: date) -> DateCandidate | None:
    """A day and month written without a year, read as the next such day after the meeting."""
    if re.search(r"(?:19|20)\d{2}|\d[./-]\d{1,2}[./-]\d", c.text):
        return None
    try:
        value = c.value.replace(year=meeting_date.year)
        if value <= meeting_date:
            value = value.replace(year=meeting_date.year + 1)
    except ValueError:
        return None
    return DateCandidate(value, c.source, c.start_char, c.end_char, c.text)


def _scheduled_again(blocks, candidates, meeting_date: date | None, ctx: DateContext
                     ) -> tuple[datetime, int, int] | None:
    """The meeting's own name in a schedule list ("Next Tuesday" / "09:30 StaffSync"): its next occurrence."""
    if meeting_date is None:
        return None
    names = {w for c in candidates[:3] for w in re.findall(r"\b[A-Z][a-z]+[A-Z]\w*|\b[A-Z]{3,}\b", c.heading)}
    if not names:
        return None
    mention = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    for i, b in enumerate(blocks):
        if not mention.search(b.text) or not TIME.search(b.text):
            continue
        for day in reversed(blocks[max(0, i - 3):i]):
            line = clean_heading(day.text)
            if DAY_LINE.match(line) and (day.level or 0) < (b.level or 0):
                when = parse_date(line, DateContext(ctx.languages, ctx.date_order, ctx.relative_base))
                if when is not None and meeting_date < when.date() <= meeting_date.replace(year=meeting_date.year + 1):
                    start = day.start_char + day.text.index(line) if line in day.text else day.start_char
                    return datetime.combine(when.date(), datetime.min.time()), start, start + len(line)
                break
    return None
