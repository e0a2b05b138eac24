"""Build models/gazetteers/legal_forms.json: the legal forms companies write after their name, by language and country.

    .venv/bin/python scripts/build_legal_forms.py

A legal form ("Inc.", "LLP", "GmbH", "S.A.R.L.", "Sdn. Bhd.") written after a capitalised name makes that name a
company's in any country's minutes: councils' contract lists, procurement tables, vendors and funders in attendance
lists. The forms are not kept by hand: they come from cleanco's term tables (by type of company and by country).
Forms that are also words or two-letter codes ("Co", "AS", "SA", "AG", "PT") are flagged `word_like`: the pipeline
takes them only written as a form (with their dots, or in capitals).

Source (credited in models/gazetteers/SOURCES.md): cleanco 2.3 `cleanco.termdata` (MIT), build time only.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from cleanco import termdata
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "gazetteers" / "legal_forms.json"
WORD_LANGUAGES = ("en", "fr", "es", "de", "pt", "it", "nl")
WORD_ZIPF = 3.0  # a form this frequent as a word in one of WORD_LANGUAGES reads as a word unless written as a form
SHORT = 2  # letters: a bare two-letter form reads as a code (a state, an initial) unless written as a form


def _fix(term: str) -> str:
    """cleanco keeps a few terms as UTF-8 bytes read as Latin-1 ('veÅ\x99.'); undo that, trim spaces."""
    try:
        term = term.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return re.sub(r"\s+", " ", term.strip())


def word_like(form: str) -> bool:
    """'co', 'as', 'sa', 'company': a form that is also a word or a short code."""
    letters = re.sub(r"[^\w]", "", form)
    if "." in form and len(letters) <= SHORT:
        return True  # "s.a.", "co.": still needs its dots or capitals, checked at run time
    return len(letters) <= SHORT or any(zipf_frequency(letters, lang) >= WORD_ZIPF for lang in WORD_LANGUAGES)


def legal_forms() -> dict[str, dict]:
    """form (lower case, as cleanco writes it) -> its company types, countries and whether it reads as a word."""
    types: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    for kind, terms in termdata.terms_by_type.items():
        for t in terms:
            types[_fix(t)].add(kind)
    for country, terms in termdata.terms_by_country.items():
        for t in terms:
            countries[_fix(t)].add(country)
    forms = sorted((set(types) | set(countries)) - {""})
    return {f: {"types": sorted(types.get(f, ())), "countries": sorted(countries.get(f, ())), "word_like": word_like(f)}
            for f in forms if re.search(r"[^\W\d_]", f)}


def main() -> None:
    doc = {"_doc": "Legal forms of companies (cleanco 2.3 termdata, MIT), built by scripts/build_legal_forms.py. "
                   "A capitalised name followed by one of these ('Brookfield Paving, Inc.', 'Nordlys AB') names a "
                   "company; a form marked word_like counts only written with its dots or in capitals.",
           "source": "cleanco 2.3, cleanco.termdata.terms_by_type and terms_by_country (MIT licence)",
           "forms": legal_forms()}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
