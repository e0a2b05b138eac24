"""Archive-wide canonical entities: link acronyms across documents, then one catalog row per entity."""
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


def acronym_expansions(entities: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """short form -> (entity_id, norm), from mentions whose text is an acronym resolved to a longer name.

    When documents disagree, the expansion seen most often wins.
    """
    if entities.empty:
        return {}
    rows = entities[entities["label"].isin(NAMED) & entities["entity_id"].notna()]
    votes: dict[str, Counter] = {}
    for text, eid, norm in zip(rows["text"], rows["entity_id"], rows["norm"]):
        if is_short_form(str(text)) and str(norm) != str(text) and len(str(norm)) > len(str(text)):
            votes.setdefault(str(text), Counter())[(eid, norm)] += 1
    return {short: c.most_common(1)[0][0] for short, c in votes.items()}


def _unbalanced(name: str) -> bool:
    """'Save the Children), Abdullahi': a bracket the name does not close is a cut across two entries."""
    return name.count("(") != name.count(")") or name.count("[") != name.count("]")


def places_first(entities: pd.DataFrame) -> pd.DataFrame:
    """A name the archive knows as a gazetteer place is that place where the model called it a person or a
    body ("Tahoua" read as a person in one meeting); names cut across brackets join no catalog entity."""
    if entities.empty:
        return entities
    known = entities[(entities["label"] == "PLACE") & entities["source"].isin(PLACE_SOURCES) & entities["entity_id"].notna()]
    places: dict[str, tuple[str, str]] = {}
    for (text, eid, norm), _ in Counter(zip(known["text"], known["entity_id"], known["norm"])).most_common():
        places.setdefault(str(text), (eid, norm))
    out = entities.copy()
    col = {c: out.columns.get_loc(c) for c in ("label", "entity_id", "norm")}
    for i, (text, label, source, norm) in enumerate(zip(out["text"], out["label"], out["source"], out["norm"])):
        if label in ("PERSON", "ORG") and source == "model" and str(text) in places:
            eid, place_norm = places[str(text)]
            out.iat[i, col["label"]], out.iat[i, col["entity_id"]], out.iat[i, col["norm"]] = "PLACE", eid, place_norm
        elif label in NAMED and isinstance(norm, str) and _unbalanced(norm):
            out.iat[i, col["entity_id"]] = None
    return out


def unify_entities(entities: pd.DataFrame) -> pd.DataFrame:
    """Give a bare acronym ("SFCG") the entity of its expansion defined in any document of the archive, and a
    town the model took for a person or a body the place the gazetteers name elsewhere in the archive."""
    if "source" in entities:
        entities = places_first(entities)
    expansions = acronym_expansions(entities)
    if not expansions:
        return entities
    out = entities.copy()
    for i, (text, label, eid) in enumerate(zip(out["text"], out["label"], out["entity_id"])):
        hit = expansions.get(str(text))
        if hit is None or label not in ("ORG", "PLACE"):
            continue
        bare = entity_key(label, str(text))
        if eid is None or (isinstance(eid, float) and pd.isna(eid)) or eid == bare:
            out.iat[i, out.columns.get_loc("entity_id")] = hit[0]
            out.iat[i, out.columns.get_loc("norm")] = hit[1]
    return out


def build_catalog(entities: pd.DataFrame, documents: pd.DataFrame, known: dict[str, CatalogEntry]) -> pd.DataFrame:
    """One row per entity mentioned in the archive: names, codes from the gazetteers, counts, dates seen."""
    columns = ENTITY_CATALOG.schema.names
    if entities.empty:
        return pd.DataFrame(columns=columns)
    ents = entities[entities["label"].isin(NAMED) & entities["entity_id"].notna()]
    dates = documents.set_index("doc_id")["meeting_date"] if "meeting_date" in documents else pd.Series(dtype=object)
    expansions = {eid: short for short, (eid, _) in acronym_expansions(entities).items()}
    rows = []
    for eid, group in ents.groupby("entity_id", sort=True):
        entry = known.get(eid)
        name = entry.name if entry else Counter(group["norm"].dropna()).most_common(1)[0][0]
        seen = sorted({str(t) for t in group["text"]} - {name})
        aliases = list(dict.fromkeys([*seen, *(entry.aliases if entry else ())]))
        met = pd.to_datetime(pd.Series([dates.get(d) for d in group["doc_id"].unique()]), errors="coerce").dropna()
        rows.append({
            "entity_id": eid,
            "label": entry.label if entry else Counter(group["label"]).most_common(1)[0][0],
            "name": name,
            "acronym": (entry.acronym if entry and entry.acronym else expansions.get(eid)),
            "aliases": aliases,
            "iso_code": entry.iso_code if entry else None,
            "pcode": entry.pcode if entry else None,
            "iati_id": entry.iati_id if entry else None,
            "lat": entry.lat if entry else None,
            "lon": entry.lon if entry else None,
            "n_mentions": len(group),
            "n_documents": group["doc_id"].nunique(),
            "first_seen": met.min().date() if len(met) else None,
            "last_seen": met.max().date() if len(met) else None,
        })
    return pd.DataFrame(rows, columns=columns)
