"""Agenda item numbers a converter set apart from their titles ("1." "2." "3." on their own lines, the titles on
the lines after them), paired back by counting. All text invented."""
from __future__ import annotations

import pytest

from test_segment import from_text, headings


@pytest.mark.parametrize("text,expected", [
    # the numbers of a two-column agenda on their own lines, the titles after them, item 4 numbered again
    ("Water Point Committee Meeting\n\nDate: 9 May 2023\n\nAGENDA\n1.\n2.\n3.\nWelcome by the district officer\n"
     "Adoption of the notes of the last meeting\nBorehole repairs in the eastern wards, costs and the\n"
     "schedule agreed with the contractor\n4. Hygiene kits for the schools\n5. Any other business\n\n"
     "The officer opened the meeting and thanked the partners for coming.\n",
     ["Welcome by the district officer", "Adoption of the notes of the last meeting",
      "Borehole repairs in the eastern wards, costs and the schedule agreed with the contractor",
      "Hygiene kits for the schools"]),
    # the last two numbers of an agenda cut onto their own line, their titles on one line after them
    ("Roads Sector Meeting\n\nAgenda 1. Opening and introductions 2. Bridge survey 3. Fuel prices\n4. 5.\n"
     "Depot inventory. Other matters.\n\n1. Opening and introductions\nThe chair welcomed the members.\n",
     ["Bridge survey", "Depot inventory", "Other matters"]),
])
def test_segment_number_runs_pair_numbers_with_the_titles_after_them(text, expected):
    _, seg = from_text(text)
    found = headings(seg)
    assert all(h in found for h in expected), found


@pytest.mark.parametrize("text", [
    # an attendance list numbered in one column, the names in the next: people, not agenda items
    "Shelter Working Group\n\nAgenda\n1.\n2.\n3.\nMarta Velasquez\nJonas Obi\nPriya Raman\n\nThe group met at noon.\n",
    # numbers nothing announces, with no next item after the lines: a count of lines, not an agenda
    "Site Report\n\nTotals\n1.\n2.\nTents delivered to the camp\nLatrines built near the river\n\nMore next week.\n",
])
def test_segment_number_runs_leave_numbers_nothing_makes_an_agenda(text):
    _, seg = from_text(text)
    found = headings(seg)
    # the lines after the first title only become sections by being paired with a number
    assert not any(h in found for h in ("Jonas Obi", "Priya Raman", "Latrines built near the river")), found
