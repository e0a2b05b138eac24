"""Entities stage: organisations, places, dates (with persons and times) tied to canonical entities."""
from __future__ import annotations

from pathlib import Path

from pipeline.entities.gazetteer import catalog, load_entries
from pipeline.entities.local import local_catalog, local_places_list
from pipeline.entities.nlp import build_nlp
from pipeline.entities.tag import tag_entities
from pipeline.model import CatalogEntry


def load_known_entities(user_gazetteer_dir: Path | None = None) -> dict[str, CatalogEntry]:
    """entity_id -> CatalogEntry (codes, aliases, coordinates) from the shipped and the user's gazetteers, then
    the local places (local_places.jsonl) under the ids the entities stage gives them ('place:<name>@<country>')."""
    known = catalog(load_entries(user_gazetteer_dir))
    for eid, entry in local_catalog(local_places_list()).items():
        known.setdefault(eid, entry)
    return known


__all__ = ["build_nlp", "tag_entities", "load_known_entities"]
