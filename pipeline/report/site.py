"""`minutes report OUT --to DIR`: a static review site, one page per document and an index.

Every value from a document reaches the HTML through Jinja2 with autoescape on, never by string
concatenation, and every page also forbids scripts by its Content-Security-Policy. Page names come from
doc_id, never from file names, and every file is written inside DIR (pipeline.export.write_under).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd

from pipeline.api import Archive
from pipeline.export import prepare_dir, write_under
from pipeline.tracker import select, track

TEMPLATES = Path(__file__).with_name("templates")
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
LABEL_COLOURS = {"ORG": "#7aecec", "PLACE": "#feca74", "PERSON": "#aa9cfc", "DATE": "#bfe1d9", "TIME": "#e4e7d2"}
OTHER_COLOUR = "#dddddd"


def page_id(key: object) -> str:
    """A file-system- and URL-safe name for a row id: itself when plain, else a hash of it."""
    text = str(key)
    return text if SAFE_ID.match(text) else "h" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:20]


def _label_class(label: object) -> str:
    text = str(label)
    return text if text in LABEL_COLOURS else "OTHER"


@dataclass(frozen=True)
class Piece:
    """A run of document text with the highlights that cover it."""

    text: str
    anchors: tuple[str, ...] = ()   # sections that start here
    action: str | None = None       # anchor of the action covering the run
    action_start: bool = False
    mention: str | None = None      # anchor of the mention covering the run
    label: str | None = None
    mention_end: bool = False       # last run of the mention: its label goes here, as displaCy does


def _non_overlapping(spans: list[tuple[int, int, str, str]], size: int) -> list[tuple[int, int, str, str]]:
    """Spans clipped to the text, earliest first, longest first at a tie; one that overlaps a kept span is dropped."""
    kept, last_end = [], 0
    for start, end, key, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(0, start), min(size, end)
        if start < end and start >= last_end:
            kept.append((start, end, key, label))
            last_end = end
    return kept


def pieces(text: str, mentions: list[tuple[int, int, str, str]], actions: list[tuple[int, int, str, str]],
           section_starts: list[tuple[int, str]]) -> list[Piece]:
    """Split the text where any highlight or section starts or ends; each run knows what covers it."""
    size = len(text)
    ments, acts = _non_overlapping(mentions, size), _non_overlapping(actions, size)
    starts: dict[int, list[str]] = {}
    for pos, key in section_starts:
        starts.setdefault(min(max(pos, 0), size), []).append(key)
    cuts = sorted({0, size, *starts, *(p for s in ments for p in s[:2]), *(p for s in acts for p in s[:2])})
    out, mi, ai = [], 0, 0
    for a, b in zip(cuts, cuts[1:]):
        while mi < len(ments) and ments[mi][1] <= a:
            mi += 1
        while ai < len(acts) and acts[ai][1] <= a:
            ai += 1
        m = ments[mi] if mi < len(ments) and ments[mi][0] <= a else None
        act = acts[ai] if ai < len(acts) and acts[ai][0] <= a else None
        out.append(Piece(text[a:b], tuple(starts.get(a, ())),
                         act[2] if act else None, bool(act and act[0] == a),
                         m[2] if m else None, _label_class(m[3]) if m else None, bool(m and m[1] == b)))
    if size == 0 and starts:
        out.append(Piece("", tuple(starts.get(0, ()))))
    return out


def _v(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    return str(value)


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _v(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def section_tree(sections: pd.DataFrame) -> list[dict]:
    """Sections in document order with their depth in the tree (from parent_id, cycles cut)."""
    parent = dict(zip(sections["section_id"], sections["parent_id"]))
    out = []
    for s in _records(sections.sort_values("ordinal", kind="stable")):
        depth, seen, p = 0, {s["section_id"]}, parent.get(s["section_id"])
        while isinstance(p, str) and p in parent and p not in seen and depth < 12:
            seen.add(p)
            depth += 1
            p = parent.get(p)
        out.append(s | {"depth": depth, "anchor": "sec-" + page_id(s["section_id"])})
    return out


def mentions_chart(archive: Archive, width: int = 720, height: int = 240) -> dict:
    """Geometry of a stacked bar chart: mentions per month of meeting, by label (drawn as inline SVG)."""
    ents = archive.entities.merge(archive.documents[["doc_id", "meeting_date"]], on="doc_id", how="left")
    ents = ents[ents["meeting_date"].notna()]
    if ents.empty:
        return {"bars": [], "width": width, "height": height, "legend": [], "ticks": [], "ymax": 0}
    ents = ents.assign(month=ents["meeting_date"].dt.to_period("M"), label=ents["label"].astype(str))
    counts = ents.groupby(["month", "label"]).size().unstack(fill_value=0)
    months = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(months, fill_value=0)
    labels = [lab for lab in LABEL_COLOURS if lab in counts.columns] + \
        sorted(c for c in counts.columns if c not in LABEL_COLOURS)
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    ymax = int(counts.sum(axis=1).max()) or 1
    step = plot_w / len(months)
    bars, ticks = [], []
    for i, month in enumerate(months):
        x, y = left + i * step + step * 0.15, top + plot_h
        for lab in labels:
            n = int(counts.loc[month, lab])
            if not n:
                continue
            h = plot_h * n / ymax
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(step * 0.7, 1), "h": round(h, 1),
                         "fill": LABEL_COLOURS.get(lab, OTHER_COLOUR), "title": f"{month}: {n} {lab}"})
        if len(months) <= 24 or i % max(1, len(months) // 12) == 0:
            ticks.append({"x": round(left + i * step + step / 2, 1), "y": height - 10, "text": str(month)})
    legend = [{"label": lab, "fill": LABEL_COLOURS.get(lab, OTHER_COLOUR), "n": int(counts[lab].sum())}
              for lab in labels]
    return {"bars": bars, "width": width, "height": height, "legend": legend, "ticks": ticks, "ymax": ymax,
            "axis_x": left, "axis_y": top + plot_h, "axis_top": top}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class _ByDocument:
    """Each table's rows split by doc_id once, so a page costs its own rows, not a scan of the archive."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        self._empty = {name: df.iloc[0:0] for name, df in frames.items()}
        self._groups = {name: {k: g for k, g in df.groupby("doc_id", sort=False, observed=True)}
                        for name, df in frames.items()}

    def __call__(self, name: str, doc_id: str) -> pd.DataFrame:
        return self._groups[name].get(doc_id, self._empty[name])


def _by_document(archive: Archive, tracked: pd.DataFrame) -> _ByDocument:
    spans = archive.action_items.set_index("action_id")[["start_char", "end_char"]]
    return _ByDocument({"entities": archive.entities, "actions": tracked.join(spans, on="action_id"),
                        "sections": archive.sections, "participants": archive.participants,
                        "errors": archive.errors[archive.errors["doc_id"].notna()]})


def document_page(doc: dict, rows: _ByDocument, env: jinja2.Environment) -> str:
    d = doc["doc_id"]
    ents = rows("entities", d).sort_values("start_char", kind="stable")
    acts = rows("actions", d).sort_values("start_char", kind="stable")
    secs = rows("sections", d)
    parts = rows("participants", d)
    text = doc["text"]
    mention_spans = [(int(s), int(e), "row-" + page_id(k), str(lab))
                     for s, e, k, lab in zip(ents["start_char"], ents["end_char"], ents["mention_id"], ents["label"])
                     if pd.notna(s) and pd.notna(e)]
    action_spans = [(int(s), int(e), "row-" + page_id(k), "ACTION")
                    for s, e, k in zip(acts["start_char"], acts["end_char"], acts["action_id"])
                    if pd.notna(s) and pd.notna(e)]
    tree = section_tree(secs)
    sec_starts = [(int(s), t["anchor"]) for s, t in zip(secs.sort_values("ordinal", kind="stable")["start_char"], tree)
                  if pd.notna(s)]
    header = [(label, doc[col]) for label, col in (
        ("Title", "title"), ("Date", "meeting_date"), ("Time", "meeting_time"), ("Location", "location"),
        ("Chair", "chair"), ("Next meeting", "next_meeting"), ("Language", "language"), ("File", "source_path"),
        ("Format", "format"), ("Document id", "doc_id")) if doc[col]]
    errors = rows("errors", d)
    return env.get_template("document.html").render(
        doc=doc, header=header, tree=tree, participants=_records(parts),
        pieces=pieces(text, mention_spans, action_spans, sec_starts),
        entities=[r | {"anchor": "row-" + page_id(r["mention_id"]), "cls": _label_class(r["label"])}
                  for r in _records(ents)],
        actions=[r | {"anchor": "row-" + page_id(r["action_id"])} for r in _records(acts)],
        errors=_records(errors), colours=LABEL_COLOURS, other_colour=OTHER_COLOUR)


def index_page(archive: Archive, tracked: pd.DataFrame, pages: dict[str, str], env: jinja2.Environment,
               as_of: pd.Timestamp) -> str:
    docs = archive.documents.sort_values(["meeting_date", "doc_id"], na_position="last", kind="stable")
    ents = archive.entities
    open_actions = select(tracked, open_only=True).sort_values(
        ["overdue", "due_date"], ascending=[False, True], na_position="last", kind="stable")
    counts = [("documents", len(docs)), ("sections", len(archive.sections)),
              ("participants", len(archive.participants)), ("entity mentions", len(ents)),
              *((f"{lab} mentions", int(n)) for lab, n in ents["label"].astype(str).value_counts().items()),
              ("actions", len(tracked)), ("open actions", len(open_actions)),
              ("overdue actions", int(open_actions["overdue"].sum())), ("failures", len(archive.errors))]
    return env.get_template("index.html").render(
        counts=counts, chart=mentions_chart(archive), as_of=as_of.date().isoformat(),
        documents=[r | {"page": pages[r["doc_id"]]} for r in _records(docs)],
        open_actions=[r | {"page": pages.get(r["doc_id"]), "anchor": "row-" + page_id(r["action_id"])}
                      for r in _records(open_actions)],
        errors=_records(archive.errors), colours=LABEL_COLOURS, other_colour=OTHER_COLOUR)


def build_site(archive: Archive, to: Path, *, as_of: dt.date | None = None) -> list[Path]:
    """index.html and doc/<doc_id>.html under `to`; returns the files written."""
    root = prepare_dir(to)
    as_of_ts = pd.Timestamp(as_of if as_of is not None else dt.date.today()).normalize()
    env = _environment()
    tracked = track(archive, as_of=as_of_ts)
    docs = _records(archive.documents)
    pages = {d["doc_id"]: f"doc/{page_id(d['doc_id'])}.html" for d in docs}
    rows = _by_document(archive, tracked)
    written = [write_under(root, pages[d["doc_id"]], document_page(d, rows, env)) for d in docs]
    written.append(write_under(root, "index.html", index_page(archive, tracked, pages, env, as_of_ts)))
    return written
