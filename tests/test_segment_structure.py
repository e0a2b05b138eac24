"""Segment kinds that minutes from other places use: each test builds its own invented document.

Participants (initials, nicks, groups, attendance tables, organisation lists, apologies kept apart), the chair
(labels and sentences in several languages, "(Chair)" in the attendee list), meeting time, and sections
(numbered capitals after roll-call numbers, parallel agenda and minutes numbering, front matter, page lines).
"""
from __future__ import annotations

from datetime import date

import docx
import pytest
from fpdf import FPDF

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.model import Source
from builders import minutes_pdf
from test_segment import checked, from_docx, from_text, headings


def names(seg, status: str | None = "present") -> list[str]:
    return [p.name for p in seg.participants if status is None or p.status == status]


# --- participants ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Réunion projet\n\nListe des participants :\n- F Durand : Référent analogique\n- JB Lemoine : chef de projet\n"
     "- m Petit\n\nSujet\n\nLe projet démarre.\n", ["F Durand", "JB Lemoine", "m Petit"]),
])
def test_segment_structure_participants_initials_and_surname(text, expected):
    _, seg = from_text(text)
    assert names(seg) == expected
    assert {p.name: p.role for p in seg.participants}["F Durand"] == "Référent analogique"


@pytest.mark.parametrize("text,expected", [
    ("#proj: weekly meeting\n\nMeeting started by zoe_k at 14:00:05 UTC.\n\nPeople present (lines said)\n\n"
     "* zoe_k (41)\n* mk_dev (17)\n* tpol (9)\n* meetbot (3)\n", ["zoe_k", "mk_dev", "tpol"]),
    ("Dev sync\n\nPresent: jd, mk, rs\n\nNotes\nThe sprint closed.\n", ["jd", "mk", "rs"]),
])
def test_segment_structure_participants_irc_nicks_and_lower_case_initials(text, expected):
    _, seg = from_text(text)
    assert names(seg) == expected


@pytest.mark.parametrize("text", [
    "Protection Working Group\n\nParticipants:\nHelping Hands – Amal Rashid, Jonas Berg (Relief Org)\n"
    "Coastal Aid – Mira Sol\n\n1. Updates\n\nPartners shared updates on the caseload.\n",
])
def test_segment_structure_participants_org_dash_name_groups(text):
    _, seg = from_text(text)
    orgs = {p.name: p.organisation for p in seg.participants}
    assert orgs == {"Amal Rashid": "Helping Hands", "Jonas Berg": "Relief Org", "Mira Sol": "Coastal Aid"}


@pytest.mark.parametrize("rows", [[("Tala Moana", "Helpline", "Engineer"), ("Ravi Kuma", "Aqua Aid", "Officer")]])
def test_segment_structure_participants_name_organisation_position_table(rows):
    d = docx.Document()
    d.add_paragraph("WASH coordination meeting")
    table = d.add_table(rows=1 + len(rows), cols=3)
    for col, header in enumerate(("Name", "Organisation", "Position")):
        table.cell(0, col).text = header
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            table.cell(r, col).text = value
    d.add_paragraph("1. Water trucking")
    d.add_paragraph("Trucking continues in two camps.")
    _, seg = from_docx(d)
    assert names(seg) == [r[0] for r in rows]


@pytest.mark.parametrize("text,expected", [
    ("Date : 14 March 19 (Thursday)\n\nParticipants;\n\nNo / Name / Position/Organization / Email / phone\n"
     "1 / Tala Moana / Engineer/Helpline / / 0912345\n2 / Ravi Kuma / WASH Officer/Aqua Aid / / 0998765\n",
     ["Tala Moana", "Ravi Kuma"]),
    ("Date: Monday, 4th Mar 19\nNo / Name / Position/Organization / email / phone1 / Tala Moana / Engineer/Helpline\n"
     "2 / Ravi Kuma / Officer/Aqua Aid / 0998765\n", ["Tala Moana", "Ravi Kuma"]),
])
# A .txt table is made table cells at ingest (flat_tables.py); Markdown keeps the lines, which segment reads.
@pytest.mark.parametrize("name", ["minutes.txt", "minutes.md"])
def test_segment_structure_participants_flattened_table_lines(text, expected, name):
    _, seg = from_text(text, name)
    assert names(seg) == expected


@pytest.mark.parametrize("text,expected", [
    ("Shelter Cluster meeting\nDate: 12/03/2019\nParticipating organisations\nACTED\nCaritas\nNRC\nUN-Habitat\n"
     "World Vision\n\nAgenda\n1. Review of action points\n", ["ACTED", "Caritas", "NRC", "UN-Habitat", "World Vision"]),
])
def test_segment_structure_participants_organisation_only_list(text, expected):
    _, seg = from_text(text)
    assert names(seg) == expected and {p.kind for p in seg.participants} == {"org"}


@pytest.mark.parametrize("label", ["Excused", "Regrets", "Apologies"])
def test_segment_structure_apologies_stay_out_of_present(label):
    _, seg = from_text(f"Board call\n\nPresent: Lina Storm, Omar Vell\n{label}: Sam Ortiz, Kit Ng\n\n1. Budget\n\nApproved.\n")
    assert names(seg) == ["Lina Storm", "Omar Vell"]
    assert names(seg, "apologies") == ["Sam Ortiz", "Kit Ng"]


# --- chair -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,chair", [
    ("Réunion santé\n\nPrésidence : Awa Diallo\nParticipants : OMS, UNICEF\n\n1. Situation\n\nStable.\n", "Awa Diallo"),
    ("Community call\n\nPreside: Jonas Berg\n\n1. News\n\nNone.\n", "Jonas Berg"),
    ("Garden collective\n\nCultivator: Rosa Lind\nNotes: Tom Okafor\n\n1. Beds\n\nDug.\n", "Rosa Lind"),
    ("Comité\n\nPrésidente de séance : Awa Diallo\n\n1. Budget\n\nAdopté.\n", "Awa Diallo"),
    ("House meeting\n\nFacilitator: Priya Natarajan\nMinutes: Tom Okafor\n\n1. Chores\n\nDone.\n", "Priya Natarajan"),
    ("Reunión\n\nPresidida por: Lucía Gómez\n\n1. Informe\n\nSe aprobó.\n", "Lucía Gómez"),
    ("Coordination meeting\n\nThe meeting was chaired by the Cluster Coordinator, Jane Okoro.\n\n1. Updates\n\nNone.\n",
     "Jane Okoro"),
    ("Réunion de coordination\n\nPrésidée par M. Ali Maman, chef de bureau, la réunion a porté sur deux points.\n",
     "Ali Maman"),
    ("TAC meeting\n\nAttendance (please add yourself)\n* Rosa Lind (Acme, TAC Chair)\n* Ben Ode (Acme, TAC Vice Chair)\n"
     "* Kai Moss (Initech)\n\nAgenda:\n\n1. Budget\n\nApproved.\n", "Rosa Lind"),
    ("#proj: weekly meeting\n\nMeeting started by zoe_k at 14:00:05 UTC.\n\n1. Builds\n\nGreen.\n", "zoe_k"),
])
def test_segment_structure_chair_labels_sentences_and_attendee_roles(text, chair):
    _, seg = from_text(text)
    assert seg.header.chair == chair


# --- meeting time ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Board meeting\n\nDate: 3 May 2023\nTime: 10:00–12:30, online\n\n1. Budget\n\nApproved.\n", "10:00–12:30"),
    ("Advisory call\n\nDate and time: Monday, 9 June 2014. 15h30-16h30 Nairobi time\n\n1. Funds\n\nAgreed.\n",
     "15h30-16h30"),
    ("Team meeting\n\nTime: 2:00 pm – 4:00 pm Duration: 2:00 hours\n\n1. Plan\n\nSet.\n", "2:00 pm – 4:00 pm"),
])
def test_segment_structure_meeting_time_is_the_clock_range(text, expected):
    doc, seg = from_text(text)
    assert seg.header.meeting_time == expected
    field = next(f for f in seg.header.fields if f.field == "meeting_time")
    assert doc.text[field.span.start_char:field.span.end_char] == expected


# --- sections --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("SUMMARY OF RIVERTON CITY COUNCIL MEETING\n\n"
     "07-2201 1. ROLL CALL: Present: Storm, Vell and Moana. Absent: Dee.\n\n"
     "07-2202 2. APPROVING AGENDA, AS PRESENTED: Moved by Vell to adopt. Motion Carried 5-0.\n\n"
     "LICENSES AND PERMITS\n\n07-2203 3. Renewal of the market permit for the east square was approved.\n\n"
     "PUBLIC HEARINGS – 5:00 P.M.\n\nThe council heard three residents on the proposed park fees and deferred the vote.\n",
     ["ROLL CALL", "APPROVING AGENDA, AS PRESENTED", "LICENSES AND PERMITS", "PUBLIC HEARINGS"]),
])
def test_segment_structure_numbered_capital_headings(text, expected):
    _, seg = from_text(text, "council.pdf.txt")
    found = headings(seg)
    assert all(h in found for h in expected), found


@pytest.mark.parametrize("text", [
    "Protection meeting\n\nAgenda\n1. Updates from partners\n2. Funding\n3. AOB\n\nMinutes\n\n"
    "1. Updates from partners\nPartners shared updates on the caseload.\n\n2. Funding\nTwo proposals were sent.\n\n"
    "3. AOB\nNone.\n",
])
def test_segment_structure_parallel_agenda_and_minutes_numbering(text):
    _, seg = from_text(text)
    items = [h for h in headings(seg) if h not in ("Agenda", "Minutes", "Protection meeting")]
    assert items == ["Updates from partners", "Funding", "AOB"]
    funding = next(s for s in seg.sections if s.heading == "Funding")
    assert "Two proposals" in funding.text


@pytest.mark.parametrize("text", [
    '---\nlayout: post\ntitle: "Steering group call, 3 May 2023"\ntags: [minutes]\n---\n\n'
    "Attendees: Priya Natarajan, Tom Okafor\n\n## Budget review\n\nApproved.\n\n## Roadmap\n\nAgreed.\n",
])
def test_segment_structure_front_matter_is_the_title_not_a_section(text):
    _, seg = from_text(text, "2023-05-03-steering.md")
    assert headings(seg) == ["Steering group call, 3 May 2023", "Budget review", "Roadmap"]
    assert seg.header.title == "Steering group call" and seg.header.meeting_date == date(2023, 5, 3)


@pytest.mark.parametrize("furniture", ["Page 1 of 3", "- 1 -", "~1~"])
def test_segment_structure_page_furniture_is_no_section_or_title(furniture):
    _, seg = from_text(f"{furniture}\n\nField coordination meeting\n\n1)Welcome and introductions\n\n"
                       "The chair welcomed partners.\n\n2)Water trucking\n\nTrucking continues.\n")
    assert furniture not in headings(seg) and seg.header.title == "Field coordination meeting"
    assert headings(seg)[1:] == ["Welcome and introductions", "Water trucking"]


@pytest.mark.parametrize("text,expected", [
    ("TAC call\n\nAgenda:\n\n(_10 min max_): Update from the Tooling WG (Ana Ruiz)\n\n* Two releases shipped.\n\n"
     "(_15 min_): Funding proposal\n\n* Drafted.\n", ["Update from the Tooling WG", "Funding proposal"]),
    ("Cluster meeting\n\nAgenda:\n\nTopic / Who\nNew arrivals / All\n\nMinutes:\n\nTopic 1: New arrivals and response\n"
     "Summary of discussion / Partners reported new arrivals.\n", ["New arrivals and response"]),
    ("Nutrition sector meeting\n\nDate: 4 May 2023\n\n09:00 - 09:15 Welcome and introductions\n\n"
     "The chair welcomed the partners to the session and asked for news.\n\n10h15–10h45: Screening results\n\n"
     "Most districts reported lower rates than in the previous quarter.\n",
     ["Welcome and introductions", "Screening results"]),  # a time slot opens the line
    ("Nutrition sector meeting\n\n1. Screening results – 10 min\n\nMost districts reported lower rates.\n\n"
     "2. Stock pipeline (**Time**: 15 minutes)\n\nTwo shipments are late.\n\n3. Supply plan (20 mins)\n\nDrafted.\n",
     ["Screening results", "Stock pipeline", "Supply plan"]),  # a duration after the title is no part of it
    ("Shelter sector meeting\n\n1. Kit distribution (14.00-14.30)\n\nTwo depots were restocked.\n\n"
     "2. Site planning – 2 hrs\n\nThe map was shared.\n\n[Time: 5 min] Other business\n\nNone.\n",
     ["Kit distribution", "Site planning", "Other business"]),  # the same notes, on the other side
])
def test_segment_structure_time_boxed_and_topic_numbered_items(text, expected):
    _, seg = from_text(text)
    assert all(h in headings(seg) for h in expected), headings(seg)


def test_segment_structure_short_title_lines_between_prose_in_unstyled_text():
    text = ("Steering Board meeting on 14 March 2021\n\n"
            "The chair opened the meeting and asked for volunteers to take notes today.\n\n"
            "Report on the first grant period\n\n"
            "The treasurer walked everyone through the spending of the past twelve months.\n\n"
            "Changes in the core group\n\n"
            "The leader and co-leader of the second working group will swap their roles.\n")
    _, seg = from_text(text)
    assert {"Report on the first grant period", "Changes in the core group"} <= set(headings(seg))


@pytest.mark.parametrize("bold_line,found", [(None, True), ("The treasurer walked everyone through the spending.", False)])
def test_segment_structure_short_title_lines_in_a_word_file_whose_body_has_no_styles(bold_line, found):
    d = docx.Document()
    d.add_paragraph().add_run("Studio group meeting notes").bold = True  # only the title is styled
    for line in ("The tutors read our brief for the year and gave their first comments on it.",
                 "Keeping the frame rate steady",
                 "Two of us will profile the level loader before the next review of the build.",
                 "Sound library options",
                 "A free archive could cover the effects if no musician joins the group this term."):
        d.add_paragraph(line)
    if bold_line:  # a body that marks its own emphasis in bold: plain lines are not its headings
        d.add_paragraph().add_run(bold_line).bold = True
    _, seg = from_docx(d)
    assert ({"Keeping the frame rate steady", "Sound library options"} <= set(headings(seg))) is found


def test_segment_structure_pdf_page_line_is_not_the_title():
    lines = ["Page 1 of 2", "", "Field coordination meeting", "", "1. Welcome and introductions", "",
             "The chair welcomed the partners and the new members of the group."]
    doc = ingest(Source(source_path="field.pdf", data=minutes_pdf([lines], size=11), doc_id="p3"), settings=Settings())
    seg = checked(doc)
    assert seg.header.title == "Field coordination meeting" and "Page 1 of 2" not in headings(seg)


def test_segment_structure_flat_list_item_ending_in_colon_opens_a_section():
    d = docx.Document()
    d.add_paragraph("Compte rendu de réunion")
    for line in ("Formation de Léo :", "Prise en main des outils", "Cours du master", "Projets de l'équipe :",
                 "Projet alimentation", "Projet capteurs"):
        d.add_paragraph(line, style="List Bullet")
    _, seg = from_docx(d)
    assert {"Formation de Léo", "Projets de l'équipe"} <= set(headings(seg))


@pytest.mark.parametrize("name", ["minutes.txt", "minutes.md"])  # in Markdown the table's lines stay one paragraph
def test_segment_structure_numbered_items_with_bullets_and_a_flattened_agenda_table(name):
    text = ("Minutes of the WASH meeting held on 28.01.2010\n\n1. Review of the previous decisions.\n\n"
            "• Action points of the last meeting were reviewed and endorsed.\n• The criteria were approved.\n"
            "2. Updates on arrivals\n\n• Figures were shared with the participants.\n3. Early recovery\n\n"
            "• Partners will map the needs.\n\nAgenda:\n\nTopic / Who\nNew arrivals and response / All\n"
            "Stock mapping / Cluster\n\nMinutes:\n\nTopic 1: New arrivals and response\nPartners reported arrivals.\n")
    _, seg = from_text(text, name)
    found = headings(seg)
    assert {"Review of the previous decisions", "Updates on arrivals", "Early recovery", "Stock mapping",
            "New arrivals and response"} <= set(found)
    assert found.count("New arrivals and response") == 1


def test_segment_structure_numbered_line_inside_a_paragraph_opens_its_section():
    text = ("Coordination meeting\n\n1. Review of decisions\nThe action points were endorsed.\n"
            "2. Updates on arrivals\nFigures were shared with the participants.\n")
    doc, seg = from_text(text)
    updates = next(s for s in seg.sections if s.heading == "Updates on arrivals")
    assert doc.text[updates.start_char:].startswith("2. Updates on arrivals")


def test_segment_structure_capital_headings_keep_their_whole_title_and_may_repeat():
    text = ("SUMMARY OF COUNCIL MEETING\n\nLEGAL DEPARTMENT - CLAIM SETTLEMENTS & BILLINGS\n\n"
            "07-1 5. Settlement of the claim was approved by the council today.\n\n"
            "PUBLIC SESSION (FROM 6:30 P.M.) (POINTS 4 TO 7)\n\nThe council heard three residents on the fees.\n\n"
            "APPROVING\n\nMoved by Vell to approve the bid. Motion carried.\n\n"
            "APPROVING\n\nMoved by Dee to approve the contract. Motion carried.\n")
    _, seg = from_text(text)
    assert headings(seg)[1:] == ["LEGAL DEPARTMENT - CLAIM SETTLEMENTS & BILLINGS", "PUBLIC SESSION", "APPROVING", "APPROVING"]


@pytest.mark.parametrize("line,expected", [
    ("Next meeting: Tuesday", date(2023, 5, 9)),
    ("Next meeting: 15/05", date(2023, 5, 15)),
    ("Next meeting: Wednesday", date(2023, 5, 10)),  # said on a Wednesday: a week on
])
def test_segment_structure_next_meeting_weekday_or_day_without_year(line, expected):
    _, seg = from_text(f"Team call\n\nDate: Wednesday 3 May 2023\n\n1. Plan\n\nSet.\n\n{line}\n")
    assert seg.header.next_meeting.date() == expected


def test_segment_structure_chair_from_the_role_column_of_an_attendance_table():
    d = docx.Document()
    d.add_paragraph("Health sector meeting")
    table = d.add_table(rows=3, cols=3)
    for col, value in enumerate(("Name", "Organisation", "Role")):
        table.cell(0, col).text = value
    for col, value in enumerate(("Nadia Farouk", "Health Bureau", "Chair")):
        table.cell(1, col).text = value
    for col, value in enumerate(("Omar Vell", "Aqua Aid", "Member")):
        table.cell(2, col).text = value
    d.add_paragraph("1. Outbreak response")
    d.add_paragraph("Cases are falling in two districts.")
    _, seg = from_docx(d)
    assert seg.header.chair == "Nadia Farouk"
    assert {p.name: p.organisation for p in seg.participants} == {"Nadia Farouk": "Health Bureau", "Omar Vell": "Aqua Aid"}


@pytest.mark.parametrize("header_row, rows, topics", [
    ("Time / Item09h00 – 09h15 / Opening and welcome", ["09h15 – 10h00 / Partner updates", "10h00 – 10h30 / Stock levels",
                                                    "10h30 – 10h45 / AOB"],
     ["Opening and welcome", "Partner updates", "Stock levels", "AOB"]),
    ("Topic / WhoFollow-up of last month's actions / All", ["Latrine repairs in the camps / Field team"],
     ["Follow-up of last month's actions", "Latrine repairs in the camps"]),
])
@pytest.mark.parametrize("name,sep", [("minutes.txt", "\n"), ("minutes.md", "\n\n")])  # ingest's table or segment's lines
def test_segment_structure_flattened_agenda_header_glued_to_its_first_row(header_row, rows, topics, name, sep):
    text = sep.join(["Date: 3 May 2016; Venue: field office", "Agenda:", header_row, *rows,
                     "Minutes:", "The partners shared their figures and agreed on the next distribution."]) + "\n"
    _, seg = from_text(text, name)
    assert set(topics) <= set(headings(seg))


@pytest.mark.parametrize("text,expected", [
    ("Réunion de coordination des partenaires\nLe jeudi 4 mai 2023 s'est tenue au bureau de la coordination la\n"
     "réunion mensuelle des partenaires. Les échanges ont porté sur les points\nsuivants, retenus par le bureau :\n"
     "• Point sur les distributions de vivres,\n• Calendrier des évaluations conjointes,\n• Divers.\n"
     "Il ressort des échanges :\nLes distributions ont repris dans deux communes après la saison des pluies, selon le\n"
     "partenaire qui les conduit.\n",
     ["Point sur les distributions de vivres", "Calendrier des évaluations conjointes", "Divers"]),
    ("Partners meeting\nThe partners met on 4 May 2023 in the field office to review the response and took up the following\n"
     "topics, in the order the chair proposed:\n- Food distributions\n- Joint assessment calendar\n- Any other business\n"
     "Discussion\nDistributions resumed in two districts after the rains, the lead partner said.\n",
     ["Food distributions", "Joint assessment calendar", "Any other business"]),
])
def test_segment_structure_agenda_announced_by_a_sentence_across_line_breaks(text, expected):
    _, seg = from_text(text)
    assert all(h in headings(seg) for h in expected), headings(seg)


@pytest.mark.parametrize("text,expected,absent", [
    ("Mapping board call 3 May 2021\n\n* Fiscal sponsor paperwork\n* Field exercise in June\n"
     "  * Partner proposal and its budget\n* Imagery contacts\n\nAction points\n\n"
     "* Send the draft budget to the board (Lena)\n* Book the training room (Omar)\n",
     ["Fiscal sponsor paperwork", "Field exercise in June", "Imagery contacts"], ["Partner proposal and its budget"]),
    ("# Reunión del grupo 2023\n\n- Planificar la campaña\n- Asignar tareas técnicas\n- Material de difusión\n"
     "  - Fotos de las pruebas\n- Capacitación\n", ["Planificar la campaña", "Capacitación"], ["Fotos de las pruebas"]),
    ("# Team sync\n\n- Ana Silva\n- Rui Costa\n- Lea Braun\n\n## Notes\n\nThe release slipped by a week.\n",
     ["Notes"], ["Ana Silva", "Rui Costa"]),  # a list of people under the title is no agenda
    ("# Team sync\n\n- Ana: sent the map\n- Rui: booked the room\n- Lea: wrote the brief\n", [], ["Ana", "Rui"]),
    ("Board call\n\n- Budget: spending to date\n- Hiring: two posts open\n- Venue for the retreat\n",
     ["Budget: spending to date", "Hiring: two posts open", "Venue for the retreat"], []),  # topics, not updates
    ("# Lab group call\n\n## Links\n\n- Recording: <https://example.org/rec>\n- Tracker: <https://example.org/t>\n"
     "- Slides: <https://example.org/s>\n", [], ["Recording", "Tracker"]),  # under a second heading, no agenda
    ("Lab group call\n\nIdeas:\n\n- Book a longer slot in the lab to run the full series of samples\n"
     "- Write up the dosing results before the next grading round starts\n- Share the scripts\n",
     [], ["Share the scripts"]),  # points made under "Ideas:", not agenda topics
])
def test_segment_structure_list_opening_the_minutes_is_their_agenda(text, expected, absent):
    _, seg = from_text(text, "minutes.md")
    assert all(h in headings(seg) for h in expected), headings(seg)
    # a person's lead-in is an update, not an agenda item
    assert not any(a in h for a in absent for h in headings(seg, "agenda_item")), headings(seg)


@pytest.mark.parametrize("running", ["{page} 3/9/2023", "Harbour board minutes {page}", "Draft for comment"])
def test_segment_structure_running_page_line_is_no_title_or_section(running):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pages = [("HARBOUR BOARD MEETING", "1. Dredging plan", "The board reviewed the dredging schedule for the spring."),
             ("2. Berth fees", "Fees stay as they are until the next review."),
             ("3. Other business", "The secretary will circulate the revised budget.")]
    for page, lines in enumerate(pages, start=1):
        pdf.add_page()
        for line in (running.format(page=page), *lines):
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)
    doc = ingest(Source(source_path="harbour.pdf", data=bytes(pdf.output()), doc_id="p9"), settings=Settings())
    seg = checked(doc)
    assert seg.header.title == "HARBOUR BOARD MEETING"
    assert headings(seg) == ["HARBOUR BOARD MEETING", "Dredging plan", "Berth fees", "Other business"], headings(seg)


@pytest.mark.parametrize("title,expected", [
    ("Team Minutes 4 – 11th March 2019", date(2019, 3, 11)),
    ("Sprint review, Week 2 - 12/03/2019", date(2019, 3, 12)),
    ("Sesión nº 4 - 21 March 2019", date(2019, 3, 21)),
    ("Harbour workshop 3–5 March 2020", date(2020, 3, 3)),  # a range of days keeps its first day
])
def test_segment_structure_meeting_number_before_the_date_is_no_day(title, expected):
    doc, seg = from_text(f"{title}\n\nSummary:\n\nThe team reviewed the diagrams before the hand-in.\n")
    assert seg.header.meeting_date == expected
    field = next(f for f in seg.header.fields if f.field == "meeting_date")
    assert str(expected.day) in doc.text[field.span.start_char:field.span.end_char]


@pytest.mark.parametrize("text,entries", [
    ("Team log\n\n03/10/24 kick-off\nAttendees: Matilda, Vik, Ida\nContext: We listed the parts of the prototype.\n\n"
     "10/10/24 sensor tests\nAttendees: Matilda, Ida\nContext: Two sensors failed the humidity test.\n\n"
     "17/10/24\nAttendees: ALL\nContext: The casing was printed again.\n",
     ["03/10/24 kick-off", "10/10/24 sensor tests", "17/10/24"]),  # a line before the same fields, again
    ("Rover group\n\nRover meeting # 1\nDate: 2/9/24\nVenue: Lab 4\nAgenda:\n1. Chose the chassis\n"
     "2. Split the work\n\nRover meeting # 2\nDate: 9/9/24\nVenue: Lab 4\nAgenda:\n1. Wired the motors\n\n"
     "Rover meeting # 2\nDate: 16/9/24\nVenue: Lab 4\nAgenda:\n1. Tested on the ramp\n",
     ["Rover meeting # 1", "Rover meeting # 2", "Rover meeting # 2"]),  # a repeated entry line stays
    ("Solver project notes\n\n3rd May\nPicked the puzzle to solve\n\n10th May\nWrote the first search\n"
     "Compared two heuristics\n\n17th May\nFinished the report\n", ["3rd May", "10th May", "17th May"]),
])
def test_segment_structure_each_meeting_of_a_log_opens_a_section(text, entries):
    _, seg = from_text(text)
    found = headings(seg)
    assert [h for h in found if h in entries] == entries, found
    first = next(s for s in seg.sections if s.heading == entries[0])
    second = next(s for s in seg.sections if s.heading == entries[1])
    assert first.level == second.level and first.end_char <= second.start_char


@pytest.mark.parametrize("text", [
    "Cluster meeting\n\nDate: 4 May 2023\n\nActions\n12/05/23 / WASH partners / share the list\n"
    "19/05/23 / Health partners / update the map\n\n1. Updates\n\nPartners shared updates.\n",
    "Cluster meeting\n\nDate: 4 May 2023\nVenue: Hall B\n\n1. Updates\n\nPartners shared updates on the caseload.\n",
])
def test_segment_structure_table_rows_and_one_header_are_no_log_entries(text):
    _, seg = from_text(text)
    assert not any(h.startswith(("12/05/23", "Cluster meeting")) for h in headings(seg)[1:]), headings(seg)
    assert "Updates" in headings(seg)


@pytest.mark.parametrize("text,expected,absent", [
    ("Steering call\n\n## Agenda\n\n* Welcome to the new members!\n  * Two people joined from the lab.\n"
     "* Which runner do we keep?\n  * The old runner is slow.\n  * The new one needs a licence.\n"
     "* Is the wiki still useful?\n* Budget\n  * Spent as planned.\n",
     ["Welcome to the new members!", "Which runner do we keep?", "Budget"], ["Is the wiki still useful?"]),
])
def test_segment_structure_list_item_question_with_items_under_it_is_a_topic(text, expected, absent):
    _, seg = from_text(text, "steering.md")
    found = headings(seg)
    assert all(h in found for h in expected) and not any(h in found for h in absent), found


@pytest.mark.parametrize("text,expected,chair", [
    ("Chess club committee\n\n1.1 Opening\nHarriet was elected Chair\n1.2 Attendance\n"
     "Harriet, Jonas, Priyanka, Olek and Tamsin were in attendance\n\n2 Tournament\n\nThe spring tournament is set.\n",
     ["Harriet", "Jonas", "Priyanka", "Olek", "Tamsin"], "Harriet"),
    ("Studio notes\n\n12/3/19 Review with Rupert, Bianca and Greta\n\nThe tutors liked the level design.\n",
     ["Rupert", "Bianca", "Greta"], None),
])
def test_segment_structure_names_listed_in_an_opening_sentence(text, expected, chair):
    doc, seg = from_text(text)
    assert names(seg) == expected
    assert all(doc.text[p.start_char:p.end_char] == p.name for p in seg.participants)
    assert seg.header.chair == chair


@pytest.mark.parametrize("text", [
    "Sector meeting\n\nUpdates from Aldon, Kestrel and Marrowby were shared.\n\n1. Stocks\n\nLow.\n",
    "Sector meeting\n\nWater, Health and Shelter partners met.\n\n1. Stocks\n\nLow.\n",
    "Board call\n\nPresent: Lina Storm, Omar Vell\n\nRupert, Bianca and Greta sent their reports.\n\n1. Budget\n\nSet.\n",
])
def test_segment_structure_sentence_name_runs_need_given_names_and_no_list(text):
    _, seg = from_text(text)
    assert not {"Aldon", "Water", "Rupert", "Bianca", "Greta"} & set(names(seg, None)), names(seg, None)


@pytest.mark.parametrize("line,bold,found", [("Review of the sprint", True, True), ("Open tasks:", False, True),
                                             ("Review of the sprint", False, False)])
def test_segment_structure_emphasised_line_over_a_table_opens_a_section(line, bold, found):
    d = docx.Document()
    d.add_paragraph("Robotics team minutes")
    d.add_paragraph("The team met in the workshop after the lecture and went through the open work.")
    d.add_paragraph().add_run(line).bold = bold
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate([("Task", "Who"), ("Mount the arm", "Ines"), ("Test the gripper", "Kofi")]):
        for col, value in enumerate(row):
            table.cell(r, col).text = value
    _, seg = from_docx(d)
    assert (line.rstrip(":") in headings(seg)) is found, headings(seg)


def test_segment_structure_html_comment_is_no_part_of_a_markdown_heading():
    _, seg = from_text("# Crew call\n\n## 3. Coming up <!-- see the shared calendar -->\n\n- Paint the shed\n\n"
                       "## 4. Other news\n\n- None\n", "crew.md")
    assert "Coming up" in headings(seg) and not any("<!--" in h for h in headings(seg))


@pytest.mark.parametrize("line,expected", [("Date : 3 mai 2012", date(2012, 5, 3)),
                                           ("Fecha: 15 de mayo de 2019", date(2019, 5, 15)),
                                           ("Date: 7 Mar 2012", date(2012, 3, 7))])
def test_segment_structure_month_word_reads_in_its_own_language(line, expected):
    _, seg = from_text(f"Coordination\n{line}\n\nShort notes.\n")  # too short to be detected as French or Spanish
    assert seg.header.meeting_date == expected


def test_segment_structure_dated_notes_inside_one_meeting_are_no_log():
    text = ("Cluster meeting\nDate: 4 May 2023\nVenue: Hall B\n\n1. Welcome\nThe chair opened the meeting.\n\n"
            "2. Partner updates\nPartners spoke in turn about their work in the camps this month.\n"
            "Several sites were visited by the teams.\n\n12 April site visit\nTwo latrines were repaired.\n\n"
            "19 April site visit\nThe pump was replaced.\n\n3. Other business\nNone.\n")
    _, seg = from_text(text)
    assert "Other business" in headings(seg)
    level = {s.heading: s.level for s in seg.sections}
    assert level["Other business"] == level["Partner updates"]


# --- emphasis read from a PDF's fonts ----------------------------------------------------------------------------
def bold_numbered_pdf(lines: list[tuple[str, str]]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    for style, text in lines:
        pdf.set_font("Helvetica", style, 13 if style else 11)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("lines,expected", [
    ([("", "Shelter Working Group"), ("", "Tuesday 4 March 2025"),
      ("B", "1 Welcome"), ("", "Ravi opened the call"),
      ("B", "2 Site planning"), ("", "3 camps were assessed this month and two more are planned for April."),
      ("B", "2.1 Drainage works"), ("", "Works start after the rains"),
      ("B", "3 Any other business"), ("", "None")],
     ["Welcome", "Site planning", "Drainage works", "Any other business"]),
])
def test_segment_structure_bold_pdf_lines_with_bare_numbers_are_sections(lines, expected):
    """A bold PDF line numbered without a stop ("2 Site planning") opens a section even over a short line; a regular
    line that opens with a number ("3 camps were assessed ...") is a count, not an item."""
    doc = ingest(Source(source_path="minutes.pdf", data=bold_numbered_pdf(lines), doc_id="b1"), settings=Settings())
    seg = checked(doc)
    found = headings(seg)
    assert [h for h in found if h in expected] == expected
    assert not any(h.startswith("3 camps") for h in found)


@pytest.mark.parametrize("label,value", [("Date", "4 March 2025")])
def test_segment_structure_bold_label_over_its_value_is_no_section(label, value):
    """A bold line over a regular one is a heading over its body, but a bold label over its value is a field."""
    d = docx.Document()
    d.add_paragraph("Nutrition Sector Meeting")
    for heading, body in ((label, value), ("Screening results", "Fewer cases")):
        d.add_paragraph().add_run(heading).bold = True
        d.add_paragraph(body)
    _, seg = from_docx(d)
    assert "Screening results" in headings(seg)
    assert label not in headings(seg)


@pytest.mark.parametrize("text,expected", [
    ("# Sector call\n\n## 1 Welcome\n\nThe chair opened the call.\n\n## 2 Site planning\n\nThree sites were visited.\n",
     [("1", "Welcome"), ("2", "Site planning")]),
])
def test_segment_structure_heading_numbered_without_a_stop(text, expected):
    """A heading's bare number ("## 2 Site planning") is its item number, not part of its title."""
    _, seg = from_text(text, "minutes.md")
    assert [(s.number, s.heading) for s in seg.sections if s.number] == expected
