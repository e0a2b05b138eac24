"""Building the gazetteer ruler: plain phrases added without the tokenizer match as span_ruler.add_patterns does."""
from __future__ import annotations

import pytest
import spacy

from pipeline.entities.nlp import _bare_tokenizer, add_phrase_patterns

# Invented names: plain words, tokenizer special cases ("cannot", "dont"), punctuation, accents, a double space.
PATTERNS = [
    {"label": "ORG", "pattern": p, "id": f"org:{i}"} for i, p in enumerate([
        "Ashwin Relief", "Ashwin Relief Network", "Brenna", "cannot", "dont", "St. Brenna Clinic", "Co-op Nine",
        "Vélez Water Board", "AB  CD", "Nine", "Tollan Aid's", "Ñandúvi Salud", "Θερμάδα", "Øster_Aid",
    ])
] + [{"label": "PLACE", "pattern": "Brenna", "id": "place:brenna"}] + [
    # More phrases of one match key (an entry's aliases and capitals), added apart from the first ones.
    {"label": "ORG", "pattern": p, "id": "org:0"} for p in ("ASHWIN RELIEF", "Ashwin relief", "AR-Net")
] + [{"label": "PLACE", "pattern": "BRENNA", "id": "place:brenna"}]

TEXTS = [
    "Ashwin Relief Network and Ashwin Relief met the Co-op Nine team in Brenna.",
    "We cannot wait; dont forget St. Brenna Clinic or the Vélez Water Board.",
    "AB  CD and AB CD; Tollan Aid's report; NINE, Nine, nine.",
    "ASHWIN RELIEF (AR-Net) and Ashwin relief wrote from BRENNA to Brenna.",
    "Ñandúvi Salud, Θερμάδα and Øster_Aid (Øster Aid) came.",
    "",
]


def _ruler(fast: bool):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "g", "annotate_ents": False, "overwrite": False})
    if fast:
        add_phrase_patterns(ruler, PATTERNS)
    else:
        ruler.add_patterns(PATTERNS)
    return nlp, ruler


@pytest.mark.parametrize("text", TEXTS)
def test_entities_nlp_plain_phrases_match_as_add_patterns(text):
    (slow_nlp, _), (fast_nlp, _) = _ruler(False), _ruler(True)
    slow, fast = slow_nlp(text), fast_nlp(text)
    assert [(s.start, s.end, s.label_, s.id_) for s in fast.spans["g"]] == \
        [(s.start, s.end, s.label_, s.id_) for s in slow.spans["g"]]


def test_entities_nlp_plain_phrases_keep_the_ruler_state():
    (_, slow), (_, fast) = _ruler(False), _ruler(True)
    assert fast.patterns == slow.patterns and len(fast) == len(slow) == len(PATTERNS)
    assert sorted(fast.labels) == sorted(slow.labels) and sorted(fast.ids) == sorted(slow.ids)


def test_entities_nlp_plain_phrases_find_the_names():
    nlp, _ = _ruler(True)
    doc = nlp(TEXTS[0])
    assert {s.text for s in doc.spans["g"]} >= {"Ashwin Relief Network", "Ashwin Relief", "Co-op Nine", "Brenna", "Nine"}


def _lexical(doc):
    return [(t.text, t.norm_, t.shape_, t.is_alpha, t.is_stop, t.like_num, t.is_title, t.lang_) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_entities_nlp_plain_phrases_keep_word_attributes(text):
    """Match keys get bare lexemes; the words of the phrases and of the texts keep every lexical attribute."""
    (slow_nlp, _), (fast_nlp, _) = _ruler(False), _ruler(True)
    assert fast_nlp.vocab.lex_attr_getters.keys() == slow_nlp.vocab.lex_attr_getters.keys()
    phrase_words = {w for e in PATTERNS for w in e["pattern"].split()}
    assert [(w, *_lexical(fast_nlp.make_doc(w))) for w in sorted(phrase_words)] == \
        [(w, *_lexical(slow_nlp.make_doc(w))) for w in sorted(phrase_words)]
    assert _lexical(fast_nlp(text)) == _lexical(slow_nlp(text))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_entities_nlp_bare_tokenizer_splits_as_the_pipeline(lang):
    """The copy that splits the phrases the plain path cannot take gives make_doc's words, and makes no lexeme in
    the pipeline's vocab."""
    nlp = spacy.blank(lang)
    words_of = _bare_tokenizer(nlp.tokenizer)
    phrases = [e["pattern"] for e in PATTERNS] + ["l'Office de Vallée-Brune", "Aid (U.K.) Ltd.", "Dr.  Ostrava's"]
    before = len(nlp.vocab)
    split = [words_of(p) for p in phrases]
    assert len(nlp.vocab) == before
    assert split == [[t.text for t in nlp.make_doc(p)] for p in phrases]
