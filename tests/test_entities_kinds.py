"""Entity kinds that failed on minutes from elsewhere, each on an invented document.

A blank English pipeline with the shipped rule patterns; an entity_ruler plays the statistical model.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import entity_nlp, entity_pairs, line_document
from pipeline.config import Settings
from pipeline.entities import tag_entities
from pipeline.entities.gazetteer import GAZETTEER_DIR, catalog, read_entries
from pipeline.entities.words import load_words
from pipeline.model import MeetingHeader, Participant, Segmented, entity_key

ENTRIES = [
    {"label": "ORG", "name": "Northwind Aid", "aliases": [], "context_aliases": []},
    {"label": "ORG", "name": "Food and Agriculture Organization", "acronym": "FAO", "aliases": [], "context_aliases": []},
    {"label": "PLACE", "name": "Lakeport", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD", "iso_code": "FD"},
    {"label": "PLACE", "name": "Kyaukme", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD", "iso_code": "FD"},
    {"label": "PLACE", "name": "Freedonia", "aliases": [], "context_aliases": [], "kind": "country", "country": "FD", "iso_code": "FD"},
    {"label": "PLACE", "name": "Sylvania", "aliases": [], "context_aliases": [], "kind": "country", "country": "SV", "iso_code": "SV"},
    {"label": "PLACE", "name": "South-West", "aliases": [], "context_aliases": [], "kind": "subdivision", "country": "FD", "iso_code": "FD-SW"},
    {"label": "PLACE", "name": "South-West", "aliases": [], "context_aliases": [], "kind": "subdivision", "country": "GR", "iso_code": "GR-SW"},
    {"label": "PLACE", "name": "Grandland", "aliases": [], "context_aliases": [], "kind": "country", "country": "GR", "iso_code": "GR"},
]


def blank_nlp(model_ents: list[dict] | None = None, entries: list[dict] | None = None):
    """A blank English pipeline whose 'model' is an entity_ruler with the given (label, pattern) entries."""
    return entity_nlp(entries if entries is not None else ENTRIES, model_ents)


ents, make_doc = entity_pairs, line_document


def tag(text: str, model_ents: list[dict] | None = None, participants=(), language="en"):
    doc = make_doc(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language=language), tuple(participants))
    return tag_entities(doc, seg, nlp=blank_nlp(model_ents), settings=Settings())


@pytest.mark.parametrize("text,model,expected", [
    ("Stock is held at Northwind Aid Lakeport until May.", "Northwind Aid Lakeport", [("Northwind Aid", "ORG"), ("Lakeport", "PLACE")]),
    ("Staff from Lakeport-Northwind Aid joined.", "Lakeport-Northwind Aid", [("Lakeport", "PLACE"), ("Northwind Aid", "ORG")]),
])
def test_entities_org_and_its_town_are_two_names(text, model, expected):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    for item in expected:
        assert item in got
    assert (model, "ORG") not in got


@pytest.mark.parametrize("text,expected", [
    ("The Shelter Cluster Freedonia met on Monday.", "Shelter Cluster Freedonia"),
    ("Minutes of the Protection Working Group Sylvania", "Protection Working Group Sylvania"),
])
def test_entities_cluster_with_its_country_is_one_org(text, expected):
    assert (expected, "ORG") in ents(blank_nlp(), text)


@pytest.mark.parametrize("text,expected", [
    ("Shelter Cluster Lakeport hub", ("Lakeport", "PLACE")),  # a town is the hub's location, not the name
])
def test_entities_cluster_with_a_town_stays_apart(text, expected):
    assert expected in ents(blank_nlp(), text)


@pytest.mark.parametrize("text,model", [
    ("New arrivals in Tong Pauk (Mong Sai township) last week.", "Mong Sai"),
    ("No issue was reported from Kalidar camp.", "Kalidar"),
    ("Evictions were reported in the Telmassa neighbourhoods.", "Telmassa"),
    ("Water is still standing in Korvindu and Baliwal talukas.", "Baliwal"),
])
def test_entities_name_before_a_designator_is_a_place(text, model):
    assert (model, "PLACE") in ents(blank_nlp([{"label": "PERSON", "pattern": model}]), text)


@pytest.mark.parametrize("text,orgs", [("Kits came from INTERSOS and Muslim Aid; Medair and BRAC joined.",
                                          ["INTERSOS", "Muslim Aid", "Medair", "BRAC"])])
def test_entities_shipped_list_knows_humanitarian_agencies(text, orgs):
    nlp = blank_nlp(entries=read_entries(GAZETTEER_DIR / "organisations.jsonl"))
    got = ents(nlp, text)
    assert all((o, "ORG") in got for o in orgs), got


@pytest.mark.parametrize("text,short", [("The grant report goes to the EU in May.", "EU"),
                                        ("A UN team visited.", "UN")])
def test_entities_well_known_short_acronym_needs_no_long_form(text, short):
    nlp = blank_nlp(entries=read_entries(GAZETTEER_DIR / "organisations.jsonl"))
    assert (short, "ORG") in ents(nlp, text)


@pytest.mark.parametrize("text,expected", [
    ("Figures for Lakeport/Kwandoro were shared.", ("Kwandoro", "PLACE")),
    ("Sites: Lakeport, Kwandoro and Ubenzi.", ("Ubenzi", "PLACE")),
])
def test_entities_items_listed_with_a_place_are_places(text, expected):
    assert expected in ents(blank_nlp(), text)


@pytest.mark.parametrize("text", [
    "We met in Lakeport, Saturday was busy.",
    "Lakeport, Adam said, was fine.",
])
def test_entities_place_list_stops_at_words_and_names(text):
    assert [e for e in ents(blank_nlp(), text) if e[1] == "PLACE"] == [("Lakeport", "PLACE")]


@pytest.mark.parametrize("text", [
    "See RFC7231 and EIP1559 before the vote.",
    "PR112 and CT2545 are merged.",
    "Columns OBJ and NUM hold the codes.",
    "ICU and OPD admissions rose; MUAC screening continues.",
])
def test_entities_technical_codes_are_not_org(text):
    assert not [e for e in ents(blank_nlp(), text) if e[1] == "ORG"]


@pytest.mark.parametrize("text,expected", [
    ("SUMMARY OF RIVERTON CITY COUNCIL MEETING", "RIVERTON CITY COUNCIL"),
    ("Licence renewal: HOLLOWAY PUB, 12 Main St", "HOLLOWAY PUB"),
])
def test_entities_capitals_name_with_a_head_is_one_org(text, expected):
    assert (expected, "ORG") in ents(blank_nlp(), text)


@pytest.mark.parametrize("text", ["Licence renewal: DUDS N SUDS, 4 Elm St"])
def test_entities_capitals_name_is_not_split_into_acronyms(text):
    got = ents(blank_nlp(), text)
    assert ("DUDS", "ORG") not in got and ("SUDS", "ORG") not in got


@pytest.mark.parametrize("text,model,expected", [
    ("Helpwell), Amara Obi and others", "Helpwell), Amara Obi", "Helpwell"),
    ("Item F) Brightwater Corporation contract", "F) Brightwater Corporation", "Brightwater Corporation"),
])
def test_entities_bracket_cuts_a_model_span(text, model, expected):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    assert (expected, "ORG") in got
    assert not any(")" in t for t, _ in got)


@pytest.mark.parametrize("text,orgs,not_orgs", [
    ("Present\n* Dana Ruiz (Quillfeather, Chair)\n* Tomas Ek (Brightlake Labs)", {"Quillfeather", "Brightlake Labs"}, {"Chair"}),
    # meeting roles beside a name are no bodies
    ("Present\n* Dana Ruiz (Quillfeather, Session Host)\n* Tomas Ek (Guest Speaker)", {"Quillfeather"},
     {"Session Host", "Guest Speaker"}),
])
def test_entities_affiliations_in_attendance_lists_are_orgs(text, orgs, not_orgs):
    got = {m.text for m in tag(text) if m.label == "ORG"}
    assert orgs <= got and not (not_orgs & got)


@pytest.mark.parametrize("org", ["Vantor Analytics"])
def test_entities_participant_organisation_is_an_org(org):
    text = f"Attendance\nMira Holt, {org}"
    start = text.index("Mira")
    part = Participant(0, "Mira Holt", "person", start, len(text), text[start:], organisation=org)
    assert any(m.label == "ORG" and m.text == org for m in tag(text, participants=[part]))


@pytest.mark.parametrize("text,variant", [
    ("The WASH meeting in Kyaukme discussed water. Kyaukmay partners reported.", "Kyaukmay"),
])
def test_entities_spelling_variant_of_a_place_is_that_place(text, variant):
    found = [m for m in tag(text, [{"label": "PERSON", "pattern": variant}]) if m.text == variant]
    assert found and found[0].label == "PLACE" and found[0].entity_id == entity_key("PLACE", "Kyaukme")


@pytest.mark.parametrize("text,expected_id", [
    ("Freedonia update: partners in South-West reported.", "place:south-west"),
    ("Grandland update: partners in South-West reported.", "place:south-west@gr"),
    ("Sylvania update: partners in South-West reported.", "place:south-west@sv"),
])
def test_entities_place_takes_the_document_country(text, expected_id):
    sw = [m for m in tag(text) if m.text == "South-West"]
    assert sw and sw[0].entity_id == expected_id


@pytest.mark.parametrize("text,expected_id", [
    ("Partners in Rivermouth and Port Hollis reported; the South-West hub opened.", "place:south-west@gr"),
    ("Partners in Rivermouth reported; the South-West hub opened.", "place:south-west"),
])
def test_entities_place_takes_the_country_of_two_known_places(text, expected_id):
    towns = [{"label": "PLACE", "name": n, "aliases": [], "context_aliases": [], "kind": "city", "country": "GR"}
             for n in ("Rivermouth", "Port Hollis")]
    doc = make_doc(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    got = tag_entities(doc, seg, nlp=blank_nlp(None, ENTRIES + towns), settings=Settings())
    sw = [m for m in got if m.text == "South-West"]
    assert sw and sw[0].entity_id == expected_id


@pytest.mark.parametrize("text", ["Partners in Rivermouth and Port Hollis met a team from Lakeport."])
def test_entities_foreign_city_keeps_its_country_in_minutes_that_name_none(text):
    towns = [{"label": "PLACE", "name": n, "aliases": [], "context_aliases": [], "kind": "city", "country": "GR"}
             for n in ("Rivermouth", "Port Hollis")]
    doc = make_doc(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    got = tag_entities(doc, seg, nlp=blank_nlp(None, ENTRIES + towns), settings=Settings())
    assert [m.entity_id for m in got if m.text == "Lakeport"] == ["place:lakeport"]


@pytest.mark.parametrize("eid,iso", [("place:south-west", "FD-SW"), ("place:south-west@gr", "GR-SW")])
def test_entities_catalog_keeps_codes_per_country(eid, iso):
    assert catalog(ENTRIES)[eid].iso_code == iso


@pytest.mark.parametrize("text", ["The FSC Coordinator (FAO) presented the plan; FAO will share it."])
def test_entities_role_does_not_swallow_an_acronym(text):
    fao = [m for m in tag(text) if m.text == "FAO"]
    assert fao and all(m.entity_id == entity_key("ORG", "Food and Agriculture Organization") for m in fao)


@pytest.mark.parametrize("names,canonical", [
    (["UNHCR", "HCR", "ACNUR"], "United Nations High Commissioner for Refugees"),
    (["IOM", "OIM"], "International Organization for Migration"),
    (["WFP", "PAM", "PMA"], "World Food Programme"),
])
def test_entities_one_org_in_three_languages(names, canonical):
    entries = read_entries(GAZETTEER_DIR / "organisations.jsonl")
    nlp = blank_nlp(entries=entries)
    ids = {e.id_ for name in names for e in nlp(f"Partners: {name} and others.").ents if e.text == name}
    assert ids == {entity_key("ORG", canonical)}
    assert catalog(entries)[entity_key("ORG", canonical)].iati_id


@pytest.mark.parametrize("cell", ["fr:HCR;es:ACNUR"])
def test_entities_user_csv_aliases_by_language(tmp_path, cell):
    (tmp_path / "organisations_mine.csv").write_text(f"name,aliases_by_language\nRefugee Office,{cell}\n", encoding="utf-8")
    entry = read_entries(tmp_path / "organisations_mine.csv")[0]
    assert {"HCR", "ACNUR"} <= set(entry["aliases"])


@pytest.mark.parametrize("lang,head", [("sw", "shirika")])
def test_entities_words_a_language_is_a_data_edit(tmp_path, lang, head):
    for name in ("org_words.json", "person_words.json", "place_context.json"):
        raw = json.loads((GAZETTEER_DIR / name).read_text(encoding="utf-8"))
        if name == "org_words.json":
            raw[lang] = {"heads": [head], "lone_forms": [], "lead_links": ["la"], "coordination_bodies": [], "code_shapes": [],
                         "indefinites": ["moja"]}
        (tmp_path / name).write_text(json.dumps(raw), encoding="utf-8")
    words = load_words(Path(tmp_path))
    assert head in words.org_heads and "cluster" in words.org_heads and "la" in words.lead_links
    assert {"moja", "une", "an"} <= set(words.indefinites.split("|"))


@pytest.mark.slow
@pytest.mark.parametrize("text,found,places", [
    # Tillia and Tassara are Niger's towns in the local list: the document is about Niger, and they are places
    ("Les agents de l'Association Tamakrast ont distribué des kits à Tillia et à Tassara.",
     {("Association Tamakrast", "ORG")}, {("Tillia", "PLACE"), ("Tassara", "PLACE")}),
])
def test_entities_french_minutes_get_french_ner(text, found, places):
    from pipeline.entities.nlp import build_nlp

    nlp = build_nlp(Settings())
    tagged = tag_fr(text, nlp)
    french = {(m.text, m.label) for m in tagged if m.source == "model"}
    english = {(m.text, m.label) for m in tag_fr(text, nlp, language="en") if m.source == "model"}
    assert found <= french and places <= {(m.text, m.label) for m in tagged}
    assert not (found & english)  # the English model reads them otherwise: the French one found them


@pytest.mark.slow
@pytest.mark.parametrize("text,absent,kept", [
    ("Réunion de coordination des partenaires à Kaya, Burkina Faso.", ("Réunion", "PLACE"), ("Kaya", "PLACE")),
    ("Compte rendu de la Réunion du groupe, Mali.", ("Réunion", "PLACE"), ("Mali", "PLACE")),
])
def test_entities_french_everyday_noun_is_no_listed_place(text, absent, kept):
    from pipeline.entities.nlp import build_nlp

    got = {(m.text, m.label) for m in tag_fr(text, build_nlp(Settings()))}
    assert absent not in got and kept in got


def tag_fr(text: str, nlp, language: str = "fr"):
    doc = make_doc(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language=language))
    return tag_entities(doc, seg, nlp=nlp, settings=Settings())


STATES = [{"label": "PLACE", "name": "North Carolina", "aliases": [], "context_aliases": [], "kind": "subdivision",
           "country": "US", "iso_code": "US-NC"},
          {"label": "PLACE", "name": "Rhode Island", "aliases": [], "context_aliases": [], "kind": "subdivision",
           "country": "US", "iso_code": "US-RI"}]


@pytest.mark.parametrize("text,model,expected", [
    ("The office in Lakeport, NC opens.", None, [("Lakeport", "PLACE"), ("NC", "PLACE")]),
    ("Staff in Harwick, NC met.", "Harwick", [("Harwick", "PLACE"), ("NC", "PLACE")]),  # a town named like a person
])
def test_entities_state_code_after_a_town_is_a_place(text, model, expected):
    nlp = blank_nlp([{"label": "PERSON", "pattern": model}] if model else None, ENTRIES + STATES)
    got = ents(nlp, text)
    for item in expected:
        assert item in got


TOWNS = {("US", "NC"): frozenset({"Birch Hollow", "Quarry Gap"}), ("US", "RI"): frozenset({"Tillet"})}


@pytest.mark.parametrize("text,model,expected,absent", [
    ("Held at the library of Birch Hollow, NC on Monday.", None, [("Birch Hollow", "PLACE"), ("NC", "PLACE")], []),
    ("Residents of Quarry Gap, North Carolina spoke.", "Quarry Gap", [("Quarry Gap", "PLACE")], [("Quarry Gap", "PERSON")]),
    ("Ship it to Tillet RI 02801 by Friday.", None, [("Tillet", "PLACE"), ("RI", "PLACE")], []),
    # the state is the evidence: a name listed under another state, or under none, stays what it was
    ("Held at the library of Birch Hollow, RI on Monday.", None, [], [("Birch Hollow", "PLACE")]),
    ("Next, NC will vote.", None, [], [("Next", "PLACE")]),
    ("Offices in Maple-Quarry Gap, NC closed.", None, [], [("Quarry Gap", "PLACE")]),  # the end of a longer name
])
def test_entities_town_before_its_state_is_a_place(text, model, expected, absent):
    nlp = blank_nlp([{"label": "PERSON", "pattern": model}] if model else None, ENTRIES + STATES)
    nlp.get_pipe("minutes_entity_resolver").state_towns = TOWNS
    got = ents(nlp, text)
    for item in expected:
        assert item in got
    for item in absent:
        assert item not in got


@pytest.mark.parametrize("town,state", [("Mystic", "CT"), ("Cedar Falls", "IA")])
def test_entities_state_towns_list_holds_towns_the_world_list_leaves_out(town, state):
    from pipeline.entities.gazetteer import load_state_towns

    towns = load_state_towns()
    assert town in towns[("US", state)] and town not in towns[("US", "AK")]


@pytest.mark.parametrize("text", ["Kits are in the Lakeport RI warehouse."])
def test_entities_state_code_needs_a_comma_or_a_line_end(text):
    assert ("RI", "PLACE") not in ents(blank_nlp(None, ENTRIES + STATES), text)


@pytest.mark.parametrize("text,expected,absent", [
    ("Ask the Harbour Outreach committee first.", ("Harbour Outreach committee", "ORG"), None),
    ("Kenji from the Tessel team will check.", ("Tessel team", "ORG"), ("Tessel", "PERSON")),
    # a known body's own staff, one acronym or one everyday word before the body word: no name of its own
    ("The Northwind Aid team visited.", ("Northwind Aid", "ORG"), ("Northwind Aid team", "ORG")),
    ("The KRX team visited.", None, ("KRX team", "ORG")),
    ("Staff of the Lakeport team met.", ("Lakeport", "PLACE"), ("Lakeport team", "ORG")),
    ("The Age group was counted; each group reported.", None, ("Age group", "ORG")),
])
def test_entities_body_word_in_lower_case_after_a_name(text, expected, absent):
    got = ents(blank_nlp([{"label": "PERSON", "pattern": "Tessel"}]), text)
    if expected:
        assert expected in got
    if absent:
        assert absent not in got


@pytest.mark.parametrize("text,expected", [
    ("Updates from Northwind aid and the FAO team.", ("Northwind aid", "ORG")),
    ("The Food and agriculture organization reported.", ("Food and agriculture organization", "ORG")),
])
def test_entities_known_body_written_with_its_first_capital_only(text, expected):
    got = ents(blank_nlp(), text)
    assert expected in got
    nlp = blank_nlp()
    ids = {e.id_ for e in nlp(text).ents if e.text == expected[0]}
    assert ids == {entity_key("ORG", expected[0].title().replace(" And ", " and "))}


@pytest.mark.parametrize("name,variant", [("Northwind Aid", "Northwind aid"), ("UN Women", ""), ("Oxfam", ""),
                                          ("Office of the UN Envoy", "Office of the UN envoy")])
def test_entities_first_capital_only_variant(name, variant):
    from pipeline.entities.gazetteer import first_capital_only

    assert first_capital_only(name) == variant


@pytest.mark.parametrize("text,codes,kept", [
    ("Call notes\n- KLM: we ship next week\n- BXN: agreed, KLM checks\n- PWV: the QZX build is out", {"KLM", "BXN", "PWV"}, {"QZX"}),
    # agencies reporting in turn: a known body among the labels keeps the others organisations
    ("Updates\nFAO: kits sent\nKRX: figures shared\nTMV: new arrivals", set(), {"FAO", "KRX", "TMV"}),
    ("Notes\n- KLM: we ship next week\n- BXN: agreed", set(), {"KLM", "BXN"}),  # two codes: too few to tell
])
def test_entities_speaker_codes_are_initials_not_organisations(text, codes, kept):
    orgs = {m.text for m in tag(text) if m.label == "ORG"}
    assert not codes & orgs and kept <= orgs


@pytest.mark.parametrize("text,short,name", [("Arrivals in DIK and Kohat.", "DIK", "Dera Ismail Khan"),
                                             ("Teams in D.G. Khan met.", "D.G. Khan", "Dera Ghazi Khan"),
                                             ("IDPs in Swat were counted.", "Swat", "Swat"),
                                             ("Camps in DIK/Tank are full.", "Tank", "Tank"),
                                             ("Water trucking in Tank started.", "Tank", "Tank")])
def test_entities_curated_district_short_forms(text, short, name):
    nlp = blank_nlp(entries=read_entries(GAZETTEER_DIR / "places_curated.jsonl"))
    assert {e.id_ for e in nlp(text).ents if e.text == short} == {entity_key("PLACE", name)}


@pytest.mark.parametrize("text", ["The Swat unit met.", "They swat flies.", "Tank cleaning is due."])
def test_entities_curated_word_place_needs_context(text):
    nlp = blank_nlp(entries=read_entries(GAZETTEER_DIR / "places_curated.jsonl"))
    assert not [e for e in nlp(text).ents if e.label_ == "PLACE"]


@pytest.mark.parametrize("text,town,expected", [
    ("Observers: Marisol Quintero\nMarisol: this is my first week.", "Marisol", "PERSON"),
    ("Teams went to Marisol last week.", "Marisol", "PLACE"),  # no person of that first name in the document
    ("Observers: Marisa Quintero\nMarisa: this is my first week.", "Marisa", "PLACE"),  # a country stays
])
def test_entities_town_named_like_a_person_of_the_document(text, town, expected):
    towns = [{"label": "PLACE", "name": "Marisol", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD"},
             {"label": "PLACE", "name": "Marisa", "aliases": [], "context_aliases": [], "kind": "country", "country": "MQ",
              "iso_code": "MQ"}]
    doc = make_doc(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    model = [{"label": "PERSON", "pattern": [{"TEXT": town}, {"TEXT": "Quintero"}]}]
    got = tag_entities(doc, seg, nlp=blank_nlp(model, ENTRIES + towns), settings=Settings())
    lone = [m.label for m in got if m.text == town]
    assert lone and set(lone) == {expected}


@pytest.mark.parametrize("text,word", [("Motion to DENY the permit.", "DENY"), ("Use the RAG status.", "RAG")])
def test_entities_capitalised_dictionary_word_is_not_org(text, word):
    assert (word, "ORG") not in ents(blank_nlp([{"label": "ORG", "pattern": word}]), text)


@pytest.mark.parametrize("text", ["Counsel: Barnes & Quill, LLP and Orr, PLC filed."])
def test_entities_legal_form_alone_is_not_org(text):
    assert not [t for t, label in ents(blank_nlp(), text) if label == "ORG" and t in {"LLP", "PLC"}]


@pytest.mark.parametrize("text,expected,absent", [
    ("We may all meet in DC sometime in November.", ("DC", "PLACE"), None),
    ("Open it in MS Teams.", None, ("MS", "PLACE")),
])
def test_entities_state_code_after_in_is_a_place(text, expected, absent):
    codes = [{"label": "PLACE", "name": "District of Columbia", "aliases": [], "context_aliases": [],
              "kind": "subdivision", "country": "US", "iso_code": "US-DC"},
             {"label": "PLACE", "name": "Mississippi", "aliases": [], "context_aliases": [],
              "kind": "subdivision", "country": "US", "iso_code": "US-MS"}]
    got = ents(blank_nlp(None, ENTRIES + codes), text)
    assert (expected is None or expected in got) and (absent is None or absent not in got)


@pytest.mark.parametrize("text,name", [("Update by Kyaw Thet Nyunt on latrines.", "Kyaw Thet Nyunt")])
def test_entities_burmese_name_is_a_person(text, name):
    assert (name, "PERSON") in ents(blank_nlp([{"label": "ORG", "pattern": name}]), text)


@pytest.mark.parametrize("text,model", [
    ("Attendance: FAO, Northwind Aid, KRELP, Tessaly, Velmor Relief Mission", ["Tessaly", "Velmor Relief Mission"]),
])
def test_entities_items_of_an_organisation_list_are_orgs(text, model):
    got = [(m.text, m.label) for m in tag(text, [{"label": "PERSON", "pattern": p} for p in model])]
    assert all((p, "ORG") in got for p in model), got


@pytest.mark.parametrize("text,person", [("Attendance: FAO, Northwind Aid, KRELP, Oksana Bilyk", "Oksana Bilyk")])
def test_entities_full_name_in_an_organisation_list_stays_a_person(text, person):
    got = [(m.text, m.label) for m in tag(text, [{"label": "PERSON", "pattern": person}])]
    assert (person, "PERSON") in got, got


@pytest.mark.parametrize("text,model", [
    ("Focal point: Cell 0345-7712093 for the hygiene kits.", "0345-7712093"),
    ("Call the hotline on 1800 224466 before Friday.", "1800 224466"),
    ("Mobile 09 36021177", "09 36021177"),  # eight digits that read as no year, month and day
])
def test_entities_phone_numbers_are_not_dates(text, model):
    got = [(m.text, m.label) for m in tag(text, [{"label": "DATE", "pattern": model}])]
    assert not any(label == "DATE" and model in t for t, label in got), got


@pytest.mark.parametrize("text,language,kept", [
    ("Latrines in Pan Mai Lwe camp were repaired.", "en", False),
    ("La distribution a eu lieu en mai à Dori.", "fr", True),
])
def test_entities_month_of_another_language_is_no_date(text, language, kept):
    got = [(m.text.lower(), m.label) for m in tag(text, language=language)]
    assert (("mai", "DATE") in got) == kept, got


@pytest.mark.parametrize("acronym", ["HPO", "CFW", "MPCA", "FGD", "PDM"])
def test_entities_programme_shorthand_is_not_org(acronym):
    got = [(m.text, m.label) for m in tag(f"The {acronym} update was shared by Northwind Aid with the FAO.")]
    assert (acronym, "ORG") not in got and ("Northwind Aid", "ORG") in got, got


@pytest.mark.parametrize("text,org", [
    ("2 / Ilse Varga / Hygiene Coordinator/KORVA / / 0912", "KORVA"),
    ("3 / Tomas Rell / Site PM/ TZ", "TZ"),
    ("4 / Ana Brix / HPO/Kelmar", "Kelmar"),
])
def test_entities_org_after_a_role_and_a_slash(text, org):
    assert (org, "ORG") in [(m.text, m.label) for m in tag(text)]


@pytest.mark.parametrize("text,word", [("Reporting/Analysis and Officer/Staff ratios", "Staff"), ("The input/Output table", "Output")])
def test_entities_slash_between_words_is_no_org(text, word):
    assert (word, "ORG") not in [(m.text, m.label) for m in tag(text)]


@pytest.mark.parametrize("text,model", [
    ("Sidewalk repair on E. 16th between Grand and Elm.", "E. 16th"),
    ("The bakery at 1822 Ninth Avenue asked for a licence.", "1822 Ninth Avenue"),
])
def test_entities_street_addresses_are_not_dates(text, model):
    got = [(m.text, m.label) for m in tag(text, [{"label": "DATE", "pattern": model}])]
    assert (model, "DATE") not in got, got


@pytest.mark.parametrize("text,date", [
    ("3.1. Sensor calibration (Ilka Brandvold) and 3.2. Drift report", None),
    ("The fix is described in Section 4.2. of the draft.", None),
    ("Work sync 14.06. - the parser now handles tables.", "14.06."),
])
def test_entities_outline_numbers_are_not_dates(text, date):
    got = [m.text for m in tag(text) if m.label == "DATE"]
    assert got == ([date] if date else []), got


@pytest.mark.parametrize("text,model,kept", [
    ("Load the flu-21 sample set before the review.", "flu-21", False),
    ("Peers on mesh 64 and below need the patch.", "mesh 64", False),
    ("The budget closes in Jan-19 with the audit.", "Jan-19", True),
    ("Exams start in week 7 of the course.", "week 7", True),
])
def test_entities_word_and_number_is_a_code_not_a_date(text, model, kept):
    got = [(m.text, m.label) for m in tag(text, [{"label": "DATE", "pattern": model}])]
    assert ((model, "DATE") in got) == kept, got


@pytest.mark.parametrize("text,model,kept", [
    ("The BillingService now retries twice; Northwind Aid asked for logs.", "BillingService", False),
    ("A RangeError is thrown when the list is empty.", "RangeError", False),
    ("Staff from GreenLeaf joined Northwind Aid on the audit.", "GreenLeaf", True),
    ("Icons come from Pixelbarn.org and Northwind Aid shared the fonts.", "Pixelbarn.org", False),
])
def test_entities_code_identifier_or_site_is_not_org(text, model, kept):
    got = [(m.text, m.label) for m in tag(text, [{"label": "ORG", "pattern": model}])]
    assert ((model, "ORG") in got) == kept, got


@pytest.mark.parametrize("text,model", [("Builds fail in C++ since Monday.", "C++")])
def test_entities_model_place_is_made_of_letters(text, model):
    got = [(m.text, m.label) for m in tag(text, [{"label": "GPE", "pattern": model}])]
    assert (model, "PLACE") not in got, got


@pytest.mark.parametrize("text,model,label", [
    ("Women in the 65+ group were surveyed.", "65+", None),
    ("The board meets every 2nd Tuesday.", "every 2nd", "TIME"),
])
def test_entities_age_groups_and_recurrences_are_not_dates(text, model, label):
    got = dict((m.text, m.label) for m in tag(text, [{"label": "DATE", "pattern": model}]))
    assert got.get(model) == label, got


@pytest.mark.parametrize("text,model", [
    ("The Downtime plan was shared with the FAO.", "Downtime"),
    ("A fee of EUR 5000 was agreed with the FAO.", "EUR 5000"),
    ("Time / Item10h:15 – welcome by the FAO", "Item10h:15"),
])
def test_entities_words_amounts_and_times_are_not_orgs(text, model):
    got = [(m.text, m.label) for m in tag(text, [{"label": "ORG", "pattern": model}])]
    assert (model, "ORG") not in got and ("FAO", "ORG") in got, got


@pytest.mark.parametrize("text,camps", [("Hygiene kits reached Kakuma and Minawao; Al Hol is next.", ["Kakuma", "Minawao", "Al Hol"])])
def test_entities_shipped_list_knows_refugee_camps(text, camps):
    got = ents(blank_nlp(entries=read_entries(GAZETTEER_DIR / "places_camps.jsonl")), text)
    assert all((c, "PLACE") in got for c in camps), got


@pytest.mark.parametrize("text,model", [
    ("The Harbour Flood Control Project was approved.", "Harbour Flood Control Project"),
    ("The Cleaning Services Agreement with Northwind Aid ends in May.", "Cleaning Services Agreement"),
    ("Findings of the Joint Shelter Rapid Assessments were shared.", "Joint Shelter Rapid Assessments"),
    ("Two Harbour Water Strategies are drafted.", "Harbour Water Strategies"),
])
def test_entities_projects_and_agreements_are_not_orgs(text, model):
    got = [(m.text, m.label) for m in tag(text, [{"label": "ORG", "pattern": model}])]
    assert (model, "ORG") not in got, got


@pytest.mark.parametrize("text,people,orgs", [
    ("Present: Halima KORVEN (Northwind Aid), Tomas BRELLIN, Linnea OSTAVIR", {"KORVEN", "BRELLIN", "OSTAVIR"},
     {"Northwind Aid"}),
    ("Dr\nImani\nVESTOLAN\nBoard member", {"VESTOLAN"}, set()),  # a table row flattened one cell a line
    ("Présents : Mme OSTAVIR (Northwind Aid), M. Anselm Pelgo VESTOLAN, BRELLIN Aminata", {"OSTAVIR", "VESTOLAN", "BRELLIN"},
     {"Northwind Aid"}),  # after an honorific; the family name first
    ("Update from KORVANI: kits sent to Lakeport.", set(), {"KORVANI"}),  # no given name before it: a body's code
    ("Dana KRC and Orrin TBX joined.", set(), {"KRC", "TBX"}),  # no vowel: codes, not family names
])
def test_entities_family_name_in_capitals_after_a_given_name_is_a_person(text, people, orgs):
    got = tag(text)
    assert not {m.text for m in got if m.label == "ORG"} & people
    assert orgs <= {m.text for m in got if m.label == "ORG"}


@pytest.mark.parametrize("text,name,code", [
    ("Team\nOON BEK, KELBORA\nNotes\nKelbora to send the file.", "OON BEK", "KELBORA"),
])
def test_entities_code_spelled_as_a_person_elsewhere_is_that_person(text, name, code):
    start = text.index(name)
    part = Participant(0, name, "person", start, start + len(name), name, organisation=code)
    got = tag(text, [{"label": "PERSON", "pattern": code.title()}], participants=[part])
    assert code not in {m.text for m in got if m.label == "ORG"}


@pytest.mark.parametrize("text,name,town,expected", [
    ("Team\nLIM KAI MARLON\nRoute: Ang → Marlon → Ude", "LIM KAI MARLON", "Marlon", "PERSON"),
    ("Team\nLIM KAI RONAN\nTrucks left Marlon on Monday.", "LIM KAI RONAN", "Marlon", "PLACE"),
])
def test_entities_town_named_like_any_word_of_a_listed_name(text, name, town, expected):
    towns = [{"label": "PLACE", "name": town, "aliases": [], "context_aliases": [], "kind": "city", "country": "FD"}]
    doc = make_doc(text)
    start = text.index(name)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"),
                    (Participant(0, name, "person", start, start + len(name), name),))
    got = tag_entities(doc, seg, nlp=blank_nlp(None, ENTRIES + towns), settings=Settings())
    assert {m.label for m in got if m.text == town} == {expected}


@pytest.mark.parametrize("text,model,orgs,absent", [
    # a list down the page, numbered, under its label: untagged and person-tagged items are bodies, the label is none
    ("Organisations present today:\n1.  FAO\n2.  Northwind Aid\n3.  KRELP\n4.  Tessaly Relief Response\n5.  Velmor",
     [{"label": "ORG", "pattern": "Organisations present"}, {"label": "PERSON", "pattern": "Tessaly Relief Response"}],
     ["Tessaly Relief Response", "Velmor"], ["Organisations present"]),
    # the joiner before the last item, and an item written in capitals though it is a word too
    ("Attendance: FAO, Northwind Aid, KRELP, BRIDGE & Velmor", None, ["BRIDGE", "Velmor"], []),
    ("Présents : FAO, Northwind Aid, KRELP et Velmor", None, ["Velmor"], []),
    # a comma without a space between two acronyms separates them, even before one spelled like a legal form
    ("Attendance: FAO, Northwind Aid, KRELP,ASA, TOVRA", None, ["KRELP", "ASA", "TOVRA"], ["KRELP,ASA"]),
])
def test_entities_organisation_list_shapes_make_orgs(text, model, orgs, absent):
    got = [(m.text, m.label) for m in tag(text, model)]
    assert all((o, "ORG") in got for o in orgs), got
    assert not any(t in absent for t, _ in got), got


@pytest.mark.parametrize("text", ["Bullets of a note:\n- Wells were dug\n- Kits were given\n- Tessaly helped"])
def test_entities_list_of_notes_makes_no_orgs(text):
    assert not any(lab == "ORG" for _, lab in [(m.text, m.label) for m in tag(text)])


@pytest.mark.parametrize("text,expected", [
    ("UNFRA agencies met. Lina Vos (UNFRA Women) and Aldo Brem (UNFRA –Habitat) reported.",
     [("UNFRA", "United Nations Frame"), ("UNFRA Women", "UNFRA Women"), ("UNFRA –Habitat", "UNFRA-Habitat")]),
])
def test_entities_acronym_opening_a_known_name_keeps_the_name(text, expected):
    entries = ENTRIES + [
        {"label": "ORG", "name": "United Nations Frame", "acronym": "UNFRA", "aliases": [], "context_aliases": []},
        {"label": "ORG", "name": "UNFRA Women", "aliases": [], "context_aliases": []},
        {"label": "ORG", "name": "UNFRA-Habitat", "aliases": ["UNFRA Habitat"], "context_aliases": []}]
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    got = sorted((m.start_char, m.text, m.norm) for m in tag_entities(doc, seg, nlp=entity_nlp(entries, None),
                                                                       settings=Settings()) if m.label == "ORG")
    assert [(t, n) for _, t, n in got] == expected


@pytest.mark.parametrize("text,model,kept", [
    ("Each cluster will send its plan by Friday.", "Each cluster", None),
    ("All Sector leads met in Lakeport.", "All Sector", None),
    ("Tous les partenaires ont envoyé leurs plans.", "Tous les partenaires", None),
    ("First Harbour Bank funds the wells.", "First Harbour Bank", "First Harbour Bank"),
])
def test_entities_determiner_before_a_common_noun_is_no_org(text, model, kept):
    got = [m.text for m in tag(text, [{"label": "ORG", "pattern": model}]) if m.label == "ORG"]
    assert got == ([kept] if kept else []), got


@pytest.mark.parametrize("name,kept", [("US Army", True), ("Each cluster", False), ("Some Agency", False)])
def test_entities_determiner_in_capitals_is_a_code(name, kept):
    from pipeline.entities.tag import _determiner_phrases
    from pipeline.model import Mention

    m = Mention(0, len(name), name, "ORG", name, None, "model", None)
    assert (_determiner_phrases([m]) == [m]) is kept


@pytest.mark.parametrize("text,model,expected", [
    ("Stock is held at Northwind Aid Country Office Lakeport until May.", "Northwind Aid Country Office Lakeport",
     [("Northwind Aid", "ORG"), ("Lakeport", "PLACE")]),
    ("Le stock est au FAO Sous-bureau de Lakeport.", "FAO Sous-bureau de Lakeport", [("FAO", "ORG"), ("Lakeport", "PLACE")]),
])
def test_entities_org_office_and_its_town_are_two_names(text, model, expected):
    got = ents(blank_nlp([{"label": "ORG", "pattern": model}]), text)
    assert all(e in got for e in expected) and (model, "ORG") not in got, got


@pytest.mark.parametrize("text,model,expected", [
    ("Kits reached NorthLakeport and Kyaukme.", "NorthLakeport", ("NorthLakeport", "PLACE", "North Lakeport")),
    ("Funds from MercyLake arrived.", "MercyLake", None),  # no place of that name
])
def test_entities_known_place_written_without_spaces_is_that_place(text, model, expected):
    entries = ENTRIES + [{"label": "PLACE", "name": "North Lakeport", "aliases": [], "context_aliases": [],
                          "kind": "city", "country": "FD"}]
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    got = [(m.text, m.label, m.norm) for m in tag_entities(doc, seg, nlp=entity_nlp(entries, [{"label": "ORG", "pattern": model}]),
                                                           settings=Settings())]
    assert expected in got if expected else not any(lab == "PLACE" for _, lab, _ in got), got


@pytest.mark.parametrize("other_source,expected", [("rule", "PLACE"), ("model", "ORG")])
def test_entities_place_keeps_its_sense_across_the_document(other_source, expected):
    from pipeline.entities.tag import _one_sense_for_places
    from pipeline.model import Mention

    text = "Lamps for schools throughout Velmo. 40 people on Velmo need care."
    place = Mention(29, 34, "Velmo", "PLACE", "Velmo", "place:velmo", other_source, None)
    org = Mention(49, 54, "Velmo", "ORG", "Velmo", None, "model", None)
    assert text[29:34] == text[49:54] == "Velmo"
    got = _one_sense_for_places([place, org])
    assert (got[1].label, got[1].entity_id if expected == "PLACE" else None) == (expected, "place:velmo" if expected == "PLACE" else None)


@pytest.mark.parametrize("text,model,kept", [
    ("4. A.O.B\nNothing was raised.", "A.O.B", False),
    ("5. A.G.M. date\nSet for June.", "A.G.M", False),
])
def test_entities_dotted_shorthand_is_no_org(text, model, kept):
    got = [(m.text, m.label) for m in tag(text, [{"label": "ORG", "pattern": model}])]
    assert ((model, "ORG") in got) is kept, got


@pytest.mark.parametrize("text,model,expected,absent", [
    ("Freedonia shelter meeting Location: Velmo Town - Tarrow Province Date: Monday 4 May Chair: FAO",
     [{"label": "GPE", "pattern": "Velmo Town - Tarrow Province Date"}],
     [("Velmo Town", "PLACE"), ("Tarrow Province", "PLACE")], "Velmo Town - Tarrow Province Date"),
    ("Réunion WASH Lieu : Bureau Northwind Aid Date : lundi 4 mai",
     [{"label": "ORG", "pattern": "Bureau Northwind Aid Date"}], [("Bureau Northwind Aid", "ORG")], "Bureau Northwind Aid Date"),
])
def test_entities_one_line_header_label_ends_the_name_before_it(text, model, expected, absent):
    got = [(m.text, m.label) for m in tag(text, model)]
    assert all(e in got for e in expected) and not any(t == absent for t, _ in got), got


WORD_PLACES = [
    {"label": "PLACE", "name": "Réunion", "aliases": ["Reunion"], "context_aliases": [], "kind": "country", "country": "RE", "iso_code": "RE"},
    {"label": "PLACE", "name": "Velmora", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD", "iso_code": "FD"},
]


def tag_with(entries: list[dict], text: str, language: str = "fr"):
    doc = make_doc(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language=language), ())
    return [(m.text, m.label) for m in tag_entities(doc, seg, nlp=entity_nlp(entries), settings=Settings())]


@pytest.mark.parametrize("text,word", [
    ("Réunion\nLa réunion du groupe a commencé à dix heures à Velmora.", "Réunion"),
    ("Reunion du groupe sectoriel\nLa prochaine réunion aura lieu à Velmora.", "Reunion"),
])
def test_entities_kinds_place_the_document_writes_as_a_word_is_that_word(text, word):
    found = tag_with(WORD_PLACES, text)
    assert (word, "PLACE") not in found
    assert ("Velmora", "PLACE") in found


@pytest.mark.parametrize("text", [
    "Les équipes de Velmora ont livré les kits. Contact : velmora.bureau@exemple.org",
    "Un appui logistique est prévu pour la Réunion et pour Velmora.",
])
def test_entities_kinds_place_in_an_address_or_never_lower_case_stays(text):
    found = tag_with(WORD_PLACES, text)
    assert ("Velmora", "PLACE") in found


def test_entities_kinds_accented_everyday_word_has_no_capitals_place_form():
    found = tag_with(WORD_PLACES, "COMPTE RENDU DE LA RÉUNION DU GROUPE\nLes partenaires de Velmora étaient présents.")
    assert not [t for t, label in found if label == "PLACE" and "RÉUNION" in t]


@pytest.mark.parametrize("text,places", [
    ("Convoys left Puntland for Jubbaland and the Hiran region on Tuesday.", ["Puntland", "Jubbaland", "Hiran"]),
    ("Returns to FATA and South Waziristan were slower than planned.", ["FATA", "South Waziristan"]),
    ("Stock moved from NBeG to Greater Upper Nile by road.", ["NBeG", "Greater Upper Nile"]),
    ("Teams on Efate and Tanna reached 40 villages.", ["Efate", "Tanna"]),
])
def test_entities_shipped_list_knows_regions_and_islands_iso_leaves_out(text, places):
    nlp = blank_nlp(entries=read_entries(GAZETTEER_DIR / "places_curated.jsonl"))
    got = ents(nlp, text)
    assert all((p, "PLACE") in got for p in places), got


@pytest.mark.parametrize("text,shorthand", [
    ("Two NGO partners and one ONG locale reported.", ["NGO", "ONG"]),
    ("The MOM was shared; O&M costs and the NOC are pending; send by FAX.", ["MOM", "O&M", "NOC", "FAX"]),
])
def test_entities_kind_of_body_and_shorthand_are_not_org(text, shorthand):
    got = ents(blank_nlp(), text)
    assert not [s for s in shorthand if (s, "ORG") in got], got


def french_nlp(model_ents: list[dict] | None = None):
    """A blank French pipeline with the entity components; its 'model' is an entity_ruler of `model_ents`."""
    import spacy

    from pipeline.entities.nlp import add_entity_components, load_rule_patterns

    nlp = spacy.blank("fr")
    if model_ents:
        nlp.add_pipe("entity_ruler", name="fake_model").add_patterns(model_ents)
    return add_entity_components(nlp, ENTRIES, load_rule_patterns())


@pytest.mark.parametrize("text,word", [
    ("Les kits sont REMPLIS et livrés à Lakeport.", "REMPLIS"),
    ("Zone SUD : trois forages réhabilités par KDRN.", "SUD"),
])
def test_entities_french_word_in_capitals_is_no_acronym(text, word):
    for nlp in (french_nlp(), french_nlp([{"label": "ORG", "pattern": word}])):
        got = ents(nlp, text)
        assert (word, "ORG") not in got, got
        assert ("KDRN", "ORG") in got or "KDRN" not in text


@pytest.mark.parametrize("text,word", [("Kits from REMPLIS reached Lakeport.", "REMPLIS")])
def test_entities_french_caps_check_leaves_english_pipelines_alone(text, word):
    assert (word, "ORG") in ents(blank_nlp([{"label": "ORG", "pattern": word}]), text)


@pytest.mark.parametrize("text,joined", [("Appui de KDRN-SUD au cluster.", "KDRN-SUD")])
def test_entities_french_word_in_capitals_joined_to_an_acronym_stays(text, joined):
    assert (joined, "ORG") in ents(french_nlp(), text)
