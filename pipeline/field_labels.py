"""The header field labels of minutes ("Chair:", "Fecha:", "Excusés :"), read once from models/segment/labels.json.

Ingest cuts a page joined onto one line before these labels, and segment reads their values: both stages import
this loader, so ingest never imports segment (the stage order) and the list is read in one place.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from pipeline.config import MODELS_DIR

LABELS_PATH = MODELS_DIR / "segment" / "labels.json"


@dataclass(frozen=True)
class LabelWords:
    """Header labels of every language in models/segment/labels.json, merged: field -> label words."""

    fields: Mapping[str, tuple[str, ...]]
    no_colon: tuple[str, ...]  # labels a form puts before its value without a colon
    modes: tuple[str, ...]  # how people attended, in brackets after a roll-call label ("Present (online):")


def load_labels(path: Path = LABELS_PATH) -> LabelWords:
    """The labels of every language section of `path`, merged by field; first listing kept."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    fields: dict[str, list[str]] = {}
    no_colon: list[str] = []
    modes: list[str] = []
    for lang, section in raw.items():
        if lang.startswith("_"):
            continue
        for name, words in section.items():
            kept = {"no_colon": no_colon, "modes": modes}
            target = kept[name] if name in kept else fields.setdefault(name, [])
            target += [w for w in words if w not in target]
    return LabelWords(MappingProxyType({k: tuple(v) for k, v in fields.items()}), tuple(no_colon), tuple(modes))


@lru_cache(maxsize=1)
def field_labels() -> LabelWords:
    """The labels of models/segment/labels.json, loaded once per process."""
    return load_labels()
