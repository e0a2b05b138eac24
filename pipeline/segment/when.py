"""The meeting's date and the next meeting's date: candidates from the header, the title and the file name.

Each candidate carries how much it is trusted (a labelled header field over a date in the title over a date in
the file name). Candidates that agree with each other gain; a date whose stated weekday contradicts it loses,
since "Tuesday 4 March 2021" is wrong about one of its two parts and the other sources settle which.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from pipeline.dates import DateContext, parse_date

_MONTHS = (r"jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|"
           r"jun(?:e)?|juin|jul(?:y)?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|sept(?:embre)?|"
           r"oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?|enero|febrero|marzo|abril|"
           r"mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|januar|februar|m[äa]rz|"
           r"juni|juli|oktober|dezember|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|"
           r"dezembro")
_WEEKDAYS = (r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|"
             r"sun(?:day)?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|"
             r"viernes|s[áa]bado|domingo")
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?:19|20)\d{2}"
# A date expression: ISO, numeric (with an optional leading day range "11-12/10/2021"), or with a month name.
DATE_EXPRESSION = re.compile(
    rf"(?:(?:{_WEEKDAYS})\.?,?\s+(?:the\s+)?)?(?:"
    rf"(?<!\d)(?P<iso>{_YEAR}-\d{{1,2}}-\d{{1,2}})(?!\d)"
    rf"|(?<![\d/.-])(?:\d{{1,2}}\s*[-–]\s*)?(?P<num>\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d{{2}}))(?![\d/.-])"
    rf"|(?P<dmy>{_DAY}(?:\s*(?:[-–]|to|al|au)\s*{_DAY})?\s+(?:de\s+|of\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+|del\s+)?{_YEAR})"
    rf"|(?P<mdy>(?:{_MONTHS})\.?\s+{_DAY}(?:\s*[-–]\s*{_DAY})?,?\s+{_YEAR})"
    rf"|(?P<my>(?:{_MONTHS})\.?,?\s+{_YEAR})"
    rf"|(?P<nodm>{_DAY}\s+(?:de\s+)?(?:{_MONTHS})\b|(?:{_MONTHS})\.?\s+{_DAY}(?!\d))"
    rf")", re.I)
_WEEKDAY_AT_START = re.compile(rf"^(?P<wd>{_WEEKDAYS})\b", re.I)
# A day range keeps its first day: "11-12/10/2021" -> "11/10/2021", "6th - 8th December" -> "6th December".
_DAY_RANGE = re.compile(r"^(\d{1,2}(?:st|nd|rd|th)?)\s*(?:[-–]|to|al|au)\s*\d{1,2}(?:st|nd|rd|th)?(?=[./-]\d{1,2}[./-]\d{2,4}$|\s+\D)", re.I)
# Dates in file names: 2017-12-06, 2017_12_06, 20171206, 171212 (YYMMDD), 5-4-2016.
_FILE_DATE = re.compile(r"(?<!\d)(?:(?P<y>(?:19|20)\d{2})[-_.]?(?P<m>\d{2})[-_.]?(?P<d>\d{2})"
                        r"|(?P<d2>\d{1,2})[-_.](?P<m2>\d{1,2})[-_.](?P<y2>(?:19|20)?\d{2})"
                        r"|(?P<yy>\d{2})(?P<mm>[01]\d)(?P<dd>[0-3]\d))(?!\d)")
_FILE_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.](?P<m>0[1-9]|1[0-2])(?![\d])")

TRUST = {"header": 3.0, "title": 2.0, "heading": 1.5, "file_name": 1.0}


@dataclass(frozen=True)
class DateCandidate:
    """One place the meeting date may be read from."""

    value: date
    source: str  # header | title | heading | file_name
    start_char: int | None  # None for the file name
    end_char: int | None
    text: str
    precise: bool = True  # False for a month without a day
    weekday_clash: bool = False


def dates_in(text: str, offset: int, source: str, ctx: DateContext) -> list[DateCandidate]:
    """Every date expression in `text` (which starts at `offset` in the document) that dateparser can read."""
    out = []
    for m in DATE_EXPRESSION.finditer(text):
        if m.group("nodm") and source != "header":
            continue  # a day and month without a year counts only in a labelled field
        expression, start = m.group(0), m.start()
        head = _DAY_RANGE.match(expression)
        if head and not _plausible_range(expression, head):
            start += head.end(1)  # "Meeting 2 – 19th May 2020": a number, then the date
            start += len(text[start:m.end()]) - len(text[start:m.end()].lstrip(" -–toalu"))
            expression = text[start:m.end()]
        value = _parse(expression, ctx, precise=not m.group("my"))
        if value is None:
            continue
        out.append(DateCandidate(value, source, offset + start, offset + m.end(), expression,
                                 precise=not m.group("my"), weekday_clash=_weekday_clash(expression, value, ctx)))
    return out


def _plausible_range(expression: str, head: re.Match) -> bool:
    """"6-8 December" is a range; "2 – 19th May" is an item number before a date."""
    days = [int(d) for d in re.findall(r"\d+", expression[:head.end() + 4])[:2]]
    return len(days) == 2 and 0 < days[1] - days[0] <= 14


def _parse(expression: str, ctx: DateContext, precise: bool) -> date | None:
    core = _DAY_RANGE.sub(r"\1", _WEEKDAY_AT_START.sub("", expression).lstrip(" ,.")).strip()
    core = re.sub(r"(?<=\d)(?:º|°)", "", core)
    parsed = _numeric(core, ctx) if NUMERIC.fullmatch(core) else parse_date(core, ctx)
    if parsed is None or not (1990 <= parsed.year <= 2100):
        return None
    return parsed.date() if precise else parsed.date().replace(day=1)


NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")


def _numeric(core: str, ctx: DateContext) -> datetime | None:
    """A numeric date in the document's day/month order (dateparser misreads two-digit years: "7-3-19")."""
    a, b, y = (int(x) for x in NUMERIC.fullmatch(core).groups())
    y = y + 2000 if y < 100 else y
    day, month = (b, a) if ctx.date_order == "MDY" else (a, b)
    try:
        return datetime(y, month, day)
    except ValueError:
        try:
            return datetime(y, day, month)  # the other order, when only it makes a date
        except ValueError:
            return None


def _weekday_clash(expression: str, value: date, ctx: DateContext) -> bool:
    wd = _WEEKDAY_AT_START.match(expression.strip())
    if not wd:
        return False
    named = parse_date(wd.group("wd"), DateContext(languages=ctx.languages, relative_base=datetime(2024, 1, 3)))
    return named is not None and named.weekday() != value.weekday()


def file_name_dates(source_path: str, ctx: DateContext) -> list[DateCandidate]:
    """Dates written in the file name, day/month order as in the document."""
    name = source_path.rsplit("/", 1)[-1]
    out = []
    for m in _FILE_DATE.finditer(name):
        try:
            if m.group("y"):
                value = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            elif m.group("y2"):
                y = int(m.group("y2"))
                y = y + 2000 if y < 100 else y
                a, b = int(m.group("d2")), int(m.group("m2"))
                d, mo = (b, a) if ctx.date_order == "MDY" and a <= 12 else (a, b)
                value = date(y, mo, d)
            else:
                value = date(2000 + int(m.group("yy")), int(m.group("mm")), int(m.group("dd")))
        except ValueError:
            continue
        out.append(DateCandidate(value, "file_name", None, None, m.group(0)))
    if not out:
        for m in _FILE_MONTH.finditer(name):
            out.append(DateCandidate(date(int(m.group("y")), int(m.group("m")), 1), "file_name", None, None,
                                     m.group(0), precise=False))
    return out


def best_meeting_date(candidates: list[DateCandidate]) -> DateCandidate | None:
    """The most trusted candidate, weighing agreement between sources and stated weekdays against the date."""
    if not candidates:
        return None

    def score(c: DateCandidate) -> tuple[float, int]:
        s = TRUST[c.source] + (1.0 if c.precise else -2.0)
        others = {o.source for o in candidates if o.source != c.source and o.value == c.value}
        s += 1.0 * len(others)
        if c.precise and any(not o.precise and (o.value.year, o.value.month) == (c.value.year, c.value.month)
                             for o in candidates):
            s += 0.5
        if c.weekday_clash:
            s -= 3.0
        return s, -(c.start_char if c.start_char is not None else 10**12)

    return max(candidates, key=score)
