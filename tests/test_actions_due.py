"""Due dates read through the date package: one meaning for a deadline from a table cell and from prose."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.actions.due import due_from_mentions, read_due
from pipeline.dates import context_for
from pipeline.model import Mention

MEETING = date(2017, 12, 6)  # a Wednesday
NEXT = date(2017, 12, 20)
CTX = context_for(MEETING, "DMY", ("en", "fr"), next_meeting=NEXT)


@pytest.mark.parametrize("text,due", [
    ("End of March", date(2018, 3, 31)),
    ("March", date(2018, 3, 31)),
    ("by end of March 2018", date(2018, 3, 31)),
    ("Q4", date(2017, 12, 31)),
    ("COB Wednesday", date(2017, 12, 13)),
    ("on Thursday", date(2017, 12, 7)),
    ("by the next meeting", NEXT),
    ("15 January", date(2018, 1, 15)),
    ("12/01/2018", date(2018, 1, 12)),
    ("fin de mars", date(2018, 3, 31)),
])
def test_actions_due_read_due(text, due):
    assert read_due(text, CTX, MEETING)[0] == due


@pytest.mark.parametrize("text", ["Share Q4 maps with partners", "May we close the item", "the next meeting"])
def test_actions_due_no_deadline(text):
    ctx = context_for(MEETING)  # no next meeting stated
    assert read_due(text, ctx, MEETING) is None


def test_actions_due_month_deadline_is_the_same_from_a_table_and_from_prose():
    cell = read_due("March", CTX, MEETING)[0]
    mention = Mention(10, 15, "March", "DATE", "2018-03", None, "rule", None, date_start=date(2018, 3, 1),
                      date_end=date(2018, 3, 31), granularity="month")
    prose = due_from_mentions([mention], MEETING)[0]
    assert cell == prose == date(2018, 3, 31)


def quarter_in(text: str) -> Mention:
    at = text.index("Q4")
    return Mention(at, at + 2, "Q4", "DATE", "2017-Q4", None, "rule", None, date_start=date(2017, 10, 1),
                   date_end=date(2017, 12, 31), granularity="quarter")


@pytest.mark.parametrize("text,due", [
    ("IM team to share Q4 maps with partners", None),
    ("IM team to share the maps by Q4", date(2017, 12, 31)),
    ("Report due in Q4.", date(2017, 12, 31)),
])
def test_actions_due_quarter_naming_a_thing_is_no_deadline(text, due):
    found = due_from_mentions([quarter_in(text)], MEETING, text)
    assert (found[0] if found else None) == due
