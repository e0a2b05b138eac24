"""The meeting's date as web-page excerpts of minutes state it: one-line pages, clock-led lines, site banners."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from pipeline.segment.when import load_site_words
from test_segment import from_text


@pytest.mark.parametrize("text,expected", [
    # a whole page on one line: its fields ("Participants :") no longer hide the title's date
    ("COMITE EAU ET HYGIENE Mardi 8 avril 2014, 10h00 Salle Baobab, Zinder Ordre du jour : 1. Accueil 2. Forages "
     "Participants : Hydro Sahel, Puits Pour Tous. Le coordonnateur ouvre la séance.", date(2014, 4, 8)),
    ("NUTRITION WORKING GROUP MEETING Friday 9 May 2014, 2:00 PM Lakeview hall, Port Marlin Attendees: Green Bowl "
     "Aid, Harbour Relief. Agenda: 1. Welcome 2. Screening figures", date(2014, 5, 9)),
])
def test_segment_header_one_line_page_keeps_its_title_date(text, expected):
    _, seg = from_text(text)
    assert seg.header.meeting_date == expected and seg.header.meeting_date_source == "title"


@pytest.mark.parametrize("text,expected", [
    # "10.15 to 12.45" opens the line, so the text reader takes "10." for an item number
    ("<<\n\nCamp Works  campworks.example  Building Better Camps\n\nSite Planning Cluster Meeting "
     "Minutes\n\n10.15 to 12.45, Friday, March 14, 2014\n\nRiverside office, Kanto\n\n"
     "Attendees: Aid Lanterns, Blue Tarp Network\n\nTopic / Discussion / Follow-up / Who / When\n\n"
     "Introduction The coordinator opened the meeting.\n", date(2014, 3, 14)),
    # a page's own dates (views counter, publication) are not the meeting's
    ("Library > Minutes > Shelter\n\nShelter Sector Meeting notes\n\n17.03.2015 Views 2,310\n\n"
     "Venue: Hilltop compound\n\nThe meeting was held on Thursday 12 March 2015.\n\n1. Welcome\n", date(2015, 3, 12)),
    ("Publié le 20/05/2013 par admin\n\nRéunion du groupe Abris\n\nDate : mardi 14 mai 2013\n\nLieu : Bureau Kora\n",
     date(2013, 5, 14)),
    # labels stacked above their values
    ("Accueil | Archives\n\nCompte rendu de la réunion du groupe Logistique\n\nLIEU :\n\nDATE :\n\n"
     "HEURE :\n\nEntrepôt central, Kaya\n\nJeudi 6 mars 2014\n\n9h00 - 11h00\n\n"
     "1. Mot de bienvenue\n\nLa séance est ouverte.\n", date(2014, 3, 6)),
    # the weekday and day in the title, the year from the rest of the document
    ("Emergency Shelter Meeting\n\nMonday 10 Dec, 9:00am Palm Hotel\n\nMinutes\n\n1. Data\n\n"
     "Partners compared the figures gathered since October 2012.\n", date(2012, 12, 10)),
    # no year anywhere: no date rather than this year's
    ("Emergency Shelter Meeting\n\nMonday 10 Dec, 9:00am Palm Hotel\n\nMinutes\n\n1. Data\n\nFigures were compared.\n",
     None),
], ids=["clock-range-first", "views-counter", "publication-date", "stacked-labels", "year-from-body", "no-year"])
def test_segment_header_meeting_date_of_a_page_excerpt(text, expected):
    _, seg = from_text(text)
    assert seg.header.meeting_date == expected


@pytest.mark.parametrize("text,expected", [
    # "March 15" after the month is a day, not the year 2015; and it is a past sending, far from the cue
    ("HOUSING GROUP MEETING Wednesday 17 April 2013, 3:00 PM Agenda: 1. Opening 2. Guidance 3. Any other matters "
     "4. Next Meeting Notes Opening The chairperson opened the session and greeted the members who had travelled "
     "from the northern districts, the island offices and the capital to review the two sets of technical guidance "
     "the working team prepared over the past month and circulated in advance Guidance The revised guidance went "
     "out by mail on March 15 so that members could comment.", None),
    ("Housing group meeting\n\nDate: Wednesday 17 April 2013\n\n1. Opening\n\nOpened.\n\n"
     "Next meeting: May 8, at the same venue.", datetime(2013, 5, 8)),
    # a yearless next meeting with no meeting date to give it a year
    ("Shelter group meeting held on Monday 3 September\n\nNext meeting: Monday 17 September\n", None),
])
def test_segment_header_next_meeting_read_in_the_meeting_year(text, expected):
    _, seg = from_text(text)
    assert seg.header.next_meeting == expected


def test_segment_header_site_words_are_data(tmp_path):
    path = tmp_path / "meeting_date.json"
    path.write_text('{"_site_reach": 10, "en": {"site_words": ["hits"]}}', encoding="utf-8")
    words = load_site_words(path)
    line = "12 May 2014 hits 40, held 3 June 2014"
    assert words.near(line, 0, 11) and not words.near(line, 26, 37)


@pytest.mark.parametrize("text,expected", [
    # the month first, then "de" and the year, as Latin American minutes write it
    ("Mesa de Albergues\n\nActa de reunión\n\nMocoa, marzo 19 de 2015\n\nAsistentes: Techo Seguro, Manos Unidas\n",
     date(2015, 3, 19)),
    ("Fecha: Agosto 6 de 2013\n\nLugar: Casa Comunal, Tierralta\n\n1. Saludo\n", date(2013, 8, 6)),
])
def test_segment_header_month_day_de_year(text, expected):
    _, seg = from_text(text)
    assert seg.header.meeting_date == expected


def test_segment_header_yearless_date_in_the_title_line_takes_the_document_year():
    _, seg = from_text("Acta No. 4 - Reunión del 21 de mayo\n\nMesa de Agua, Arauca 2016\n\n1. Saludo\n\n"
                       "Se revisan los avances del mes.\n")
    assert seg.header.meeting_date == date(2016, 5, 21)


BANNER = ("Paper Shelf Browse Sign in Upload Saved items Recent Popular Collections Categories Humanitarian Reports "
          "Share Embed Print Report this page Related documents Top picks More from this uploader " * 4)


@pytest.mark.parametrize("tail,expected", [
    ("Compte rendu de la réunion du groupe Abris Lieu : Bureau Nord, Kaya Date : Vendredi 7 mars 2014 Heure : 9h00 "
     "Participants : Abri Sûr, Toits Unis. 1. Accueil 2. Divers. La prochaine réunion aura lieu le 21 mars 2014.",
     date(2014, 3, 7)),
    ("Shelter group notes. The meeting was held on Friday 7 March 2014 at the North office in Kaya with the partners. "
     "1. Welcome 2. Updates.", date(2014, 3, 7)),
    # the only date is the next meeting's: no meeting date
    ("Shelter group notes. 1. Welcome 2. Updates. The next meeting will be on Friday 21 March 2014.", None),
])
def test_segment_header_one_line_page_behind_a_long_site_banner(tail, expected):
    _, seg = from_text(BANNER + tail)
    assert seg.header.meeting_date == expected


@pytest.mark.parametrize("text,expected", [
    ("Fecha: 1ro de abril de 2014\n\nLugar: Casa de la Cultura\n", date(2014, 4, 1)),
    ("Fecha: 2º de junio de 2015\n\nLugar: Casa de la Cultura\n", date(2015, 6, 2)),
])
def test_segment_header_spanish_day_suffixes(text, expected):
    _, seg = from_text(text)
    assert seg.header.meeting_date == expected


@pytest.mark.parametrize("text,expected", [
    ("Storage Sector Meeting\n\nDate: Monday, 7th June 2021\n\nThe meeting started at 9:40am with a prayer.\n\n"
     "1. Welcome\n\nThe lead welcomed partners.\n", "9:40am"),
    ("Réunion du groupe Eau\n\nDate : lundi 7 juin 2021\n\nRéunion démarrée à 14h30 au bureau Kora\n\n"
     "1. Accueil\n\nLe chef de file ouvre la séance.\n", "14h30"),
    # a field states the time: the sentence does not override it
    ("Storage Sector Meeting\n\nDate: Monday, 7th June 2021\n\nTime: 10:00 – 12:30\n\n"
     "The meeting started at 10:20am.\n\n1. Welcome\n\nThe lead welcomed partners.\n", "10:00 – 12:30"),
])
def test_segment_header_meeting_time_from_the_start_sentence(text, expected):
    _, seg = from_text(text)
    assert seg.header.meeting_time == expected


@pytest.mark.parametrize("labels", ["VENUE: DATE: CHAIR: AGENDA:", "Venue: Date: Facilitator: Agenda:"])
def test_segment_header_labels_stacked_before_their_values_on_one_line(labels):
    # a form read as one line: its labels first, then their values; the date sits in the last label's value
    _, seg = from_text(f"NORTH PROVINCE SUPPLY MEETING – MINUTES {labels} Main hall of the Lake Office 4th June 2019 "
                       "Ilse Varga 1. Welcome 2. Stock levels 3. AOB Welcome The lead opened the meeting and the "
                       "members agreed that the next meeting is scheduled for 16th July at the Lake Office.\n")
    assert seg.header.meeting_date == date(2019, 6, 4)
    assert seg.header.next_meeting.date() == date(2019, 7, 16)


def test_segment_header_next_meeting_value_opening_with_a_word_and_colon_keeps_its_date():
    # "Tentative:" after the next-meeting label is no stacked label: its date is still the next meeting's
    _, seg = from_text("Supply meeting held on the 4th of June\n\nNext meeting: Tentative: 2 July 2019, Lake Office\n\n"
                       "1. Welcome\n\nThe lead opened the meeting on 4 June 2019.\n")
    assert seg.header.meeting_date != date(2019, 7, 2)
    assert seg.header.next_meeting.date() == date(2019, 7, 2)


_BANNER = "\n\n".join(["Aucune page trouvée", "Groupe eau Kassa Compte rendu", "N/A", "N/A", "Public",
                       'Partager "Groupe eau Kassa Compte rendu"', "Copié", "4", "0", "0", "Lire le texte", "(1)",
                       "Groupe eau Kassa Compte rendu"])


@pytest.mark.parametrize("fields, expected", [
    ("Date 3 mars 2024 Lieu salle de réunion du bureau commun", date(2024, 3, 3)),
    ("Meeting date 14 May 2024 Venue Hall B of the joint office", date(2024, 5, 14)),
])
def test_segment_header_date_under_a_banner_of_counters_and_buttons(fields, expected):
    # a web page's banner of one-word blocks (counters, buttons) stands between the top and the minutes' fields
    text = (f"{_BANNER}\n\n{fields}\n\nPartenaires\n\nAide Sahel, Terre Vive, Amis du Fleuve\n\n"
            "1. Point sur les forages\n\nTrois forages sont en panne depuis deux semaines dans le district.\n")
    _, seg = from_text(text)
    assert seg.header.meeting_date == expected


@pytest.mark.parametrize("top, expected", [
    # one-word site words (the host's name, "advertisement", a menu word) before the minutes' own lines
    (["Papershelf", "Members", "Document Preview", "Members Shared By Papershelf", "Regional Roads Office",
      "PO BOX 4411 Port Marlin TEL: 555-0142 FAX: 555-0143"], date(2011, 3, 9)),
    (["advertisement", "Library", "WASH SECTOR COMMITTEE", "Copy of the record kept by the secretariat",
      "Lakeside District Hall, second floor", "Minutes prepared by the sector office"], date(2011, 3, 9)),
])
def test_segment_header_title_date_past_one_word_site_words(top, expected):
    # the minutes' title line, with its date, comes after six blocks of which the one-word ones are the site's
    text = "\n\n".join([*top, "ENDORSED Minutes Roads and Water Sector Committee meeting 9TH March 2011 10:00 A.M. at "
                        "the Regional Roads Office", "Agenda 1. Opening 2. Road repairs 3. AOB",
                        "1. Opening\nThe chair welcomed the members and the notes were adopted."]) + "\n"
    _, seg = from_text(text)
    assert seg.header.meeting_date == expected

