"""The meeting's date and the next meeting's date: candidates from the header, the title and the file name.

Each candidate carries how much it is trusted (a labelled header field over a date in the title over a date in
the file name). Candidates that agree with each other gain; a date whose stated weekday contradicts it loses,
since "Tuesday 4 March 2021" is wrong about one of its two parts and the other sources settle which.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache

from pipeline.config import MODELS_DIR
from pipeline.dates import DateContext, calendar, numeric_is_ambiguous, parse_date, read_numeric
from pipeline.dates.find import DATE_EXPRESSION, WEEKDAYS, WEEKDAY_AT_START as _WEEKDAY_AT_START
from pipeline.segment.cues import heading_words

# A day range keeps its first day: "11-12/10/2021" -> "11/10/2021", "6th - 8th December" -> "6th December".
_SUFFIX = calendar().day_suffix_pattern("en")
# A pair of days ("3rd and 5th April") keeps its first day too; the second may be glued to its month ("5thAPRIL").
_DAY_RANGE = re.compile(rf"^(\d{{1,2}}(?:{_SUFFIX})?)\s*(?:[-–]|{calendar().range_pattern}|{calendar().pair_pattern})\s*"
                        rf"\d{{1,2}}(?:{_SUFFIX})?(?=[./-]\d{{1,2}}[./-]\d{{2,4}}$|\s+\D|(?<=[^\W\d_])[^\W\d_])", re.I)
# Words and numbers a converter glued together ("5thAPRIL2022", "October17"): set apart before dateparser reads them.
_GLUED_SUFFIX = re.compile(rf"(?<=\d)({_SUFFIX})(?=[^\W\d_])", re.I)
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")
# Dates in file names: 2017-12-06, 2017_12_06, 20171206, 171212 (YYMMDD), 5-4-2016.
_FILE_DATE = re.compile(r"(?<!\d)(?:(?P<y>(?:19|20)\d{2})[-_.]?(?P<m>\d{2})[-_.]?(?P<d>\d{2})"
                        r"|(?P<d2>\d{1,2})[-_.](?P<m2>\d{1,2})[-_.](?P<y2>(?:19|20)?\d{2})"
                        r"|(?P<yy>\d{2})(?P<mm>[01]\d)(?P<dd>[0-3]\d))(?!\d)")
_FILE_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.](?P<m>0[1-9]|1[0-2])(?![\d])")

TRUST = {"header": 3.0, "title": 2.0, "heading": 1.5, "body": 1.2, "file_name": 1.0}
AMBIGUOUS_FILE_DATE = 0.8  # "4-6-16" in a file name reads two ways: less trusted than any date in the text
# A weekday stated after the date: "17 November 16 (Thursday)".
_WEEKDAY_AFTER = re.compile(rf"^\s*[(,]?\s*(?P<wd>{WEEKDAYS})\b", re.I)
# What follows a day number, in every calendar language ("6th", "1er", "1ro", "2º").
_DAY_SUFFIX = re.compile(rf"(?<=\d)(?:{calendar().day_suffix_pattern()})(?![^\W\d_])", re.I)
# A two-digit year after a month name: "1st Feb 16", "31 August16".
_SHORT_YEAR = re.compile(rf"(?<=[^\W\d_]|[.,\s])\s*'?(\d{{2}})$")


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
    yearless: bool = False  # "17 November": the year is the document's, not today's
    ambiguous: bool = False  # a numeric file-name date whose day/month order is unsure
    stated_weekday: int | None = None  # the weekday written with the date (0 = Monday)


def dates_in(text: str, offset: int, source: str, ctx: DateContext, *, yearless: bool = False) -> list[DateCandidate]:
    """Every date expression in `text` (which starts at `offset` in the document) that dateparser can read.

    A day and month without a year count in a labelled field, where `yearless` says so (the title line), and in
    a title line with their weekday ("Tuesday 11 Dec"); the document's year is set on them later."""
    out = []
    for m in DATE_EXPRESSION.finditer(text):
        if m.group("nodm") and source != "header" and not yearless \
                and not (source == "title" and _stated_weekday(m.group(0)) is not None):
            continue
        expression, start = m.group(0), m.start()
        head = _DAY_RANGE.match(expression)
        if head and (not _plausible_range(expression, head) or _numbers_the_meeting(text[:m.start()], expression, head)):
            start += head.end(1)  # "Meeting 2 – 19th May 2020": a number, then the date
            start += len(text[start:m.end()]) - len(text[start:m.end()].lstrip(" -–toalu"))
            expression = text[start:m.end()]
        value = _parse(expression, ctx, precise=not m.group("my"), short_year=bool(m.group("dmy")))
        if value is None:
            continue
        after = _WEEKDAY_AFTER.match(text[m.end():m.end() + 16])
        weekday = _stated_weekday(expression)
        weekday = weekday if weekday is not None or after is None else calendar().weekday(after.group("wd"))
        out.append(DateCandidate(value, source, offset + start, offset + m.end(), expression,
                                 precise=not m.group("my"), weekday_clash=weekday is not None and weekday != value.weekday(),
                                 yearless=bool(m.group("nodm")), stated_weekday=weekday))
    return out


def _numbers_the_meeting(before: str, expression: str, head: re.Match) -> bool:
    """"Team Minutes 4 – 11th March": a number after the meeting's own noun, set apart from the date by a
    spaced dash, counts meetings; "Workshop 3–5 March" (no spaces) stays a range of days."""
    spaced = re.match(r"\s+\S+\s", expression[head.end(1):])
    return bool(spaced) and bool(heading_words().series_noun.search(before))


def _plausible_range(expression: str, head: re.Match) -> bool:
    """"6-8 December" is a range; "2 – 19th May" is an item number before a date."""
    days = [int(d) for d in re.findall(r"\d+", expression[:head.end() + 4])[:2]]
    return len(days) == 2 and 0 < days[1] - days[0] <= 14


def _parse(expression: str, ctx: DateContext, precise: bool, short_year: bool = False) -> date | None:
    """The date of one expression; a two-digit year is read only where the day stands before the month
    ("1st Feb 16"): after a month, the number is its day ("March 15")."""
    core = _DAY_RANGE.sub(r"\1", _WEEKDAY_AT_START.sub("", expression).lstrip(" ,.")).strip()
    core = _LETTER_DIGIT.sub(" ", _GLUED_SUFFIX.sub(r"\1 ", core))
    core = _DAY_SUFFIX.sub("", core)  # "1ro de abril", "2º": dateparser reads the bare day
    if short_year and not NUMERIC.fullmatch(core) and not re.search(r"(?:19|20)\d\d", core):
        core = _SHORT_YEAR.sub(lambda y: f" 20{y.group(1)}", core)
    parsed = _numeric(core, ctx) if NUMERIC.fullmatch(core) else parse_date(core, _month_languages(core, ctx))
    if parsed is None or not (1990 <= parsed.year <= 2100):
        return None
    return parsed.date() if precise else parsed.date().replace(day=1)


NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")


def _month_languages(core: str, ctx: DateContext) -> DateContext:
    """"3 mai 2012" in a document read as English: the month word's own languages (the calendar's) read it too."""
    found = [lang for w in re.findall(r"[^\W\d_]+", core.lower()) for lang in sorted(calendar().month_languages.get(w, ()))]
    if not found or set(found) & set(ctx.languages):
        return ctx
    return replace(ctx, languages=tuple(dict.fromkeys((*ctx.languages, *found))))


def _numeric(core: str, ctx: DateContext) -> datetime | None:
    day = read_numeric(core, ctx.date_order)
    return datetime(day.year, day.month, day.day) if day else None


def _stated_weekday(expression: str) -> int | None:
    wd = _WEEKDAY_AT_START.match(expression.strip())
    return calendar().weekday(wd.group("wd")) if wd else None


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
                if numeric_is_ambiguous(f"{a}-{b}-{m.group('y2')}"):
                    out.append(DateCandidate(value, "file_name", None, None, m.group(0), ambiguous=True))
                    try:  # the other reading, equally unsure: the text settles which
                        out.append(DateCandidate(date(y, d, mo), "file_name", None, None, m.group(0), ambiguous=True))
                    except ValueError:
                        pass
                    continue
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
        s = TRUST[c.source] + (1.0 if c.precise else -2.0) - (AMBIGUOUS_FILE_DATE if c.ambiguous else 0.0)
        others = {o.source for o in candidates if o.source != c.source and o.value == c.value}
        s += 1.0 * len(others)
        if c.precise and any(not o.precise and (o.value.year, o.value.month) == (c.value.year, c.value.month)
                             for o in candidates):
            s += 0.5
        if c.weekday_clash:
            s -= 3.0
        return s, -(c.start_char if c.start_char is not None else 10**12)

    return max(candidates, key=score)


def with_document_year(candidates: list[DateCandidate], text: str) -> list[DateCandidate]:
    """A day and month stated without a year take the year the document's other dates give, not today's; with no
    year anywhere they are dropped."""
    if not any(c.yearless for c in candidates):
        return candidates
    years = [c.value.year for c in candidates if not c.yearless]
    if not years:
        years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text[:5000])]
    if not years:  # nothing states the year: the date is left unread rather than put in the year it is read in
        return [c for c in candidates if not c.yearless]
    year = max(set(years), key=years.count)
    out = []
    for c in candidates:
        if c.yearless and c.value.year != year:
            try:
                value = c.value.replace(year=year)
            except ValueError:
                value = c.value
            c = replace(c, value=value, weekday_clash=c.stated_weekday is not None and c.stated_weekday != value.weekday())
        out.append(c)
    return out


SITE_DATES_PATH = MODELS_DIR / "segment" / "meeting_date.json"


@dataclass(frozen=True)
class SiteWords:
    """The words a web page prints beside its own dates (models/segment/meeting_date.json), all languages merged."""

    words: re.Pattern
    reach: int  # characters on either side of a date

    def near(self, line: str, start: int, end: int) -> bool:
        """True when the date at line[start:end] has a site word on its line within reach: "17.03.2015 Views"."""
        return bool(self.words.search(line[max(0, start - self.reach):start])
                    or self.words.search(line[end:end + self.reach]))


def load_site_words(path=SITE_DATES_PATH) -> SiteWords:
    raw = json.loads(path.read_text(encoding="utf-8"))
    words = [w for lang, sec in raw.items() if not lang.startswith("_") for w in sec.get("site_words", ())]
    return SiteWords(re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![\w-])", re.I),
                     int(raw.get("_site_reach", 30)))


@lru_cache(maxsize=1)
def site_words() -> SiteWords:
    """The shipped site words, loaded once per process."""
    return load_site_words()


@dataclass(frozen=True)
class StartWords:
    """The words that open "the meeting started at 10:00am" (models/segment/meeting_date.json), all languages."""

    cue: re.Pattern
    reach: int = 20  # characters after the cue the clock time is looked for in


def load_start_words(path=SITE_DATES_PATH) -> StartWords:
    raw = json.loads(path.read_text(encoding="utf-8"))
    cues = [w for lang, sec in raw.items() if not lang.startswith("_") for w in sec.get("start_cues", ())]
    return StartWords(re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(cues, key=len, reverse=True)) or '(?!)'})", re.I))


@lru_cache(maxsize=1)
def start_words() -> StartWords:
    """The shipped start cues, loaded once per process."""
    return load_start_words()
