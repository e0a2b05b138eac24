"""Build the spaCy pipeline once per process: the statistical model plus gazetteer and rule span rulers.

English documents use settings.model_name; a language listed in models/gazetteers/language_models.json
(French: fr_core_news_sm) gets its own statistical model with the same gazetteer, rule and resolver
components, loaded lazily the first time a document in that language comes by, once per process.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from pipeline.cache import cached_json
from pipeline.config import Settings
from pipeline.entities import resolve  # noqa: F401  (registers the minutes_entity_resolver factory)
from pipeline.entities.gazetteer import (GAZETTEER_DIR, catalog, country_names, load_entries, load_state_towns,
                                        place_countries, ruler_patterns)
from pipeline.entities.words import entity_words
from pipeline.model import entity_key

RULE_PATTERNS = GAZETTEER_DIR / "rule_patterns.jsonl"
LANGUAGE_MODELS = GAZETTEER_DIR / "language_models.json"
# One loaded pipeline per (English model, user gazetteers, language) in this process.
_ROUTED: dict[tuple[str, str, str], Language] = {}


def add_entity_components(nlp: Language, entries: list[dict], rule_patterns: list[dict]) -> Language:
    """Add the gazetteer ruler, the rule ruler and the resolver to any pipeline (a blank one in tests)."""
    gaz = nlp.add_pipe("span_ruler", name="gazetteer_ruler",
                       config={"spans_key": "gazetteer", "annotate_ents": False, "overwrite": False})
    rules = nlp.add_pipe("span_ruler", name="rule_ruler",
                         config={"spans_key": "rules", "annotate_ents": False, "overwrite": False})
    # Phrase patterns need only the tokenizer: keep the statistical components out of pattern building.
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n not in ("gazetteer_ruler", "rule_ruler")]):
        add_phrase_patterns(gaz, cached_ruler_patterns(entries))
        rules.add_patterns(rule_patterns)
    resolver = nlp.add_pipe("minutes_entity_resolver", last=True)
    resolver.catalog = catalog(entries)
    resolver.countries = place_countries(entries)
    postal = entity_words().postal_state_countries
    # (entity_id, country, postal code) of every state or province of a country that writes postal codes
    states = [(entity_key("PLACE", e["name"]), e["country"], e["iso_code"].split("-", 1)[1]) for e in entries
              if e["label"] == "PLACE" and e.get("kind") == "subdivision" and e.get("country") in postal
              and "-" in (e.get("iso_code") or "")]
    resolver.state_codes = {code: eid for eid, _, code in reversed(states)}  # the first entry of a code wins
    resolver.state_ids = {eid: (country, code) for eid, country, code in states}
    resolver.state_towns = load_state_towns()
    resolver.country_names = country_names(entries)
    resolver.kinds = {entity_key(e["label"], e["name"]): e["kind"] for e in reversed(entries) if e.get("kind")}
    return nlp


# Words of letters (any script, no digit, mark or underscore), one space apart: "Vélez Water Board" as well as
# "Water Board": a fifth of the gazetteer phrases have a letter outside ASCII, and splitting them with the tokenizer
# copy cost 0.1-0.2 s of CPU at every build, serial before the first worker forks (the same words either way).
PLAIN_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _plain_words(tokenizer) -> Callable[[str], bool] | None:
    """A test of whether the tokenizer keeps a word of letters whole: no special case, no token or URL match,
    no prefix, suffix or infix in it. None when the tokenizer has a special case of letters and spaces (one that could
    join words; spaCy's own are white space alone)."""
    specials = set(getattr(tokenizer, "rules", None) or {})
    if any(" " in k and re.search(r"[A-Za-z]", k) for k in specials):
        return None
    tests = [f for f in (tokenizer.token_match, tokenizer.url_match) if f]
    prefix, suffix, infix = tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer

    @lru_cache(maxsize=None)
    def whole(word: str) -> bool:
        return (word not in specials and not any(f(word) for f in tests) and not (prefix and prefix(word))
                and not (suffix and suffix(word)) and not (infix and next(iter(infix(word)), None)))
    return whole


@contextmanager
def _bare_lexemes(vocab):
    """PhraseMatcher.add makes a lexeme of each match key (here one per gazetteer entry, "('PLACE', 'place:…')"), and a
    new lexeme runs every lexical attribute getter (shape, stop word, number...) in Python: two thirds of adding the
    plain phrases. A key is no token's text, so its lexeme is made without them; words keep theirs, as they are
    made when a text is tokenized, not here."""
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {}
    try:
        yield
    finally:
        vocab.lex_attr_getters = getters


def _bare_tokenizer(tokenizer) -> Callable[[str], list[str]] | None:
    """text -> the words spaCy's tokenizer splits it into, from a copy of the tokenizer (same rules, prefixes,
    suffixes, infixes and special cases) over a vocab of its own without lexical attribute getters: the phrase
    matcher needs only each word's text, and making a full lexeme of every word of ~8,000 phrases the plain path
    cannot take was a sixth of a worker's start-up. The pipeline's own vocab then makes a word's lexeme, with its
    attributes, when a document holds it, as it does for the plain phrases. None for a tokenizer of another class
    (one a language brings of its own), which keeps the pipeline's make_doc."""
    from spacy.vocab import Vocab

    if type(tokenizer) is not Tokenizer:
        return None
    bare = Tokenizer(Vocab())
    # The rules, affixes and special cases only: the vocab's strings (~85,000 by the time the gazetteer is added, a
    # megabyte to write and read back, 0.1-0.2 s of CPU) split no word.
    bare.from_bytes(tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    return lambda text: [t.text for t in bare(text)]


def _patterns_key(entries: list[dict]) -> str:
    """What ruler_patterns' phrases follow from: the entries, and the package's code and data files (the word lists
    capitals_form consults, and every rule that could change how a phrase is made), as the run's fingerprint
    hashes them."""
    from pipeline.config import PACKAGE_DIR, code_digest, data_digest

    digest = hashlib.sha256(pickle.dumps(entries, protocol=5))
    digest.update(f"{code_digest()} {data_digest()}\n{PACKAGE_DIR}\n{sys.version}".encode())
    return digest.hexdigest()[:24]


def cached_ruler_patterns(entries: list[dict]) -> list[dict]:
    """ruler_patterns(entries), read from the user's cache when an earlier build made them from the same entries
    with the same code and word lists (~68,000 phrases, each with its capitals and first-capital forms: 0.4 s of CPU,
    serial in the fork server); written there after a build that made them."""
    return cached_json("ruler-patterns-", lambda: _patterns_key(entries), lambda: ruler_patterns(entries),
                       lambda v: isinstance(v, list) and all(isinstance(e, dict) for e in v))


def phrase_words(tokenizer, texts: list[str]) -> list[list[str]]:
    """The words the tokenizer splits each phrase into: a phrase of words of letters that it keeps whole
    (`_plain_words`) is split at its spaces, any other by a copy of the tokenizer that makes no lexemes in the
    pipeline's vocab (`_bare_tokenizer`). For a spaCy Tokenizer only."""
    whole = _plain_words(tokenizer)
    words_of = _bare_tokenizer(tokenizer)
    out = []
    for text in texts:
        if whole is not None and PLAIN_PHRASE.fullmatch(text) and all(whole(w) for w in text.split(" ")):
            out.append(text.split(" "))
        else:
            out.append(words_of(text))
    return out


def _phrases_key(tokenizer, texts: list[str]) -> str:
    """What the words of the phrases follow from: spaCy's version, the tokenizer's rules, affixes and special
    cases (its bytes without the vocab), and the phrases themselves."""
    digest = hashlib.sha256(f"{spacy.__version__}\n{sys.version}\n".encode())
    digest.update(tokenizer.to_bytes(exclude=["vocab"]))
    digest.update("\x00".join(texts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def _cached_phrase_words(tokenizer, texts: list[str]) -> list[list[str]]:
    """phrase_words, read from the user's cache when an earlier build of the same tokenizer split the same phrases
    (testing ~62,000 gazetteer words against the tokenizer's affixes was a third of the ruler's build, serial in the
    fork server); written there after a build that had to split them."""
    return cached_json("phrase-words-", lambda: _phrases_key(tokenizer, texts),
                       lambda: phrase_words(tokenizer, texts), lambda v: isinstance(v, list) and len(v) == len(texts))


def add_phrase_patterns(ruler, patterns: list[dict]) -> None:
    """ruler.add_patterns(patterns) for phrase patterns, without running the tokenizer over every phrase.

    A worker adds ~34,000 gazetteer phrases at start, and tokenizing them (making a lexeme for every word) was
    a third of its start-up. A phrase of words of letters that the tokenizer keeps whole (`_plain_words`) is its words
    split at the spaces, so its ORTH ids go to the phrase matcher directly; any other phrase is split by a copy of
    the tokenizer that makes no lexemes in the pipeline's vocab (`_bare_tokenizer`; the same words add_patterns
    gets from the tokenizer when the ruler matches on ORTH), and any ruler not matching on ORTH
    takes spaCy's own path. The words of every phrase are kept in the user's cache (`_cached_phrase_words`).
    Match keys get bare lexemes (`_bare_lexemes`). The ruler's label map and pattern list are kept as add_patterns
    keeps them (span_ruler's own attributes), so matching, len() and serialisation are unchanged.
    """
    tokenizer = ruler.nlp.tokenizer
    if _plain_words(tokenizer) is None or ruler.phrase_matcher_attr not in (None, "ORTH", "orth") \
            or not all(isinstance(e.get("pattern"), str) for e in patterns):
        ruler.add_patterns(patterns)
        return
    vocab = ruler.nlp.vocab
    strings = vocab.strings
    words = _cached_phrase_words(tokenizer, [e["pattern"] for e in patterns]) if type(tokenizer) is Tokenizer \
        else None
    if words is not None:
        phrases = [[strings.add(w) for w in phrase] for phrase in words]
    else:  # the tokenizer makes its words' lexemes, with their attributes, before the keys are added
        phrases = [ruler.nlp.make_doc(e["pattern"]) for e in patterns]
    by_key: dict[str, list] = {}  # one phrase_matcher.add per match key (an entry's name, aliases and capitals)
    for e, phrase in zip(patterns, phrases):
        label = repr((e["label"], e.get("id", "")))
        if label not in by_key:
            by_key[label] = []
            ruler._match_label_id_map[strings.as_int(label)] = {"label": e["label"], "id": e.get("id", "")}
        by_key[label].append(phrase)
    ruler._patterns.extend(patterns)
    with _bare_lexemes(vocab):
        for label, key_phrases in by_key.items():
            ruler.phrase_matcher.add(label, key_phrases)


def load_rule_patterns(path: Path = RULE_PATTERNS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def language_models(path: Path = LANGUAGE_MODELS) -> dict[str, str]:
    """language code -> spaCy package for the languages with their own statistical model (English aside)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_") and v}


def model_for(settings: Settings, lang: str) -> str:
    """The spaCy package that tags documents in `lang`: its own model if listed, else the English one."""
    return language_models().get(lang, settings.model_name)


def build_nlp(settings: Settings, user_gazetteer_dir: Path | None = None, lang: str = "en") -> Language:
    """spacy.load() of the language's model plus gazetteers from models/gazetteers/ and the user's folder."""
    nlp = spacy.load(model_for(settings, lang), exclude=["lemmatizer"])
    nlp = add_entity_components(nlp, load_entries(user_gazetteer_dir), load_rule_patterns())
    resolver = nlp.get_pipe("minutes_entity_resolver")
    resolver.settings, resolver.user_gazetteer_dir = settings, user_gazetteer_dir
    return nlp


def pipeline_for(nlp: Language, lang: str) -> Language:
    """The pipeline for a document in `lang`: `nlp` itself when it already is that language's or when the
    language has no model of its own; else that language's pipeline, built on first use and kept."""
    if lang == nlp.lang or lang not in language_models():
        return nlp
    resolver = nlp.get_pipe("minutes_entity_resolver")
    settings = getattr(resolver, "settings", None)
    if settings is None:  # a pipeline built by hand (tests): nothing to route with
        return nlp
    user_dir = getattr(resolver, "user_gazetteer_dir", None)
    key = (settings.model_name, str(user_dir), lang)
    if key not in _ROUTED:
        _ROUTED[key] = build_nlp(settings, user_dir, lang)
    return _ROUTED[key]
