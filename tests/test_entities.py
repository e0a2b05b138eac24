"""Entity rules on spacy.blank("en") plus patterns; a stand-in entity_ruler plays the statistical model."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import spacy

from builders import entity_nlp, entity_pairs, line_document
from pipeline.config import Settings
from pipeline.entities import load_known_entities, tag_entities
from pipeline.entities.gazetteer import load_entries
from pipeline.model import Document, MeetingHeader, Section, Segmented, entity_key

ENTRIES = [
    {"label": "PLACE", "name": "Dawei", "aliases": [], "context_aliases": []},
    {"label": "PLACE", "name": "Kayah", "aliases": ["Kayah State"], "context_aliases": ["Kayah"]},
    {"label": "PLACE", "name": "Kayin", "aliases": ["Kayin State"], "context_aliases": ["Kayin"]},
    {"label": "PLACE", "name": "Chin", "aliases": ["Chin State", "Chin state"], "context_aliases": ["Chin"]},
    {"label": "PLACE", "name": "Mon", "aliases": ["Mon State"], "context_aliases": ["Mon"]},
    {"label": "PLACE", "name": "Loikaw", "aliases": [], "context_aliases": []},
    {"label": "ORG", "name": "Mercy Corps", "aliases": [], "context_aliases": []},
    {"label": "ORG", "name": "Green Valley Trust", "acronym": "GV", "aliases": [], "context_aliases": []},
    {"label": "ORG", "name": "United Nations Population Fund", "acronym": "UNFPA", "aliases": [], "context_aliases": []},
]


def blank_nlp(model_ents: list[dict] | None = None, entries: list[dict] | None = None):
    """A blank English pipeline whose 'model' is an entity_ruler with the given (label, pattern) entries."""
    return entity_nlp(entries if entries is not None else ENTRIES, model_ents)


ents, make_doc = entity_pairs, line_document


def segmented(doc: Document, meeting: date | None = date(2023, 5, 10), sections=()) -> Segmented:
    return Segmented(doc.blocks, tuple(sections), MeetingHeader(meeting_date=meeting, language="en"))


@pytest.mark.parametrize("text,model,expected", [
    ("Food went to Loikaw last week.", [{"label": "PERSON", "pattern": "Loikaw"}], ("Loikaw", "PLACE")),
    ("Loikaw team", [{"label": "ORG", "pattern": "Loikaw"}], ("Loikaw", "PLACE")),
])
def test_entities_gazetteer_place_is_never_person(text, model, expected):
    assert expected in ents(blank_nlp(model), text)


@pytest.mark.parametrize("text,expected", [
    ("New projects in Chin State start soon.", [("Chin State", "PLACE")]),
    ("Relief in Chin for three months.", [("Chin", "PLACE")]),
    ("Seed kits went to Loikaw, Kayah, parts of Kayin and Mon last month.",
     [("Loikaw", "PLACE"), ("Kayah", "PLACE"), ("Kayin", "PLACE"), ("Mon", "PLACE")]),
])
def test_entities_ethnic_word_is_place_in_place_context(text, expected):
    got = ents(blank_nlp(), text)
    for item in expected:
        assert item in got


@pytest.mark.parametrize("text,model", [
    ("Chin people speak several languages.", [{"label": "PERSON", "pattern": "Chin"}]),
    ("The Mon language course", [{"label": "ORG", "pattern": "Mon"}]),
])
def test_entities_ethnic_word_without_place_context_is_dropped(text, model):
    assert not any(label in ("PLACE", "PERSON", "ORG") for _, label in ents(blank_nlp(model), text))


@pytest.mark.parametrize("text,tool", [
    ("Maps were made in QGIS by the team.", "QGIS"),
    ("Share it on Google Docs please.", "Google Docs"),
    ("The sheet is in Excel now.", "Excel"),
])
def test_entities_tools_are_not_org(text, tool):
    got = ents(blank_nlp([{"label": "ORG", "pattern": tool}]), text)
    assert (tool, "ORG") not in got


@pytest.mark.parametrize("text,model", [
    ("Our Data Quality Officer left.", "Data Quality Officer"),
    ("Our Data Quality Officer left.", "Data Quality"),
])
def test_entities_job_title_is_not_org(text, model):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    assert not [e for e in got if e[1] == "ORG"]


@pytest.mark.parametrize("text,model", [
    ("We thank Svetlana Korvalis for the slides.", "Svetlana Korvalis"),
    ("Joaquim & Ingrid leave on Friday.", "Joaquim & Ingrid"),
    ("Oksana & Zabdiel will cook.", "Oksana & Zabdiel"),
    ("Ask Radomir about it.", "Radomir"),
])
def test_entities_given_names_are_person_not_org(text, model):
    assert (model, "PERSON") in ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)


@pytest.mark.parametrize("text,model,label", [
    ("Land near Oswin Street sold.", "Oswin Street", "FAC"),
    ("Land near Walter Street sold.", "Walter Street", "FAC"),  # a first name and a census surname, still a street
    ("Grants from the Victoria Foundation arrived.", "Victoria Foundation", "ORG"),
])
def test_entities_streets_and_bodies_named_after_people_are_not_person(text, model, label):
    got = ents(blank_nlp([{"label": label, "pattern": model}]), text)
    assert not [e for e in got if e[1] == "PERSON"]


@pytest.mark.parametrize("text,model", [
    ("Mentors: Leontina Petrescu, and Prof Korvalis.", "Korvalis"),
    ("Welcome to Bogdan Marinescu today.", "Marinescu"),
])
def test_entities_family_name_after_given_name_or_honorific_is_person(text, model):
    assert (model, "PERSON") in ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)


@pytest.mark.parametrize("text,model", [
    ("Deputy Chair Radmila\nPetrescu\nRO", "Petrescu"),
    ("Treasurer Gunnar  Halvorsen\nTvedtmark\nNO", "Tvedtmark"),
    ("Motion to adopt. Moved by Okonkwo-Brandt, carried.", "Okonkwo-Brandt"),
])
def test_entities_name_wrapped_across_lines_is_person(text, model):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp([{"label": "ORG", "pattern": model}]), settings=Settings())
    assert [m.label for m in mentions if m.text == model] == ["PERSON"]


@pytest.mark.parametrize("text,model", [
    ("Next: Volunteer Scheduling Document review.", "Volunteer Scheduling Document"),
    ("The Weekly Reporting is done.", "Weekly Reporting"),
    ("We shipped the MVP Login Page.", "MVP Login Page"),
    ("Row: SE Y F PT", "SE Y F PT"),
    ("Moved to PRODUCTION tonight.", "PRODUCTION"),
    ("Die Erneuerung der Brücken", "Die Erneuerung der"),
    ("CLEANUP AT ROWAN PARK ON SUNDAY", "ROWAN PARK ON"),
    ("Ask the Django Jira admins.", "Django Jira"),
    ("Council received the Schedule of Works tonight.", "Schedule of Works"),
    ("A Certificate of Occupancy was issued to the owner.", "Certificate of Occupancy"),
    ("Funds for Phase III were voted.", "Phase III"),
])
def test_entities_phrases_fragments_and_products_are_not_org(text, model):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    assert not [e for e in got if e[1] == "ORG"]


@pytest.mark.parametrize("text,model", [
    ("Forms go to the Office of the Water Commissioner.", "Office of the Water Commissioner"),
    ("Hired Quillfeather Productions for the stage.", "Quillfeather Productions"),
    ("Contract with Acme Paving Inc. renewed.", "Acme Paving Inc."),
])
def test_entities_organisation_heads_keep_org(text, model):
    assert (model, "ORG") in ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)


@pytest.mark.parametrize("text", [
    "ROLL CALL: HARRIS, NGUYEN, PATEL, KOWALSKI, OKAFOR",
    "Maps made with QGIS, XGIS and paper.",
    "Doors open SATURDAY, OCTOBER 15 at noon.",
    "VENDOR REFUNDS & PAYMENTS",
])
def test_entities_capitals_that_are_not_acronyms(text):
    assert not [e for e in ents(blank_nlp(), text) if e[1] == "ORG"]


@pytest.mark.parametrize("text,short", [
    ("Post Holder ECR* Team\n*ECR: Early Career Researcher\nECR posts are open.", "ECR"),
    ("The Key Performance Metric (KPM) rose.\nKPM is up.", "KPM"),
])
def test_entities_acronym_defined_as_a_term_is_not_org(text, short):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp(), settings=Settings())
    assert not [m for m in mentions if m.text == short and m.label == "ORG"]


@pytest.mark.parametrize("text,short,long_", [
    ("The Zorvath Relay Protocol (ZRP) went live.\nZRP nodes now sync with Quellan.", "ZRP", "Zorvath Relay Protocol"),
    ("Dravik Virtual Machine (DVM) gas costs rose.\nDVM upgrades ship next.", "DVM", "Dravik Virtual Machine"),
    ("Le Protocole de Transfert Quellan (PTQ) est prêt.\nLe PTQ sera testé.", "PTQ", "Protocole de Transfert Quellan"),
    ("El Protocolo Kelvari de Alerta (PKA) funciona.\nEl PKA avisa a tiempo.", "PKA", "Protocolo Kelvari de Alerta"),
])
def test_entities_acronym_defined_as_a_technical_thing_is_not_org(text, short, long_):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp([{"label": "ORG", "pattern": long_}]), settings=Settings())
    assert not [m for m in mentions if m.label == "ORG" and m.text in (short, long_)]


@pytest.mark.parametrize("text,short,long_", [
    ("The Zorvath Protocol Working Group (ZPWG) met.\nZPWG agreed the plan.", "ZPWG", "Zorvath Protocol Working Group"),
    ("Quellan Standards Institute (QSI) joined.\nQSI will review.", "QSI", "Quellan Standards Institute"),
])
def test_entities_acronym_of_a_body_named_after_a_thing_is_org(text, short, long_):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp(), settings=Settings())
    assert {m.text for m in mentions if m.label == "ORG"} >= {short, long_}


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("text,short,org", [
    ("The QTF editor crashed twice.\nWe reopened the QTF editor after lunch.", "QTF", False),
    ("Three KRS grant winners spoke; the KRS grant rules change in May.", "KRS", False),
    ("Kessel asked for DRP server logs.", "DRP", False),
    ("The LRQX extensions are ready; the LRQX encoding follows the last draft.", "LRQX", False),
    ("Our VTMB implementation passed the VTMB tests.", "VTMB", False),
    ("The ZVN editor is slow.\nZVN agreed to fix it by Friday.", "ZVN", True),
])
def test_entities_code_only_before_a_thing_is_not_org(text, short, org, model):
    nlp = blank_nlp([{"label": "ORG", "pattern": short}] if model else None)
    assert ((short, "ORG") in ents(nlp, text)) is org


@pytest.mark.parametrize("text", ["See issue #1997 for details.", "Ordinance No. 2015 passed."])
def test_entities_numbered_items_are_not_years(text):
    assert not [e for e in ents(blank_nlp(), text) if e[1] == "DATE"]


@pytest.mark.parametrize("text,model", [
    ("Permit renewed at 1874 Quillon Avenue for one year.", "1874"),
    ("Beer permit at 2000 NW 3 Street renewed.", None),
    ("Call the depot on 4417 6208 or the desk.", "4417 6208"),
    ("A cache would speed up the 2nd run of tests.", "2nd"),
])
def test_entities_house_phone_and_counted_numbers_are_not_dates(text, model):
    got = ents(blank_nlp([{"label": "DATE", "pattern": model}] if model else None), text)
    assert not [e for e in got if e[1] == "DATE"], got


@pytest.mark.parametrize("text,model", [("Talk for 12-year-olds at school.", "12-year-olds"),
                                        ("Welcomed a final year student.", "final year student")])
def test_entities_ages_and_roles_are_not_dates(text, model):
    got = ents(blank_nlp([{"label": "DATE", "pattern": model}]), text)
    assert not [e for e in got if e[1] == "DATE"]


@pytest.mark.parametrize("text,model", [
    ("Permit for 5127 University sign.", "5127 University"),
    ("Paving on Tregarth Avenue approved.", "Tregarth Avenue"),
    ("Land near Oswin Street sold.", "Oswin Street"),
    ("Smith Holdings, Inc. paid.", "Inc."),
    ("At 10:47:05 the call began.", "10:47:05"),
])
def test_entities_addresses_streets_and_legal_forms_alone_are_not_org(text, model):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    assert not [e for e in got if e[1] == "ORG"]


@pytest.mark.parametrize("text,model,expected", [
    ("Agenda of the Riverside Anglers’ Club meeting", "Riverside Anglers’",
     "Riverside Anglers’ Club"),
])
def test_entities_model_org_extends_to_its_head(text, model, expected):
    assert (expected, "ORG") in ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)


@pytest.mark.parametrize("text,expected", [
    ("Support to MoE and MoHS on planning.", [("MoE", "ORG"), ("MoHS", "ORG")]),
    ("Signed the MoU last week.", []),
    ("Notes from the Coastal WG call.", [("Coastal WG", "ORG")]),
])
def test_entities_ministry_and_working_group_short_forms(text, expected):
    assert [e for e in ents(blank_nlp(), text) if e[1] == "ORG"] == expected


@pytest.mark.parametrize("text,expected", [
    ("Languages: PHP, Python and Java for the backend.", False),
    ("Flooding hit towns across Java and Bali.", True),
])
def test_entities_place_named_like_a_product_needs_place_context(text, expected):
    entries = ENTRIES + [{"label": "PLACE", "name": "Java", "aliases": [], "context_aliases": []},
                         {"label": "PLACE", "name": "Bali", "aliases": [], "context_aliases": []}]
    assert (("Java", "PLACE") in ents(blank_nlp(entries=entries), text)) is expected


@pytest.mark.parametrize("text,place", [("Presentes: Lucía Loikaw Pereda, Tomás Ibarra", "Loikaw")])
def test_entities_place_inside_full_name_is_not_place(text, place):
    assert (place, "PLACE") not in ents(blank_nlp(), text)


@pytest.mark.parametrize("text,short", [
    ("Each author drafts an XRP. The XRP list grows.", "XRP"),
    ("Le client veut un KRX du fournisseur. KRX en test.", "KRX"),
])
def test_entities_acronym_counted_like_a_thing_is_not_org(text, short):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp(), settings=Settings())
    assert not [m for m in mentions if m.text == short and m.label == "ORG"]


@pytest.mark.parametrize("text,short", [("The TRUST Association hosted us.\nFunding rules of TRUST apply.", "TRUST")])
def test_entities_acronym_of_a_named_body_is_org_everywhere(text, short):
    doc = make_doc(text)
    model = blank_nlp([{"label": "ORG", "pattern": f"{short} Association"}])
    mentions = tag_entities(doc, segmented(doc), nlp=model, settings=Settings())
    assert [m.label for m in mentions if m.text == short] == ["ORG"]
    assert all(doc.text[m.start_char:m.end_char] == m.text for m in mentions)


@pytest.mark.parametrize("text,model,expected", [
    ("Partners: Helvetas, Mercy Corps Myanmar joined.", "Helvetas, Mercy Corps Myanmar",
     [("Helvetas", "ORG"), ("Mercy Corps Myanmar", "ORG")]),
])
def test_entities_org_list_is_split_on_commas(text, model, expected):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    assert got == expected


@pytest.mark.parametrize("text,model", [("Training held in Mon by partners.", "Mon")])
def test_entities_date_inside_place_is_dropped(text, model):
    got = ents(blank_nlp([{"label": "DATE", "pattern": model}]), text)
    assert ("Mon", "PLACE") in got and not [e for e in got if e[1] == "DATE"]


@pytest.mark.parametrize("text,expected", [
    ("We meet next week.", ("next week", "DATE")),
    ("Dates: July/August", ("July/August", "DATE")),
    ("Deadline is 3rd week of November", ("3rd week of November", "DATE")),
    ("Report due in Q3 2024", ("Q3 2024", "DATE")),
    ("Closing by end of March", ("end of March", "DATE")),
    ("Filed on 23/11/2019.", ("23/11/2019", "DATE")),
    ("Seen 2022-07-04 too", ("2022-07-04", "DATE")),
    ("Training 14th Nov to 16th Nov in town.", ("14th Nov to 16th Nov", "DATE")),
    ("Sesión el jueves 9 de marzo", ("jueves 9 de marzo", "DATE")),
])
def test_entities_rule_dates(text, expected):
    assert expected in ents(blank_nlp(), text)


@pytest.mark.parametrize("text,model,label", [
    ("It ran for 5 weeks in total.", "5 weeks", "TIME"),
    ("We report monthly to donors.", "monthly", "TIME"),
])
def test_entities_durations_are_time(text, model, label):
    got = ents(blank_nlp([{"label": "DATE", "pattern": model}]), text)
    assert (model, label) in got


@pytest.mark.parametrize("text,expected", [
    ("Funding from the KDRN and the Health Cluster.", [("KDRN", "ORG"), ("Health Cluster", "ORG")]),
    ("The Ministry of Health will reply.", [("Ministry of Health", "ORG")]),
    ("TBD: the API and the MVP.", []),
])
def test_entities_org_rules(text, expected):
    assert [e for e in ents(blank_nlp(), text) if e[1] == "ORG"] == expected


@pytest.mark.parametrize("text,short,long_", [
    ("Blue River Alliance (BRA) opened an office.\nLater BRA hired staff.", "BRA", "Blue River Alliance"),
    ("BRA (Blue River Alliance) opened an office.\nLater BRA hired staff.", "BRA", "Blue River Alliance"),
])
def test_entities_acronym_definition_links_both_forms(text, short, long_):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp(), settings=Settings())
    shorts = [m for m in mentions if m.text == short]
    longs = [m for m in mentions if m.text == long_]
    assert len(shorts) == 2 and longs
    assert {m.entity_id for m in shorts + longs} == {entity_key("ORG", long_)}
    assert all(doc.text[m.start_char:m.end_char] == m.text for m in mentions)


@pytest.mark.parametrize("text,expect_short", [
    ("Green Valley Trust met us. GV will report.", True),
    ("GV will report.", False),
])
def test_entities_short_form_needs_its_long_form(text, expect_short):
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=blank_nlp(), settings=Settings())
    short = [m for m in mentions if m.text == "GV"]
    assert bool(short) is expect_short
    if short:
        assert short[0].norm == "Green Valley Trust"


@pytest.mark.parametrize("text,phrase,start,end,gran", [
    ("Next meeting: next week.", "next week", date(2023, 5, 15), date(2023, 5, 21), "week"),
    ("Survey in July/August.", "July/August", date(2023, 7, 1), date(2023, 8, 31), "month"),
    ("Training 14th Nov to 16th Nov in town.", "14th Nov to 16th Nov", date(2023, 11, 14), date(2023, 11, 16), "day"),
])
def test_entities_dates_resolved_against_meeting_date(text, phrase, start, end, gran):
    nlp = blank_nlp([{"label": "DATE", "pattern": phrase}])
    doc = make_doc(text)
    mentions = tag_entities(doc, segmented(doc), nlp=nlp, settings=Settings())
    m = next(m for m in mentions if m.label == "DATE")
    assert (m.text, m.date_start, m.date_end, m.granularity) == (phrase, start, end, gran)


@pytest.mark.parametrize("text", ["Intro\nMercy Corps works in Loikaw."])
def test_entities_section_is_innermost(text):
    doc = make_doc(text)
    sections = [Section(0, 1, "Intro", "agenda_item", 0, len(text), text),
                Section(1, 2, "Sub", "sub_topic", 6, len(text), text[6:], parent_ordinal=0)]
    mentions = tag_entities(doc, segmented(doc, sections=sections), nlp=blank_nlp(), settings=Settings())
    assert {m.text: m.section_ordinal for m in mentions} == {"Mercy Corps": 1, "Loikaw": 1}


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_entities_user_gazetteer_extends_without_code(tmp_path: Path, suffix):
    if suffix == "csv":
        (tmp_path / "orgs.csv").write_text("name,label,acronym,aliases,iati_id\nLotus Aid Network,ORG,LAN2,Lotus Aid;LAN Network,XX-TEST-1\n")
    else:
        (tmp_path / "orgs.jsonl").write_text(json.dumps({"name": "Lotus Aid Network", "label": "ORG", "acronym": "LAN2",
                                                         "aliases": ["Lotus Aid"], "iati_id": "XX-TEST-1"}) + "\n")
    entries = load_entries(tmp_path)
    nlp = blank_nlp(entries=entries)
    assert ("Lotus Aid", "ORG") in ents(nlp, "Lotus Aid joined.")
    known = load_known_entities(tmp_path)
    assert known[entity_key("ORG", "Lotus Aid Network")].iati_id == "XX-TEST-1"


@pytest.mark.parametrize("eid,field,value", [
    ("place:kachin", "pcode", "MMR001"),
    ("org:united-nations-development-programme", "iati_id", "XM-DAC-41114"),
    ("place:myanmar", "iso_code", "MM"),
])
def test_entities_known_entities_carry_codes(eid, field, value):
    assert getattr(load_known_entities()[eid], field) == value


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    ("UNICEF and the Norwegian Refugee Council (NRC) met in Yangon on 3 March 2023. NRC will follow up next week.",
     {("UNICEF", "ORG"), ("Norwegian Refugee Council", "ORG"), ("NRC", "ORG"), ("Yangon", "PLACE"),
      ("3 March 2023", "DATE"), ("next week", "DATE")}),
])
def test_entities_real_model(text, expected):
    """The trained model with the gazetteers tags a plain sentence's bodies, places and dates (how long the build
    takes is the bench's business: add_one_overhead_s, not a timed test)."""
    from pipeline.entities import build_nlp

    nlp = build_nlp(Settings())
    doc = make_doc(text)
    got = {(m.text, m.label) for m in tag_entities(doc, segmented(doc), nlp=nlp, settings=Settings())}
    assert expected <= got


@pytest.mark.parametrize("repeats", [3])
def test_entities_repeated_blocks_are_tagged_once(repeats):
    """A block repeated in a document (or in the next one) goes through the pipeline once, with the same mentions."""
    from spacy.language import Language

    seen: list[str] = []

    @Language.component("count_docs_for_test")
    def count_docs(doc):
        seen.append(doc.text)
        return doc

    nlp = blank_nlp([{"label": "ORG", "pattern": "Mercy Corps"}])
    nlp.add_pipe("count_docs_for_test", first=True)
    text = "\n".join(["Mercy Corps will visit Loikaw."] * repeats + ["Green Valley Trust joined."])
    doc = make_doc(text)
    first = tag_entities(doc, segmented(doc), nlp=nlp, settings=Settings())
    again = tag_entities(doc, segmented(doc), nlp=nlp, settings=Settings())
    assert seen == ["Mercy Corps will visit Loikaw.", "Green Valley Trust joined."]
    assert first == again
    visits = [m for m in first if m.text == "Mercy Corps"]
    assert [doc.text[m.start_char:m.end_char] for m in visits] == ["Mercy Corps"] * repeats
    assert len({m.start_char for m in visits}) == repeats


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_entities_stop_words_read_without_the_language_package(lang):
    """The stop words are spaCy's own, read without importing spacy.lang.fr (seconds of tokenizer exceptions)."""
    import importlib
    import subprocess
    import sys

    from pipeline.entities.tag import _spacy_stop_words

    assert _spacy_stop_words(lang) == set(importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
    code = ("import sys; from pipeline.entities.tag import _stop_words; assert 'une' in _stop_words(); "
            "print('spacy.lang.fr' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text,expected", [
    ("FIELD OFFICE LOIKAW - MONTHLY MEETING", ("LOIKAW", "PLACE")),
    ("Venue: DAWEI town hall", ("DAWEI", "PLACE")),
])
def test_entities_place_in_capitals_is_place(text, expected):
    assert expected in ents(blank_nlp(), text)


@pytest.mark.parametrize("text", ["Present: MARIA DAWEI, TOMAS LOIKAW", "Apologies: DAWEI JOHN"])
def test_entities_place_in_capitals_beside_a_name_is_not_place(text):
    assert not [e for e in ents(blank_nlp(), text) if e[1] == "PLACE"]


@pytest.mark.parametrize("name,expected", [("Loikaw", "LOIKAW"), ("South Kessa", "SOUTH KESSA"), ("Chin", ""),
                                           ("Tank", ""), ("Reunion", ""), ("Douglas", "")])
def test_entities_capitals_form_of_place_names(name, expected):
    from pipeline.entities.gazetteer import capitals_form

    assert capitals_form(name) == expected


@pytest.mark.parametrize("text,expected", [
    ("SECTOR MEETING Monday 4 March 2019, 3:00 PM MINISTRY OF WATER AND SANITATION, HALL B",
     "MINISTRY OF WATER AND SANITATION"),
    ("Report sent to the OFFICE OF THE TOWN CLERK today.", "OFFICE OF THE TOWN CLERK"),
    ("BOARD OF HEALTH", "BOARD OF HEALTH"),
    ("Referred to the PARKS DEPARTMENT FOR REVIEW.", "PARKS DEPARTMENT"),
])
def test_entities_capitals_name_led_by_its_head(text, expected):
    got = ents(blank_nlp(), text)
    assert (expected, "ORG") in got and not [e for e in got if e[1] == "ORG" and e[0] != expected], got


@pytest.mark.parametrize("text", ["TREASURER COMMUNICATIONS", "TOWN CLERK COMMUNICATIONS"])
def test_entities_capitals_heading_of_a_role_is_not_org(text):
    assert not [e for e in ents(blank_nlp(), text) if e[1] == "ORG"]


@pytest.mark.parametrize("text,name,model", [
    ("Cases rose in Valle de Dawei last month.", "Valle de Dawei", "PERSON"),
    ("Kits reached Puerto Loikaw and Dawei.", "Puerto Loikaw", "ORG"),
])
def test_entities_known_place_of_the_model_span_extent_wins(text, name, model):
    entries = [*ENTRIES, {"label": "PLACE", "name": name, "aliases": [], "context_aliases": []}]
    got = ents(blank_nlp([{"label": model, "pattern": name}], entries=entries), text)
    assert (name, "PLACE") in got, got


@pytest.mark.parametrize("text,model,expected", [
    ("Tomasz Wren, Quillon Labs, raised the issue.", "Quillon Labs", "ORG"),
    ("Interop with Ardent Networks passed.", "Ardent Networks", "ORG"),
    ("Thanks to Emma Lodge for the notes.", "Emma Lodge", "PERSON"),  # Lodge is a family name too
])
def test_entities_person_span_ending_in_a_body_head_is_org(text, model, expected):
    assert (model, expected) in ents(blank_nlp([{"label": "PERSON", "pattern": model}]), text)


@pytest.mark.parametrize("text,code", [
    ("The TLV encoding and the NETCONF binding need review.", "TLV"),
    ("Publish it as a BCP after WGLC closes.", "WGLC"),
    ("Ward round: BNP and HbA1c were repeated, COPD notes updated.", "COPD"),
])
def test_entities_protocol_and_medical_abbreviations_are_not_org(text, code):
    assert (code, "ORG") not in ents(blank_nlp(), text)
