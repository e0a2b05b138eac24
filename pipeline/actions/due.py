"""When an action is due: a deadline cell or line, else a date written in the action itself."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from pipeline.dates import DateContext, as_date, parse_date
from pipeline.model import Mention

# Date expressions worth reading when the entities stage gave no DATE mention for the span.
DATE_TEXT = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
    r"|(?:next|this)\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow)\b",
    re.IGNORECASE,
)
WEEKDAY = re.compile(r"^(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.IGNORECASE)
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _next_weekday(name: str, base: date) -> date:
    """The first such weekday after the meeting: 'on Thursday' in minutes means the coming one."""
    ahead = (DAYS.index(name.lower()) - base.weekday()) % 7 or 7
    return base + timedelta(days=ahead)


def read_due(text: str, ctx: DateContext, meeting: date | None) -> tuple[date | None, str] | None:
    """(date, text as written) of the first date expression in text, None if there is none."""
    for m in DATE_TEXT.finditer(text):
        expr = m.group(0)
        wd = WEEKDAY.match(expr)
        if wd and meeting is not None:
            return _next_weekday(wd.group(1), meeting), expr
        if len(expr) < 3 or (re.fullmatch(r"[a-z]+", expr, re.IGNORECASE) and expr.lower() in ("may", "mar", "jun")):
            continue  # the modal "may" and other short words are not dates
        parsed = as_date(parse_date(expr, ctx))
        if parsed is not None:
            return parsed, expr
    return None


def due_from_mentions(mentions: list[Mention], meeting: date | None) -> tuple[date | None, str] | None:
    """The first dated mention that is not before the meeting."""
    for m in sorted(mentions, key=lambda m: m.start_char):
        when = m.date_end if m.granularity not in (None, "day") and m.date_end else m.date_start
        if when is None or (meeting is not None and when < meeting):
            continue
        return when, m.text
    return None


def context_for(meeting: date | None, date_order: str, languages: tuple[str, ...]) -> DateContext:
    base = datetime(meeting.year, meeting.month, meeting.day) if meeting else None
    return DateContext(languages=languages, date_order=date_order, relative_base=base)
