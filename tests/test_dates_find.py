"""The date package: calendar words as data, date shapes found in text, numbers that only look like dates,
numeric dates in the document's order, and the meeting date's candidates (when.py)."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from pipeline.dates import calendar, context_for, numeric_is_ambiguous, read_numeric, resolve_date
from pipeline.dates.calendar import CALENDAR_PATH, load_calendar
from pipeline.dates.find import date_spans, find_time, is_duration, not_a_date, trim_date
from pipeline.segment.when import best_meeting_date, dates_in, file_name_dates, with_document_year


@pytest.mark.parametrize("lang", ["en", "fr", "es", "de", "pt"])
def test_dates_find_calendar_has_every_language_section(lang):
    cal = calendar()
    assert lang in cal.languages
    raw = json.loads(open("models/dates/calendar.json", encoding="utf-8").read())
    assert len(raw[lang]["months"]) == 12 and len(raw[lang]["weekdays"]) == 7
    assert all(cal.month(names[0]) == i + 1 for i, names in enumerate(raw[lang]["months"]))


def test_dates_find_new_language_is_a_data_edit(tmp_path):
    raw = json.loads(open("models/dates/calendar.json", encoding="utf-8").read())
    raw["it"] = {"months": [[m] for m in ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                                           "agosto", "settembre", "ottobre", "novembre", "dicembre")],
                 "weekdays": [[d] for d in ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
                                             "domenica")]}
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    cal = load_calendar(path)
    assert cal.month("settembre") == 9 and cal.weekday("giovedì") == 3


def test_dates_find_day_suffixes_are_calendar_data(tmp_path):
    shipped = calendar()
    assert set(shipped.day_suffix_pattern("en").split("|")) == {"st", "nd", "rd", "th"}
    assert {"er", "º"} <= set(shipped.day_suffix_pattern().split("|"))
    raw = json.loads(open("models/dates/calendar.json", encoding="utf-8").read())
    raw["nl"] = {"months": raw["en"]["months"], "weekdays": raw["en"]["weekdays"], "day_suffixes": ["ste", "de"]}
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    cal = load_calendar(path)
    assert cal.day_suffix_pattern("nl") == "ste|de" and "ste" in cal.day_suffix_pattern().split("|")
    assert "ste" not in cal.day_suffix_pattern("en")


def test_dates_find_recurring_and_frequency_words_are_calendar_data(tmp_path):
    from pipeline.entities.resolve import FREQUENCY, RECURRING

    assert RECURRING.match("every 2nd Tuesday") and RECURRING.match("tous les lundis") and RECURRING.match("cada mes")
    assert FREQUENCY.match("Bi-weekly") and FREQUENCY.match("annual") and not FREQUENCY.match("weekday")
    raw = json.loads(open("models/dates/calendar.json", encoding="utf-8").read())
    raw["nl"] = {"months": raw["en"]["months"], "weekdays": raw["en"]["weekdays"], "recurring": ["elke"],
                 "frequencies": ["wekelijks"]}
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    cal = load_calendar(path)
    assert {"elke", "every", "chaque"} <= cal.recurring and {"wekelijks", "weekly"} <= cal.frequencies


def test_dates_find_lead_and_label_words_are_calendar_data(tmp_path):
    raw = json.loads(open("models/dates/calendar.json", encoding="utf-8").read())
    raw["nl"] = {"months": raw["en"]["months"], "weekdays": raw["en"]["weekdays"], "month_leads": ["eind"],
                 "date_leads": ["op de"], "label_words": ["ronde"]}
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    cal = load_calendar(path)
    assert re.fullmatch(rf"(?:{cal.month_lead_pattern})", "eind") and re.fullmatch(rf"(?:{cal.date_lead_pattern})", "op  de")
    assert re.fullmatch(rf"(?:{cal.label_pattern})", "Ronde", re.I) and re.fullmatch(rf"(?:{cal.label_pattern})", "sprint")
    shipped = calendar()
    assert re.fullmatch(rf"(?:{shipped.month_lead_pattern})", "finales  de") and not re.fullmatch(rf"(?:{shipped.month_lead_pattern})", "eind")


@pytest.mark.parametrize("text,expected", [
    ("Signed on 19.02.2016 in the office.", "19.02.2016"),
    ("Minutes of 11/2/13 approved.", "11/2/13"),
    ("Hearing set for 5-24-05 at noon.", "5-24-05"),
    ("Trustees call notes 3-Jun 2012", "3-Jun 2012"),
    ("Send comments by COB Wednesday, please.", "COB Wednesday"),
    ("La réunion du 5 mars 2019 a eu lieu.", "5 mars 2019"),
    ("Se reunió el 12 de diciembre de 2017.", "12 de diciembre de 2017"),
    ("Le rapport sera prêt en avril.", "avril"),
    ("Date: 31 August16 (Wednesday)", "31 August16"),
    ("Check-in Thurs, 7-28 at the hub.", "Thurs, 7-28"),
])
def test_dates_find_date_shapes(text, expected):
    assert expected in [text[s:e] for s, e in date_spans(text, ("fr", "es", "en"))]


@pytest.mark.parametrize("text,expected", [
    ("The audit closes on 14thNovember, before the board.", "14thNovember"),
    ("Kits arrived 2ndAPRIL2019 at the depot.", "2ndAPRIL2019"),
    ("Reports reached the hub on 17/Aug/2021 late.", "17/Aug/2021"),
    ("The training runs on 9th and 10th October for field staff.", "9th and 10th October"),
    ("La formation aura lieu les 3 et 4 mars 2015 à Kaya.", "3 et 4 mars 2015"),
    ("La mission se tiendra du 12 au 15 avril 2016.", "12 au 15 avril 2016"),
    ("Las jornadas serán entre el 1 y el 3 de julio.", "1 y el 3 de julio"),
    ("Les kits seront livrés la semaine prochaine.", "semaine prochaine"),
    ("El informe se presentó el mes pasado.", "mes pasado"),
    ("Les données de cette semaine sont partielles.", "cette semaine"),
    ("Une formation aura lieu fin avril à Dosso.", "fin avril"),
    ("Las lluvias empiezan a finales de mayo de 2016.", "finales de mayo de 2016"),
    ("Stocks run out by mid-September.", "mid-September"),
    ("Le plan couvre le 3e trimestre 2015.", "3e trimestre 2015"),
    ("Se evaluará en el segundo trimestre de 2017.", "segundo trimestre de 2017"),
    ("Funds arrive in Q4 2016.", "Q4 2016"),
])
def test_dates_find_glued_slashed_paired_and_relative_dates(text, expected):
    assert [text[s:e] for s, e in date_spans(text, ("fr", "es", "en"))] == [expected]


@pytest.mark.parametrize("text", ["Over the past years and the coming months the stock fell.",
                                  "See Q3 of the survey; two quarters were slow.", "At the start of may be late."])
def test_dates_find_lengths_questions_and_verbs_are_no_point(text):
    assert date_spans(text) == []


def test_dates_find_pair_and_shift_words_are_calendar_data(tmp_path):
    raw = json.loads(CALENDAR_PATH.read_text(encoding="utf-8"))
    raw["en"]["pair_words"] = ["plus"]
    raw["en"]["shift_follows"] = True
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    cal = load_calendar(path)
    assert re.fullmatch(cal.pair_pattern, "plus", re.I) and not re.fullmatch(cal.pair_pattern, "and", re.I)
    assert re.fullmatch(cal.relative_pattern(), "week next", re.I)


@pytest.mark.parametrize("text", ["May we go on?", "Version 1.2.3.4 shipped.", "Mars rover talk", "Item 13/14/15"])
def test_dates_find_no_date_in_words_and_versions(text):
    assert date_spans(text) == []


@pytest.mark.parametrize("text,following", [
    ("05-1103", ""), ("05-1103 3", ""), ("2005-26", ""), ("283-4209", ""), ("(515) 283-4209", ""),
    ("2535 E. 16th", ""), ("1401 2nd", ""), ("age 65", ""), ("5:38", ""), ("22nd", " Street"),
    ("the proposal day", ""), ("two additional year", ""), ("10Number of Agencies", ""),
    ("3 W Matrix", ""), ("4W", ""),
    ("1874", " Quillon Avenue; renewal"), ("2000", " NW 3 Street"), ("1730", " Brackley Park Road"),
    ("4417 62", ""), ("3381 7204", ""), ("2nd", " run of the build"), ("3rd", " party tools"),
    ("4.Marguerite", ""),
])
def test_dates_find_numbers_that_are_not_dates(text, following):
    assert not_a_date(text, following)


@pytest.mark.parametrize("text,following", [("2015-16", ""), ("22nd", " of May"), ("next week", ""),
                                             ("the next few days", ""), ("12/03/2019", ""),
                                             ("2019", " Annual Plan"), ("1998", ", the council"), ("2021 14", ""),
                                             ("22nd", ", at noon"), ("3.May", "")])
def test_dates_find_real_dates_are_kept(text, following):
    assert not not_a_date(text, following)


@pytest.mark.parametrize("text,expected", [
    ("as short as 3 months", True), ("between 3-6 months", True), ("two additional years", True),
    ("next month", False), ("March 2020", False),
])
def test_dates_find_durations(text, expected):
    assert is_duration(text) is expected


@pytest.mark.parametrize("text,expected", [("22/01/26 - Week 1", "22/01/26"), ("3 May (Session 2)", "3 May")])
def test_dates_find_trim_a_label_after_the_date(text, expected):
    s, e = trim_date(text)
    assert text[s:e] == expected


@pytest.mark.parametrize("text,expected", [
    ("10:00–12:30", "10:00–12:30"), ("Tuesday 15 September. 13h00-14h00 Geneva time", "13h00-14h00"),
    ("2pm - 4pm, room 3", "2pm - 4pm"), ("de 9h à 12h", "9h à 12h"), ("23:30 horas", "23:30 horas"),
])
def test_dates_find_clock_time_or_range(text, expected):
    s, e = find_time(text)
    assert text[s:e] == expected


@pytest.mark.parametrize("text,order,expected", [
    ("7-3-19", "DMY", date(2019, 3, 7)), ("7-3-19", "MDY", date(2019, 7, 3)), ("25/12/2019", "MDY", date(2019, 12, 25)),
    ("11/2/13", "DMY", date(2013, 2, 11)),
])
def test_dates_find_numeric_in_document_order(text, order, expected):
    assert read_numeric(text, order) == expected


@pytest.mark.parametrize("text,ambiguous", [("4-6-16", True), ("19.02.2016", False), ("5-5-16", False)])
def test_dates_find_ambiguous_numeric(text, ambiguous):
    assert numeric_is_ambiguous(text) is ambiguous


def test_dates_find_file_name_date_loses_to_the_text():
    ctx = context_for(None)
    text = "Board meeting held on April 6, 2016 in the hall."
    stated = dates_in(text, 0, "body", ctx)
    chosen = best_meeting_date(stated + file_name_dates("archive/board_4-6-16.pdf", ctx))
    assert chosen.value == date(2016, 4, 6) and chosen.source == "body"


def test_dates_find_ambiguous_file_name_date_reads_both_ways():
    values = {c.value for c in file_name_dates("notes_4-6-16.pdf", context_for(None))}
    assert values == {date(2016, 6, 4), date(2016, 4, 6)}


@pytest.mark.parametrize("text,expected", [
    ("Date : 17 November 16 (Thursday)", date(2016, 11, 17)),
    ("Date: Monday, 1st Feb 16; Venue: field office", date(2016, 2, 1)),
    ("Date: 31 August16 (Wednesday)", date(2016, 8, 31)),
])
def test_dates_find_two_digit_year_after_a_month(text, expected):
    found = dates_in(text, 0, "header", context_for(None))
    assert found and found[0].value == expected and not found[0].weekday_clash


def test_dates_find_yearless_header_date_takes_the_document_year():
    ctx = context_for(None)
    found = dates_in("Date: 17 November (Thursday)", 0, "header", ctx)
    fixed = with_document_year(found, "Report for the 2016 season. Date: 17 November (Thursday)")
    assert fixed[0].value == date(2016, 11, 17) and not fixed[0].weekday_clash


@pytest.mark.parametrize("text,start", [
    ("COB Wednesday", date(2017, 12, 6)), ("fin de mars", date(2018, 3, 21)), ("finales de enero", date(2018, 1, 21)),
    ("the next meeting", date(2017, 12, 20)),
])
def test_dates_find_resolve_close_of_business_parts_and_next_meeting(text, start):
    ctx = context_for(date(2017, 12, 6), "DMY", ("fr", "es"), next_meeting=date(2017, 12, 20))
    span = resolve_date(text, date(2017, 12, 6), ctx)
    assert span is not None and span.start == start


def test_dates_find_ordinals_and_ahead_words_are_calendar_data(tmp_path):
    shipped = calendar()
    assert shipped.ordinals["2nd"] == shipped.ordinals["second"] == 2 and shipped.ordinals["last"] == -1
    assert resolve_date("fourth quarter of 2025", date(2025, 2, 3)).start == date(2025, 10, 1)
    assert resolve_date("three days later", date(2025, 2, 3)).start == date(2025, 2, 6)
    raw = json.loads(open("models/dates/calendar.json", encoding="utf-8").read())
    raw["nl"] = {"months": raw["en"]["months"], "weekdays": raw["en"]["weekdays"], "ordinals": {"tweede": 2},
                 "ahead_words": ["vanaf nu"]}
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    cal = load_calendar(path)
    assert cal.ordinals["tweede"] == 2 and cal.ordinals["first"] == 1
    assert re.fullmatch(rf"(?:{cal.ahead_pattern})", "vanaf  nu") and re.fullmatch(rf"(?:{cal.ahead_pattern})", "later")


@pytest.mark.parametrize("text,expected", [
    ("Visite de terrain à Kessa le 21/09 avec le cluster.", ["21/09"]),
    ("Envoyer la liste | KVT | 05/08 | En cours", ["05/08"]),
    ("Support 24/7 and a 2/3 majority; page 1/56", []),
])
def test_dates_find_day_and_month_without_year(text, expected):
    assert [m.group(0) for rx in _date_word_regexes() for m in rx.finditer(text)] == expected


def _date_word_regexes():
    from pipeline.entities.gazetteer import lexicons

    return [re.compile(r, re.I) for r in lexicons()["dates"]["regex"]]


@pytest.mark.parametrize("text,expected", [
    ("Sector Minutes | 9thMARCH2019", date(2019, 3, 9)),
    ("Date: 4thOctober17 (Wednesday); Venue: Hall B", date(2017, 10, 4)),
    ("Held on 21stNovember, 201809:30am – 11:00am", date(2018, 11, 21)),
    ("Review | 3rdand 5thAPRIL 2022", date(2022, 4, 3)),
])
def test_dates_find_meeting_date_glued_to_its_neighbours(text, expected):
    found = dates_in(text, 0, "header", context_for(None))
    assert found and found[0].value == expected and not found[0].weekday_clash


@pytest.mark.parametrize("text", [
    "Call 0917 2019 4451 for the hub", "Ref 12 June 201934587 filed",
    "Order 7thbatch 2020-114 sent",
])
def test_dates_find_glued_numbers_that_are_not_meeting_dates(text):
    found = dates_in(text, 0, "header", context_for(None))
    assert not [c for c in found if c.value.year in (2019, 2020) and c.precise]


@pytest.mark.parametrize("text,expected", [
    ("Opened 21stNovember, 201809:30am in the hall", ["21stNovember, 2018"]),
    ("Closed 5 May 20191234 after review", []),
])
def test_dates_find_year_glued_to_a_clock_time(text, expected):
    spans = [text[s:e] for s, e in date_spans(text)]
    assert [s for s in spans if re.search(r"\d{4}", s)] == expected


@pytest.mark.parametrize("text", ["Batch 2019 July 07:30 run", "Shipment 2017 March"])
def test_dates_find_no_day_read_from_a_years_digits(text):
    # "2019 July" is no 19 July: a day number does not start inside a longer number
    found = dates_in(text, 0, "header", context_for(None))
    assert not [c for c in found if c.precise and c.value.day in (17, 19)]
