"""Train the action-sentence classifier from models/actions/train.jsonl; report held-out P/R/F1 on dev.jsonl.

    python -m pipeline.train            # what `make train` runs

Each line of the data files is {"text": ..., "label": "ACTION" | "OTHER", "doc": ...}: invented minute sentences in
many styles (coordination meetings, councils, standards bodies, research and student groups, French and
Spanish), with hard negatives such as past reports, background and discussion. The classifier reads each
sentence delexicalised by the configured spaCy tagger (see pipeline/actions/features.py). Training is
seeded (five seeds, averaged by the stage), so two runs on the same data give the same models.

"doc" names the invented document a line was written for; lines without it are grouped in runs of BLOCK
consecutive lines (the file was written a document's worth at a time). metrics.json reports, beside the
held-out dev.jsonl figures, FOLDS-fold cross-validation grouped by document: no document has lines on both
sides of a fold, so the figure does not reward remembering one document's wording.
"""
from __future__ import annotations

import json
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

from pipeline.actions import head
from pipeline.actions.encoder import MODEL_ID as ENCODER_ID, load_encoder
from pipeline.actions.features import delexicalise
from pipeline.actions.candidates import analyse_line
from pipeline.actions.patterns import Patterns, load_patterns
from pipeline.actions.scorer import BAG_DIR, FEATURES_FILE, LABEL, load_parser, mean_scores
from pipeline.config import MODELS_DIR, load_settings

DATA_DIR = MODELS_DIR / "actions"
OTHER = "OTHER"
SEED = 13
BAG_SEEDS = (14, 15, 16, 17)  # four more classifiers; the stage averages all five (see scorer.ActionScorer)
EPOCHS = 12
DROPOUT = 0.2
FOLDS = 5
L2_GRID = (1.0, 3.0, 10.0, 30.0)  # the head's penalty, chosen by grouped CV
BLOCK = 12  # consecutive lines with no "doc" field count as one invented document

# A bag of 1-3-grams over the feature strings: linear, CPU-fast, well under a megabyte.
TEXTCAT_MODEL = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "length": 2**15,
                 "ngram_size": 3, "no_output_layer": False}


def read_examples(path: Path) -> list[tuple[str, bool]]:
    """(text, is_action) pairs from a JSONL file."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in (LABEL, OTHER):
            raise ValueError(f"{path.name}:{n}: label must be {LABEL} or {OTHER}")
        out.append((row["text"], row["label"] == LABEL))
    return out


def read_groups(path: Path) -> list[str]:
    """The invented document of each example line of path, in the order read_examples returns them."""
    out = []
    for n, line in enumerate((ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())):
        out.append(json.loads(line).get("doc") or f"block-{n // BLOCK}")
    return out


def grouped_folds(groups: list[str], folds: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number per example; every example of one document lands in the same fold."""
    names = sorted(set(groups))
    random.Random(seed).shuffle(names)
    fold_of = {g: i % folds for i, g in enumerate(names)}
    return [fold_of[g] for g in groups]


def cross_validate(data: list[tuple[str, bool]], groups: list[str], folds: int = FOLDS, seed: int = SEED) -> dict:
    """P/R/F1 pooled over folds grouped by document: each fold scored by a model that never saw its documents."""
    fold = grouped_folds(groups, folds, seed)
    tp = fp = fn = 0
    for k in range(folds):
        held = [d for d, f in zip(data, fold) if f == k]
        if held:
            a, b, c = _counts([train([d for d, f in zip(data, fold) if f != k], seed=seed)], held)
            tp, fp, fn = tp + a, fp + b, fn + c
    return _prf(tp, fp, fn) | {"n": len(data), "positives": tp + fn, "documents": len(set(groups)), "folds": folds,
                               "grouped_by": "invented document"}


def build_nlp() -> Language:
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": TEXTCAT_MODEL})
    textcat.add_label(LABEL)
    textcat.add_label(OTHER)
    return nlp


def _example(nlp: Language, text: str, is_action: bool) -> Example:
    return Example.from_dict(nlp.make_doc(text), {"cats": {LABEL: float(is_action), OTHER: float(not is_action)}})


def read_contexts(path: Path) -> list[tuple[str, ...]]:
    """The document-level context tokens of each example line ("context": ["DTRANS"]), () when none."""
    return [tuple(json.loads(ln).get("context") or ()) for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip()]


def featurise(parser: Language, texts: list[str], patterns: Patterns,
              contexts: list[tuple[str, ...]] | None = None) -> list[str]:
    """Feature strings as the stage makes them: prefixes read off the line, the body parsed and delexicalised."""
    return read_lines(parser, texts, patterns, contexts)[0]


def read_lines(parser: Language, texts: list[str], patterns: Patterns,
               contexts: list[tuple[str, ...]] | None = None) -> tuple[list[str], list[str], list[list[float]]]:
    """Per training line: its feature string, the body the encoder reads, and the head's flags without the bag score.

    The flags' first slot (the bag's score) is filled once the bag has scored the line.
    """
    lines = [analyse_line(t, 0, patterns) for t in texts]
    bodies = [t[info["body_start"]:] for t, info in zip(texts, lines)]
    ctx = contexts or [()] * len(texts)
    feats, flag_rows = [], []
    for d, info, c in zip(parser.pipe(bodies, batch_size=64), lines, ctx):
        lab, mrk = "label" in info, info.get("source") == "marker"
        feats.append(delexicalise(d, patterns.keep_words, imperative=patterns.imperative_start, labelled=lab,
                                  marked=mrk, context=c))
        flag_rows.append(head.flags(0.5, mrk, lab, c))
    return feats, bodies, flag_rows


def _counts(models: list[Language], data: list[tuple[str, bool]], threshold: float = 0.5) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for score, (_, gold) in zip(mean_scores(models, [t for t, _ in data]), data):
        pred = score >= threshold
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    return tp, fp, fn


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def evaluate(nlp: Language | list[Language], data: list[tuple[str, bool]], threshold: float = 0.5) -> dict:
    """Precision, recall and F1 of the ACTION label at threshold (mean over models); data texts are feature strings."""
    models = nlp if isinstance(nlp, list) else [nlp]
    return _prf(*_counts(models, data, threshold)) | {"n": len(data), "positives": sum(g for _, g in data)}


def train(train_data: list[tuple[str, bool]], *, seed: int = SEED, epochs: int = EPOCHS) -> Language:
    """A fresh classifier trained on train_data; deterministic for a given seed."""
    fix_random_seed(seed)
    nlp = build_nlp()
    examples = [_example(nlp, t, g) for t, g in train_data]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
    return nlp


def out_of_fold_scores(data: list[tuple[str, bool]], groups: list[str], folds: int = FOLDS,
                       seed: int = SEED) -> list[float]:
    """The bag's score of each training line from a model that never saw the line's document (the head's input)."""
    fold = grouped_folds(groups, folds, seed)
    out = [0.0] * len(data)
    for k in range(folds):
        held = [i for i, f in enumerate(fold) if f == k]
        if held:
            model = train([d for d, f in zip(data, fold) if f != k], seed=seed)
            for i, s in zip(held, mean_scores([model], [data[i][0] for i in held])):
                out[i] = s
    return out


def with_bag(flag_rows: list[list[float]], bag: list[float]) -> list[list[float]]:
    return [head.flags(b, bool(f[1]), bool(f[2]), ("DTRANS",) if f[3] else ()) for f, b in zip(flag_rows, bag)]


def cross_validate_head(x: np.ndarray, y: np.ndarray, groups: list[str], l2: float, folds: int = FOLDS,
                        seed: int = SEED) -> dict:
    """Grouped CV of the head over out-of-fold bag scores: each fold predicted by a head that never saw its documents.

    The bag scores of a fold's training lines came from bags that saw the held-out fold, a small optimism the
    held-out dev.jsonl figure does not share.
    """
    fold = np.asarray(grouped_folds(groups, folds, seed))
    tp = fp = fn = 0
    for k in range(folds):
        held = fold == k
        if held.any():
            pred = head.fit(x[~held], y[~held], l2=l2, encoder=ENCODER_ID).predict(x[held]) >= 0.5
            gold = y[held].astype(bool)
            tp, fp, fn = tp + int((pred & gold).sum()), fp + int((pred & ~gold).sum()), fn + int((~pred & gold).sum())
    return _prf(tp, fp, fn) | {"n": len(y), "positives": tp + fn, "documents": len(set(groups)), "folds": folds,
                               "grouped_by": "invented document", "l2": l2}


def _head_eval(h: head.Head, x: np.ndarray, y: np.ndarray) -> dict:
    pred, gold = h.predict(x) >= 0.5, y.astype(bool)
    return _prf(int((pred & gold).sum()), int((pred & ~gold).sum()), int((~pred & gold).sum())) | {
        "n": len(y), "positives": int(gold.sum())}


def main(data_dir: Path = DATA_DIR) -> dict:
    started = time.perf_counter()
    patterns = load_patterns(data_dir / "patterns.json")
    parser = load_parser(load_settings().model_name)
    read = {name: (read_examples(data_dir / f"{name}.jsonl"), read_lines(
        parser, [t for t, _ in read_examples(data_dir / f"{name}.jsonl")], patterns,
        read_contexts(data_dir / f"{name}.jsonl"))) for name in ("train", "dev")}
    train_data, dev_data = ([(f, g) for f, (_, g) in zip(read[n][1][0], read[n][0])] for n in ("train", "dev"))
    groups = read_groups(data_dir / "train.jsonl")
    models = [train(train_data, seed=seed) for seed in (SEED, *BAG_SEEDS)]
    cv = cross_validate(train_data, groups)

    # The head: embedding + the bag's score + flags; trained on out-of-fold bag scores, so it learns how far
    # the bag can be trusted on documents it has not seen, not on lines it has memorised.
    encoder = load_encoder()
    y_train = np.array([g for _, g in train_data], dtype=np.float64)
    y_dev = np.array([g for _, g in dev_data], dtype=np.float64)
    x_train = head.inputs(encoder.embed(read["train"][1][1]),
                          with_bag(read["train"][1][2], out_of_fold_scores(train_data, groups)))
    x_dev = head.inputs(encoder.embed(read["dev"][1][1]),
                        with_bag(read["dev"][1][2], mean_scores(models, [f for f, _ in dev_data])))
    head_cv = {l2: cross_validate_head(x_train, y_train, groups, l2) for l2 in L2_GRID}
    l2 = max(L2_GRID, key=lambda v: (head_cv[v]["f1"], v))  # ties go to the stronger penalty
    fitted = head.fit(x_train, y_train, l2=l2, encoder=ENCODER_ID)

    metrics = {"dev": _head_eval(fitted, x_dev, y_dev), "cross_validated": head_cv[l2],
               "train": _head_eval(fitted, x_train, y_train),
               "bag_only": {"dev": evaluate(models, dev_data), "cross_validated": cv},
               "head": {"encoder": ENCODER_ID, "l2": l2, "l2_grid": {str(k): v["f1"] for k, v in head_cv.items()}},
               "seed": SEED, "bag_seeds": list(BAG_SEEDS), "epochs": EPOCHS,
               "seconds": round(time.perf_counter() - started, 1)}
    models[0].to_disk(data_dir / "model")
    shutil.rmtree(data_dir / "model" / BAG_DIR, ignore_errors=True)
    (data_dir / "model" / BAG_DIR).mkdir()
    for seed, nlp in zip(BAG_SEEDS, models[1:]):
        nlp.to_disk(data_dir / "model" / BAG_DIR / f"seed-{seed}")
    features = {"keep_words": sorted(patterns.keep_words), "imperative": patterns.imperative_start.pattern}
    (data_dir / "model" / FEATURES_FILE).write_text(json.dumps(features, indent=0) + "\n", encoding="utf-8")
    (data_dir / "model" / head.HEAD_FILE).write_text(fitted.to_json(), encoding="utf-8")
    (data_dir / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    dev, bag = metrics["dev"], metrics["bag_only"]
    print(f"action classifier: {len(models)} seeds + embedding head (l2={l2}), {len(train_data)} train / "
          f"{len(dev_data)} dev sentences, {metrics['seconds']} s")
    print(f"held-out dev: P={dev['precision']:.3f} R={dev['recall']:.3f} F1={dev['f1']:.3f} "
          f"(bag alone F1={bag['dev']['f1']:.3f})")
    print(f"{FOLDS}-fold CV grouped by {cv['documents']} invented documents: F1={head_cv[l2]['f1']:.3f} "
          f"(bag alone F1={cv['f1']:.3f})")
    print(f"saved to {data_dir / 'model'}")
    return metrics


if __name__ == "__main__":
    main()
    sys.exit(0)
