"""Segment on documents built in the tests: one test per layout minutes use, plus header fields and participants."""
from __future__ import annotations

import io
from datetime import date, datetime

import docx
import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.model import Document, Segmented, Source
from pipeline.segment import segment
from pipeline.segment.columns import column_role

SETTINGS = Settings()


def from_text(text: str, name: str = "minutes.txt") -> tuple[Document, Segmented]:
    doc = ingest(Source(source_path=name, data=text.encode("utf-8"), doc_id="t1"), settings=SETTINGS)
    return doc, checked(doc)


def from_docx(document: docx.document.Document, name: str = "minutes.docx") -> tuple[Document, Segmented]:
    buf = io.BytesIO()
    document.save(buf)
    doc = ingest(Source(source_path=name, data=buf.getvalue(), doc_id="d1"), settings=SETTINGS)
    return doc, checked(doc)


def checked(doc: Document) -> Segmented:
    """Segment, and hold every span to the offsets contract."""
    seg = segment(doc, settings=SETTINGS)
    for item in (*seg.sections, *seg.participants):
        assert doc.text[item.start_char:item.end_char] == item.text
    for f in seg.header.fields:
        assert doc.text[f.span.start_char:f.span.end_char] == f.span.text
    ordinals = [s.ordinal for s in seg.sections]
    assert ordinals == sorted(ordinals) and len(set(ordinals)) == len(ordinals)
    for s in seg.sections:
        assert s.parent_ordinal is None or s.parent_ordinal < s.ordinal
    return seg


def headings(seg: Segmented, kind: str | None = None) -> list[str]:
    return [s.heading for s in seg.sections if kind is None or s.kind == kind]


def test_numbered_agenda_items_in_their_many_spellings():
    _, seg = from_text(
        "Board meeting, 3 March 2022\n\n"
        "1. Welcome and apologies\n\nThe chair opened the meeting.\n\n"
        "2) Budget review\n\nThe treasurer presented the accounts.\n\n"
        "Item 3 Hiring plan\n\nTwo posts are open.\n\n"
        "Agenda item 4: Any other business\n\nNone.\n\n"
        "ACTION 58.2 Fix the projector\n\nStill broken.\n")
    items = [(s.number, s.heading, s.kind) for s in seg.sections if s.kind != "header"]
    assert items == [("1.", "Welcome and apologies", "agenda_item"), ("2)", "Budget review", "agenda_item"),
                     ("Item 3", "Hiring plan", "agenda_item"), ("Agenda item 4", "Any other business", "aob"),
                     ("ACTION 58.2", "Fix the projector", "agenda_item")]


def test_numbered_sentences_are_a_list_not_sections():
    _, seg = from_text("Findings\n\n1) Mobile teams reached more villages than the fixed clinics did.\n\n"
                       "2) Most households used the cash grants for food and rent.\n\n"
                       "3) Waiting times fell after the second nurse arrived.\n")
    assert not [s for s in seg.sections if s.number]


def test_sub_numbering_nests_under_its_item():
    _, seg = from_text("4. Reports\n\n4.1 Finance committee\n\nThe audit is under way.\n\n4.2 Outreach committee\n\n"
                       "Two school visits took place.\n\n5. General business\n\nNothing raised.\n")
    by = {s.heading: s for s in seg.sections}
    assert by["Finance committee"].parent_ordinal == by["Reports"].ordinal
    assert by["General business"].parent_ordinal is None and by["General business"].kind == "aob"
    assert by["Reports"].end_char <= by["General business"].start_char


def test_word_heading_styles_make_the_tree():
    d = docx.Document()
    d.add_heading("Health Cluster meeting", level=0)
    d.add_heading("Opening", level=1)
    d.add_paragraph("The coordinator welcomed partners.")
    d.add_heading("Partner updates", level=1)
    d.add_heading("Northern region", level=2)
    d.add_paragraph("Two clinics reopened.")
    d.add_heading("Next meeting", level=1)
    d.add_paragraph("The next meeting will be on 12 May 2022.")
    doc, seg = from_docx(d, "health-cluster-2022-04-28.docx")
    by = {s.heading: s for s in seg.sections}
    assert by["Health Cluster meeting"].kind == "header"
    assert by["Northern region"].parent_ordinal == by["Partner updates"].ordinal
    assert by["Opening"].level == by["Partner updates"].level == 1
    assert by["Next meeting"].kind == "next_meeting"
    assert seg.header.meeting_date == date(2022, 4, 28) and seg.header.meeting_date_source == "file_name"
    assert seg.header.next_meeting == datetime(2022, 5, 12)


def test_markdown_headings_and_bold_topic_lines():
    _, seg = from_text("# Steering group\n\n## Decisions\n\n- Adopt the charter\n\n## Open questions\n\n"
                       "**Funding:**\n\n- Ask the donors\n- Draft the budget\n", "notes.md")
    assert headings(seg)[1:] == ["Decisions", "Open questions", "Funding"]
    by = {s.heading: s for s in seg.sections}
    assert by["Funding"].parent_ordinal == by["Open questions"].ordinal


def test_bold_single_line_paragraphs_are_headings_in_word():
    d = docx.Document()
    d.add_paragraph("Shelter Cluster meeting, 14 February 2024")
    for title, body in [("Winterisation", "Kits reached 400 families."), ("Funding gaps", "The appeal is 30% funded.")]:
        d.add_paragraph().add_run(title).bold = True
        d.add_paragraph(body)
    d.add_paragraph().add_run("This bold sentence runs on and ends with a full stop.").bold = True
    d.add_paragraph("Closing remarks.")
    doc, seg = from_docx(d)
    assert [b.text for b in doc.blocks if b.bold] == ["Winterisation", "Funding gaps",
                                                      "This bold sentence runs on and ends with a full stop."]
    assert [(s.heading, s.level) for s in seg.sections if s.kind != "header"] == [
        ("Winterisation", 1), ("Funding gaps", 1)]


def test_org_lead_ins_are_updates_and_common_words_are_sub_topics():
    _, seg = from_text("Agency updates:\n\n"
                       "UNICEF: distributed hygiene kits in three camps this week.\n\n"
                       "World Vision: food distribution planned for next month.\n\n"
                       "Training: a mapping course starts next week for partners.\n\n"
                       "Diego Ramos: presented the new reporting tool to everyone.\n")
    kinds = {s.heading: (s.kind, s.speaker, s.speaker_org) for s in seg.sections}
    assert kinds["UNICEF"] == ("update", None, "UNICEF")
    assert kinds["World Vision"] == ("update", None, "World Vision")
    assert kinds["Training"][0] == "sub_topic"
    assert kinds["Diego Ramos"] == ("update", "Diego Ramos", None)


def test_update_by_heading_names_the_speaker():
    _, seg = from_text("# Weekly sync\n\n## Update by Diego\n\nShipped the exporter.\n\n## UNHCR update\n\n"
                       "Registration continues.\n", "sync.md")
    by = {s.heading: s for s in seg.sections}
    assert (by["Update by Diego"].kind, by["Update by Diego"].speaker) == ("update", "Diego")
    assert by["UNHCR update"].speaker_org == "UNHCR"


def test_table_rows_are_agenda_items_and_columns_get_roles():
    d = docx.Document()
    d.add_paragraph("Protection Working Group, 6 June 2023")
    t = d.add_table(rows=3, cols=4)
    for cell, text in zip(t.rows[0].cells, ["No.", "Issues discussed", "Action point", "Responsible"]):
        cell.text = text
    for r, (n, issue, action, who) in enumerate([("1.", "Referral pathways", "Update the map", "UNHCR"),
                                                 ("2.", "Next Meeting", "", "")], start=1):
        for cell, text in zip(t.rows[r].cells, [n, issue, action, who]):
            cell.text = text
    doc, seg = from_docx(d)
    roles = {b.column_header: b.column_role for b in seg.blocks if b.table_id is not None}
    assert roles == {"No.": None, "Issues discussed": "issue", "Action point": "action", "Responsible": "owner"}
    rows = [(s.number, s.heading, s.kind) for s in seg.sections if s.kind != "header"]
    assert rows == [("1.", "Referral pathways", "agenda_item"), ("2.", "Next Meeting", "next_meeting")]
    assert seg.header.meeting_date == date(2023, 6, 6)


@pytest.mark.parametrize("header, role", [
    ("Next steps", "action"), ("Follow-up", "action"), ("Action made", "action"), ("Focal point", "owner"),
    ("Allocated to", "owner"), ("Lead", "owner"), ("Timeline", "deadline"), ("Due", "deadline"),
    ("Status", "status"), ("Issue/Discussion", "issue"), ("Participants", None), ("", None)])
def test_column_role_from_header(header, role):
    assert column_role(header) == role


def test_tab_indented_text_dump_keeps_cells_and_rows():
    text = ("Minutes of the WASH meeting: 4 April 2019\n"
            "Chair: Amina Yusuf, WASH Coordinator\n"
            "\tNo.\tIssues discussed\tNext steps\n"
            "\t1.\tWater trucking\n\tOXFAM: trucking continues in two camps until the pipeline is fixed.\tOXFAM to report\n"
            "\t2.\tNext Meeting\n\tThe next meeting will be on 18 April 2019 at 10:00.\n")
    _, seg = from_text(text)
    assert seg.header.chair == "Amina Yusuf"
    assert seg.header.meeting_date == date(2019, 4, 4)
    assert seg.header.next_meeting == datetime(2019, 4, 18, 10, 0)
    assert "OXFAM" in [s.speaker_org for s in seg.sections]


def test_transcript_speaker_lines_are_updates_under_their_topic():
    _, seg = from_text("# Board call 2023-06-22\n\n## Minutes\n\n"
                       "- Review of the hiring plan\n"
                       "  - Carol: The second post should be advertised before the summer.\n"
                       "  - Mark: The budget line for it is already approved.\n"
                       "- Website refresh\n"
                       "  - Nadia: The designer sends mock-ups next month.\n", "council.md")
    by = {s.heading: s for s in seg.sections}
    topic = by["Review of the hiring plan"]
    speakers = [s for s in seg.sections if s.parent_ordinal == topic.ordinal]
    assert [(s.kind, s.speaker) for s in speakers] == [("update", "Carol"), ("update", "Mark")]
    assert seg.header.meeting_date == date(2023, 6, 22)


def test_agenda_list_titles_the_numbered_points():
    _, seg = from_text("Acta del comité de vecinos\nFecha: 03/05/2019\n"
                       "Orden del día:\n1. Presupuesto de la fiesta\n2. Limpieza del parque\n"
                       "3. Ruegos y preguntas\n"
                       "1º punto: Se aprueba el presupuesto propuesto por la tesorera.\n"
                       "2º punto: El ayuntamiento limpiará el parque en junio.\n"
                       "3º punto: Una vecina pregunta por las farolas de la plaza.\n")
    assert [(s.heading, s.kind) for s in seg.sections if s.number] == [
        ("Presupuesto de la fiesta", "agenda_item"), ("Limpieza del parque", "agenda_item"), ("Ruegos y preguntas", "aob")]
    assert seg.header.language == "es" and seg.header.meeting_date == date(2019, 5, 3)


def test_header_fields_and_participants_with_status_and_roles():
    _, seg = from_text(
        "Food Security Cluster coordination meeting\n"
        "Date: Tuesday 5 April 2016\nTime: 2pm\nLocation: OCHA conference room, Mogadishu\n"
        "Chaired by: Jane Mwangi (FAO)\n"
        "Present: Ali Hassan (WFP), Sara Lind, Save the Children, Omar Farah - Ministry of Agriculture\n"
        "Apologies: Peter Okello\n\n"
        "1. Market prices\n\nPrices rose in March.\n")
    h = seg.header
    assert (h.meeting_date, h.meeting_time, h.location, h.chair) == (
        date(2016, 4, 5), "2pm", "OCHA conference room, Mogadishu", "Jane Mwangi")
    people = {p.name: p for p in seg.participants}
    assert people["Ali Hassan"].organisation == "WFP" and people["Ali Hassan"].kind == "person"
    assert people["Save the Children"].kind == "org"
    assert people["Omar Farah"].organisation == "Ministry of Agriculture"
    assert people["Peter Okello"].status == "apologies"
    assert people["Jane Mwangi"].role == "chair"
    assert {f.field for f in h.fields} >= {"title", "meeting_date", "meeting_time", "location", "chair"}


def test_weekday_that_contradicts_the_date_defers_to_the_file_name():
    _, seg = from_text("Parents' council\nDate: Thursday 8 March, 2023\n\n1. Opening\n\nOpened.\n",
                       "council_9-3-2023.txt")
    assert seg.header.meeting_date == date(2023, 3, 9)


def test_names_listed_one_per_line_after_a_label_and_honorific_tables():
    _, seg = from_text("Attendees\nElena Ruiz\nMarta Oliva\nTomás Ibarra\n\nThe meeting opened.\n\n"
                       "List of participants\nES Dr Ana Belen Cruz MC Member ana@x.es yes FR Prof Luc Martin MC Member "
                       "luc@y.fr no\n")
    names = {p.name: p.status for p in seg.participants}
    assert {"Elena Ruiz", "Marta Oliva", "Tomás Ibarra"} <= set(names)
    assert names.get("Ana Belen Cruz") == "present" and names.get("Luc Martin") == "absent"


def test_relative_next_meeting_resolves_against_the_meeting_date():
    _, seg = from_text("Allotment society, 7 June 2022\n\n5.3 Next meeting\nIn three weeks, in the shed as usual.\n")
    assert seg.header.next_meeting == datetime(2022, 6, 28)


def test_empty_and_headless_documents():
    _, seg = from_text("just one line of notes without structure\n")
    assert [s.kind for s in seg.sections] == ["header"] and seg.header.meeting_date is None


def test_form_layout_label_then_value_and_attendance_table():
    d = docx.Document()
    for line in ["Meeting Name:", "Week 3 project meeting", "Minute Taker:", "Lee Wen Hui", "Date & Location:",
                 "23/09/2022, Online"]:
        d.add_paragraph(line)
    t = d.add_table(rows=3, cols=2)
    for (r, c), text in {(0, 0): "Present", (0, 1): "Apologies / Absent", (1, 0): "Tan Mei Ling",
                         (1, 1): "Ravi Kumar", (2, 0): "Lee Wen Hui"}.items():
        t.cell(r, c).text = text
    d.add_paragraph("1. Storyboard")
    d.add_paragraph("The storyboard was drafted.")
    _, seg = from_docx(d)
    assert seg.header.title == "Week 3 project meeting" and seg.header.meeting_date == date(2022, 9, 23)
    status = {p.name: p.status for p in seg.participants}
    assert status == {"Lee Wen Hui": "present", "Tan Mei Ling": "present", "Ravi Kumar": "apologies"}
    assert next(p for p in seg.participants if p.name == "Lee Wen Hui").role == "note-taker"


def test_next_meeting_as_a_deadline_is_not_the_next_meeting():
    d = docx.Document()
    d.add_paragraph("WASH Sector Coordination Meeting, 12/03/2024")
    d.add_paragraph("Participants: 30 participants from 20 organisations, including Oxfam, BRAC and IOM.")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Action point", "Responsible", "Deadline"),
                             ("Share the water quality results", "WASH IMO", "Next meeting"),
                             ("Circulate the targets", "Sector lead", "14 March 2024")]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    _, seg = from_docx(d)
    assert seg.header.next_meeting is None
    assert [p.name for p in seg.participants] == ["Oxfam", "BRAC", "IOM"]


def test_attendance_labels_in_the_body_are_not_a_roll_call():
    lines = ["Health Cluster meeting, 2 May 2024", "Present: WHO, UNICEF, MSF", ""]
    lines += [f"{n}. Topic {n}\n\nThe partners discussed item {n} at length." for n in range(1, 40)]
    lines += ["Agencies: UNICEF will lead the vaccination campaign with support from WHO.", "",
              "List of participants", "Dr Amina Yusuf", "Prof Lars Berg"]
    _, seg = from_text("\n".join(lines))
    assert [p.name for p in seg.participants] == ["WHO", "UNICEF", "MSF", "Amina Yusuf", "Lars Berg"]


def test_notes_label_and_everyone_are_not_participants():
    _, seg = from_text("Portal review – 4 May 2025\nAttendees: All\n"
                       "Purpose: Review of the forms, small layout issues, and colours.\nNotes:\n"
                       "- Reviewed the buttons and their contrast.\n- Noted minor issues and layout concerns.\n")
    assert seg.participants == ()


@pytest.mark.parametrize("entry, parsed", [
    ("Jane Okoro (UNICEF)", ("Jane Okoro", "UNICEF", None)),
    ("Amira (Treasurer)", ("Amira", None, "Treasurer")),
    ("Ken Ito, WFP", ("Ken Ito", "WFP", None)),
    ("NO: Ingrid Dahl", ("Ingrid Dahl", "NO", None)),
    ("Checked by: Sam Lee", ("Sam Lee", None, "Checked by")),
    ("Dr. Amina Yusuf - Ministry of Health", ("Amina Yusuf", "Ministry of Health", None)),
    ("including Oxfam", ("Oxfam", None, None)),
    ("12 partners", (None, None, None)),
    ("All", (None, None, None)),
])
def test_participant_entry_parsing(entry, parsed):
    from pipeline.segment.participants import parse_entry

    assert parse_entry(entry) == parsed


def test_segment_comment_is_no_heading_attendee_list_or_header_field():
    from tests.test_ingest_docx import add_comments_part, append_xml, commented

    document = docx.Document()
    document.add_heading("Nutrition working group", level=1)
    document.add_paragraph("Participants: Yarrow Pell (UNICEF), Teodor Quell (WFP)")
    append_xml(document, commented("Screening reached ", 1, "four districts", "."))
    document.add_paragraph("2. Supplies")
    document.add_paragraph("Stocks last until June.")
    remarks = ["Attendees: Wenna Dorr, Ivo Brant", "Date: 9 March 2021", "3. Training", "Next meeting: 2 July 2021"]
    add_comments_part(document, [(1, "Greta Solm", remarks)])
    doc, seg = from_docx(document)
    assert [b.text for b in doc.blocks if b.part == "comment"] == remarks
    assert {p.name for p in seg.participants} == {"Yarrow Pell", "Teodor Quell"}
    assert "Training" not in headings(seg) and "Supplies" in headings(seg)
    h = seg.header
    assert (h.meeting_date, h.next_meeting, h.title) == (None, None, "Nutrition working group")
    assert seg.sections and not any("Training" in s.text or "Attendees" in s.text for s in seg.sections)


def test_segment_document_of_comments_only_has_no_title_or_sections():
    from tests.test_ingest_docx import add_comments_part, append_xml, commented

    document = docx.Document()
    append_xml(document, commented("", 2, "", "", ranged=False))
    add_comments_part(document, [(2, "Kerr Olswin", ["1. Agenda to follow", "Present: Wenna Dorr"])])
    doc, seg = from_docx(document)
    assert [b.part for b in doc.blocks] == ["comment", "comment"]
    assert (seg.sections, seg.participants, seg.header.title) == ((), (), None)
