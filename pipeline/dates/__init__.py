"""Dates for every stage: finding date expressions, reading them, resolving them against the meeting date.

- `calendar`: month and weekday names and relative-date words, from models/dates/calendar.json;
- `parse`: the pinned dateparser wrapper, numeric dates in the document's day/month order, and `context_for`,
  the one way to build a document's date context;
- `find`: where date expressions are in text, and what looks like a date but is not one (roll-call numbers,
  phone numbers, street addresses, ages);
- `resolve`: an expression -> the days it covers (first, last, granularity).
"""
from pipeline.dates.calendar import Calendar, calendar
from pipeline.dates.parse import (DateContext, as_date, context_for, document_context, guess_date_order,
                                  numeric_is_ambiguous, parse_date, read_numeric)
from pipeline.dates.resolve import GRANULARITIES, DateSpan, resolve_date

__all__ = ["Calendar", "DateContext", "DateSpan", "GRANULARITIES", "as_date", "calendar", "context_for",
           "document_context", "guess_date_order", "numeric_is_ambiguous", "parse_date", "read_numeric",
           "resolve_date"]
