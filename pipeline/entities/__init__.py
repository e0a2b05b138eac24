"""Entities stage: organisations, places, dates (with persons and times) tied to canonical entities.

`build_nlp` and `tag_entities` are imported on first use (PEP 562): the runner reads the gazetteer catalog
(`load_known_entities`) and should not import spaCy with it.
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.entities.gazetteer import catalog, load_entries
from pipeline.entities.local import local_catalog, local_places_list
from pipeline.model import CatalogEntry

if TYPE_CHECKING:
    from pipeline.entities.nlp import build_nlp
    from pipeline.entities.tag import tag_entities

_LAZY = {"build_nlp": "pipeline.entities.nlp", "tag_entities": "pipeline.entities.tag"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_known_entities(user_gazetteer_dir: Path | None = None) -> dict[str, CatalogEntry]:
    """entity_id -> CatalogEntry (codes, aliases, coordinates) from the shipped and the user's gazetteers, then
    the local places (local_places.jsonl) under the ids the entities stage gives them ('place:<name>@<country>')."""
    known = catalog(load_entries(user_gazetteer_dir))
    for eid, entry in local_catalog(local_places_list()).items():
        known.setdefault(eid, entry)
    return known


__all__ = ["build_nlp", "tag_entities", "load_known_entities"]
