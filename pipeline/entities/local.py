"""Local places: towns, villages and districts that count as places only in minutes about their country.

models/gazetteers/local_places.jsonl (built by scripts/build_local_places.py) lists tens of thousands of small
places of the countries where clusters work; many share their names with places elsewhere or with words of
another trade. Once a document is tagged, a listed name is kept as a place when the document is about one of the
countries that have a place of that name: it names the country, or two different known places of it.
Matching is a dictionary look-up of capitalised word runs, so the list costs no spaCy patterns. A kept name is
filed under its country ('place:kyaukme@mm'), and local_catalog gives the catalog its P-code and coordinates.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.entities.gazetteer import country_variant, lexicons
from pipeline.entities.words import entity_words
from pipeline.model import CatalogEntry, Mention, entity_key

LOCAL_PLACES = MODELS_DIR / "gazetteers" / "local_places.jsonl"
MIN_PLACES = 2  # different known places of one country that make a document about it, when it names no country
MAX_WORDS = 3
REPLACEABLE = {"PERSON", "ORG", "PLACE"}  # what the statistical model made of a local name gives way to it
# A capitalised word; apostrophes and hyphens inside it belong to it ("Wali-kandow", "Cox's").
WORD = re.compile(r"[A-ZÀ-Ý][^\W\d_]*(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class LocalPlace:
    name: str  # the canonical name: the norm of every mention
    countries: frozenset[str]  # ISO codes of the countries that have a place of this name
    needs_cue: bool = False  # also a person's name ("Dori"): a place only after a place preposition ("à Dori")
    home: str | None = None  # the country of the biggest place of this name: the one lat, lon and pcode are of
    lat: float | None = None
    lon: float | None = None
    pcode: str | None = None
    short: bool = False  # a subdivision's short form ('AJK'): replaces an acronym read as a body, proves no country

    def entity_id(self, about: set[str]) -> str:
        """'place:<name>@<country>': the place of this name in the document's country (its home when it is one);
        a subdivision's short form is filed under the subdivision's own id, the one its full name has."""
        if self.short:
            return entity_key("PLACE", self.name)
        cc = self.home if self.home in about else min(self.countries & about or self.countries)
        return country_variant(entity_key("PLACE", self.name), cc)


@dataclass(frozen=True)
class LocalPlaces:
    """Every listed name and alias -> its place."""

    by_name: dict[str, LocalPlace]


def load_local_places(path: Path = LOCAL_PLACES) -> LocalPlaces:
    """The list read in one json call over its lines (a JSON array of them); a place is one frozen LocalPlace that
    its name and aliases share (two when some aliases need a cue, one more for its short forms). Every worker's
    first document waited for this, serial in the fork server's warm-up: ~71,000 names."""
    by_name: dict[str, LocalPlace] = {}
    if not path.exists():
        return LocalPlaces(by_name)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for e in json.loads("[" + ",".join(lines) + "]"):
        countries = frozenset(e.get("countries") or [e["country"]])
        cue = set(e.get("context_aliases", ()))
        place = {flag: LocalPlace(e["name"], countries, flag, e.get("country"), e.get("lat"), e.get("lon"),
                                  e.get("pcode")) for flag in ({False, True} if cue else {False})}
        for name in (e["name"], *e.get("aliases", ())):
            by_name.setdefault(name, place[name in cue])
        if e.get("short_forms"):
            short = LocalPlace(e["name"], countries, False, e.get("country"), e.get("lat"), e.get("lon"),
                               e.get("pcode"), short=True)
            for code in e["short_forms"]:
                by_name.setdefault(code, short)
    return LocalPlaces(by_name)


def local_catalog(places: LocalPlaces) -> dict[str, CatalogEntry]:
    """entity_id -> CatalogEntry of every listed place in each of its countries; codes and coordinates only in
    its home country (the list keeps one bearer's)."""
    out: dict[str, CatalogEntry] = {}
    for place in places.by_name.values():
        for cc in sorted(place.countries):
            eid = place.entity_id({cc})  # a short form's id: the gazetteer's entry of its subdivision comes first
            if eid not in out:
                home = cc == place.home
                out[eid] = CatalogEntry(entity_id=eid, label="PLACE", name=place.name,
                                        pcode=place.pcode if home else None,
                                        lat=place.lat if home else None, lon=place.lon if home else None)
    return out


@lru_cache(maxsize=1)
def local_places_list() -> LocalPlaces:
    return load_local_places()


def document_countries(mentions: list[Mention], named: set[str], countries: dict[str, str],
                       kinds: dict[str, str], text: str = "", local: LocalPlaces | None = None) -> set[str]:
    """ISO codes of the countries a document is about: those it names, and those of two or more of its known
    places ("Baidoa" and "Kismayo" make a Somali meeting even when "Somalia" is never written). With the text and
    the local list, the names the local list gives only to one country count as its places too ("Quetta" and
    "Zhob District"; two district towns)."""
    places: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PLACE" and m.source in ("gazetteer", "variant") and m.entity_id \
                and kinds.get(m.entity_id) != "country":
            home = countries.get(m.entity_id)
            if home:
                places[home].add(m.entity_id)
    about = set(named) | {cc for cc, ids in places.items() if len(ids) >= MIN_PLACES}
    if text:
        local = local if local is not None else local_places_list()
        for _, _, p in find_local(text, local, _local_countries(local)):
            if len(p.countries) == 1 and not p.short:  # 'PB', 'SD' are codes of many things elsewhere
                places[next(iter(p.countries))].add(p.name)
        about |= {cc for cc, ids in places.items() if len(ids) >= MIN_PLACES}
    return about


_COUNTRIES: dict[int, tuple[LocalPlaces, frozenset[str]]] = {}  # id(list) -> (the list, its countries)


def _local_countries(local: LocalPlaces) -> frozenset[str]:
    hit = _COUNTRIES.get(id(local))
    if hit is None or hit[0] is not local:
        if len(_COUNTRIES) >= 4:  # tests load many lists
            _COUNTRIES.clear()
        hit = _COUNTRIES[id(local)] = (local, frozenset(cc for p in local.by_name.values() for cc in p.countries))
    return hit[1]


def find_local(text: str, places: LocalPlaces, about: set[str],
               cues: frozenset[str] = frozenset()) -> list[tuple[int, int, LocalPlace]]:
    """(start, end, place) of listed names of the document's countries: runs of one to three capitalised words
    on one line, longest first, without overlaps; a name that is also a person's needs one of `cues` (lower-case
    place prepositions) just before it."""
    words = list(WORD.finditer(text))
    out: list[tuple[int, int, LocalPlace]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            gaps = [text[words[k].end():words[k + 1].start()] for k in range(i, i + n - 1)]
            if any(g not in (" ", "-") for g in gaps):
                continue
            place = places.by_name.get(text[start:end])
            if place is not None and place.countries & about and (not place.needs_cue or _after_cue(text, start, cues)):
                out.append((start, end, place))
                i += n
                break
        else:
            i += 1
    return out


def _after_cue(text: str, start: int, cues: frozenset[str]) -> bool:
    before = re.search(r"(\w+)[ \t]+$", text[max(0, start - 30):start])
    return before is not None and before.group(1) in cues


def _acronym_of(m: Mention, place: LocalPlace, start: int, end: int) -> bool:
    """An acronym rule's body on exactly a subdivision's short form ('FATA', 'AJK'): in a document about the
    subdivision's country the short form is the place."""
    return place.short and m.label == "ORG" and m.source == "rule" and (m.start_char, m.end_char) == (start, end)


def _shorter_place(m: Mention, start: int, end: int) -> bool:
    """A listed place inside the local name, shorter than it: the longer name wins ("Pauk Taw" over "Pauk")."""
    return m.label == "PLACE" and m.source == "gazetteer" and start <= m.start_char and m.end_char <= end \
        and m.end_char - m.start_char < end - start


def local_places(mentions: list[Mention], about: set[str], b, places: LocalPlaces | None = None) -> list[Mention]:
    """Add the local place names of the document's countries; each replaces the model spans it covers, and gives
    way to any other mention it crosses or that reaches beyond it (a person named like a village stays a person).

    mentions: the document's mentions so far.  about: the document's countries (document_countries).
    b: the stage's mention builder (b.doc.text, b.mention(start, end, label, source, eid, norm=...)).
    places: the list (default: models/gazetteers/local_places.jsonl).
    RETURNS: the mentions with the kept local places.
    """
    if not about:
        return mentions
    places = places or local_places_list()
    out = list(mentions)
    for start, end, place in find_local(b.doc.text, places, about, entity_words().place_prepositions):
        over = [m for m in out if m.start_char < end and start < m.end_char]
        if any((m.source != "model" and not _shorter_place(m, start, end) and not _acronym_of(m, place, start, end))
               or m.label not in REPLACEABLE
               or m.start_char < start or m.end_char > end for m in over):
            continue
        m = b.mention(start, end, "PLACE", "gazetteer", None, norm=place.name)
        if m is not None:
            out = [x for x in out if x not in over] + [replace(m, entity_id=place.entity_id(about))]
    return out


MIN_VARIANT_CHARS = 6  # one letter off in a shorter name is as likely another name ("Hodan", "Hogan")
_VARIANTS: dict[tuple[int, int], tuple[LocalPlaces, dict, dict[str, dict[str, list[tuple[str, str | None]]]]]] = {}


def _variant_index(places: LocalPlaces, known: dict[str, CatalogEntry], countries: dict[str, str]
                   ) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    """country -> first letter -> (one-word place name, its catalog id or None for a local name), catalog names first
    (they win a tie), built once per list."""
    key = (id(places), id(known))
    hit = _VARIANTS.get(key)
    if hit is None or hit[0] is not places or hit[1] is not known:
        index: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(list))
        for entry in known.values():
            cc = countries.get(entry.entity_id)
            if entry.label == "PLACE" and cc:
                for name in (entry.name, *entry.aliases):
                    if len(name) >= MIN_VARIANT_CHARS and WORD.fullmatch(name):
                        index[cc][name[0].lower()].append((name, entry.entity_id))
        for name, place in places.by_name.items():
            if len(name) >= MIN_VARIANT_CHARS and WORD.fullmatch(name) and not place.short:
                for cc in place.countries:
                    index[cc][name[0].lower()].append((name, None))
        if len(_VARIANTS) >= 4:  # tests build many catalogs
            _VARIANTS.clear()
        hit = _VARIANTS[key] = (places, known, index)
    return hit[2]


def misspelt_places(mentions: list[Mention], about: set[str], b, countries: dict[str, str], people: set[str],
                    places: LocalPlaces | None = None) -> list[Mention]:
    """A one-word name the model alone read as a person or a body, one letter away (a letter missing, added, changed
    or two swapped) from a listed place of the document's country, is that place written another way ("Myitkina"
    beside Myitkyina, "Kessala" beside Kassala): minutes type their towns by ear. A name that is a word, a given or
    family name, or that the document gives a person, stays as the model read it.

    mentions: the document's mentions.  about: its countries.  b: the stage's mention builder (b.known: the catalog).
    countries: place entity_id -> ISO country.  people: the names the document gives persons (its attendance list).
    places: the local list (default: the shipped one).
    RETURNS: the mentions with those names made places.
    """
    if not about:
        return mentions
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    places, lex = places or local_places_list(), lexicons()
    index = _variant_index(places, b.known, countries)
    named = {w for m in mentions if m.label == "PERSON" and " " in m.text.strip() for w in m.text.split()}
    out = []
    for m in mentions:
        name = m.text
        if m.source != "model" or m.label not in ("PERSON", "ORG") or len(name) < MIN_VARIANT_CHARS \
                or not WORD.fullmatch(name) or name.isupper() or name in people or name in named \
                or any(name in lex[k] or name.title() in lex[k] for k in ("given_names", "surnames", "first_names")) \
                or name.lower() in lex["common"] or name.lower() in lex["dictionary"]:
            out.append(m)
            continue
        pool = [p for cc in sorted(about) for p in index.get(cc, {}).get(name[0].lower(), ())]
        hit = process.extractOne(name, [p[0] for p in pool], scorer=DamerauLevenshtein.distance, score_cutoff=1)
        if hit is None or hit[0] == name:
            out.append(m)
            continue
        spelt, eid = pool[hit[2]]
        if eid is None:
            place = places.by_name[spelt]
            new = b.mention(m.start_char, m.end_char, "PLACE", "variant", None, norm=place.name)
            new = replace(new, entity_id=place.entity_id(about)) if new is not None else None
        else:
            new = b.mention(m.start_char, m.end_char, "PLACE", "variant", eid)
        out.append(new if new is not None else m)
    return out
