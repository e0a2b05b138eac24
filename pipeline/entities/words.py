"""The entity cue words kept as data in models/gazetteers/ (org_words, person_words, place_context), compiled once.

Each file has one section per language; the entities stage reads the union of all sections, so adding a
language is a data edit.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR

WORDS_DIR = MODELS_DIR / "gazetteers"


@dataclass(frozen=True)
class EntityWords:
    """Compiled cue words for organisations, persons and places, all languages merged."""

    org_heads: frozenset[str]  # last words that make a span an organisation ("cluster", "fondation")
    indefinites: str  # regex alternation of the words that count a thing ("an", "une", "otra"): no name follows
    lone_forms: frozenset[str]  # legal forms that alone are no name ("inc", "llc", "sa"); which follow a name: legal.py
    company_joiners: frozenset[str]  # small words inside a company's name before its legal form ("&", "and", "de")
    government_leads: tuple[str, ...]  # "City of", "Mairie de": before a place, the local government's name
    definite_articles: frozenset[str]  # "the", "la": between a preposition and the name it governs
    thing_heads: frozenset[str]  # last words of projects, documents, events ("project", "agreement"): no body's name
    technical_heads: frozenset[str]  # last words of defined technical terms ("protocol", "format", "machine")
    lower_heads: tuple[tuple[str, ...], ...]  # body words a name may write in lower case ("Docs team"), as word tuples
    lead_links: frozenset[str]  # "Ministry of X", "Ministère de X"
    name_links: frozenset[str]  # small words inside a name that its acronym skips ("of", "de la")
    coordination_bodies: tuple[str, ...]  # heads that take a place after them: "Shelter Cluster Cameroon"
    # a coordination body or government word anywhere in a name ("Velmo State Government"): it names its place too
    place_naming_body: re.Pattern
    code_shapes: tuple[re.Pattern, ...]  # technical identifiers that are never organisations ("RFC7231")
    honorifics: frozenset[str]
    person_joiners: frozenset[str]
    name_syllables: frozenset[str]  # "kyaw", "nyunt": Burmese names, absent from the given-name lists
    mover: re.Pattern  # "Moved by", "propuesto por": who moves a motion is a person
    place_before: frozenset[str]
    place_prepositions: frozenset[str]
    place_after: frozenset[str]
    place_not_after: frozenset[str]
    place_designators: frozenset[str]  # "township", "camp", "commune": the name before them is a place
    list_joiners: frozenset[str]
    postal_state_countries: frozenset[str]  # "Raleigh, NC": state codes that follow a town
    office_words: frozenset[str] = frozenset()  # "UNICEF Country Office Lakeport": between a body and its town


def _sections(raw: dict) -> list[dict]:
    return [v for k, v in raw.items() if not k.startswith("_")]


def _union(sections: list[dict], key: str) -> list[str]:
    return list(dict.fromkeys(w for s in sections for w in s.get(key, ())))


def _read(name: str, root: Path) -> list[dict]:
    return _sections(json.loads((root / name).read_text(encoding="utf-8")))


def load_words(root: Path = WORDS_DIR) -> EntityWords:
    """Read and compile the three cue files."""
    org, person, place = _read("org_words.json", root), _read("person_words.json", root), _read("place_context.json", root)
    movers = "|".join(re.escape(w) for w in sorted(_union(person, "movers"), key=len, reverse=True))
    by = "|".join(re.escape(w) for w in _union(person, "by"))
    return EntityWords(
        org_heads=frozenset(w.lower() for w in _union(org, "heads")),
        lone_forms=frozenset(w.lower() for w in _union(org, "lone_forms")),
        company_joiners=frozenset(w.lower() for w in _union(org, "company_joiners")),
        government_leads=tuple(sorted(_union(org, "government_leads"), key=len, reverse=True)),
        definite_articles=frozenset(w.lower() for w in _union(org, "definite_articles")),
        indefinites="|".join(re.escape(w) for w in sorted(_union(org, "indefinites"), key=len, reverse=True)),
        thing_heads=frozenset(w.lower() for w in _union(org, "thing_heads")),
        technical_heads=frozenset(w.lower() for w in _union(org, "technical_heads")),
        lower_heads=tuple(tuple(w.lower().split()) for w in _union(org, "lower_heads")),
        lead_links=frozenset(w.lower() for w in _union(org, "lead_links")),
        name_links=frozenset(w.lower() for w in _union(org, "name_links")),
        coordination_bodies=tuple(sorted({w.lower() for w in _union(org, "coordination_bodies")}, key=len, reverse=True)),
        place_naming_body=re.compile("(?<!\\w)(?:" + "|".join(re.escape(w) for w in sorted(
            {w.lower() for w in (*_union(org, "coordination_bodies"), *_union(org, "government_heads"))},
            key=len, reverse=True)) + ")(?!\\w)"),
        code_shapes=tuple(re.compile(rx) for rx in _union(org, "code_shapes")),
        honorifics=frozenset(w.lower() for w in _union(person, "honorifics")),
        person_joiners=frozenset(w.lower() for w in _union(person, "joiners")),
        name_syllables=frozenset(w.lower() for w in _union(person, "name_syllables")),
        mover=re.compile(rf"(?i)\b({movers})\s+({by})\s+$"),
        place_before=frozenset(_union(place, "before")),
        place_prepositions=frozenset(w.lower() for w in _union(place, "prepositions")),
        place_after=frozenset(_union(place, "after")),
        place_not_after=frozenset(_union(place, "not_after")),
        place_designators=frozenset(w.lower() for w in _union(place, "designators")),
        list_joiners=frozenset(_union(place, "list_joiners")),
        postal_state_countries=frozenset(_union(place, "postal_state_countries")),
        office_words=frozenset(w.lower() for w in _union(place, "office_words")),
    )


@lru_cache(maxsize=1)
def entity_words() -> EntityWords:
    return load_words()
