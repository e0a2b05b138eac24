"""Owners written after the task and groups of owners, in English and French (no model needed)."""
from __future__ import annotations

import pytest

from pipeline.actions.owner import (OwnerIndex, assigned_actor, group_owner, names_only, trailing_owner,
                                    trailing_paren_owner)
from pipeline.actions.patterns import default_patterns
from pipeline.model import Mention, Participant

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
    ("Mettre à jour la cartographie des points d'eau ACF 30 avril", "ACF"),
    ("Vérifier les stocks de savon avant la distribution Secrétariat fin mars", "Secrétariat"),
    ("Actualizar el mapa de los pozos en la zona norte UNICEF 15 de mayo", "UNICEF"),
    ("Revisar las letrinas del colegio con la brigada Secretaría 3 de junio de 2024", "Secretaría"),
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
    ("All cluster members to send their gap analysis to the coordinator", "All cluster members"),
    ("All WASH partners to map the latrines in the eastern blocks", "All WASH partners"),
    ("NFI members will check the kit list against the winter standard", "NFI members"),
    ("Les partenaires du GTEA vont relancer les comités de gestion des points d'eau", "Les partenaires du GTEA"),
    ("Tous les membres du cluster enverront leurs rapports", "Tous les membres"),
    ("Partners to update the 4W matrix before the next meeting", "Partners"),
    ("Les partenaires doivent transmettre leurs listes de bénéficiaires", "Les partenaires"),
    ("Shelter Cluster coordinator to brief the camp managers on the new kits", "Shelter Cluster coordinator"),
    ("Nutrition Sector lead will call the district health office", "Nutrition Sector lead"),
    ("Partners need to upload their borehole logs by 14 March", "Partners"),
    ("Members encouraged to propose two reviewers for the toolkit", "Members"),
    ("Agencies are requested to report their stock levels weekly", "Agencies"),
    ("Participants have to confirm their seats before Tuesday", "Participants"),
    ("Logistics support team to collect the spare tarpaulins from the depot", "Logistics support team"),
    ("Camp Liaison Staff will walk the new plots with the block leaders", "Camp Liaison Staff"),
    ("Water Quality Unit to test the chlorine levels at every tap stand", "Water Quality Unit"),
    ("L'équipe de coordination du cluster Abris doit relancer les bailleurs", "L'équipe de coordination du cluster Abris"),
    ("L'équipe WASH va vérifier les stocks de savon du dépôt", "L'équipe WASH"),
    ("Direct town staff to keep the shelters open through the cold spell", None),
    ("WASH partners to share their stock of hygiene kits", "WASH partners"),
    ("The Reeve directed staff to call back every resident who wrote in", None),
    ("Support the district team to map the flooded wells", None),
    ("L'équipe a présenté les résultats de l'enquête", None),
    ("Partners discussed the rents", None),
    ("Partners requested more time for the survey", None),
    ("The coordinator thanked the partners", None),
    ("Some members asked for a later slot", None),
    ("The members of the board thanked the hosts", None),
])
def test_actions_owner_groups(line, owner):
    assert group_owner(line, P) == owner


def org_index(*pairs):
    """An index over ORG mentions written in a text: (written, canonical) pairs."""
    text, mentions = "", []
    for written, canonical in pairs:
        mentions.append(Mention(len(text), len(text) + len(written), written, "ORG", canonical, f"org:{written}", "gazetteer"))
        text += written + " "
    return OwnerIndex(tuple(mentions), (), text)


@pytest.mark.parametrize("written, owner", [
    ("SCF/TARA/KWD", "SCF/TARA/KWD"),
    ("ACF, CRS et MPDL", "ACF, CRS et MPDL"),
    ("WFP and FAO", "WFP and FAO"),
])
def test_actions_owner_list_of_acronyms_stays_as_written(written, owner):
    index = org_index(("SCF", "Save the Children Federation"), ("ACF", "Action Contre la Faim"),
                      ("WFP", "World Food Programme"), ("FAO", "Food and Agriculture Organization"))
    assert index.resolve(written).name == owner


@pytest.mark.parametrize("written, owner", [
    ("Health sector", "Health Cluster (Health sector)"),  # another written form keeps what the minutes wrote
    ("HCR", "UNHCR (HCR)"),  # a one-word canonical name, written in another language
    ("shelter cluster", "Shelter Cluster"),  # the same name in other capitals is just the name
])
def test_actions_owner_catalogued_alias_keeps_the_written_form(written, owner):
    canonical = {"Health sector": "Health Cluster", "HCR": "UNHCR", "shelter cluster": "Shelter Cluster"}[written]
    assert org_index((written, canonical)).resolve(written).name == owner


@pytest.mark.parametrize("written, owner", [
    ("WFP", "World Food Programme (WFP)"),
    ("Kirsi and Radek", "Kirsi Morel, Radek Ellis (Kirsi and Radek)"),
])
def test_actions_owner_single_acronyms_and_first_names_still_expand(written, owner):
    parts = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                  for i, n in enumerate(("Kirsi Morel", "Radek Ellis")))
    mention = Mention(0, 3, "WFP", "ORG", "World Food Programme", "org:wfp", "gazetteer")
    assert OwnerIndex((mention,), parts, "WFP ").resolve(written).name == owner


@pytest.mark.parametrize("line, owner", [
    ("Share the registration figures with the camp committee (Quillan)", "Quillan"),
    ("Faire le point sur les stocks de chlore (Ousmane / DRH)", "Ousmane / DRH"),
    ("Design the poster for the open day (draft first)", None),
])
def test_actions_owner_trailing_brackets(line, owner):
    assert trailing_paren_owner(line, index(), P) == owner


def mixed_index():
    """Participants Awa Sarr and Tomas Lind; ORG mentions ACME Relief, Croix Solidaire and WASH Cluster."""
    text = "ACME Relief Croix Solidaire WASH Cluster UNICEF"
    mentions = tuple(Mention(text.index(w), text.index(w) + len(w), w, "ORG", n, f"org:{w}", "gazetteer")
                     for w, n in (("ACME Relief", "ACME Relief"), ("Croix Solidaire", "Croix Solidaire"),
                                  ("WASH Cluster", "WASH Cluster"), ("UNICEF", "United Nations Children's Fund")))
    parts = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                  for i, n in enumerate(("Awa Sarr", "Tomas Lind")))
    return OwnerIndex(mentions, parts, text)


@pytest.mark.parametrize("written, owner, entity", [
    ("Jane Doe / ACME Relief", "Jane Doe / ACME Relief", "org:ACME Relief"),
    ("Awa Sarr/Croix Solidaire", "Awa Sarr/Croix Solidaire", "org:Croix Solidaire"),
    ("Tomas / UNICEF", "Tomas / UNICEF", "org:UNICEF"),
    ("UNICEF/WASH cluster", "UNICEF/WASH cluster", None),
    ("Awa/Tomas", "Awa Sarr, Tomas Lind (Awa/Tomas)", None),
])
def test_actions_owner_person_and_agency_pairs_stay_as_written(written, owner, entity):
    got = mixed_index().resolve(written)
    assert (got.name, got.entity_id) == (owner, entity)


@pytest.mark.parametrize("line", [
    "Publish the signed minutes on Wikiverse",
    "Weekly call of one hour at 4pm-5pm CET",
    "Publier le compte rendu validé sur SharePoint",
    "Subir las actas firmadas en SharePoint",
])
def test_actions_owner_a_name_after_a_preposition_or_a_clock_time_owns_nothing(line):
    assert trailing_owner(line, org_index(("Wikiverse", "Wikiverse"), ("SharePoint", "SharePoint")), P) is None


@pytest.mark.parametrize("attendance, written, owner", [
    (("Odile Marchand (OM)", "Bastien Roy"), "OM", "Odile Marchand"),
    (("Odile Marchand (OM)", "Bastien Roy"), "Bastien", "Bastien Roy"),
    (("Odile Marchand (OM)", "Bastien Roy"), "OM, Bastien", "Odile Marchand, Bastien Roy (OM, Bastien)"),
    (("Bastien Roy", "Bastien Lefort"), "Bastien", "Bastien"),  # two Bastiens: left as written
    (("Olga Marin (OM)", "Oscar Meyer (OM)"), "OM", "OM"),
])
def test_actions_owner_initials_and_first_names_from_the_attendance_list(attendance, written, owner):
    parts = tuple(Participant(ordinal=i, name=t.split(" (")[0], kind="person", start_char=0, end_char=len(t), text=t)
                  for i, t in enumerate(attendance))
    assert OwnerIndex((), parts, "").resolve(written).name == owner


@pytest.mark.parametrize("written, owner", [
    ("Leo", "Leopold Okafor"),
    ("Theo", "Theodora Lund"),
    ("Evan", "Evan"),  # Evangeline or Evander: kept as written
    ("Will", "Will"),  # a common word, not a short form of anyone
])
def test_actions_owner_short_form_of_one_participant(written, owner):
    idx = index("Leopold Okafor", "Theodora Lund", "Evander Berg", "Evangeline Roe", "Wilhelmina Tate")
    assert idx.resolve(written).name == owner


def test_actions_owner_short_form_is_an_antecedent():
    text = "Rosalind wants a projector, Theo prefers speakers, he will ask the caretaker"
    idx = OwnerIndex((), tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                               for i, n in enumerate(("Rosalind Lindqvist", "Theodor Okafor"))), text)
    assert idx.resolve(idx.antecedent(0, text.index("he will"))).name == "Theodor Okafor"


@pytest.mark.parametrize("line, speaker", [
    ("**Ysolde:** Yes, I can write it up.", "Ysolde"),
    ("Corwin Bale: I will open the issue.", "Corwin Bale"),
    ("Note: I will open the issue.", None),
    ("Then I will open the issue.", None),
])
def test_actions_owner_turn_speaker_is_a_name_not_a_field(line, speaker):
    from pipeline.actions.owner import turn_speaker

    assert turn_speaker(line, OwnerIndex((), (), line), default_patterns()) == speaker


@pytest.mark.parametrize("written, owner", [
    ("@orlav", "Orla Venn (@orlav)"),
    ("@nobody", "@nobody"),
])
def test_actions_owner_resolve_a_handle_from_the_attendance_list(written, owner):
    people = (Participant(ordinal=0, name="Orla Venn", kind="person", start_char=0, end_char=16, text="Orla Venn @orlav"),)
    assert OwnerIndex((), people, "").resolve(written).name == owner


@pytest.mark.parametrize("line, owner", [
    ("Kite repair - Ysolde", "Ysolde"),
    ("Kite repair Ysolde", None),  # no dash: a two-word task and a name run together are not told apart
])
def test_actions_owner_trailing_owner_after_a_dash_on_a_short_task(line, owner):
    assert trailing_owner(line, OwnerIndex((), (), line), default_patterns()) == owner


def test_actions_owner_resolve_a_list_keeps_what_the_minutes_wrote():
    people = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                   for i, n in enumerate(("Ysolde Marr", "Piet Saarinen")))
    assert OwnerIndex((), people, "").resolve("Ysolde/Piet").name == "Ysolde Marr, Piet Saarinen (Ysolde/Piet)"


def test_actions_owner_trailing_owner_is_not_the_end_of_a_longer_name():
    """'... for the Harbour Arts Council': the council is who the task is for; its last word alone is no owner."""
    line = "Book the hall for the Harbour Arts Council."
    start = line.index("Harbour")
    mention = Mention(start, start + len("Harbour Arts Council"), "Harbour Arts Council", "ORG", "Harbour Arts Council",
                      "org:hac", "model")
    assert trailing_owner(line, OwnerIndex((mention,), (), line), default_patterns()) is None


@pytest.mark.parametrize("line", [
    "The talks on fuel will go on between the transport group and KORAID.",
    "La discussion se poursuivra entre le groupe logistique et KORAID.",
])
def test_actions_owner_the_end_of_a_list_owns_nothing(line):
    # "and KORAID" is the last member of a list whose first member names no one: not the line's owner
    assert trailing_owner(line, index(), P) is None


@pytest.mark.parametrize("speaker, owner", [
    ("Linwood", True),                    # a first name
    ("Marisol Quintero", True),           # more than one word: a person's name by form
    ("Ysella", True),                     # listed in the attendance list
    ("OXFAM", True), ("WaSH", True),      # acronyms, mixed case too
    ("Sectoral", False),                  # the "<X>" of "Sectoral updates"
    ("Winterisation", False),             # a topic heading read as an update's speaker
    ("Assainissement", False),            # the same in French
])
def test_actions_owner_section_speaker_must_be_a_name_by_evidence(speaker, owner):
    from pipeline.actions.owner import speaker_names_someone
    assert speaker_names_someone(speaker, index("Ysella Penrose")) is owner


def test_actions_owner_section_speaker_known_from_a_mention():
    from pipeline.actions.owner import speaker_names_someone
    text = "Kestrelwood gave the update on the depot."
    mentions = (Mention(0, 11, "Kestrelwood", "ORG", "Kestrelwood", "org:kestrelwood", "gazetteer"),)
    assert speaker_names_someone("Kestrelwood", OwnerIndex(mentions, (), text))
    assert not speaker_names_someone("Kestrelwood", OwnerIndex((), (), text))


@pytest.mark.parametrize("written, owner", [
    ("/ Harbour Aid /", "Harbour Aid"),
    ("▪ Terre Solidaire ▪", "Terre Solidaire"),
    ("| Kestrel Relief", "Kestrel Relief"),
])
def test_actions_owner_resolve_drops_the_cell_separators_of_a_flattened_row(written, owner):
    assert OwnerIndex((), (), "").resolve(written).name == owner


@pytest.mark.parametrize("line, actor", [
    ("FMT to check the borehole yields before the rains", "FMT"),
    ("Kits – FMT to phone the suppliers about the late tarpaulins", "FMT"),
    ("Road access - WFP and FAO to map the washed-out bridges", "WFP and FAO"),
    ("2: GoN to share the list of temporary classrooms", "GoN"),
    ("Harbor Relief Team (HRT) to summarise its winter plan next week", "Harbor Relief Team (HRT)"),
    ("Kirsi to follow up with the district office", "Kirsi"),
    ("Site Partners to approach donors for the roof repairs", "Site Partners"),
    ("Carpenters to be paid on Friday", None),
    ("Continue to monitor the water trucking", None),
    ("Plans to build forty latrines in the east block", None),
    ("Need to establish if the cases follow the flood", None),
    ("The meeting agreed to share the map", None),
])
def test_actions_owner_assigned_actor_names_a_known_actor_to_a_task(line, actor):
    assert assigned_actor(line, index("Kirsi Morel", "Radek Ellis"), P) == actor


def test_actions_owner_assigned_actor_is_no_motion_opening():
    """A recogniser may tag the mover with the motion's verb ("Moved Quorvel"): a motion still hands no task."""
    text = "Moved Quorvel to adopt the amended budget"
    mention = Mention(0, 13, "Moved Quorvel", "PERSON", "Moved Quorvel", "person:quorvel", "model")
    index_ = OwnerIndex((mention,), (), text)
    assert index_.known("Moved Quorvel")
    assert assigned_actor(text, index_, P) is None
    assert assigned_actor("Quorvel to adopt the amended budget", OwnerIndex((), (), ""), P) is None  # unknown: no actor


@pytest.mark.parametrize("line, owner", [
    ("WFP, IRC et ACTED", "WFP, IRC et ACTED"),
    ("DRS/SE", "DRS/SE"),
    ("Harbour Aid:", "Harbour Aid"),
    ("Oxfam / UNICEF", "Oxfam / UNICEF"),
])
def test_actions_owner_names_only_line_is_a_responsible_cell(line, owner):
    assert names_only(line, org_index(("Harbour Aid", "Harbour Aid"), ("Oxfam", "Oxfam")), P) == owner


@pytest.mark.parametrize("line", [
    "Water trucking:",
    "Partager le rapport de la mission conjointe",
    "Kestrel Valley schools",
    "Follow up with WFP",
])
def test_actions_owner_names_only_line_needs_known_names(line):
    assert names_only(line, org_index(("Oxfam", "Oxfam")), P) is None
