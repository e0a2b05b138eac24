"""Segment's cue words as data: the shipped files compile, and a new language is a data edit."""
from __future__ import annotations

import json
import re

import pytest

from pipeline.segment.cues import heading_words, load_heading_words
from pipeline.segment.lexicon import load_org_heads, looks_like_org

KEYS = ("aob", "front_matter", "not_leads", "agenda_intro", "update_words", "update_links", "page_words",
        "page_links", "title_prefixes", "title_links", "item_words", "item_prefixes", "topic_words", "action_words",
        "point_words", "of_the_day")


@pytest.mark.parametrize("text,field,matches", [
    ("A.O.B.", "aob", True), ("Questions diverses", "aob", True), ("Ruegos y preguntas", "aob", True),
    ("Budget review", "aob", False),
    ("Ordre du jour", "front_matter", True), ("Table of contents", "front_matter", True),
    ("Action points", "not_leads", True), ("Acuerdos", "not_leads", True), ("Oxfam", "not_leads", False),
    ("Page 2 of 5", "page_furniture", True), ("Página 3 de 4", "page_furniture", True),
    ("Seite 1 von 2", "page_furniture", True), ("Phase 2 of 5", "page_furniture", False),
    ("Compte rendu de la réunion", "title_prefix", True), ("Meeting of partners", "title_prefix", False),
])
def test_segment_cues_shipped_heading_words(text, field, matches):
    rx = getattr(heading_words(), field)
    assert bool(rx.match(text)) is matches


@pytest.mark.parametrize("lead,who", [("Update from Oxfam", "Oxfam"), ("Oxfam update", "Oxfam")])
def test_segment_cues_update_by_names_who(lead, who):
    m = heading_words().update_by.match(lead)
    assert (m.group("who") or m.group("who2")) == who


def test_segment_cues_a_language_is_a_data_edit(tmp_path):
    section = {k: [] for k in KEYS} | {"aob": ["rondvraag"], "page_words": ["pagina"], "page_links": ["van"],
                                       "update_words": ["verslag"], "update_links": ["van"]}
    path = tmp_path / "headings.json"
    path.write_text(json.dumps({"nl": section}), encoding="utf-8")
    words = load_heading_words(path)
    assert words.aob.match("Rondvraag") and words.page_furniture.match("Pagina 2 van 3")
    assert words.update_by.match("Verslag van de penningmeester").group("who") == "de penningmeester"
    assert not words.aob.match("AOB")


def test_segment_cues_organisation_heads_per_language(tmp_path):
    path, shared = tmp_path / "organisations.json", tmp_path / "org_words.json"
    path.write_text(json.dumps({"nl": {"heads": ["stichting"]}, "en": {"heads": ["cross"]}}), encoding="utf-8")
    shared.write_text(json.dumps({"en": {"heads": ["cluster"]}, "_doc": "entity heads"}), encoding="utf-8")
    heads = load_org_heads(path, shared)
    assert heads.fullmatch("Stichting") and heads.fullmatch("cluster") and heads.fullmatch("Cross")
    assert not heads.fullmatch("ministry")
    assert looks_like_org("Ministerio de Salud") and looks_like_org("Protection Cluster")


@pytest.mark.parametrize("text,chair", [
    ("Water board meeting\n\nDate: 3 May 2023\n\nAttendees:\n- Ines Okafor (Convenor)\n- Tomas Lindqvist\n\n"
     "1. Pumps\n\nTwo pumps were repaired.\n", "Ines Okafor"),  # a role word of chair.json, in the attendee list
    ("Réunion des partenaires\n\nLa réunion s'est tenue sous la présidence de M. Karim Benali, chef de bureau.\n\n"
     "1. Abris\n\nLes travaux avancent dans les deux sites.\n", "Karim Benali"),
    ("Reunión de socios\n\nLa sesión fue presidida por Sra. Lucía Ferrer en la sala grande.\n\n"
     "1. Agua\n\nSe repararon dos bombas.\n", "Lucía Ferrer"),
])
def test_segment_cues_chair_words_in_roles_and_sentences(text, chair):
    from test_segment import from_text

    _, seg = from_text(text)
    assert seg.header.chair == chair


@pytest.mark.parametrize("text,chair", [
    ("Choir committee\n\n1.1 Opening\nMarta Quist was elected Chair\n\n1.2 Budget\n\nThe budget was approved.\n",
     "Marta Quist"),
    ("Choir committee\n\nWelcome\nOwen Pryce chaired the meeting.\n\nBudget\n\nThe budget was approved.\n", "Owen Pryce"),
])
def test_segment_cues_chair_name_before_its_verb_keeps_to_its_line(text, chair):
    from test_segment import from_text

    _, seg = from_text(text)
    assert seg.header.chair == chair


@pytest.mark.parametrize("text,chair", [
    ("Choir committee\n\n1.1 Opening\nMarta was elected Chair\n\n1.2 Budget\n\nThe budget was approved.\n", "Marta"),
    ("Choir committee\n\n1.1 Opening\nBudget was elected Chair\n\n1.2 Budget\n\nThe budget was approved.\n", None),
])
def test_segment_cues_chair_by_first_name_alone(text, chair):
    from test_segment import from_text

    _, seg = from_text(text)
    assert seg.header.chair == chair


@pytest.mark.parametrize("line,number,explicit", [
    ("Agenda item 4.1: Funding gaps", "Agenda item 4.1", True), ("Topic 2 - Warehouse stock", "Topic 2", False),
    ("2º punto del día: Presupuesto", "2º punto del día", True), ("Point 3 : Calendrier", "Point 3", True),
    ("Action 12.3 - Circulate the map", "Action 12.3", True),
])
def test_segment_cues_numbering_words_are_data(line, number, explicit):
    from pipeline.segment.headings import EXPLICIT_ITEM, NUMBER

    m = NUMBER.match(line)
    assert m is not None and m.group("number").strip() == number
    assert bool(EXPLICIT_ITEM.search(m.group("number"))) is explicit


def test_segment_cues_numbering_words_of_a_new_language(tmp_path):
    section = {k: [] for k in KEYS} | {"point_words": ["punkt"], "of_the_day": ["der\\s+tagesordnung"]}
    path = tmp_path / "headings.json"
    path.write_text(json.dumps({"de": section}), encoding="utf-8")
    words = load_heading_words(path)
    assert re.fullmatch(words.item_number, "3º Punkt der Tagesordnung", re.I)
    assert words.explicit_item.search("Punkt 4") and not words.explicit_item.search("Topic 4")
