"""Sections of humanitarian minutes as web pages print them: item numbers written with a sign, spelt-out AOB,
agendas flattened onto one line, bullets drawn with glyphs the converter did not know. All text invented."""
from __future__ import annotations

import pytest

from test_segment import from_text, headings


@pytest.mark.parametrize("text,expected", [
    ("Nutrition Sector Coordination Meeting\n\nVenue: Sector Office, Port Imara\n\n"
     "Agenda item # 1: Review of the previous minutes\n\nThe minutes of the last meeting were read and adopted.\n\n"
     "Agenda item # 2: Screening figures for the quarter\n\nPartners screened more children than planned.\n\n"
     "Agenda item # 3: Supply pipeline\n\nThe stock of therapeutic food lasts until the end of the month.\n",
     ["Review of the previous minutes", "Screening figures for the quarter", "Supply pipeline"]),
    ("Réunion du groupe de travail abris\n\nPoint n° 1 : Mot de bienvenue\n\nLa coordinatrice a ouvert la séance.\n\n"
     "Point n° 2 : Distribution de bâches\n\nTrois partenaires ont distribué des bâches.\n",
     ["Mot de bienvenue", "Distribution de bâches"]),
    ("Health cluster call\n\nItem-1: Outbreak update\n\nThe case count fell this week.\n\n"
     "Item-2: Cold chain\n\nTwo fridges were repaired.\n",
     ["Outbreak update", "Cold chain"]),
])
def test_segment_sections_item_number_with_a_sign_keeps_its_title(text, expected):
    _, seg = from_text(text)
    found = headings(seg)
    assert all(h in found for h in expected), found
    assert not any(h.lower().startswith(("agenda item", "item", "point")) for h in found), found


@pytest.mark.parametrize("aob", ["A.O.B", "A.O.B:", "AOB"])
def test_segment_sections_spelt_out_aob_closes_the_agenda(aob):
    text = ("Logistics Cluster Meeting\n\nDate: 4 March 2024\n\nAgenda:\n1. Standing items\n2. Road access\n"
            f"3. Fuel stocks\n4. {aob}\n\n1) Standing items\nNothing new since the last meeting.\n\n"
            "2) Road access\nThe northern road reopened on Monday.\n")
    _, seg = from_text(text)
    assert aob.rstrip(":") in headings(seg), headings(seg)
