"""Acronym definitions found in the text, in both orders (Schwartz & Hearst, 2003).

"Blue River Alliance (BRA)" and "BRA (Blue River Alliance)" both give BRA -> Blue River Alliance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.entities.words import entity_words

# A short form: 2-10 characters, starts with a letter, has at least two capitals ("MoE", "UNHCR", "WG1").
SHORT = r"[A-Za-z][A-Za-z0-9&\-.]{1,9}"
PAREN = re.compile(rf"\(\s*({SHORT})\s*\)")
LONG_IN_PARENS = re.compile(rf"\b({SHORT})\s*\(\s*([^()]{{4,120}}?)\s*\)")
# A glossary line: "ECR: Early Career Researcher", "* RTA = Rapid Training Assessment".
GLOSSARY = re.compile(rf"(?m)^[ \t*•\-]*({SHORT})[ \t]*(?::|=|–|—| - )[ \t]*([^\n]{{4,120}})")
WORD = re.compile(r"[^\s]+")
LINKERS = entity_words().name_links  # "of", "de la", "für": skipped when spelling a name's initials
THING_WORDS = entity_words().technical_heads | entity_words().thing_heads  # heads of defined terms, not of bodies


@dataclass(frozen=True)
class Definition:
    short: str
    long: str
    short_start: int
    long_start: int
    long_end: int


def is_short_form(text: str) -> bool:
    return (2 <= len(text) <= 10 and text[0].isalpha() and sum(c.isupper() for c in text) >= 2
            and not text.isdigit())


def match_long(short: str, candidate: str) -> int | None:
    """Start index in `candidate` of the shortest tail that spells `short` (Schwartz & Hearst), else None."""
    s = [c.lower() for c in short if c.isalnum()]
    if not s:
        return None
    li = len(candidate) - 1
    for si in range(len(s) - 1, -1, -1):
        ch = s[si]
        while li >= 0 and (candidate[li].lower() != ch or (si == 0 and li > 0 and candidate[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start = li + 1
    return start


def initials_match(short: str, window: str) -> int | None:
    """Start of the fewest last words of `window` whose initials spell `short` ("INPL" <- "Institut National de
    la Pêche Lacustre"), with or without the small linking words."""
    target = "".join(c for c in short.upper() if c.isalnum())
    words = list(WORD.finditer(window))
    for k in range(1, len(words) + 1):
        tail = words[len(words) - k:]
        every = "".join(w.group()[0] for w in tail if w.group()[0].isalnum()).upper()
        content = "".join(w.group()[0] for w in tail if w.group().lower() not in LINKERS).upper()
        if target in (every, content):
            return tail[0].start()
    return None


def _tail_words(text: str, n: int) -> tuple[int, str]:
    """The last n words of `text`, with their start offset in `text`."""
    words = list(WORD.finditer(text))
    if not words:
        return 0, ""
    first = words[max(0, len(words) - n)]
    return first.start(), text[first.start():]


def _good_long(short: str, long_: str) -> bool:
    words = long_.split()
    if len(long_) <= len(short) or len(words) < 2 or not words[0][:1].isupper() or any(c in long_ for c in "()[]"):
        return False
    content = [w for w in words if w.lower() not in LINKERS]
    # The long form's content words should be capitalised (a name), and not far more than the letters.
    return (sum(w[:1].isupper() for w in content) >= max(1, len(content) - 1)
            and len(words) <= 2 * len(short) + 2)


def names_a_thing(long_form: str) -> bool:
    """A long form headed by a technical term or a thing bodies make, with no body's head word in it: its last word
    (English: "Relay Handshake Protocol") or its first (French, Spanish: "Protocole de Transfert Ormel") says so.
    "Protocol Working Group" names a body."""
    words = [w.strip(".,;:'’").lower() for w in WORD.findall(long_form)]
    words = [w for w in words if w]
    if not words or any(w in entity_words().org_heads for w in words):
        return False
    return words[-1] in THING_WORDS or words[0] in THING_WORDS


def find_definitions(text: str) -> list[Definition]:
    """Every 'Long Form (SF)' and 'SF (Long Form)' in `text`, offsets into `text`."""
    out: list[Definition] = []
    for m in PAREN.finditer(text):
        short = m.group(1).rstrip(".")
        if not is_short_form(short):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()].rstrip()
        n = min(len(short) + 5, 2 * len(short))
        offset, window = _tail_words(before, n)
        start = initials_match(short, window)
        if start is None:
            start = match_long(short, window)
        if start is None:
            continue
        long_ = window[start:].strip(" ,;:-–")
        if not _good_long(short, long_):
            continue
        long_start = line_start + offset + start
        out.append(Definition(short, long_, m.start(1), long_start, long_start + len(long_)))
    for m in LONG_IN_PARENS.finditer(text):
        short, inner = m.group(1), m.group(2)
        if not is_short_form(short) or is_short_form(inner):
            continue
        start = match_long(short, inner)
        if start != 0 or not _good_long(short, inner):
            continue
        out.append(Definition(short, inner.strip(), m.start(1), m.start(2), m.start(2) + len(inner.strip())))
    return out + find_glossary(text)


def find_glossary(text: str) -> list[Definition]:
    """'SF: Long Form' at the start of a line, when the first words of the long form spell SF."""
    out: list[Definition] = []
    for m in GLOSSARY.finditer(text):
        short, rest = m.group(1).rstrip("."), m.group(2)
        if not is_short_form(short):
            continue
        words = list(WORD.finditer(rest))
        for k in range(1, min(len(words), 2 * len(short) + 2) + 1):
            long_ = rest[:words[k - 1].end()].rstrip(" ,;:.")
            if initials_match(short, long_) == 0 and _good_long(short, long_):
                start = m.start(2)
                out.append(Definition(short, long_, m.start(1), start, start + len(long_)))
                break
    return out
