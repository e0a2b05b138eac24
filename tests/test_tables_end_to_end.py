"""Humanitarian table layouts end to end: invented minutes whose actions sit in tables, through every stage.

What an analyst reads off an action table: one action_items row per table row (never a header row, a title row
or a single cell), the owner from the responsible column, the due date from the deadline column resolved
against the meeting date, the places of a location column as PLACE and the agencies of an agency column as ORG.
Layouts: a 4W agency-update matrix, an "Action Points" table under a merged title row, a header split over two
rows, a ruled PDF table going on over a page break, an unruled spreadsheet-style PDF, in English, French and
Spanish. Every document, name and sentence here is invented (slow: loads the trained model).
"""
from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.model import Source

pytestmark = pytest.mark.slow
SETTINGS = Settings()


def run(name: str, data: bytes) -> dict:
    """The document's tables as lists of row dicts, after checking the offsets contract."""
    outcome = extract_document(Source(name, data, "t1"), SETTINGS, None)
    assert outcome.tables is not None, outcome.errors
    tables = {k: v.to_pylist() for k, v in outcome.tables.items()}
    text = tables["documents"][0]["text"]
    for row in tables["action_items"] + tables["entities"]:
        assert text[row["start_char"]:row["end_char"]] == row["text"]
    return tables


def actions(tables: dict) -> dict[str, dict]:
    return {" ".join(a["text"].split()): a for a in tables["action_items"]}


def labelled(tables: dict, label: str) -> set[str]:
    return {e["text"] for e in tables["entities"] if e["label"] == label}


def section_of(tables: dict, action: dict) -> str | None:
    return next((s["heading"] for s in tables["sections"] if s["section_id"] == action["section_id"]), None)


def _docx_bytes(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _fill(table, rows) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value


def _header_repeats(row) -> None:
    """Word's "repeat as header row at the top of each page" flag."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


# ---- 1. a 4W agency-update matrix (.docx) -------------------------------------------------------------------

MATRIX_HEADER = ("Agency", "Activities", "Location", "Gaps", "Next steps", "Responsible", "Deadline")
MATRIX_ROWS = [
    ("UNICEF", "Distributed hygiene kits to 900 families", "Pauktaw", "Soap stocks run low",
     "Order a second batch of hygiene kits before the rains", "UNICEF", "20 May 2025"),
    ("WFP", "General food distribution in two camps", "Minbya", "Late arrival of rice",
     "Share the revised distribution calendar with camp committees", "WFP", "30 May 2025"),
    ("IOM", "Shelter repairs after the storm", "Kyauktaw", "None reported",
     "Send the list of damaged shelters to the sector lead", "IOM", "End of June"),
]


def matrix_docx() -> bytes:
    d = docx.Document()
    d.add_heading("WASH and Food Security Coordination Meeting", level=1)
    d.add_paragraph("Date: 12 May 2025")
    d.add_paragraph("Venue: Sector office, Pauktaw")
    d.add_heading("1. Agency updates", level=2)
    t = d.add_table(rows=1 + len(MATRIX_ROWS), cols=len(MATRIX_HEADER))
    _fill(t, [MATRIX_HEADER, *MATRIX_ROWS])
    d.add_heading("2. Any other business", level=2)
    d.add_paragraph("No other business was raised by the members.")
    return _docx_bytes(d)


def test_tables_end_to_end_agency_matrix_docx():
    tables = run("matrix.docx", matrix_docx())
    got = actions(tables)
    assert set(got) == {r[4] for r in MATRIX_ROWS}
    by_row = {r[4]: r for r in MATRIX_ROWS}
    for text, a in got.items():
        assert by_row[text][5] in a["owner"]  # canonical name, acronym kept: "... (UNICEF)"
        assert a["source"] == "table_column"
        assert section_of(tables, a) == "Agency updates"
    assert got[MATRIX_ROWS[0][4]]["due_date"] == date(2025, 5, 20)
    assert got[MATRIX_ROWS[2][4]]["due_date"] == date(2025, 6, 30)
    assert {"Pauktaw", "Minbya", "Kyauktaw"} <= labelled(tables, "PLACE")
    assert "Location" not in labelled(tables, "PLACE")  # the header cell names the column
    assert {"UNICEF", "WFP", "IOM"} <= labelled(tables, "ORG")


# ---- 2. "Action Points" under a merged title row, and a header split over two rows (.docx) ------------------

POINTS = [
    ("1", "Circulate the updated referral pathway to all partners", "Protection lead", "19 March 2025", "Open"),
    ("2", "Map the mobile teams covering the northern districts", "Health sector", "26 March 2025", "Open"),
    ("3", "Prepare the winterisation stock report", "Shelter cluster", "2 April 2025", "Ongoing"),
]


def _follow_up_document():
    """The meeting both "Action Points" .docx layouts open with, up to the agenda item the table sits under."""
    d = docx.Document()
    d.add_heading("Protection Working Group Meeting", level=1)
    d.add_paragraph("Date: 12 March 2025")
    d.add_heading("4. Follow-up", level=2)
    return d


def titled_points_docx() -> bytes:
    """Row 0 is one cell merged over the table, "Action Points"; the column header is row 1."""
    d = _follow_up_document()
    t = d.add_table(rows=2 + len(POINTS), cols=5)
    title = t.cell(0, 0).merge(t.cell(0, 4))
    title.text = "Action Points"
    _fill(t, [(None,) * 5, ("#", "Action", "By whom", "By when", "Status"), *POINTS])
    return _docx_bytes(d)


def split_header_docx() -> bytes:
    """A two-row header: "Follow-up" spans "Responsible" and "Deadline"; "No." and "Action" span both rows."""
    d = _follow_up_document()
    t = d.add_table(rows=2 + len(POINTS), cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "No."
    t.cell(0, 1).merge(t.cell(1, 1)).text = "Action"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "Follow-up"
    t.cell(1, 2).text, t.cell(1, 3).text = "Responsible", "Deadline"
    _fill(t, [(None,) * 4, (None,) * 4, *[p[:4] for p in POINTS]])
    return _docx_bytes(d)


def titled_points_pdf() -> bytes:
    """The same table ruled in a PDF, its title row one cell spanning the five columns."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in ("Protection Working Group Meeting", "Date: 12 March 2025"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    for item, paragraph in [("1. Welcome", "The chair opened the meeting and welcomed two new members."),
                            ("2. Situation overview", "Flooding displaced families in the lowland villages.")]:
        pdf.ln(3)
        pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, "4. Follow-up", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(10, 90, 35, 30, 25), first_row_as_headings=False) as table:
        table.row().cell("Action Points", colspan=5)
        for values in [("#", "Action", "By whom", "By when", "Status"), *POINTS]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(3)
    pdf.multi_cell(0, 6, "5. Any other business", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "No other business was raised by the members.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("make, name", [(titled_points_docx, "points.docx"), (split_header_docx, "points.docx"),
                                        (titled_points_pdf, "points.pdf")])
def test_tables_end_to_end_header_below_a_title_or_split(make, name):
    tables = run(name, make())
    got = actions(tables)
    assert set(got) == {p[1] for p in POINTS}
    for number, text, owner, due, _ in POINTS:
        # a catalogued alias keeps what the cell wrote: "Health Cluster (Health sector)"; "Shelter cluster" in
        # lower case is the catalogue's "Shelter Cluster"
        assert owner.lower() in got[text]["owner"].lower()
        assert got[text]["due_text"] == due
    assert got[POINTS[1][1]]["due_date"] == date(2025, 3, 26)
    assert all(section_of(tables, a) == "Follow-up" for a in got.values())


# ---- 3. PDF tables: ruled (exported from Word) over a page break, unruled (exported from a spreadsheet) -----

FR_HEADER = ("N°", "Points d'action", "Responsable", "Échéance")
FR_ROWS = [(str(i + 1), f"Transmettre la liste des familles déplacées du village {v} au secteur abris",
            org, due) for i, (v, org, due) in enumerate([
                ("Kouré", "ACF", "14 février 2025"), ("Dalam", "UNHCR", "21 février 2025"),
                ("Tessaoua", "OCHA", "28 février 2025"), ("Garin Sali", "IOM", "7 mars 2025"),
                ("Bandou", "UNICEF", "14 mars 2025"), ("Mairé", "WFP", "21 mars 2025"),
                ("Zango", "ACF", "28 mars 2025"), ("Toudou", "UNHCR", "4 avril 2025"),
                ("Sabon Gari", "OCHA", "11 avril 2025"), ("Yélou", "IOM", "18 avril 2025"),
                ("Damari", "UNICEF", "25 avril 2025"), ("Kolo", "WFP", "2 mai 2025"),
                ("Baki", "ACF", "9 mai 2025"), ("Gamdou", "UNHCR", "16 mai 2025")])]

FR_ITEMS = [("1. Mot de bienvenue", "La coordinatrice ouvre la séance et présente les nouveaux membres du groupe."),
            ("2. Point sur la situation", "Les pluies de la semaine ont inondé trois sites et deux écoles servent d'abri.")]
ES_ITEMS = [("1. Bienvenida", "La coordinadora abre la sesión y presenta a los nuevos miembros del grupo."),
            ("2. Situación general", "Las lluvias de la semana dañaron dos albergues en la zona norte.")]
ES_HEADER = ("Acción", "Responsable", "Fecha límite")
ES_ROWS = [("Enviar el mapa de albergues actualizado a los socios", "OCHA", "15 de abril"),
           ("Organizar la visita conjunta a las comunidades de la costa", "UNICEF", "22 de abril"),
           ("Compartir el informe de evaluación rápida con el grupo", "WFP", "30 de abril")]


def pdf_minutes(title: str, date_line: str, items: list[tuple[str, str]], heading: str, header, rows, *,
                ruled: bool, line_height: float = 6) -> bytes:
    """A title, a date line, numbered agenda items with a paragraph each, the item with the table, a closing item."""
    from fpdf import FPDF

    number = int(heading.split(".")[0]) + 1
    closing = ((f"{number}. Divers", "Aucun autre point n'est soulevé par les membres.") if "Date :" in date_line
               else (f"{number}. Varios", "Ningún otro tema es planteado por los miembros."))

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=13)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, date_line, new_x="LMARGIN", new_y="NEXT")
    for item, paragraph in [*items, (heading, "")]:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", size=10)
        pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        if paragraph:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    widths = (12, 110, 35, 33)[-len(header):] if len(header) == 4 else (110, 40, 40)
    style = dict(borders_layout="ALL") if ruled else dict(borders_layout="NONE", padding=(0, 1.9))
    with pdf.table(col_widths=widths, line_height=line_height, v_align="TOP", text_align="LEFT",
                   first_row_as_headings=True, repeat_headings=1, **style) as table:
        for values in (header, *rows):
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", size=10)
    pdf.multi_cell(0, 6, closing[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, closing[1], new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_tables_end_to_end_french_ruled_pdf_over_a_page_break():
    data = pdf_minutes("Réunion du groupe de coordination abris", "Date : 4 février 2025", FR_ITEMS, "3. Points d'action",
                       FR_HEADER, FR_ROWS, ruled=True, line_height=9)
    tables = run("abris.pdf", data)
    assert max(b["page"] or 0 for b in tables["blocks"]) >= 2  # the table does go on over the page break
    got = actions(tables)
    assert set(got) == {r[1] for r in FR_ROWS}
    for _, text, owner, due in FR_ROWS:
        assert owner in got[text]["owner"] and got[text]["due_text"] == due
    assert got[FR_ROWS[0][1]]["due_date"] == date(2025, 2, 14)
    assert got[FR_ROWS[-1][1]]["due_date"] == date(2025, 5, 16)
    assert all(section_of(tables, a) == "Points d'action" for a in got.values())


def test_tables_end_to_end_spanish_unruled_pdf():
    data = pdf_minutes("Reunión del grupo de albergues", "Fecha: 8 de abril de 2025", ES_ITEMS, "3. Acuerdos y tareas",
                       ES_HEADER, ES_ROWS, ruled=False, line_height=5)
    tables = run("albergues.pdf", data)
    got = actions(tables)
    assert set(got) == {r[0] for r in ES_ROWS}
    for text, owner, due in ES_ROWS:
        assert owner in got[text]["owner"] and got[text]["due_text"] == due
    assert got[ES_ROWS[1][0]]["due_date"] == date(2025, 4, 22)
    assert all(section_of(tables, a) == "Acuerdos y tareas" for a in got.values())


# ---- 4. two-column "Item | Discussion / Agreed action" tables; a table Word split in two; empty cells -------

def item_discussion_docx() -> bytes:
    d = docx.Document()
    d.add_heading("Education Sector Meeting", level=1)
    d.add_paragraph("Date: 3 June 2025")
    t = d.add_table(rows=3, cols=3)
    _fill(t, [("Item", "Discussion", "Agreed action"),
              ("Back-to-school campaign", "Partners reported that enrolment rose in the eastern camps.",
               "Save the Children to share the enrolment figures by 10 June"),
              ("Temporary classrooms", "Two tents were damaged by wind last week.",
               "Replace the damaged tents before the exams")])
    return _docx_bytes(d)


def test_tables_end_to_end_item_discussion_agreed_action():
    tables = run("education.docx", item_discussion_docx())
    got = actions(tables)
    assert set(got) == {"Save the Children to share the enrolment figures by 10 June",
                        "Replace the damaged tents before the exams"}
    first = got["Save the Children to share the enrolment figures by 10 June"]
    assert first["owner"] == "Save the Children" and first["due_date"] == date(2025, 6, 10)
    assert {section_of(tables, a) for a in got.values()} == {"Back-to-school campaign", "Temporary classrooms"}


def continued_docx(repeat_header: bool) -> bytes:
    """An action table Word split in two at a page break; the second part repeats the header or not."""
    d = docx.Document()
    d.add_heading("Health Cluster Meeting", level=1)
    d.add_paragraph("Date: 5 May 2025")
    d.add_heading("3. Action points", level=2)
    header = ("Action", "Responsible", "Deadline")
    first = d.add_table(rows=3, cols=3)
    _fill(first, [header, ("Update the list of functioning clinics", "WHO", "9 May 2025"),
                  ("Check the cold chain in the two district stores", "UNICEF", "")])
    d.add_paragraph("")
    rest = [("Send the outbreak line list to the surveillance team", "MSF", "16 May 2025"),
            ("Plan the measles campaign with the district officers", "", "23 May 2025")]
    second = d.add_table(rows=len(rest) + repeat_header, cols=3)
    _fill(second, [header, *rest] if repeat_header else rest)
    if repeat_header:
        _header_repeats(first.rows[0])
        _header_repeats(second.rows[0])
    return _docx_bytes(d)


@pytest.mark.parametrize("repeat_header", [True, False])
def test_tables_end_to_end_table_split_in_two(repeat_header):
    tables = run("health.docx", continued_docx(repeat_header))
    got = actions(tables)
    assert set(got) == {"Update the list of functioning clinics", "Check the cold chain in the two district stores",
                        "Send the outbreak line list to the surveillance team",
                        "Plan the measles campaign with the district officers"}
    assert "MSF" in got["Send the outbreak line list to the surveillance team"]["owner"]
    assert got["Send the outbreak line list to the surveillance team"]["due_date"] == date(2025, 5, 16)
    assert got["Check the cold chain in the two district stores"]["due_date"] is None  # an empty deadline cell
    assert got["Plan the measles campaign with the district officers"]["owner"] is None  # an empty owner cell


# ---- 5. a French 4W matrix with no responsible column: the reporting agency owns its next steps ------------

FR_MATRIX = [("Structure", "Activités", "Lieu", "Prochaines étapes", "Échéance"),
             ("UNICEF", "Forage de deux puits", "Garin Tchiroma", "Installer les pompes sur les deux puits", "fin juin"),
             ("OCHA", "Évaluation multisectorielle", "Koubdou / Maradi", "Partager le rapport d'évaluation avec le groupe",
              "20 juin 2025")]


def french_matrix_docx() -> bytes:
    d = docx.Document()
    d.add_heading("Réunion du groupe sectoriel EHA", level=1)
    d.add_paragraph("Date : 10 juin 2025")
    d.add_heading("2. Mise à jour des partenaires", level=2)
    t = d.add_table(rows=len(FR_MATRIX), cols=5)
    _fill(t, FR_MATRIX)
    return _docx_bytes(d)


def test_tables_end_to_end_french_matrix_agency_owns_next_steps():
    tables = run("eha.docx", french_matrix_docx())
    got = actions(tables)
    assert set(got) == {r[3] for r in FR_MATRIX[1:]}
    for agency, _, place, step, _ in FR_MATRIX[1:]:
        assert agency in got[step]["owner"]
        # villages no gazetteer knows are places because the column says so; "A / B" is two places
        assert set(place.split(" / ")) <= labelled(tables, "PLACE")
    assert not labelled(tables, "PLACE") & {"Forage de deux puits", "Évaluation multisectorielle", "Lieu"}
    assert got[FR_MATRIX[1][3]]["due_date"] == date(2025, 6, 30)
    assert got[FR_MATRIX[2][3]]["due_date"] == date(2025, 6, 20)
    assert section_of(tables, got[FR_MATRIX[1][3]]) == "Mise à jour des partenaires"


# ---- 6. the 4W matrix as a landscape PDF, ruled (from Word) and unruled (from a spreadsheet) ----------------

def matrix_pdf(ruled: bool) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L")
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    for line in ("WASH and Food Security Coordination Meeting", "", "Date: 12 May 2025"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, "1. Welcome", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "The chair opened the meeting and welcomed two new members.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, "2. Agency updates", new_x="LMARGIN", new_y="NEXT")
    style = dict(borders_layout="ALL") if ruled else dict(borders_layout="NONE", padding=(0, 1.9))
    with pdf.table(col_widths=(25, 55, 30, 35, 60, 30, 30), line_height=5, v_align="TOP", text_align="LEFT",
                   first_row_as_headings=True, **style) as table:
        for values in (MATRIX_HEADER, *MATRIX_ROWS):
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(3)
    pdf.multi_cell(0, 6, "3. Any other business", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "No other business was raised by the members.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("ruled", [True, False])
def test_tables_end_to_end_agency_matrix_pdf(ruled):
    tables = run("matrix.pdf", matrix_pdf(ruled))
    got = actions(tables)
    assert set(got) == {r[4] for r in MATRIX_ROWS}
    for agency, _, place, _, step, owner, _ in MATRIX_ROWS:
        assert owner in got[step]["owner"] and section_of(tables, got[step]) == "Agency updates"
    assert got[MATRIX_ROWS[1][4]]["due_date"] == date(2025, 5, 30)
    places = labelled(tables, "PLACE")
    assert {"Pauktaw", "Minbya", "Kyauktaw"} <= places and "Location" not in places
    assert {"UNICEF", "WFP", "IOM"} <= labelled(tables, "ORG")


# ---- 7. the prose around an action table under an action heading is not one of its rows --------------------

@pytest.mark.parametrize("before, after", [
    ("The chair walked the group through the open points.", "The meeting closed at half past twelve."),
    ("La présidente passe en revue les points ouverts.", "Fin de la réunion."),
])
def test_tables_end_to_end_prose_around_an_action_table(before, after):
    d = docx.Document()
    d.add_heading("Shelter Cluster Meeting", level=1)
    d.add_paragraph("Date: 7 July 2025")
    d.add_heading("1. Situation", level=2)
    d.add_paragraph("Heavy rain damaged the roofs of two collective centres.")
    d.add_heading("2. Action points", level=2)
    d.add_paragraph(before)
    t = d.add_table(rows=3, cols=3)
    _fill(t, [("Action", "Responsible", "Deadline"),
              ("Repair the roofs of the two collective centres", "IOM", "18 July 2025"),
              ("Distribute tarpaulins to the families on the upper floor", "UNHCR", "11 July 2025")])
    d.add_paragraph(after)
    tables = run("shelter.docx", _docx_bytes(d))
    assert set(actions(tables)) == {"Repair the roofs of the two collective centres",
                                    "Distribute tarpaulins to the families on the upper floor"}


# ---- 8. empty cells, a wrapped action and two owners in one cell, in both kinds of PDF table ---------------

SPARSE = [("Enviar el mapa de albergues actualizado a los socios que trabajan en la costa norte y en las islas",
           "OCHA", "15 de abril"),
          ("Organizar la visita conjunta a las comunidades de la costa", "", "22 de abril"),
          ("Compartir el informe de evaluación rápida con el grupo", "WFP", ""),
          ("Revisar la lista de distribución de kits de cocina", "Cruz Roja / UNICEF", "fin de abril")]


@pytest.mark.parametrize("ruled", [True, False])
def test_tables_end_to_end_pdf_table_with_empty_cells(ruled):
    data = pdf_minutes("Reunión del grupo de albergues", "Fecha: 8 de abril de 2025", ES_ITEMS, "3. Acuerdos y tareas",
                       ES_HEADER, SPARSE, ruled=ruled, line_height=5)
    got = actions(run("albergues.pdf", data))
    assert set(got) == {r[0] for r in SPARSE}
    assert got[SPARSE[1][0]]["owner"] is None and got[SPARSE[1][0]]["due_date"] == date(2025, 4, 22)
    assert got[SPARSE[2][0]]["due_date"] is None and "WFP" in got[SPARSE[2][0]]["owner"]
    assert "UNICEF" in got[SPARSE[3][0]]["owner"] and got[SPARSE[3][0]]["due_date"] == date(2025, 4, 30)


# ---- 9. one agency merged down over its rows, two next steps in one cell (.docx) ----------------------------

def merged_agency_docx() -> bytes:
    d = docx.Document()
    d.add_heading("Réunion du groupe sectoriel EHA", level=1)
    d.add_paragraph("Date : 10 juin 2025")
    d.add_heading("2. Mise à jour des partenaires", level=2)
    t = d.add_table(rows=4, cols=4)
    _fill(t, [("Structure", "Lieu", "Prochaines étapes", "Échéance"),
              ("UNICEF", "Diffa", "Installer les pompes sur les deux puits", "fin juin"),
              (None, "Maradi", "Former les comités de gestion des points d'eau", "15 juillet 2025"),
              ("OCHA", "Zinder", "Partager le rapport d'évaluation avec le groupe", "20 juin 2025")])
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(3, 2).add_paragraph("Organiser une mission conjointe à Tanout")
    return _docx_bytes(d)


def test_tables_end_to_end_agency_merged_down_and_two_steps_in_a_cell():
    tables = run("eha.docx", merged_agency_docx())
    got = actions(tables)
    assert set(got) == {"Installer les pompes sur les deux puits", "Former les comités de gestion des points d'eau",
                        "Partager le rapport d'évaluation avec le groupe", "Organiser une mission conjointe à Tanout"}
    assert "UNICEF" in got["Former les comités de gestion des points d'eau"]["owner"]  # from the merged cell above
    assert "OCHA" in got["Organiser une mission conjointe à Tanout"]["owner"]
    assert [b["text"] for b in tables["blocks"] if b["row_span"]] == ["UNICEF"]


def merged_agency_pdf() -> bytes:
    """A ruled PDF table whose agency cell spans two rows."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=13)
    pdf.multi_cell(0, 8, "WASH Sector Meeting", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Date: 10 June 2025", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, "1. Welcome", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "The chair opened the meeting and welcomed two new members.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, "2. Partner updates", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(30, 30, 90, 30), line_height=6, first_row_as_headings=True) as table:
        for values in [("Agency", "Location", "Next steps", "Deadline"),
                       (("UNICEF", 2), "Diffa", "Install the pumps on the two new wells", "30 June 2025"),
                       ("Maradi", "Train the water point committees", "15 July 2025"),
                       ("OCHA", "Zinder", "Share the assessment report with the group", "20 June 2025")]:
            row = table.row()
            for value in values:
                text, span = value if isinstance(value, tuple) else (value, 1)
                row.cell(text, rowspan=span)
    pdf.ln(3)
    pdf.multi_cell(0, 6, "3. Any other business", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "No other business was raised by the members.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_tables_end_to_end_agency_merged_down_in_a_ruled_pdf():
    tables = run("wash.pdf", merged_agency_pdf())
    got = actions(tables)
    assert set(got) == {"Install the pumps on the two new wells", "Train the water point committees",
                        "Share the assessment report with the group"}
    assert "UNICEF" in got["Train the water point committees"]["owner"]
    assert got["Train the water point committees"]["due_date"] == date(2025, 7, 15)
    assert "OCHA" in got["Share the assessment report with the group"]["owner"]
    assert {"Diffa", "Maradi", "Zinder"} <= labelled(tables, "PLACE")


# ---- 10. one small table per action point, its fields down the first column (.docx) ------------------------

RECORDS = [("Update the list of functioning clinics in the north", "WHO", "9 May 2025"),
           ("Send the outbreak line list to the surveillance team", "MSF", "16 May 2025")]


def test_tables_end_to_end_one_table_per_action_fields_down_the_side():
    d = docx.Document()
    d.add_heading("Health Cluster Meeting", level=1)
    d.add_paragraph("Date: 5 May 2025")
    d.add_heading("3. Action points", level=2)
    for action, owner, due in RECORDS:
        _fill(d.add_table(rows=3, cols=2), [("Action", action), ("Responsible", owner), ("Deadline", due)])
        d.add_paragraph("")
    got = actions(run("health.docx", _docx_bytes(d)))
    assert set(got) == {r[0] for r in RECORDS}
    for action, owner, due in RECORDS:
        assert owner in got[action]["owner"] and got[action]["due_text"] == due
