"""One dateparser wrapper with pinned settings, and the one way to build a document's date context."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

# A day-first or month-first numeric date, e.g. 06/12/2017 or 12-06-17.
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")


@dataclass(frozen=True)
class DateContext:
    """How to read dates in one document: its languages, day/month order, the meeting date and the next one.

    `next_meeting` lets "by the next meeting" resolve to a day when the minutes state it.
    """

    languages: tuple[str, ...] = ("en",)
    date_order: str = "DMY"  # DMY | MDY | YMD
    relative_base: datetime | None = None
    next_meeting: date | None = None

    def settings(self, prefer_day: str = "first") -> dict:
        s = {
            "DATE_ORDER": self.date_order,
            "PREFER_DAY_OF_MONTH": prefer_day,
            "PREFER_DATES_FROM": "current_period",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": [],
        }
        if self.relative_base is not None:
            s["RELATIVE_BASE"] = self.relative_base
        return s

    @property
    def meeting_date(self) -> date | None:
        return self.relative_base.date() if self.relative_base else None


def context_for(meeting: date | None, date_order: str = "DMY", languages: tuple[str, ...] = ("en",),
                next_meeting: date | None = None) -> DateContext:
    """The date context of one document: every stage builds it this way."""
    base = datetime(meeting.year, meeting.month, meeting.day) if meeting else None
    langs = tuple(dict.fromkeys((*languages, "en")))
    return DateContext(languages=langs, date_order=date_order, relative_base=base, next_meeting=next_meeting)


def document_context(text: str, meeting: date | None, languages: tuple[str, ...] = ("en",),
                     next_meeting: date | None = None) -> DateContext:
    """The context of a document's text: its day/month order guessed from the text itself."""
    return context_for(meeting, guess_date_order(text), languages, next_meeting)


def guess_date_order(text: str) -> str:
    """Settle day/month order from the document's unambiguous numeric dates (a 13+ in one slot)."""
    dmy = mdy = 0
    for a, b, _ in NUMERIC_DATE.findall(text):
        a_, b_ = int(a), int(b)
        if a_ > 12 >= b_:
            dmy += 1
        elif b_ > 12 >= a_ and b_ <= 31:
            mdy += 1
    if re.search(r"\b\d{4}-\d{2}-\d{2}\b", text) and not (dmy or mdy):
        return "YMD"
    return "MDY" if mdy > dmy else "DMY"


def parse_date(text: str, ctx: DateContext, *, require_day: bool = False) -> datetime | None:
    """Parse one date expression; None when dateparser cannot read it."""
    settings = ctx.settings()
    if require_day:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"] if ctx.relative_base is None else ["day", "month"]
    try:
        return dateparser.parse(text, languages=list(ctx.languages), settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")


def read_numeric(text: str, date_order: str = "DMY") -> date | None:
    """A numeric date in the document's day/month order; the other order when only it makes a date.

    dateparser misreads two-digit years ("7-3-19"), so numeric dates are read here.
    """
    m = NUMERIC.fullmatch(text.strip())
    if not m:
        return None
    a, b, y = (int(x) for x in m.groups())
    y = y + 2000 if y < 100 and len(m.group(3)) == 2 and y < 70 else y + 1900 if y < 100 else y
    day, month = (b, a) if date_order == "MDY" else (a, b)
    for d, mo in ((day, month), (month, day)):
        try:
            return date(y, mo, d)
        except ValueError:
            continue
    return None


def numeric_is_ambiguous(text: str) -> bool:
    """'4-6-16' reads as 4 June or 6 April; '19.02.2016' has one reading."""
    m = NUMERIC.fullmatch(text.strip())
    return bool(m) and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 12 and m.group(1) != m.group(2)
