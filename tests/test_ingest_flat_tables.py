"""Tables flattened into " / " lines of a text dump become table_cell blocks; prose with a slash stays prose."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import entity_nlp
from pipeline.config import Settings
from pipeline.entities import tag_entities
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.ingest.text import plain_blocks
from pipeline.model import Document, Source
from pipeline.segment import segment

# Header glued to the first row ("phone1 / ..."), cells with inner slashes, an empty cell, a short last row,
# then an agenda table whose header is glued to its first item ("WhoStock ...").
EN_DUMP = (
    "Shelter Working Group meeting, Port Selwick\n"
    "Participants;\n"
    "No / Name / Position/Organisation / Email / phone1 / Tomas Verhoef / Field Officer/NorthAid / / 0711 223 344\n"
    "2 / Amina Kessel / Logistician/BlueCare / amina@bluecare.example / 0711 445 566\n"
    "3 / Joris Palmtree / Engineer/TerraRelief /\n"
    "Agenda:\n"
    "Topic / WhoStock review of winter kits / All\n"
    "Site planning for the new camp / Shelter WG\n"
    "AOB / All\n"
    "Minutes:\n"
    "The kits / tarpaulins for Port Selwick arrive next week.\n"
)

FR_DUMP = (
    "Réunion de coordination du secteur abris\n"
    "Heure / Sujet9h00 – 9h15 / Mot de bienvenue\n"
    "9h15 – 10h00 / Point des partenaires\n"
    "\n"
    "N° / Actions / Responsable / Échéance\n"
    "1 / Partager la carte des sites / Équipe SIG / 15 mars\n"
    "\n"
    "2 / Relancer les fournisseurs de bâches / Logistique/ONG Alpha / fin mars\n"
    "Prochaine réunion : à confirmer.\n"
)


def run_ingest(text: str) -> Document:
    doc = ingest(Source(source_path="dump.txt", data=text.encode("utf-8"), doc_id="t1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    return doc


def cells(doc: Document) -> list[tuple[int, int, int, str | None, str]]:
    return [(b.table_id, b.row, b.col, b.column_header, b.text) for b in doc.blocks if b.kind == "table_cell"]


@pytest.mark.parametrize("dump", [EN_DUMP])
def test_ingest_flat_tables_glued_header_split_back(dump):
    got = cells(run_ingest(dump))
    assert got[:6] == [(0, 0, 0, "No", "No"), (0, 0, 1, "Name", "Name"),
                       (0, 0, 2, "Position/Organisation", "Position/Organisation"), (0, 0, 3, "Email", "Email"),
                       (0, 0, 4, "phone", "phone"), (0, 1, 0, "No", "1")]
    assert (0, 1, 1, "Name", "Tomas Verhoef") in got and (0, 1, 4, "phone", "0711 223 344") in got
    assert (1, 0, 1, "Who", "Who") in got and (1, 1, 0, "Topic", "Stock review of winter kits") in got
    assert (1, 3, 0, "Topic", "AOB") in got and (1, 3, 1, "Who", "All") in got


@pytest.mark.parametrize("dump,inner", [(EN_DUMP, "Field Officer/NorthAid"), (EN_DUMP, "Engineer/TerraRelief"),
                                        (FR_DUMP, "Logistique/ONG Alpha")])
def test_ingest_flat_tables_slash_without_spaces_stays_in_its_cell(dump, inner):
    assert inner in [text for *_, text in cells(run_ingest(dump))]


@pytest.mark.parametrize("dump", [EN_DUMP, FR_DUMP])
def test_ingest_flat_tables_offsets_point_at_each_cell(dump):
    doc = run_ingest(dump)
    assert doc.text.rstrip("\n") == dump.rstrip("\n")  # the text is the file, unchanged
    found = [b for b in doc.blocks if b.kind == "table_cell"]
    assert found and all(doc.text[b.start_char:b.end_char] == b.text and " / " not in b.text for b in found)


@pytest.mark.parametrize("dump", [FR_DUMP])
def test_ingest_flat_tables_french_headers_and_numbered_rows_across_a_blank(dump):
    got = cells(run_ingest(dump))
    assert (0, 1, 0, "Heure", "9h00 – 9h15") in got and (0, 2, 1, "Sujet", "Point des partenaires") in got
    assert (1, 1, 2, "Responsable", "Équipe SIG") in got and (1, 2, 3, "Échéance", "fin mars") in got


ACTIONS_DUMP = (
    "Action PointsNo / Action / Responsible / Deadline / Notes\n"
    "1 / Send the site list to the hub / Data Unit / 4 May / / /\n"
    "2 / Book the truck for Kell Ridge / Logistics/Cardo Aid / 6 May\n"
    "Closing remarks were made by the host.\n"
)


@pytest.mark.parametrize("dump", [ACTIONS_DUMP])
def test_ingest_flat_tables_title_glued_before_the_header_and_empty_cells_after_a_row(dump):
    doc = run_ingest(dump)
    assert (doc.blocks[0].kind, doc.blocks[0].text, doc.blocks[0].table_id) == ("paragraph", "Action Points", None)
    got = cells(doc)
    assert got[0] == (0, 0, 0, "No", "No") and (0, 0, 4, "Notes", "Notes") in got
    assert (0, 1, 3, "Deadline", "4 May") in got and (0, 2, 2, "Responsible", "Logistics/Cardo Aid") in got
    assert doc.blocks[-1].kind == "paragraph" and doc.blocks[-1].table_id is None


@pytest.mark.parametrize("text", [
    "The kits / tarpaulins arrive next week.\nNothing else was raised.\n",
    "Summary of talks / Points raised\nThe pump was repaired.\n",
    "Date / Time\nThe meeting moved to the new hall.\n",
    "Topic / Who\nThe agenda was adopted without changes.\n",
])
def test_ingest_flat_tables_prose_with_a_slash_stays_a_paragraph(text):
    doc = run_ingest(text)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


@pytest.mark.parametrize("dump", [EN_DUMP])
def test_ingest_flat_tables_rows_read_by_segment(dump):
    doc = run_ingest(dump)
    seg = segment(doc, settings=Settings())
    people = [(p.name, p.role, p.organisation) for p in seg.participants]
    assert people == [("Tomas Verhoef", "Field Officer", "NorthAid"), ("Amina Kessel", "Logistician", "BlueCare"),
                      ("Joris Palmtree", "Engineer", "TerraRelief")]  # no "Shelter WG" from the Who column
    headings = [s.heading for s in seg.sections]
    assert "Stock review of winter kits" in headings and "Site planning for the new camp" in headings


@pytest.mark.parametrize("dump,org", [(EN_DUMP, "TerraRelief"), (EN_DUMP, "BlueCare")])
def test_ingest_flat_tables_organisation_cell_of_an_attendance_row_is_an_org(dump, org):
    doc = run_ingest(dump)
    seg = segment(doc, settings=Settings())
    mentions = tag_entities(doc, seg, nlp=entity_nlp([]), settings=Settings())
    at = doc.text.index(org)
    assert any(m.label == "ORG" and (m.start_char, m.text) == (at, org) for m in mentions)


@pytest.mark.parametrize("header,row,last", [
    ("S/N / Name / Agency / Designation / Contact No.", "1 / Rafi Umar / Kestrel Aid / Nurse / 0300 765 4321", "Contact No."),
    ("Name / Organisation / Beneficiaries / Email", "Lotte Brin / Gaia Relief / 1,200 / lotte@gaia.example", "Email"),
])
def test_ingest_flat_tables_header_of_mostly_column_names(header, row, last):
    got = cells(run_ingest(f"Participants\n{header}\n{row}\n"))
    assert got and got[-1][3] == last and all(r in (0, 1) for _, r, *_ in got)


LABELLED = (
    "Topic 1: Hygiene promotion\n"
    "Summary of discussion / - Partners said soap is short in two camps.\n"
    "Action points / - Kestrel Aid to send the stock report by 20 October.\n"
    "- Cluster to call the donor about soap.\n"
    "Topic 2: Water trucking reviewPoints d'action / - Gaia Relief partagera le plan.\n"
    "Action points / nothing was agreed.\n"
)


@pytest.mark.parametrize("dump", [LABELLED])
def test_ingest_flat_tables_action_label_and_its_first_item_split(dump):
    got = [(b.kind, b.text) for b in run_ingest(dump).blocks]
    assert got == [
        ("paragraph", "Topic 1: Hygiene promotion"),
        ("paragraph", "Summary of discussion / - Partners said soap is short in two camps."),  # no section label
        ("paragraph", "Action points"), ("list_item", "- Kestrel Aid to send the stock report by 20 October."),
        ("list_item", "- Cluster to call the donor about soap."),
        ("paragraph", "Topic 2: Water trucking review"), ("paragraph", "Points d'action"),
        ("list_item", "- Gaia Relief partagera le plan."),
        ("paragraph", "Action points / nothing was agreed."),  # no bullet after the label: prose
    ]


WRAPPED = (
    "No / Action / Responsible / Deadline\n"
    "1 / Send the site list to the hub / Data Unit / 4 May\n"
    "2 / Book the truck for the\n"
    "north camp / Logistics / 6 May\n"
    "3 / Print the forms\n"
    "The meeting closed at noon.\n"
    "\n"
    "Topic / Who\n"
    "\n"
    "Stock review / All\n"
    "\n"
    "Site planning / Shelter WG\n"
)


@pytest.mark.parametrize("dump", [WRAPPED])
def test_ingest_flat_tables_row_over_two_lines_and_blank_lines_between_full_rows(dump):
    doc = run_ingest(dump)
    got = cells(doc)
    assert (0, 2, 1, "Action", "Book the truck for the\nnorth camp") in got
    assert (0, 2, 2, "Responsible", "Logistics") in got and (0, 3, 1, "Action", "Print the forms") in got
    assert [b.kind for b in doc.blocks if b.text == "The meeting closed at noon."] == ["paragraph"]
    assert (1, 2, 0, "Topic", "Site planning") in got


PIECES = ["No", "Name", "Action", "Responsible", "Deadline", "Topic", "Who", "phone1", "WhoAbc", "1", "2", "Ana Lio",
          "Officer/ACME", "", " ", "- ", "Action points", "Item9h00"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from([" / ", " /", "/ ", "/"]))
def test_ingest_flat_tables_any_dump_keeps_the_offsets(rows, sep):
    text = "\n".join(sep.join(row) for row in rows) + "\n"
    blocks = plain_blocks(text)
    check_blocks(text, blocks)  # in order, not overlapping, each block its text's slice
    assert all(b.table_id is not None for b in blocks if b.kind == "table_cell")


@pytest.mark.parametrize("header,row,owner", [
    ("No / Action / Responsible / Deadline", "2 / Map the wells / Ana Lio / Kestrel Aid / 6 May", "Ana Lio / Kestrel Aid"),
    ("N° / Activité / Lieu / Échéance", "1 / Distribuer les kits / Dori / Kaya / fin mai", "Dori / Kaya"),
])
def test_ingest_flat_tables_spaced_slash_in_the_names_column(header, row, owner):
    got = cells(run_ingest(f"{header}\n{row}\n"))
    assert [t for _, r, _, _, t in got if r == 1] == [row.split(" / ")[0], row.split(" / ")[1], owner,
                                                     row.split(" / ")[-1]]


@pytest.mark.parametrize("header,row", [("Topic / Action / Deadline", "Water / Fix the pump / Kestrel Aid / 6 May"),
                                        ("Topic / Who", "Pumps / wells / All")])
def test_ingest_flat_tables_surplus_cells_without_a_names_column_end_the_table(header, row):
    first = " / ".join(["Stock", "Count the kits", "2 May"][:len(header.split(" / "))])
    doc = run_ingest(f"{header}\n{first}\nTeam / Kits\n{row}\n")
    assert doc.blocks[-2].kind == "table_cell" and doc.blocks[-2].text == "Kits"  # the table ran until then
    assert doc.blocks[-1].kind == "paragraph" and doc.blocks[-1].text == row


def test_ingest_flat_tables_surplus_cell_goes_to_the_column_headed_with_two_names():
    dump = ("No / Name / Role/Agency / Phone\n"
            "1 / Ilka Marwood / Field Officer/Kestrel Aid / 0700 111\n"
            "2 / Benno Sarafian / Team Lead / Larkspur Relief / 0700 222\n"
            "3 / Odile Trevanion / Engineer/Kestrel Aid / 0700 333\n")
    got = cells(run_ingest(dump))
    assert (0, 2, 1, "Name", "Benno Sarafian") in got and (0, 2, 3, "Phone", "0700 222") in got
    assert [t for _, r, c, _, t in got if r == 2 and c == 2] == ["Team Lead / Larkspur Relief"]
    assert (0, 3, 1, "Name", "Odile Trevanion") in got  # the table goes on after the wider row
