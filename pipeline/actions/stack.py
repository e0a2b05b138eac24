"""A second, small learned layer over the bag's score: the structure of the document a candidate sits in (issue 9).

The bag of n-grams reads one sentence; it cannot weigh where the sentence stands. The stack is a logistic
regression over a few dozen explicit features of a candidate unit: the bag's score (as a logit, and crossed with
the line's source), where the line comes from (action column, action list, marker, cued or uncued prose), the role
of its innermost heading, whether the document holds an explicit action list or table and how large it is, a
per-organisation update block, place in the section, list item or paragraph, an owner at the start, a date,
modality and tense read off the parse, transcript turns, length and language. It is fitted by `make train` on
whole invented documents (models/actions/stack/*.md, action sentences marked there with "[[A]]"), built through
the real ingest and segment stages, and saved as plain numbers in models/actions/stack.json.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy

from pipeline.actions.candidates import Line, Sections, heading_kind
from pipeline.actions.features import DAY_OR_MONTH
from pipeline.actions.patterns import Patterns
from pipeline.model import Segmented

MARK = re.compile(r" ?\[\[A\]\]")  # what ends an action sentence in a training document
STACK_FILE = "stack.json"
LISTED_LINES = 3  # a document with this many marked lines has an explicit action list or table
DATE_LIKE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}[/.-]\d{1,2}\b")
PAST_TAGS = ("VBD", "VBN")
WILL = frozenset({"will", "'ll", "shall", "wo"})
SHOULD = frozenset({"should", "must", "need", "needs", "ought"})

FEATURES = (
    "margin", "bag", "bag_marked", "bag_uncued",
    "src_table", "src_list", "src_marker", "src_cued", "later_sentence", "decision",
    "role_action", "role_agenda", "role_update",
    "doc_listed", "doc_listed_prose", "doc_marked_lines",
    "update_block", "position", "list_item", "table_cell",
    "owner_start", "has_date", "cue_word", "will", "name_to", "imperative", "past", "should",
    "question_or_title", "transcript", "turn", "short", "long", "lang_fr", "lang_es",
)


@dataclass(frozen=True)
class Stack:
    """Logistic regression weights over FEATURES (standardised by mean and scale), and the bar it decides at."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    bar: float = 0.5

    def probability(self, rows: list[dict[str, float]]) -> list[float]:
        if not rows:
            return []
        x = (_matrix(rows, self.names) - numpy.array(self.mean)) / numpy.array(self.scale)
        return [float(v) for v in _sigmoid(x @ numpy.array(self.weights) + self.bias)]

    def to_json(self) -> dict:
        return {"names": list(self.names), "weights": [round(w, 6) for w in self.weights], "bias": round(self.bias, 6),
                "mean": [round(m, 6) for m in self.mean], "scale": [round(s, 6) for s in self.scale], "bar": self.bar}


def load_stack(path: Path) -> Stack | None:
    """The stack saved by `make train`, or None when there is none (the bag's bars decide then)."""
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Stack(tuple(raw["names"]), tuple(raw["weights"]), raw["bias"], tuple(raw["mean"]), tuple(raw["scale"]),
                 raw.get("bar", 0.5))


def _sigmoid(z):
    return 1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30)))


def _matrix(rows: list[dict[str, float]], names: tuple[str, ...]) -> numpy.ndarray:
    return numpy.array([[float(r.get(n, 0.0)) for n in names] for r in rows], dtype=float)


def fit(rows: list[dict[str, float]], labels: list[bool], *, l2: float = 1.0, names: tuple[str, ...] = FEATURES,
        iterations: int = 50, prior: str | None = "margin") -> Stack:
    """L2-penalised logistic regression by Newton's method (IRLS) on standardised features.

    prior: the feature whose weight the penalty pulls towards the bag's own calibration (4 per unit of
    margin, the bias to match), so that with little evidence the stack decides as the stage's bars do and
    the invented documents' share of actions (far above real minutes') does not move every decision; None
    pulls every weight towards 0 and leaves the bias free.
    """
    x = _matrix(rows, names)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = numpy.hstack([(x - mean) / scale, numpy.ones((len(rows), 1))])
    y = numpy.array(labels, dtype=float)
    centre = numpy.zeros(z.shape[1])
    penalty = numpy.eye(z.shape[1]) * l2
    if prior is None:
        penalty[-1, -1] = 0.0
    else:
        k = names.index(prior)
        centre[k], centre[-1] = 4.0 * scale[k], 4.0 * mean[k]  # sigmoid(4 * margin): the bag at its own bar
    def loss(v):
        q = z @ v
        return float(numpy.sum(numpy.logaddexp(0, q) - y * q) + 0.5 * (v - centre) @ penalty @ (v - centre))

    w = centre.copy()
    for _ in range(iterations):
        p = _sigmoid(z @ w)
        grad = z.T @ (p - y) + penalty @ (w - centre)
        hess = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = numpy.linalg.solve(hess + 1e-6 * numpy.eye(len(w)), grad)
        t, before = 1.0, loss(w)
        while t > 1e-4 and loss(w - t * step) > before:  # a Newton step can overshoot where p is near 0 or 1
            t /= 2
        w -= t * step
        if numpy.abs(t * step).max() < 1e-8:
            break
    return Stack(tuple(names), tuple(float(v) for v in w[:-1]), float(w[-1]), tuple(float(m) for m in mean),
                 tuple(float(s) for s in scale))


def _logit(score: float) -> float:
    s = min(max(score, 1e-4), 1 - 1e-4)
    return math.log(s / (1 - s)) / 4.0


def section_role(line: Line, secs: Sections, p: Patterns) -> str:
    """action / agenda / update / other, from the innermost section with a heading."""
    section = secs.by_ordinal.get(line.section_ordinal) if line.section_ordinal is not None else None
    for s in secs.chain(section):
        if s.kind == "header" or not s.heading.strip():
            continue
        h = s.heading.strip().strip("*_#").strip()
        h = re.sub(r"^[\dIVX]+[./)]*\s*", "", h)  # "3. Action points", "47/25 Highways"
        if heading_kind(h, p) == "action":
            return "action"
        if p.agenda_headings.match(h):
            return "agenda"
        if s.kind == "update" or s.speaker_org:
            return "update"
        return "other"
    return "other"


def _bar(u, line: Line, marked: bool, cued: bool, p: Patterns, threshold: float) -> float:
    """The bar the stage's rules (detect._decide) hold this unit's bag score to: the stack starts from that decision."""
    from pipeline.actions import detect

    if marked:
        return threshold * (detect.MARKED_BAR if line.kind != "decision" else 1.0)
    if u.extra.get("assigned_to"):  # "FMT to phone ...": a task handed to a known actor by its form (detect)
        return threshold * detect.MARKED_BAR
    if cued and not detect._question_or_title(u.body):
        margin = 0.0 if u.first and line.label_style in ("bracket", "paren", "dash") else detect.PROSE_MARGIN
        return min(threshold + margin, detect.UNCUED_BAR)
    return max(detect.UNCUED_BAR, threshold)


def unit_rows(units: list, lines: list[Line], seg: Segmented, context: tuple[str, ...], p: Patterns,
              text: str, threshold: float = 0.5) -> list[dict[str, float]]:
    """The stack's features of each unit (detect.Unit, scored by the bag) of one document."""
    from pipeline.actions import detect  # detect calls the stack; its cue helpers are read here at call time

    secs = Sections(seg.sections)
    blocks = {b.ordinal: b for b in seg.blocks}
    marked_lines = sum(1 for ln in lines if ln.source)
    listed = marked_lines >= LISTED_LINES
    in_section: dict[int | None, int] = {}  # lines per section
    place: dict[int, int] = {}  # line index -> its place among its section's lines
    for i, ln in enumerate(lines):
        place[i] = in_section.get(ln.section_ordinal, 0)
        in_section[ln.section_ordinal] = place[i] + 1
    lang = seg.header.language or "en"
    transcript = "DTRANS" in context
    out = []
    for u in units:
        line = lines[u.line_index]
        block = blocks.get(line.block_ordinal)
        marked = bool(line.source) and u.first
        cued = not marked and detect.has_cue(u.body, u.sent, p)
        bag = _logit(u.score)
        role = section_role(line, secs, p)
        section = secs.by_ordinal.get(line.section_ordinal) if line.section_ordinal is not None else None
        update = any(s.kind == "update" or s.speaker_org for s in secs.chain(section))
        peers = in_section[line.section_ordinal]
        position = place[u.line_index] / (peers - 1) if peers > 1 else 0.0
        toks = [t for t in u.sent if not (t.is_punct or t.is_space)] if u.sent is not None else []
        root = u.sent.root if u.sent is not None else None
        words = len(detect.ANY_WORD.findall(u.body))
        owner_start = bool(line.label and u.first) or bool(toks and toks[0].pos_ == "PROPN" and toks[0].dep_.startswith("nsubj"))
        row = {
            "margin": bag - _logit(_bar(u, line, marked, cued, p, threshold)),
            "bag": bag, "bag_marked": bag * marked, "bag_uncued": bag * (not marked and not cued),
            "src_table": marked and line.source == "table_column",
            "src_list": marked and line.source == "marker" and (line.list_id is not None or (block is not None and block.kind == "list_item")),
            "src_marker": marked and line.source == "marker" and line.list_id is None and not (block is not None and block.kind == "list_item"),
            "src_cued": cued, "later_sentence": not u.first, "decision": line.kind == "decision",
            "role_action": role == "action", "role_agenda": role == "agenda", "role_update": role == "update",
            "doc_listed": listed, "doc_listed_prose": listed and not marked, "doc_marked_lines": math.log1p(marked_lines) / 3,
            "update_block": update, "position": position,
            "list_item": block is not None and block.kind == "list_item", "table_cell": block is not None and block.kind == "table_cell",
            "owner_start": owner_start,
            "has_date": bool(DAY_OR_MONTH.search(u.body) or any(DAY_OR_MONTH.match(t.text) for t in toks) or DATE_LIKE.search(u.body)),
            "cue_word": bool(p.cues.search(u.body)),
            "will": any(t.lower_ in WILL and t.tag_ == "MD" for t in toks) or " going to " in u.body.lower(),
            "name_to": detect._name_to_verb(u.sent) or bool(p.infinitive_task.match(u.body)),
            "imperative": bool(p.imperative_start.match(u.body)) or detect._opens_with_base_verb(u.sent),
            "past": root is not None and root.tag_ in PAST_TAGS,
            "should": any(t.lower_ in SHOULD for t in toks),
            "question_or_title": detect._question_or_title(u.body),
            "transcript": transcript, "turn": bool(detect.SPEAKER_TURN.match(text, line.start, line.end)),
            "short": words <= 5, "long": words > 25, "lang_fr": lang == "fr", "lang_es": lang == "es",
        }
        out.append({k: float(v) for k, v in row.items()})
    return out
