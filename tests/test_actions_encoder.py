"""The sentence encoder: masked mean pooling, batching by length, the per-text cache, and sane embeddings."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.actions.encoder import DIMENSIONS, SentenceEncoder, load_encoder, pool


class _Enc:
    def __init__(self, n: int):
        self.ids = [1] * n + [0] * (4 - n)
        self.attention_mask = [1] * n + [0] * (4 - n)


class FakeTokenizer:
    """One token per word, padded to 4."""

    def encode_batch(self, texts):
        return [_Enc(min(len(t.split()), 4)) for t in texts]


class FakeSession:
    """Hidden states whose first dimension is the text's token count: the pooled vector tells texts apart."""

    def __init__(self):
        self.batches: list[int] = []

    def run(self, _outputs, feed):
        ids = feed["input_ids"]
        self.batches.append(len(ids))
        n = feed["attention_mask"].sum(axis=1)
        hidden = np.zeros((len(ids), ids.shape[1], DIMENSIONS), dtype=np.float32)
        hidden[:, :, 0] = n[:, None]
        hidden[:, :, 1] = 1.0
        return [hidden]


@pytest.mark.parametrize("mask", [[[1, 1, 0], [1, 0, 0]]])
def test_actions_encoder_pool_is_a_masked_mean_of_unit_length(mask):
    hidden = np.array([[[3.0, 4.0], [3.0, 4.0], [100.0, 0.0]], [[0.0, 2.0], [50.0, 50.0], [9.0, 9.0]]])
    got = pool(hidden, np.array(mask))
    assert got == pytest.approx(np.array([[0.6, 0.8], [0.0, 1.0]]))  # padding (100, 0) and (50, 50) ignored


@pytest.mark.parametrize("texts", [["send the map", "a b", "send the map", "w x y z"]])
def test_actions_encoder_embeds_each_text_once(texts):
    session = FakeSession()
    enc = SentenceEncoder(session=session, tokenizer=FakeTokenizer(), batch_size=2)
    first = enc.embed(texts)
    assert first.shape == (4, DIMENSIONS)
    assert np.allclose(first[0], first[2]) and not np.allclose(first[0], first[1])
    assert sum(session.batches) == 3  # the repeated text is not embedded twice
    again = enc.embed(["a b"])
    assert np.allclose(again[0], first[1]) and sum(session.batches) == 3


@pytest.mark.slow
@pytest.mark.parametrize("anchor, paraphrase, unrelated", [
    ("The shelter cluster will send the revised kit list to partners by Monday.",
     "By Monday, partners get the updated list of shelter kits from the cluster.",
     "Heavy rain closed the river crossing for two days in the north."),
    ("Le HCR organisera une mission dans les sites la semaine prochaine.",
     "Une mission du HCR visitera les sites dans une semaine.",
     "Le quorum était atteint et la séance a été ouverte."),
])
def test_actions_encoder_paraphrases_sit_closer_than_unrelated_sentences(anchor, paraphrase, unrelated):
    vecs = load_encoder().embed([anchor, paraphrase, unrelated])
    assert np.linalg.norm(vecs, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2
