"""Local governments named after their place (pipeline/entities/bodies.py)."""
from __future__ import annotations

import pytest

from pipeline.entities.bodies import local_governments
from pipeline.model import Mention


def place(text: str, name: str) -> Mention:
    at = text.index(name)
    return Mention(at, at + len(name), name, "PLACE", name, None, "model")


def relabel(text: str, name: str) -> set[tuple[str, str]]:
    def make(s: int, e: int) -> Mention:
        return Mention(s, e, text[s:e], "ORG", text[s:e], None, "rule")

    return {(m.text, m.label) for m in local_governments([place(text, name)], text, make)}


@pytest.mark.parametrize("text,name,found", [
    ("Agreement between the City of Marlow and the water board.", "City of Marlow", ("City of Marlow", "ORG")),
    ("Dana Ruiz v. City of Marlow, settled.", "Marlow", ("City of Marlow", "ORG")),
    ("La Mairie de Kessa a fourni deux salles.", "Mairie de Kessa", ("Mairie de Kessa", "ORG")),
    ("Families moved back to the City of Marlow last week.", "City of Marlow", ("City of Marlow", "PLACE")),
    ("Flooding in the City of Marlow closed two schools.", "Marlow", ("Marlow", "PLACE")),
    ("The market of Marlow reopened.", "Marlow", ("Marlow", "PLACE")),
])
def test_entities_bodies_city_of_a_place_is_its_government(text, name, found):
    assert relabel(text, name) == {found}
