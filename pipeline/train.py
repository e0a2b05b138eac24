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
from pipeline.actions.scorer import BAG_DIR, FEATURES_FILE, LABEL, ActionScorer, load_parser, mean_scores
from pipeline.actions import scorer as action_scorer
from pipeline.actions.stack import MARK, STACK_FILE, Stack, fit, unit_rows
from pipeline.config import MODELS_DIR, load_settings

DATA_DIR = MODELS_DIR / "actions"
OTHER = "OTHER"
SEED = 13
BAG_SEEDS = (14, 15, 16, 17)  # four more classifiers; the stage averages all five (see scorer.ActionScorer)
EPOCHS = 12
DROPOUT = 0.2
FOLDS = 5
STACK_DOCS = "stack"  # invented whole documents for the structure layer, action sentences ending in "[[A]]"
STACK_L2 = 300.0  # strong: the stack leaves the bars only where the invented documents agree across many units
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


def marked_minutes(folder: Path, scorer: ActionScorer, patterns: Patterns):
    """Per invented document of folder: (its path, the Document, its segmentation, its candidate lines, units and
    context, the "[[A]]" mark offsets). The marks are removed from the text before the real ingest and segment
    stages and the action stage's candidates and bag read it."""
    from pipeline.actions.detect import scored_units
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.runner import content_id
    from pipeline.segment import segment

    settings = load_settings()
    for path in sorted(folder.glob("*.md")):
        raw = path.read_text(encoding="utf-8")
        pieces, marks, pos = [], [], 0
        for m in MARK.finditer(raw):
            pieces.append(raw[pos:m.start()])
            marks.append(sum(map(len, pieces)))
            pos = m.end()
        data = ("".join(pieces) + raw[pos:]).encode("utf-8")
        doc = ingest(Source(path.name, data, content_id(data)), settings=settings)
        seg = segment(doc, settings=settings)
        lines, units, context = scored_units(doc, seg, scorer, patterns)
        yield path, doc, seg, lines, units, context, marks


def closes_a_mark(unit, marks: list[int]) -> bool:
    """The mark sits right after the sentence; a unit ends before its closing space or table pipe."""
    return any(unit.start < m <= unit.end + 2 for m in marks)


def stack_examples(folder: Path, scorer: ActionScorer, patterns: Patterns) -> list[tuple[str, list[dict], list[bool], int]]:
    """Per invented document of folder: (name, the stack's feature rows of its units, their labels, marks missed).

    A unit is an action when an "[[A]]" mark closes it (marked_minutes). The bag never saw these documents, so its
    scores here are held out, as they are on minutes in use.
    """
    out = []
    for path, doc, seg, lines, units, context, marks in marked_minutes(folder, scorer, patterns):
        rows = unit_rows(units, lines, seg, context, patterns, doc.text)
        labels = [closes_a_mark(u, marks) for u in units]
        missed = sum(1 for m in marks if not any(closes_a_mark(u, [m]) for u in units))
        out.append((path.stem, rows, labels, missed))
    return out


def train_stack(docs: list[tuple[str, list[dict], list[bool], int]], l2: float = STACK_L2) -> tuple[Stack, dict]:
    """The stack fitted on every document, and its leave-one-document-out P/R/F1 (with the bag alone at 0.5 beside it)."""
    tp = fp = fn = btp = bfp = bfn = 0
    for k, (_, rows, labels, _) in enumerate(docs):
        rest = [(r, y) for j, d in enumerate(docs) if j != k for r, y in zip(d[1], d[2])]
        model = fit([r for r, _ in rest], [y for _, y in rest], l2=l2)
        for pr, r, y in zip(model.probability(rows), rows, labels):
            tp, fp, fn = tp + (pr >= model.bar and y), fp + (pr >= model.bar and not y), fn + (y and pr < model.bar)
            b = r["margin"] >= 0.0  # the stage's bars over the bag's score (detect._decide)
            btp, bfp, bfn = btp + (b and y), bfp + (b and not y), bfn + (y and not b)
    rows = [r for d in docs for r in d[1]]
    labels = [y for d in docs for y in d[2]]
    metrics = {"cross_validated": _prf(tp, fp, fn) | {"grouped_by": "invented document", "folds": len(docs)},
               "bars_alone": _prf(btp, bfp, bfn), "units": len(rows), "actions": sum(labels), "documents": len(docs),
               "marks_not_a_candidate": sum(d[3] for d in docs), "l2": l2}
    return fit(rows, labels, l2=l2), metrics


def fit_stack(data_dir: Path = DATA_DIR) -> dict:
    """Fit the structure layer over the saved bag and write stack.json and metrics.json["stack"]."""
    patterns = load_patterns(data_dir / "patterns.json")
    scorer = action_scorer.load(data_dir / "model", parser_model=load_settings().model_name)
    scorer.stack = None
    stack, metrics = train_stack(stack_examples(data_dir / STACK_DOCS, scorer, patterns))
    (data_dir / STACK_FILE).write_text(json.dumps(stack.to_json(), indent=1) + "\n", encoding="utf-8")
    path = data_dir / "metrics.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    path.write_text(json.dumps(saved | {"stack": metrics}, indent=1) + "\n", encoding="utf-8")
    cv = metrics["cross_validated"]
    print(f"structure layer: {metrics['units']} units ({metrics['actions']} actions) in {metrics['documents']} invented "
          f"documents; leave-one-document-out P={cv['precision']:.3f} R={cv['recall']:.3f} F1={cv['f1']:.3f} "
          f"(the bars alone: F1={metrics['bars_alone']['f1']:.3f})")
    return metrics


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m pipeline.train", description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SEED, help=f"first seed of the bag (default {SEED}, the shipped model)")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="folder of train.jsonl, dev.jsonl and patterns.json")
    ap.add_argument("--stack-only", action="store_true", help="refit only the structure layer over the saved bag")
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
    if not args.stack_only:
        main(args.data, args.seed)
    fit_stack(args.data)
    sys.exit(0)
