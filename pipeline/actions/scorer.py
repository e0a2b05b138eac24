"""The learned part of action detection: logistic regression over sentence vectors and context, plus a parser.

The weights are data (models/actions/model/weights.npz, written by `make train`); the vector of a candidate
is built by features.vectorise from its WordLlama embedding, its delexicalised parse and its place in the
document, so the same sentence can score differently in a transcript or beside an explicit action list.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.actions.embed import Embedder, load_embedder
from pipeline.actions.features import CONTEXT, HASH_DIM, delexicalise, vectorise
from pipeline.config import MODELS_DIR

MODEL_DIR = MODELS_DIR / "actions" / "model"
FEATURES_FILE = "features.json"  # the kept words and feature layout the model was trained with, saved beside it
WEIGHTS_FILE = "weights.npz"
LABEL = "ACTION"
# Parsing candidate lines needs tags and dependencies, not entities or lemmas: mentions come from entities.
PARSER_EXCLUDE = ("ner", "lemmatizer")


@dataclass(frozen=True)
class Weights:
    """A logistic regression: P(action) = sigmoid(x . coef + bias)."""

    coef: np.ndarray
    bias: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        z = np.clip(x @ self.coef + self.bias, -30, 30)
        return 1.0 / (1.0 + np.exp(-z))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, coef=self.coef.astype(np.float32), bias=np.array([self.bias], dtype=np.float32))

    @classmethod
    def load(cls, path: Path) -> "Weights":
        with np.load(path) as z:
            return cls(coef=z["coef"].astype(np.float32), bias=float(z["bias"][0]))


@dataclass
class ActionScorer:
    """Parses candidate lines and scores their sentences with the trained decision.

    parser: a pipeline with a tagger and dependency parser (the configured spaCy model).
    keep: the words the delexicalised features keep as written; everything else becomes its tag.
    embedder: the WordLlama token table; weights: the trained logistic regression.
    """

    parser: Language
    keep: frozenset[str]
    embedder: Embedder
    weights: Weights
    imperative: re.Pattern | None = None
    batch_size: int = 64

    def parse(self, texts: list[str]) -> list[Doc]:
        return list(self.parser.pipe(texts, batch_size=self.batch_size))

    def features(self, sentences: list[Span | Doc], contexts: list[dict]) -> np.ndarray:
        strings = [delexicalise(s, self.keep, imperative=self.imperative, labelled=bool(c.get("labelled")),
                                marked=bool(c.get("marked"))) for s, c in zip(sentences, contexts)]
        return vectorise(self.embedder.embed([s.text for s in sentences]), strings, contexts)

    def score(self, sentences: list[Span | Doc], contexts: list[dict]) -> list[float]:
        """Probability that each parsed sentence states an action, a plan, a request or a decision to act.

        contexts: per sentence, the features.unit_context values (marked, labelled, the document's facts ...).
        """
        return [float(p) for p in self.weights.predict(self.features(sentences, contexts))]


def load_parser(model_name: str) -> Language:
    """The configured spaCy pipeline without the components the action stage does not use."""
    return spacy.load(model_name, exclude=list(PARSER_EXCLUDE))


def load(model_dir: Path = MODEL_DIR, parser_model: str = "en_core_web_sm") -> ActionScorer:
    """Load the decision saved in model_dir and the parser named parser_model."""
    if not (model_dir / WEIGHTS_FILE).is_file():
        raise FileNotFoundError(f"no action classifier in {model_dir}: run `make train`")
    features = json.loads((model_dir / FEATURES_FILE).read_text(encoding="utf-8"))
    if features.get("context") != list(CONTEXT) or features.get("hash_dim") != HASH_DIM:
        raise ValueError(f"the action classifier in {model_dir} was trained with other features: run `make train`")
    return ActionScorer(parser=load_parser(parser_model), keep=frozenset(features["keep_words"]),
                        embedder=load_embedder(), weights=Weights.load(model_dir / WEIGHTS_FILE),
                        imperative=re.compile(features["imperative"], re.IGNORECASE))
