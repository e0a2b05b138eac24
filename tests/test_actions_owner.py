"""Owners written after the task and groups of owners, in English and French (no model needed)."""
from __future__ import annotations

import pytest

from pipeline.actions.owner import OwnerIndex, group_owner, trailing_owner
from pipeline.actions.patterns import default_patterns
from pipeline.model import Participant

P = default_patterns()


def index(*names):
    parts = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                  for i, n in enumerate(names))
    return OwnerIndex((), parts, "")


@pytest.mark.parametrize("line, owner", [
    ("Chase the county council about the Mill Lane potholes  Clerk", "Clerk"),
    ("Ask for a speed survey on the school road  Cllr. Jones/Clerk", "Cllr. Jones/Clerk"),
    ("Check the play area weekly and log any damage - All", "All"),
    ("IRC to circulate the survey report to the cluster (Kate and Robert)", "Kate and Robert"),
    ("Harmoniser les critères de ciblage avant la prochaine réunion - ACF, CRS et MPDL", "ACF, CRS et MPDL"),
    ("Organiser une mission conjointe à Dakoro en avril (PAM / Direction Régionale)", "PAM / Direction Régionale"),
    ("Share the screening results by district with the sector UNICEF 15 March", "UNICEF"),
    ("Follow up with the district authorities on birth registration All partners", "All partners"),
])
def test_actions_owner_written_after_the_task(line, owner):
    assert trailing_owner(line, index("Kate Morel", "Robert Ellis"), P) == owner


@pytest.mark.parametrize("line", [
    "Marcus will contact the supermarkets about a Christmas collection.",
    "Oxfam will share the trucking schedule with UNICEF",
    "Le HCR va partager le plan de site révisé avec la mairie.",
    "The meeting started at 10:00 (late)",
])
def test_actions_owner_no_trailing_owner_in_plain_sentences(line):
    assert trailing_owner(line, index(), P) is None


@pytest.mark.parametrize("line, owner", [
    ("All partners to use the common hygiene messages in their sessions", "All partners"),
    ("Tous les partenaires doivent envoyer leurs matrices 3W avant le 25 mars", "Tous les partenaires"),
    ("Todos los socios actualizarán la matriz 4W", "Todos los socios"),
    ("Partners discussed the rents", None),
])
def test_actions_owner_groups(line, owner):
    assert group_owner(line, P) == owner
