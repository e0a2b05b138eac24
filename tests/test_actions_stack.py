"""The structure layer over the bag (pipeline/actions/stack.py), on invented minutes built through ingest and segment."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import spacy

from pipeline.actions import detect
from pipeline.actions.patterns import default_patterns
from pipeline.actions.stack import FEATURES, Stack, fit, unit_rows
from pipeline.config import Settings, load_settings
from pipeline.ingest import ingest
from pipeline.model import Source
from pipeline.runner import content_id
from pipeline.segment import segment

P = default_patterns()

EN = """# Pump repair group

Date: 3 June 2025

## 1. Updates

The crew repaired four wells in May.
The team will probably look at the valley wells later in the year.

## 2. Action points

- Send the spare parts list to the depot
- Book the truck for the second trip
- Call the village chief about the new site
"""

FR = """# Groupe de travail Pompes

Date : 3 juin 2025

## 1. Mises à jour

L'équipe a réparé quatre puits en mai.
Le groupe regardera peut-être les puits de la vallée plus tard.

## 2. Points d'action

- Envoyer la liste des pièces au dépôt
- Réserver le camion pour le second voyage
- Appeler le chef du village au sujet du nouveau site
"""


@dataclass
class FixedScorer:
    """A blank parser with sentence splits and one bag score for every sentence: the structure is the point here."""

    lang: str
    value: float = 0.6
    stack: Stack | None = None
    nlp: object = field(default=None)

    def __post_init__(self):
        self.nlp = spacy.blank(self.lang)
        self.nlp.add_pipe("sentencizer")

    def parse(self, texts):
        return list(self.nlp.pipe(texts))

    def score(self, sentences, labelled=None, marked=None, context=()):
        return [self.value] * len(sentences)


def _document(text: str, name: str = "minutes.md"):
    data = text.encode("utf-8")
    settings = load_settings()
    doc = ingest(Source(name, data, content_id(data)), settings=settings)
    return doc, segment(doc, settings=settings)


def _rows(text: str, lang: str):
    doc, seg = _document(text)
    lines, units, context = detect.scored_units(doc, seg, FixedScorer(lang), P)
    return {doc.text[u.start:u.end]: r for u, r in zip(units, unit_rows(units, lines, seg, context, P, doc.text))}


@pytest.mark.parametrize("text, lang, item, prose", [
    (EN, "en", "Book the truck for the second trip", "The crew repaired four wells in May."),
    (FR, "fr", "Réserver le camion pour le second voyage", "L'équipe a réparé quatre puits en mai."),
])
def test_actions_stack_features_read_the_document_structure(text, lang, item, prose):
    """An item of an action list is a listed source under an action heading; prose beside it is prose in a listed
    document; both know the document holds an explicit list, and the margin is the bag's distance to its bar."""
    rows = _rows(text, lang)
    listed, plain = rows[item], rows[prose]
    assert listed["src_list"] == 1.0 and listed["role_action"] == 1.0 and listed["list_item"] == 1.0
    assert plain["src_list"] == 0.0 and plain["role_action"] == 0.0 and plain["doc_listed_prose"] == 1.0
    assert listed["doc_listed"] == plain["doc_listed"] == 1.0
    assert listed["margin"] > 0 > plain["margin"]  # 0.6 clears a marked line's bar, not uncued prose's
    assert set(listed) == set(FEATURES)


@pytest.mark.parametrize("text, lang, kept, dropped", [
    (EN, "en", "Call the village chief about the new site", "The crew repaired four wells in May."),
    (FR, "fr", "Appeler le chef du village au sujet du nouveau site", "L'équipe a réparé quatre puits en mai."),
])
def test_actions_stack_decides_in_the_stage(text, lang, kept, dropped):
    """With a stack on the scorer, the stage keeps what the stack accepts, credited to the line's source."""
    doc, seg = _document(text)
    # the stack: a listed line is an action whatever the bag says, anything else is not
    stack = Stack(("src_list",), (4.0,), -2.0, (0.0,), (1.0,))
    scorer = FixedScorer(lang, value=0.999, stack=stack)
    items = detect.detect_actions(doc, seg, (), scorer=scorer, settings=Settings())
    texts = {a.text: a for a in items}
    assert kept in texts and texts[kept].source == "marker"
    assert dropped not in texts and len(items) == 3
    assert all(doc.text[a.start_char:a.end_char] == a.text for a in items)


@pytest.mark.parametrize("n", [400])
def test_actions_stack_fit_starts_from_the_bars(n):
    """Pulled hard towards its prior, the stack decides as the bars do (margin >= 0); with a weak pull it learns
    a feature the margin does not carry."""
    import random

    rng = random.Random(5)
    rows, labels = [], []
    for _ in range(n):
        margin, flag = rng.uniform(-2, 2), float(rng.random() < 0.5)
        rows.append({"margin": margin, "imperative": flag})
        labels.append(flag == 1.0)  # the label follows the flag, not the margin
    names = ("margin", "imperative")
    strong = fit(rows, labels, l2=1e7, names=names)
    assert [p >= 0.5 for p in strong.probability(rows)] == [r["margin"] >= 0 for r in rows]
    weak = fit(rows, labels, l2=1.0, names=names)
    assert sum((p >= 0.5) == y for p, y in zip(weak.probability(rows), labels)) >= 0.95 * n


def test_actions_stack_a_task_handed_to_a_known_actor_is_held_to_the_marked_bar():
    """A prose line whose form hands its task to a known actor ("FMT to ...", detect sets assigned_to) meets the low
    bar of a marked line, in the stack's margin and in the rules' decision alike; the same score unassigned does not."""
    from pipeline.actions.candidates import Line
    from pipeline.actions.stack import _bar

    line = Line(start=0, end=40, body_start=0, block_ordinal=0, section_ordinal=None, level=0)
    body = "Stock levels - FMT to phone the suppliers"
    plain = detect.Unit(0, 0, len(body), body, None, 0, True, score=0.2)
    assigned = detect.Unit(0, 0, len(body), body, None, 0, True, score=0.2, extra={"assigned_to": "FMT"})
    settings = Settings()
    assert _bar(assigned, line, False, True, P, 0.5) == pytest.approx(0.5 * detect.MARKED_BAR)
    assert _bar(plain, line, False, True, P, 0.5) > 0.5
    assert detect._decide(assigned, line, P, settings) == "rule"
    assert detect._decide(plain, line, P, settings) is None
