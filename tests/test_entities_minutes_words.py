"""Words of the minutes page (headings, form fields, status cells) cut out of organisations, on invented lines.

A blank English pipeline; an entity_ruler plays the statistical model that reads across the page word.
"""
from __future__ import annotations

import json

import pytest

from builders import entity_nlp, line_document
from pipeline.config import Settings
from pipeline.entities import tag_entities
from pipeline.entities.minutes_words import load_minutes_words, pieces_without_page_words
from pipeline.entities.words import entity_words
from pipeline.model import MeetingHeader, Segmented

ENTRIES = [
    {"label": "PLACE", "name": "Lakeport", "aliases": [], "context_aliases": [], "kind": "city", "country": "FD", "iso_code": "FD"},
    {"label": "PLACE", "name": "Freedonia", "aliases": [], "context_aliases": [], "kind": "country", "country": "FD", "iso_code": "FD"},
]


def tagged(text: str, model: str, language: str = "en") -> set[tuple[str, str]]:
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language=language), ())
    nlp = entity_nlp(ENTRIES, [{"label": "ORG", "pattern": model}])
    return {(m.text, m.label) for m in tag_entities(doc, seg, nlp=nlp, settings=Settings()) if m.label in ("ORG", "PLACE")}


@pytest.mark.parametrize("name,pieces", [
    ("Timeline The Kessa Health Cluster", ["Kessa Health Cluster"]),
    ("Updates / Velmo WASH Cluster", ["Velmo WASH Cluster"]),
    ("KDRN Presentation Orrin Nutrition Cluster", ["KDRN", "Orrin Nutrition Cluster"]),
    ("L’ORDRE DU JOUR", []),
    ("SUIVI DU COMITÉ", []),
    ("Tavora Réunion", ["Tavora"]),
])
def test_entities_minutes_words_cut_out_of_a_name(name, pieces):
    got = pieces_without_page_words(name, entity_words().org_heads)
    assert [name[s:e] for s, e in got] == pieces


@pytest.mark.parametrize("name", ["Action Against Thirst", "Velmo Water Board", "Comité de Pilotage Kessa"])
def test_entities_minutes_words_leave_a_name_without_them(name):
    assert pieces_without_page_words(name, entity_words().org_heads) is None


@pytest.mark.parametrize("text,model,kept,dropped", [
    ("Timeline The Kessa Health Cluster met twice.", "Timeline The Kessa Health Cluster",
     {("Kessa Health Cluster", "ORG")}, {("Timeline The Kessa Health Cluster", "ORG")}),
    ("Meeting opened at 09:00 Lakeport Time in the hall.", "Lakeport Time",
     {("Lakeport", "PLACE")}, {("Lakeport Time", "ORG")}),
    ("Tavora Update: two new wells were dug.", "Tavora Update", set(), {("Tavora Update", "ORG"), ("Tavora", "ORG")}),
])
def test_entities_minutes_words_model_org_keeps_its_name(text, model, kept, dropped):
    got = tagged(text, model)
    assert kept <= got
    assert not dropped & got


def test_entities_minutes_words_a_language_is_a_data_edit(tmp_path):
    path = tmp_path / "minutes_words.json"
    path.write_text(json.dumps({"_doc": "test", "nl": {"words": ["notulen"], "links": ["de"]}}), encoding="utf-8")
    words = load_minutes_words(path)
    got = pieces_without_page_words("Notulen de Kessa Raad", frozenset(), words)
    assert got == [(11, 21)]


@pytest.mark.parametrize("text,model,place", [
    ("The Shelter Cluster Freedonia met on Monday.", "Shelter Cluster Freedonia", "Freedonia"),
    ("Minutes of the Lakeport Regional Health Cluster", "Lakeport Regional Health Cluster", "Lakeport"),
])
def test_entities_coordination_body_names_its_place(text, model, place):
    got = tagged(text, model)
    assert (place, "PLACE") in got and (model, "ORG") in got, got


@pytest.mark.parametrize("text,model", [("Kits came from Care Freedonia.", "Care Freedonia")])
def test_entities_agency_with_a_country_names_no_place(text, model):
    assert ("Freedonia", "PLACE") not in tagged(text, model)
