"""Action items: who will do what by when, from tables, marked lines and prose, decided by a trained classifier."""
from __future__ import annotations

from spacy.language import Language

from pipeline.actions.detect import detect_actions
from pipeline.actions.scorer import MODEL_DIR, ActionScorer, load
from pipeline.config import Settings

__all__ = ["ActionScorer", "detect_actions", "load_scorer"]


def load_scorer(settings: Settings, parser: Language | None = None) -> ActionScorer:
    """The trained classifier from models/actions/model; it parses with `parser` (the worker's shared pipeline)
    or with the configured model loaded for it. Build once per worker."""
    return load(MODEL_DIR, settings.model_name, parser=parser)
