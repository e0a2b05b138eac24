"""Archive-wide canonical entities: link acronyms across documents, then one catalog row per entity.

These steps read every mention of the archive, so they run over plain column lists (`Series.tolist()`), not
over pandas rows: iterating, or setting one value of, an Arrow-backed column costs far more than the work
itself. String tests run once per distinct text, and changed columns are written back whole.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.model import CatalogEntry, entity_key
from pipeline.schema import ENTITY_CATALOG

NAMED = ("ORG", "PLACE", "PERSON")
PLACE_SOURCES = ("gazetteer", "variant")  # how a place is known for sure: a listed name or another spelling of one


def is_short_form(text: str) -> bool:
    """An acronym-like string: short, starts with a letter, two capitals or more (same test as entities.acronyms)."""
    return 2 <= len(text) <= 10 and text[0].isalpha() and sum(c.isupper() for c in text) >= 2


def _columns(entities: pd.DataFrame, *names: str) -> list[list]:
    return [entities[n].tolist() for n in names]


def acronym_expansions(entities: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """short form -> (entity_id, norm), from mentions whose text is an acronym resolved to a longer name.

    When documents disagree, the expansion seen most often wins.
    """
    if entities.empty:
        return {}
    votes: dict[str, Counter] = {}
    short: dict[str, bool] = {}  # is_short_form per distinct text
    for text, label, eid, norm in zip(*_columns(entities, "text", "label", "entity_id", "norm")):
        if label not in NAMED or _missing(eid):
            continue
        text = str(text)
        ok = short.get(text)
        if ok is None:
            ok = short[text] = is_short_form(text)
        if ok and str(norm) != text and len(str(norm)) > len(text):
            votes.setdefault(text, Counter())[(eid, norm)] += 1
    return {s: c.most_common(1)[0][0] for s, c in votes.items()}


def _unbalanced(name: str) -> bool:
    """'Save the Children), Abdullahi': a bracket the name does not close is a cut across two entries."""
    return name.count("(") != name.count(")") or name.count("[") != name.count("]")


def places_first(entities: pd.DataFrame) -> pd.DataFrame:
    """A name the archive knows as a gazetteer place is that place where the model called it a person or a
    body ("Tahoua" read as a person in one meeting); names cut across brackets join no catalog entity."""
    if entities.empty:
        return entities
    texts, labels, eids, norms, sources = _columns(entities, "text", "label", "entity_id", "norm", "source")
    counts = Counter((t, e, n) for t, lab, e, n, s in zip(texts, labels, eids, norms, sources)
                     if lab == "PLACE" and s in PLACE_SOURCES and not _missing(e))
    places: dict[str, tuple[str, str]] = {}
    for (text, eid, norm), _ in counts.most_common():
        places.setdefault(str(text), (eid, norm))
    changed = False
    for i, (text, label, source, norm) in enumerate(zip(texts, labels, sources, norms)):
        if label in ("PERSON", "ORG") and source == "model" and str(text) in places:
            eids[i], norms[i] = places[str(text)]
            labels[i], changed = "PLACE", True
        elif label in NAMED and isinstance(norm, str) and _unbalanced(norm):
            eids[i], changed = None, True
    if not changed:
        return entities
    return entities.assign(label=labels, entity_id=eids, norm=norms)


def unify_entities(entities: pd.DataFrame) -> pd.DataFrame:
    """Give a bare acronym ("SFCG") the entity of its expansion defined in any document of the archive, and a
    town the model took for a person or a body the place the gazetteers name elsewhere in the archive."""
    if "source" in entities:
        entities = places_first(entities)
    expansions = acronym_expansions(entities)
    if not expansions:
        return entities
    texts, labels, eids, norms = _columns(entities, "text", "label", "entity_id", "norm")
    changed = False
    for i, (text, label, eid) in enumerate(zip(texts, labels, eids)):
        hit = expansions.get(str(text))
        if hit is None or label not in ("ORG", "PLACE"):
            continue
        if _missing(eid) or eid == entity_key(label, str(text)):
            eids[i], norms[i] = hit
            changed = True
    return entities.assign(entity_id=eids, norm=norms) if changed else entities


def build_catalog(entities: pd.DataFrame, documents: pd.DataFrame, known: dict[str, CatalogEntry]) -> pd.DataFrame:
    """One row per entity mentioned in the archive: names, codes from the gazetteers, counts, dates seen."""
    columns = ENTITY_CATALOG.schema.names
    if entities.empty:
        return pd.DataFrame(columns=columns)
    dates = dict(zip(documents["doc_id"].tolist(), pd.to_datetime(documents["meeting_date"], errors="coerce").tolist())) \
        if "meeting_date" in documents else {}
    expansions = {eid: short for short, (eid, _) in acronym_expansions(entities).items()}
    # One pass over the mentions in plain Python: a pandas group per entity costs more than the work in it.
    seen: dict[str, dict] = {}
    for eid, text, norm, label, doc in zip(*_columns(entities, "entity_id", "text", "norm", "label", "doc_id")):
        if label not in NAMED or _missing(eid):
            continue
        g = seen.get(eid)
        if g is None:
            g = seen[eid] = {"norms": Counter(), "labels": Counter(), "texts": set(), "docs": set(), "n": 0}
        if not _missing(norm):
            g["norms"][norm] += 1
        g["labels"][label] += 1
        g["texts"].add(str(text))
        g["docs"].add(doc)
        g["n"] += 1
    rows = []
    for eid in sorted(seen):
        g, entry = seen[eid], known.get(eid)
        name = entry.name if entry else (g["norms"] or Counter(sorted(g["texts"]))).most_common(1)[0][0]
        aliases = list(dict.fromkeys([*sorted(g["texts"] - {name}), *(entry.aliases if entry else ())]))
        met = [d for d in (dates.get(doc) for doc in g["docs"]) if d is not None and not pd.isna(d)]
        rows.append({
            "entity_id": eid,
            "label": entry.label if entry else g["labels"].most_common(1)[0][0],
            "name": name,
            "acronym": (entry.acronym if entry and entry.acronym else expansions.get(eid)),
            "aliases": aliases,
            "iso_code": entry.iso_code if entry else None,
            "pcode": entry.pcode if entry else None,
            "iati_id": entry.iati_id if entry else None,
            "lat": entry.lat if entry else None,
            "lon": entry.lon if entry else None,
            "n_mentions": g["n"],
            "n_documents": len(g["docs"]),
            "first_seen": min(met).date() if met else None,
            "last_seen": max(met).date() if met else None,
        })
    return pd.DataFrame(rows, columns=columns)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)
