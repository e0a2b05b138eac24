"""The next meeting's date in the ways minutes state it: labels, sentences, headings, table cells, three languages."""
from __future__ import annotations

import json
from datetime import date, datetime

import docx
import pytest

from pipeline.dates.calendar import load_calendar
from pipeline.segment.cues import load_next_meeting
from test_segment import from_docx, from_text


BODY = {
    "en": "1. Updates\n\nPartners shared the figures of the kit distributions.\n\n2. AOB",
    "fr": "1. Point sur les activités\n\nLes partenaires ont présenté les chiffres des distributions de kits dans "
          "les quartiers.\n\n2. Divers",
    "es": "1. Actualización\n\nLos socios presentaron las cifras de las distribuciones de kits en los barrios de la "
          "ciudad.\n\n2. Varios",
}


def minutes(line: str, opening: str = "Shelter Cluster meeting\n\nDate: Wednesday 5 April 2023\n\n",
            language: str = "en") -> str:
    """Invented minutes held on Wednesday 5 April 2023, closing with `line`."""
    return f"{opening}{BODY[language]}\n\n{line}\n"


@pytest.mark.parametrize("line,expected", [
    ("Next meeting: Thursday 20 April 2023, 10:00, Lakeside hall", datetime(2023, 4, 20, 10, 0)),
    ("The next coordination meeting will be held on 20 April 2023 at the Dune Road office.", datetime(2023, 4, 20)),
    ("Next WASH Cluster meeting: 20/04/2023", datetime(2023, 4, 20)),
    ("Date of next meeting: 20th April 2023", datetime(2023, 4, 20)),
    ("The next meeting is planned for 20 April.", datetime(2023, 4, 20)),
    ("Next sector meeting\n\n20 April 2023, 10am", datetime(2023, 4, 20, 10, 0)),
])
def test_segment_next_meeting_labels_sentences_and_headings(line, expected):
    _, seg = from_text(minutes(line))
    assert seg.header.next_meeting == expected


@pytest.mark.parametrize("line,expected", [
    ("Next meeting: Thursday 20th", date(2023, 4, 20)),  # the weekday settles the month: 20 April is a Thursday
    ("Next monthly meeting is scheduled for Monday 1st.", date(2023, 5, 1)),  # the 1st after 5 April that is a Monday
    ("Next meeting is on the 20th.", date(2023, 4, 20)),  # a day number alone: the first after the meeting
    ("Next meeting: the 2nd, at the warehouse", date(2023, 5, 2)),
    ("Next meeting: in two weeks", date(2023, 4, 19)),
    ("The next meeting is in three weeks, same room.", date(2023, 4, 26)),
    ("Next meeting: same time next week", date(2023, 4, 12)),
])
def test_segment_next_meeting_weekday_with_day_number_and_relative_dates(line, expected):
    _, seg = from_text(minutes(line))
    assert seg.header.next_meeting.date() == expected


@pytest.mark.parametrize("language,opening,line,expected", [
    ("fr", "Réunion du groupe abris\n\nDate : mercredi 5 avril 2023\n\n",
     "Prochaine réunion : jeudi 20 avril 2023 à 10h00 au bureau de la coordination", date(2023, 4, 20)),
    ("fr", "Réunion du groupe abris\n\nDate : mercredi 5 avril 2023\n\n",
     "La prochaine réunion de coordination aura lieu dans deux semaines.", date(2023, 4, 19)),
    ("es", "Reunión del grupo de refugio\n\nFecha: miércoles 5 de abril de 2023\n\n",
     "La próxima reunión se realizará el 20 de abril en la sala grande.", date(2023, 4, 20)),
    ("es", "Reunión del grupo de refugio\n\nFecha: miércoles 5 de abril de 2023\n\n",
     "Próxima reunión dentro de dos semanas.", date(2023, 4, 19)),
    ("fr", "Réunion du groupe abris\n\nDate : mercredi 5 avril 2023\n\n",
     "La prochaine réunion aura lieu le 20 à 10h au bureau.", date(2023, 4, 20)),
    ("es", "Reunión del grupo de refugio\n\nFecha: miércoles 5 de abril de 2023\n\n",
     "Próxima reunión: el día 20 a las 10 en la sala grande.", date(2023, 4, 20)),
    # a French announcement inside English minutes is read with French month names
    ("en", "Shelter Cluster meeting\n\nDate: Wednesday 5 April 2023\n\n", "Prochaine réunion : le 20 avril", date(2023, 4, 20)),
])
def test_segment_next_meeting_french_and_spanish(language, opening, line, expected):
    _, seg = from_text(minutes(line, opening, language))
    assert seg.header.meeting_date == date(2023, 4, 5)
    assert seg.header.next_meeting.date() == expected


@pytest.mark.parametrize("language,opening,line,expected", [
    ("en", None, "The working group will meet again on Thursday 20 April at the river depot.", date(2023, 4, 20)),
    ("en", None, "Members agreed to reconvene on 3 May 2023, same hall.", date(2023, 5, 3)),
    ("en", None, "The panel shall meet again in two weeks.", date(2023, 4, 19)),
    ("fr", "Réunion du groupe abris\n\nDate : mercredi 5 avril 2023\n\n",
     "Le groupe se réunira de nouveau le 3 mai 2023 au bureau de la coordination.", date(2023, 5, 3)),
    ("es", "Reunión del grupo de refugio\n\nFecha: miércoles 5 de abril de 2023\n\n",
     "Los socios acordaron volver a reunirse el 3 de mayo en la sala grande.", date(2023, 5, 3)),
])
def test_segment_next_meeting_a_body_that_meets_again_announces_it(language, opening, line, expected):
    _, seg = from_text(minutes(line, opening, language) if opening else minutes(line))
    assert seg.header.meeting_date == date(2023, 4, 5)
    assert seg.header.next_meeting.date() == expected


FR_OPENING = "Réunion du groupe abris\n\nDate : mercredi 5 avril 2023\n\n"
ES_OPENING = "Reunión del grupo de refugio\n\nFecha: miércoles 5 de abril de 2023\n\n"


@pytest.mark.parametrize("language,opening,line", [
    ("en", None, "Next meeting: 3-4 May 2023, a two-day review at the depot"),
    ("en", None, "The next meeting will run from 3 to 4 May 2023."),
    ("en", None, "Next meeting: 3-4 May, a two-day review at the depot"),  # no year: the range is still one date
    ("fr", FR_OPENING, "Prochaine réunion : du 3 au 4 mai 2023 à la base logistique"),
    ("es", ES_OPENING, "Próxima reunión: del 3 al 4 de mayo de 2023, sala norte"),
])
def test_segment_next_meeting_a_range_of_days_gives_its_first_day(language, opening, line):
    _, seg = from_text(minutes(line, opening, language) if opening else minutes(line))
    assert seg.header.next_meeting.date() == date(2023, 5, 3)


@pytest.mark.parametrize("language,opening,line", [
    ("en", None, "Next meeting: 10:00, same room"),  # a clock time states no day
    ("fr", FR_OPENING, "Prochaine réunion : 10h, même salle"),
    ("es", ES_OPENING, "Próxima reunión: a las 10:00, misma sala"),
    ("en", None, "Next meeting: TBD (early May)"),
    ("fr", FR_OPENING, "Prochaine réunion : à définir (début mai)"),
    ("es", ES_OPENING, "Próxima reunión: por definir, a inicios de mayo"),
    # meeting again, but no date said
    ("en", None, "The working group will meet again once the survey teams are back."),
    ("en", None, "Les membres se réuniront à nouveau après la saison des pluies."),
    ("en", None, "The trainees will find the new forms on 3 May 2023 in the shared folder."),
    # unset, or a month only
    ("en", None, "Next meeting: TBC\n\nThe kits arrive on 28 April 2023 at the warehouse."),
    ("en", None, "Date of next meeting: to be confirmed by the lead agency on 12 April 2023."),
    ("en", None, "Prochaine réunion : date à confirmer"),
    ("en", None, "Next meeting: the 3 clusters will agree on a date by email."),
    ("en", None, "The group agreed to meet again in September 2023.\n\nNext meeting: September 2023"),
])
def test_segment_next_meeting_no_day_stated_gives_none(language, opening, line):
    _, seg = from_text(minutes(line, opening, language) if opening else minutes(line))
    assert seg.header.meeting_date == date(2023, 4, 5)
    assert seg.header.next_meeting is None


@pytest.mark.parametrize("label,value,expected", [
    ("Date of next meeting", "Tuesday 2 May 2023", date(2023, 5, 2)),
    ("Next meeting", "TBC", None),
])
def test_segment_next_meeting_in_a_table_cell(label, value, expected):
    d = docx.Document()
    d.add_paragraph("Food Security Sector meeting")
    d.add_paragraph("Date: 5 April 2023")
    d.add_paragraph("1. Updates")
    d.add_paragraph("The partners reported on the vouchers handed out in the camps.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = label, value
    d.add_paragraph("Closing remarks were made by the co-lead on 30 April 2023 plans.")
    _, seg = from_docx(d)
    assert (seg.header.next_meeting.date() if seg.header.next_meeting else None) == expected


@pytest.mark.parametrize("cue,text", [("\\bvolgende\\s+vergadering\\b", "volgende vergadering over twee weken")])
def test_segment_next_meeting_a_language_is_a_data_edit(tmp_path, cue, text):
    path = tmp_path / "next_meeting.json"
    path.write_text(json.dumps({"nl": {"cues": [cue], "unset": ["nog te bepalen"], "within": ["over"],
                                       "after_units": ["vanaf vandaag"], "fixed": {"volgende week": 7}}}),
                    encoding="utf-8")
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december"]
    days = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    calendar_path = tmp_path / "calendar.json"  # number and unit words are the calendar's, one place for every stage
    calendar_path.write_text(json.dumps({"nl": {"months": [[m] for m in months], "weekdays": [[d] for d in days],
                                                "units": {"week": "week", "weken": "week", "maanden": "month"},
                                                "numbers": {"twee": 2}}}), encoding="utf-8")
    cues = load_next_meeting(path, load_calendar(calendar_path))
    assert cues.language_of(text) == "nl"
    assert cues.days_after(cues.relative.search(text)) == (14, 0)
    assert cues.days_after(cues.relative.search("over twee maanden")) == (0, 2)
    assert cues.relative.search("over twee weken vanaf  vandaag.").group(0).endswith("vandaag")
    assert cues.unset.search("datum nog te bepalen") and not cues.announce.search("next meeting")


def test_segment_next_meeting_a_sentence_ending_on_the_cue_does_not_read_the_next_line():
    text = minutes("The team prepared the questions for the client in the next session.\n\nPlan for next week:\n- Book the room")
    _, seg = from_text(text)
    assert seg.header.next_meeting is None


@pytest.mark.parametrize("text,days", [("Next meeting in two weeks.", 14), ("Prochaine réunion dans trois semaines.", 21),
                                       ("Próxima reunión dentro de una quincena.", 14)])
def test_segment_next_meeting_units_are_the_calendars(text, days):
    from pipeline.segment.cues import next_meeting_cues

    cues = next_meeting_cues()
    assert cues.days_after(cues.relative.search(text)) == (days, 0)


@pytest.mark.parametrize("text,found", [("Reconvene in two weeks from today, same room.", "in two weeks from today"),
                                        ("Budget review within a month's time.", "within a month"),
                                        ("Pilot ends in three weeks time or so.", "in three weeks time")])
def test_segment_next_meeting_words_after_the_unit_are_data(text, found):
    from pipeline.segment.cues import next_meeting_cues

    assert next_meeting_cues().relative.search(text).group(0) == found
