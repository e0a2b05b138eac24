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


def _people(text: str):
    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.segment.columns import with_column_roles
    from pipeline.segment.participants import find_participants

    doc = ingest(Source(source_path="m.txt", data=text.encode("utf-8"), doc_id="t"), settings=Settings())
    found = find_participants(doc.text, with_column_roles(doc.blocks))
    assert all(doc.text[p.start_char:p.end_char] == p.text for p in found)
    return {p.name: (p.organisation, p.role) for p in found}


# A roster a converter wrote one cell a line: the row number alone, then name, organisation, position.
CELL_LINES = ("Coordination meeting of the water group\n"
              "List of participants:\n"
              "Name\nAgency\nPosition/Function\n"
              "1.\nIlka Marwood\nKestrel Aid\nField Officer\n"
              "2.\nBenno Sarafian\nLarkspur Relief\n"
              "3.\nOdile Trevanion\nKestrel Aid\nHydraulic Engineer\n"
              "AGENDA\n1.\n2.\nWelcome and review of the last notes\n")
# The same roster with the number before each name and the other cells on the next line, as " / " parts.
SLASH_LINES = ("List of participants:\n"
               "Name / Agency / Position\n"
               "  1. Ilka Marwood\n/ Kestrel Aid / Field Officer\n"
               "  1. Benno Sarafian\n/ Larkspur Relief / Team Lead\n"
               "  1. Odile Trevanion\n/ Kestrel Aid / Hydraulic Engineer\n"
               "\nAGENDA\n\n  1. Welcome\n  2. Review of the last notes\n")


@pytest.mark.parametrize("text", [CELL_LINES, SLASH_LINES])
def test_segment_participants_roster_flattened_one_cell_a_line(text):
    got = _people(text)
    assert {"Ilka Marwood", "Benno Sarafian", "Odile Trevanion"} <= set(got)
    assert got["Odile Trevanion"] == ("Kestrel Aid", "Hydraulic Engineer")
    assert not {"Welcome", "AGENDA", "Review of the last notes"} & set(got)


def test_segment_participants_numbering_that_starts_again_ends_the_roster():
    got = _people(CELL_LINES.replace("AGENDA\n", ""))
    assert "Welcome and review of the last notes" not in got and len(got) == 3


def test_segment_participants_column_names_without_numbered_rows_make_no_roster():
    got = _people("Name\nAgency\nPosition\nIlka Marwood\nKestrel Aid\nField Officer\n")
    assert "Kestrel Aid" not in got and "Field Officer" not in got


@pytest.mark.parametrize("entry,parsed", [
    ("Ivo MarchettiField Engineer- Kestrel Aid", ("Ivo Marchetti", "Kestrel Aid", "Field Engineer")),
    ("Rosa QuellinRelief Coord.- Larkspur Relief", ("Rosa Quellin", "Larkspur Relief", "Relief Coord.")),
])
def test_segment_participants_name_glued_to_a_role_word_is_split(entry, parsed):
    assert parse_entry(entry) == parsed


def test_segment_participants_roster_with_a_number_column_one_cell_a_line():
    got = _people("Attendance\nNo\nName\nOrganisation\n1\nIlka Marwood\nKestrel Aid\n2\nBenno Sarafian\nLarkspur Relief\n")
    assert got == {"Ilka Marwood": ("Kestrel Aid", None), "Benno Sarafian": ("Larkspur Relief", None)}
