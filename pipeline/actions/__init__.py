"""Action items: who will do what by when, from tables, marked lines and prose, decided by a trained classifier."""
from __future__ import annotations

from pipeline.actions.detect import detect_actions
from pipeline.actions.scorer import MODEL_DIR, ActionScorer, load
from pipeline.config import Settings

__all__ = ["ActionScorer", "detect_actions", "load_scorer"]


def load_scorer(settings: Settings) -> ActionScorer:
    """The trained classifier from models/actions/model and the configured parser; build once per worker."""
    return load(MODEL_DIR, settings.model_name)
