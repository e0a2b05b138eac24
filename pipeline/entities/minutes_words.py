"""Words of the minutes page itself cut out of the organisations the model or a rule read across them.

A page flattened into one line runs a heading, a form field or a status cell into the name beside it: the model
reads "Timeline The Lakeside Health Cluster", "Rapport Update" or "ORDRE DU JOUR" as one organisation. The words are
data (models/gazetteers/minutes_words.json, a section per language); a name cut at them keeps each piece that
still names something: a piece with a capitalised word of its own (not a link, not an organisation head alone).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR

MINUTES_WORDS = MODELS_DIR / "gazetteers" / "minutes_words.json"
TOKEN = re.compile(r"[^\s/:|–—]+(?:-[^\s/:|–—-]+)*|[/:|–—]")
ELISION = re.compile(r"^[ldLD][’']")
EDGE = "’'\".,;()[]*"


@dataclass(frozen=True)
class MinutesWords:
    """Compiled page words: phrases as lower-case word tuples, the longest first, and the link words."""

    phrases: frozenset[tuple[str, ...]]
    longest: int
    links: frozenset[str]


def load_minutes_words(path: Path = MINUTES_WORDS) -> MinutesWords:
    """Read the page words of every language (the union of the sections)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    sections = [v for k, v in raw.items() if not k.startswith("_")]
    phrases = frozenset(tuple(p.lower().split()) for s in sections for p in s.get("words", ()))
    links = frozenset(w.lower() for s in sections for w in s.get("links", ()))
    return MinutesWords(phrases, max((len(p) for p in phrases), default=1), links)


@lru_cache(maxsize=1)
def minutes_words() -> MinutesWords:
    """load_minutes_words(), read once per process."""
    return load_minutes_words()


def _norm(token: str) -> str:
    return ELISION.sub("", token.strip(EDGE)).lower()


def pieces_without_page_words(text: str, heads: frozenset[str], words: MinutesWords | None = None) -> list[tuple[int, int]] | None:
    """The (start, end) offsets into text of the parts of a name left when its page words are cut out.

    text: the name as written.  heads: organisation head words ("cluster", "comité"), which alone name no body.
    words: the compiled page words (the shipped list when None).
    RETURNS: None when text holds no page word (the name stays as it is), else the pieces worth keeping (maybe none).
    """
    w = words or minutes_words()
    toks = [(m.start(), m.end(), _norm(m.group(0))) for m in TOKEN.finditer(text)]
    cut = [False] * len(toks)
    i = 0
    while i < len(toks):
        for n in range(min(w.longest, len(toks) - i), 0, -1):
            if tuple(t[2] for t in toks[i:i + n]) in w.phrases:
                cut[i:i + n] = [True] * n
                i += n
                break
        else:
            i += 1
    if not any(cut):
        return None
    pieces, run = [], []
    for tok, is_cut in zip(toks + [(0, 0, "/")], cut + [True]):
        if is_cut or not tok[2] or not any(c.isalnum() for c in tok[2]):
            if run:
                pieces.append(run)
            run = []
        else:
            run.append(tok)
    kept = []
    for run in pieces:
        while run and run[0][2] in w.links:
            run = run[1:]
        while run and run[-1][2] in w.links:
            run = run[:-1]
        own = [t for t in run if t[2] not in w.links and t[2] not in heads]
        if not own or not any(text[t[0]].isupper() or text[t[0]].isdigit() for t in own):
            continue
        kept.append((run[0][0], run[-1][1]))
    return kept


def acronym_shaped(word: str) -> bool:
    """Two capitals or more ("CwC", "UNHCR"): a piece of one word names a body only when it is written so."""
    return sum(c.isupper() for c in word) >= 2
