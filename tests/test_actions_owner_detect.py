"""Owners as detect_actions attaches them to listed lines, English and French (slow: loads the trained classifier)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.actions import detect_actions, load_scorer
from pipeline.config import Settings
from pipeline.model import Mention, Participant
from tests.test_actions_candidates import build

pytestmark = pytest.mark.slow
SETTINGS = Settings()


@pytest.fixture(scope="module")
def scorer():
    return load_scorer(SETTINGS)


def owners(parts, scorer, mentions=()):
    doc, seg = build(parts)
    items = detect_actions(doc, seg, tuple(mentions), scorer=scorer, settings=SETTINGS)
    assert all(doc.text[a.start_char:a.end_char] == a.text for a in items)
    return {a.text: a.owner for a in items}


def listed_owners(line, scorer, mentions=()):
    """Owners of the actions of one list item under "Action points:"."""
    return owners([("paragraph", "Action points:"), ("list_item", line, {"level": 1})], scorer, mentions)


@pytest.mark.parametrize("line, owner", [
    ("Lantern Walk: book the hall and find two stewards (Olwen & Teodor)", "Olwen & Teodor"),
    ("Fête du Port : réserver la salle et prévenir les écoles (Aurèle et Maïwenn)", "Aurèle et Maïwenn"),
])
def test_actions_owner_detect_names_in_brackets_outrank_a_topic_label(scorer, line, owner):
    got = listed_owners(line, scorer)
    assert got.get(line) == owner, got


@pytest.mark.parametrize("line, first, owner", [
    ("Get the tile server running (note: patch the renderer!) for the Lisbon workshop (Quillan)",
     "Get the tile server running (note: patch the renderer!)", "Quillan"),
    ("Vérifier les réservoirs du bloc C (note : chlore !) avant la distribution (Ousmane)",
     "Vérifier les réservoirs du bloc C (note : chlore !)", "Ousmane"),
])
def test_actions_owner_detect_closing_brackets_own_every_sentence_of_the_line(scorer, line, first, owner):
    got = listed_owners(line, scorer)
    assert got.get(first) == owner, got


@pytest.mark.parametrize("line, org, canonical, owner", [
    ("WHO to share the weekly surveillance bulletin with all partners.", "WHO", "World Health Organization",
     "World Health Organization (WHO)"),
    ("WHO to circulate the cholera line list before Friday.", "WHO", "World Health Organization",
     "World Health Organization (WHO)"),
])
def test_actions_owner_detect_capitalised_agency_is_not_a_pronoun(scorer, line, org, canonical, owner):
    mentions = [Mention(line.index(org) + len("Action points:\n"), line.index(org) + len("Action points:\n") + len(org),
                        org, "ORG", canonical, "org:who", "gazetteer")]
    got = listed_owners(line, scorer, mentions)
    assert got.get(line) == owner, got


@pytest.mark.parametrize("line, owner", [
    ("All cluster members to send their gap analysis to the coordinator by Monday", "All cluster members"),
    ("NFI members will check the kit list against the winter standard", "NFI members"),
    ("Tous les partenaires doivent envoyer leurs matrices 3W avant la fin du mois", "Tous les partenaires"),
    # a named team, in English or French
    ("Logistics support team to collect the spare tarpaulins from the depot", "Logistics support team"),
    ("L'équipe de coordination du cluster Abris doit relancer les bailleurs avant vendredi",
     "L'équipe de coordination du cluster Abris"),
])
def test_actions_owner_detect_groups_own_their_actions(scorer, line, owner):
    got = listed_owners(line, scorer)
    assert got.get(line) == owner, got


@pytest.mark.parametrize("paragraph, sentence, owner", [
    ("Mirela informs that she has to leave early. She will raise the travel budget with the finance office next week.",
     "She will raise the travel budget with the finance office next week.", "Mirela Vasquez"),
    ("Toby reminded everyone about the deadline. He will send the room booking to the caretaker by Friday.",
     "He will send the room booking to the caretaker by Friday.", "Toby Granger"),
])
def test_actions_owner_detect_he_or_she_is_a_participant_named_before(scorer, paragraph, sentence, owner):
    people = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                   for i, n in enumerate(("Mirela Vasquez", "Toby Granger", "Odile Marchand")))
    doc, seg = build([("paragraph", paragraph)], participants=people)
    got = {a.text: a.owner for a in detect_actions(doc, seg, (), scorer=scorer, settings=SETTINGS)}
    assert got.get(sentence) == owner, got


@pytest.mark.parametrize("line", [
    "Read https://docs.example.net/api/v2/intro.html to set up the client",
    "Como es la primera sesión, decidimos preparar juntos la entrega mientras decidíamos los detalles del informe.",
])
def test_actions_owner_detect_a_lower_case_subject_names_no_one(scorer, line):
    """A misparsed URL or a Spanish verb read as the subject is not an owner."""
    got = owners([("paragraph", "Actions:"), ("list_item", line, {"level": 1})], scorer)
    assert line in got and got[line] is None, got


@pytest.mark.parametrize("line, org", [
    ("Le HCR va partager la liste des sites avec les partenaires.", "HCR"),
    ("Le PAM va distribuer les vivres dans les trois sites la semaine prochaine.", "PAM"),
])
def test_actions_owner_detect_french_owner_from_the_french_parse(scorer, line, org):
    """detect_actions reads who acts from owner_parse (the document's own language), not the English parse."""
    import spacy

    french = spacy.load("fr_core_news_sm", exclude=["ner", "lemmatizer"])
    start = len("Points d'action :\n") + line.index(org)
    mentions = (Mention(start, start + len(org), org, "ORG", org, None, "gazetteer"),)
    doc, seg = build([("paragraph", "Points d'action :"), ("list_item", line, {"level": 1})])
    got = {a.text: a.owner for a in detect_actions(doc, seg, mentions, scorer=scorer, settings=SETTINGS,
                                                   owner_parse=lambda texts: list(french.pipe(texts)))}
    assert got.get(line) == org, got


@pytest.mark.parametrize("line, org, owner", [
    ("Se ha encargado Rocío de montar una carpeta compartida en Nextcloud para las actas.", None, None),
    ("Se ha revisado el servidor del Wiki y se acuerda cambiar todas las contraseñas.", None, None),
    ("La Cruz Roja enviará los kits de higiene a Tillabéri la próxima semana.", "Cruz Roja", "Cruz Roja"),
])
def test_actions_owner_detect_spanish_is_not_read_by_the_english_parse(scorer, line, org, owner):
    """Spanish has no parser of its own here: a subject the English parse makes up is no owner, a known name is."""
    import dataclasses

    start = len("Acciones:\n") + line.index(org) if org else 0
    mentions = (Mention(start, start + len(org), org, "ORG", org, None, "gazetteer"),) if org else ()
    doc, seg = build([("paragraph", "Acciones:"), ("list_item", line, {"level": 1})])
    seg = dataclasses.replace(seg, header=dataclasses.replace(seg.header, language="es"))
    got = {a.text: a.owner for a in detect_actions(doc, seg, mentions, scorer=scorer, settings=SETTINGS)}
    assert line in got and got[line] == owner, got


@pytest.mark.parametrize("line, owner", [
    ("**Ysolde:** Yes, I can write up the migration notes before the next call.", "Ysolde"),
    ("Corwin: Sure, I will open the tracking issue for the release checklist.", "Corwin"),
])
def test_actions_owner_detect_the_speaker_of_a_turn_owns_what_i_will_do(scorer, line, owner):
    """In a transcript line "Name: I will ...", "I" is the one whose turn it is."""
    got = listed_owners(line, scorer)
    assert [o for t, o in got.items() if "I " in t] == [owner], got


@pytest.mark.parametrize("line, owner", [
    ("Thornbury moved to accept the petition and refer it to the Borough Surveyor for a report.", "Borough Surveyor"),
    ("The board agreed to delegate the venue search to the Events Committee.", "Events Committee"),
    ("Authorizing the Harbour Treasurer to release the grant for the boathouse roof.",
     "Harbour Treasurer"),
])
def test_actions_owner_detect_the_one_a_matter_is_handed_to_owns_it(scorer, line, owner):
    got = listed_owners(line, scorer)
    assert got.get(line) == owner, got


@pytest.mark.parametrize("heading, label, source, owner", [
    ("UNICEF", "ORG", "gazetteer", "UNICEF"),
    ("Roadmap", "PERSON", "model", None),  # a topic the recogniser took for a name
])
def test_actions_owner_detect_a_heading_that_names_an_agency_owns_its_plans(scorer, heading, label, source, owner):
    """Under a heading that is an organisation's name, its planned activities are that organisation's."""
    line = "Will distribute four hundred hygiene kits in the northern camps next week."
    doc, seg = build([("heading", heading), ("list_item", line, {"level": 1})],
                     sections=[(heading, "agenda_item", 0, 1)])
    mentions = (Mention(0, len(heading), heading, label, heading, f"x:{heading.lower()}", source),)
    items = detect_actions(doc, seg, mentions, scorer=scorer, settings=SETTINGS)
    assert [a.owner for a in items if a.text == line] == [owner]


@pytest.mark.parametrize("line, orgs, owner", [
    ("El PMA compartirá el calendario de las distribuciones antes del viernes.", ("PMA",), "PMA"),
    ("FAO y ACNUR van a revisar la lista de hogares de la zona alta.", ("FAO", "ACNUR"), "FAO y ACNUR"),
    ("Revisar con el PMA el calendario de las distribuciones.", ("PMA",), None),
])
def test_actions_owner_detect_spanish_names_opening_the_sentence_own_it(scorer, line, orgs, owner):
    """With no Spanish parser, the known names a sentence opens with (after an article) are who acts."""
    import dataclasses

    mentions = tuple(Mention(len("Acciones:\n") + line.index(o), len("Acciones:\n") + line.index(o) + len(o), o, "ORG",
                             o, None, "gazetteer") for o in orgs)
    doc, seg = build([("paragraph", "Acciones:"), ("list_item", line, {"level": 1})])
    seg = dataclasses.replace(seg, header=dataclasses.replace(seg.header, language="es"))
    got = {a.text: a.owner for a in detect_actions(doc, seg, mentions, scorer=scorer, settings=SETTINGS)}
    assert line in got and got[line] == owner, got


@pytest.mark.parametrize("line, people, owner", [
    ("Rocío se ha encargado de montar una carpeta compartida para las actas del grupo.",
     ("Rocío Benítez Lara", "Anselmo Vidal"), "Rocío Benítez Lara"),
    ("Anselmo Vidal y Rocío van a preparar la demo del viernes para el cliente.",
     ("Rocío Benítez Lara", "Anselmo Vidal"), "Anselmo Vidal, Rocío Benítez Lara (Anselmo Vidal y Rocío)"),
    ("Rocío se ha encargado de montar una carpeta compartida para las actas del grupo.",
     ("Rocío Benítez Lara", "Rocío Marín"), None),  # two listed Rocíos: the first name names no one in particular
    ("Cristina se ha encargado de montar una carpeta compartida para las actas del grupo.",
     ("Rocío Benítez Lara", "Anselmo Vidal"), None),  # not on the attendance list
])
def test_actions_owner_detect_spanish_listed_names_opening_the_sentence_own_it(scorer, line, people, owner):
    """With no Spanish parser, an attendance-list name the sentence opens with (full, or the first name of one
    participant) is who acts, even where the recogniser tagged no name."""
    import dataclasses

    parts = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=0, text=n)
                  for i, n in enumerate(people))
    doc, seg = build([("paragraph", "Acciones:"), ("list_item", line, {"level": 1})], participants=parts)
    seg = dataclasses.replace(seg, header=dataclasses.replace(seg.header, language="es"))
    got = {a.text: a.owner for a in detect_actions(doc, seg, (), scorer=scorer, settings=SETTINGS)}
    assert line in got and got[line] == owner, got


@pytest.mark.parametrize("line, owner", [
    ("Punto 3: Rocío se ha encargado de montar una carpeta compartida para las actas.", "Rocío Benítez Lara"),
    ("Punto 3: se ha montado una carpeta compartida para las actas de Rocío.", None),
])
def test_actions_owner_detect_spanish_names_after_an_item_lead_in_own_it(scorer, line, owner):
    """An item's lead-in ("Punto 3:") may come before the listed name the sentence opens with."""
    import dataclasses

    parts = (Participant(ordinal=0, name="Rocío Benítez Lara", kind="person", start_char=0, end_char=0,
                         text="Rocío Benítez Lara"),)
    doc, seg = build([("paragraph", "Acciones:"), ("list_item", line, {"level": 1})], participants=parts)
    seg = dataclasses.replace(seg, header=dataclasses.replace(seg.header, language="es"))
    got = {a.text: a.owner for a in detect_actions(doc, seg, (), scorer=scorer, settings=SETTINGS)}
    assert [o for t, o in got.items() if "carpeta" in t] == [owner], got


def _org_mentions(text: str, orgs) -> tuple[Mention, ...]:
    return tuple(Mention(text.index(o), text.index(o) + len(o), o, "ORG", o, None, "gazetteer") for o in orgs)


@pytest.mark.parametrize("line, sentence, orgs, owner, lang", [
    ("Last month Harbour Aid and Kestrel Relief assessed the wells of the district. They will send the findings to "
     "the cluster next week.", "They will send the findings to the cluster next week.",
     ("Harbour Aid", "Kestrel Relief"), "Harbour Aid and Kestrel Relief", "en"),
    ("Harbour Aid et Kestrel Relief ont évalué les puits du district. Ils enverront les résultats au cluster la "
     "semaine prochaine.", "Ils enverront les résultats au cluster la semaine prochaine.",
     ("Harbour Aid", "Kestrel Relief"), "Harbour Aid et Kestrel Relief", "fr"),
])
def test_actions_owner_detect_they_are_the_organisations_the_sentence_before_names(scorer, line, sentence, orgs,
                                                                                    owner, lang):
    """'They will ...' with no named clause: the organisations named as the subject of the sentence before."""
    import spacy

    lead = "Action points:" if lang == "en" else "Points d'action :"
    doc, seg = build([("paragraph", lead), ("list_item", line, {"level": 1})])
    parse = None
    if lang == "fr":
        french = spacy.load("fr_core_news_sm", exclude=["ner", "lemmatizer"])
        parse = lambda texts: list(french.pipe(texts))  # noqa: E731
        seg = replace(seg, header=replace(seg.header, language="fr"))
    items = detect_actions(doc, seg, _org_mentions(doc.text, orgs), scorer=scorer, settings=SETTINGS, owner_parse=parse)
    got = {a.text: a.owner for a in items}
    assert got.get(sentence) == owner, got


@pytest.mark.parametrize("line, sentence", [
    ("Prices rose again in the market. They will probably stay high until the harvest is in.",
     "They will probably stay high until the harvest is in."),
])
def test_actions_owner_detect_they_after_no_named_subject_is_no_one(scorer, line, sentence):
    got = listed_owners(line, scorer)
    assert got.get(sentence) is None, got


@pytest.mark.parametrize("lead, header, row, task, owner", [
    ("Action points:", "Topic / Agency responsible / Action", "Hand pumps of block C / Harbour Aid / Pumps to be repaired before the rains",
     "Pumps to be repaired before the rains", "Harbour Aid"),
    ("Points d'action :", "Sujet / Responsable / Action", "Pompes du bloc C / Terre Solidaire / Réparer les pompes avant les pluies",
     "Réparer les pompes avant les pluies", "Terre Solidaire"),
])
def test_actions_owner_detect_a_flattened_row_is_owned_by_its_owner_cell(scorer, lead, header, row, task, owner):
    """'topic / agency / action' rows of a table flattened onto lines: the agency cell owns the row's action."""
    got = owners([("paragraph", lead), ("paragraph", header), ("paragraph", row)], scorer)
    assert [v for k, v in got.items() if task in k] == [owner], got


@pytest.mark.parametrize("line, owner", [
    ("Harbor Relief Team (HRT) to summarise the winter plan at the next meeting.", "Harbor Relief Team (HRT)"),
    ("Stock levels – FMT to phone the suppliers and share the revised kit list.", "FMT"),
])
def test_actions_owner_detect_a_task_handed_to_an_actor_by_form_is_the_actors(scorer, line, owner):
    got = owners([("paragraph", "Typhoon response coordination"), ("list_item", line, {"level": 1})], scorer)
    assert got.get(line) == owner, got
