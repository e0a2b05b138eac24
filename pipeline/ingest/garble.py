"""Can a PDF's text layer be trusted? A font without a usable Unicode map yields text like "3HQČåQt" or "Θͨ͘͠ͱ".

Two signs, both cheap: the share of characters no real text is made of (private-use, unassigned, control and
replacement characters, free-standing combining marks, letters of a script other than the text's own and
Latin unless they make whole words of that script), and the share of letters that stand in words a word list
of the text's language knows (wordfreq, plus placeholder filler such as "lorem ipsum", which templates hold in
any language; the language is whichever listed one fits best; letters, not words, so that one long run of
garbage counts). Thresholds and the languages tried per script are data:
models/ingest/text_layer.json.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import MODELS_DIR

_WORD = re.compile(r"[^\W\d_]{2,}")
_ALWAYS_FINE = {"LATIN", "COMMON"}


@dataclass(frozen=True)
class TextLayerRules:
    languages_by_script: dict[str, tuple[str, ...]]
    max_odd_share: float
    min_known_share: float
    min_letters: int
    sample_words: int
    page_sample_words: int
    page_better_share: float
    word_min_zipf: float
    letter_word_min_zipf: float
    placeholder_words: frozenset[str]  # filler ("lorem ipsum"): known in every language


@dataclass(frozen=True)
class Verdict:
    """What the check found: the script and language the text fits best and the two shares it is judged on."""

    script: str
    language: str | None
    known_share: float | None  # None when the script has no word list or the text has too few letters
    odd_share: float
    garbled: bool


@lru_cache(maxsize=1)
def rules() -> TextLayerRules:
    data = json.loads((MODELS_DIR / "ingest" / "text_layer.json").read_text(encoding="utf-8"))
    return TextLayerRules(
        languages_by_script={k: tuple(v) for k, v in data["languages_by_script"].items()},
        max_odd_share=float(data["max_odd_share"]), min_known_share=float(data["min_known_share"]),
        min_letters=int(data["min_letters"]), sample_words=int(data["sample_words"]),
        page_sample_words=int(data["page_sample_words"]), page_better_share=float(data["page_better_share"]),
        word_min_zipf=float(data["word_min_zipf"]), letter_word_min_zipf=float(data["letter_word_min_zipf"]),
        placeholder_words=frozenset(data["placeholder_words"]["words"]))


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat in ("Co", "Cn", "Cs", "Cc") or ch == "\ufffd":
        return "ODD"
    if cat[0] in "NPSZ" or ch.isspace():
        return "COMMON"
    name = unicodedata.name(ch, "")
    if cat in ("Mn", "Me") and name.startswith("COMBINING"):
        return "ODD"  # decomposed accents are composed by normalisation; left-over ones are a broken font
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH")):
        return "CJK"
    return name.split(" ", 1)[0] or "ODD"


def known(word: str, language: str) -> bool:
    """The word is in the language's wordfreq list, or is placeholder filler ("lorem ipsum")."""
    low = word.lower()
    return low in rules().placeholder_words or zipf(low, language) > 0


@lru_cache(maxsize=65536)
def zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    # the "small" lists (words seen at least once per million) load in a tenth of the time and memory of the
    # full ones, and every threshold here is at or above that frequency
    return zipf_frequency(word, language, wordlist="small")


def assess(text: str, languages: tuple[str, ...] = (), sample_words: int | None = None,
           only_these: bool = False) -> Verdict:
    """Judge a text layer; `languages` (Settings.languages) are tried first for Latin-script text.

    `sample_words` caps the words looked up (default: the rules' sample_words; a page is judged on fewer).
    `only_these`: Latin-script text is judged on `languages` alone (a page against its document's language and
    the archive's): with some thirty lists, fragments of split words ("v illages w here") find one that knows them.
    """
    r = rules()
    scripts = Counter(_script(ch) for ch in text if not ch.isspace())
    total = sum(scripts.values())
    if not total:
        return Verdict("COMMON", None, None, 0.0, False)
    letters = {s: n for s, n in scripts.items() if s not in ("COMMON", "ODD")}
    main = max(letters, key=letters.get) if letters else "COMMON"
    odd = scripts.get("ODD", 0) + (_stray_letters(text, main) if len(letters) > 1 else 0)
    odd_share = odd / total
    language, share = _best_language(text, main, languages, r, sample_words or r.sample_words, only_these)
    garbled = odd_share > r.max_odd_share or (share is not None and share < r.min_known_share)
    return Verdict(main, language, share, round(odd_share, 4), garbled)


def _stray_letters(text: str, main: str) -> int:
    """Letters of a script other than the text's own and Latin that do not make words of their own script.

    A second language in its own script (a Japanese title, an Arabic greeting) writes whole words in it; a broken
    font scatters such letters among marks and other scripts ("Θͨ͘͠ͱ").
    """
    stray = 0
    for token in text.split():
        scripts = [_script(ch) for ch in token]
        foreign = [s for s in scripts if s not in _ALWAYS_FINE and s != main and s != "ODD"]
        if foreign and ("ODD" in scripts or len(set(foreign)) > 1 or len(foreign) < 2):
            stray += len(foreign)
    return stray


def _best_language(text: str, script: str, languages: tuple[str, ...], r: TextLayerRules, n_sample: int,
                   only_these: bool = False):
    listed = r.languages_by_script.get(script, ())
    if script == "LATIN":
        candidates = tuple(dict.fromkeys(languages if only_these and languages else (*languages, *listed)))
    else:
        candidates = tuple(listed)
    if not candidates:
        return None, None
    words = [w for w in _WORD.findall(text) if _script(w[0]) == script]
    if sum(len(w) for w in words) < r.min_letters:
        return None, None
    step = max(1, len(words) // n_sample)
    sample = words[::step][:n_sample]
    letters = sum(len(w) for w in sample)
    best, best_share = None, -1.0
    for language in candidates:
        share = sum(len(w) for w in sample if known(w, language)) / letters
        if share > best_share:
            best, best_share = language, share
        if best_share >= 0.85:  # settled: no other list will change the verdict
            break
    return best, round(best_share, 4)


def same_letters(a: str, b: str, share: float = 0.9) -> bool:
    """Two readings of one text hold (nearly) the same letters, in whatever order: the readers agree on it."""
    ca, cb = Counter(ch for ch in a.lower() if ch.isalpha()), Counter(ch for ch in b.lower() if ch.isalpha())
    most = max(sum(ca.values()), sum(cb.values()))
    return most == 0 or sum((ca & cb).values()) >= share * most
