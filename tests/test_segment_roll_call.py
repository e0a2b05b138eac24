"""Attendance lists as coordination minutes write them, in the formats minutes come in (invented names).

Organisation-only lists, numbered "Name – Organisation – Position" entries, roll calls split by how people joined
("Present (in person):", "Présents (en ligne) :"), and attendance tables with a French header row.
"""
from __future__ import annotations

import docx
import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.model import Source
from builders import minutes_pdf
from test_segment import checked, from_docx, from_text, headings


def people(seg, status: str | None = "present") -> dict[str, tuple]:
    return {p.name: (p.organisation, p.role) for p in seg.participants if status is None or p.status == status}


def from_pdf(lines: list[str]):
    doc = ingest(Source(source_path="roll.pdf", data=minutes_pdf([lines], size=11, gap=12), doc_id="r1"), settings=Settings())
    return doc, checked(doc)


def _table_docx(title: str, header: list[str], rows: list[list[str]], after: list[str]) -> docx.document.Document:
    d = docx.Document()
    d.add_paragraph(title)
    table = d.add_table(rows=1 + len(rows), cols=len(header))
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in after:
        d.add_paragraph(line)
    return d


@pytest.mark.parametrize("text,name", [
    ("# Health Sector meeting\n\nDate: 3 May 2021\n\nParticipants: UNICEF, WFP, Save the Children, Hillside Relief\n\n"
     "## 1. Situation update\n\nAdmissions rose in the two northern districts.\n", "minutes.md"),
])
def test_segment_roll_call_organisation_only_line_lists_organisations(text, name):
    _, seg = from_text(text, name)
    assert list(people(seg)) == ["UNICEF", "WFP", "Save the Children", "Hillside Relief"]
    assert {p.kind for p in seg.participants} == {"org"}
    assert "Situation update" in headings(seg)


@pytest.mark.parametrize("text,expected", [
    ("Hill Sector Meeting Notes\nBrackenford\nAttended : Tarn Aid, OCHA, Hillside Relief, NORTHAID, WASHCO,\n"
     "- Stock counts are still open.\n", ["Tarn Aid", "OCHA", "Hillside Relief", "NORTHAID", "WASHCO"]),
    ("Minutes of the Sector Meetings\n\nDate / May 4th, 2019\nVenue / NORTHAID\n"
     "Attendance / Tarn Aid, OCHA, IRC, Hillside Relief and NORTHAID\nAgendas / 1.  Updates\n",
     ["Tarn Aid", "OCHA", "IRC", "Hillside Relief", "NORTHAID"]),
    ("Réunion de coordination Brackenford 3 mars 2019 Compte rendu Etaient représentés : OCHA, UNICEF, NORTHAID, "
     "Tarn Aid, FAO. La réunion a été ouverte à 9 h. 1. Sécurité La zone est calme.\n",
     ["OCHA", "UNICEF", "NORTHAID", "Tarn Aid", "FAO"]),
    ("Sector weekly meeting, Brackenford\n\n31 participants (full list below): OCHA, WFP, NORTHAID, CARE, Tarn Aid\n\n"
     "1.  Introduction\n\n2.  Updates\n", ["OCHA", "WFP", "NORTHAID", "CARE", "Tarn Aid"]),
])
def test_segment_roll_call_list_label_worded_and_parted_any_way(text, expected):
    """The label says "attendance" in its own words and parts the list by a colon, a count or a flattened " / "."""
    _, seg = from_text(text)
    assert list(people(seg)) == expected
    assert {p.kind for p in seg.participants} == {"org"}


@pytest.mark.parametrize("text", [
    "Sector meeting, Brackenford\n\nAttended : OCHA, WFP, NORTHAID, CARE\nNot present: Tarn Aid, UNICEF, FAO, IRC\n\n"
    "1.  Updates\n",
])
def test_segment_roll_call_worded_label_keeps_absent_lists_out(text):
    _, seg = from_text(text)
    assert list(people(seg)) == ["OCHA", "WFP", "NORTHAID", "CARE"]
    assert set(people(seg, "apologies")) == {"Tarn Aid", "UNICEF", "FAO", "IRC"}


@pytest.mark.parametrize("text,expected,agenda", [
    ("Food Security Sector meeting\nDate: 3 May 2021\nParticipants:\n1. Ilse Varga – Hillside Relief – Programme Officer\n"
     "2. Daro Pekka – Northgate Aid – Coordinator\n3. Wren Osei – Basin Trust – Field Manager\n\nAgenda\n"
     "1. Market prices\n\nPrices rose in all monitored markets.\n",
     {"Ilse Varga": ("Hillside Relief", "Programme Officer"), "Daro Pekka": ("Northgate Aid", "Coordinator"),
      "Wren Osei": ("Basin Trust", "Field Manager")}, "Market prices"),
    ("Réunion du groupe sécurité alimentaire\nDate : 3 mai 2021\nParticipants :\n"
     "1. Nafi Kambou – Sahel Solidaire – Chargée de programme\n2. Yawo Dossou – Aide Rurale – Coordinateur\n\n"
     "Ordre du jour\n1. Prix des marchés\n\nLes prix montent sur tous les marchés suivis.\n",
     {"Nafi Kambou": ("Sahel Solidaire", "Chargée de programme"), "Yawo Dossou": ("Aide Rurale", "Coordinateur")},
     "Prix des marchés"),
])
def test_segment_roll_call_numbered_name_organisation_position_entries(text, expected, agenda):
    _, seg = from_text(text)
    assert people(seg) == expected
    assert agenda in headings(seg)
    assert not any(name in h for h in headings(seg) for name in expected)  # the entries open no section


def test_segment_roll_call_numbered_agenda_after_a_label_is_no_roll_call():
    _, seg = from_text("Shelter meeting\nDate: 3 May 2021\nParticipants: Ilse Varga, Daro Pekka\n\n"
                       "1. Budget – first reading\n\nThe budget was read.\n2. Stock – pipeline gaps\n\nGaps remain.\n")
    assert list(people(seg)) == ["Ilse Varga", "Daro Pekka"]
    assert "Budget – first reading" in headings(seg)


@pytest.mark.parametrize("lines,present,apologies", [
    (["Protection Working Group meeting", "Date: 3 May 2021",
      "Present (in person): Ilse Varga (Hillside Relief), Daro Pekka (Northgate Aid)",
      "Present (online): Wren Osei (Basin Trust), Tamsin Rooke", "Apologies: Corin Vale", "", "1. Updates", "",
      "Partners shared their caseload figures."],
     ["Ilse Varga", "Daro Pekka", "Wren Osei", "Tamsin Rooke"], ["Corin Vale"]),
    (["Reunion du cluster Abris", "Date : 3 mai 2021",
      "Présents (en personne) : Nafi Kambou (Sahel Solidaire), Yawo Dossou (Aide Rurale)",
      "Présents (en ligne) : Awa Sidibé", "Excusés : Paul Mercier", "", "1. Point de situation", "",
      "Rien de nouveau cette semaine."],
     ["Nafi Kambou", "Yawo Dossou", "Awa Sidibé"], ["Paul Mercier"]),
])
@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_segment_roll_call_present_groups_by_how_people_joined(lines, present, apologies, fmt):
    _, seg = from_text("\n".join(lines) + "\n") if fmt == "txt" else from_pdf(lines)
    assert list(people(seg)) == present
    assert list(people(seg, "apologies")) == apologies
    assert not any(h.startswith(("Present", "Présents")) for h in headings(seg))


@pytest.mark.parametrize("header,rows", [
    (["Nom", "Organisation", "Fonction"],
     [["Nafi Kambou", "Sahel Solidaire", "Chargée de programme"], ["Yawo Dossou", "Aide Rurale", "Coordinateur"]]),
    (["N°", "Nom et prénom", "Structure", "Fonction", "Téléphone"],
     [["1", "Nafi Kambou", "Sahel Solidaire", "Chargée de programme", "70 00 00 01"],
      ["2", "Yawo Dossou", "Aide Rurale", "Coordinateur", "70 00 00 02"]]),
    (["Organisation", "Représentant(e)", "Fonction"],
     [["Sahel Solidaire", "Nafi Kambou", "Chargée de programme"], ["Aide Rurale", "Yawo Dossou", "Coordinateur"]]),
    (["Agency", "Representative", "Title"],
     [["Sahel Solidaire", "Nafi Kambou", "Chargée de programme"], ["Aide Rurale", "Yawo Dossou", "Coordinateur"]]),
])
def test_segment_roll_call_attendance_table_names_its_representatives(header, rows):
    d = _table_docx("Réunion du cluster Nutrition", header, rows,
                    ["1. Point de situation", "Les admissions augmentent dans deux districts."])
    _, seg = from_docx(d)
    assert people(seg) == {"Nafi Kambou": ("Sahel Solidaire", "Chargée de programme"),
                           "Yawo Dossou": ("Aide Rurale", "Coordinateur")}
    assert "Point de situation" in headings(seg)


@pytest.mark.parametrize("text,present", [
    ("Board call\nDate: 3 May 2021\nPresent in person: Ilse Varga, Daro Pekka\nPresent online: Wren Osei\n\n"
     "1. Budget\n\nApproved.\n", ["Ilse Varga", "Daro Pekka", "Wren Osei"]),
    ("Réunion du bureau\nDate : 3 mai 2021\nPrésents :\nNafi Kambou\nYawo Dossou\nEn ligne :\nAwa Sidibé\n\n"
     "1. Budget\n\nLe budget est approuvé.\n", ["Nafi Kambou", "Yawo Dossou", "Awa Sidibé"]),
    ("Protection Working Group meeting\nDate: 3 May 2021\nPresent (in person):\nIlse Varga (Hillside Relief)\n"
     "Daro Pekka (Northgate Aid)\n(online):\nWren Osei (Basin Trust)\nTamsin Rooke\n\n1. Updates\n\n"
     "Partners shared their caseload figures.\n", ["Ilse Varga", "Daro Pekka", "Wren Osei", "Tamsin Rooke"]),
])
def test_segment_roll_call_mode_sub_labels_continue_the_list(text, present):
    _, seg = from_text(text)
    assert list(people(seg)) == present
    assert not set(headings(seg)) & set(present)
    assert headings(seg)[-1] in ("Budget", "Updates")


@pytest.mark.parametrize("last", ["Tamsin Rooke", "Tamsin Rooke (Basin Trust)"])
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_segment_roll_call_last_name_of_a_list_opens_no_section(last, fmt):
    lines = ["Protection Working Group meeting", "Date: 3 May 2021", "Present:", "Ilse Varga (Hillside Relief)",
             "Daro Pekka (Northgate Aid)", last, "", "1. Updates", "", "Partners shared their caseload figures."]
    if fmt == "txt":
        _, seg = from_text("\n".join(lines) + "\n")
    else:
        d = docx.Document()
        for line in lines:
            if line:
                d.add_paragraph(line)
        _, seg = from_docx(d)
    assert list(people(seg)) == ["Ilse Varga", "Daro Pekka", "Tamsin Rooke"]
    assert headings(seg)[1:] == ["Updates"]


def test_segment_roll_call_numbered_entries_in_a_pdf():
    _, seg = from_pdf(["Nutrition Sector meeting", "Date: 3 May 2021", "List of participants:",
                       "1. Ilse Varga - Hillside Relief - Nutrition Officer", "2. Daro Pekka - Northgate Aid - Coordinator",
                       "", "2. Screening results", "", "Screening reached most of the target villages."])
    assert people(seg) == {"Ilse Varga": ("Hillside Relief", "Nutrition Officer"),
                           "Daro Pekka": ("Northgate Aid", "Coordinator")}
    assert "Screening results" in headings(seg) and not any("Varga" in h for h in headings(seg))


@pytest.mark.parametrize("note", ["has to leave at half past ten", "joined for the second hour only"])
def test_segment_roll_call_entry_with_a_note_keeps_the_list_going(note):
    _, seg = from_text("# Board sync\n\nAttendees:\n\n* Ilse Varga (Hillside Relief)\n"
                       f"* Daro Pekka (Northgate Aid) - {note}\n* Wren Osei (Basin Trust)\n* Tamsin Rooke (Basin Trust)\n\n"
                       "## Budget\n\nThe budget was read.\n", "sync.md")
    assert people(seg) == {"Ilse Varga": ("Hillside Relief", None), "Daro Pekka": ("Northgate Aid", None),
                           "Wren Osei": ("Basin Trust", None), "Tamsin Rooke": ("Basin Trust", None)}
    assert headings(seg)[-1] == "Budget"


# --- lists read by the shape their entries share (page excerpts, flattened tables) -----------------------------
def test_segment_roll_call_flattened_table_with_numbered_rows():
    text = ("Monday 3 May 2021, 9:00am\nHarbour Hotel, Port Ridge\n\nList of Attendees:\n\n"
            "Name / Organization / Position/Function\n1.  Ilse Varga / Hillside Relief / Programme Officer\n"
            "2.  Daro P. Pekka / NORTHAID FO II / Cluster Co-Lead\n3.  Wren Osei / Basin Trust / Field Manager\n\n"
            "  1. Acceptance of last minutes\n  2. Updates from partners\n\nThe minutes were accepted.\n")
    _, seg = from_text(text)
    assert people(seg) == {"Ilse Varga": ("Hillside Relief", "Programme Officer"),
                           "Daro P. Pekka": ("NORTHAID FO II", "Cluster Co-Lead"),
                           "Wren Osei": ("Basin Trust", "Field Manager")}


@pytest.mark.parametrize("name", ["minutes.txt", "minutes.md"])
def test_segment_roll_call_two_column_header_over_numbered_rows(name):
    # "NAME / ORGANISATION", then rows that open with their number; the chair is the row whose extra cell says so
    text = ("Venue: Riverside depot, Port Ridge\n\nDATE: Friday, 4th June, 2021\n\nNAME / ORGANISATION\n"
            "1. Ilse M. Varga / Hillside Relief / Chairman\n2. Daro Pekka / NORTHAID / Secretary\n"
            "3. Rev. Wren Osei / Basin Trust\n4. Tamsin Rooke / Basin Trust\n\nSupply Working Group Agenda\n\n"
            "Review of last minutes\n\nThe minutes were read and adopted.\n")
    _, seg = from_text(text, name)
    assert people(seg) == {"Ilse M. Varga": ("Hillside Relief", "Chairman"), "Daro Pekka": ("NORTHAID", "Secretary"),
                           "Wren Osei": ("Basin Trust", None), "Tamsin Rooke": ("Basin Trust", None)}
    assert seg.header.chair == "Ilse M. Varga"


@pytest.mark.parametrize("sep", [" | ", " / "])
@pytest.mark.parametrize("name", ["minutes.txt", "minutes.md"])
def test_segment_roll_call_flattened_rows_as_wide_as_their_header(sep, name):
    rows = [["Name", "Organisation", "Position"], ["Ilse Varga", "Hillside Relief", "Officer"],
            ["Daro Pekka", "NORTHAID", "Sector Lead"]]
    text = ("Water meeting\n\nDate: 3 March 2017\n\nAttendees\n" + "\n".join(sep.join(r) for r in rows)
            + "\n\n1. Opening\n\nThe lead opened the meeting.\n")
    _, seg = from_text(text, name)
    assert people(seg) == {"Ilse Varga": ("Hillside Relief", "Officer"), "Daro Pekka": ("NORTHAID", "Sector Lead")}


@pytest.mark.parametrize("first,second", [("Organisation", "Name"), ("Agency", "Names")])
def test_segment_roll_call_table_read_column_by_column_keeps_the_name_column(first, second):
    # a page that lost its table layout lists each column under its header: organisations, then names, then e-mails
    text = ("Logistics Sector Meeting\n\n3rd May 2021 - 10.00 - Harbour Office\n\nParticipants:\n"
            f"{first}\nHillside Relief\nNORTHAID\nBasin Trust\n{second}\nIlse Varga\nDaro Pekka\nWren Osei\n"
            "Email\nivarga@hillside.example\nd.pekka@northaid.example\nwosei@basin.example\n"
            "1. Introduction:\n\nThe lead opened the meeting.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["Ilse Varga", "Daro Pekka", "Wren Osei"]


@pytest.mark.parametrize("layout", ["{label}\n{names}\n", "{label} {names}\n"])
def test_segment_roll_call_initials_and_surnames_without_separators(layout):
    # a flattened table: initials before surnames, the organisation column run in between, no commas left
    names = ("T Varga (Chairing) D Pekka W Ni Osei K Rooke Hillside Relief NORTHAID Basin Trust P Falk "
             "L Marsh Harbour Aid")
    text = ("Water Sector Committee\n\nMinutes of the meeting of 14 March 2019 at the Lake Office\n"
            + layout.format(label="Participants:", names=names)
            + "\nAgenda\n1. Opening remarks\n\nThe chair opened the meeting.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["T Varga", "D Pekka", "W Ni Osei", "K Rooke", "P Falk", "L Marsh"]
    assert seg.header.chair == "T Varga"


@pytest.mark.parametrize("line", ["Present: I Think A Lot About It", "Present: A Team From B Town"])
def test_segment_roll_call_few_initials_make_no_run(line):
    _, seg = from_text(f"Water Sector Committee\n\n{line}\n\n1. Opening\n\nThe chair opened the meeting.\n")
    assert not {"I Think", "A Team", "B Town"} & set(people(seg))


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_segment_roll_call_lower_case_initials_are_no_sentence_end(sep):
    text = ("Water meeting\n\nDate: 3 March 2017\n\nAttendees:" + sep + sep.join(["r. Sousa", "l Braun", "A. Ruiz", "O Falk"])
            + "\n\n1. Opening\n\nThe lead opened the meeting.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["r. Sousa", "l Braun", "A. Ruiz", "O Falk"]


@pytest.mark.parametrize("tail", [". AGENDA I. Opening remarks II. Updates", " Agenda: 1. 2. 3. Opening remarks",
                                  ". 2) Partner Updates: KORA is drilling two wells"])
def test_segment_roll_call_long_run_on_list_is_read_past_the_label_reach(tail):
    # a page on one line: a list of sixty agencies runs far past where labels are read, then the agenda follows
    agencies = [f"AG{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)] + ["Basin Trust", "Water Sector"]
    text = ("NATIONAL WATER SECTOR MEETING Date: 3 March 2021 Venue: online Attendees: " + ", ".join(agencies)
            + tail + " The coordinator opened the meeting.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == agencies


@pytest.mark.parametrize("text,present,away", [
    ("Réunion du groupe Eau, Kora, 3 mars 2017, 10h-12h Organisations présentes : KORA, ADESA, ACME, Aide Rurale "
     "Absence : NORTHAID, Basin Trust. Points saillants de la rencontre\n",
     ["KORA", "ADESA", "ACME", "Aide Rurale"], ["NORTHAID", "Basin Trust"]),
    ("Reunión de la mesa de agua\n\nFecha: 3 de marzo de 2017\n\nParticipantes: Ana Ruiz, Rui Sousa\n"
     "Ausencias: Lea Braun\n\n1. Apertura\n\nSe abrió la sesión.\n", ["Ana Ruiz", "Rui Sousa"], ["Lea Braun"]),
])
def test_segment_roll_call_absence_labels_keep_names_out_of_the_present_list(text, present, away):
    _, seg = from_text(text)
    assert list(people(seg)) == present
    assert list(people(seg, "apologies")) == away


@pytest.mark.parametrize("text,present,away", [
    ("Shelter meeting\n\nChair: Ilse Varga, Cluster Lead\nList of partners in attendance:\n1.  Hillside Relief\n"
     "2.  NORTHAID\n4.  Basin Trust\nApologies: ACME, WFP\n\n1.  Introductions\n\nA round of names.\n",
     ["Ilse Varga", "Hillside Relief", "NORTHAID", "Basin Trust"], ["ACME", "WFP"]),
    ("Réunion abris\n\nListe des partenaires présents :\n1. Sahel Solidaire\n2. Aide Rurale\n3. UNICEF\n\n"
     "1. Sites\n\nLes sites sont pleins.\n", ["Sahel Solidaire", "Aide Rurale", "UNICEF"], []),
])
def test_segment_roll_call_numbered_organisations_after_a_list_label(text, present, away):
    _, seg = from_text(text)
    assert list(people(seg)) == present
    assert list(people(seg, "apologies")) == away
    assert not {"Hillside Relief", "Sahel Solidaire"} & set(headings(seg))


@pytest.mark.parametrize("sep", ["  ", " \t "])
def test_segment_roll_call_bracketed_entries_parted_by_spaces_only(sep):
    # a page on one line: the header fields, then "Name (Org)" entries with only a run of spaces between them
    entries = sep.join(["Ilse Varga (Hillside Relief)", "Daro Pekka (NORTHAID/Field)", "Wren Osei (Basin Trust)",
                        "Tamsin Rooke (IOM)", "Oren Falk (IOM)"])
    text = (f"Acta de reunión 3\n\nMesa de Agua Fecha: 4 de Marzo de 2015. Hora: 9:00 a 11:00 am. Asistentes:{sep}"
            f"{entries} Agenda. 1. Revisión de compromisos 2. Varios\n\nLa mesa revisó los compromisos.\n")
    _, seg = from_text(text)
    assert people(seg) == {"Ilse Varga": ("Hillside Relief", None), "Daro Pekka": ("NORTHAID/Field", None),
                           "Wren Osei": ("Basin Trust", None), "Tamsin Rooke": ("IOM", None), "Oren Falk": ("IOM", None)}


@pytest.mark.parametrize("text,expected", [
    # a form's label cell and its value flattened onto one line, the label's colon lost
    ("Name of Meeting: Health partners monthly meeting Date: 12/ 03/2020\n\nVenue: Lake Office. Time: 9:00 – 11:00\n\n"
     "List of participant HRDO, NORTHAID, Basin Trust, KOWA, Hillside Relief, TAMA\n\nAgenda items:\n1. Opening\n",
     ["HRDO", "NORTHAID", "Basin Trust", "KOWA", "Hillside Relief", "TAMA"]),
    # a whole page on one line: the list ends where the run-on text begins
    ("GROUPE SECTORIEL EAU Compte rendu de la réunion Date de la réunion 3 Mars 2017 Lieu Bureau ACME "
     "Membres de la réunion ACME, KORA, ADESA, Aide Rurale, SAHEL SOLIDAIRE, Ordre du jour Les points suivants "
     "furent discutés par les membres : 1. Lecture du compte rendu\n",
     ["ACME", "KORA", "ADESA", "Aide Rurale", "SAHEL SOLIDAIRE"]),
    # the page's HTML line breaks left in the text
    ("Réunion du groupe Eau<br />\n\nParticipants KORA, ADESA, AVSI, ACME.<br />\n\nOrdre du jour<br />\n",
     ["KORA", "ADESA", "AVSI", "ACME"]),
])
def test_segment_roll_call_organisations_after_a_label_without_colon(text, expected):
    _, seg = from_text(text)
    assert list(people(seg)) == expected and {p.kind for p in seg.participants} == {"org"}


@pytest.mark.parametrize("line", [
    "Participants Ana Ruiz, Rui Sousa, Lea Braun, Oren Falk joined late this time.",
    "Participants were asked to share the report with their teams by Friday.",
])
def test_segment_roll_call_a_list_word_in_prose_lists_no_one(line):
    _, seg = from_text(f"Water meeting\n\nDate: 3 March 2017\n\n1. Opening\n\n{line}\n")
    assert list(people(seg)) == []


def test_segment_roll_call_name_and_organisation_pieces_in_a_run_on_line():
    text = ("Flood response meeting\n\nVenue: District Hall, Riverbend\n\nItem 1: Introduction of participants\n\n"
            "Presentation / Nine people from six agencies attended.\nIlse Varga (Hillside Relief), Daro Pekka (IOM-CCM),"
            "Wren Osei (NORTHAID), Tamsin Rooke (Basin Trust), Oren Falk (OCHA), Tomas Q.R. (NORTH\n\n"
            "Item 2: Gaps\n\nThe gaps were shown.\n")
    _, seg = from_text(text)
    assert people(seg) == {"Ilse Varga": ("Hillside Relief", None), "Daro Pekka": ("IOM-CCM", None),
                           "Wren Osei": ("NORTHAID", None), "Tamsin Rooke": ("Basin Trust", None),
                           "Oren Falk": ("OCHA", None), "Tomas Q.R": ("NORTH", None)}


@pytest.mark.parametrize("text", [
    "Water committee\n\nWater, sanitation, hygiene, shelter and health were discussed at length by all.\n\n1. Wells\n\nDug.\n",
    "Water committee\n\nIlse Varga (Chair) and Daro Pekka (NORTHAID) opened the call.\n\n1. Wells\n\nDug.\n",
])
def test_segment_roll_call_prose_with_commas_is_no_list(text):
    _, seg = from_text(text)
    assert not seg.participants


def test_segment_roll_call_a_line_of_agencies_alone_at_the_top():
    text = ("Meeting Purpose: Shelter coordination – Hill Province\n\nMeeting Date: 20 May 2021\n\n"
            "NORTHAID, IOM, CRS, BRCS, Basin Trust, local ward office\n\nMeeting Participants: welcome and introduction\n\n"
            "Discussion\n\nThe partners shared their updates.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["NORTHAID", "IOM", "CRS", "BRCS", "Basin Trust", "local ward office"]
    assert {p.kind for p in seg.participants} == {"org"}


def test_segment_roll_call_comma_list_wrapped_over_lines():
    text = ("Food Security Cluster\nCluster meeting\nDate: 14/01/2021\nAttendance: - WFP, FAO, Hillside Relief,\n"
            "NORTHAID, Basin Trust, UNICEF,ACME,\nIRW, BRCS, OCHA\nAgenda:\n1. Standing items\n2. Prices\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["WFP", "FAO", "Hillside Relief", "NORTHAID", "Basin Trust", "UNICEF", "ACME", "IRW",
                                 "BRCS", "OCHA"]


def test_segment_roll_call_list_running_on_into_the_page():
    text = ("Transfers group meeting minutes 7 July 2021 | Hub office\n\nThe meeting was facilitated by Ilse Varga; "
            "Participants: ACME, BRCS, DRC, FSS, IOM, IRC and NORTHAID Topic Next Step Owner Status "
            "Hub news Papers will be sent out Weekly\n\n1. Updates\n\nNone.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["ACME", "BRCS", "DRC", "FSS", "IOM", "IRC", "NORTHAID"]


def test_segment_roll_call_honorific_names_after_a_label_deep_in_a_one_line_page():
    filler = "The cluster met in the ministry hall to review the housing plan and the repair figures. " * 5
    text = (f"SHELTER MEETING Tuesday 4 May 2021 {filler}List of Attendees: 1. 2. 3. Ms. Sela Vakaloloma, Acting "
            "Director of Works Mr. Tevita Fonua, Senior Officer Mr. Iosefo Rasaku, NDMO 1. Opening The chair opened.\n")
    _, seg = from_text(text)
    assert {"Sela Vakaloloma", "Tevita Fonua", "Iosefo Rasaku"} <= set(people(seg))


@pytest.mark.parametrize("text,present", [
    ("Réunion du cluster WASH\n\nDate : 12 mars 2021\nOrganisations présentes : UNICEF, Sahel Solidaire, Aide Rurale, OMS\n\n"
     "1. Situation\n\nLes forages sont en panne.\n", ["UNICEF", "Sahel Solidaire", "Aide Rurale", "OMS"]),
    ("Reunión del clúster de albergues\n\nFecha: 12 de marzo de 2021\nOrganizaciones participantes: ACNUR, Techo Digno, "
     "Manos Unidas del Valle\n\n1. Situación\n\nLos albergues están llenos.\n", ["ACNUR", "Techo Digno", "Manos Unidas del Valle"]),
    ("Shelter meeting\n\nParticipants:\n•\nHillside Relief\n•\nNORTHAID\n•\nBasin Trust\n\n1. Sites\n\nFull.\n",
     ["Hillside Relief", "NORTHAID", "Basin Trust"]),
])
def test_segment_roll_call_organisation_labels_in_french_and_spanish_and_lone_bullets(text, present):
    _, seg = from_text(text)
    assert list(people(seg)) == present
    if "rganis" in text or "rganiz" in text:  # a list its label calls one of organisations
        assert {p.kind for p in seg.participants} == {"org"}


def test_segment_roll_call_a_comma_value_is_not_continued_by_a_title_line():
    _, seg = from_text("Shelter meeting\n\nPresent: Hillside Relief, NORTHAID\nApologies: ACME, WFP, BRCS\n\nSession Notes\n\n"
                       "1.  Introductions\n\nA round of names.\n")
    assert list(people(seg, None)) == ["Hillside Relief", "NORTHAID", "ACME", "WFP", "BRCS"]


@pytest.mark.parametrize("entry,name", [("WFP – Logistics", "WFP – Logistics"), ("ACME - NORTHAID", "ACME - NORTHAID")])
def test_segment_roll_call_an_organisation_and_its_unit_stay_one_entry(entry, name):
    _, seg = from_text(f"Shelter meeting\n\nOrganisations present:\n1.  Hillside Relief\n2.  {entry}\n3.  Basin Trust\n\n"
                       "1.  Introductions\n\nA round of names.\n")
    assert list(people(seg)) == ["Hillside Relief", name, "Basin Trust"]


@pytest.mark.parametrize("text,expected", [
    ("Sector meeting, Brackenford\n\nDate: 4 May 2022\n\nTarn Aid, OCHA, Hillside Relief,\n"
     "Participants NORTHAID, WASHCO, FAO.\n\n1. Updates\n\nStocks were counted.\n",
     ["Tarn Aid", "OCHA", "Hillside Relief", "NORTHAID", "WASHCO", "FAO"]),
    ("Réunion du secteur Brackenford 4 mai 2022 convoquée par HELPA, OCHA, Tarn Aid, WASHCO, ETAIENT FAO, UNICEF, "
     "Hillside Relief, Secteur PRESENTS Ordre du jour de la séance 1. Accueil 2. Divers\n",
     ["HELPA", "OCHA", "Tarn Aid", "WASHCO", "FAO", "UNICEF", "Hillside Relief"]),
    ("Le lundi 4 mai 2022 la réunion du secteur s est tenue à Brackenford. Les partenaires suivants étaient "
     "représentés: Les sujets du jour étaient : HELPA, OCHA, Tarn Aid, WASHCO, FAO, Hillside Relief. 1. Accueil "
     "2. Divers\n", ["HELPA", "OCHA", "Tarn Aid", "WASHCO", "FAO", "Hillside Relief"]),
])
def test_segment_roll_call_label_cut_into_its_list_of_organisations(text, expected):
    """A flattened table puts the label cell's words between the organisations it labels, and the list wraps
    around them: the run of organisations is read whole, the label words are no part of its entries."""
    _, seg = from_text(text)
    assert list(people(seg)) == expected
    assert {p.kind for p in seg.participants} == {"org"}


@pytest.mark.parametrize("body", [
    "Stock in the two warehouses was counted last week by NORTHAID, OCHA, Tarn Aid, WASHCO,\nand the figures go to the hub.",
    "Participants heard that the plan drafted by HELPA, OCHA, Tarn Aid, WASHCO, FAO was agreed.",
])
def test_segment_roll_call_organisations_without_a_label_word_are_no_roll_call(body):
    """Organisations named in a sentence, with no list label cut into them nor a label and its colon before them."""
    text = f"Sector meeting, Brackenford\n\nDate: 4 May 2022\n\nChair: Ines Varga\n\n1. Stocks\n\n{body}\n"
    _, seg = from_text(text)
    assert [p.name for p in seg.participants] == ["Ines Varga"]


def test_segment_roll_call_comma_list_wrapped_inside_one_paragraph():
    text = ("Sector meeting, Brackenford\n\nPartners represented at the meeting:\n"
            "OCHA, NORTHAID, Tarn Aid, WASHCO and\nHillside Relief.\n\n1. Updates\n\nStocks were counted.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == ["OCHA", "NORTHAID", "Tarn Aid", "WASHCO", "Hillside Relief"]


@pytest.mark.parametrize("text,expected", [
    ("Sector meeting, Brackenford\n\nPRESENT\n\nHELPA, OCHA, Tarn Aid, WASHCO, FAO,\n\nAGENDA\n\n"
     "• Opening, Ines Varga (5 min)\n\n• Stocks, Rui Osei (10 min)\n", ["HELPA", "OCHA", "Tarn Aid", "WASHCO", "FAO"]),
    ("Sector meeting, Brackenford\n\nNumber of participants: 14 Venue: the hub hall,\n"
     "Member organisations present : HELPA, OCHA, Tarn Aid, WASHCO, FAO. Notes: the hub\n\n1. Stocks\n",
     ["HELPA", "OCHA", "Tarn Aid", "WASHCO", "FAO"]),
    ("Sector meeting, Brackenford\n\nParticipants : Tarn Aid UK, OCHA, WASHCO, HELPA, FAO\n\n1. Stocks\n",
     ["Tarn Aid UK", "OCHA", "WASHCO", "HELPA", "FAO"]),
])
def test_segment_roll_call_organisation_list_ends_where_its_entries_end(text, expected):
    """The list ends at its last entry: a line that ends with a comma is not continued by the agenda heading after
    it, a label with its colon before the first entry is no entry, and the whole of that entry is kept (not only
    its last acronym)."""
    _, seg = from_text(text)
    assert list(people(seg)) == expected


@pytest.mark.parametrize("label,expected", [
    ("Agencies represented", ["Field liaison to HELPA", "Tarn Aid", "LNGO support cell", "Water office of NORDA"]),
    ("Present", ["Tarn Aid"]),
])
def test_segment_roll_call_bodies_in_ordinary_words_in_a_list_of_organisations(label, expected):
    """Under a label that lists organisations, a line naming a body in ordinary words around an acronym is an
    entry; under a label of people it is none and only the name-shaped line is read."""
    text = (f"Sector meeting, Brackenford\n\n{label}\n\nField liaison to HELPA\n\nTarn Aid\n\nLNGO support cell\n\n"
            "Water office of NORDA\n\n- Opening remarks:\n\n- The hub reopened on Monday.\n")
    _, seg = from_text(text)
    assert list(people(seg)) == expected
