"""The action decision's last layer: logistic regression over a sentence embedding, the bag's score and line flags.

The bag of delexicalised n-grams (scorer.mean_scores) knows the shapes of the invented training lines; the
embedding (encoder.py) knows what sentences mean. The head weighs both with what the line's place says
(marked as an action, attributed to someone, in a transcript). It is trained by `python -m pipeline.train`
with plain Newton steps over an L2 penalty (no solver package needed) and saved as JSON weights.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEAD_FILE = "head.json"
# Named inputs after the embedding, in order. bag: the bag's log-odds, scaled to the range of the others.
FLAGS = ("bag", "marked", "labelled", "transcript", "marked_in_transcript")
BAG_SCALE = 4.0
EPS = 1e-4


def flags(bag: float, marked: bool, labelled: bool, context: tuple[str, ...]) -> list[float]:
    """The FLAGS inputs of one sentence; context holds the document's tokens (detect.document_context)."""
    p = min(max(bag, EPS), 1 - EPS)
    transcript = "DTRANS" in context
    return [float(np.log(p / (1 - p)) / BAG_SCALE), float(marked), float(labelled), float(transcript),
            float(marked and transcript)]


def inputs(embeddings: np.ndarray, flag_rows: list[list[float]]) -> np.ndarray:
    """The head's input matrix: each embedding row followed by its flags."""
    return np.hstack([embeddings.astype(np.float64), np.asarray(flag_rows, dtype=np.float64).reshape(len(flag_rows), -1)])


@dataclass(frozen=True)
class Head:
    """Trained weights: P(action) = sigmoid(inputs @ weights + bias)."""

    weights: np.ndarray
    bias: float
    encoder: str  # which embedding the weights were fitted to

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))

    def to_json(self) -> str:
        return json.dumps({"encoder": self.encoder, "flags": list(FLAGS), "bias": round(float(self.bias), 6),
                           "weights": [round(float(w), 6) for w in self.weights]}) + "\n"


def load_head(path: Path) -> Head:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["flags"]) != FLAGS:
        raise ValueError(f"{path}: trained with flags {data['flags']}, this code reads {list(FLAGS)}: run `make train`")
    return Head(weights=np.asarray(data["weights"], dtype=np.float64), bias=float(data["bias"]), encoder=data["encoder"])


def fit(x: np.ndarray, y: np.ndarray, *, l2: float, encoder: str, steps: int = 30) -> Head:
    """L2-penalised logistic regression by Newton's method; deterministic, a few milliseconds for 2k x 400.

    l2: the penalty on the weights (not the bias); larger keeps the embedding's 384 weights small.
    """
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return Head(weights=w[:-1], bias=float(w[-1]), encoder=encoder)
