"""Building the gazetteer ruler: plain phrases added without the tokenizer match as span_ruler.add_patterns does."""
from __future__ import annotations

import pytest
import spacy

from pipeline import cache
from pipeline.entities import nlp as nlp_module
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


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


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


def _spans(nlp):
    docs = [nlp(text) for text in TEXTS]
    return [[(s.start, s.end, s.label_, s.id_) for s in doc.spans["g"]] for doc in docs]


def test_entities_nlp_phrase_words_come_from_the_cache_once_split(cache_folder, monkeypatch):
    first, _ = _ruler(True)
    (copy,) = cache_folder.glob("phrase-words-*.json")

    def no_split(tokenizer, texts):
        raise AssertionError("the cached words should have been read")

    monkeypatch.setattr(nlp_module, "phrase_words", no_split)
    second, _ = _ruler(True)
    assert _spans(second) == _spans(first) == _spans(_ruler(False)[0])
    copy.write_text("[[\"damaged")
    monkeypatch.undo()
    monkeypatch.setenv(cache.CACHE_ENV, str(cache_folder))
    assert _spans(_ruler(True)[0]) == _spans(first)


def test_entities_nlp_phrase_words_cache_follows_tokenizer_and_phrases():
    en, fr = spacy.blank("en").tokenizer, spacy.blank("fr").tokenizer
    texts = [e["pattern"] for e in PATTERNS]
    key = nlp_module._phrases_key(en, texts)
    assert key == nlp_module._phrases_key(spacy.blank("en").tokenizer, texts)
    assert key != nlp_module._phrases_key(fr, texts)
    assert key != nlp_module._phrases_key(en, texts[:-1])
    custom = spacy.blank("en").tokenizer
    custom.add_special_case("Nine", [{"ORTH": "Nine"}])
    assert key != nlp_module._phrases_key(custom, texts)


ENTRIES = [  # invented entries, in the cleaned form load_entries gives
    {"label": "ORG", "name": "Ashwin Relief Network", "aliases": ["Ashwin Relief"], "acronym": "ARN",
     "context_aliases": []},
    {"label": "PLACE", "name": "Brennavale", "aliases": ["Brenna Vale"], "acronym": None, "context_aliases": ["Vale"]},
]


def test_entities_nlp_ruler_patterns_come_from_the_cache_once_made(cache_folder, monkeypatch):
    from pipeline.entities.gazetteer import ruler_patterns

    first = nlp_module.cached_ruler_patterns(ENTRIES)
    assert first == ruler_patterns(ENTRIES) and len(list(cache_folder.glob("ruler-patterns-*.json"))) == 1

    def no_build(entries):
        raise AssertionError("the cached patterns should have been read")

    monkeypatch.setattr(nlp_module, "ruler_patterns", no_build)
    assert nlp_module.cached_ruler_patterns(ENTRIES) == first
    other = [{**ENTRIES[0], "aliases": ["Ashwin Relief", "A. Relief Network"]}, ENTRIES[1]]
    with pytest.raises(AssertionError):  # other entries: another key, built again
        nlp_module.cached_ruler_patterns(other)
