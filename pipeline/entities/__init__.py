"""Entities stage: organisations, places, dates (with persons and times) tied to canonical entities."""
from __future__ import annotations

from pathlib import Path

from pipeline.entities.gazetteer import catalog, load_entries
from pipeline.entities.nlp import build_nlp
from pipeline.entities.tag import tag_entities
from pipeline.model import CatalogEntry


def load_known_entities(user_gazetteer_dir: Path | None = None) -> dict[str, CatalogEntry]:
    """entity_id -> CatalogEntry (codes, aliases, coordinates) from the shipped and the user's gazetteers."""
    return catalog(load_entries(user_gazetteer_dir))


__all__ = ["build_nlp", "tag_entities", "load_known_entities"]
