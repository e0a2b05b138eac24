"""Train the action decision from invented data in models/actions/; report figures cross-validated by document.

    python -m pipeline.train            # what `make train` runs

Two kinds of invented data, none of it copied from real minutes:
- train.jsonl, dev.jsonl: one sentence or line a row, {"text": ..., "label": "ACTION" | "OTHER"}, written in
  clusters of one style (coordination meetings, councils, standards bodies, student groups, FR, ES); read
  as prose lines of a document with no action list, grouped in runs of GROUP_SIZE rows.
- docs.jsonl: small whole documents, {"doc": id, "lang": ..., "format": "md" | "txt", "text": ..., "actions":
  [lines that are actions]}, in the image of each failure kind (transcripts, pasted letters, motions, status
  lines, French and Spanish action lists, council lines with the owner at the end ...). Each is ingested and
  segmented like a real file, and its candidates carry the same document-level context as in the stage.

The decision is a logistic regression (features.vectorise: WordLlama embedding, hashed delexicalised parse,
context); fitting is deterministic. Figures in metrics.json are out-of-fold over FOLDS folds grouped by
invented document, so no document is both trained and scored on.
"""
from __future__ import annotations

import json
import re
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from pipeline.actions.candidates import analyse_line
from pipeline.actions.detect import candidate_units, has_cue, ANY_WORD
from pipeline.actions.embed import load_embedder
from pipeline.actions.features import CONTEXT, HASH_DIM, delexicalise, unit_context, vectorise
from pipeline.actions.patterns import Patterns, load_patterns
from pipeline.actions.scorer import FEATURES_FILE, LABEL, WEIGHTS_FILE, Weights, load_parser
from pipeline.config import MODELS_DIR, Settings, load_settings

DATA_DIR = MODELS_DIR / "actions"
OTHER = "OTHER"
FOLDS = 5
GROUP_SIZE = 20
L2 = 3e-3
STEPS = 300
LEARNING_RATE = 0.05
WORDS = re.compile(r"\w+")


def read_examples(path: Path) -> list[tuple[str, bool]]:
    """(text, is_action) pairs from a sentence JSONL file."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in (LABEL, OTHER):
            raise ValueError(f"{path.name}:{n}: label must be {LABEL} or {OTHER}")
        out.append((row["text"], row["label"] == LABEL))
    return out


def read_docs(path: Path) -> list[dict]:
    """Invented documents; every listed action must be a line of the text."""
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        for a in row["actions"]:
            if a not in row["text"]:
                raise ValueError(f"{path.name}:{n}: action not in the text of {row['doc']}: {a!r}")
        docs.append(row)
    return docs


def overlaps(pred: str, gold: str) -> bool:
    """The evaluation's matching rule: shared words cover 60% of the gold line and 40% of the prediction."""
    p, g = set(WORDS.findall(pred.lower())), set(WORDS.findall(gold.lower()))
    shared = len(p & g)
    return bool(p and g) and shared >= 0.6 * len(g) and shared >= 0.4 * len(p)


def sentence_rows(parser, rows: list[tuple[str, bool]], patterns: Patterns, name: str) -> list[tuple]:
    """(parsed body, context, label, group) for sentence rows, read as prose lines of a list-free document."""
    infos = [analyse_line(t, 0, patterns) for t, _ in rows]
    bodies = [t[info["body_start"]:] for (t, _), info in zip(rows, infos)]
    out = []
    for i, (pdoc, info, (_, gold)) in enumerate(zip(parser.pipe(bodies, batch_size=64), infos, rows)):
        ctx = unit_context(marked=info.get("source") == "marker", table=False, decision=info.get("kind") == "decision",
                           label_style=info.get("label_style"), has_cue=has_cue(pdoc.text, pdoc, patterns), first=True,
                           n_words=len(ANY_WORD.findall(pdoc.text)), doc={"doc_list": 0.0, "doc_speakers": 0.0})
        out.append((pdoc, ctx, gold, f"{name}:{i // GROUP_SIZE}"))
    return out


def document_rows(parser, docs: list[dict], patterns: Patterns) -> list[tuple]:
    """(sentence span, context, label, group) for every candidate of the invented documents, as the stage sees them."""
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.segment import segment

    settings = Settings()
    out = []
    for d in docs:
        src = Source(source_path=f"{d['doc']}.{d.get('format', 'md')}", data=d["text"].encode("utf-8"),
                     doc_id=f"{zlib.crc32(d['doc'].encode()):016x}")
        doc = ingest(src, settings=settings)
        seg = segment(doc, settings=settings)
        _, units = candidate_units(doc, seg, lambda texts: list(parser.pipe(texts, batch_size=64)), patterns)
        for u in units:
            text = doc.text[u.start:u.end]
            gold = any(overlaps(text, a) for a in d["actions"])
            out.append((u.sent, u.context, gold, d["doc"]))
    return out


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = STEPS, lr: float = LEARNING_RATE) -> Weights:
    """Logistic regression by full-batch Adam from zero weights: deterministic, seconds on a few thousand rows."""
    x, y = x.astype(np.float32), y.astype(np.float32)
    n, k = x.shape
    xt = np.ascontiguousarray(x.T)
    w, b = np.zeros(k, dtype=np.float32), 0.0
    m_w, v_w, m_b, v_b = np.zeros(k, dtype=np.float32), np.zeros(k, dtype=np.float32), 0.0, 0.0
    pos = float(y.mean()) if n else 0.5
    weight = np.where(y > 0, 0.5 / max(pos, 1e-6), 0.5 / max(1 - pos, 1e-6)).astype(np.float32)  # balanced classes
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30, 30)))
        g = (p - y) * weight / n
        gw, gb = xt @ g + l2 * w, float(g.sum())
        m_w, v_w = 0.9 * m_w + 0.1 * gw, 0.999 * v_w + 0.001 * gw * gw
        m_b, v_b = 0.9 * m_b + 0.1 * gb, 0.999 * v_b + 0.001 * gb * gb
        w -= lr * (m_w / (1 - 0.9 ** t)) / (np.sqrt(v_w / (1 - 0.999 ** t)) + 1e-8)
        b -= lr * (m_b / (1 - 0.9 ** t)) / (np.sqrt(v_b / (1 - 0.999 ** t)) + 1e-8)
    return Weights(coef=w.astype(np.float32), bias=float(b))


def prf(scores: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> dict:
    pred = scores >= threshold
    tp, fp, fn = int((pred & (y > 0)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y > 0)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "n": int(len(y)), "positives": int(y.sum())}


def cross_validate(x: np.ndarray, y: np.ndarray, groups: list[str], folds: int = FOLDS) -> np.ndarray:
    """Out-of-fold scores, each group (invented document) wholly in one fold."""
    fold = np.array([zlib.crc32(g.encode("utf-8")) % folds for g in groups])
    out = np.zeros(len(y))
    for f in range(folds):
        test = fold == f
        if test.any() and (~test).any():
            out[test] = fit(x[~test], y[~test]).predict(x[test])
    return out


def main(data_dir: Path = DATA_DIR) -> dict:
    started = time.perf_counter()
    log = lambda what: print(f"{time.perf_counter() - started:6.1f} s  {what}", flush=True)  # noqa: E731
    patterns = load_patterns(data_dir / "patterns.json")
    parser = load_parser(load_settings().model_name)
    embedder = load_embedder()
    rows = []
    for name in ("train", "dev"):
        rows += sentence_rows(parser, read_examples(data_dir / f"{name}.jsonl"), patterns, name)
    n_sentences = len(rows)
    log(f"{n_sentences} sentences parsed")
    docs = read_docs(data_dir / "docs.jsonl")
    rows += document_rows(parser, docs, patterns)
    strings = [delexicalise(s, patterns.keep_words, imperative=patterns.imperative_start,
                            labelled=bool(c["labelled"]), marked=bool(c["marked"])) for s, c, _, _ in rows]
    x = vectorise(embedder.embed([s.text for s, _, _, _ in rows]), strings, [c for _, c, _, _ in rows])
    y = np.array([float(g) for _, _, g, _ in rows])
    log(f"{len(docs)} documents read, {len(y)} candidates vectorised")
    groups = [g for _, _, _, g in rows]
    oof = cross_validate(x, y, groups)
    is_doc = np.arange(len(y)) >= n_sentences
    lang = {d["doc"]: d.get("lang", "en") for d in docs}
    log("cross-validated")
    weights = fit(x, y)
    metrics = {
        "cross_validated": {"all": prf(oof, y), "documents": prf(oof[is_doc], y[is_doc]),
                            "sentences": prf(oof[~is_doc], y[~is_doc]),
                            **{f"documents_{lg}": prf(oof[np.array([lang.get(g) == lg for g in groups])],
                                                      y[np.array([lang.get(g) == lg for g in groups])])
                               for lg in sorted(set(lang.values()))}},
        "train": prf(weights.predict(x), y),
        "folds": FOLDS, "grouped_by": "invented document (sentence files: runs of %d rows)" % GROUP_SIZE,
        "n_documents": len(docs), "representation": "wordllama l2_supercat_256 mean + hashed delexicalised 1-2-grams + context",
        "seconds": round(time.perf_counter() - started, 1),
    }
    out = data_dir / "model"
    out.mkdir(exist_ok=True)
    weights.save(out / WEIGHTS_FILE)
    features = {"keep_words": sorted(patterns.keep_words), "imperative": patterns.imperative_start.pattern,
                "context": list(CONTEXT), "hash_dim": HASH_DIM}
    (out / FEATURES_FILE).write_text(json.dumps(features, indent=0) + "\n", encoding="utf-8")
    (data_dir / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    cv = metrics["cross_validated"]
    print(f"action decision: {len(y)} candidates ({n_sentences} sentences, {len(docs)} documents), {metrics['seconds']} s")
    for k, v in cv.items():
        print(f"cross-validated {k}: P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} (n={v['n']})")
    print(f"saved to {out}")
    return metrics


if __name__ == "__main__":
    main()
    sys.exit(0)
