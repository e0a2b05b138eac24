"""Attendance tables and label/value tables, as python-docx tables and as ruled fpdf2 PDF tables (invented names)."""
from __future__ import annotations

import io

import docx
import pytest
from fpdf import FPDF

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.model import Document, Segmented, Source
from pipeline.segment import segment
from builders import minutes_pdf
from test_segment import from_text

SETTINGS = Settings()

ROSTER = [["Country", "Title", "First name", "Last name", "Role", "Organisation", "Present"],
          ["NL", "Dr", "Maren", "Oosterhuis", "Chair", "Delta Institute", "yes"],
          ["PT", "Prof", "Tiago", "Valadares", "Member", "Coastal Lab", "yes"],
          ["FI", "Dr", "Ilona", "Keskinen", "Member", "Northern Works", "no"],
          ["GR", "Ms", "Eleni", "Papadaki", "Member", "Harbour Trust", "excused"]]
LABEL_VALUE = [["Meeting called by", "Oskar Lindqvist"],
               ["Date", "14/03/2024"],
               ["Attendees", ["Oskar Lindqvist", "Priya Raman", "Tomasz Wierzba", "Aiko Tanabe"]],
               ["Duration", "45 minutes"]]


def _checked(doc: Document) -> Segmented:
    seg = segment(doc, settings=SETTINGS)
    for p in seg.participants:
        assert doc.text[p.start_char:p.end_char] == p.text
    for s in seg.sections:
        assert doc.text[s.start_char:s.end_char] == s.text
    return seg


def _docx(rows: list[list], title: str, after: list[str] = (), lead: str | None = None) -> Document:
    d = docx.Document()
    d.add_paragraph(title)
    if lead:
        d.add_heading(lead, level=1)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            values = value if isinstance(value, list) else [value]
            cell.paragraphs[0].text = values[0]
            for extra in values[1:]:
                cell.add_paragraph(extra)
    for line in after:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return ingest(Source(source_path="minutes.docx", data=buf.getvalue(), doc_id="d1"), settings=SETTINGS)


def _pdf(rows: list[list], title: str, after: list[str] = (), lead: str | None = None) -> Document:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    if lead:
        pdf.ln(4)
        pdf.cell(0, 8, lead, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(first_row_as_headings=False) as table:  # rules on every cell, as Word prints a table
        for row in rows:
            r = table.row()
            for value in row:
                r.cell("\n".join(value) if isinstance(value, list) else value)
    pdf.ln(6)
    for line in after:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return ingest(Source(source_path="minutes.pdf", data=bytes(pdf.output()), doc_id="p1"), settings=SETTINGS)


BUILDERS = {"docx": _docx, "pdf": _pdf}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_table_joins_first_and_last_name_and_reads_present_column(fmt):
    seg = _checked(BUILDERS[fmt](ROSTER, "Steering group meeting"))
    people = {p.name: p for p in seg.participants}
    assert set(people) == {"Maren Oosterhuis", "Tiago Valadares", "Ilona Keskinen", "Eleni Papadaki"}
    assert people["Maren Oosterhuis"].organisation == "Delta Institute"
    assert people["Maren Oosterhuis"].role == "Chair"  # the "Title" column holds "Dr", no role
    assert people["Tiago Valadares"].role == "Member"
    assert [people[n].status for n in ("Tiago Valadares", "Ilona Keskinen", "Eleni Papadaki")] == \
        ["present", "absent", "apologies"]
    assert seg.header.chair == "Maren Oosterhuis"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("header", [["Nombre", "Organización", "Cargo"], ["Nombres", "Entidad", "Cargo"]])
def test_segment_attendance_given_name_header_alone_heads_the_whole_name(fmt, header):
    # in Spanish "Nombre(s)" is also the given-name column; with no "Apellidos" beside it, it holds the full name
    rows = [header, ["Marisol Quintero", "Cuenca Viva", "Coordinadora"], ["Tiago Valadares", "Coastal Lab", "Oficial"]]
    seg = _checked(BUILDERS[fmt](rows, "Reunión de la mesa de agua"))
    assert {p.name: (p.organisation, p.role) for p in seg.participants} == {
        "Marisol Quintero": ("Cuenca Viva", "Coordinadora"), "Tiago Valadares": ("Coastal Lab", "Oficial")}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_label_value_table_reads_one_name_per_line(fmt):
    seg = _checked(BUILDERS[fmt](LABEL_VALUE, "Planning call"))
    names = {p.name for p in seg.participants}
    assert {"Priya Raman", "Tomasz Wierzba", "Aiko Tanabe", "Oskar Lindqvist"} <= names
    assert not names & {"45 minutes", "Duration", "14/03/2024"}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_name_table_without_detail_columns_is_no_roll_call(fmt):
    rows = [["Name", "Score"], ["Rolf Hansen", "12"], ["Mia Torres", "9"]]
    seg = _checked(BUILDERS[fmt](rows, "Quiz results"))
    assert not {p.name for p in seg.participants} & {"Rolf Hansen", "Mia Torres"}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_list_heading_ends_with_its_table(fmt):
    rows = [["Name", "Organisation"], ["Hanna Vogel", "River Basin Office"], ["Joel Mbeki", "Dry Lands Network"]]
    after = ["Pump repairs: Hanna Vogel will send the repair schedule to all partners by Friday.",
             "Wells: Joel Mbeki reported two new wells in the eastern district."]
    lead = "List of participants" if fmt == "docx" else "LIST OF PARTICIPANTS"  # a Word heading, a line in capitals
    seg = _checked(BUILDERS[fmt](rows, "Basin partners meeting", after, lead=lead))
    listed = next(s for s in seg.sections if s.heading == lead)
    repairs = next(s for s in seg.sections if s.heading == "Pump repairs")
    assert "Joel Mbeki" in listed.text and "repair schedule" not in listed.text
    assert repairs.parent_ordinal != listed.ordinal  # the topics after the list are not inside it
    assert {"Hanna Vogel", "Joel Mbeki"} <= {p.name for p in seg.participants}


@pytest.mark.parametrize("heading", ["Annex 2 – List of participants", "Attendees", "Présents", "Étaient représentées"])
def test_segment_attendance_list_heading_ends_with_its_names(heading):
    d = docx.Document()
    d.add_paragraph("Water committee meeting")
    d.add_heading(heading, level=1)
    for name in ("Rosa Ferreira", "Bilal Haddad", "Yuki Mori"):
        d.add_paragraph(name, style="List Bullet")
    d.add_paragraph("The committee agreed that Bilal Haddad will draft the tender before the next meeting.")
    buf = io.BytesIO()
    d.save(buf)
    doc = ingest(Source(source_path="m.docx", data=buf.getvalue(), doc_id="d2"), settings=SETTINGS)
    seg = _checked(doc)
    listed = next(s for s in seg.sections if s.heading == heading)
    assert "Yuki Mori" in listed.text and "tender" not in listed.text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_member_status_table_is_a_roll_call_only_with_attendance_words(fmt):
    roll = [["Member", "Status"], ["Idris", "Present"], ["Wren", "Present"], ["Odile", "Absent"]]
    seg = _checked(BUILDERS[fmt](roll, "Sprint review"))
    status = {p.name: p.status for p in seg.participants}
    assert status == {"Idris": "present", "Wren": "present", "Odile": "absent"}
    tasks = [["Member", "Status"], ["Idris", "In progress"], ["Wren", "Blocked on review"]]
    seg = _checked(BUILDERS[fmt](tasks, "Sprint review"))
    assert not {p.name for p in seg.participants} & {"Idris", "Wren"}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_present_column_keeps_names_in_capitals(fmt):
    rows = [["Present", "Apologies / Absent"], ["TAN WEI MING", "GRACE HOLLAND"], ["RYAN LIM BOON", ""]]
    seg = _checked(BUILDERS[fmt](rows, "Team meeting"))
    status = {p.name: p.status for p in seg.participants}
    assert status == {"TAN WEI MING": "present", "RYAN LIM BOON": "present", "GRACE HOLLAND": "apologies"}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_name_cell_with_one_person_per_line(fmt):
    rows = [["Organisation", "Names"], ["Delta Institute", ["Maren Oosterhuis", "Tiago Valadares"]],
            ["Harbour Trust", "Eleni Papadaki"]]
    seg = _checked(BUILDERS[fmt](rows, "Partners meeting"))
    orgs = {p.name: p.organisation for p in seg.participants}
    assert orgs == {"Maren Oosterhuis": "Delta Institute", "Tiago Valadares": "Delta Institute",
                    "Eleni Papadaki": "Harbour Trust"}


@pytest.mark.parametrize("line, present, excused", [
    ("Present (4): Vice Chair Okoro, Commissioners J. Lindahl, Brandt, Mayor Quintero Excused (1): Chair Abebe",
     {"Okoro", "J. Lindahl", "Brandt", "Quintero"}, {"Abebe"}),
])
def test_segment_attendance_roll_call_with_counts_and_office_titles(line, present, excused):
    text = f"Parks commission regular meeting\n\nRoll call\n\n{line}\n\n1. Approval of the agenda\n\nApproved.\n"
    doc = ingest(Source(source_path="m.txt", data=text.encode(), doc_id="t9"), settings=SETTINGS)
    seg = _checked(doc)
    status = {p.name: p.status for p in seg.participants}
    assert {n for n, s in status.items() if s == "present"} >= present
    assert {n for n, s in status.items() if s == "apologies"} == excused
    assert {p.name: p.role for p in seg.participants}["Okoro"] == "Vice Chair"
    assert seg.header.chair != "Abebe"  # the excused chair did not chair


@pytest.mark.parametrize("text, chair", [
    ("Harbour board\n\nPresent: Vice Chair Okoro, Brandt, Lindahl\nExcused: Chair Abebe\n\n"
     "1. Public comment\n\nA letter from the Rowing Club Chair Marta Quist was read.\n", "Okoro"),
    ("Routing working group\n\nChairs: Ines Duarte, Karel Novak (remote)\n\n1. Agenda bashing\n\nNo changes.\n",
     "Ines Duarte"),
])
def test_segment_attendance_chair_from_the_roll_call(text, chair):
    doc = ingest(Source(source_path="m.txt", data=text.encode(), doc_id="t8"), settings=SETTINGS)
    seg = _checked(doc)
    assert seg.header.chair == chair


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_label_value_table_with_labels_in_its_first_row(fmt):
    rows = [["Attendees", ["Oskar Lindqvist", "Priya Raman", "Tomasz Wierzba"]], ["Date", "14/03/2024"],
            ["Facilitator", "Priya Raman"], ["Duration", "45 minutes"]]
    seg = _checked(BUILDERS[fmt](rows, "Planning call"))
    assert {p.name for p in seg.participants} == {"Oskar Lindqvist", "Priya Raman", "Tomasz Wierzba"}
    assert seg.header.chair == "Priya Raman"  # a label cell without a colon, its value in the next cell
    assert str(seg.header.meeting_date) == "2024-03-14"


def test_segment_attendance_list_of_annexes_is_no_attendance_list():
    lines = ["Steering committee minutes", "", "The committee approved the budget of the second period.", "",
             "List of Annexes", "- Annex 1 - Agenda", "- Annex 2 - List of participants", "- Annex 3 - Budget tables",
             "- Annex 4 - Notes of the breakout rooms", "", "Minutes prepared by the vice chair of the committee."]
    data = minutes_pdf([lines], size=11, gap=8, line_height=7)
    seg = _checked(ingest(Source(source_path="m.pdf", data=data, doc_id="p4"), settings=SETTINGS))
    assert "Annex 3 - Budget tables" in {s.heading for s in seg.sections}  # the next annex, not a name in a list


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_segment_attendance_name_column_keeps_names_that_begin_like_an_honorific(fmt):
    rows = [["Name", "Organisation"], ["Drew Hallam", "Valley Trust"], ["Dr Mira Castell", "Valley Trust"]]
    seg = _checked(BUILDERS[fmt](rows, "Trust meeting"))
    assert {p.name for p in seg.participants} == {"Drew Hallam", "Mira Castell"}


@pytest.mark.parametrize("text, expected", [
    # the label alone on its line, no colon, the organisations one a line under it
    ("Shelter meeting, 3 May 2024\n\nOrganizations represented at this meeting\nKestrel Aid\nHarbour Relief\n"
     "Dunmore Trust\nBellhaven Aid Society\n\n1. Updates\n\nThe partners shared their figures.\n",
     ["Kestrel Aid", "Harbour Relief", "Dunmore Trust", "Bellhaven Aid Society"]),
    # French: the label on a line of its own, the list in the next paragraph
    ("Réunion du cluster, 3 mars 2024\n\nOrganisations participantes\n\n"
     "Aide Sahel, Terre Vive, UNICEF, OCHA, Fondation Iroko\n\nOrdre du jour\n\n1. Point sur les forages\n",
     ["Aide Sahel", "Terre Vive", "UNICEF", "OCHA", "Fondation Iroko"]),
])
def test_segment_attendance_organisation_list_under_a_label_line_of_its_own(text, expected):
    _, seg = from_text(text)
    names = [p.name for p in seg.participants]
    assert names == expected, names
