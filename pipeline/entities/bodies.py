"""Local governments named after their place: "City of Marlow", "Mairie de Kessa" are the bodies that act, contract
and are sued in minutes (government bodies are organisations), while "in the City of Marlow" stays a place.

The leads are `government_leads` in org_words.json, the place prepositions `prepositions` in place_context.json.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.entities.words import entity_words
from pipeline.model import Mention

WORD_BEFORE = re.compile(r"([^\W\d_][\w'’]*)\s*$")


def _after_preposition(text: str, start: int) -> bool:
    """Whether a place preposition, with or without an article, stands right before text[start:]."""
    words = entity_words()
    before = text[max(0, start - 40):start]
    hit = WORD_BEFORE.search(before)
    if hit and hit.group(1).lower() in words.definite_articles:
        hit = WORD_BEFORE.search(before[:hit.start()])
    return bool(hit) and hit.group(1).lower() in words.place_prepositions


def local_governments(mentions: list[Mention], text: str, make: Callable[[int, int], Mention | None]) -> list[Mention]:
    """A place written with a government lead ("City of X" tagged as a place, or "X" right after "City of") becomes
    the organisation "City of X", unless a place preposition governs it.

    make(start, end): the organisation mention for that span, or None."""
    leads = entity_words().government_leads
    out = []
    for m in mentions:
        if m.label != "PLACE":
            out.append(m)
            continue
        start = m.start_char
        lead = next((w for w in leads if m.text.startswith(w + " ")), None)
        if lead is None:
            lead = next((w for w in leads if text[max(0, start - len(w) - 1):start] == w + " "), None)
            if lead is not None:
                start -= len(lead) + 1
                if any(o is not m and o.start_char < m.start_char and start < o.end_char for o in mentions):
                    lead = None  # the lead's words already belong to another mention
        new = make(start, m.end_char) if lead is not None and not _after_preposition(text, start) else None
        out.append(new or m)
    return out
