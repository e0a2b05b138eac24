"""Month and weekday names and the words of relative dates, read once from models/dates/calendar.json.

One section per language; every stage takes its calendar words from here, so adding a language is a data edit.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from pipeline.alternation import alternation
from pipeline.config import MODELS_DIR

CALENDAR_PATH = MODELS_DIR / "dates" / "calendar.json"
# The span of a month each part word covers: "early March" is the 1st-10th, "end of March" the 21st-31st.
PART_DAYS = MappingProxyType({"early": (1, 10), "mid": (11, 20), "late": (21, 31)})
# Units of time: the calendar periods a date can point at ("next week", "end of the month"), the lengths in days a
# date is counted in ("in two weeks"; a month is a calendar month), and the clock units of a time box ("10 min").
PERIOD_UNITS = frozenset({"week", "month", "year", "quarter", "weekend"})
UNIT_DAYS = MappingProxyType({"day": 1, "week": 7, "fortnight": 14})
CLOCK_UNITS = frozenset({"minute", "hour"})


@dataclass(frozen=True)
class Calendar:
    """Calendar words of every language, merged, with their compiled alternations."""

    languages: tuple[str, ...]
    months: Mapping[str, int]  # word -> 1..12
    month_languages: Mapping[str, frozenset[str]]  # word -> the languages whose month it is ("mars": fr)
    weekdays: Mapping[str, int]  # word -> 0 (Monday) .. 6
    day_words: Mapping[str, int]  # "tomorrow" -> 1
    shift: Mapping[str, int]  # "next" -> 1
    language_shift: Mapping[str, tuple[Mapping[str, int], bool]]  # lang -> (its shift words, may they follow the unit)
    units: Mapping[str, str]  # "semaine", "weeks" -> week: the words of a calendar period (PERIOD_UNITS)
    unit_words: Mapping[str, str]  # every unit word: "jours" -> day, "fortnight" -> fortnight, "mins" -> minute
    language_units: Mapping[str, Mapping[str, str]]  # the unit words of each language: en -> {"days": day, ...}
    numbers: Mapping[str, int]  # "two" -> 2, "couple" -> 2: the number words a length of time is counted in
    counts: frozenset[str]  # "a few", "several": vaguer quantities of a length of time
    parts: Mapping[str, str]  # "fin" -> late
    close_of: frozenset[str]  # "COB", "end of day": a deadline word before a weekday or date
    next_meeting: frozenset[str]  # "next meeting", "prochaine réunion": a date the minutes may state
    month_pattern: str  # regex alternation of every month word (case-insensitive use)
    weekday_pattern: str
    full_month_pattern: str  # full month names only: safe where "mar"/"may" would be words
    range_pattern: str  # regex alternation of the words between the two days of a range: "to", "au", "al"
    pair_pattern: str  # regex alternation of the words between two days of one month: "and", "et", "y"
    day_suffixes: Mapping[str, tuple[str, ...]]  # language -> what follows a day number: en -> ("st", "nd", ...)
    recurring: frozenset[str]  # "every", "chaque", "tous les": a repeated time follows ("every 2nd Tuesday")
    frequencies: frozenset[str]  # "weekly", "annual": a frequency in one word
    month_lead_pattern: str  # regex alternation of the words before a lower-case month that is one: "en", "in", "a finales de"
    date_lead_pattern: str  # regex alternation of the small words a date's text opens with: "on", "the", "el día"
    ordinals: Mapping[str, int]  # "second", "2nd" -> 2, "last" -> -1: the number of a quarter or of a week in a month
    ahead_pattern: str  # regex alternation of the words after a length counted from the meeting: "from now", "later"
    label_pattern: str  # regex alternation of the periods a date is labelled with after it: "week", "sprint", "semana"

    def month(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))

    def weekday(self, word: str) -> int | None:
        return self.weekdays.get(word.lower().rstrip("."))

    def relative_pattern(self) -> str:
        """A regex alternation of the relative points of every language: a shift word and a calendar period
        ("next week", "cette semaine", "el mes pasado"); singular periods only, since "the past years" is no point."""
        out = []
        for lang, (shifts, follows) in self.language_shift.items():
            words = self.language_units.get(lang, {})
            units = [w for w, u in words.items() if u in self.units.values()  # a plural is its singular plus 1-2 letters
                     and not any(v != w and words[v] == u and w.startswith(v) and len(w) - len(v) <= 2 for v in words)]
            if not shifts or not units:
                continue
            s, u = alternation(shifts), alternation(units)
            out.append(rf"(?:{s})\s+(?:{u})" + (rf"|(?:{u})\s+(?:{s})" if follows else ""))
        return "|".join(out)

    def ordinal_pattern(self, low: int, high: int) -> str:
        """A regex alternation of the ordinal words numbered low..high ("second", "2e", "tercer"), longest first."""
        return alternation(w for w, n in self.ordinals.items() if low <= n <= high)

    def unit_pattern(self, *units: str) -> str:
        """A regex alternation of the words of these units ("day", "week"), longest first."""
        return alternation(w for w, u in self.unit_words.items() if u in units)

    def count_pattern(self) -> str:
        """A regex alternation of the number and count words a length of time is counted in ("two", "a few")."""
        return alternation([*self.numbers, *self.counts])

    def day_suffix_pattern(self, *languages: str) -> str:
        """A regex alternation of what may follow a day number ("6th", "1er", "2º"): these languages', or all."""
        return alternation(w for lang in (languages or self.languages) for w in self.day_suffixes.get(lang, ()))


def load_calendar(path: Path = CALENDAR_PATH) -> Calendar:
    """Read and merge the calendar file's language sections."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    langs = tuple(k for k in raw if not k.startswith("_"))
    months: dict[str, int] = {}
    month_langs: dict[str, set[str]] = {}
    full: set[str] = set()
    weekdays: dict[str, int] = {}
    day_words: dict[str, int] = {}
    shift: dict[str, int] = {}
    language_shift: dict[str, tuple[Mapping[str, int], bool]] = {}
    units: dict[str, str] = {}
    language_units: dict[str, Mapping[str, str]] = {}
    numbers: dict[str, int] = {}
    counts: set[str] = set()
    parts: dict[str, str] = {}
    close_of: set[str] = set()
    next_meeting: set[str] = set()
    range_words: set[str] = set()
    pair_words: set[str] = set()
    day_suffixes: dict[str, tuple[str, ...]] = {}
    recurring: set[str] = set()
    frequencies: set[str] = set()
    leads: dict[str, set[str]] = {"month_leads": set(), "date_leads": set(), "label_words": set(), "ahead_words": set()}
    ordinals: dict[str, int] = {}
    for lang in langs:
        sec = raw[lang]
        for i, names in enumerate(sec["months"]):
            full.add(names[0])
            for n in names:
                months.setdefault(n, i + 1)
                month_langs.setdefault(n, set()).add(lang)
        for i, names in enumerate(sec["weekdays"]):
            for n in names:
                weekdays.setdefault(n, i)
        day_words.update(sec.get("day_words", {}))
        shift.update(sec.get("shift", {}))
        language_shift[lang] = (MappingProxyType(dict(sec.get("shift", {}))), bool(sec.get("shift_follows", False)))
        units.update(sec.get("units", {}))
        language_units[lang] = MappingProxyType(dict(sec.get("units", {})))
        numbers.update(sec.get("numbers", {}))
        counts.update(sec.get("counts", ()))
        parts.update(sec.get("parts", {}))
        close_of.update(sec.get("close_of", ()))
        next_meeting.update(sec.get("next_meeting", ()))
        range_words.update(sec.get("range_words", ()))
        pair_words.update(sec.get("pair_words", ()))
        day_suffixes[lang] = tuple(sec.get("day_suffixes", ()))
        recurring.update(sec.get("recurring", ()))
        frequencies.update(sec.get("frequencies", ()))
        ordinals.update(sec.get("ordinals", {}))
        for key, found in leads.items():
            found.update(sec.get(key, ()))
    return Calendar(
        languages=langs, months=MappingProxyType(months),
        month_languages=MappingProxyType({k: frozenset(v) for k, v in month_langs.items()}), weekdays=MappingProxyType(weekdays),
        day_words=MappingProxyType(day_words), shift=MappingProxyType(shift),
        language_shift=MappingProxyType(language_shift),
        units=MappingProxyType({w: u for w, u in units.items() if u in PERIOD_UNITS}),
        unit_words=MappingProxyType(units), language_units=MappingProxyType(language_units),
        numbers=MappingProxyType(numbers), counts=frozenset(counts),
        parts=MappingProxyType(parts), close_of=frozenset(close_of), next_meeting=frozenset(next_meeting),
        month_pattern=alternation(months),
        weekday_pattern=alternation(weekdays), full_month_pattern=alternation(full),
        range_pattern=alternation(range_words), pair_pattern=alternation(pair_words), day_suffixes=MappingProxyType(day_suffixes),
        recurring=frozenset(recurring), frequencies=frozenset(frequencies),
        month_lead_pattern=alternation(leads["month_leads"]), date_lead_pattern=alternation(leads["date_leads"]),
        label_pattern=alternation(leads["label_words"]), ordinals=MappingProxyType(ordinals),
        ahead_pattern=alternation(leads["ahead_words"]))


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    """The shipped calendar, loaded once per process."""
    return load_calendar()
