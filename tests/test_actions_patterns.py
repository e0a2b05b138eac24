"""The action cues of models/actions/patterns.json, compiled once into a frozen Patterns object."""
from __future__ import annotations

import json
import re

import pytest

from pipeline.actions.patterns import PATTERNS_PATH, default_patterns, load_patterns


def test_actions_patterns_done_word_after_a_previous_action():
    done = default_patterns().status_done_after
    assert done.search("Print the site maps for the depot - Completed")
    assert done.search("Hire two drivers (done)") and not done.search("Hire two drivers, undone so far")


def test_actions_patterns_a_done_word_is_a_data_edit(tmp_path):
    raw = json.loads(PATTERNS_PATH.read_text(encoding="utf-8"))
    raw["status_done_after"] = raw["status_done_after"].replace("done|", "done|erledigt|")
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_patterns(path).status_done_after.search("Raumplan an alle senden: erledigt")
    assert not default_patterns().status_done_after.search("Raumplan an alle senden: erledigt")


def test_actions_patterns_owner_titles_per_language(tmp_path):
    title = re.compile(rf"^(?:{default_patterns().owner_title})\.?\s+", re.I)
    assert title.match("Cllr Ama Boateng") and title.match("Mme. Lise Roux") and title.match("Sra Inés Paz")
    assert not title.match("Mrsa team")
    raw = json.loads(PATTERNS_PATH.read_text(encoding="utf-8"))
    raw["owner_titles"]["de"] = ["herr", "frau"]
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert {"herr", "frau", "cllr"} <= set(load_patterns(path).owner_title.split("|"))


def test_actions_patterns_reference_words_point_at_a_listed_item(tmp_path):
    ref = default_patterns().reference
    assert ref.match("Action-3").group(1) == "3" and ref.match("task #12") and ref.match("AP 4")
    assert not ref.match("Action 3: call the depot") and not ref.match("Acción 2")
    raw = json.loads(PATTERNS_PATH.read_text(encoding="utf-8"))
    raw["reference_words"]["es"] = ["acción", "tarea"]
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_patterns(path).reference.match("Acción 2").group(1) == "2"


def test_actions_patterns_trailing_deadline_words_per_language(tmp_path):
    line = "Raum buchen Hausmeister bis Ende März"
    assert default_patterns().owner_trailing_date.search(line).group(0) == " März"
    assert default_patterns().owner_trailing_date.search("Fix the gate latch Clerk TBC").group(0) == " TBC"
    raw = json.loads(PATTERNS_PATH.read_text(encoding="utf-8"))
    raw["owner_trailing_dates"]["de"] = {"leads": ["bis"], "parts": ["ende"]}
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_patterns(path).owner_trailing_date.search(line).group(0) == " bis Ende März"


@pytest.mark.parametrize("sentence, cued", [
    ("The district relief office commits to release the stored tarpaulins to the listed families.", True),
    ("Harrow Aid is urged to close the gap in the southern sites.", True),
    ("Le comité local s'engage à transmettre la liste des ménages.", True),
    ("L'ONG Brisevent prévoit d'installer deux citernes à Valmeuse.", True),
    ("Une séance de formation est prévue pour les relais communautaires.", True),
    ("La alcaldía se compromete a entregar el informe de daños.", True),
    ("Está prevista una segunda visita a la vereda El Roble.", True),
    ("The kits reached the last two villages on the same day.", False),
])
def test_actions_patterns_commitment_and_plan_cues(sentence, cued):
    # a cue sends unmarked prose to the classifier at the prose bar instead of the near-certain bar
    assert bool(default_patterns().cues.search(sentence)) is cued
