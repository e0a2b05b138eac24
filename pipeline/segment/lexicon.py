"""Word lists segment consults: known organisations (from the shipped gazetteer), common words, first names."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.entities.gazetteer import GAZETTEER_DIR, lexicons, read_entries

# Words that make a lead-in an organisation ("Health Cluster:", "Ministry of Health:").
ORG_HEADS = re.compile(
    r"\b(?:cluster|sector|agency|ministry|department|dept|office|unit|team|network|group|working group|committee|"
    r"council|board|foundation|association|society|federation|union|institute|university|college|school|"
    r"programme|program|organi[sz]ation|ngo|inc|ltd|llc|corp|company|bank|fund|authority|commission|"
    r"secretariat|centre|center|trust|alliance|consortium|partners|cross|crescent|vision|care|aid|relief|forum|"
    r"platform|initiative|mission|embassy|cooperation|corps|"
    r"minist[eè]re|ministerio|direcci[oó]n|agencia|asociaci[oó]n|fundaci[oó]n|universidad|comit[eé]|consejo)\b", re.I)


@lru_cache(maxsize=1)
def known_organisations() -> frozenset[str]:
    """Names, acronyms and aliases of every organisation in the shipped gazetteer, as written there."""
    names: set[str] = set()
    for e in read_entries(GAZETTEER_DIR / "organisations.jsonl"):  # not the place lists: they hold no ORG
        for value in (e.get("name"), e.get("acronym"), *(e.get("aliases") or ())):
            if value:
                names.add(str(value))
    return frozenset(names)


@lru_cache(maxsize=1)
def _known_lower() -> frozenset[str]:
    return frozenset(n.lower() for n in known_organisations())


COMMON_ZIPF = 3.0  # wordfreq's Zipf scale: 3 = once per million words; names of people and groups sit below


@lru_cache(maxsize=65536)
def is_common_word(word: str, language: str = "en") -> bool:
    """An ordinary word of the document's language ("Training", "Calendrier"), not a name ("Okafor", "Zanele")."""
    from wordfreq import zipf_frequency

    low = word.lower()
    if low in lexicons()["common"]:
        return True
    try:
        return zipf_frequency(low, language) >= COMMON_ZIPF
    except (LookupError, ValueError):  # a language wordfreq does not know
        return False


def is_first_name(word: str) -> bool:
    return word in lexicons()["first_names"]


def looks_like_org(name: str) -> bool:
    """An acronym, a known organisation, or a name built on an organisation word."""
    bare = name.strip()
    if bare in known_organisations():
        return True
    if bare.lower() in _known_lower() and not (len(bare.split()) == 1 and is_common_word(bare)):
        return True  # "Save the children" still; "Goal:" the word is not GOAL the NGO
    if re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,5}s?", bare):
        return True
    head = re.split(r"\s+(?:of|for|de|du|des|del|on)\s+", bare, maxsplit=1, flags=re.I)[0].split()
    return bool(head) and ORG_HEADS.fullmatch(head[-1]) is not None
