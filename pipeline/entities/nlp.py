"""Build the spaCy pipeline once per process: the statistical model plus gazetteer and rule span rulers.

English documents use settings.model_name; a language listed in models/gazetteers/language_models.json
(French: fr_core_news_sm) gets its own statistical model with the same gazetteer, rule and resolver
components, loaded lazily the first time a document in that language comes by, once per process.
"""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.config import Settings
from pipeline.entities import resolve  # noqa: F401  (registers the minutes_entity_resolver factory)
from pipeline.entities.gazetteer import GAZETTEER_DIR, catalog, country_names, load_entries, place_countries, ruler_patterns
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
        gaz.add_patterns(ruler_patterns(entries))
        rules.add_patterns(rule_patterns)
    resolver = nlp.add_pipe("minutes_entity_resolver", last=True)
    resolver.catalog = catalog(entries)
    resolver.countries = place_countries(entries)
    postal = entity_words().postal_state_countries
    resolver.state_codes = {e["iso_code"].split("-", 1)[1]: entity_key("PLACE", e["name"]) for e in reversed(entries)
                            if e["label"] == "PLACE" and e.get("kind") == "subdivision" and e.get("country") in postal
                            and "-" in (e.get("iso_code") or "")}
    resolver.country_names = country_names(entries)
    resolver.kinds = {entity_key(e["label"], e["name"]): e["kind"] for e in reversed(entries) if e.get("kind")}
    return nlp


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
