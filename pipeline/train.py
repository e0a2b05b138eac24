"""Train the action-sentence classifier from models/actions/train.jsonl; report held-out P/R/F1 on dev.jsonl.

    python -m pipeline.train            # what `make train` runs: the shipped model, seeds 13-17
    python -m pipeline.train --seed 23  # the same data under seeds 23-27 (overwrites the model: an experiment)

Each line of the data files is {"text": ..., "label": "ACTION" | "OTHER", "doc": ...}: invented minute sentences in
many styles (coordination meetings, councils, standards bodies, research and student groups, French and
Spanish), with hard negatives such as past reports, background and discussion. The classifier reads each
sentence delexicalised by the configured spaCy tagger (see pipeline/actions/features.py). Training is
seeded (five seeds, averaged by the stage), so two runs on the same data give the same models. A change to the
data is judged under two seed sets (--seed 13 and --seed 23): a bag of n-grams moves by seed alone, so a gain that
shows under one set only is noise.

"doc" names the invented document a line was written for; lines without it are grouped in runs of BLOCK
consecutive lines (the file was written a document's worth at a time). metrics.json reports, beside the
held-out dev.jsonl figures, FOLDS-fold cross-validation grouped by document: no document has lines on both
sides of a fold, so the figure does not reward remembering one document's wording.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

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
    lines = [analyse_line(t, 0, patterns) for t in texts]
    bodies = [t[info["body_start"]:] for t, info in zip(texts, lines)]
    ctx = contexts or [()] * len(texts)
    return [delexicalise(d, patterns.keep_words, imperative=patterns.imperative_start, labelled="label" in info,
                         marked=info.get("source") == "marker", context=c)
            for d, info, c in zip(parser.pipe(bodies, batch_size=64), lines, ctx)]


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


def bag_seeds(seed: int = SEED) -> tuple[int, ...]:
    """The seeds of the five classifiers trained from a first seed: (13,) + BAG_SEEDS for the shipped model."""
    return (seed, *range(seed + 1, seed + 1 + len(BAG_SEEDS)))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m pipeline.train", description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SEED, help=f"first seed of the bag (default {SEED}, the shipped model)")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="folder of train.jsonl, dev.jsonl and patterns.json")
    return ap.parse_args(argv)


def main(data_dir: Path = DATA_DIR, seed: int = SEED) -> dict:
    started = time.perf_counter()
    seeds = bag_seeds(seed)
    patterns = load_patterns(data_dir / "patterns.json")
    parser = load_parser(load_settings().model_name)
    train_data, dev_data = ([(f, g) for f, (_, g) in zip(featurise(parser, [t for t, _ in rows], patterns,
                                                                   read_contexts(data_dir / name)), rows)]
                            for name, rows in ((n, read_examples(data_dir / n)) for n in ("train.jsonl", "dev.jsonl")))
    models = [train(train_data, seed=s) for s in seeds]
    cv = cross_validate(train_data, read_groups(data_dir / "train.jsonl"), seed=seed)
    metrics = {"dev": evaluate(models, dev_data), "cross_validated": cv, "train": evaluate(models, train_data), "seed": seed,
               "bag_seeds": list(seeds[1:]), "epochs": EPOCHS, "seconds": round(time.perf_counter() - started, 1)}
    models[0].to_disk(data_dir / "model")
    shutil.rmtree(data_dir / "model" / BAG_DIR, ignore_errors=True)
    (data_dir / "model" / BAG_DIR).mkdir()
    for s, nlp in zip(seeds[1:], models[1:]):
        nlp.to_disk(data_dir / "model" / BAG_DIR / f"seed-{s}")
    features = {"keep_words": sorted(patterns.keep_words), "imperative": patterns.imperative_start.pattern}
    (data_dir / "model" / FEATURES_FILE).write_text(json.dumps(features, indent=0) + "\n", encoding="utf-8")
    (data_dir / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    dev = metrics["dev"]
    print(f"action classifier: {len(models)} seeds, {len(train_data)} train / {len(dev_data)} dev sentences, "
          f"{metrics['seconds']} s")
    print(f"held-out dev: P={dev['precision']:.3f} R={dev['recall']:.3f} F1={dev['f1']:.3f}")
    print(f"{cv['folds']}-fold CV grouped by {cv['documents']} invented documents: P={cv['precision']:.3f} "
          f"R={cv['recall']:.3f} F1={cv['f1']:.3f}")
    print(f"saved to {data_dir / 'model'}")
    return metrics


if __name__ == "__main__":
    args = parse_args()
    main(args.data, args.seed)
    sys.exit(0)
