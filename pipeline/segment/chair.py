"""Who chairs: the person a chair label, an attendee's role or a chairing sentence names.

A chair value often holds more than the name: the body or office before it ("Chaired by <ORG>: Ana Ruiz",
"Chair: HC a.i., Ana Ruiz"), the role after it ("Ana Ruiz, Head of Office", "Ana Ruiz Regional Director").
`person_in` finds the name by its shape: a run of capitalised words that are no role word, no acronym and no
known organisation, with the role's ordinary-word modifiers trimmed off its edges ("Acting", "Regional").
An organisation alone ("Chair: <ORG>", "Facilitator: <ORG>") names no person: the chair is read elsewhere.
"""
from __future__ import annotations

import re

from pipeline.model import Participant
from pipeline.segment.cues import chair_words
from pipeline.segment.lexicon import is_common_word, is_first_name, known_organisations, looks_like_org

CHAIR = chair_words()  # models/segment/chair.json

# Pieces of a chair value: commas, brackets, slashes, colons and spaced dashes part a name from its office.
PIECE_BREAK = re.compile(r"[,;:()\[\]/|\n]|\s[-–—]\s")
TOKEN = re.compile(r"[^\s,;:()\[\]/|]+")
INITIAL = re.compile(r"^(?:[A-ZÀ-ÖØ-Ý]\.?|[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]?\.)$")  # "G.", "Q", "Ma."
# "Ruiz", "N'Diaye", "Jean-Luc", "McAdam": a capital, then letters with at least one in lower case
TITLE_CASE = re.compile(r"^[A-ZÀ-ÖØ-Ý](?=[\w'’-]*[a-zà-öø-ÿ])[A-Za-zÀ-ÖØ-öø-ÿ'’-]+$")
ALL_CAPS = re.compile(r"^[A-ZÀ-ÖØ-Ý][A-ZÀ-ÖØ-Ý'’-]+$")
ORDINARY_ZIPF = 4.0  # a word this frequent ("Acting", "Works") opens no name unless it is a given name
MAX_NAME_WORDS = 5
MAX_INITIALS = 3  # a lone word in capitals this short may be a person's initials ("TC"); longer is an acronym


def _is_role(word: str) -> bool:
    return bool(CHAIR.office.fullmatch(word.strip(".")))


def _name_word(word: str, all_caps: bool) -> bool:
    """A word that may be part of a person's name in a chair value; in a value written in capitals
    ("U HTET LWIN, DIRECTOR") capitalised words are names unless they are known organisations or offices."""
    bare = word.rstrip(".")
    if not bare or _is_role(word) or word in known_organisations() or bare in known_organisations():
        return False
    if INITIAL.match(word):
        return True
    if TITLE_CASE.match(bare):
        return True
    return all_caps and ALL_CAPS.match(bare) is not None and not _frequent(bare)


def _frequent(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= ORDINARY_ZIPF and not is_first_name(word)


def person_in(value: str) -> tuple[int, int] | None:
    """(start, end) of the first person's name written in a chair value, or None when it names no person.

    'HC a.i., Ana Ruiz' -> 'Ana Ruiz'; 'Ana Ruiz Regional Director' -> 'Ana Ruiz'; 'OCHA' -> None; a single word
    stands as the name when no piece holds a longer one and it opens the value ('Chair: Kito', 'Kito, facilitator')."""
    pos = 0
    pieces = []
    for m in PIECE_BREAK.finditer(value + "\n"):
        if value[pos:m.start()].strip():
            pieces.append((pos, value[pos:m.start()]))
        pos = m.end()
    for at, piece in pieces:
        found = _name_run(at, piece)
        if found:
            return found
    if pieces:
        at, piece = pieces[0]
        tokens = _tokens(at, piece)
        if len(tokens) == 1 and _single_name(tokens[0][2]):
            return tokens[0][0], tokens[0][1]
    return None


def _tokens(at: int, piece: str) -> list[tuple[int, int, str]]:
    tokens = [(at + t.start(), at + t.end(), t.group()) for t in TOKEN.finditer(piece)]
    while tokens and CHAIR.honorific.fullmatch(tokens[0][2] + " "):
        tokens = tokens[1:]  # "Mr.", "Dr", "M." before the name
    return tokens


def _name_run(at: int, piece: str) -> tuple[int, int] | None:
    """The first run of two to five name words in one piece of a value, without the office's words around it."""
    tokens = _tokens(at, piece)
    letters = [c for c in piece if c.isalpha()]
    all_caps = len(tokens) > 1 and all(c.isupper() for c in letters)  # "U HTET LWIN": a name in capitals
    namey = [_name_word(t[2], all_caps) for t in tokens]
    i = 0
    while i < len(tokens):
        if not namey[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (namey[j + 1] or tokens[j + 1][2] in CHAIR.particles and j + 2 < len(tokens)
                                       and namey[j + 2]):
            j += 1  # "María del Carmen Ruiz": a particle inside the name
        run = list(range(i, j + 1))
        while len(run) > 1 and CHAIR.honorific.fullmatch(tokens[run[0]][2] + " "):
            run = run[1:]  # "... Hall B Dr. Ana Ruiz": the honorific inside the piece is no part of the name
        if i > 0 and (_is_role(tokens[i - 1][2]) or tokens[i - 1][2].islower()):
            while run and _frequent(tokens[run[0]][2].rstrip(".")) and not INITIAL.match(tokens[run[0]][2]):
                run = run[1:]  # "Director of Works Ana Ruiz": the office's words before the name
        if j + 1 < len(tokens) and _is_role(tokens[j + 1][2]):
            while run and is_common_word(tokens[run[-1]][2]) and not is_first_name(tokens[run[-1]][2]):
                run = run[:-1]  # "Ana Ruiz Regional Director": the office's modifier after the name
        words = [tokens[k][2].rstrip(".") for k in run]
        # a name holds a given name, an initial or a rare word: "Shelter Cluster", "Food Security" are no one
        if 2 <= len(run) <= MAX_NAME_WORDS and not all(map(_frequent, words)) \
                and not looks_like_org(" ".join(words)):
            return tokens[run[0]][0], tokens[run[-1]][1]
        i = j + 1
    return None


def _single_name(word: str) -> bool:
    """'Kito', 'TC': one word that may be a person's name or initials, not a known organisation or an office."""
    bare = word.strip(".")
    if ALL_CAPS.match(bare) and len(bare) > MAX_INITIALS:
        return False  # "UNHCR": an acronym; "TC", "JB" may be a person's initials
    return bool(re.fullmatch(r"[A-ZÀ-ÖØ-Ý][\w'’-]*", bare)) and bare not in known_organisations() \
        and not _is_role(bare) and not _frequent(bare)


def find_chair(text: str, values, participants: tuple[Participant, ...]) -> tuple[str, int, int] | None:
    """The chair's name and span: from a chair label, else an attendee's chair role, else a chairing sentence."""
    for labelled in (v for v in values if v.field == "chair"):
        found = _from_label(text, labelled)
        if found:
            return found
    for p in participants:
        if p.role and CHAIR.role.search(p.role) and not CHAIR.deputy.search(p.role) \
                and p.status == "present":  # an excused chair chairs not
            return _name_span(p)
    chair_away = any(p.role and CHAIR.role.search(p.role) and not CHAIR.deputy.search(p.role) and p.status != "present"
                     for p in participants)
    for p in participants if chair_away else ():  # the chair is excused: the vice chair present presides
        if p.role and CHAIR.role.search(p.role) and CHAIR.deputy.search(p.role) and p.status == "present":
            return _name_span(p)
    away = {p.name.lower() for p in participants if p.status != "present"}
    for m in CHAIR.sentence.finditer(text):
        group = next(g for g in ("a", "b", "c", "f", "d") if m.group(g))
        name_words = m.group(group).split()
        while name_words and name_words[0].lower() in CHAIR.not_names:
            name_words.pop(0)
        if group == "d":  # MeetBot: the nick that started the meeting chairs it
            if name_words and not name_words[0].lower().endswith("bot"):
                return name_words[0], m.start(group), m.end(group)
            continue
        one_name = len(name_words) == 1 and group in ("a", "f") and (
            is_first_name(name_words[0]) or name_words[0] in {p.name for p in participants})  # "Ana was elected chair"
        if len(name_words) < 2 and not one_name or any(w.lower() in CHAIR.not_names for w in name_words):
            continue
        found = re.search(r"\s+".join(map(re.escape, name_words)), text[m.start(group):m.end(group)])
        if not found:
            continue
        start, end = m.start(group) + found.start(), m.start(group) + found.end()
        if not one_name:  # "Chaired by Mr. Ana Ruiz Regional Director": the name without the office after it
            span = person_in(text[start:end])
            if span is None:
                continue
            start, end = start + span[0], start + span[1]
        name = " ".join(text[start:end].split())
        if name.lower() not in away:
            return name, start, end
    for p in participants:
        if p.role and CHAIR.president.search(p.role) and not CHAIR.deputy.search(p.role) and p.status == "present":
            return _name_span(p)
    return None


def _from_label(text: str, labelled) -> tuple[str, int, int] | None:
    """The person a chair label names; "Chaired by <ORG>:" with the name on the next line reads that line."""
    value = labelled.text
    lead = len(value) - len(value.lstrip(" /-–—:*_"))
    if not value[lead:lead + 1].isupper():  # "the chair: keeping order" in a sentence names no one
        return None
    span = person_in(value[lead:])
    start = labelled.start_char + lead
    if span is None and value.rstrip().endswith(":"):
        line_end = text.find("\n", labelled.end_char)
        nxt = text.find("\n", line_end + 1) if line_end >= 0 else -1
        after = text[line_end + 1:nxt if nxt >= 0 else len(text)] if line_end >= 0 else ""
        if not after.strip():  # one blank line may sit between the label and the name
            line_end = nxt
            nxt = text.find("\n", line_end + 1) if line_end >= 0 else -1
            after = text[line_end + 1:nxt if nxt >= 0 else len(text)] if line_end >= 0 else ""
        span, start = person_in(after), line_end + 1
    if span is None:
        return None
    a, b = start + span[0], start + span[1]
    return " ".join(text[a:b].split()), a, b


def _name_span(p: Participant) -> tuple[str, int, int]:
    """A participant's name with the span of its own words in the entry (the whole entry when it was reworded)."""
    at = p.text.find(p.name)
    return (p.name, p.start_char + at, p.start_char + at + len(p.name)) if at >= 0 else (p.name, p.start_char, p.end_char)
