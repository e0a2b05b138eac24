"""Date expressions in running text -> (first day, last day, granularity), relative to the meeting date.

"next week", "2nd week of December", "6th Dec to 8th Dec", "Q3", "end of March", "COB Wednesday", "by the next
meeting" (the next meeting's date when the minutes state it). Calendar words come from pipeline/dates/calendar.py.
"""
from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from pipeline.alternation import alternation
from pipeline.dates.calendar import PART_DAYS, calendar
from pipeline.dates.parse import NUMERIC_DATE, DateContext, read_numeric

GRANULARITIES = ("day", "week", "month", "quarter", "year")
_CLOSE_OF = alternation(calendar().close_of)
_PARTS = "|".join(sorted(map(re.escape, calendar().parts), key=len, reverse=True))
_ORDINAL = calendar().ordinals  # "second", "2nd" -> 2, "last" -> -1
_QUARTER_UNITS = "|".join(re.escape(w) for w, u in calendar().unit_words.items() if u == "quarter")  # quarter, trimestre
_QUARTER_ORDINAL = "|".join(sorted((re.escape(w) for w, n in _ORDINAL.items() if 1 <= n <= 4), key=len, reverse=True))
_WEEK_ORDINAL = "|".join(sorted((re.escape(w) for w, n in _ORDINAL.items() if 1 <= n <= 5 or n == -1), key=len, reverse=True))
# The words between the two days of a range, and of a pair of days of one month ("24th and 25th June": both days).
_RANGE = re.compile(rf"^(.+?)\s*(?:\b(?:until|till|through|a|{calendar().range_pattern}|{calendar().pair_pattern})\b"
                    r"|–|—|-|/|&)\s*(.+)$", re.I)
# A day glued to its month after its ordinal suffix, a month glued to its year: "12thDecember", "JUNE2016".
_GLUED = re.compile(rf"(?<=\d)({calendar().day_suffix_pattern()})(?=[^\W\d_]{{3}})|(?<=[^\W\d_]{{3}})(?=(?:19|20)\d\d\b)", re.I)
_LEADS = re.compile(rf"^(?:(?:{calendar().date_lead_pattern})\s+)+", re.I)  # "on the", "el día": dropped
_BARE_DAY = re.compile(rf"\d{{1,2}}({calendar().day_suffix_pattern('en')})?")  # "6" or "6th" before "- 8 December"


@dataclass(frozen=True)
class DateSpan:
    """What a date expression covers: first and last day, and how precise it is."""

    start: date
    end: date
    granularity: str


def _month_end(y: int, m: int) -> date:
    return date(y, m, _cal.monthrange(y, m)[1])


def _month_span(y: int, m: int) -> DateSpan:
    return DateSpan(date(y, m, 1), _month_end(y, m), "month")


# A month named without a year lies within this window around the meeting month: minutes look ahead more
# than back ("training in December" said in May is next December; "October" said in December is past).
MONTHS_BACK, MONTHS_AHEAD = 4, 7


def _nearest_year(month: int, base: date | None) -> int | None:
    """The year of a month named without one, by the window above."""
    if base is None:
        return None
    for y in (base.year - 1, base.year, base.year + 1):
        if -MONTHS_BACK <= (y - base.year) * 12 + month - base.month <= MONTHS_AHEAD:
            return y
    return base.year


def _week_of(d: date) -> DateSpan:
    start = d - timedelta(days=d.weekday())
    return DateSpan(start, start + timedelta(days=6), "week")


@lru_cache(maxsize=4096)
def _month_number(word: str, languages: tuple[str, ...]) -> int | None:
    """A month's number from the calendar file, else from dateparser (for languages the file lacks)."""
    known = calendar().month(word)
    if known is not None:
        return known
    dt = dateparser.parse(f"1 {word} 2000", languages=list(languages) + ["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return dt.month if dt and dt.year == 2000 else None


def _clean(text: str) -> str:
    text = _GLUED.sub(lambda m: (m.group(1) or "") + " ", _LEADS.sub("", text.strip()))
    return re.sub(r"\s+", " ", text.strip(" .,;:()~[]")).strip()


# dateparser takes milliseconds per expression, and minutes repeat their dates ("by 12 March" on every line, in the
# entities, the due dates and the header alike): one cache for every stage of a worker. Arguments and DateSpan are
# immutable.
@lru_cache(maxsize=8192)
def resolve_date(text: str, meeting_date: date | None, ctx: DateContext | None = None) -> DateSpan | None:
    """Resolve one date expression to the days it covers, or None when it points at no calendar time."""
    ctx = ctx or DateContext(relative_base=datetime.combine(meeting_date, datetime.min.time()) if meeting_date else None)
    t = _clean(text)
    cal = calendar()
    close = re.match(rf"(?:{_CLOSE_OF})\b[\s,]*(?:(?:on|of|by|le|el)\s+)?", t, re.I) if _CLOSE_OF else None
    if close and close.end() < len(t):
        t = t[close.end():]  # "COB Wednesday": the day is what it points at
    low = t.lower()
    if not t:
        return None
    if re.sub(r"^(?:the|la|le|el|a)\s+", "", low) in cal.next_meeting:
        nm = ctx.next_meeting
        return DateSpan(nm, nm, "day") if nm else None
    simple = _resolve_simple(low, meeting_date, ctx) or _resolve_numeric(t, meeting_date, ctx)
    if simple is not None:
        return simple
    if _DURATION.fullmatch(low) and not re.match(r"in\s", text.strip(), re.I):
        return None  # "two weeks", "3 months": a length of time, not a point in the calendar
    ahead = re.fullmatch(rf"(?:in\s+)?(\w+)\s+({_AHEAD_UNITS})\s+(?:{cal.ahead_pattern})", low) \
        if meeting_date else None
    if ahead is None and meeting_date and re.match(r"in\s", text.strip(), re.I):
        ahead = re.fullmatch(rf"(\w+)\s+({_AHEAD_UNITS})", low)
    if ahead:
        n = cal.numbers.get(ahead.group(1), int(ahead.group(1)) if ahead.group(1).isdigit() else None)
        if n is not None:
            unit = cal.unit_words[ahead.group(2)]
            if unit == "month":
                span = _shift_unit(meeting_date, "month", n)
                return DateSpan(span.start, span.end, "month") if span else None
            d = meeting_date + timedelta(days=n * (7 if unit == "week" else 1))
            return _week_of(d) if unit == "week" else DateSpan(d, d, "day")
    m = _RANGE.match(t) if not _DAY_MONTH.fullmatch(t) else None
    if m:
        left, right = _clean(m.group(1)), _clean(m.group(2))
        b = resolve_date(right, meeting_date, ctx)
        if b is not None:
            a = None
            if _BARE_DAY.fullmatch(left) and b.granularity == "day":  # "6 - 8 December": of the right side's month
                try:
                    a = DateSpan(b.start.replace(day=int(re.sub(r"\D", "", left))), b.start, "day")
                except ValueError:
                    a = None
            else:
                a = resolve_date(left, meeting_date, ctx)
            if a is not None and a.start <= b.end:
                gran = a.granularity if GRANULARITIES.index(a.granularity) >= GRANULARITIES.index(b.granularity) else b.granularity
                return DateSpan(a.start, b.end, gran)
    return _resolve_parsed(t, meeting_date, ctx)


# The unit words are the calendar's (models/dates/calendar.json): "in 3 days", "two weeks", "3 months", "90 minutes".
_AHEAD_UNITS = calendar().unit_pattern("day", "week", "month")
# A length of time: a number or a count word of the calendar, then a unit ("two weeks", "a few days", "90 minutes").
_DURATION = re.compile(rf"(?:{calendar().count_pattern()}|\d+)[\s-]+(?:more\s+|full\s+)?"
                       rf"(?:{calendar().unit_pattern('day', 'week', 'month', 'year', 'hour', 'minute')})")
_DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")  # "05/08": a day and month in the document's order, not days 5 to 8
_DAY_RANGE = re.compile(r"(\d{1,2})\s*[-–]\s*(\d{1,2})([./-]\d{1,2}[./-]\d{2,4})")
_WITH_TIME = re.compile(r"(.+?)[ ,T]+\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:am|pm|h|hrs)?", re.I)


def _resolve_numeric(text: str, base: date | None, ctx: DateContext) -> DateSpan | None:
    """Numeric forms: 12/12/2017, 2022-07-04, 11-12/10/2021 (a day range), 26.03. (no year), June/2025."""
    t = _WITH_TIME.fullmatch(text).group(1) if _WITH_TIME.fullmatch(text) else text
    r = _DAY_RANGE.fullmatch(t)
    if r:
        a, b = _resolve_numeric(r.group(1) + r.group(3), base, ctx), _resolve_numeric(r.group(2) + r.group(3), base, ctx)
        return DateSpan(a.start, b.end, "day") if a and b and a.start <= b.end else None
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t) or NUMERIC_DATE.fullmatch(t):
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t):
            y, mo, d = (int(x) for x in t.split("-"))
            try:
                day = date(y, mo, d)
            except ValueError:
                return None
        else:
            day = read_numeric(t, ctx.date_order)
            if day is None:
                return None
        return DateSpan(day, day, "day")
    dm = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.?", t)
    if dm and base is not None:
        mo, d = int(dm.group(2)), int(dm.group(1))
        try:
            day = date(_nearest_year(mo, base), mo, d)
        except ValueError:
            return None
        return DateSpan(day, day, "day")
    my = re.fullmatch(r"([^\W\d_]+)\.?\s*[/,]?\s*((?:19|20)\d\d)", t)
    if my:
        mon = _month_number(my.group(1), ctx.languages)
        if mon:
            return _month_span(int(my.group(2)), mon)
    return None


def _resolve_simple(low: str, base: date | None, ctx: DateContext) -> DateSpan | None:
    """Relative points, quarters, weeks of a month and parts of a month: what dateparser does not cover."""
    cal = calendar()
    if low in cal.day_words:
        if base is None:
            return None
        d = base + timedelta(days=cal.day_words[low])
        return DateSpan(d, d, "day")
    m = re.fullmatch(r"(?:(?:la|le|el)\s+)?(\w+)\s+(\w+)(?:\s+(\w+))?", low)
    if m and base is not None:
        a, b, c = m.groups()
        shifts, units = cal.shift, cal.units
        if c is None and a in shifts and b in units or (c is None and b in shifts and a in units):
            shift, unit = (shifts[a], units[b]) if a in shifts else (shifts[b], units[a])
            return _shift_unit(base, unit, shift)
        if c is None and a in shifts:
            wd = _weekday(b, ctx)
            if wd is not None:
                days = (wd - base.weekday()) % 7 or 7
                # "next Monday" said on a Friday is the coming Monday
                d = base + timedelta(days=days if shifts[a] >= 0 else days - 7 if days != 7 else -7)
                return DateSpan(d, d, "day")
            mon = _month_number(b, ctx.languages)
            if mon is not None:
                y = base.year + (1 if shifts[a] > 0 and mon <= base.month else -1 if shifts[a] < 0 and mon >= base.month else 0)
                return _month_span(y, mon)
    q = re.fullmatch(r"q([1-4])(?:\s*[/-]?\s*((?:19|20)\d\d))?", low) or \
        re.fullmatch(rf"({_QUARTER_ORDINAL}) (?:{_QUARTER_UNITS})(?: (?:of |de |du |del )?((?:19|20)\d\d))?", low)
    if q:
        n = int(q.group(1)) if q.group(1).isdigit() else _ORDINAL[q.group(1)]
        y = int(q.group(2)) if q.group(2) else (base.year if base else None)
        if y is None:
            return None
        return DateSpan(date(y, 3 * n - 2, 1), _month_end(y, 3 * n), "quarter")
    w = re.fullmatch(rf"({_WEEK_ORDINAL}) week (?:of|in) (\w+)(?: ((?:19|20)\d\d))?", low)
    if w:
        mon = _month_number(w.group(2), ctx.languages)
        y = int(w.group(3)) if w.group(3) else _nearest_year(mon, base) if mon else None
        if mon is None or y is None:
            return None
        n = _ORDINAL[w.group(1)]
        start = date(y, mon, 1) + timedelta(days=7 * (n - 1)) if n > 0 else _month_end(y, mon) - timedelta(days=6)
        return DateSpan(start, min(start + timedelta(days=6), _month_end(y, mon)), "week")
    low = re.sub(r"^(?:the )?(?:latter|later|last) part", "late", re.sub(r"^(?:the )?(?:first|early|earlier) part", "early", low))
    p = re.fullmatch(rf"(?:the )?({_PARTS})"
                     r"(?: of| de)?[ -](?:the |this |la |le )?(\w+)(?:,? (?:of |de |del )?((?:19|20)\d\d))?", low)
    if p:
        lo, hi = PART_DAYS[cal.parts[p.group(1)]]
        word = p.group(2)
        if word in cal.units and base is not None:
            unit = _shift_unit(base, cal.units[word], 0)
            if unit is None:
                return None
            days = (unit.end - unit.start).days + 1
            a = unit.start + timedelta(days=round((lo - 1) / 31 * days))
            b = unit.start + timedelta(days=max(0, round(min(hi, 31) / 31 * days) - 1))
            return DateSpan(a, min(b, unit.end), "week" if unit.granularity != "week" else "day")
        mon = _month_number(word, ctx.languages)
        y = int(p.group(3)) if p.group(3) else _nearest_year(mon, base) if mon else None
        if mon is None or y is None:
            return None
        return DateSpan(date(y, mon, lo), date(y, mon, min(hi, _month_end(y, mon).day)), "week")
    if re.fullmatch(r"(19|20)\d\d", low):
        y = int(low)
        return DateSpan(date(y, 1, 1), date(y, 12, 31), "year")
    return None


def _weekday(word: str, ctx: DateContext) -> int | None:
    return calendar().weekday(word)


def _shift_unit(base: date, unit: str, shift: int) -> DateSpan | None:
    if unit == "week":
        return _week_of(base + timedelta(days=7 * shift))
    if unit == "weekend":
        sat = base + timedelta(days=(5 - base.weekday()) % 7 + 7 * shift)
        return DateSpan(sat, sat + timedelta(days=1), "day")
    if unit == "month":
        idx = base.year * 12 + base.month - 1 + shift
        return _month_span(idx // 12, idx % 12 + 1)
    if unit == "quarter":
        q = (base.month - 1) // 3 + shift
        y, q = base.year + q // 4, q % 4
        return DateSpan(date(y, 3 * q + 1, 1), _month_end(y, 3 * q + 3), "quarter")
    if unit == "year":
        return DateSpan(date(base.year + shift, 1, 1), date(base.year + shift, 12, 31), "year")
    return None


@lru_cache(maxsize=64)
def _date_data_parser(ctx: DateContext):
    """One DateDataParser per reading context: building one costs far more than parsing."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(ctx.languages), settings=ctx.settings())


def _resolve_parsed(text: str, base: date | None, ctx: DateContext) -> DateSpan | None:
    """Absolute dates, bare months and weekdays, via dateparser with the meeting date as the base."""
    low = text.lower()
    if base is None and not re.search(r"(19|20)\d\d", text):
        return None  # without a meeting date, only a stated year anchors an expression
    wd = _weekday(low, ctx)
    if wd is not None:
        if base is None:
            return None
        d = base + timedelta(days=(wd - base.weekday()) % 7)  # the coming one (or the meeting day itself)
        return DateSpan(d, d, "day")
    mon = _month_number(low, ctx.languages) if re.fullmatch(r"[^\W\d_]+\.?", low) else None
    if mon is not None:
        y = _nearest_year(mon, base)
        return _month_span(y, mon) if y else None
    try:
        data = _date_data_parser(ctx).get_date_data(text)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return DateSpan(date(d.year, 1, 1), date(d.year, 12, 31), "year")
    if period == "month":
        if not re.search(r"(19|20)\d\d", text) and base is not None:
            return _month_span(_nearest_year(d.month, base), d.month)
        return _month_span(d.year, d.month)
    if period == "week":
        return _week_of(d)
    if not re.search(r"(19|20)\d\d", text) and base is not None:
        # A day and month without a year: the occurrence nearest the meeting.
        y = _nearest_year(d.month, base)
        try:
            d = d.replace(year=y)
        except ValueError:
            return None
    return DateSpan(d, d, "day")
