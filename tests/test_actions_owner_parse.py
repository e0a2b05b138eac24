"""Owners read from the parse: who a delegating verb hands the task to, the subject of the verb that carries the
action, a passive's agent, and what is not an owner (a date, a place), English (slow: loads the trained parser)."""
from __future__ import annotations

import pytest

from pipeline.actions.owner import OwnerIndex, subject_owner
from pipeline.actions.patterns import default_patterns
from pipeline.actions.scorer import load_parser
from pipeline.config import Settings
from pipeline.model import Mention, Participant

pytestmark = pytest.mark.slow
P = default_patterns()


@pytest.fixture(scope="module")
def parser():
    return load_parser(Settings().model_name)


def owner_of(parser, text, orgs=(), people=(), dates=()):
    """subject_owner over the first sentence of text, with ORG/DATE mentions at each written string."""
    mentions = [Mention(text.index(o), text.index(o) + len(o), o, "ORG", o, None, "gazetteer") for o in orgs]
    mentions += [Mention(text.index(d), text.index(d) + len(d), d, "DATE", d, None, "model") for d in dates]
    parts = tuple(Participant(ordinal=i, name=n, kind="person", start_char=0, end_char=len(n), text=n)
                  for i, n in enumerate(people))
    index = OwnerIndex(tuple(mentions), parts, text)
    doc = parser(text)
    return subject_owner(next(doc.sents), 0, index, P)


@pytest.mark.parametrize("text, orgs, owner", [
    ("The cluster asked UNICEF to share the water point map with all partners.", ("UNICEF",), "UNICEF"),
    ("WFP was requested to circulate the revised distribution plan.", ("WFP",), "WFP"),
    ("Partners urged IOM to update the displacement figures for the northern camps.", ("IOM",), "IOM"),
])
def test_actions_owner_parse_the_one_asked_owns_the_task(parser, text, orgs, owner):
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("Sunniva will invite Pavel to the training on the new registration forms.", (), "Sunniva"),
    ("Halvard will ask the caretaker to open the hall early.", (), "Halvard"),
])
def test_actions_owner_parse_who_will_ask_owns_the_asking(parser, text, orgs, owner):
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("The revised site plan will be circulated by OCHA before the next meeting.", ("OCHA",), "OCHA"),
    ("Oxfam reported that the roads are closed and that UNHCR will send the trucks next week.", ("Oxfam", "UNHCR"),
     "UNHCR"),
    ("Oxfam said that UNHCR will send the trucks next week.", ("Oxfam", "UNHCR"), "UNHCR"),
])
def test_actions_owner_parse_the_acting_verb_decides(parser, text, orgs, owner):
    """The verb with the modal or the passive agent names the owner, not the first subject of the sentence."""
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs, people", [
    ("Odile mentions that UNHCR has sent a plan to the district and says that she will check the progress.",
     ("UNHCR",), ("Odile Marchand",)),
    ("Toby explains that Oxfam finished the survey, and he will present the results next week.", ("Oxfam",),
     ("Toby Granger",)),
])
def test_actions_owner_parse_a_pronoun_acting_is_not_the_agency_in_between(parser, text, orgs, people):
    """'she will check': the parse stops there (detect resolves 'she' to the person named before it)."""
    assert owner_of(parser, text, orgs, people) is None


@pytest.mark.parametrize("text, dates", [
    ("Monday or Tuesday would work for the launch of the new portal.", ("Monday", "Tuesday")),
])
def test_actions_owner_parse_a_date_is_no_owner(parser, text, dates):
    assert owner_of(parser, text, dates=dates) is None


@pytest.mark.parametrize("text, orgs, owner", [
    ("Sunniva said that if UNICEF decides to move the office, the landlord must be told.", ("UNICEF",), "Sunniva"),
    ("Sunniva noted that UNICEF can supply the tablets.", ("UNICEF",), "Sunniva"),
    ("Sunniva was reminded that UNICEF can supply the tablets.", ("UNICEF",), "Sunniva"),
])
def test_actions_owner_parse_a_condition_or_a_capacity_hands_nothing_over(parser, text, orgs, owner):
    """'if UNICEF decides to ...' and 'UNICEF can ...' describe; the sentence's own subject stays the owner."""
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("Marisol and Teodor to repaint the notice board before the fair.", (), "Marisol and Teodor"),
    ("UNICEF and IOM will map the shelters in the eastern camps.", ("UNICEF", "IOM"), "UNICEF and IOM"),
    ("WFP, FAO and Caritas will share their stock figures on Monday.", ("WFP", "FAO", "Caritas"),
     "WFP, FAO and Caritas"),
])
def test_actions_owner_parse_coordinated_names_own_together(parser, text, orgs, owner):
    """A list of names that acts is the owner as written, not its first or last member."""
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("UNICEF and the district team will repair the pumps.", ("UNICEF",), "UNICEF"),
])
def test_actions_owner_parse_a_list_mixing_in_a_common_noun_keeps_the_name(parser, text, orgs, owner):
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, clause, owner", [
    ("Halvard joined the board this spring; will be leading the review of the grant forms.", "will be leading", "Halvard"),
    ("Rosalind took over the rota. Will also order the new aprons for the kitchen.", "Will also order", "Rosalind"),
    ("The fence was mended. Need two more volunteers for the stall.", "Need two more", None),
    ("Authorizing the Harbour Treasurer to pay the invoices; and to draw the payroll for June.", "and to draw",
     "Harbour Treasurer"),
])
def test_actions_owner_parse_a_sentence_without_its_subject_goes_on_with_the_one_before(parser, text, clause, owner):
    """Telegraphic minutes drop the subject after the first clause: 'X did ...; will be doing ...' is still X."""
    doc = parser(text)
    start = text.index(clause)
    span = doc.char_span(start, len(text), alignment_mode="expand")
    people = (Participant(ordinal=0, name="Rosalind Ashby", kind="person", start_char=0, end_char=14, text="Rosalind Ashby"),)
    index = OwnerIndex((), people, text)
    assert subject_owner(span, 0, index, P) == owner


@pytest.mark.parametrize("text, owner", [
    ("@orlav to open an issue for the flaky build.", "@orlav"),
    ("@psaar will draft the release notes before Friday.", "@psaar"),
])
def test_actions_owner_parse_a_handle_opening_the_line_acts(parser, text, owner):
    assert owner_of(parser, text) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("The shelter team told us that soon they are going to fix the leaking roofs.", (), "shelter team"),
    ("Caritas said they are going to open a second kitchen in the camp.", ("Caritas",), "Caritas"),
])
def test_actions_owner_parse_they_is_the_subject_of_the_clause_it_hangs_from(parser, text, orgs, owner):
    assert owner_of(parser, text, orgs) == owner


@pytest.fixture(scope="module")
def french():
    import spacy

    return spacy.load("fr_core_news_sm", exclude=["ner", "lemmatizer"])


@pytest.mark.parametrize("text, orgs, owner", [
    ("Le HCR va partager la liste des sites avec les partenaires.", ("HCR",), "HCR"),
    ("ACF devra envoyer la liste des ménages avant la distribution.", ("ACF",), "ACF"),
    ("Il a été demandé à OCHA de mettre à jour la matrice des interventions.", ("OCHA",), "OCHA"),
    ("Le rapport sera partagé par OCHA avant la prochaine réunion.", ("OCHA",), "OCHA"),
    ("OXFAM et ACF vont évaluer les besoins en eau dans le camp.", ("OXFAM", "ACF"), "OXFAM et ACF"),
])
def test_actions_owner_parse_french_subjects_from_the_french_parse(french, text, orgs, owner):
    assert owner_of(french, text, orgs) == owner


@pytest.mark.parametrize("text, owner", [
    ("The cluster coordinator will share the updated gap analysis with all partners.", "cluster coordinator"),
    ("The secretariat will circulate the minutes before Friday.", "secretariat"),
    ("All partners should report their stocks by Friday.", "All partners"),
    ("Direct library staff to extend the opening hours over the holidays.", "library staff"),
])
def test_actions_owner_parse_a_role_that_acts_owns(parser, text, owner):
    assert owner_of(parser, text) == owner


@pytest.mark.parametrize("text", [
    "The team discussed the budget for the spring fair.",
    "The report will be shared next week.",
])
def test_actions_owner_parse_a_role_that_does_not_act_owns_nothing(parser, text):
    assert owner_of(parser, text) is None


@pytest.mark.parametrize("text, orgs, owner", [
    ("La coordination a confié l'évaluation des latrines à ACF.", ("ACF",), "ACF"),
])
def test_actions_owner_parse_french_the_one_a_matter_is_handed_to_owns_it(french, text, orgs, owner):
    assert owner_of(french, text, orgs) == owner


def test_actions_owner_parse_a_french_role_that_acts_owns(french):
    assert owner_of(french, "Le coordinateur va relancer les partenaires sur les rapports.") == "coordinateur"


@pytest.mark.parametrize("text, orgs", [
    ("Oxfam will be consulted on the new latrine design.", ("Oxfam",)),
    ("The Harbour Portal will be taken offline for an upgrade next weekend.", ()),
])
def test_actions_owner_parse_what_a_passive_is_done_to_owns_nothing(parser, text, orgs):
    assert owner_of(parser, text, orgs) is None


@pytest.mark.parametrize("text, owner", [
    ("It was agreed that partners will share their distribution plans before the next meeting.", "partners"),
    ("Members will bring their own cups to the picnic.", "Members"),
])
def test_actions_owner_parse_a_bare_plural_group_owns(parser, text, owner):
    """'partners will share ...' is asked of every partner: the group owns it, as 'All partners' does (issue 9)."""
    assert owner_of(parser, text) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("Flyers cannot go in the staff newsletter - we should put them on the noticeboard Tamsin will write to the "
     "caretaker about it", (), "Tamsin"),  # run on: the parser reads "Tamsin" as the end of "the noticeboard"
    ("We will keep the rota as it is, and Hedda will email the new volunteers on Monday.", (), "Hedda"),
    ("We should settle the venue first; Oxfam will book the hall in the district office.", ("Oxfam",), "Oxfam"),
])
def test_actions_owner_parse_a_named_actor_beside_we_owns(parser, text, orgs, owner):
    """'we' is the meeting and owns nothing itself; a named actor committing in another clause does."""
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs", [
    ("We will ask the district whether the new wells are working.", ()),
    ("We should check if the Harbour Trust has replied about the slipway.", ("Harbour Trust",)),
    ("We will meet again once UNICEF has shared the survey.", ("UNICEF",)),
])
def test_actions_owner_parse_we_alone_owns_nothing(parser, text, orgs):
    """No named actor commits beside 'we': no owner, not a name that is merely the subject of another clause."""
    assert owner_of(parser, text, orgs) is None


@pytest.mark.parametrize("text, orgs, owner", [
    ("Nous allons revoir la carte des points d'eau et ACF va partager les données du camp.", ("ACF",), "ACF"),
    ("Nous allons revoir la carte des points d'eau avant la prochaine réunion.", (), None),
])
def test_actions_owner_parse_french_a_named_actor_beside_nous_owns(french, text, orgs, owner):
    """'nous' is the meeting, as 'we' is: a named actor committing in another clause owns, else no one."""
    assert owner_of(french, text, orgs) == owner


@pytest.mark.parametrize("text, owner", [
    ("Let Gideon know which local clubs might want a stall at the fair.", None),
    ("Misc - let Gideon know about the new room for the film night", None),
    ("Sunniva will let Gideon know about the new room for the film night.", "Sunniva"),
])
def test_actions_owner_parse_who_is_told_owns_nothing(parser, text, owner):
    """'let Gideon know': Gideon is told; whoever tells acts (named, or no one)."""
    assert owner_of(parser, text) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("The Harbour Trust has a plan to rebuild the slipway, and about 60 HHs will move to the north quay.",
     ("Harbour Trust",), "Harbour Trust"),
    ("Oxfam has the intention to open a second water point, and some 300 FAM will move to the new block.", ("Oxfam",),
     "Oxfam"),
])
def test_actions_owner_parse_who_has_the_plan_owns_it(parser, text, orgs, owner):
    """The one who has the plan owns its infinitive, before the subject of a later clause."""
    assert owner_of(parser, text, orgs) == owner



@pytest.mark.parametrize("text, orgs", [
    ("Discuss if Quillbase should keep its own release calendar next year.", ()),
    ("Review the budget whether Oxfam joins the consortium or not.", ("Oxfam",)),
])
def test_actions_owner_parse_the_subject_of_a_condition_or_question_owns_nothing(parser, text, orgs):
    """'Discuss if X should ...': X is what is asked about, not who acts."""
    assert owner_of(parser, text, orgs) is None


@pytest.mark.parametrize("text, orgs, owner", [
    ("Camp focal points will be invited to share their stock figures by Friday.", (), "Camp focal points"),
    ("Site managers are required to upload their borehole logs before the review.", (), "Site managers"),
    ("Tarnwick Relief will be asked to present the voucher results at the next meeting.", ("Tarnwick Relief",),
     "Tarnwick Relief"),
])
def test_actions_owner_parse_the_one_asked_owns_the_task_with_a_modal_too(parser, text, orgs, owner):
    """A passive request hands the task to its subject, whether or not a modal comes with it."""
    assert owner_of(parser, text, orgs) == owner


@pytest.mark.parametrize("text, orgs, owner", [
    ("Le comité de gestion est tenu de transmettre les matrices.", (), "comité"),
    ("ACTED sera invité à présenter les résultats de l'évaluation.", ("ACTED",), "ACTED"),
])
def test_actions_owner_parse_french_the_one_asked_owns_the_task(french, text, orgs, owner):
    assert owner_of(french, text, orgs) == owner
