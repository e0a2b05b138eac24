"""One dateparser wrapper with pinned settings, so every stage reads dates the same way."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

# A day-first or month-first numeric date, e.g. 06/12/2017 or 12-06-17.
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")


@dataclass(frozen=True)
class DateContext:
    """How to read dates in one document: its languages, day/month order and the meeting date."""

    languages: tuple[str, ...] = ("en",)
    date_order: str = "DMY"  # DMY | MDY | YMD
    relative_base: datetime | None = None

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


def guess_date_order(text: str) -> str:
    """Settle day/month order from the document's unambiguous numeric dates (a 13+ in one slot)."""
    dmy = mdy = 0
    for a, b, _ in NUMERIC_DATE.findall(text):
        a_, b_ = int(a), int(b)
        if a_ > 12 >= b_:
            dmy += 1
        elif b_ > 12 >= a_:
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
