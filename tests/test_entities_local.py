"""Local places (towns, villages, districts of the countries clusters work in): kept only in minutes about their
country. Invented places in an invented country list; a blank pipeline whose 'model' is an entity_ruler."""
from __future__ import annotations

import json

import pytest

from builders import entity_nlp, line_document
from pipeline.config import Settings
from pipeline.entities import local, tag_entities
from pipeline.entities.local import LocalPlace, LocalPlaces, find_local, load_local_places, local_catalog
from pipeline.model import MeetingHeader, Segmented

ENTRIES = [
    {"label": "PLACE", "name": "Freedonia", "aliases": [], "context_aliases": [], "kind": "country", "country": "FD", "iso_code": "FD"},
    {"label": "PLACE", "name": "Sylvania", "aliases": [], "context_aliases": [], "kind": "country", "country": "SV", "iso_code": "SV"},
    {"label": "PLACE", "name": "Lakeport", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD"},
    {"label": "PLACE", "name": "Kyaukme", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD"},
]
LOCAL = [
    {"label": "PLACE", "name": "Osterhaven", "aliases": ["Osterhafen"], "kind": "town", "country": "FD", "countries": ["FD"],
     "lat": 12.5, "lon": 40.25, "pcode": "FD0101"},
    {"label": "PLACE", "name": "Dalo-Brenvik", "aliases": [], "kind": "district", "country": "FD", "countries": ["FD"]},
    {"label": "PLACE", "name": "Upper Tamberlo", "aliases": [], "kind": "district", "country": "FD", "countries": ["FD", "SV"]},
]


@pytest.fixture()
def local_list(tmp_path, monkeypatch):
    path = tmp_path / "local_places.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in LOCAL) + "\n", encoding="utf-8")
    places = load_local_places(path)
    monkeypatch.setattr(local, "local_places_list", lambda: places)
    return places


def tag(text: str, model_ents: list[dict] | None = None) -> list[tuple[str, str, str]]:
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    mentions = tag_entities(doc, seg, nlp=entity_nlp(ENTRIES, model_ents), settings=Settings())
    return [(m.text, m.label, m.norm) for m in mentions]


@pytest.mark.parametrize("text,model", [
    ("Freedonia WASH meeting. Latrines were built in Osterhaven last week.", [{"label": "PERSON", "pattern": "Osterhaven"}]),
    ("Freedonia WASH meeting. Latrines were built in Osterhaven last week.", None),
])
def test_entities_local_town_is_a_place_in_its_country(local_list, text, model):
    assert ("Osterhaven", "PLACE", "Osterhaven") in tag(text, model)
    assert not any(t == "Osterhaven" and lab == "PERSON" for t, lab, _ in tag(text, model))


@pytest.mark.parametrize("text", ["Sylvania WASH meeting. Latrines were built in Osterhaven last week.",
                                  "Latrines were built in Osterhaven last week."])
def test_entities_local_town_is_no_place_elsewhere(local_list, text):
    assert not any(t == "Osterhaven" for t, _, _ in tag(text))


@pytest.mark.parametrize("text", ["Teams in Lakeport and Kyaukme; a third one in Osterhafen from June."])
def test_entities_local_town_country_from_two_known_places(local_list, text):
    assert ("Osterhafen", "PLACE", "Osterhaven") in tag(text)


@pytest.mark.parametrize("text,model", [("Freedonia: Osterhaven Mbeki reported on the survey.", "Osterhaven Mbeki")])
def test_entities_local_town_gives_way_to_a_longer_person(local_list, text, model):
    got = tag(text, [{"label": "PERSON", "pattern": model}])
    assert (model, "PERSON") in [(t, lab) for t, lab, _ in got]
    assert not any(t == "Osterhaven" and lab == "PLACE" for t, lab, _ in got)


@pytest.mark.parametrize("text,about,expected", [
    ("Visits to Upper Tamberlo and Dalo-Brenvik", {"SV"}, ["Upper Tamberlo"]),
    ("Visits to Upper Tamberlo and Dalo-Brenvik", {"FD"}, ["Upper Tamberlo", "Dalo-Brenvik"]),
    ("Visits to Upper\nTamberlo", {"FD"}, ["Tamberlo"]),
])
def test_entities_local_find_longest_names_on_one_line(text, about, expected):
    places = LocalPlaces({"Upper Tamberlo": LocalPlace("Upper Tamberlo", frozenset({"FD", "SV"})),
                          "Tamberlo": LocalPlace("Tamberlo", frozenset({"FD"})),
                          "Dalo-Brenvik": LocalPlace("Dalo-Brenvik", frozenset({"FD"}))})
    found = [text[s:e] for s, e, _ in find_local(text, places, about)]
    assert found == expected


@pytest.mark.parametrize("text,expected", [
    ("Freedonia: the team moved to Amarel on Monday.", [("Amarel", "PLACE")]),
    ("Freedonia: Amarel presented the budget.", []),
])
def test_entities_local_town_named_like_a_person_needs_a_preposition(tmp_path, monkeypatch, text, expected):
    path = tmp_path / "local_places.jsonl"
    path.write_text(json.dumps({"label": "PLACE", "name": "Amarel", "kind": "town", "country": "FD", "countries": ["FD"],
                                "context_aliases": ["Amarel"]}) + "\n", encoding="utf-8")
    places = load_local_places(path)
    monkeypatch.setattr(local, "local_places_list", lambda: places)
    assert [(t, lab) for t, lab, _ in tag(text) if t == "Amarel"] == expected


@pytest.mark.parametrize("name,expected", [
    ("Kyaw Zin", None),           # every word a personal-name syllable: a person, left out
    ("Aung Pelotar", "cue"),      # half of it: a place only after a place preposition
    ("Hsin Pelo Kone", "free"),   # mostly place syllables
    ("Pelotar-Win", "cue"),
])
def test_entities_local_burmese_name_syllables_guard_village_tracts(name, expected):
    from scripts.build_local_places import burmese_name_kind, burmese_name_syllables

    assert burmese_name_kind(name, burmese_name_syllables()) == expected


@pytest.mark.parametrize("text,expected", [
    ("Myanmar WASH meeting. Latrines were finished in Aung Pelotar.", [("Aung Pelotar", "PLACE")]),
    ("Myanmar WASH meeting. Aung Pelotar shared the hygiene kit list.", []),
    ("Myanmar WASH meeting. Two wells in Hsin Pelo Kone village tract.", [("Hsin Pelo Kone", "PLACE")]),
])
def test_entities_local_myanmar_village_tract_is_a_place(tmp_path, monkeypatch, text, expected):
    entries = [{"label": "PLACE", "name": "Aung Pelotar", "kind": "mm_village_tract", "country": "MM", "countries": ["MM"],
                "context_aliases": ["Aung Pelotar"]},
               {"label": "PLACE", "name": "Hsin Pelo Kone", "kind": "mm_village_tract", "country": "MM", "countries": ["MM"]}]
    path = tmp_path / "local_places.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in entries) + "\n", encoding="utf-8")
    places = load_local_places(path)
    monkeypatch.setattr(local, "local_places_list", lambda: places)
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    myanmar = [{"label": "PLACE", "name": "Myanmar", "aliases": [], "context_aliases": [], "kind": "country", "country": "MM",
                "iso_code": "MM"}]
    got = tag_entities(doc, seg, nlp=entity_nlp(myanmar, None), settings=Settings())
    assert [(m.text, m.label) for m in got if m.text != "Myanmar"] == expected


@pytest.mark.parametrize("text,expected_id", [
    ("Freedonia WASH meeting. Latrines were built in Osterhafen.", "place:osterhaven@fd"),
    ("Sylvania WASH meeting. Wells in Upper Tamberlo.", "place:upper-tamberlo@sv"),
])
def test_entities_local_place_is_filed_under_its_country(local_list, text, expected_id):
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    got = tag_entities(doc, seg, nlp=entity_nlp(ENTRIES, None), settings=Settings())
    assert [m.entity_id for m in got if m.label == "PLACE" and m.source == "gazetteer" and m.entity_id.endswith(
        ("@fd", "@sv"))] == [expected_id]


@pytest.mark.parametrize("eid,expected", [
    ("place:osterhaven@fd", ("Osterhaven", "FD0101", 12.5, 40.25)),
    ("place:upper-tamberlo@sv", ("Upper Tamberlo", None, None, None)),
])
def test_entities_local_catalog_has_codes_and_coordinates(local_list, eid, expected):
    e = local_catalog(local_list)[eid]
    assert (e.name, e.pcode, e.lat, e.lon) == expected


@pytest.mark.parametrize("rows,expected", [
    ([{"country_code": "FD", "county": "Tarvok Agency", "state": "Norland", "latitude": 1.0, "longitude": 2.0},
      {"country_code": "FD", "county": "Mellin District", "state": "Norland", "latitude": 1.5, "longitude": 2.5}],
     {"Tarvok": ["Tarvok Agency", "Tarvok District"], "Mellin": ["Mellin District", "Mellin Agency"], "Norland": ["Norland"]}),
    ([{"country_code": "SV", "county": "Orsa District", "state": "Vell", "latitude": 1.0, "longitude": 2.0}],
     {"Orsa": ["Orsa District"], "Vell": ["Vell"]}),  # one noun in the country's table: nothing to add
])
def test_entities_local_district_takes_each_administrative_noun_of_its_country(rows, expected):
    from scripts.build_local_places import admin_names

    got = {e["name"]: e["alternates"] for e in admin_names({"FD", "SV"}, rows)}
    assert got == expected


@pytest.mark.parametrize("name,admin_form,expected", [
    ("Tarvokistan Agency", True, "free"),   # the data's own unit name: 'Agency' is its administrative noun
    ("Tarvokistan Agency", False, None),    # any other name ending in an organisation head stays out
])
def test_entities_local_administrative_noun_is_no_organisation_head(name, admin_form, expected):
    from scripts.build_local_places import make_guard

    assert make_guard()(name, admin_form=admin_form) == expected


@pytest.mark.parametrize("text", ["Freedonia WASH meeting. Wells were dug in Kelvo Taw and Lakeport."])
def test_entities_local_longer_local_name_wins_over_a_listed_place_inside_it(tmp_path, monkeypatch, text):
    path = tmp_path / "local_places.jsonl"
    path.write_text(json.dumps({"label": "PLACE", "name": "Kelvo Taw", "kind": "town", "country": "FD",
                                "countries": ["FD"]}) + "\n", encoding="utf-8")
    places = load_local_places(path)
    monkeypatch.setattr(local, "local_places_list", lambda: places)
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    kelvo = [{"label": "PLACE", "name": "Kelvo", "aliases": [], "context_aliases": [], "kind": "city", "country": "SV"}]
    got = [(m.text, m.label) for m in tag_entities(doc, seg, nlp=entity_nlp(ENTRIES + kelvo, None), settings=Settings())]
    assert ("Kelvo Taw", "PLACE") in got and ("Kelvo", "PLACE") not in got


@pytest.mark.parametrize("text,expected", [
    ("Team visits to Lakeport and Dalo-Brenvik.", ["Dalo-Brenvik"]),     # a known place and a name only Freedonia has
    ("Team visits to Lakeport and Upper Tamberlo.", []),                 # Sylvania has an Upper Tamberlo too
    ("Wells in Dalo-Brenvik and Osterhaven.", ["Dalo-Brenvik", "Osterhaven"]),  # two names only Freedonia has
    ("Wells in Osterhaven were dug.", []),                                     # one local name alone
])
def test_entities_local_names_of_one_country_make_the_country(local_list, text, expected):
    assert [t for t, lab, _ in tag(text) if lab == "PLACE" and t != "Lakeport"] == expected


SHORT = {"label": "PLACE", "name": "Norvale Ridge Province", "kind": "subdivision_short_form", "country": "FD",
         "countries": ["FD"], "short_forms": ["NRP", "WMA"]}


@pytest.fixture()
def short_list(tmp_path, monkeypatch):
    path = tmp_path / "local_places.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in [*LOCAL, SHORT]) + "\n", encoding="utf-8")
    places = load_local_places(path)
    monkeypatch.setattr(local, "local_places_list", lambda: places)
    return places


@pytest.mark.parametrize("text,expected", [
    ("Freedonia shelter meeting. Kits reached families in NRP and in Osterhaven.", ("NRP", "PLACE", "Norvale Ridge Province")),
    ("Shelter meeting. Kits reached families in NRP before the rains.", None),
])
def test_entities_local_subdivision_short_form_is_a_place_in_its_country(short_list, text, expected):
    found = [t for t in tag(text, [{"label": "ORG", "pattern": "NRP"}]) if t[0] == "NRP"]
    assert found == ([expected] if expected else [("NRP", "ORG", found[0][2])])


def test_entities_local_short_form_is_filed_under_its_subdivision(short_list):
    """'NRP' and 'Norvale Ridge Province' are one place in the catalog: the subdivision's own id, no country variant."""
    assert short_list.by_name["NRP"].entity_id({"FD"}) == "place:norvale-ridge-province"
    assert "place:norvale-ridge-province" in local_catalog(short_list)


def test_entities_local_short_forms_make_no_document_about_their_country(short_list):
    """Two short forms of one country's units are codes of many things elsewhere: they prove no country."""
    text = "Budget review. The NRP and WMA figures were read out; Osterhaven sent none."
    assert local.document_countries([], set(), {}, {}, text, short_list) == set()
    assert local.document_countries([], {"FD"}, {}, {}, text, short_list) == {"FD"}


def test_entities_local_short_forms_from_other_names_and_former_names():
    from scripts.build_local_places import subdivision_short_forms

    subs = {"FD": {"FD-NR": {"name": "Norvale Ridge", "type": "Province",
                             "localOtherName": "Norvale Ridge (eng), NR (eng), Norvalia (fra), Greater Norvale (eng)",
                             "history": [{"Change": "Codes: FD-UH Upper Harrow Coast -> FD-NR Norvale Ridge."}]},
                   "FD-LK": {"name": "Lakeland", "type": "District", "localOtherName": "Lakeland (eng)", "history": None}}}
    rows = subdivision_short_forms(subs)
    assert [(r["name"], r["short_forms"], r["countries"]) for r in rows] == [("Norvale Ridge", ["NR", "UHCP"], ["FD"])]


@pytest.mark.parametrize("name,unit,expected", [
    ("Upper Harrow Coast", "Province", "UHCP"), ("Eastern Province", "Province", None),
    ("Far Marsh Hills", "Autonomous region", "FMH"), ("Old Kettle (district)", "District", None)])
def test_entities_local_former_name_initials(name, unit, expected):
    from scripts.build_local_places import initials

    assert initials(name, unit) == expected


@pytest.mark.parametrize("text,model,label", [
    ("Pumps were sent to Kyaukmee and two camps.", "Kyaukmee", "PLACE"),  # Kyaukme, one letter added
    ("Pumps were sent to Kyuakme and two camps.", "Kyuakme", "PLACE"),  # two letters swapped
])
def test_entities_local_misspelt_place_of_the_country_is_that_place(text, model, label):
    from pipeline.entities.local import misspelt_places
    from pipeline.model import Mention

    b = _misspelt_builder(text)
    start = text.index(model)
    m = Mention(start, start + len(model), model, "PERSON", model, "person:x", "model", None)
    got = misspelt_places([m], {"MM"}, b, {"place:kyaukme": "MM"}, set(), LocalPlaces({}))
    assert [(g.text, g.label, g.entity_id) for g in got] == [(model, label, "place:kyaukme")]


@pytest.mark.parametrize("text,model,about,people", [
    ("Pumps were sent to Kyaukmee and two camps.", "Kyaukmee", {"TH"}, set()),  # not the document's country
    ("Kyaukmee reported on the pumps.", "Kyaukmee", {"MM"}, {"Kyaukmee"}),  # a person the attendance list names
    ("Pumps were sent to Kyaukmeeto and two camps.", "Kyaukmeeto", {"MM"}, set()),  # three letters off
])
def test_entities_local_misspelt_place_needs_the_country_and_one_letter(text, model, about, people):
    from pipeline.entities.local import misspelt_places
    from pipeline.model import Mention

    b = _misspelt_builder(text)
    start = text.index(model)
    m = Mention(start, start + len(model), model, "PERSON", model, "person:x", "model", None)
    assert misspelt_places([m], about, b, {"place:kyaukme": "MM"}, people, LocalPlaces({})) == [m]


def _misspelt_builder(text: str):
    from pipeline.entities.tag import _Builder
    from pipeline.model import CatalogEntry, MeetingHeader, Segmented

    doc = line_document(text)
    known = {"place:kyaukme": CatalogEntry("place:kyaukme", "PLACE", "Kyaukme")}
    return _Builder(doc, Segmented(doc.blocks, (), MeetingHeader(), ()), known, "en")
