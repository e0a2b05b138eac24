"""Text saved from a web page: site furniture, pages joined onto one line, bullets alone on their line."""
from __future__ import annotations

import pytest

from pipeline.ingest.assemble import check_blocks
from pipeline.ingest.page_text import is_furniture, page_cuts
from pipeline.ingest.text import plain_blocks

_FILLER = ("The partners went through the stock figures for each warehouse and agreed that the numbers held by the "
           "district office differ from those kept by the field teams. ")


@pytest.mark.parametrize("line", [
    "12 downloads 340 Views 88KB Size Report",
    "Downloads 88 | Views 1,204",
    "Views: 1,204",
    "Page 2 of 5",
    "Jump to: navigation, search",
    "From Harbourtown Wiki",
    "<<",
    "<br />",
    "Vous êtes sur la page 1sur 4",
    "48KB taille 9 téléchargements 120 vues",
    "Aucun résultat trouvé",
    "Página 3 de 7",
    "Mar 3, 2019 - Lantern Valley Water Group. 1 ... The coordinator opened the meeting and",
    "• Aucun résultat trouvé",  # the site sets its own lines as a list too
    "Texte intégral",
    'Partager "Réunion du groupe eau de Kassa"',
    "Academic year: 2021",
    "Copied!",
])
def test_ingest_page_text_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Page layout of the new website was discussed",
    "12 tents were delivered to the school",
    "Views of the partners on 3 sites",
    "Download the form and return it by Friday",
    "Transcript of the radio message to be shared with partners",
    "Report",
    "• Partager les kits entre les sites",
    "Full text of the agreement was circulated",
])
def test_ingest_page_text_furniture_keeps_minutes_lines(line):
    assert not is_furniture(line)


def test_ingest_page_text_furniture_block_is_site_part():
    text = "7 downloads 51 Views 120KB Size Report\nRiverbend Shelter Meeting\nDate: 4 March 2022\n"
    blocks = plain_blocks(text)
    assert [(b.text, b.part) for b in blocks] == [
        ("7 downloads 51 Views 120KB Size Report", "site"), ("Riverbend Shelter Meeting", "body"),
        ("Date: 4 March 2022", "body")]
    check_blocks(text, blocks)


def _one_line_page() -> str:
    return ("Coordination meeting minutes Port Venn Location: Town Hall, Port Venn Date: Friday 4th March 2022. "
            "Chair: Relief Alliance Present: Green Valley Aid, Northwind Trust, Harbour Relief Society, Blue Kite "
            "Foundation 1 Welcome and introductions The chair welcomed the members. 2 Partner updates "
            + _FILLER * 6 + "Northwind Trust will share the revised list by Monday. 3 Next steps "
            + _FILLER * 2)


def test_ingest_page_text_one_line_page_cut_at_labels_and_items():
    text = _one_line_page()
    assert len(text) > 1000
    blocks = plain_blocks(text)
    check_blocks(text, blocks)
    assert [b.text.split(" ", 1)[0] for b in blocks] == [
        "Coordination", "Location:", "Date:", "Chair:", "Present:", "1", "2", "3"]
    assert blocks[4].text.endswith("Blue Kite Foundation")
    assert blocks[6].text.startswith("2 Partner updates")


@pytest.mark.parametrize("text", [
    # the same page cut short: an ordinary paragraph keeps its labels together
    "Minutes Location: Town Hall Date: Friday 4th March 2022. Chair: Relief Alliance Present: Northwind Trust",
    # a long paragraph of prose with no labels or numbered items
    _FILLER * 9 + "They delivered 2000 Tents and 15 Kits to the camps, and the chair: as usual, thanked them.",
])
def test_ingest_page_text_ordinary_paragraph_unchanged(text):
    blocks = plain_blocks(text)
    assert [b.text for b in blocks] == [text]


def test_ingest_page_text_numbers_count_in_sequence_only():
    text = ("Agenda: 1. 2. 3. Opening remarks by the chair; budget review; any other business. " + _FILLER * 7
            + "The team delivered 4 Tents to the school. 1 Opening The chair opened the meeting. 2 Budget "
            + _FILLER + "They counted 7 Boats. 4 Water trucking" + " and more.")
    cuts = [text[c:c + 12] for c in page_cuts(text)]
    assert cuts == ["1 Opening Th", "2 Budget The"]


def test_ingest_page_text_french_one_line_page():
    text = ("Notes de la rencontre des partenaires du quartier Lieu : salle de la mairie de Valbrune "
            "Date : 12 avril 2021 "
            "Présents : Secours des Collines, Association Terre Claire, Mission Eau Vive Ordre du jour : "
            "1. Accueil des participants 2. Situation des sites " + (
                "Les partenaires ont présenté les chiffres des distributions dans chaque site et ont convenu "
                "de comparer leurs listes avec celles du bureau communal. ") * 7)
    blocks = plain_blocks(text)
    check_blocks(text, blocks)
    assert [b.text.split(" ", 1)[0] for b in blocks] == [
        "Notes", "Lieu", "Date", "Présents", "Ordre", "1.", "2."]
    assert blocks[5].kind == "list_item"


@pytest.mark.parametrize("marker", ["•", "ii.", "3)", "▪"])
def test_ingest_page_text_lone_bullet_joins_its_item(marker):
    text = f"Updates:\n{marker}\nThe warehouse in Lowmere was restocked.\n• Fuel stocks are low.\n"
    blocks = plain_blocks(text)
    check_blocks(text, blocks)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Updates:"), ("list_item", f"{marker}\nThe warehouse in Lowmere was restocked."),
        ("list_item", "• Fuel stocks are low.")]


@pytest.mark.parametrize("text, expected", [
    # a list item wrapped where the page's line ran out: the lower-case line carries it on
    ("Updates:\n• The fuel convoy reached the northern depot on time, and the drivers reported that\n"
     "roads near the river are still closed.\n• Next convoy on Friday.\n",
     ["Updates:", "• The fuel convoy reached the northern depot on time, and the drivers reported that\n"
      "roads near the river are still closed.", "• Next convoy on Friday."]),
    # a finished sentence, a short line or a label above: the lower-case line stands alone
    ("The fuel convoy reached the northern depot on time and unloaded.\nmore trucks are expected.\n"
     "Fuel update\nconvoy delayed\n",
     ["The fuel convoy reached the northern depot on time and unloaded.", "more trucks are expected.",
      "Fuel update", "convoy delayed"]),
    # a title with its date on the line under it, in lower case as French writes it
    ("Notes de la rencontre des partenaires eau et assainissement\nle 3 mai 2015 à Valbrune\n",
     ["Notes de la rencontre des partenaires eau et assainissement", "le 3 mai 2015 à Valbrune"]),
])
def test_ingest_page_text_lowercase_line_carries_on(text, expected):
    blocks = plain_blocks(text)
    check_blocks(text, blocks)
    assert [b.text for b in blocks] == expected


@pytest.mark.parametrize("banner", ["3 downloads 41 Views 96KB Size Report", "<<", "Jump to: navigation, search"])
def test_ingest_page_text_site_furniture_titles_nothing(banner):
    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.segment import segment

    text = (f"{banner}\n\nHarbour Valley Shelter Working Group\n\nDate: 9 June 2021\n\n1. Welcome\n\n"
            "The chair welcomed the members.\n\n2. Stock report\n\nKits are running low in two depots.\n")
    doc = ingest(Source(source_path="minutes.txt", data=text.encode("utf-8"), doc_id="p1"), settings=Settings())
    seg = segment(doc, settings=Settings())
    assert doc.blocks[0].part == "site" and doc.text.startswith(banner)  # the text itself is kept
    assert seg.header.title == "Harbour Valley Shelter Working Group"
    assert banner not in [s.heading for s in seg.sections]
    assert [s.heading for s in seg.sections if s.kind != "header"] == ["Welcome", "Stock report"]


@pytest.mark.parametrize("bullet", ["·", "⮚", "➢"])
def test_ingest_page_text_page_bullets_are_list_items(bullet):
    text = f"Partner updates\n{bullet}  Blue Kite Foundation finished the latrine repairs.\n{bullet}  Stocks are low.\n"
    blocks = plain_blocks(text)
    assert [(b.kind, b.level) for b in blocks] == [("paragraph", None), ("list_item", 1), ("list_item", 1)]


def test_ingest_page_text_html_furniture_is_site_part():
    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.model import Source

    html = ("<html><body><p>From Lakeshore Wiki</p><p>Jump to: navigation, search</p><h1>Pantry team meeting</h1>"
            "<p>Date: 2 June 2020</p></body></html>")
    doc = ingest(Source(source_path="notes.html", data=html.encode("utf-8"), doc_id="h1"), settings=Settings())
    assert [(b.text, b.part) for b in doc.blocks] == [
        ("From Lakeshore Wiki", "site"), ("Jump to: navigation, search", "site"), ("Pantry team meeting", "body"),
        ("Date: 2 June 2020", "body")]


@pytest.mark.parametrize("text, expected", [
    # a line of short titles is an agenda segment reads whole (segment/inline_lists.py)
    ("Agenda\nWelcome ▪ Partner updates ▪ Stock report ▪ AOB\n",
     [("paragraph", "Agenda"), ("paragraph", "Welcome ▪ Partner updates ▪ Stock report ▪ AOB")]),
    ("⮚ The depot in Lowmere was restocked. ⮚ Northwind Trust will repair the pump by Friday.\n",
     [("list_item", "⮚ The depot in Lowmere was restocked."),
      ("list_item", "⮚ Northwind Trust will repair the pump by Friday.")]),
    # one bullet in a line is no joined list: "Agenda ⮚ Welcome" stays whole
    ("Agenda ⮚ Welcome\n", [("paragraph", "Agenda ⮚ Welcome")]),
])
def test_ingest_page_text_list_joined_on_one_line_cut_at_bullets(text, expected):
    blocks = plain_blocks(text)
    check_blocks(text, blocks)
    assert [(b.kind, b.text) for b in blocks] == expected


@pytest.mark.parametrize("text, cut, kept", [
    # "V." numbers the next item: its stop ends no sentence, so "Partner talks:" is that item's title, not a label
    (_FILLER * 7 + "Chair: Ilse Marrow. Agenda I. Welcome II. Budget III. Stock report IV. Field visits. "
     "V. Partner talks: two agencies showed their work. Decisions: The group agreed to meet monthly.",
     "Decisions:", ("Partner talks:",)),
    # a run of bare numbers prints the numbers' column first: the words after the last one start an entry
    (_FILLER * 7 + "Agenda: 1. 2. 3. Opening: the chair welcomed all. Reports from the field. Close. "
     "Decisions: The group agreed to meet monthly.", "Opening:", ()),
])
def test_ingest_page_text_item_number_stop_ends_no_sentence(text, cut, kept):
    cuts = page_cuts(text)
    assert cut in {text[c:c + len(cut)] for c in cuts}
    assert not any(text[c:].startswith(k) for c in cuts for k in kept)
