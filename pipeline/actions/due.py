"""When an action is due: a deadline cell or line, else a date written in the action itself.

Dates are found and resolved by pipeline.dates, so a deadline means the same from a table cell as from prose:
the last day of what the expression covers ("March" and "end of March" are due on 31 March, "Q4" on 31
December), a weekday the coming one, and "by the next meeting" the next meeting's date when the minutes state it.
"""
from __future__ import annotations

import re
from datetime import date

from pipeline.dates import DateContext, DateSpan, context_for, resolve_date
from pipeline.dates.find import DUE_EXPRESSION, WEEKDAYS
from pipeline.model import Mention

__all__ = ["context_for", "deadline_of", "due_from_mentions", "read_due"]

# A quarter or month used as a modifier ("Q4 maps", "the March report") names a thing, not a deadline.
_MODIFIER = re.compile(r"^(?:q[1-4]|h[12]|(?:19|20)\d\d)$", re.I)
_NOUN_AFTER = re.compile(r"^\s*(?!(?:and|or|to|at|by|for|in|on|of|the|latest|if|when|with|a|an|is|are|was|will)\b)"
                         r"(?:[a-z][a-z-]+)\b")
_WEEKDAY = re.compile(rf"\b(?:{WEEKDAYS})\b", re.I)
_SHORT_WORDS = frozenset({"may", "mar", "jun", "sun", "sat", "wed", "mon"})  # words before they are dates


def deadline_of(span: DateSpan) -> date:
    """The day a deadline falls on: the last day of a month, a quarter or "end of March"."""
    return span.start if span.granularity == "day" else span.end


def read_due(text: str, ctx: DateContext, meeting: date | None) -> tuple[date | None, str] | None:
    """(date, text as written) of the first date expression in text, None if there is none."""
    for m in DUE_EXPRESSION.finditer(text):
        expr = m.group(0)
        bare = re.sub(r"^on\s+", "", expr, flags=re.I)
        if bare.lower() in _SHORT_WORDS and not bare[:1].isupper():
            continue  # the modal "may", "sat" down
        if bare.lower() in _SHORT_WORDS and bare.lower() == "may" and not re.match(r"\s*\d", text[m.end():]) \
                and not re.search(r"(?:by|in|until|before|end of|during)\s+$", text[:m.start()], re.I):
            continue  # "May we ...": a capitalised modal
        if _MODIFIER.match(bare) and _NOUN_AFTER.match(text[m.end():m.end() + 30]):
            continue  # "Q4 maps"
        span = resolve_date(bare, meeting, ctx)
        if span is None:
            continue
        when = deadline_of(span)
        if meeting is not None and when == meeting and _WEEKDAY.search(bare):
            when = date.fromordinal(when.toordinal() + 7)  # "on Thursday" said on a Thursday: a week on
        return when, expr
    return None


def due_from_mentions(mentions: list[Mention], meeting: date | None, text: str | None = None
                      ) -> tuple[date | None, str] | None:
    """The first dated mention that is not before the meeting, nor a quarter or year naming a thing ("Q4 maps").

    `text` is the document's text, to see the word after a mention.
    """
    for m in sorted(mentions, key=lambda m: m.start_char):
        when = m.date_end if m.granularity not in (None, "day") and m.date_end else m.date_start
        if when is None or (meeting is not None and when < meeting):
            continue
        if text is not None and _MODIFIER.match(m.text.strip()) and _NOUN_AFTER.match(text[m.end_char:m.end_char + 30]):
            continue
        return when, m.text
    return None
