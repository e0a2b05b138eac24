"""Archive-wide canonical entities: link acronyms across documents, then one catalog row per entity.

These steps read every mention of the archive, so they are Arrow group-bys and masks over whole columns:
Python runs once per distinct (entity, name) pair or per changed row, never once per mention, and a
meeting added to a long archive costs little more than its own rows. Every vote is settled as
`Counter.most_common` settles it: most often, then first seen.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.model import CatalogEntry, entity_key
from pipeline.schema import ENTITY_CATALOG

NAMED = ("ORG", "PLACE", "PERSON")
PLACE_SOURCES = ("gazetteer", "variant")  # how a place is known for sure: a listed name or another spelling of one
POS = "__pos"  # row number in the table handed in: "first seen"
COLUMNS = ("doc_id", "text", "label", "entity_id", "norm", "source")  # what these steps read


def is_short_form(text: str) -> bool:
    """An acronym-like string: short, starts with a letter, two capitals or more (same test as entities.acronyms)."""
    return 2 <= len(text) <= 10 and text[0].isalpha() and sum(c.isupper() for c in text) >= 2


def _positioned(t: pa.Table) -> pa.Table:
    """The columns these steps read (a filter copies every column it keeps), and each row's number."""
    t = t.select([c for c in COLUMNS if c in t.schema.names])
    return t.append_column(POS, pa.array(np.arange(t.num_rows, dtype=np.int64)))


def _named(t: pa.Table) -> pc.Expression:
    return pc.field("label").isin(list(NAMED)) & pc.field("entity_id").is_valid()


def _most_common(t: pa.Table, key: str, values: list[str]) -> dict:
    """key value -> the `values` (a tuple, or the value when one) seen most often with it, then first seen.

    `t` has the POS column; the returned dict is in the order the keys are first seen."""
    if t.num_rows == 0:
        return {}
    g = t.group_by([key, *values], use_threads=False).aggregate([(POS, "count"), (POS, "min")])
    g = g.sort_by([(f"{POS}_count", "descending"), (f"{POS}_min", "ascending")])
    best: dict = {}
    first: dict = {}
    for row in g.select([key, *values, f"{POS}_min"]).to_pylist():
        k = row[key]
        if k not in best:
            best[k] = tuple(row[v] for v in values) if len(values) > 1 else row[values[0]]
        first[k] = min(first.get(k, row[f"{POS}_min"]), row[f"{POS}_min"])
    return {k: best[k] for k in sorted(best, key=first.__getitem__)}


def _expansions(t: pa.Table) -> dict[str, tuple[str, str]]:
    """short form -> (entity_id, norm), from mentions (with the POS column) whose text is an acronym resolved to a
    longer name; when documents disagree, the expansion seen most often wins."""
    rows = t.filter(_named(t) & pc.field("norm").is_valid())
    if rows.num_rows == 0:
        return {}
    texts = pc.unique(rows["text"]).to_pylist()
    short = [s for s in texts if s is not None and is_short_form(s)]
    if not short:
        return {}
    rows = rows.filter(pc.field("text").isin(pa.array(short, pa.string())))
    if rows.num_rows == 0:
        return {}
    longer = pc.and_(pc.not_equal(rows["norm"], rows["text"]),
                     pc.greater(pc.utf8_length(rows["norm"]), pc.utf8_length(rows["text"])))
    return _most_common(rows.filter(longer), "text", ["entity_id", "norm"])


def _unbalanced(norm: pa.ChunkedArray) -> pa.ChunkedArray:
    """'Save the Children), Abdullahi': a bracket the name does not close is a cut across two entries."""
    def count(s: str) -> pa.ChunkedArray:
        return pc.count_substring(norm, s)
    return pc.or_(pc.not_equal(count("("), count(")")), pc.not_equal(count("["), count("]")))


def _places_first(t: pa.Table) -> pa.Table:
    known = t.filter((pc.field("label") == "PLACE") & pc.field("source").isin(list(PLACE_SOURCES))
                     & pc.field("entity_id").is_valid())
    places = _most_common(known, "text", ["entity_id", "norm"])
    label, eid, norm = t["label"], t["entity_id"], t["norm"]
    model_read = pc.and_(pc.is_in(label, pa.array(["PERSON", "ORG"])), pc.equal(t["source"], "model"))
    relabel = pc.fill_null(pc.and_(model_read, pc.is_in(t["text"], pa.array(list(places), pa.string()))), False)
    cut = pc.fill_null(pc.and_(pc.is_in(label, pa.array(list(NAMED))), _unbalanced(norm)), False)
    cut = pc.and_(cut, pc.invert(relabel))
    if not pc.any(relabel).as_py() and not pc.any(cut).as_py():
        return t
    if pc.any(relabel).as_py():
        at = pc.index_in(t["text"], pa.array(list(places), pa.string()))
        eids = pa.array([e for e, _ in places.values()], pa.string())
        norms = pa.array([n for _, n in places.values()], pa.string())
        label = pc.if_else(relabel, pa.scalar("PLACE"), label)
        eid = pc.if_else(relabel, pc.take(eids, at), eid)
        norm = pc.if_else(relabel, pc.take(norms, at), norm)
    eid = pc.if_else(cut, pa.scalar(None, pa.string()), eid)
    return _with(t, label=label, entity_id=eid, norm=norm)


def _with(t: pa.Table, **columns) -> pa.Table:
    for name, values in columns.items():
        i = t.schema.get_field_index(name)
        t = t.set_column(i, t.schema.field(i), values.cast(t.schema.field(i).type))
    return t


def unify(entities: pa.Table) -> pa.Table:
    """Give a bare acronym ("SFCG") the entity of its expansion defined in any document of the archive, and a
    town the model took for a person or a body the place the gazetteers name elsewhere in the archive: same rows,
    in the same order."""
    if entities.num_rows == 0:
        return entities
    t = _positioned(entities)
    if "source" in t.schema.names:
        t = _places_first(t)
    expansions = _expansions(t)
    if expansions:
        shorts = pa.array(list(expansions), pa.string())
        maybe = pc.fill_null(pc.and_(pc.is_in(t["text"], shorts), pc.is_in(t["label"], pa.array(["ORG", "PLACE"]))),
                             False)
        idx = pc.indices_nonzero(maybe).to_numpy()
        if len(idx):  # the bare acronyms only: few rows
            texts, labels, eids = (pc.take(t[c], pa.array(idx)).to_pylist() for c in ("text", "label", "entity_id"))
            hit = np.zeros(t.num_rows, dtype=bool)
            new_eid, new_norm = [], []
            for i, text, label, eid in zip(idx, texts, labels, eids):
                if eid is None or eid == entity_key(label, text):
                    hit[i] = True
                    new_eid.append(expansions[text][0])
                    new_norm.append(expansions[text][1])
            if hit.any():
                mask = pa.array(hit)
                t = _with(t, entity_id=pc.replace_with_mask(t["entity_id"].combine_chunks(), mask,
                                                            pa.array(new_eid, pa.string())),
                          norm=pc.replace_with_mask(t["norm"].combine_chunks(), mask, pa.array(new_norm, pa.string())))
    return _with(entities, **{c: t[c] for c in ("label", "entity_id", "norm") if c in entities.schema.names})


def catalog(entities: pa.Table, documents: pa.Table, known: dict[str, CatalogEntry]) -> pd.DataFrame:
    """One row per entity mentioned in the archive: names, codes from the gazetteers, counts, dates seen.

    `entities` are unified; `documents` has doc_id and meeting_date (date32)."""
    columns = ENTITY_CATALOG.schema.names
    if entities.num_rows == 0:
        return pd.DataFrame(columns=columns)
    t = _positioned(entities)
    expansions = {eid: short for short, (eid, _) in _expansions(t).items()}
    ents = t.filter(_named(t))
    if ents.num_rows == 0:
        return pd.DataFrame(columns=columns)
    when = pc.take(documents["meeting_date"], pc.index_in(ents["doc_id"], documents["doc_id"]))
    ents = ents.append_column("__when", when)
    agg = ents.group_by("entity_id", use_threads=False).aggregate(
        [(POS, "count"), ("doc_id", "count_distinct"), ("__when", "min"), ("__when", "max")])
    norms = _most_common(ents.filter(pc.field("norm").is_valid()), "entity_id", ["norm"])
    labels = _most_common(ents, "entity_id", ["label"])
    texts: dict[str, list[str]] = {}
    for row in ents.group_by(["entity_id", "text"], use_threads=False).aggregate([]).to_pylist():
        texts.setdefault(row["entity_id"], []).append(str(row["text"]))
    rows = []
    for a in sorted(agg.to_pylist(), key=lambda r: r["entity_id"]):  # one row per entity, not per mention
        eid, entry = a["entity_id"], known.get(a["entity_id"])
        seen = sorted(texts[eid])
        name = entry.name if entry else norms.get(eid, seen[0])
        aliases = list(dict.fromkeys([*(s for s in seen if s != name), *(entry.aliases if entry else ())]))
        rows.append({
            "entity_id": eid,
            "label": entry.label if entry else labels[eid],
            "name": name,
            "acronym": (entry.acronym if entry and entry.acronym else expansions.get(eid)),
            "aliases": aliases,
            "iso_code": entry.iso_code if entry else None,
            "pcode": entry.pcode if entry else None,
            "iati_id": entry.iati_id if entry else None,
            "lat": entry.lat if entry else None,
            "lon": entry.lon if entry else None,
            "n_mentions": a[f"{POS}_count"],
            "n_documents": a["doc_id_count_distinct"],
            "first_seen": a["__when_min"],
            "last_seen": a["__when_max"],
        })
    return pd.DataFrame(rows, columns=columns)
