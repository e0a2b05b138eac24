"""Where date expressions are in text, and what is shaped like a date but is not one.

One set of patterns, built from the calendar words, serves the meeting header (DATE_EXPRESSION), the due dates
of actions (DUE_EXPRESSION) and the entities stage (date_spans for recall, not_a_date for precision).
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.alternation import alternation
from pipeline.dates.calendar import calendar

_CAL = calendar()
MONTHS = _CAL.month_pattern
WEEKDAYS = _CAL.weekday_pattern
FULL_MONTHS = _CAL.full_month_pattern
_EN_ORDINAL = _CAL.day_suffix_pattern("en")  # the English suffixes of a numbered street ("16th Ave", "1401 2nd")
DAY = rf"\d{{1,2}}(?:{_CAL.day_suffix_pattern()})?"  # "6th", "1er", "2º": models/dates/calendar.json
YEAR = r"(?:19|20)\d{2}"

# A date expression: ISO, numeric (with an optional leading day range "11-12/10/2021"), or with a month name (a
# leading day range with or without the year: "3-4 May 2023", "du 3 au 4 mai"; the month first, as in "May 4, 2023"
# and the Latin American "mayo 4 de 2023").
# A converter that dropped the spaces glues a day's ordinal suffix to its month ("9thMARCH2019", "4thOctober17"),
# two days to their "and" ("3rdand 5thAPRIL") and the year to the clock time after it ("21stNovember,
# 201809:30am"): a capital after the suffix marks the month, and a year runs on into digits only as "HH:MM".
_GLUED_MONTH = rf"(?<=[^\W\d_])(?-i:(?=[A-Z]))"
_YEAR_BEFORE_TIME = rf"{YEAR}(?:(?!\d)|(?=\d{{1,2}}[:.]\d{{2}}(?!\d)))"
DATE_EXPRESSION = re.compile(
    rf"(?:(?:{WEEKDAYS})\.?,?\s+(?:the\s+)?)?(?:"
    rf"(?<!\d)(?P<iso>{YEAR}-\d{{1,2}}-\d{{1,2}})(?!\d)"
    rf"|(?<![\d/.-])(?:\d{{1,2}}\s*[-–]\s*)?(?P<num>\d{{1,2}}[./-]\d{{1,2}}[./-](?:{YEAR}|\d{{2}}))(?![\d/.-])"
    rf"|(?<!\d)(?P<dmy>{DAY}(?:\s*(?:[-–]|{_CAL.range_pattern}|{_CAL.pair_pattern})\s*{DAY})?(?:[\s-]+|{_GLUED_MONTH})"
    rf"(?:de\s+|of\s+)?(?:{MONTHS})\.?,?[\s-]*(?:de\s+|del\s+)?"
    rf"(?:{_YEAR_BEFORE_TIME}|'?\d{{2}}(?![\d:])))"
    rf"|(?P<mdy>(?:{MONTHS})\.?\s+{DAY}(?:\s*[-–]\s*{DAY})?(?:,?\s+|\s+del?\s+){YEAR})"
    rf"|(?P<my>(?:{MONTHS})\.?,?\s+{YEAR})"
    rf"|(?<!\d)(?P<nodm>{DAY}(?:\s*(?:[-–]|{_CAL.range_pattern})\s*{DAY})?\s+(?:de\s+)?(?:{MONTHS})\b"
    rf"|(?:{MONTHS})\.?\s+{DAY}(?!\d))"
    rf")", re.I)
WEEKDAY_AT_START = re.compile(rf"^(?P<wd>{WEEKDAYS})\b", re.I)

# Date expressions worth reading in an action's own text when the entities stage gave no DATE mention.
_CLOSE = alternation(_CAL.close_of)
_NEXT = alternation(_CAL.next_meeting)
_PART = "|".join(sorted(map(re.escape, _CAL.parts), key=len, reverse=True))
DUE_EXPRESSION = re.compile(
    rf"(?<![\w/.-])(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|{YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:(?:the\s+)?(?:{_PART})\s+(?:of\s+|de\s+)?)?(?:{DAY}\s+(?:of\s+|de\s+)?)?(?:{MONTHS})\.?(?:\s+{DAY}(?!\d))?(?:,?\s+{YEAR})?"
    rf"|(?:next|this|coming)\s+(?:week|month|{WEEKDAYS})"
    rf"|q[1-4](?:\s*(?:19|20)\d\d)?"
    + (rf"|(?:{_CLOSE})\s*(?:on\s+)?(?:{WEEKDAYS})" if _CLOSE else "")
    + rf"|(?:on\s+)?(?:{WEEKDAYS})|tomorrow"
    + (rf"|(?:the\s+)?(?:{_NEXT})" if _NEXT else "")
    + r")(?![\w-])", re.I)

# --- the entities stage -------------------------------------------------------------------------------------
# Shapes the statistical model misses: 19.02.2016, 11/2/13, 5-24-05, "8-Oct 2010", "31 August16", "COB
# Wednesday", and month names of every calendar language ("12 de diciembre de 2017", "5 mars 2019").
_NUM = r"(?<![\w/.-])(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>(?:19|20)?\d{2})(?![\w/-]|\.\d)"
# Two days of one month stay one date: a range ("6 to 8 May", "du 6 au 8 mai") or a pair ("24th and 25th June",
# "el 1 y el 2 de julio"); a day glued to its month after an ordinal suffix ("12thDecember"), or set apart by
# slashes ("31/May/2022").
_DAY_ARTICLE = r"(?:(?:le|el|the)\s+)?"
_DAYS = rf"{DAY}(?:\s*(?:[-–]|(?:{_CAL.range_pattern}|{_CAL.pair_pattern})(?!\w))\s*{_DAY_ARTICLE}{DAY})?"
_NAMED = (rf"(?<![\w-])(?:(?:{WEEKDAYS})\.?,?\s+)?(?:{_DAYS}(?:\s+|[-/]|\s+de\s+|\s+of\s+|(?<=[^\W\d_]))"
          rf"(?:{FULL_MONTHS}|{MONTHS}\.?)(?:(?:,?\s+|[-/]|\s+de\s+|\s+del\s+)?{YEAR}|(?<=[a-z])\d{{2}}(?!\d))?"
          rf"|(?:{FULL_MONTHS}|{MONTHS}\.)\s+{DAY}(?!\d)(?:(?:,?\s+|\s+del?\s+){YEAR})?"
          rf"|(?:{FULL_MONTHS})(?:\s+(?:de\s+)?{YEAR})?)(?:(?![\w-])|(?<=\d{{4}})(?=\d{{1,2}}[:.]\d{{2}}(?!\d)))")
_WEEKDAY_NUM = rf"(?<![\w-])(?:{WEEKDAYS})\.?,?\s+\d{{1,2}}[/-]\d{{1,2}}(?:[/-](?:19|20)?\d{{2}})?(?![\w/-])"
_RELATIVE = rf"(?<![\w-])(?:{_CAL.relative_pattern()})(?![\w-])"  # "next week", "la semaine prochaine"
# A part of a named month: "fin mars", "finales de mayo", "mid-April", "end of June 2015" (the calendar's parts).
_PART_OF_MONTH = (rf"(?<![\w-])(?:{_PART})(?:\s+of|\s+de|\s+d['’]|-|\s)\s*(?:{FULL_MONTHS})"
                  rf"(?:,?\s+(?:de\s+|del\s+)?{YEAR})?(?![\w-])")
# A numbered quarter: "Q3 2014" (a bare "Q3" may number a question), "the second quarter of 2015", "2e trimestre
# 2014", "tercer trimestre de 2016".
# singular only: "two quarters" is a length
_QUARTER_UNITS = alternation(w for w, u in _CAL.unit_words.items() if u == "quarter" and not w.endswith("s"))
_QUARTER = (rf"(?<![\w-])(?:q[1-4]\s*[-/]?\s*{YEAR}|(?:{_CAL.ordinal_pattern(1, 4)})\s+(?:{_QUARTER_UNITS})"
            rf"(?:\s+(?:of\s+|de\s+|du\s+|del\s+)?{YEAR})?)(?![\w-])")
DATE_SHAPES = tuple(re.compile(p, re.I) for p in (
    _NUM, _NAMED, _WEEKDAY_NUM, _RELATIVE, _PART_OF_MONTH, _QUARTER,
    *((rf"(?<![\w-])(?:{_CLOSE})\s*(?:on\s+)?(?:{WEEKDAYS}|today|tomorrow)(?![\w-])",) if _CLOSE else ()),
))
# Full month names that are also words or names: a date only next to a day, a year or a date word.
_AMBIGUOUS_MONTHS = frozenset({"may", "mar", "march", "mai", "august", "june", "april", "jun", "dec", "sun", "sat",
                               "wed", "mon"})


_MONTH_LEAD = re.compile(rf"(?:^|\s)(?:{_CAL.month_lead_pattern})\s*$", re.I)


def _plausible_numeric(m: re.Match) -> bool:
    a, b = int(m.group("a")), int(m.group("b"))
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)


def date_spans(text: str, languages: tuple[str, ...] = ("en",)) -> list[tuple[int, int]]:
    """(start, end) of date expressions of the shapes above, longest first where they overlap.

    A month named alone counts only in the document's languages: "Mars" is March in French, a planet in English.
    """
    found: list[tuple[int, int]] = []
    for rx in DATE_SHAPES:
        for m in rx.finditer(text):
            if rx.pattern == _NUM and not _plausible_numeric(m):
                continue
            s, e = m.start(), m.end()
            last = (re.findall(r"[^\W\d_]+", text[s:e]) or [""])[-1]
            if rx.pattern == _PART_OF_MONTH and last.islower() and "en" in _CAL.month_languages.get(last, ()) \
                    and last in _AMBIGUOUS_MONTHS:
                continue  # "the start of may be": a modal verb
            core = text[s:e].strip().lower().rstrip(".")
            if core in _AMBIGUOUS_MONTHS or (core in _CAL.months and len(core) <= 3):
                continue  # "May", "March", "Dec" alone: a modal verb, a walk, a name
            if core in _CAL.months and not _CAL.month_languages[core] & set(languages):
                continue
            if core in _CAL.months and not text[s:s + 1].isupper() and not _MONTH_LEAD.search(text[max(0, s - 12):s]):
                continue  # a lower-case month alone counts after "en", "de", "in", "fin" ("en mars", "fin de mayo")
            found.append((s, e))
    found.sort(key=lambda se: (se[0], -(se[1] - se[0])))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out


# Shaped like a date, but a roll call or resolution number ("05-1103", "2005-26"), a phone number ("283-4209",
# "(555) 201-3344"), a street address ("2535 E. 16th", "1401 2nd"), an age ("age 65"), a clock time ("5:38"),
# a humanitarian "3W"/"4W" matrix (who does what where), however it is spaced ("3 W Matrix").
_NOT_DATE = re.compile(
    r"^(?:\d{2}-\d{3,}(?:\s+\d+)?"
    r"|(?:\(\d{3}\)\s*)?\d{3}[-.]\d{4}"
    r"|\d{3}[-.]\d{3}[-.]\d{4}"
    rf"|\d{{2,5}}\s+(?:[NSEW]\.?\s+)?\d{{1,3}}(?:{_EN_ORDINAL})"
    r"|(?:aged?|ages)\s+\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r"|\d+\)\s*\w+"
    r"|[345]\s?W(?:\s+[A-Za-z]+)?"
    r")$", re.I)
_YEAR_DASH = re.compile(r"^((?:19|20)\d\d)\s*[-–]\s*(\d{2})$")
_HOUSE_NUMBER = re.compile(r"\d{4}")
# Two groups of digits where the first is no year of these centuries, or both have four digits: phone numbers
# ("3492 5629") and roll-call or resolution numbers read apart ("3494 18").
_DIGIT_GROUPS = re.compile(r"(?!(?:19|20)\d\d\s+\d{1,2}$)\d{3,4}\s+\d{1,4}")
_COUNTED_AFTER = re.compile(r"[ \t]+(?!of\b)[a-z]{2,}\b")


# The bare unit words a span may hold alone and still not be a date: English's only, since spaCy's English model
# tags them, and other languages' unit words are English words too ("an" is a French year).
_GENERIC_UNITS = frozenset(w for w, u in _CAL.language_units["en"].items() if u in {"day", "week", "month", "year"})
_POINT_WORDS = frozenset(_CAL.months) | frozenset(_CAL.weekdays) | frozenset(_CAL.shift) | frozenset(_CAL.day_words) \
    | frozenset(_CAL.parts) | frozenset({"weekend", "quarter", "few"})
_GLUED = re.compile(r"^\d+[A-Z][a-z]+\b")  # "10Number of Agencies": a table read without its spaces
_NUMBERED_WORD = re.compile(r"^\d{1,2}\.([A-Z][a-z]+)$")  # "2.Jomo did the survey": an item number glued to a name


def not_a_date(text: str, following: str = "") -> bool:
    """True when `text` has a date's digits but is a number of another kind; `following` is the text after it.

    Also a span whose only calendar word is a bare unit ("the proposal day", "two additional year").
    """
    t = text.strip()
    if _NOT_DATE.match(t) or _GLUED.match(t):
        return True
    glued = _NUMBERED_WORD.match(t)
    if glued and glued.group(1).lower() not in _POINT_WORDS:
        return True
    low = re.findall(r"[^\W\d_]+", t.lower())
    if low and not re.search(r"\d", t) and set(low) & _GENERIC_UNITS and not set(low) & _POINT_WORDS:
        return True
    yd = _YEAR_DASH.match(t)
    if yd:  # "2015-16" is a fiscal year; "2005-26" an ordinance number
        y, tail = int(yd.group(1)), int(yd.group(2))
        return not 0 < (tail - y % 100) % 100 <= 2
    if re.fullmatch(rf"\d{{1,4}}(?:{_EN_ORDINAL})", t, re.I):
        # "22nd Street", "16th Ave"; "2nd run", "3rd party": an ordinal before a common noun counts that thing
        return bool(_street_after(following)) or bool(_COUNTED_AFTER.match(following))
    if _HOUSE_NUMBER.fullmatch(t):
        return _address_after(following)  # "1910 Ashcombe Avenue", "2400 NE 7 Street": a house number
    return _DIGIT_GROUPS.fullmatch(t) is not None


@lru_cache(maxsize=1)
def _street_words() -> frozenset[str]:
    from pipeline.config import MODELS_DIR

    path = MODELS_DIR / "gazetteers" / "street_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _street_after(following: str) -> bool:
    m = re.match(r"\s*([A-Za-z]+)\.?", following)
    return bool(m) and m.group(1).lower() in _street_words()


_ADDRESS_WORD = re.compile(r"[ \t]+([A-Z0-9][\w'’.-]*)")
ADDRESS_WORDS = 4  # "1910 Ashcombe Park Avenue", "2400 NE 7 Street": the street word comes within four words


def _address_after(following: str) -> bool:
    """True when capitalised words or numbers after a number end in a street word within ADDRESS_WORDS words."""
    pos = 0
    for _ in range(ADDRESS_WORDS):
        m = _ADDRESS_WORD.match(following, pos)
        if m is None:
            return False
        if m.group(1).rstrip(".,;").lower() in _street_words():
            return True
        pos = m.end()
    return False


# --- clock times ------------------------------------------------------------------------------------------------
_CLOCK = r"\d{1,2}(?:[:.h]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs?|horas|uhr|h(?![a-z]))?"
_CLOCK_STRICT = r"(?:\d{1,2}[:.h]\d{2}\s*(?:a\.?m\.?|p\.?m\.?|hrs?|horas|uhr|h(?![a-z]))?|\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?|hrs|horas|uhr|h(?![a-z])))"
TIME_EXPRESSION = re.compile(
    rf"(?<![\w:.])(?:{_CLOCK}\s*(?:[-–—]|to|until|till|à|a|bis|às)\s*{_CLOCK_STRICT}|{_CLOCK_STRICT}\s*(?:[-–—]|to|until|till|à|a|bis|às)\s*{_CLOCK}"
    rf"|{_CLOCK_STRICT})(?![\w:])", re.I)


def find_time(text: str) -> tuple[int, int] | None:
    """(start, end) of the first clock time or time range ("10:00–12:30", "2pm - 4pm", "13h00-14h00")."""
    for m in TIME_EXPRESSION.finditer(text):
        t = m.group(0)
        nums = [int(x) for x in re.findall(r"\d+", t)]
        if nums and nums[0] <= 24 and not re.fullmatch(r"\d{1,2}[.]\d{2}", t.strip()):
            return m.start(), m.end()
    return None


# A length of time, not a point: "3 months", "as short as 3 months", "between 3-6 months", "two additional years".
_QUALIFIER = (r"(?:(?:as\s+(?:short|long|little|much|few)\s+as|up\s+to|at\s+(?:least|most)|less\s+than|more\s+than|"
              r"fewer\s+than|over|under|between|about|around|approximately|nearly|almost|roughly|within|for|another|"
              r"an?\s+)\s*)*")
_AMOUNT = (r"(?:\d+(?:[.,]\d+)?(?:\s*(?:[-–]|to|or|and)\s*\d+(?:[.,]\d+)?)?|one|two|three|four|five|six|seven|eight|nine|"
           r"ten|eleven|twelve|fifteen|twenty|thirty|a\s+few|few|several|a\s+couple\s+of|couple\s+of|many|half\s+an?|an?)")
DURATION = re.compile(rf"^{_QUALIFIER}{_AMOUNT}[\s-]+(?:(?:more|extra|additional|full|further|whole)\s+)?"
                      r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|sprints?)"
                      r"(?:\s+(?:long|time|later|earlier))?$", re.I)


def is_duration(text: str) -> bool:
    """A length of time ("between 3-6 months"), which the entities stage files as TIME, not DATE."""
    return DURATION.match(text.strip()) is not None


_LABEL_AFTER = re.compile(rf"\s*[-–|:(]\s*(?:{_CAL.label_pattern})\s*\d+\)?\s*$", re.I)


def trim_date(text: str) -> tuple[int, int] | None:
    """(start, end) of the date within a span that runs on into a label ("22/01/26 - Week 1"); None to keep it."""
    m = _LABEL_AFTER.search(text)
    if m and m.start() > 0 and re.search(r"\d", text[:m.start()]):
        return 0, m.start()
    return None
