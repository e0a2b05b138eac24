"""Attendance-list words kept as data: models/segment/participants.json, merged over its language sections."""
from __future__ import annotations

import json

from pipeline.segment.participants import ABSENT_AFTER_EMAIL, LIST_LANGUAGES, SENTENCE_BREAK, load_participant_words


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
