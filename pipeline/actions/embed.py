"""Sentence vectors for the action decision: mean of WordLlama's static token embeddings, read from disk.

WordLlama (PyPI `wordllama`) ships a 32k-token multilingual tokenizer and a 256-dimension embedding table
distilled from a large language model. A sentence is the L2-normalised mean of its tokens' rows: about
190,000 words/s on one core, against about 1,000 for an int8 MiniLM, so it fits the speed budget. The files
are read straight from the installed package (its own loader looks in a misspelt folder and would then try
a download); nothing is fetched at run time.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
DIM = 256
MAX_TOKENS = 96  # a sentence's meaning for this decision sits in its first words; long dumps are cut


def package_dir() -> Path:
    import wordllama  # the weights are data inside the package; only its files are used

    return Path(wordllama.__file__).parent


@dataclass(frozen=True)
class Embedder:
    """Token table and tokenizer; embed() maps texts to unit vectors (zeros for a text with no tokens)."""

    table: np.ndarray  # (vocab, DIM) float32
    tokenizer: object

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        for i, enc in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            ids = enc.ids[:MAX_TOKENS]
            if ids:
                v = self.table[ids].mean(axis=0)
                n = float(np.linalg.norm(v))
                out[i] = v / n if n else v
        return out


@lru_cache(maxsize=1)
def load_embedder(root: Path | None = None) -> Embedder:
    """The WordLlama table and tokenizer from the installed package (or root, laid out the same way)."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    base = root or package_dir()
    weights, tok = base / WEIGHTS, base / TOKENIZER
    if not weights.is_file() or not tok.is_file():
        raise FileNotFoundError(f"WordLlama files missing under {base}: install the `wordllama` package")
    table = next(iter(load_file(str(weights)).values())).astype(np.float32)
    return Embedder(table=table, tokenizer=Tokenizer.from_file(str(tok)))
