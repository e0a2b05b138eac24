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


@pytest.mark.parametrize("text,expected", [
    # bullets set apart by a glyph on one line, the first glyph lost with the page's line break
    ("Cash Working Group Meeting Minutes, 3 April 2024 | Northern Hub\n\n"
     "Opening and introductions ▪ Market price monitoring ▪ Transfer values for the dry season ▪ AOB\n\n"
     "The group reviewed prices across the four camps and agreed to meet again in two weeks.\n",
     ["Opening and introductions", "Market price monitoring", "Transfer values for the dry season", "AOB"]),
    # a numbered agenda run together after its label
    ("Protection Working Group\n\nAgenda: 1. Welcome remarks 2. Referral pathways 3. Partner updates 4. AOB\n\n"
     "The chair welcomed the members and the new focal point from the district office.\n",
     ["Welcome remarks", "Referral pathways", "Partner updates", "AOB"]),
    # French, numbers closed by a bracket
    ("Réunion du cluster sécurité alimentaire\n\nOrdre du jour : 1) Mot d'accueil 2) Situation des marchés "
     "3) Points divers\n\nLe coordonnateur a ouvert la réunion à dix heures.\n",
     ["Mot d'accueil", "Situation des marchés", "Points divers"]),
    # the page ran the header fields, the roll call and the agenda's label onto one line, the items after it
    ("Memoria de reunión No 4\n\nGrupo de Refugios Fecha: 3 de mayo de 2024. Hora: 9:00 a 11:00 am. Asistentes: "
     "Lucía Ferrandi (Cruz Verde) Tomás Ureña (Fundación Arcal) Agenda. 1. Lectura del acta anterior "
     "2. Inventario de carpas 3. Plan de lluvias 4. Varios\n\nSe abre la reunión a las 9:10 en la sede del grupo.\n",
     ["Lectura del acta anterior", "Inventario de carpas", "Plan de lluvias", "Varios"]),
    # capital Roman numerals; the page went on past the last item on the same line
    ("DISTRICT NUTRITION MEETING\n\nPresent: Kestrel Aid, Harbour Relief, Dunmore Trust. AGENDA I. Opening "
     "remarks II. Screening figures III. Supply of ready-to-use food IV. Partner updates V. AOB RECORD OF THE "
     "MEETING Item Discussion Follow-up Opening. The meeting began at nine with a round of introductions.\n",
     ["Opening remarks", "Screening figures", "Supply of ready-to-use food", "Partner updates", "AOB"]),
])
def test_segment_sections_agenda_flattened_onto_one_line_is_split_at_its_markers(text, expected):
    doc, seg = from_text(text)
    found = headings(seg)
    assert all(h in found for h in expected), found
    # neither the header line before the agenda nor the text the page ran on after its last item is a heading
    assert not any(h.startswith(("AOB RECORD", "Grupo")) for h in found), found
    first = next(s for s in seg.sections if s.heading == expected[0])
    assert doc.text[first.start_char:].startswith(expected[0])


@pytest.mark.parametrize("text", [
    "Site notes\n\nHome • News • Login • Contact\n\nThe site lists the partners of the response.\n",
    "Site notes\n\nDistribution ▪ the kits went out on Monday and the rest will follow next week\n\nNothing else.\n",
    "Site notes\n\nThe 3 teams visited 1. the north 2. the east and the figures are in the annex.\n",
    # a numbered run mid-line without an agenda label before it is a sentence's own enumeration
    "Field notes\n\nVenue: Hall B. The team visited 1. Kori 2. Lasso 3. Mbeni and reported on each of them.\n",
    # "agenda" inside a sentence announces nothing
    "Field notes\n\nThe chair asked that the agenda be shared I. early II. widely III. by email next time.\n",
    # a count opening a line is no bare item number: no sequence 1, 2, ... follows it
    "Warehouse notes\n\n3 Tents were delivered to the school on Monday.\n\nThe rest follows next week.\n",
    "Warehouse notes\n\n1 Truck reached the camp.\n\nThe second one broke down on the road.\n",
])
def test_segment_sections_menus_sentences_and_counts_open_no_section(text):
    _, seg = from_text(text)
    assert [s.heading for s in seg.sections if s.kind != "header"] == []


def test_segment_sections_glyph_items_beside_a_label_column():
    # a two-column "Label | items" block read across: each line is the left label, then one item of the right
    text = ("Shelter Sector Meeting – Eastern Province\n\nMeeting Date: 9 June 2024\n\n"
            "Meeting Participants: ⮚ Welcome and round of introductions\n\n⮚ Review of action points\n\n"
            "Agenda ⮚ Update from the district office\n\n⮚ Stock of shelter kits\n\n⮚ Any other business\n\n"
            "Meeting Discussion\n\nThe district office shared the damage figures from the field visit.\n")
    _, seg = from_text(text)
    found = headings(seg)
    for h in ("Welcome and round of introductions", "Review of action points", "Update from the district office",
              "Stock of shelter kits", "Any other business"):
        assert h in found, found
    assert "Meeting Participants" not in found


@pytest.mark.parametrize("text,expected", [
    ("Shelter Cluster Meeting, 4 May 2024\n\nMeeting Minutes\n\n1.  Round of introductions\n\n"
     "2.  The notes of the last meeting were read and adopted by the members present.\n\n"
     "3.  Updates from the ministry:\n\n·  The ministry is mapping the damaged wards.\n\n"
     "4.  Stock report\n\n·  Tarpaulins are running low in the south.\n",
     ["Round of introductions", "The notes of the last meeting were read and adopted by the members present",
      "Updates from the ministry", "Stock report"]),
])
def test_segment_sections_numbered_sentence_in_sequence_with_numbered_sections(text, expected):
    _, seg = from_text(text)
    found = [h for h in headings(seg) if h not in ("Shelter Cluster Meeting, 4 May 2024", "Meeting Minutes")]
    assert found == expected


def test_segment_sections_numbered_points_of_a_list_stay_points():
    text = ("Board notes\n\n## Decisions\n\n1. The budget for the spring drive was approved by all members.\n"
            "2. The new volunteers will be trained before the end of the month.\n"
            "3. The treasurer will open a second account for the grant.\n")
    _, seg = from_text(text, "notes.md")
    assert headings(seg) == ["Board notes", "Decisions"]


def test_segment_sections_numbered_sentence_over_bullets_heads_them():
    text = ("Emergency Shelter Meeting\n\n1.  Review of the response plan drafted at the sector meeting of 2 May.\n\n"
            "·  The plan was presented again and no objection was raised.\n\n"
            "2.  Review of the latest figures\n\n·  Figures from two districts are still missing.\n")
    _, seg = from_text(text)
    found = headings(seg)
    assert "Review of the response plan drafted at the sector meeting of 2 May" in found, found
    plan = next(s for s in seg.sections if s.heading.startswith("Review of the response plan"))
    assert "no objection" in plan.text and "still missing" not in plan.text


def test_segment_sections_each_minutes_heading_takes_up_one_agenda_entry():
    text = ("Nutrition Sector Meeting\n\nAgenda\n- Update from the health office\n"
            "- Floods in the river district\n- Partner activities\n\n"
            "## Key updates from the health office, river district\n\nThe office counted forty new admissions.\n")
    _, seg = from_text(text, "minutes.md")
    found = headings(seg)
    assert "Floods in the river district" in found and "Partner activities" in found, found
    assert "Update from the health office" not in found  # the minutes' own heading holds it


def test_segment_sections_agenda_whose_numbering_restarts_without_repeating_a_title():
    text = ("Sanitation Sector Meeting\n\nAgenda Points;\n\n  1. Opening and introductions\n  2. Latrine desludging\n"
            "  3. Pooled fund round\n  1. Hygiene kit pipeline\n  2. Review of the assessment plan\n  3. AOB\n\n"
            "Discussion\n  1. Opening and introductions\nThe coordinator opened the meeting.\n"
            "  1. Latrine desludging\nTwo trucks serve the camps.\n")
    _, seg = from_text(text)
    found = headings(seg)
    for h in ("Pooled fund round", "Hygiene kit pipeline", "Review of the assessment plan", "AOB"):
        assert h in found, found
    assert found.count("Opening and introductions") == 1, found


def test_segment_sections_item_word_written_once_numbers_one_sequence():
    text = ("Camp Management Meeting\n\nAgenda item 1. Opening remarks\n\n"
            "The coordinator opened the meeting and welcomed the partners.\n\n"
            "2. Minutes of 3 May 2024 a. Corrections/ Follow ups.\n\nThe minutes were adopted without change.\n")
    _, seg = from_text(text)
    assert headings(seg)[1:] == ["Opening remarks", "Minutes of 3 May 2024 a. Corrections/ Follow ups"]


@pytest.mark.parametrize("sign", ["<<", "***", ">> >>"])
def test_segment_sections_a_line_of_signs_does_not_name_the_header(sign):
    text = (f"{sign}\n\nFood Security Sector Meeting Minutes\n\nVenue: Sector hub, Lower Town\n\n"
            "1. Market prices\n\nPrices rose in the two northern markets.\n")
    _, seg = from_text(text)
    assert seg.sections[0].kind == "header" and seg.sections[0].heading == "Food Security Sector Meeting Minutes"


@pytest.mark.parametrize("line,expected", [
    ("YOUTH CHOIR - 5:10-5:25 P.M.:", "YOUTH CHOIR"),
    ("PROCLAMATIONS – 6:00 P.M.", "PROCLAMATIONS"),
    ("ORDINANCES - SECOND READING", "ORDINANCES - SECOND READING"),
])
def test_segment_sections_capital_heading_drops_the_time_slot_after_it(line, expected):
    text = (f"Minutes of the Lakeview Town Council\n\n{line}\n\n"
            "The council heard the item and moved on to the next point of business.\n")
    _, seg = from_text(text, "council.pdf.txt")
    assert expected in headings(seg), headings(seg)


def test_segment_sections_a_dotted_date_over_bullets_is_no_numbered_item():
    text = ("Reading group notes\n\n14.03.2024\n\n- Read the second chapter\n- Compared the two proofs\n\n"
            "Next steps\n\n- Finish the third chapter\n")
    _, seg = from_text(text)
    assert not any(h in ("2024", "03.2024") for h in headings(seg)), headings(seg)


@pytest.mark.parametrize("label", ["List of Attendees:", "Meeting Started:", "## Liste des participants", "LOCATION:",
                                   "## Observers"])
def test_segment_sections_a_label_alone_opens_no_agenda_item(label):
    # a header label on its own line, its value under it, is the minutes' front matter, not an item of the agenda
    text = (f"Camp Coordination Meeting\n\n{label}\n\n1. Tomas Verhoeven (Harlow Aid)\n2. Beatriz Olumide (Quill Relief)\n\n"
            "Agenda\n\n1. Site drainage\n\nThe drains of block C overflowed twice in the last week.\n\n"
            "2. Fire safety\n\nEach block now has two fire points.\n")
    _, seg = from_text(text, "minutes.md")
    kinds = {s.heading: s.kind for s in seg.sections}
    assert kinds.get("Site drainage") == "agenda_item" and kinds.get("Fire safety") == "agenda_item", kinds
    assert kinds[label.strip("#: ")] == "other", kinds


@pytest.mark.parametrize("label", ["Ordre du jour", "AGENDA", "Agenda."])
def test_segment_sections_agenda_label_ending_a_page_line_announces_the_items_after_it(label):
    # a page on one line: header fields run together up to the agenda's label, then the items the site cut apart
    filler = ("Groupe de coordination eau et assainissement Date de la réunion 12 mars 2024 Lieu salle de réunion du "
              "bureau commun Rédaction Fondation Iroko Membres de la réunion Fondation Iroko, Aide Sahel, Terre Vive, "
              "Amis du Fleuve, Service régional de l'hydraulique, Comité des puits de Kassa, ")
    text = (f"Groupe eau Kassa\n\n{filler}{label}\n\n1. Lecture du compte rendu ;\n\n2. Point sur les forages ;\n\n"
            "3. Campagne de chloration ;\n\n4. Divers\n\n1. Lecture Le compte rendu a été lu et adopté sans réserve par "
            "les membres présents.\n\n2. Point sur Trois forages sont en panne à Kassa et deux ont été réparés.\n")
    _, seg = from_text(text)
    found = headings(seg)
    for h in ("Lecture du compte rendu", "Point sur les forages", "Campagne de chloration", "Divers"):
        assert h in found, found


@pytest.mark.parametrize("aob", ["AOB", "A.O.B.", "Any other business"])
def test_segment_sections_aob_run_into_the_next_heading_is_aob_alone(aob):
    # the page lost the line break after the agenda's last item: the first discussion heading runs on after it
    text = ("Livelihoods Working Group – Meeting Minutes\n\nAgenda:\n1. Seed fairs (FSL lead)\n2. Market survey\n"
            f"3. {aob} Seed fairs (FSL lead) The partners agreed on the dates of the next fairs.\n\n"
            "Market survey\n\nThe survey covered nine markets in two weeks.\n")
    _, seg = from_text(text)
    found = headings(seg)
    assert aob.rstrip(".") in found, found
    assert not any(h.startswith(aob.rstrip(".") + " Seed") for h in found), found


def test_segment_sections_aob_ending_a_flattened_agenda_keeps_its_own_title():
    text = ("Food Security Sector\n\nAgenda: 1. Opening prayer 2. Seed distribution plan 3. AOB Seed distribution "
            "plan The partners reviewed the list of villages:\n\nEach partner covers two villages.\n")
    _, seg = from_text(text)
    found = headings(seg)
    assert {"Opening prayer", "Seed distribution plan", "AOB"} <= set(found), found


def test_segment_sections_bare_numbered_rows_of_a_page_on_one_line():
    # a table "No | Agenda item | Discussion" the site ran onto one line: bare numbers, the first cell set apart by
    # two spaces; ingest cuts the line before each number of the sequence
    talk = ("The members went through the figures of each district and agreed to share the revised list with the "
            "hub before the end of the week, so that the partners can plan their next distributions in time. ")
    text = ("Eastern Hub Coordination Meeting; Date: Monday, 3 June 2024; Venue: Hub Office; Chair: Kestrel Aid "
            f"# Agenda item Discussion Follow-up 1 Opening remarks  The chair welcomed the members. {talk * 3}"
            f"2 Road access (Logistics)  The convoy reached the northern camps on Friday. {talk * 3}"
            f"3 Stock of shelter kits  Two warehouses hold enough kits for a month. {talk * 2}\n")
    assert len(text) > 1000
    _, seg = from_text(text)
    found = headings(seg)
    for h in ("Opening remarks", "Road access (Logistics)", "Stock of shelter kits"):
        assert h in found, found


@pytest.mark.parametrize("title", ["Other Business Items", "Miscellaneous Grants And Small Repairs"])
def test_segment_sections_a_title_case_aob_title_keeps_its_words(title):
    text = (f"Residents Association\n\n1. Garden rota\n\nThe rota was agreed.\n\n2. {title}\n\n"
            "Two small repairs were approved by the members.\n")
    _, seg = from_text(text)
    assert title in headings(seg), headings(seg)


OPENING_PARAGRAPH = ("Seize membres du secteur se sont retrouvés chez NORTHAID à Rimor ce mardi matin ; le coordinateur "
                     "a rappelé le calendrier des livraisons de bâches et chaque partenaire a présenté son équipe "
                     "avant le premier point.")


@pytest.mark.parametrize("before", ["(1)", "Participation\n\nNORTHAID, BLUEWELL, OCHA, UNICEF, Ministère des Travaux"])
def test_segment_sections_first_title_over_a_long_paragraph_after_the_header(before):
    text = ("Compte rendu de la réunion du secteur abris\n\n" + before + "\n\nIntroduction\n\n" + OPENING_PARAGRAPH
            + "\n\nPoint sur les stocks\n\nLes stocks de bâches suffisent pour deux mois.\n")
    _, seg = from_text(text)
    assert "Introduction" in headings(seg), headings(seg)


@pytest.mark.parametrize("before", [
    "Les partenaires ont revu le plan du mois dernier et l’ont adopté sans changement.",  # prose came first
    "Les partenaires présents au bureau de la zone nord, de la zone sud et",  # a line that runs on
])
def test_segment_sections_a_line_over_a_long_paragraph_after_prose_or_mid_sentence_is_no_title(before):
    text = ("Compte rendu de la réunion du secteur abris\n\n" + before + "\n\nIntroduction\n\n" + OPENING_PARAGRAPH + "\n")
    _, seg = from_text(text)
    assert "Introduction" not in headings(seg), headings(seg)


@pytest.mark.parametrize("text, expected", [
    # the page lost the break between each numbered title and its paragraph; a field label inside the body
    # ("chaired by") makes no header field of the first one
    ("Shelter coordination meeting, 4 March 2024\n\n"
     "1. Welcome and introductions The meeting was chaired by Ana Loru, the coordinator, and all members "
     "introduced themselves.\n\n"
     "2. Review of the last minutes Notes from the February session were read out and adopted as written.\n\n"
     "3. Update from Kestrel Aid The team handed out four hundred tarpaulins in the two camps last week.\n\n"
     "4. Stock position: The warehouse in Kalora holds two hundred kits and ninety rolls of rope.\n",
     ["Welcome and introductions", "Review of the last minutes", "Update from Kestrel Aid", "Stock position"]),
    ("Réunion du groupe eau, 12 mars 2024\n\n"
     "1. Mot de bienvenue Le coordonnateur a ouvert la réunion et remercié les partenaires présents ce matin.\n\n"
     "2. Point sur les forages Il reste trois forages en panne dans le district de Kassa depuis février.\n",
     ["Mot de bienvenue", "Point sur les forages"]),
])
def test_segment_sections_numbered_title_with_its_paragraph_run_on(text, expected):
    doc, seg = from_text(text)
    found = headings(seg)
    assert all(h in found for h in expected), found
    assert not any(h.startswith(("The ", "Le ", "Il ")) or len(h.split()) > 6 for h in found[1:]), found
    first = next(s for s in seg.sections if s.heading == expected[0])
    assert doc.text[first.start_char:].startswith("1. " + expected[0])


@pytest.mark.parametrize("text", [
    # one numbered paragraph, no sequence: a point of the record, not a section
    "Site visit notes\n\nThe team reported on the camps.\n\n1. Drainage works The drains of block C overflowed "
    "twice during the storm and were cleared by the camp committee.\n\nNothing else was raised.\n",
])
def test_segment_sections_a_lone_run_on_numbered_paragraph_opens_no_section(text):
    _, seg = from_text(text)
    assert "Drainage works" not in headings(seg), headings(seg)
