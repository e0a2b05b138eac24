"""Word lists segment consults: known organisations (from the shipped gazetteer), common words, first names."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.entities.gazetteer import GAZETTEER_DIR, lexicons, read_entries

ORGANISATIONS_PATH = MODELS_DIR / "segment" / "organisations.json"


def load_org_heads(path: Path = ORGANISATIONS_PATH, entity_words: Path = GAZETTEER_DIR / "org_words.json") -> re.Pattern:
    """The organisation head words: the entities' 'heads' (one source) and segment's lead-in extras, every language,
    compiled into one case-insensitive whole-word pattern."""
    extras = json.loads(path.read_text(encoding="utf-8"))
    heads = dict.fromkeys(h for lang, section in extras.items() if not lang.startswith("_") for h in section["heads"])
    shared = json.loads(entity_words.read_text(encoding="utf-8"))
    heads.update(dict.fromkeys(re.escape(h) for lang, section in shared.items() if not lang.startswith("_")
                               for h in section.get("heads", ())))
    return re.compile(rf"\b(?:{'|'.join(sorted(heads, key=len, reverse=True))})\b", re.I)


# Words that make a lead-in an organisation ("Health Cluster:", "Ministry of Health:").
ORG_HEADS = load_org_heads()
# The words that join a head to what it serves: the head of "Ministry of Health" is "Ministry".
_ORG_LINKS = [w for lang, section in json.loads(ORGANISATIONS_PATH.read_text(encoding="utf-8")).items()
              if not lang.startswith("_") for w in section.get("links", ())]
ORG_LINK = re.compile(rf"\s+(?:{'|'.join(map(re.escape, dict.fromkeys(_ORG_LINKS)))})\s+", re.I)


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
    head = ORG_LINK.split(bare, maxsplit=1)[0].split()
    return bool(head) and ORG_HEADS.fullmatch(head[-1]) is not None
