"""resolve_date: date expressions in running text -> first day, last day, granularity, from the meeting date."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.dates import DateContext, resolve_date

MEETING = date(2017, 12, 6)  # a Wednesday


@pytest.mark.parametrize("text,start,end,gran", [
    ("next week", date(2017, 12, 11), date(2017, 12, 17), "week"),
    ("last week", date(2017, 11, 27), date(2017, 12, 3), "week"),
    ("2nd week of December", date(2017, 12, 8), date(2017, 12, 14), "week"),
    ("6th Dec to 8th Dec", date(2017, 12, 6), date(2017, 12, 8), "day"),
    ("3-4 January 2018", date(2018, 1, 3), date(2018, 1, 4), "day"),  # the first day in January, not this month
    ("3-4 January", date(2018, 1, 3), date(2018, 1, 4), "day"),
    ("September/October", date(2017, 9, 1), date(2017, 10, 31), "month"),
    ("Q3", date(2017, 7, 1), date(2017, 9, 30), "quarter"),
    ("Q1 2018", date(2018, 1, 1), date(2018, 3, 31), "quarter"),
    ("end of March", date(2018, 3, 21), date(2018, 3, 31), "week"),
    ("January", date(2018, 1, 1), date(2018, 1, 31), "month"),
    ("October", date(2017, 10, 1), date(2017, 10, 31), "month"),
    ("2018", date(2018, 1, 1), date(2018, 12, 31), "year"),
    ("April 2019", date(2019, 4, 1), date(2019, 4, 30), "month"),
    ("March 9th 2018", date(2018, 3, 9), date(2018, 3, 9), "day"),
    ("tomorrow", date(2017, 12, 7), date(2017, 12, 7), "day"),
    ("11th and 12th December", date(2017, 12, 11), date(2017, 12, 12), "day"),
    ("14thDecember", date(2017, 12, 14), date(2017, 12, 14), "day"),
    ("2ndAPRIL2019", date(2019, 4, 2), date(2019, 4, 2), "day"),
    ("fin mars", date(2018, 3, 21), date(2018, 3, 31), "week"),
    ("finales de mayo de 2016", date(2016, 5, 21), date(2016, 5, 31), "week"),
    ("3e trimestre 2015", date(2015, 7, 1), date(2015, 9, 30), "quarter"),
    ("segundo trimestre de 2017", date(2017, 4, 1), date(2017, 6, 30), "quarter"),
    ("Thursday", date(2017, 12, 7), date(2017, 12, 7), "day"),
    ("12/12/2017", date(2017, 12, 12), date(2017, 12, 12), "day"),
    ("2022-07-04", date(2022, 7, 4), date(2022, 7, 4), "day"),
    ("11-12/10/2021", date(2021, 10, 11), date(2021, 10, 12), "day"),
    ("June/2025", date(2025, 6, 1), date(2025, 6, 30), "month"),
    ("26.03.", date(2018, 3, 26), date(2018, 3, 26), "day"),
    ("05/08", date(2017, 8, 5), date(2017, 8, 5), "day"),  # a day and month, not the 5th to the 8th
    ("21/09", date(2017, 9, 21), date(2017, 9, 21), "day"),
    ("in two weeks from now", date(2017, 12, 18), date(2017, 12, 24), "week"),
    ("this year", date(2017, 1, 1), date(2017, 12, 31), "year"),
])
def test_dates_resolve_date(text, start, end, gran):
    span = resolve_date(text, MEETING)
    assert (span.start, span.end, span.granularity) == (start, end, gran)


@pytest.mark.parametrize("text,languages,start", [
    ("12 de diciembre de 2017", ("es", "en"), date(2017, 12, 12)),
    ("la próxima semana", ("es", "en"), date(2017, 12, 11)),
    ("la semaine prochaine", ("fr", "en"), date(2017, 12, 11)),
])
def test_dates_resolve_date_other_languages(text, languages, start):
    span = resolve_date(text, MEETING, DateContext(languages=languages))
    assert span is not None and span.start == start


@pytest.mark.parametrize("text,meeting", [
    ("3 months", MEETING),
    ("two weeks", MEETING),
    ("90 minutes", MEETING),
    ("2 hrs", MEETING),
    ("next week", None),
    ("Thursday", None),
])
def test_dates_resolve_date_none_for_durations_and_unanchored(text, meeting):
    assert resolve_date(text, meeting) is None


@pytest.mark.parametrize("text,days", [("in 3 days", 3), ("in 2 weeks", 14), ("two weeks from today", 14)])
def test_dates_resolve_date_ahead_by_the_calendar_units(text, days):
    from datetime import timedelta

    span = resolve_date(text, MEETING)
    assert span is not None and span.start <= MEETING + timedelta(days=days) <= span.end


@pytest.mark.parametrize("word,unit", [("semaines", "week"), ("days", "day"), ("quincena", "fortnight"), ("mins", "minute")])
def test_dates_resolve_unit_words_have_one_home(word, unit):
    from pipeline.dates.calendar import calendar

    cal = calendar()
    assert cal.unit_words[word] == unit
    assert (word in cal.units) is (unit in ("week", "month", "year", "quarter", "weekend"))


@pytest.mark.parametrize("text,days", [("in couple days", 2), ("in seven days", 7), ("in twelve days", 12)])
def test_dates_resolve_number_words_come_from_the_calendar(text, days):
    from datetime import timedelta

    from pipeline.dates.calendar import calendar

    assert calendar().numbers["seven"] == 7 and "a few" in calendar().counts
    span = resolve_date(text, MEETING)
    assert span is not None and span.start <= MEETING + timedelta(days=days) <= span.end
    assert resolve_date(text.removeprefix("in "), MEETING) is None  # without "in" it is a length of time


def test_dates_resolve_numbers_and_range_words_are_a_data_edit(tmp_path):
    import json
    import re

    from pipeline.dates.calendar import load_calendar

    path = tmp_path / "calendar.json"
    path.write_text(json.dumps({"it": {"months": [[m] for m in (
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
        "novembre", "dicembre")], "weekdays": [[d] for d in ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì",
                                                             "sabato", "domenica")],
        "units": {"settimane": "week"}, "numbers": {"due": 2}, "counts": ["alcune"], "range_words": ["al"]}}),
        encoding="utf-8")
    cal = load_calendar(path)
    assert cal.numbers == {"due": 2} and cal.counts == frozenset({"alcune"})
    assert re.fullmatch(rf"(?:{cal.count_pattern()})\s+(?:{cal.unit_pattern('week')})", "alcune settimane")
    assert re.fullmatch(rf"6 (?:{cal.range_pattern}) 8", "6 al 8") and cal.language_units["it"] == {"settimane": "week"}
