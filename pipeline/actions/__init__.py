"""Action items: who will do what by when, from tables, marked lines and prose, decided by a trained classifier.

The names below are imported on first use (PEP 562): the runner's archive-wide steps read `pipeline.actions.patterns`
and should not import spaCy with it.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.actions.detect import detect_actions
    from pipeline.actions.scorer import ActionScorer
    from pipeline.config import Settings

__all__ = ["ActionScorer", "detect_actions", "load_scorer"]
_LAZY = {"detect_actions": "pipeline.actions.detect", "ActionScorer": "pipeline.actions.scorer"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_scorer(settings: Settings, parser: Language | None = None) -> ActionScorer:
    """The trained classifier from models/actions/model; it parses with `parser` (the worker's shared pipeline)
    or with the configured model loaded for it. Build once per worker."""
    from pipeline.actions.scorer import MODEL_DIR, load

    return load(MODEL_DIR, settings.model_name, parser=parser)
