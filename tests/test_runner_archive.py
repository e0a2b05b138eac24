"""The archive-wide step after a change: adding a meeting gives the tables a full run over the same files gives.

A stand-in executor reads a tiny invented line format (title, date, mentions, actions), so the runner's
bookkeeping (kept links, entity_changes, skipped writes) is what is tested; the slow test runs the real stages
over an archive from benchmarks/generate.py.
"""
from __future__ import annotations

import os
import shutil
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from pipeline.config import Settings
from pipeline.extract import DocumentOutcome
from pipeline.model import entity_key
from pipeline.runner import Runner
from pipeline.schema import TABLES, conform

RUN_COLUMNS = {"errors": ["run_id"]}  # what differs between two runs over the same files


def stand_in(sources, settings, user_gazetteer_dir):
    """An executor: 'T title', 'D 2024-05-02', 'E LABEL|text|entity_id|norm|source', 'A status|text' lines."""
    for s in sources:
        text = s.data.decode("utf-8")
        d = s.doc_id
        doc = {"doc_id": d, "source_path": s.source_path, "format": "txt", "size_bytes": len(s.data),
               "modified_at": s.modified_at, "text": text, "n_blocks": 0}
        ents, acts, pos = [], [], 0
        for line in text.split("\n"):
            kind, _, rest = line.partition(" ")
            start = pos + len(kind) + 1
            if kind == "T":
                doc["title"] = rest
            elif kind == "D":
                doc["meeting_date"] = date.fromisoformat(rest)
            elif kind == "E":
                label, surface, eid, norm, source = rest.split("|")
                at = start + len(label) + 1
                ents.append({"doc_id": d, "mention_id": f"{d}-e{len(ents):05d}", "start_char": at,
                             "end_char": at + len(surface), "text": surface, "label": label,
                             "entity_id": eid or None, "norm": norm, "source": source})
            elif kind == "A":
                status, said = rest.split("|")
                at = start + len(status) + 1
                acts.append({"doc_id": d, "action_id": f"{d}-a{len(acts):03d}", "section_id": f"{d}-s000",
                             "kind": "action", "start_char": at, "end_char": at + len(said), "text": said,
                             "status": status or None, "source": "marker"})
            pos += len(line) + 1
        section = {"doc_id": d, "section_id": f"{d}-s000", "level": 1, "ordinal": 0, "kind": "other",
                   "start_char": 0, "end_char": len(text), "text": text}
        tables = {"documents": conform("documents", [doc]), "blocks": conform("blocks", []),
                  "sections": conform("sections", [section]), "participants": conform("participants", []),
                  "header_fields": conform("header_fields", []), "entities": conform("entities", ents),
                  "action_items": conform("action_items", acts)}
        yield DocumentOutcome(s.source_path, d, tables, [], len(text.split()))


OTHER = entity_key("ORG", "Old Riverbank Council")
TASKS = ["Berit to repaint the shed doors before the fair", "Joran to order forty apple saplings for the slope",
         "Mirela to draft the watering rota for the summer", "Tobin to fix the broken gate latch by the lane"]


def meeting(i: int, *, defines: str | None = None, times: int = 1) -> str:
    """Meeting i of one series: a bare 'ORC' (or its expansion `defines`), 'Kelvar' read as a person, tasks."""
    lines = ["T Orchard Club Meeting", f"D 2024-{1 + i // 28:02d}-{1 + i % 28:02d}",
             "E ORG|ORC|" + entity_key("ORG", "ORC") + "|ORC|model",
             "E PERSON|Kelvar|" + entity_key("PERSON", "Kelvar") + "|Kelvar|model"]
    if defines:
        eid = entity_key("ORG", defines)
        lines += [f"E ORG|{defines}|{eid}|{defines}|acronym", f"E ORG|ORC|{eid}|{defines}|acronym"] * times
    if i == 0:
        lines.append("E PLACE|Kelvar|place:kelvar|Kelvar|gazetteer")
    lines += [f"A {'done' if (i + k) % 3 == 0 else ''}|{TASKS[(i + k) % len(TASKS)]}" for k in range(2)]
    return "\n".join(lines) + "\n"


def comparable(out) -> dict[str, pa.Table]:
    tables = {}
    for name, spec in TABLES.items():
        if name == "runs":
            continue
        t = pq.read_table(out / f"{name}.parquet").drop_columns(RUN_COLUMNS.get(name, []))
        keys = [(c, "ascending") for c in (*spec.sort_by, *t.schema.names)
                if not pa.types.is_list(t.schema.field(c).type)]
        tables[name] = t.sort_by(keys).replace_schema_metadata(None)
    return tables


def write(raw, i: int, text: str) -> None:
    path = raw / "orchard" / f"m{i:02d}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1_700_000_000_000_000_000 + i, 1_700_000_000_000_000_000 + i))


@pytest.mark.parametrize("added", [9, 3])  # the newest meeting, or one in the middle of the series
def test_runner_archive_add_one_equals_a_full_run(tmp_path, added):
    raw = tmp_path / "raw"
    texts = {i: meeting(i, defines="Orchard Renewal Collective" if i == 1 else None) for i in range(10)}
    # the added meeting expands ORC otherwise, twice: over the whole archive that expansion wins
    texts[added] = meeting(added, defines="Old Riverbank Council", times=2)
    settings = Settings(link_window=3, commit_every=2)
    for i, text in texts.items():
        if i != added:
            write(raw, i, text)
    Runner(raw, tmp_path / "inc", settings, executor=stand_in).run()
    write(raw, added, texts[added])
    summary = Runner(raw, tmp_path / "inc", settings, executor=stand_in).run()
    assert (summary.n_processed, summary.n_skipped) == (1, 9)
    Runner(raw, tmp_path / "full", settings, executor=stand_in).run()
    inc, full = comparable(tmp_path / "inc"), comparable(tmp_path / "full")
    assert inc.keys() == full.keys()
    for name in full:
        assert inc[name].equals(full[name]), name
    ents = full["entities"].to_pylist()
    assert {e["entity_id"] for e in ents if e["text"] == "ORC" and e["source"] == "model"} == {OTHER}
    assert {e["label"] for e in ents if e["text"] == "Kelvar"} == {"PLACE"}
    changes = full["entity_changes"].to_pylist()  # the documents' own readings of the 10 bare ORC, 10 Kelvar
    assert sorted((c["label"], c["norm"]) for c in changes) == [("ORG", "ORC")] * 10 + [("PERSON", "Kelvar")] * 10
    assert full["action_links"].num_rows > 0


@pytest.mark.slow
@pytest.mark.parametrize("n", [8])
def test_runner_archive_generated_series_add_one_equals_a_full_run(tmp_path, n):
    """The real stages over a generated series (benchmarks/generate.py): meeting n+1 added to n, against all at once."""
    from benchmarks.generate import write_series

    raw, spare = tmp_path / "raw", tmp_path / "spare"
    body = "Tarnow Shelter Group"  # invented
    write_series(raw, body, n, seed=5, words=(150, 300), formats=("docx", "txt"))
    newest = write_series(spare, body, n + 1, seed=5, words=(150, 300), formats=("docx", "txt"))[-1]
    settings = Settings(workers=1, commit_every=3)
    Runner(raw, tmp_path / "inc", settings).run()
    shutil.copy2(newest, raw / newest.parent.name / newest.name)
    summary = Runner(raw, tmp_path / "inc", settings).run()
    assert (summary.n_processed, summary.n_skipped, summary.n_failed) == (1, n, 0)
    Runner(raw, tmp_path / "full", settings).run()
    inc, full = comparable(tmp_path / "inc"), comparable(tmp_path / "full")
    assert inc.keys() == full.keys()
    for name in full:
        assert inc[name].equals(full[name]), name
    assert full["action_links"].num_rows > 0 and full["entity_catalog"].num_rows > 0
    new_id = full["documents"].filter(pc.equal(full["documents"]["source_path"],
                                               f"{newest.parent.name}/{newest.name}"))["doc_id"][0]
    assert new_id.as_py() in set(full["action_links"]["later_doc_id"].to_pylist())  # the new meeting took actions up
