"""Who chairs, as coordination minutes write it (invented names and bodies): the office or the body around the name
in a chair label, the name on the line after "Chaired by <body>:", a body alone that names no chair, an office in
apposition before "chaired the meeting", and a name written in capitals."""
from __future__ import annotations

import pytest

from pipeline.segment.chair import person_in
from test_segment import from_text


@pytest.mark.parametrize("value,name", [
    ("HC a.i., Tomas Verhoef", "Tomas Verhoef"),  # the office before the name
    ("/ Lorna P. Abellada, Assistant Secretary, ACME / / +00 0000", "Lorna P. Abellada"),
    ("Mr. Idris Kamaluddin Regional Director PWD", "Idris Kamaluddin"),  # the office's modifier after it
    ("Acting Director of Works Sela Vakaloloma Senior Officer", "Sela Vakaloloma"),
    ("U HTET LWIN, Director of Public Works", "U HTET LWIN"),  # a name written in capitals
    ("Mme Awa Konaté, cheffe de bureau", "Awa Konaté"),
    ("Sra. María del Carmen Ruiz, coordinadora", "María del Carmen Ruiz"),  # a particle inside the name
    ("Aminata N'Diaye (cluster lead)", "Aminata N'Diaye"),
    ("Said Omarov Hirad, Coordinator", "Said Omarov Hirad"),  # an everyday word opening the value is the name's
    ("Brindle", "Brindle"),  # one word, the whole value: a first name or a nick
    ("Brindle, facilitator", "Brindle"),
    ("JK", "JK"),  # initials
    ("AGENDA: Main hall of the Lake Office 4th June 2019 Dr. Ilse Varga 1. Welcome", "Ilse Varga"),  # stacked labels
])
def test_segment_chair_person_in_a_chair_value(value, name):
    span = person_in(value)
    assert span is not None and value[span[0]:span[1]] == name


@pytest.mark.parametrize("value", ["OCHA", "UNICEF", "Shelter Cluster", "the cluster lead", "NORTHAID"])
def test_segment_chair_person_in_a_value_that_names_a_body(value):
    assert person_in(value) is None


@pytest.mark.parametrize("text,chair", [
    ("Hub meeting\n\nChair: HC a.i., Tomas Verhoef\n\n1. Updates\n\nThe hub reported.\n", "Tomas Verhoef"),
    ("Shelter meeting\n\nChaired by ACME:\nLorna P. Abellada (, 0000111222)\n\nFacilitated by NORTHAID:\n"
     "Piet Kramer(, 0000333444)\n\n1. Updates\n\nNone.\n", "Lorna P. Abellada"),
    ("Shelter meeting\n\n  1. Introductions\n  2. Chaired by ACME - Lorna P Abellada , 0000111222\n\n"
     "1. Updates\n\nNone.\n", "Lorna P Abellada"),
    ("Minutes of the 12th WASH meeting\n\nThe meeting was held on 3 May in Ridgetown. Mr. Idris Kamaluddin, "
     "Cluster Coordinator North, chaired the Meeting. Introductions followed.\n\n1. Updates\n\nNone.\n",
     "Idris Kamaluddin"),
    ("Shelter sub-committee\n\nTime: 3:00 pm\n\nChair by:U HTET LWIN, Director of Public Works\n\n1. Camps\n\nRepairs.\n",
     "U HTET LWIN"),
    ("Cluster meeting Location: Port Ridge Date: Monday 3 May. Chair: ACME Present: Northaid Bluewater Relief "
     "Chair: Hanna Q Ostrova: Cluster Coordinator Deputy: Piet Kramer Adviser 1 Updates The cluster "
     "met.\n", "Hanna Q Ostrova"),
    ("Réunion du groupe abris\n\nPrésidée par : UNICEF, Mme Awa Konaté, cheffe de bureau\n\n1. Sites\n\nRAS.\n",
     "Awa Konaté"),
])
def test_segment_chair_the_person_around_the_office_or_body(text, chair):
    _, seg = from_text(text)
    assert seg.header.chair == chair


@pytest.mark.parametrize("text", [
    "Regional team meeting; Date: Thursday, 4 May 2023; Venue: Hub Room; Meeting Facilitator: OCHA\n\n"
    "1. Opening\n\nOCHA welcomed everyone.\n",
    "Camp meeting\n\nChair: UNICEF\n\n1. Sites\n\nNext month the session will be chaired by a delegate of the host.\n",
])
def test_segment_chair_a_body_alone_names_no_chair(text):
    _, seg = from_text(text)
    assert seg.header.chair is None
    assert not [p for p in seg.participants if p.role == "chair"]


@pytest.mark.parametrize("text,chair", [
    ("Réunion de coordination\n\nLa réunion a été co-présidée par M. Yawo Dossou, chef de sous-bureau, et l'UNICEF.\n\n"
     "1. Sites\n\nRAS.\n", "Yawo Dossou"),
    ("Reunión de coordinación\n\nLa reunión fue moderada por Lucía Ferrer Campos, coordinadora del clúster.\n\n"
     "1. Agua\n\nSin novedad.\n", "Lucía Ferrer Campos"),
])
def test_segment_chair_chairing_verbs_in_french_and_spanish(text, chair):
    _, seg = from_text(text)
    assert seg.header.chair == chair


@pytest.mark.parametrize("text,chair", [
    ("Reunión de la mesa de agua\n\nFecha: 3 de marzo de 2017\nModera: Lucía Ferrer Campos\n"
     "Asistentes: Tiago Valadares, Marisol Quintero\n\n1. Apertura\n\nSe abrió la sesión.\n", "Lucía Ferrer Campos"),
    ("Réunion du groupe Eau\n\nDate : 3 mars 2017\nModération : Yawo Dossou (KORA)\n"
     "Participants : Awa Konaté, Tiago Valadares\n\n1. Ouverture\n\nLa séance est ouverte.\n", "Yawo Dossou"),
])
def test_segment_chair_moderation_labels_in_french_and_spanish(text, chair):
    _, seg = from_text(text)
    assert seg.header.chair == chair
