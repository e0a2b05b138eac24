"""Attendance-list words kept as data: models/segment/participants.json, merged over its language sections."""
from __future__ import annotations

import json

import pytest

from pipeline.segment.participants import (ABSENT_AFTER_EMAIL, LIST_LANGUAGES, SENTENCE_BREAK, load_participant_words,
                                           parse_entry)


def test_segment_participants_sentence_break_skips_written_abbreviations():
    assert SENTENCE_BREAK.search("Dr. Ilse Varga (Relief Hub). Notes follow").start() == len("Dr. Ilse Varga (Relief Hub)")
    assert SENTENCE_BREAK.search("Prof. Oren Malik and Mrs. Tui Ngata") is None


def test_segment_participants_absent_reply_after_an_email_address():
    assert ABSENT_AFTER_EMAIL.match(" Field Officer kim.oduya@example.org nein")
    assert ABSENT_AFTER_EMAIL.match(" kim.oduya@example.org non merci")
    assert not ABSENT_AFTER_EMAIL.match(" kim.oduya@example.org yes")
    assert not ABSENT_AFTER_EMAIL.match(" kim.oduya@example.org nonetheless")


def test_segment_participants_list_languages_are_the_word_frequency_sections():
    assert {"en", "fr", "es"} <= set(LIST_LANGUAGES)


def test_segment_participants_a_new_language_is_a_data_edit(tmp_path):
    shipped = json.loads(open("models/segment/participants.json", encoding="utf-8").read())
    shipped["nl"] = {"abbreviations": ["Dhr", "Mevr"], "absent_replies": ["nee"], "word_frequency": ["nl"]}
    path = tmp_path / "participants.json"
    path.write_text(json.dumps(shipped), encoding="utf-8")
    words = load_participant_words(path)
    assert {"Dhr", "Mevr", "Dr"} <= set(words["abbreviations"])
    assert words["absent_replies"][-1] == "nee" and "nein" in words["absent_replies"]
    assert words["word_frequency"][-1] == "nl"


@pytest.mark.parametrize("entry,parsed", [
    ("Ms. Tamsin Rooke-Chairperson - NORTHAID", ("Tamsin Rooke", "NORTHAID", "Chairperson")),
    ("Mr. Joss Varley- Water Cluster Lead, WASHCO", ("Joss Varley", "WASHCO", "Water Cluster Lead")),
    ("Pell OrvandField Officer- NORTHAID", ("Pell Orvand", "NORTHAID", "Field Officer")),
    ("Kim Halden-TARNAID, Programme Officer", ("Kim Halden", "TARNAID", "Programme Officer")),
])
def test_segment_participants_field_break_that_lost_its_spaces(entry, parsed):
    """A dash with a space on one side, a bare hyphen or no space at all after the name still parts the fields."""
    assert parse_entry(entry) == parsed


@pytest.mark.parametrize("entry", ["Ana Ruiz-Lopez", "Jean-Pierre Dupont", "Tamsin McCall"])
def test_segment_participants_hyphenated_and_inner_capital_names_stay_whole(entry):
    assert parse_entry(entry) == (entry, None, None)
