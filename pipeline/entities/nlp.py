"""Build the spaCy pipeline once per process: the statistical model plus gazetteer and rule span rulers."""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.config import Settings
from pipeline.entities import resolve  # noqa: F401  (registers the minutes_entity_resolver factory)
from pipeline.entities.gazetteer import GAZETTEER_DIR, catalog, load_entries, ruler_patterns

RULE_PATTERNS = GAZETTEER_DIR / "rule_patterns.jsonl"


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
    return nlp


def load_rule_patterns(path: Path = RULE_PATTERNS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_nlp(settings: Settings, user_gazetteer_dir: Path | None = None) -> Language:
    """spacy.load(settings.model_name) plus gazetteers from models/gazetteers/ and the user's folder."""
    nlp = spacy.load(settings.model_name, exclude=["lemmatizer"])
    return add_entity_components(nlp, load_entries(user_gazetteer_dir), load_rule_patterns())
