"""detect_actions end to end on documents built here, with the trained classifier (slow: loads spaCy)."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.actions import detect_actions, load_scorer
from pipeline.actions.owner import OwnerIndex, split_names
from pipeline.config import Settings
from pipeline.model import Mention, Participant, Section, Segmented
from tests.test_actions_candidates import build

pytestmark = pytest.mark.slow
SETTINGS = Settings()


@pytest.fixture(scope="module")
def scorer():
    return load_scorer(SETTINGS)


def detect(doc, seg, scorer, mentions=()):
    items = detect_actions(doc, seg, tuple(mentions), scorer=scorer, settings=SETTINGS)
    for i, a in enumerate(items):
        assert doc.text[a.start_char:a.end_char] == a.text
        assert a.ordinal == i
    assert [a.start_char for a in items] == sorted(a.start_char for a in items)
    return items


def by_text(items):
    return {a.text: a for a in items}


HEADERS = ("Issues discussed", "Next steps", "Responsible", "Deadline")


@pytest.mark.parametrize("row, owner, due", [
    (("Water points broken in camp 3", "Repair the two hand pumps and report back", "Oxfam", "15/03/2024"),
     "Oxfam", date(2024, 3, 15)),
])
def test_actions_table_column(scorer, row, owner, due):
    roles = ("issue", "action", "owner", "deadline")
    parts = [("table_cell", h, {"table_id": 0, "row": 0, "col": c, "column_header": h}) for c, h in enumerate(HEADERS)]
    parts += [("table_cell", t, {"table_id": 0, "row": 1, "col": c, "column_header": h, "column_role": r})
              for c, (t, h, r) in enumerate(zip(row, HEADERS, roles))]
    doc, seg = build(parts, meeting_date=date(2024, 3, 1))
    got = by_text(detect(doc, seg, scorer))
    item = got[row[1]]
    assert (item.source, item.owner, item.due_date, item.due_text) == ("table_column", owner, due, row[3])
    assert row[0] not in got


@pytest.mark.parametrize("line, text, kind, status", [
    ("Action: Halvard will invite Sunniva to one of the meetings.", "Halvard will invite Sunniva to one of the meetings.",
     "action", None),
    ("ACTION 41.3 Secretariat to circulate the revised terms of reference", "Secretariat to circulate the revised terms of reference",
     "action", None),
    ("[ ] (Bram) Write notes on the vendor policy", "(Bram) Write notes on the vendor policy", "action", "open"),
    ("[x] Book the room for the workshop", "Book the room for the workshop", "action", "done"),
    ("Decision: the shared drive will hold all board papers.",
     "the shared drive will hold all board papers.", "decision", None),
    ("TODO: add the missing references to the report", "add the missing references to the report", "action", None),
])
def test_actions_markers(scorer, line, text, kind, status):
    doc, seg = build([("paragraph", "The group met online."), ("list_item", line)])
    got = by_text(detect(doc, seg, scorer))
    assert text in got, list(got)
    assert (got[text].source, got[text].kind, got[text].status) == ("marker", kind, status)
    assert "The group met online." not in got


def test_actions_next_steps_list(scorer):
    doc, seg = build([("paragraph", "Next steps:"), ("list_item", "Report chapter 1 (docx file)"),
                      ("list_item", "Class diagram for the booking module")])
    got = by_text(detect(doc, seg, scorer))
    assert set(got) == {"Report chapter 1 (docx file)", "Class diagram for the booking module"}
    assert {a.source for a in got.values()} == {"marker"}


@pytest.mark.parametrize("sentence, owner", [
    ("UNICEF will follow up with the district education office on the repair list.", "UNICEF"),
    ("Ilse and Corin to buy the drinks on Friday.", "Ilse and Corin"),
    ("It was agreed that partners will share their distribution plans before the next meeting.", "partners"),
])
def test_actions_prose_commitments(scorer, sentence, owner):
    mentions = [Mention(0, 6, "UNICEF", "ORG", "UNICEF", "org:unicef", "gazetteer")] if sentence.startswith("UNICEF") else []
    doc, seg = build([("paragraph", "The report for May was finalised and shared with all partners. " + sentence)])
    got = by_text(detect(doc, seg, scorer, [Mention(m.start_char + 64, m.end_char + 64, m.text, m.label, m.norm,
                                                    m.entity_id, m.source) for m in mentions]))
    assert list(got) == [sentence]
    assert got[sentence].source == "rule"
    assert got[sentence].owner == owner
    assert 0.0 <= got[sentence].confidence <= 1.0


@pytest.mark.parametrize("sentence", [
    "The assessment was conducted by an external consultant in 2019.",
    "Several partners raised concerns about the road conditions.",
    "Why is this so urgent?",
])
def test_actions_prose_negatives(scorer, sentence):
    doc, seg = build([("paragraph", sentence)])
    assert detect(doc, seg, scorer) == ()


def test_actions_owner_from_reporting_section(scorer):
    doc, seg = build(
        [("heading", "Agency updates"),
         ("paragraph", "Hope Relief: HR has a seed distribution in the hill villages in the second week of December."),
         ("paragraph", "A livelihoods fair is planned in January.")],
        sections=[("Agency updates", "agenda_item", 0, 2), ("Hope Relief", "update", 1, 2, {"speaker_org": "Hope Relief"})],
        meeting_date=date(2017, 12, 6))
    items = detect(doc, seg, scorer)
    assert [(a.owner, a.section_ordinal) for a in items] == [("Hope Relief", 1), ("Hope Relief", 1)]
    assert items[1].kind == "plan"


def test_actions_owner_from_attribute_lines_and_participants(scorer):
    people = (Participant(0, "Lucía Ferrer Ortiz", "person", 0, 0, "Lucía Ferrer Ortiz"),
              Participant(1, "Tomás Rivas Peña", "person", 0, 0, "Tomás Rivas Peña"))
    doc, seg = build([("list_item", "Conclusión: Se debe documentar la instalación en la wiki."),
                      ("list_item", "Planes de acción: Se le asigna la tarea a Lucía."),
                      ("list_item", "Plazo: El día 16/12/2019")],
                     participants=people, meeting_date=date(2019, 12, 12))
    items = detect(doc, seg, scorer)
    assert len(items) == 1
    assert (items[0].owner, items[0].due_date) == ("Lucía Ferrer Ortiz", date(2019, 12, 16))


def test_actions_table_references_list_items(scorer):
    people = (Participant(0, "Nadia", "person", 0, 0, "Nadia(NK)"), Participant(1, "Farid", "person", 0, 0, "Farid(FO)"))
    heads = ("Action", "Allocated to", "Deadline")
    parts = [("paragraph", "Actions:"), ("paragraph", "Create the Jira board."), ("paragraph", "Report chapter 3 (docx file)")]
    parts += [("table_cell", h, {"table_id": 0, "row": 0, "col": c, "column_header": h}) for c, h in enumerate(heads)]
    for r, row in enumerate((("Action-1", "NK", "28-07-2020"), ("Action-2", "FO", "29-07-2020")), 1):
        parts += [("table_cell", t, {"table_id": 0, "row": r, "col": c, "column_header": h, "column_role": role})
                  for c, (t, h, role) in enumerate(zip(row, heads, ("action", "owner", "deadline")))]
    doc, seg = build(parts, participants=people, meeting_date=date(2020, 7, 26))
    items = detect(doc, seg, scorer)
    assert [(a.text, a.owner, a.due_date) for a in items] == [
        ("Create the Jira board.", "Nadia", date(2020, 7, 28)),
        ("Report chapter 3 (docx file)", "Farid", date(2020, 7, 29))]


def test_actions_volunteers_line_names_owner(scorer):
    doc, seg = build([("list_item", "Agnes: Decision proposal - Create a working party to bring back a proposal on the fees."),
                      ("list_item", "No objections.", {"level": 1}),
                      ("list_item", "Volunteers: Maren Dahl, Ivo", {"level": 1})])
    items = detect(doc, seg, scorer)
    assert [(a.owner, a.source) for a in items] == [("Maren Dahl, Ivo", "rule")]


@pytest.mark.parametrize("line, written, mention, owner", [
    ("MIMU will update the flood map next week.", "MIMU", "Myanmar Information Management Unit",
     "Myanmar Information Management Unit (MIMU)"),
    ("The Health Cluster will share the referral pathway on Friday.", "Health Cluster", "Health Cluster", "Health Cluster"),
])
def test_actions_owner_acronym_keeps_what_was_written(scorer, line, written, mention, owner):
    start = line.index(written)
    mentions = [Mention(start, start + len(written), written, "ORG", mention, "org:x", "gazetteer")]
    doc, seg = build([("paragraph", line)])
    items = detect(doc, seg, scorer, mentions)
    assert [(a.owner, a.owner_entity_id) for a in items] == [(owner, "org:x")]


def test_actions_owner_first_name_and_initials_from_the_text(scorer):
    doc, seg = build([("paragraph", "Attendees: Lucía Ferrer Ortiz, Imran(IK), Rafiq(RQ)"),
                      ("paragraph", "Actions:"),
                      ("list_item", "[Lucía] Write the installation guide"),
                      ("list_item", "IK, RQ: Prepare the class diagram")])
    items = detect(doc, seg, scorer)
    assert [a.owner for a in items] == ["Lucía Ferrer Ortiz", "Imran, Rafiq (IK, RQ)"]


def test_actions_owner_he_or_she_is_the_last_person_named(scorer):
    text = "Gareth spoke to Nadia Brandt about the screen. She will get back to us by Friday."
    start = text.index("Nadia Brandt")
    mentions = [Mention(0, 6, "Gareth", "PERSON", "Gareth", None, "model"),
                Mention(start, start + 12, "Nadia Brandt", "PERSON", "Nadia Brandt", None, "model")]
    doc, seg = build([("paragraph", text)])
    items = detect(doc, seg, scorer, mentions)
    assert [(a.text, a.owner) for a in items] == [("She will get back to us by Friday.", "Nadia Brandt")]


def test_actions_owner_ignores_implausible_section_speakers(scorer):
    doc, seg = build([("list_item", "Mon.: bring the ladder to the garden"),
                      ("list_item", "Tue.: Jonas will fix the bike trailer.")],
                     sections=[("Mon.", "update", 0, 0, {"speaker": "Mon."}), ("Tue.", "update", 1, 1, {"speaker": "Tue."})])
    assert all(a.owner in (None, "Jonas") for a in detect(doc, seg, scorer))


def test_actions_parenthesised_note_stays_with_its_action(scorer):
    line = "Innes - notify people of the banner competition (via email) (note: there will be a prize)"
    doc, seg = build([("paragraph", "Action list:"), ("list_item", line)])
    items = detect(doc, seg, scorer)
    assert [(a.text, a.owner) for a in items] == [(line, "Innes")]


def test_actions_volunteers_line_in_a_child_section(scorer):
    doc, seg = build([("list_item", "Agnes: Decision proposal - Create a working party to bring back a proposal on the fees."),
                      ("list_item", "Volunteers: Maren Dahl, Ivo", {"level": 1})],
                     sections=[("Agnes", "update", 0, 1, {"speaker": "Agnes"}), ("Volunteers", "sub_topic", 1, 1)])
    seg = Segmented(blocks=seg.blocks, header=seg.header,
                    sections=(seg.sections[0], Section(**{**seg.sections[1].__dict__, "parent_ordinal": 0})))
    assert [a.owner for a in detect(doc, seg, scorer)] == ["Maren Dahl, Ivo"]


@pytest.mark.parametrize("line, owner", [
    ("Bank signatories Gareth to get the form signed by the treasurer", "Gareth"),
])
def test_actions_name_to_verb_inside_a_run_together_line(scorer, line, owner):
    doc, seg = build([("paragraph", line)])
    assert [(a.text, a.owner, a.source) for a in detect(doc, seg, scorer)] == [(line, owner, "rule")]


@pytest.mark.parametrize("written, names", [
    ("Ilse, Corin and Bram", ["Ilse", "Corin", "Bram"]),
    ("Co-chairs (FAO, WFP)", ["Co-chairs (FAO, WFP)"]),
    ("Tomás y Lucía", ["Tomás", "Lucía"]),
])
def test_actions_owner_split_names_keeps_bracketed_lists(written, names):
    assert split_names(written) == names


@pytest.mark.parametrize("written, owner", [("IOM (Yusuf Bukar)", "IOM (Yusuf Bukar)"), ("(Bram)", "Bram"), ("WFP, UNHCR", "WFP, UNHCR")])
def test_actions_owner_resolve_keeps_balanced_brackets(written, owner):
    assert OwnerIndex((), ()).resolve(written).name == owner


@pytest.mark.parametrize("sentence, owner", [
    ("Rosalind Achterberg says she will send the revised budget to the grant office.", "Rosalind Achterberg"),
    ("Le coordinateur a indiqué qu'il transmettra la carte des points d'eau avant lundi.", None),
    ("La coordinadora informa que enviará el calendario de visitas a los socios.", None),
])
def test_actions_reported_commitment_in_prose(scorer, sentence, owner):
    lead = "The second period closed with all reports filed. "
    doc, seg = build([("paragraph", lead + sentence)])
    mentions = [Mention(len(lead), len(lead) + len(owner), owner, "PERSON", owner, None, "ner")] if owner else []
    got = by_text(detect(doc, seg, scorer, mentions))
    assert sentence in got
    assert "The second period closed with all reports filed." not in got
    if owner:
        assert got[sentence].owner == owner


@pytest.mark.parametrize("turn", ["**Halima**: I think we should wait for the audit before we pick a date."])
def test_actions_transcript_opinion_is_no_action(scorer, turn):
    speakers = ("Halima", "Jorge", "Wen", "Bodil")
    filler = [f"**{speakers[i % 4]}**: Thanks, I agree with the point made on the list number {i}." for i in range(12)]
    doc, seg = build([("paragraph", t) for t in [*filler, turn, "**Jorge**: I will open an issue for the fee change today."]])
    got = by_text(detect(doc, seg, scorer))
    assert turn not in got
    assert "**Jorge**: I will open an issue for the fee change today." in got


@pytest.mark.parametrize("sentence", [
    "The camp management agency informed that a verification team will visit the new arrivals next week.",
    "Le cluster nutrition a annoncé qu'il déploiera deux équipes mobiles dans le district la semaine prochaine.",
])
def test_actions_reported_commitments_are_actions(scorer, sentence):
    doc, seg = build([("paragraph", sentence)])
    assert [a.text for a in detect(doc, seg, scorer)] == [sentence]


@pytest.mark.parametrize("sentence", [
    "They will advertise the two tutor posts again next term.",
    "He will warn the host university about the risk of losing the grant.",
    "Sunniva se ha encargado de preparar el presupuesto que debemos presentar el lunes.",
])
def test_actions_plans_reported_with_a_pronoun_or_person_subject_are_actions(scorer, sentence):
    doc, seg = build([("paragraph", sentence)])
    assert [a.text for a in detect(doc, seg, scorer)] == [sentence]


@pytest.mark.parametrize("sentence", [
    "Bruno explains that the rule only covers trips booked after May.",
    "Ingrid says that waiting until spring would slow the whole project down.",
    "Il a expliqué que le retard vient de la fermeture du pont.",
    "Se explicó que la demora se debe a las lluvias.",
])
def test_actions_reported_explanations_are_not_actions(scorer, sentence):
    doc, seg = build([("paragraph", sentence)])
    assert detect(doc, seg, scorer) == ()


@pytest.mark.parametrize("line, owner", [("[Mira] Please join the online discussion about the kitchen floor.", "Mira")])
def test_actions_bracket_labelled_request_is_an_action(scorer, line, owner):
    doc, seg = build([("paragraph", line)])
    assert [(a.text, a.owner) for a in detect(doc, seg, scorer)] == [(line, owner)]


@pytest.mark.parametrize("line", [
    "11h15 – 11h40 / Follow up on the cash monitoring and priorities",
    "Mapping of shelter partners / buffer stock /",
    "Restitution des travaux de l'atelier sur le plan de contingence",
    "Les kits d'hygiène ont été distribués aux familles du site ouest.",
])
def test_actions_agenda_slots_fragments_and_reports_are_not_actions(scorer, line):
    doc, seg = build([("paragraph", line)])
    assert detect(doc, seg, scorer) == ()



@pytest.mark.parametrize("sentence", [
    "The district relief office commits to release the stored tarpaulins to the listed families as soon as possible.",
])
def test_actions_commitment_in_a_one_line_page_is_found(scorer, sentence):
    # a page saved on one line: the header's date field and the whole body sit in one block
    from tests.test_actions_candidates import _with_date_field
    page = ("Shelter sector meeting, Tolvan hub Date: Tuesday 9 April 2024 Venue: district hall. "
            "Kestrel Aid reported that the roof repairs in Marrowdene were finished last month. "
            "Around 640 households received a second set of blankets during the reporting period. "
            "The road to the upper villages stayed open through the week, with no incidents reported. "
            "Partners noted that prices of timber in the local market have risen since the storm. " + sentence)
    doc, seg = build([("paragraph", page)])
    got = by_text(detect(doc, _with_date_field(doc, seg, "Tuesday 9 April 2024"), scorer))
    assert sentence in got and got[sentence].source == "rule"


def _pdf_action_table(path, title, header, rows, footer):
    """A two-page PDF: a running title, an action table with its header row on each page, a page footer."""
    from fpdf import FPDF
    pdf = FPDF()
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        with pdf.table(col_widths=(110, 40, 30)) as table:
            for r in [header] + [tuple(c.format(page=page) for c in r) for r in rows]:
                row = table.row()
                for cell in r:
                    row.cell(cell)
        pdf.set_y(-20)
        pdf.cell(0, 8, footer.format(page=page), align="C")
    pdf.output(str(path))
    return path.read_bytes()


@pytest.mark.parametrize("title, header, rows, footer, found", [
    ("Water and Sanitation Sector Meeting", ("Action point", "Responsible", "Deadline"),
     [("Repair the hand pumps of block {page} before the rains", "Harbour Aid", "15 March"),
      ("Send the chlorine stock figures of camp {page} to the sector", "Kestrel Relief", "April"),
      ("RI", "", ""), ("Done", "", "")],
     "Page {page} of 2", "Repair the hand pumps of block 2"),
    ("Réunion du secteur Eau et Assainissement", ("Point d'action", "Responsable", "Échéance"),
     [("Réparer les pompes manuelles du bloc {page} avant les pluies", "Terre Solidaire", "15 mars"),
      ("Envoyer les stocks de chlore du camp {page} au secteur", "Kestrel Relief", "avril"),
      ("RI", "", ""), ("Fait", "", "")],
     "Page {page} sur 2", "Réparer les pompes manuelles du bloc 2"),
])
def test_actions_pdf_table_rows_are_actions_and_nothing_else(scorer, tmp_path, title, header, rows, footer, found):
    """Acceptance of issue 9: from a PDF action table, no action is its header row, the running title, a page
    footer or a fragment of fewer than three words; its rows are actions."""
    from pipeline.actions.candidates import header_row
    from pipeline.actions.detect import fragment_words
    from pipeline.actions.features import MIN_WORDS
    from pipeline.actions.patterns import default_patterns
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.segment import segment
    p = default_patterns()
    data = _pdf_action_table(tmp_path / "minutes.pdf", title, header, rows, footer)
    doc = ingest(Source("minutes.pdf", data, "p1"), settings=SETTINGS)
    seg = segment(doc, settings=SETTINGS)
    texts = [" ".join(a.text.split()) for a in detect(doc, seg, scorer)]
    assert any(found in t for t in texts), texts
    assert not [t for t in texts if fragment_words(t) < MIN_WORDS or header_row(t, p) or p.page_furniture.search(t)
                or title in t or t in header], texts


@pytest.mark.parametrize("cells, owners", [
    (["Action points", "Harbour Aid and ACTED", "Draft a joint note on road access to the northern sites",
      "DRS/SE", "Send the stock tracking sheet to all partners"],
     {"Draft a joint note on road access to the northern sites": "Harbour Aid and ACTED",
      "Send the stock tracking sheet to all partners": "DRS/SE"}),
    (["Points d'action", "Harbour Aid et ACTED", "Préparer une note conjointe sur l'accès aux sites du nord",
      "DRS/SE", "Envoyer la fiche de suivi des stocks aux partenaires"],
     {"Préparer une note conjointe sur l'accès aux sites du nord": "Harbour Aid et ACTED",
      "Envoyer la fiche de suivi des stocks aux partenaires": "DRS/SE"}),
])
def test_actions_owner_cell_on_its_own_line_above_the_task(scorer, cells, owners):
    doc, seg = build([("paragraph", c) for c in cells])
    at = doc.text.index("Harbour Aid")
    mentions = [Mention(at, at + 11, "Harbour Aid", "ORG", "Harbour Aid", "org:harbour", "gazetteer")]
    items = detect(doc, seg, scorer, mentions)
    assert {a.text: a.owner for a in items} == owners
