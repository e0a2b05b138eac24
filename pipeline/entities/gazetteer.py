"""Gazetteer entries as data: the shipped files in models/gazetteers/ plus the user's CSV/JSONL files.

An entry is one canonical organisation or place: {"label", "name", "acronym", "aliases", "aliases_by_language",
"iso_code", "pcode", "iati_id", "lat", "lon", "context_aliases"}. `aliases_by_language` holds the names and
acronyms in other languages ({"fr": ["HCR", ...], "es": ["ACNUR", ...]}), so one organisation stays one entity
whatever the minutes' language. Users add rows in the same shape (CSV aliases split on ";").
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.model import CatalogEntry, entity_key

GAZETTEER_DIR = MODELS_DIR / "gazetteers"
# Short acronyms match only once their long form is in the document ("WV" after "World Vision").
MIN_FREE_ACRONYM = 3
LABELS = {"ORG", "PLACE", "PERSON"}


def _listify(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _clean(row: dict, default_label: str) -> dict | None:
    name = str(row.get("name") or "").strip()
    label = str(row.get("label") or default_label).strip().upper()
    if not name or label not in LABELS:
        return None
    by_language = row.get("aliases_by_language") or {}
    if isinstance(by_language, str):  # a CSV cell: "fr:HCR;es:ACNUR"
        by_language = {}
        for part in _listify(row.get("aliases_by_language")):
            lang, _, alias = part.partition(":")
            by_language.setdefault(lang.strip(), []).append(alias.strip())
    translated = [a for names in by_language.values() for a in _listify(names)]
    out = {"label": label, "name": name, "aliases": list(dict.fromkeys(_listify(row.get("aliases")) + translated)),
           "context_aliases": _listify(row.get("context_aliases"))}
    for key in ("acronym", "iso_code", "pcode", "iati_id", "kind", "country"):
        if row.get(key) not in (None, ""):
            out[key] = str(row[key]).strip()
    for key in ("lat", "lon"):
        if row.get(key) not in (None, ""):
            out[key] = float(row[key])
    return out


def read_entries(path: Path) -> list[dict]:
    """Entries from one .jsonl or .csv file; a file named like 'organisations*' defaults to label ORG."""
    default = "ORG" if path.name.startswith(("org", "ORG")) else "PLACE"
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        return []
    return [e for e in (_clean(r, default) for r in rows) if e]


def entry_files(user_dir: Path | None = None) -> list[Path]:
    """Shipped gazetteers first (their canonical names win), then the user's files."""
    shipped = sorted(p for p in GAZETTEER_DIR.glob("*.jsonl") if p.name.startswith(("places", "organisations")))
    user = sorted(p for p in user_dir.glob("*") if p.suffix in (".jsonl", ".csv")) if user_dir and user_dir.is_dir() else []
    # Curated lists load before the generated ones, so "Nay Pyi Taw" keeps its hand-checked aliases.
    shipped.sort(key=lambda p: (0 if "curated" in p.name or "organisations" in p.name else 1, p.name))
    return shipped + user


def load_entries(user_dir: Path | None = None) -> list[dict]:
    return [e for p in entry_files(user_dir) for e in read_entries(p)]


def country_variant(eid: str, country: str) -> str:
    """The id of a place name as it is known in one country: 'place:centre@cm' (Centre, Cameroon)."""
    return f"{eid}@{country.lower()}"


def catalog(entries: list[dict]) -> dict[str, CatalogEntry]:
    """entity_id -> CatalogEntry; the first entry of an id keeps its codes, later ones add aliases.

    A place is also filed under each of its names per country (country_variant), so that a document about
    Cameroon and one about Somalia give "South-West" the codes of their own country, or none.
    """
    out: dict[str, CatalogEntry] = {}
    for e in entries:
        eid = entity_key(e["label"], e["name"])
        aliases = tuple(dict.fromkeys([*e["aliases"], *e["context_aliases"]]))
        if e["label"] == "PLACE" and e.get("country"):
            vid = eid if eid not in out else country_variant(eid, e["country"])
            variant = CatalogEntry(entity_id=vid, label="PLACE", name=e["name"], aliases=tuple(e["aliases"]),
                                   iso_code=e.get("iso_code"), pcode=e.get("pcode"), lat=e.get("lat"), lon=e.get("lon"))
            for text in (e["name"], *e["aliases"]):
                out.setdefault(country_variant(entity_key("PLACE", text), e["country"]), variant)
            if vid != eid:
                out.setdefault(vid, variant)
        if eid in out:
            old = out[eid]
            merged = tuple(dict.fromkeys([*old.aliases, *aliases]))
            out[eid] = CatalogEntry(**{**old.__dict__, "aliases": merged,
                                       "pcode": old.pcode or e.get("pcode"), "iso_code": old.iso_code or e.get("iso_code"),
                                       "iati_id": old.iati_id or e.get("iati_id"),
                                       "lat": old.lat if old.lat is not None else e.get("lat"),
                                       "lon": old.lon if old.lon is not None else e.get("lon")})
            continue
        out[eid] = CatalogEntry(entity_id=eid, label=e["label"], name=e["name"], acronym=e.get("acronym"),
                                aliases=aliases, iso_code=e.get("iso_code"), pcode=e.get("pcode"),
                                iati_id=e.get("iati_id"), lat=e.get("lat"), lon=e.get("lon"))
    return out


def place_countries(entries: list[dict]) -> dict[str, str]:
    """entity_id -> ISO country code of the first place entry of that id."""
    out: dict[str, str] = {}
    for e in entries:
        if e["label"] == "PLACE" and e.get("country"):
            out.setdefault(entity_key("PLACE", e["name"]), e["country"])
    return out


def country_names(entries: list[dict]) -> tuple[re.Pattern, dict[str, str]]:
    """A regex of every country's names (four letters or more) and name -> ISO code: which countries a text names."""
    names: dict[str, str] = {}
    for e in entries:
        if e["label"] == "PLACE" and e.get("kind") == "country" and e.get("country"):
            for text in (e["name"], *e["aliases"]):
                if len(text) >= 4:
                    names.setdefault(text, e["country"])
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)" if names else r"(?!)"), names


def ruler_patterns(entries: list[dict]) -> list[dict]:
    """Phrase patterns for a span_ruler. Labels: ORG, PLACE; PLACE_CTX (needs place context); ORG_SHORT (needs its long form)."""
    seen: set[tuple[str, str]] = set()
    out = []

    def add(label: str, text: str, eid: str) -> None:
        key = (label.split("_")[0], text)
        if text and key not in seen:
            seen.add(key)
            out.append({"label": label, "pattern": text, "id": eid})

    acronyms = {e["acronym"] for e in entries if e.get("acronym")}
    for e in entries:
        eid = entity_key(e["label"], e["name"])
        ctx = set(e["context_aliases"])
        for text in (e["name"], *e["aliases"]):
            if text not in ctx:
                add(e["label"], text, eid)
                if e["label"] == "ORG":
                    add("ORG", first_capital_only(text), eid)
                elif e["label"] == "PLACE" and text.upper() not in acronyms:
                    add("PLACE", capitals_form(text), eid)
        acronym = e.get("acronym")
        if acronym and acronym not in ctx:
            add("ORG" if len(acronym) >= MIN_FREE_ACRONYM else "ORG_SHORT", acronym, eid)
        for text in sorted(ctx):
            add(f"{e['label']}_CTX", text, eid)
    return out


MIN_CAPITALS_NAME = 4  # "JUBA", "SOUTH SUDAN"; shorter capitals are codes ("MON", "KEN")


def capitals_form(name: str) -> str:
    """'NAIROBI' for 'Nairobi': page headers and titles write places in capitals. Only a name with a word that is
    no everyday word ('TANK', 'UNITY' and 'CHAD' are words in capitals) and MIN_CAPITALS_NAME
    letters or more has one; '' otherwise."""
    caps = name.upper()
    words = re.findall(r"[^\W\d_]+", name.lower())
    if caps == name or sum(len(w) for w in words) < MIN_CAPITALS_NAME:
        return ""
    lex = lexicons()
    if all(w in lex["common"] or w in lex["not_org"] or _word_in_capitals(w, lex) for w in words) \
            or caps in lex["not_org_acronyms"] or name in lex["given_names"] or name in lex["surnames"]:
        return ""  # "DOUGLAS" in capitals is a roll call's family name before it is a town
    return caps


def _word_in_capitals(word: str, lex: dict) -> bool:
    """True for an everyday word, accents aside ("RÉUNION" is the French "réunion" as "REUNION" is "reunion"):
    one of capitals_words.txt, the dictionary words frequent in English, French or Spanish (make gazetteers)."""
    if word not in lex["dictionary"]:
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return word in lex["capitals_words"]


def first_capital_only(name: str) -> str:
    """'Relief international' for 'Relief International': minutes written in haste keep the first capital of a known
    body's name only; acronyms inside stay ('Office of the UN ...'). A name of one word, or one that opens with an
    acronym ('UN Women'), has no such variant: '' then."""
    words = name.split(" ")
    if len(words) < 2 or not words[0].istitle() or words[0].isupper():
        return ""
    out = " ".join([words[0], *(w.lower() if w.istitle() and not w.isupper() else w for w in words[1:])])
    return out if out != name else ""


STATE_TOWNS = GAZETTEER_DIR / "state_towns.json"


def load_state_towns(path: Path = STATE_TOWNS) -> dict[tuple[str, str], frozenset[str]]:
    """(country, state code) -> the names of its towns (state_towns.json, built by scripts/build_state_towns.py)."""
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {(cc, code): frozenset(names) for cc, states in raw["towns"].items() for code, names in states.items()}


def read_lines(name: str) -> list[str]:
    """A one-item-per-line list from models/gazetteers/ (# comments allowed)."""
    path = GAZETTEER_DIR / name
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def lexicons() -> dict:
    """The word lists the resolver consults: tools, job titles, ethnic words, common and
    dictionary words, given names (US Census plus many countries') and family names."""
    return {
        "not_org": {w.lower() for w in read_lines("not_org.txt")},
        "job_titles": set(read_lines("job_titles.txt")),
        "ethnic": set(read_lines("ethnic_words.txt")),
        "common": set(read_lines("common_words.txt")),
        "first_names": set(read_lines("first_names.txt")),
        "given_names": set(read_lines("first_names.txt")) | set(read_lines("given_names.txt")),
        "dictionary": set(read_lines("dictionary_words.txt")),
        "capitals_words": set(read_lines("capitals_words.txt")),
        "streets": set(read_lines("street_words.txt")),
        "surnames": set(read_lines("surnames.txt")),
        "not_org_acronyms": set(read_lines("not_org_acronyms.txt")),
        "dates": json.loads((GAZETTEER_DIR / "date_words.json").read_text(encoding="utf-8")),
    }
