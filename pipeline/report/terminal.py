"""One document's extraction, readable in a terminal (`minutes show`)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from pipeline.api import find_document, load


def _v(x: object) -> str:
    """A cell as text for Rich, escaped: document text such as "[chair]" or "[/see annex]" is not markup."""
    if isinstance(x, pd.Timestamp) and x == x.normalize():
        return x.date().isoformat()  # a date read as datetime64 by pipeline.api
    return "" if x is None or (not isinstance(x, (list, tuple)) and pd.isna(x)) else escape(str(x))


def render_document(console: Console, out: Path, key: str) -> None:
    doc = find_document(out, key)
    d = doc["doc_id"]
    console.print(f"[bold]{_v(doc['title']) or _v(doc['source_path'])}[/]  ({_v(doc['source_path'])}, {doc['format']}, "
                  f"doc_id {d})", highlight=False)
    for label, col in (("date", "meeting_date"), ("time", "meeting_time"), ("location", "location"),
                       ("chair", "chair"), ("next meeting", "next_meeting"), ("language", "language")):
        if _v(doc[col]):
            console.print(f"  {label}: {_v(doc[col])}", highlight=False)

    errors = load(out, "errors")
    for _, e in errors[errors["source_path"] == doc["source_path"]].iterrows():
        console.print(f"  [red]{e['stage']} {e['error_type']}[/]: {_v(e['message'])}", highlight=False)

    parts = load(out, "participants")
    parts = parts[parts["doc_id"] == d]
    if len(parts):
        console.print("participants: " + "; ".join(
            _v(p["name"]) + (f" ({_v(p['organisation'])})" if _v(p["organisation"]) else "")
            + (f" \\[{_v(p['role'])}]" if _v(p["role"]) else "") + ("" if p["status"] == "present" else f" <{p['status']}>")
            for _, p in parts.iterrows()), highlight=False)

    sections = load(out, "sections")
    sections = sections[sections["doc_id"] == d]
    tree, nodes = Tree("sections"), {}
    for _, s in sections.iterrows():
        who = f" — {_v(s['speaker_org']) or _v(s['speaker'])}" if _v(s["speaker_org"]) or _v(s["speaker"]) else ""
        parent = nodes.get(s["parent_id"], tree)
        nodes[s["section_id"]] = parent.add(f"{_v(s['number'])} {_v(s['heading'])} [dim]{s['kind']}{who}[/]".strip())
    if len(sections):
        console.print(tree)

    ents = load(out, "entities")
    ents = ents[ents["doc_id"] == d]
    if len(ents):
        grouped = ents.groupby("label")["norm"].agg(lambda s: ", ".join(sorted(set(map(_v, s)))))
        for label, names in grouped.items():
            console.print(f"[bold]{label}[/]: {names}", highlight=False)

    acts = load(out, "action_items")
    acts = acts[acts["doc_id"] == d]
    if len(acts):
        table = Table("kind", "action", "owner", "due", "status", title="action items", show_lines=False)
        for _, a in acts.iterrows():
            table.add_row(a["kind"], _v(a["text"][:120]), _v(a["owner"]), _v(a["due_date"]) or _v(a["due_text"]),
                          _v(a["status"]))
        console.print(table)
