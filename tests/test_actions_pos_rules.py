"""The compiled attribute-ruler rules give the POS and tags spaCy's attribute_ruler gives."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.actions.pos_rules import compile_rules

# A small ruler shaped like the English model's: a tag map, exceptions that must win over it, DEP tests,
# membership tests, a two-token pattern that sets its second token, a rule that rewrites TAG, a MORPH-only rule.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"TAG": "VB"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "MD"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "EX"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "."}]], "attrs": {"POS": "PUNCT"}},
    {"patterns": [[{"TAG": "TO"}]], "attrs": {"POS": "PART"}},
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["somebody", "nobody"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "is"}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"TAG": "DT", "DEP": {"NOT_IN": ["det", ""]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": "will", "DEP": "aux"}]], "attrs": {"MORPH": "VerbForm=Fin"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
]

# (words, tags, deps, heads): invented lines, parsed by hand
LINES = [
    (["The", "warehouse", "team", "will", "audit", "stock", "."], ["DT", "NN", "NN", "MD", "VB", "NN", "."],
     ["det", "compound", "nsubj", "aux", "ROOT", "dobj", "punct"], [2, 2, 4, 4, 4, 4, 4]),
    (["There", "is", "somebody", "to", "call", "\n"], ["EX", "VBZ", "NN", "TO", "VB", "NN"],
     ["expl", "ROOT", "attr", "aux", "relcl", "dep"], [1, 1, 1, 4, 2, 4]),
    (["Oriel", "is", "ready", ";", "that", "is", "all"], ["NNP", "VBZ", "JJ", ".", "DT", "VBZ", "DT"],
     ["nsubj", "ROOT", "acomp", "punct", "nsubj", "conj", "attr"], [1, 1, 1, 1, 5, 1, 5]),
]


def _docs(nlp):
    return [Doc(nlp.vocab, words=w, tags=t, deps=d, heads=h) for w, t, d, h in LINES]


def _ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    return nlp, ruler


@pytest.mark.parametrize("line", range(len(LINES)))
def test_actions_pos_rules_match_the_attribute_ruler(line):
    nlp, ruler = _ruler()
    rules = compile_rules(ruler)
    assert rules is not None
    expected = ruler(_docs(nlp)[line])
    got = rules.apply(_docs(nlp)[line])
    assert [(t.pos_, t.tag_) for t in got] == [(t.pos_, t.tag_) for t in expected]


@pytest.mark.parametrize("word,pos", [("somebody", "PRON"), ("is", "VERB"), ("will", "AUX"), ("\n", "SPACE")])
def test_actions_pos_rules_later_rules_and_neighbours_decide(word, pos):
    """An exception after the tag map wins; the second token of 'There is' is set from its neighbour's DEP."""
    nlp, ruler = _ruler()
    docs = [compile_rules(ruler).apply(d) for d in _docs(nlp)]
    assert pos in {t.pos_ for d in docs for t in d if t.text == word}


def test_actions_pos_rules_remember_windows_across_docs():
    nlp, ruler = _ruler()
    rules = compile_rules(ruler)
    first = [(t.pos_, t.tag_) for t in rules.apply(_docs(nlp)[0])]
    seen = len(rules._memo)
    again = [(t.pos_, t.tag_) for t in rules.apply(_docs(nlp)[0])]
    assert again == first and len(rules._memo) == seen


@pytest.mark.parametrize("pattern", [
    [{"TAG": "NN", "OP": "+"}],  # an operator: not a fixed window
    [{"TAG": {"REGEX": "^NN"}}],  # an operator this module does not evaluate
    [{"ENT_TYPE": "ORG"}],  # an attribute it does not read
])
def test_actions_pos_rules_leave_other_forms_to_spacy(pattern):
    nlp, ruler = _ruler()
    ruler.add_patterns([{"patterns": [pattern], "attrs": {"POS": "X"}}])
    assert compile_rules(ruler) is None


def test_actions_pos_rules_empty_doc():
    nlp, ruler = _ruler()
    doc = Doc(nlp.vocab, words=[])
    assert len(compile_rules(ruler).apply(doc)) == 0
