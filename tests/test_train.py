"""Training the action classifier: data checks, determinism, and the committed model's held-out figures."""
from __future__ import annotations

import json

import pytest

from pipeline import train
from pipeline.actions.scorer import MODEL_DIR

FEATURES = [("BOS TNNP will TVB the TNN by DATE LEN2 EOS", True), ("BOS the TNN was TVBN in DATE LEN2 EOS", False),
            ("BOS IMP TVB the TNN LEN1 EOS", True), ("BOS TNNP discussed the TNN LEN1 EOS", False)] * 3


@pytest.mark.parametrize("line, error", [('{"text": "x", "label": "MAYBE"}', "label must be")])
def test_train_rejects_bad_labels(tmp_path, line, error):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        train.read_examples(path)


@pytest.mark.parametrize("seed", [3])
def test_train_is_reproducible(seed):
    texts = [t for t, _ in FEATURES[:4]]
    runs = [train.train(FEATURES, seed=seed, epochs=3) for _ in range(2)]
    scores = [[d.cats["ACTION"] for d in nlp.pipe(texts)] for nlp in runs]
    assert scores[0] == scores[1]
    assert scores[0][0] > scores[0][1]


def test_train_data_is_balanced_and_disjoint():
    rows = {name: train.read_examples(train.DATA_DIR / f"{name}.jsonl") for name in ("train", "dev")}
    assert len(rows["train"]) >= 500 and len(rows["dev"]) >= 100
    assert not {t for t, _ in rows["train"]} & {t for t, _ in rows["dev"]}
    share = sum(g for _, g in rows["train"]) / len(rows["train"])
    assert 0.3 < share < 0.6


def test_train_committed_model_reports_held_out_figures():
    metrics = json.loads((train.DATA_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert (MODEL_DIR / "config.cfg").is_file() and (MODEL_DIR / "features.json").is_file()
    assert metrics["dev"]["f1"] >= 0.8


def test_train_committed_model_is_a_bag_of_seeds():
    metrics = json.loads((train.DATA_DIR / "metrics.json").read_text(encoding="utf-8"))
    bag = sorted(p.name for p in (MODEL_DIR / "bag").iterdir())
    assert bag == [f"seed-{s}" for s in metrics["bag_seeds"]] and len(bag) == len(train.BAG_SEEDS)


@pytest.mark.parametrize("seeds", [(3, 4)])
def test_train_mean_scores_average_the_bag(seeds):
    from pipeline.actions.scorer import mean_scores
    models = [train.train(FEATURES, seed=s, epochs=3) for s in seeds]
    texts = [t for t, _ in FEATURES[:2]]
    single = [[d.cats["ACTION"] for d in m.pipe(texts)] for m in models]
    assert mean_scores(models, texts) == pytest.approx([(a + b) / 2 for a, b in zip(*single)])


@pytest.mark.parametrize("groups", [["a", "a", "b", "c", "c", "c", "d", "e", "f", "f"]])
def test_train_grouped_folds_keep_a_document_in_one_fold(groups):
    folds = train.grouped_folds(groups, folds=3)
    by_doc = {}
    for g, f in zip(groups, folds):
        by_doc.setdefault(g, set()).add(f)
    assert all(len(f) == 1 for f in by_doc.values())
    assert set(folds) == {0, 1, 2}


def test_train_groups_and_contexts_are_read_per_line(tmp_path):
    path = tmp_path / "t.jsonl"
    rows = [{"text": "x", "label": "OTHER", "doc": "inv-a", "context": ["DTRANS"]}] + [{"text": "y", "label": "ACTION"}] * 13
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert train.read_groups(path)[:2] == ["inv-a", "block-0"] and train.read_groups(path)[-1] == "block-1"
    assert train.read_contexts(path)[:2] == [("DTRANS",), ()]


def test_train_committed_model_reports_grouped_cross_validation():
    metrics = json.loads((train.DATA_DIR / "metrics.json").read_text(encoding="utf-8"))
    cv = metrics["cross_validated"]
    assert cv["grouped_by"] == "invented document" and cv["folds"] == train.FOLDS
    assert cv["n"] == metrics["train"]["n"] and cv["f1"] >= 0.7


def test_train_features_carry_document_context():
    from pipeline.actions.features import delexicalise
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("send the map")
    assert delexicalise(doc[:], frozenset({"the"}), context=("DTRANS",)).startswith("BOS DTRANS ")
    assert "DTRANS" not in delexicalise(doc[:], frozenset({"the"}))


@pytest.mark.parametrize("argv, first", [([], train.SEED), (["--seed", "23"], 23)])
def test_train_seed_option_names_the_whole_bag(argv, first):
    seeds = train.bag_seeds(train.parse_args(argv).seed)
    assert seeds == tuple(range(first, first + 1 + len(train.BAG_SEEDS)))
    if not argv:
        assert seeds == (train.SEED, *train.BAG_SEEDS)


def test_train_named_documents_hold_actions_and_other_lines():
    """A line with a "doc" field belongs to an invented whole document, which holds both kinds, as minutes do."""
    kinds: dict[str, set[str]] = {}
    for line in (train.DATA_DIR / "train.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if row.get("doc"):
            kinds.setdefault(row["doc"], set()).add(row["label"])
    assert kinds and all(k == {"ACTION", "OTHER"} for k in kinds.values())


@pytest.mark.parametrize("text", ["# Garden club\n\n## Next steps\n\n- Order the compost bins [[A]]\n- Fix the shed door [[A]]\n"
                                  "\nThe bins cost less than last year.\n"])
def test_train_stack_examples_label_marked_sentences(tmp_path, text):
    """An invented document's "[[A]]" marks label the units they close and are gone from the text that is ingested."""
    from tests.test_actions_stack import FixedScorer

    (tmp_path / "club.md").write_text(text, encoding="utf-8")
    (name, rows, labels, missed), = train.stack_examples(tmp_path, FixedScorer("en"), train.load_patterns())
    assert name == "club" and missed == 0
    assert labels == [True, True, False] and rows[0]["src_list"] == 1.0


@pytest.mark.parametrize("l2", [train.STACK_L2])
def test_train_committed_stack_reports_grouped_cross_validation(l2):
    """`make train` writes the structure layer and its leave-one-document-out figures beside the bars' own."""
    from pipeline.actions.stack import FEATURES, load_stack

    metrics = json.loads((train.DATA_DIR / "metrics.json").read_text(encoding="utf-8"))["stack"]
    stack = load_stack(train.DATA_DIR / "stack.json")
    assert stack is not None and stack.names == FEATURES
    assert metrics["cross_validated"]["grouped_by"] == "invented document" and metrics["l2"] == l2
    assert metrics["documents"] == len(list((train.DATA_DIR / train.STACK_DOCS).glob("*.md"))) >= 10
    assert metrics["marks_not_a_candidate"] == 0
    assert metrics["cross_validated"]["f1"] >= metrics["bars_alone"]["f1"] - 0.02
