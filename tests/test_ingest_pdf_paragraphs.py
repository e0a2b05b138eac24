"""PDF lines -> paragraphs (pipeline/ingest/pdf_paragraphs.py) on invented lines."""
from __future__ import annotations

import pytest

from pipeline.ingest.pdf_paragraphs import Lexicon, paragraphs, settle
from pipeline.ingest.pdf_text import Line

EN = Lexicon(frozenset({"waterpoint"}), "en")


@pytest.mark.parametrize("page_text,expected", [
    ("会議は予定通り開催され、参加者は来月の\n計画について話し合いました。", ["会議は予定通り開催され、参加者は来月の計画について話し合いました。"]),
    ("The partners repaired the broken exist-\ning pumps near the school.", ["The partners repaired the broken existing pumps near the school."]),
    ("The partners repaired the broken water-\npoint near the school again.", ["The partners repaired the broken waterpoint near the school again."]),
    ("The partners met the mayor of Sainte-\nAdèle near the school again.", ["The partners met the mayor of Sainte-Adèle near the school again."]),
    ("Participants attending the meeting:\nAmira Haddad, Jonas Berg, Lina Petrov", ["Participants attending the meeting:", "Amira Haddad, Jonas Berg, Lina Petrov"]),
])
def test_ingest_pdf_paragraphs_joins(page_text, expected):
    assert paragraphs(page_text, EN) == expected


@pytest.mark.parametrize("text,soft,expected", [
    ("the r èglement", (5,), "the règlement"),
    ("par l e maire", (5,), "par le maire"),
    ("Sainte- Adèle", (7,), "Sainte-Adèle"),
    ("No. 2023 -0379", (8,), "No. 2023-0379"),
    ("de la commune", (2,), "de la commune"),
])
def test_ingest_pdf_paragraphs_settle_soft_spaces(text, soft, expected):
    assert settle(Line(text, soft=soft), Lexicon(frozenset(), "fr")).text == expected


@pytest.mark.parametrize("first,second,joined", [
    ("The slides of the training on water quality are online and avail-", "able:", True),
    ("The slides of the training on water quality are online and they are", "shared:", True),
    ("The slides of the training on water quality are online and they are", "Shared:", False),
])
def test_ingest_pdf_paragraphs_label_value_row(first, second, joined):
    """A line whose first piece is a capitalised "Label:" set apart by a wide gap starts a paragraph."""
    value = "at the cluster website"
    lines = [Line(first, 10, 400, 0, 12), Line(f"{second}   {value}", 10, 200, 14, 26,
                                                pieces=((0, len(second), 10, 40, 14, 26),
                                                        (len(second) + 3, len(second) + 3 + len(value), 80, 200, 14, 26)))]
    assert (len(paragraphs(lines, EN)) == 1) is joined


@pytest.mark.parametrize("title, field, split", [
    ("Shelter Sector Coordination Meeting held in the district office", "Date: 10 June 2025", True),
    ("Réunion du groupe de coordination des abris de la région", "Lieu : bureau du secteur", True),
    ("The group agreed on the plan that the coordinator will share", "with partners: the list of sites", False),
])
def test_ingest_pdf_paragraphs_short_label_line_starts_a_paragraph(title, field, split):
    """A short "Label: value" line under a title of the same type is a header field, not the title's tail."""
    lines = [Line(title, 10, 400, 0, 12), Line(field, 10, 400, 14, 26)]
    assert (len(paragraphs(lines, EN)) == 2) is split


@pytest.mark.parametrize("page_text,expected", [
    ("1.Welcomed the partners to the quarterly session\n2.Reviewed the shelter work plan for the quarter",
     ["1.Welcomed the partners to the quarterly session", "2.Reviewed the shelter work plan for the quarter"]),
    ("1)Revised the stock figures for all the hubs\n2)Agreed the dates of the next distribution",
     ["1)Revised the stock figures for all the hubs", "2)Agreed the dates of the next distribution"]),
])
def test_ingest_pdf_paragraphs_number_typed_against_its_item_starts_one(page_text, expected):
    """'2.Reviewed ...' is an item marker with no space after it, as segment's item numbers read it."""
    assert paragraphs(page_text, EN) == expected
