"""Places no list holds, found from the evidence around them (pipeline/entities/place_evidence.py), and listed towns
inside people's names. Invented places and people; a blank pipeline whose 'model' is an entity_ruler."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from builders import entity_nlp, line_document
from pipeline.config import Settings
from pipeline.entities import place_evidence, tag_entities
from pipeline.entities.place_evidence import load_place_evidence
from pipeline.model import MeetingHeader, Participant, Segmented

ENTRIES = [
    {"label": "PLACE", "name": "Somalia", "aliases": [], "context_aliases": [], "kind": "country", "country": "SO",
     "iso_code": "SO"},
    {"label": "PLACE", "name": "Lakeport", "aliases": [], "context_aliases": [], "kind": "city", "country": "SO"},
]


def tag(text: str, model_ents: list[dict] | None = None, location: str | None = None,
        participants: tuple[Participant, ...] = ()) -> dict[str, set[str]]:
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en", location=location), participants)
    out: dict[str, set[str]] = {}
    for m in tag_entities(doc, seg, nlp=entity_nlp(ENTRIES, model_ents), settings=Settings()):
        out.setdefault(m.text, set()).add(m.label)
    return out


@pytest.mark.parametrize("text,model", [
    ("Somalia WASH meeting. New arrivals were reported in Qorwaley Dhex.", [{"label": "PERSON", "pattern": "Qorwaley Dhex"}]),
    ("Somalia WASH meeting. New arrivals were reported in Qorwaley Dhex.", None),
    ("Somalia WASH meeting. Families arrived to Qorwaley Dhex on foot.", None),
])
def test_entities_place_evidence_village_after_a_preposition_in_a_response_country(text, model):
    assert tag(text, model).get("Qorwaley Dhex") == {"PLACE"}


@pytest.mark.parametrize("text", [
    "New arrivals were reported in Qorwaley Dhex.",  # a preposition alone: no country where clusters work
    "Somalia WASH meeting. We will bring in Qorwaley Dhex as a facilitator.",  # the preposition is the verb's
    "Somalia WASH meeting. Thanks to Qorwaley Dhex for the slides.",  # 'to' without a movement word
    "Somalia WASH meeting. Partners stayed in Close Contact.",  # everyday words
    "Somalia WASH meeting. The team met in Shelter Cluster premises.",  # an organisation's head
])
def test_entities_place_evidence_no_place_without_enough_evidence(text):
    found = tag(text)
    assert not any("PLACE" in labels for name, labels in found.items() if name not in ("Somalia", "Lakeport"))


def test_entities_place_evidence_list_beside_a_known_place_grows():
    found = tag("Teams visited Lakeport, Brenvik and Tolsmar this month.")
    assert found.get("Brenvik") == {"PLACE"} and found.get("Tolsmar") == {"PLACE"}


@pytest.mark.parametrize("location,expected", [("Field office, Dhuusabeer", {"PLACE"}), (None, None)])
def test_entities_place_evidence_location_field_names_the_town(location, expected):
    found = tag("Somalia Shelter meeting\nVenue: Field office, Dhuusabeer\nPoints were discussed.", location=location)
    assert found.get("Dhuusabeer") == expected


def test_entities_place_evidence_weights_are_data(tmp_path, monkeypatch):
    text = "New arrivals were reported in Qorwaley Dhex."
    assert "Qorwaley Dhex" not in tag(text)
    lenient = replace(load_place_evidence(), bias=-1.0)  # a preposition alone now outweighs the bias
    monkeypatch.setattr(place_evidence, "place_evidence", lambda: lenient)
    assert tag(text).get("Qorwaley Dhex") == {"PLACE"}
    raw = json.loads(place_evidence.PLACE_EVIDENCE.read_text(encoding="utf-8"))
    raw["weights"]["made_up_feature"] = 1.0
    bad = tmp_path / "place_evidence.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="made_up_feature"):
        load_place_evidence(bad)


def test_entities_place_evidence_town_inside_a_listed_name_is_the_person():
    text = "Present: Ilse Lakeport, Dario Venn\nThe pumps in Lakeport were repaired."
    start = text.index("Ilse")
    people = (Participant(1, "Ilse Lakeport", "person", start, start + len("Ilse Lakeport"), "Ilse Lakeport"),)
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), people)
    mentions = tag_entities(doc, seg, nlp=entity_nlp(ENTRIES), settings=Settings())
    labels = {(m.start_char, m.text): m.label for m in mentions}
    assert labels.get((start, "Ilse Lakeport")) == "PERSON"
    assert (start + len("Ilse "), "Lakeport") not in labels
    assert labels.get((text.rindex("Lakeport"), "Lakeport")) == "PLACE"  # the town itself stays a place


@pytest.mark.parametrize("name", ["Dhuusabeer’ Sahra Dool"])
def test_entities_place_evidence_word_inside_a_listed_name_is_no_context_place(name):
    text = f"Somalia Shelter meeting\nVenue: Field office, Dhuusabeer\nParticipants\n{name}\nPoints were discussed."
    start = text.index(name)
    people = (Participant(1, name, "person", start, start + len(name), name),)
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en", location="Field office, Dhuusabeer"), people)
    places = [m.start_char for m in tag_entities(doc, seg, nlp=entity_nlp(ENTRIES), settings=Settings())
              if m.label == "PLACE" and m.text == "Dhuusabeer"]
    assert places == [text.index("Dhuusabeer")]  # the venue's town, not the first word of the person's name


@pytest.mark.parametrize("text,expected,apart", [
    ("Action points: the first Quality-TWG meeting is set for Monday.", "Quality-TWG", "TWG"),
    ("Present: Ana Ruiz / ORVA-DRT / Field officer", "ORVA-DRT", "ORVA"),
])
def test_entities_hyphen_compound_names_one_body(text, expected, apart):
    found = tag(text, [{"label": "ORG", "pattern": "DRT"}])
    assert found.get(expected) == {"ORG"} and apart not in found


def test_entities_hyphen_compound_keeps_the_town_apart():
    found = tag("Supplies were sent by Lakeport-ORVA last week.")
    assert found.get("Lakeport") == {"PLACE"} and found.get("ORVA") == {"ORG"} and "Lakeport-ORVA" not in found


def test_entities_hyphen_compound_not_inside_a_longer_name():
    found = tag("Families stayed at Nam Kelso-ORVA Church for a week.")
    assert found.get("ORVA") == {"ORG"} and "Kelso-ORVA" not in found


def test_entities_place_evidence_list_item_must_end_at_a_joiner():
    found = tag("Somalia WASH meeting. Lakeport, Brenvik Tolsmar said the wells were dry.")
    assert "PLACE" not in found.get("Brenvik Tolsmar", set())


@pytest.mark.parametrize("text,name", [("Water is carried up from the Tarrow River each day.", "Tarrow River"),
                                       ("The path up Mt Olwen is closed.", "Mt Olwen")])
def test_entities_place_evidence_natural_feature_word_makes_a_place(text, name):
    assert tag(text).get(name) == {"PLACE"}


@pytest.mark.parametrize("text,model", [
    ("Somalia WASH meeting. Families newly displaced from Qorwaley Dhex were counted.", None),
    # the model reads both villages as persons: a one-word model person is no evidence against its neighbour
    ("Somalia WASH meeting. Counts came for families displaced from Hodlan and Qarsoor.",
     [{"label": "PERSON", "pattern": "Hodlan"}, {"label": "PERSON", "pattern": "Qarsoor"}]),
])
def test_entities_place_evidence_movement_word_before_a_describing_word(text, model):
    found = tag(text, model)
    names = ["Qorwaley Dhex"] if model is None else ["Hodlan", "Qarsoor"]
    assert all(found.get(n) == {"PLACE"} for n in names)


# The word before a run, read backwards, is what the regex it replaced finds in the same window (invented lines).
WORD_BEFORE_REGEX = r"(?:(\w+)[ \t]+)?(\w+)[ \t]*\n?[ \t]*$"


@pytest.mark.parametrize("text", [
    "families moved to Vellmar", "arrived in\nVellmar", "report, to  \n  Vellmar", "end.\n\nVellmar", "to\t\tVellmar",
    "the camp at_site Vellmar", "écoles de Vellmar", "x" * 70 + " near Vellmar", "near " + "y" * 58 + " Vellmar",
    "Vellmar", "(in) Vellmar", "in \n\n Vellmar", "from\r\nVellmar", "área 3 de Vellmar", "sent to\n",
])
def test_entities_place_evidence_word_before_as_the_regex(text):
    start = text.find("Vellmar") if "Vellmar" in text else len(text)
    window = text[max(0, start - place_evidence.WORD_BEFORE_WINDOW):start]
    hit = re.search(WORD_BEFORE_REGEX, window)
    assert place_evidence._word_before(text, start) == ((hit.group(2), hit.group(1)) if hit else (None, None))


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Z1_ \t\n\r,.-é²", max_size=90), st.integers(min_value=0, max_value=90))
def test_entities_place_evidence_word_before_as_the_regex_anywhere(text, at):
    start = min(at, len(text))
    hit = re.search(WORD_BEFORE_REGEX, text[max(0, start - place_evidence.WORD_BEFORE_WINDOW):start])
    assert place_evidence._word_before(text, start) == ((hit.group(2), hit.group(1)) if hit else (None, None))


@pytest.mark.parametrize("text, spans, expected", [
    ("Vellmar, Ostrova and Brenz", [(0, 7)], True),  # a place listed before the run, on its line
    ("Vellmar said Ostrova", [(0, 7)], False),  # no list joiner between them
    ("Ostrova and Vellmar", [(12, 19)], True),  # a place listed after the run
    ("Vellmar,\nOstrova", [(0, 7)], False),  # another line
])
def test_entities_place_evidence_list_neighbour_from_the_span_index(text, spans, expected):
    start = text.find("Ostrova")
    end = start + len("Ostrova")
    line_start, line_end = text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1
    index = place_evidence.SpanIndex(spans)
    assert place_evidence._joined(text, index, start, end, line_start, line_end) is expected
    assert place_evidence._joined(text, spans, start, end, line_start, line_end) is expected


@pytest.mark.parametrize("text,name", [
    ("Deeds were signed for the Kelby Sidewalk Project last week.", "Kelby Sidewalk Project"),
    ("Keys are kept in the Norrow Data Vault for now.", "Norrow Data Vault"),
    ("The shelters follow the Kelby County Comprehensive guidance.", "Kelby County Comprehensive"),
])
def test_entities_place_evidence_model_place_ending_in_an_everyday_word_names_a_thing(text, name):
    assert "PLACE" not in tag(text, [{"label": "GPE", "pattern": name}]).get(name, set())


@pytest.mark.parametrize("text,name", [
    ("The walk starts in the Brenmoor Hills at dawn.", "Brenmoor Hills"),  # a natural feature
    ("Stalls were set up on Tolver Square again.", "Tolver Square"),  # a town area
    ("Volunteers came from Riverton West this year.", "Riverton West"),  # a compass word
    ("Somalia WASH meeting. Families settled near Qorwaley Saw.", "Qorwaley Saw"),  # minutes about a response country
])
def test_entities_place_evidence_model_place_with_a_place_word_or_country_stays(text, name):
    assert tag(text, [{"label": "GPE", "pattern": name}]).get(name) == {"PLACE"}


@pytest.mark.parametrize("text,name,expected", [
    ("Somalia WASH meeting. Readings from Sacred Gita opened the session.", "Sacred Gita", None),  # a given name
    ("Somalia WASH meeting. Dry spells linked to El Bruno are expected.", "El Bruno", None),  # frequent words
    ("Somalia WASH meeting. Families settled near Qorwaley Saw.", "Qorwaley Saw", {"PLACE"}),  # a word no one uses
    ("Somalia WASH meeting. Tanks were sent to Green Valley camp.", "Green Valley", {"PLACE"}),  # an area word
])
def test_entities_place_evidence_everyday_words_only_name_no_place_in_a_response_country(text, name, expected):
    assert tag(text, [{"label": "GPE", "pattern": name}]).get(name) == expected


def test_entities_place_evidence_catalogued_place_in_capitals_stays():
    entries = ENTRIES + [{"label": "PLACE", "name": "Vellmar Crossing", "aliases": [], "context_aliases": [], "kind": "city",
                          "country": "GB"}]
    doc = line_document("VENUE: TOWN HALL, VELLMAR CROSSING")
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"), ())
    model = [{"label": "GPE", "pattern": "VELLMAR CROSSING"}]
    found = {m.text: m.label for m in tag_entities(doc, seg, nlp=entity_nlp(entries, model), settings=Settings())}
    assert found.get("VELLMAR CROSSING") == "PLACE"


def tag_in(text: str, lang: str, model_ents: list[dict] | None = None) -> dict[str, set[str]]:
    """tag() for minutes in `lang`."""
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language=lang), ())
    out: dict[str, set[str]] = {}
    for m in tag_entities(doc, seg, nlp=entity_nlp(ENTRIES, model_ents), settings=Settings()):
        out.setdefault(m.text, set()).add(m.label)
    return out


@pytest.mark.parametrize("text,lang,model,places", [
    # a lower-case administrative noun before the name; the model's span held the noun
    ("Water trucking reached tehsil Korvandi last week.", "en", [{"label": "PERSON", "pattern": "tehsil Korvandi"}],
     ["Korvandi"]),
    ("Kits were shared in union council Barkhoi yesterday.", "en", [{"label": "PERSON", "pattern": "Barkhoi"}],
     ["Barkhoi"]),
    ("The municipality of Velmora reported damaged roofs.", "en", [{"label": "ORG", "pattern": "Velmora"}], ["Velmora"]),
    # the noun in capitals opens the run
    ("Latrines were repaired in UC Tarsok Bala.", "en", [{"label": "PERSON", "pattern": "Tarsok Bala"}],
     ["UC Tarsok Bala"]),
    # a plural settlement noun governs every item of its list
    ("Les équipes ont visité les villages de Tambarou et Kelvédi pour évaluer les besoins.", "fr",
     [{"label": "PERSON", "pattern": "Tambarou"}, {"label": "PERSON", "pattern": "Kelvédi"}], ["Tambarou", "Kelvédi"]),
    ("Les sites de Morvaye, Tindouré et Sabkaï accueillent des ménages.", "fr",
     [{"label": "PERSON", "pattern": "Morvaye"}], ["Morvaye", "Tindouré", "Sabkaï"]),
    ("La commune d'Orvanne signale des besoins en abris.", "fr", None, ["Orvanne"]),
])
def test_entities_place_evidence_designator_before_the_name(text, lang, model, places):
    found = tag_in(text, lang, model)
    assert all(found.get(p) == {"PLACE"} for p in places), found


@pytest.mark.parametrize("text,model,name,label", [
    ("A member of Tovrel Kasse said the pumps work.", [{"label": "PERSON", "pattern": "Tovrel Kasse"}], "Tovrel Kasse",
     "PERSON"),  # 'of' after a noun that is no place's
    ("The camp Manager will share the list.", None, "Manager", None),  # an everyday word after the noun
    ("The district Pharmacy Unit sent stock.", None, "Pharmacy Unit", None),
])
def test_entities_place_evidence_no_designator_no_place(text, model, name, label):
    found = tag_in(text, "en", model)
    assert found.get(name) == ({label} if label else None), found


@pytest.mark.parametrize("text,at,expected", [
    ("in tehsil Korvandi", 10, 3),
    ("in union council Barkhoi", 17, 3),
    ("la commune d'Orvanne", 13, 3),
    ("villages de Tambarou et Kelvédi", 24, 0),
    ("a member of Tovrel", 12, None),
    ("tehsil\nKorvandi", 7, None),  # the noun must be on the name's line
])
def test_entities_place_evidence_designator_start(text, at, expected):
    assert place_evidence.designator_start(text, at, load_place_evidence()) == expected


@pytest.mark.parametrize("text,model,places", [
    ("Somalia Protection meeting. Evictions were reported in Lakeport district (Korvale, Duumsan) this week.",
     [{"label": "ORG", "pattern": "Korvale"}, {"label": "PERSON", "pattern": "Duumsan"}], ["Korvale", "Duumsan"]),
    ("Somalia Protection meeting. Registration went on in Lakeport (Tawfiiq) and elsewhere.",
     [{"label": "PERSON", "pattern": "Tawfiiq"}], ["Tawfiiq"]),
    # a hyphen part of one capital abbreviates a place's word ("Lower"), it is no code in capitals
    ("Somalia Protection meeting. Registration went on in Lakeport (Bur-L) and elsewhere.",
     [{"label": "ORG", "pattern": "Bur-L"}], ["Bur-L"]),
])
def test_entities_place_evidence_places_in_brackets_after_a_place(text, model, places):
    found = tag(text, model)
    assert all(found.get(p) == {"PLACE"} for p in places), found


@pytest.mark.parametrize("text,model,name", [
    # brackets after a place that hold a sentence, or a word followed by more words, are no list of its places
    ("Somalia Protection meeting. Lakeport (Tawfiiq said it) will host the session.",
     [{"label": "PERSON", "pattern": "Tawfiiq"}], "Tawfiiq"),
    ("Somalia Protection meeting. Lakeport (UNHCRteam) will host the session.", None, "UNHCRteam"),
])
def test_entities_place_evidence_brackets_after_a_place_need_a_list_item(text, model, name):
    assert "PLACE" not in tag(text, model).get(name, set())


def test_entities_place_evidence_given_name_in_brackets_after_a_place_is_who_does_it():
    found = tag("Somalia Protection meeting.\n- Share the map for Lakeport (Elena)\n",
                [{"label": "PERSON", "pattern": "Elena"}])
    assert found.get("Elena") == {"PERSON"}


@pytest.mark.parametrize("text,model,places", [
    # districts in capitals: a list beside a place, and an administrative noun after its last item
    ("Somalia WASH meeting. Flood response goes on in KORVAL, TANSARI and MIRKOT districts this month.",
     [{"label": "PLACE", "pattern": "KORVAL"}, {"label": "ORG", "pattern": "TANSARI"}, {"label": "ORG", "pattern": "MIRKOT"}],
     ["KORVAL", "TANSARI", "MIRKOT"]),
    ("Somalia WASH meeting. Wells were dug in Lakeport, Brenvik and Tolsmar districts.", None, ["Brenvik", "Tolsmar"]),
])
def test_entities_place_evidence_list_before_an_administrative_noun(text, model, places):
    found = tag(text, model)
    assert all(found.get(p) == {"PLACE"} for p in places), found


@pytest.mark.parametrize("text,model,name", [
    # codes in capitals beside a place stay what they were: too short, or mixed capitals, or no noun after the list
    ("Somalia WASH meeting. Lakeport, WFP and FAO districts were covered.", [{"label": "ORG", "pattern": "WFP"}], "WFP"),
    ("Somalia WASH meeting. Partners in Lakeport, NORVACO and TELMIRA met twice.",
     [{"label": "ORG", "pattern": "NORVACO"}], "NORVACO"),
])
def test_entities_place_evidence_capitals_without_enough_evidence_stay(text, model, name):
    assert tag(text, model).get(name) == {"ORG"}


def test_entities_place_evidence_french_where_something_took_place():
    found = tag_in("Réunion Somalia. Une distribution a eu lieu à Kelmarou le 3 avril.", "fr",
                   [{"label": "PERSON", "pattern": "Kelmarou"}])
    assert found.get("Kelmarou") == {"PLACE"}


def test_entities_place_evidence_french_thanks_to_a_person_is_no_place():
    found = tag_in("Réunion Somalia. Merci à Oumara pour la présentation.", "fr", [{"label": "PERSON", "pattern": "Oumara"}])
    assert "PLACE" not in found.get("Oumara", set())


@pytest.mark.parametrize("lang,expected", [("fr", {"PLACE"}), ("en", None)])
def test_entities_place_evidence_word_after_counts_where_modifiers_come_first(lang, expected):
    # in French the word after the name is the verb; in English minutes the same shape would be a modifier
    found = tag_in("Réunion Somalia. Les ménages installés à Tinzéra attendent des kits.", lang,
                   [{"label": "PERSON", "pattern": "Tinzéra"}])
    assert ({"PLACE"} if "PLACE" in found.get("Tinzéra", set()) else None) == expected
