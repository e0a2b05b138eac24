"""Places no list knows, found from the evidence around them: a small scored decision with its weights as data.

Villages, camps and neighbourhoods of a response ("IDPs arrived to Mong Saw", "in Tarok Lin (Hpa Kant
township)", "Kyin Lon/Pawsa") are in no gazetteer, and spaCy's NER takes most of them for people. A careful reader
knows them from their context: a place preposition before them, an administrative noun after them, a list beside
a known place, the meeting's location field, a document about a country where clusters work. Each capitalised run
of one to three words gets those features (and the ones against: an everyday word, an organisation head, a
product, a weekday, capitals, a person named elsewhere in the document); the weights and the bias live in
models/gazetteers/place_evidence.json, and a run whose score is above the threshold becomes a PLACE. It replaces
only what the model made of the same characters, never a listed name, an acronym or a rule's span.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.entities.gazetteer import lexicons
from pipeline.entities import local as local_list
from pipeline.entities.local import MIN_PLACES, WORD, LocalPlaces
from pipeline.entities.words import entity_words
from pipeline.language import word_zipf
from pipeline.model import Mention, Segmented, entity_key

PLACE_EVIDENCE = MODELS_DIR / "gazetteers" / "place_evidence.json"
LOCAL_COUNTRIES = MODELS_DIR / "gazetteers" / "local_countries.json"
MAX_WORDS = 3
REPLACEABLE = {"PERSON", "ORG"}  # what the model made of a run that the evidence shows to be a place
PASSES = 3  # a place found by its context can put its neighbours beside a place, or its country in view
PLACE_FEATURES = ("preposition", "weak_preposition", "movement", "designator_after", "list_with_place",
                  "location_field", "about_country", "local_name", "given_first", "everyday_word", "org_word",
                  "product", "calendar_word", "capitals", "person_elsewhere", "street_word", "list_with_person",
                  "phrasal_verb", "word_after", "listed_elsewhere", "geo_word", "designator_before",
                  "bracket_after_place", "all_capitals")
JOINER = re.compile(r"[ \t]*(?:[,/;&]|\band\b|\bor\b|\bet\b|\bou\b|\by\b|\bund\b)[ \t]*")


@dataclass(frozen=True)
class PlaceEvidence:
    """Compiled place-evidence model."""

    weights: dict[str, float]
    bias: float
    threshold: float
    everyday_zipf: float
    function_zipf: float  # a word at least this frequent is a function word ("and", "last"), not a noun
    weak: frozenset[str]  # place prepositions that also precede people
    movement: frozenset[str]  # words before a weak preposition that make a place of what follows
    phrasal: frozenset[str]  # word-and-preposition pairs where the preposition is the verb's ("bring in", "report to")
    geo: frozenset[str] = frozenset()  # words of natural features ("river", "mt"): a name holding one is a place's
    areas: frozenset[str] = frozenset()  # words ending names of features and town areas ("hills", "square")
    before: frozenset[str] = frozenset()  # nouns written before a place's name ("tehsil", "uc", "union council")
    links: frozenset[str] = frozenset()  # words between such a noun and the name ("of", "de")
    modifiers_first: frozenset[str] = frozenset({"en"})  # languages whose noun modifiers precede the noun

    def score(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def best(self, found: dict[str, float]) -> float:
        """The highest score a run can reach given the features found so far, the others (at most 1) still open."""
        return self.score(found) + self._open(frozenset(found))

    def _open(self, found: frozenset[str]) -> float:
        """The sum of the positive weights of the features not in `found`, summed in the weights' order. place_features
        asks with the same keys for every run: summed once per PlaceEvidence and set of keys."""
        cache = self.__dict__.setdefault("_open_sums", {})  # a frozen dataclass: the cache is no field
        if found not in cache:
            cache[found] = sum(max(w, 0.0) for k, w in self.weights.items() if k not in found)
        return cache[found]


def _words(section: dict) -> list[str]:
    return [w.lower() for k, v in section.items() if not k.startswith("_") for w in v]


def load_place_evidence(path: Path = PLACE_EVIDENCE) -> PlaceEvidence:
    raw = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw["weights"]) - set(PLACE_FEATURES)
    if unknown:
        raise ValueError(f"{path.name}: unknown features {sorted(unknown)}")
    return PlaceEvidence({k: float(v) for k, v in raw["weights"].items()}, float(raw["bias"]), float(raw["threshold"]),
                         float(raw["everyday_zipf"]), float(raw["function_zipf"]),
                         frozenset(_words(raw["weak_prepositions"])), frozenset(_words(raw["movement"])),
                         frozenset(_words(raw["phrasal_verbs"])), frozenset(_words(raw.get("geo_words", {}))),
                         frozenset(_words(raw.get("area_heads", {}))), frozenset(_words(raw.get("designators_before", {}))),
                         frozenset(_words(raw.get("designator_links", {}))),
                         frozenset(raw.get("modifiers_first", ["en"])))


@lru_cache(maxsize=1)
def place_evidence() -> PlaceEvidence:
    return load_place_evidence()


@lru_cache(maxsize=1)
def response_countries() -> frozenset[str]:
    """ISO codes of the countries where clusters work (local_countries.json): minutes about one of them name
    villages and camps that no list holds."""
    return frozenset(json.loads(LOCAL_COUNTRIES.read_text(encoding="utf-8"))["countries"])


def _runs(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, words) of maximal runs of one to three capitalised words joined by single spaces on one line."""
    out, run = [], []
    for hit in WORD.finditer(text):
        if run and text[run[-1].end():hit.start()] == " ":
            run.append(hit)
            continue
        if run and len(run) <= MAX_WORDS:
            out.append((run[0].start(), run[-1].end(), [h.group(0) for h in run]))
        run = [hit]
    if run and len(run) <= MAX_WORDS:
        out.append((run[0].start(), run[-1].end(), [h.group(0) for h in run]))
    return out


WORD_BEFORE_WINDOW = 60  # characters before a run that _word_before reads
_TRAILING_GAP = re.compile(r"[ \t]*\n?[ \t]*\n?")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # the characters of the re module's \w in a str pattern


def _word_before(text: str, start: int) -> tuple[str | None, str | None]:
    r"""The word right before `start` (across at most one line break) and the word before that one.

    What re.search(r"(?:(\w+)[ \t]+)?(\w+)[ \t]*\n?[ \t]*$") finds in the WORD_BEFORE_WINDOW characters before
    `start`, read backwards from `start` instead of tried at every position of the window (a tenth of the entities
    stage's own Python): the gap after the word is blanks with at most one line break, or two when the second ends
    the window ('$' also matches before a last line break); each word is the whole run of word characters inside
    the window; the first word is separated from the second by spaces or tabs alone."""
    lo = max(0, start - WORD_BEFORE_WINDOW)
    end = start
    while end > lo and text[end - 1] in " \t\n":
        end -= 1
    if end == lo or not _is_word_char(text[end - 1]) or _TRAILING_GAP.fullmatch(text, end, start) is None:
        return None, None
    i = end - 1
    while i > lo and _is_word_char(text[i - 1]):
        i -= 1
    word = text[i:end]
    j = i
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if j == i or j == lo or not _is_word_char(text[j - 1]):
        return word, None
    k = j - 1
    while k > lo and _is_word_char(text[k - 1]):
        k -= 1
    return word, text[k:j]


_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


_CAP = r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]*"  # a capitalised word
_ITEM_BEFORE = re.compile(_CAP + r"(?:[ \t]" + _CAP + r"){0,2}" + JOINER.pattern + r"$")


_LIST_AFTER = re.compile(r"(?:" + JOINER.pattern + _CAP + r"(?:[ \t]" + _CAP + r"){0,2}){1,6}[ \t]+([^\W\d_]+)")


def _list_before_designator(text: str, end: int, designators: frozenset[str]) -> bool:
    """The run is an item of a list on its line whose last item an administrative noun follows: "X, Y and Z districts"
    makes districts of all three."""
    hit = _LIST_AFTER.match(text, end, min(len(text), end + 200))
    return hit is not None and hit.group(1).lower() in designators and not hit.group(1).isupper()


def designator_start(text: str, start: int, ev: PlaceEvidence, hops: int = 4) -> int | None:
    """Where an administrative or settlement noun written before the name at `start` begins, on its line: "tehsil X",
    "UC X", "union council X", "municipality of X", "villages de X", "commune d'X" (ev.before, then ev.links); None
    when there is none. The noun is lower-case or, when short, in capitals ("UC"): a capitalised noun ("Barangay
    X") is part of the name's own run, which place_features reads."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 40)
    toks = [(m.start() + lo, m.end() + lo, m.group(0)) for m in _LETTERS.finditer(text[lo:start])]

    def gap_ok(end: int, nxt: int, elided: bool = False) -> bool:
        gap = text[end:nxt]
        return not gap.strip(" \t") or (elided and gap.strip(" \t") in ("'", "’"))

    def noun_case(w: str) -> bool:
        return w.islower() or (w.isupper() and len(w) <= 3)

    # a later item of a list the noun governs: "villages de X et Y", "tehsils X, Y and Z"
    item = _ITEM_BEFORE.search(text, lo, start) if hops else None
    if item is not None:
        return designator_start(text, item.start(), ev, hops - 1)
    if not toks or not gap_ok(toks[-1][1], start, toks[-1][2].lower() == "d"):
        return None
    if toks[-1][2].lower() in ev.links and toks[-1][2].islower():
        link = toks.pop()
        if not toks or not gap_ok(toks[-1][1], link[0]):
            return None
    if len(toks) > 1 and gap_ok(toks[-2][1], toks[-1][0]) and noun_case(toks[-2][2]) and noun_case(toks[-1][2]) \
            and f"{toks[-2][2].lower()} {toks[-1][2].lower()}" in ev.before:
        return toks[-2][0]
    if noun_case(toks[-1][2]) and toks[-1][2].lower() in ev.before:
        return toks[-1][0]
    return None


def _moved(text: str, start: int, movement: frozenset[str]) -> bool:
    """A movement word right before the preposition before `start`, or one lower-case word before it: "arrived to X",
    "réfugiés maliens de X", "families newly displaced from X" (the word between describes who moved)."""
    hit = re.search(r"(?:(\w+)[ \t]+)?(\w+)[ \t]+\w+[ \t]*\n?[ \t]*$", text[max(0, start - 80):start])
    if hit is None:
        return False
    before, word = hit.groups()
    return word.lower() in movement or (before is not None and word.islower() and before.lower() in movement)


ITEM_END = re.compile(r"[ \t]*(?:[,;/&().:]|\band\b|\bor\b|\bet\b|\bou\b|\by\b|\bund\b|$)", re.M)
ITEM_START = re.compile(r"(?:^|[,;/&(:]|\band|\bor|\bet|\bou|\by|\bund)[ \t]*$", re.M)


class SpanIndex:
    """(start, end) spans sorted by their end and by their start, so that _joined looks only at the spans that end
    before a run on its line or start after it on its line, not at every mention of the document."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.by_end = sorted(spans, key=lambda se: se[1])
        self.ends = [e for _, e in self.by_end]
        self.by_start = sorted(spans)
        self.starts = [s for s, _ in self.by_start]

    def ending_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        return self.by_end[bisect_left(self.ends, lo):bisect_right(self.ends, hi)]

    def starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        return self.by_start[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]


def _joined(text: str, spans: list[tuple[int, int]] | SpanIndex, start: int, end: int, line_start: int,
            line_end: int, designators: frozenset[str] = frozenset()) -> bool:
    """A span of `spans` on the same line is joined to text[start:end] by a list joiner alone, and the run is a
    whole list item: "Lakeport, Ana Ruiz said" is no list of places; the last item may be followed by the list's
    administrative noun ("X and Y districts")."""
    index = spans if isinstance(spans, SpanIndex) else SpanIndex(spans)
    noun = re.match(r"[ \t]+([^\W\d_]+)", text[end:end + 30]) if designators else None
    item_end = ITEM_END.match(text, end) or (noun is not None and noun.group(1).islower()
                                              and noun.group(1) in designators)
    return any(JOINER.fullmatch(text[e:start]) and item_end
               for _, e in index.ending_in(line_start, start)) \
        or any(JOINER.fullmatch(text[end:s]) and ITEM_START.search(text, line_start, start)
               for s, _ in index.starting_in(end, line_end))


# "Gedo region (X, Y)", "Wali-kandow (X)": the places of an area written in brackets after it
_BRACKET_AFTER = re.compile(r"[ \t]*(?:([^\W\d_]+)[ \t]*)?\([ \t]*")


def _in_brackets_after(text: str, places: list[tuple[int, int]] | SpanIndex, start: int, end: int, line_start: int,
                       designators: frozenset[str]) -> bool:
    """The run is the first item in brackets right after a place, or after a place and its administrative noun
    ("Gedo region (X, Y)"), and the item ends at a joiner or the closing bracket; later items join the first one
    as a list does."""
    index = places if isinstance(places, SpanIndex) else SpanIndex(places)
    if not re.match(r"[ \t]*(?:[,;/)]|\band\b|\bet\b|\by\b)", text[end:end + 8]):
        return False
    for _, e in index.ending_in(line_start, start):
        hit = _BRACKET_AFTER.fullmatch(text, e, start)
        if hit is not None and (hit.group(1) is None or hit.group(1).lower() in designators):
            return True
    return False


def place_features(start: int, end: int, words: list[str], text: str, places: list[tuple[int, int]] | SpanIndex,
                   persons: list[tuple[int, int]] | SpanIndex, about: set[str], location_parts: set[str], people: set[str], lang: str,
                   known_places: frozenset[str] = frozenset(), ev: PlaceEvidence | None = None, local: LocalPlaces | None = None) -> dict[str, float]:
    """The evidence that the capitalised run text[start:end] is a place.

    places, persons: (start, end) of the document's PLACE and PERSON mentions (or a SpanIndex of them).  about: its countries (ISO codes).
    location_parts: the comma parts of the meeting's location field.  people: names the document gives people.
    known_places: catalogued place names the gazetteer holds back without context ("Pale", a word as well as a town).
    RETURNS: feature name -> value (PLACE_FEATURES).
    """
    ev, local = ev or place_evidence(), local or local_list.local_places_list()  # looked up here: tests swap it
    lex, cues = lexicons(), entity_words()
    name = text[start:end]
    prev, prev2 = _word_before(text, start)
    lower_prev = prev is not None and prev.islower()
    prep = lower_prev and prev in cues.place_prepositions
    weak = prep and prev in ev.weak
    nxt = re.match(r"[ \t]*(\w+)", text[end:end + 30])
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    known_local = local.by_name.get(name)
    opens = len(words) > 1 and words[0].lower() in ev.before  # "Barangay X", "UC X Y": the noun opens the run
    is_local = (known_local is not None and bool(known_local.countries & about)) or name in known_places
    found = {
        "preposition": float(prep and not weak),
        "weak_preposition": float(weak),
        "movement": float(weak and _moved(text, start, ev.movement)),
        # an administrative noun after the name, or closing it ("Westchester County", which the model read whole)
        "designator_after": float((nxt is not None and nxt.group(1).lower() in cues.place_designators
                                   and not nxt.group(1).isupper())
                                  or (len(words) > 1 and words[-1].lower() in cues.place_designators)
                                  or _list_before_designator(text, end, cues.place_designators)),
        "list_with_place": float(_joined(text, places, start, end, line_start, line_end, cues.place_designators)),
        "bracket_after_place": float(_in_brackets_after(text, places, start, end, line_start, cues.place_designators)),
        "location_field": float(name in location_parts),
        "about_country": float(bool(about & response_countries())),
        "local_name": float(is_local),
        "geo_word": float(any(w.lower().rstrip(".") in ev.geo for w in (words[0], words[-1]))),
        # an administrative or settlement noun before the name ("tehsil X", "villages de X"), or opening it ("Barangay X")
        "designator_before": float(designator_start(text, start, ev) is not None or opens),
    }
    if ev.best(found) <= ev.threshold:
        return found  # most capitalised runs: not even the evidence still to weigh could make a place of them
    after = re.match(r"[ \t]+([a-zà-ÿ]+)\b", text[end:end + 30])
    # a name modifies the noun after it only where modifiers come first ("Vantor backups"); in French or Spanish
    # the word after a name is the sentence's verb or a new phrase ("installés à X attendent")
    content_after = lang in ev.modifiers_first and after is not None and after.group(1) not in cues.place_designators \
        and max(word_zipf(after.group(1), lang), word_zipf(after.group(1), "en")) < ev.function_zipf
    low = [w.lower() for w in words]

    def common(w: str) -> bool:
        return w in lex["common"] or max(word_zipf(w, lang), word_zipf(w, "en")) >= ev.everyday_zipf

    # One everyday word is no name ("Authorizing"); a name of several words may hold some ("Mong Saw").
    everyday = common(low[0]) or low[0] in lex["dictionary"] if len(low) == 1 else all(common(w) for w in low)
    # A listed name that is an everyday word of the document's own language other than English ("Réunion" in French
    # minutes) is held back like any word: the lists are English-minded, a listing does not make it a name there.
    native = lang != "en" and len(low) == 1 and word_zipf(low[0], lang) >= ev.everyday_zipf
    calendar = set(lex["dates"]["words"])
    all_caps = all(w.isupper() and len(w) >= 4 for w in words[opens:])  # "KORVAL"; not a code ("WFP")
    return found | {
        "given_first": float(words[0] in lex["given_names"]),
        "everyday_word": float(everyday and (not is_local or native)),
        "org_word": float(any(w in cues.org_heads or w in cues.lone_forms for w in low)),
        "product": float(name.lower() in lex["not_org"] or any(w in lex["not_org"] for w in low)),
        "calendar_word": float(any(w.rstrip(".") in calendar for w in low)),
        # "IDPs", "UNICEFoffice"; a hyphen part of one capital is an abbreviation ("Dir-L": Dir Lower); a name
        # wholly in capitals ("KORVAL", a heading's or a table's way of writing) weighs less
        "capitals": float(any(sum(c.isupper() for c in part) > 1 for w in words[opens:] for part in w.split("-"))
                          and not all_caps),
        "all_capitals": float(all_caps),
        "person_elsewhere": float(name in people),
        "street_word": float(any(w in lex["streets"] for w in low[1:])),
        "list_with_person": float(_joined(text, persons, start, end, line_start, line_end)),
        "phrasal_verb": float(prep and prev2 is not None and f"{prev2.lower()} {prev}" in ev.phrasal),
        "word_after": float(content_after),
        "listed_elsewhere": float(known_local is not None and not known_local.countries & about),
    }


def _countries_of_places(mentions: list[Mention], countries: dict[str, str], kinds: dict[str, str]) -> set[str]:
    """Countries two or more of whose catalogued places the document names, whatever found them: a venue field
    or a list can be the only place a meeting names its town."""
    ids: dict[str, set[str]] = {}
    for m in mentions:
        home = countries.get(m.entity_id or "") if m.label == "PLACE" else None
        if home and kinds.get(m.entity_id) != "country":
            ids.setdefault(home, set()).add(m.entity_id)
    return {cc for cc, found in ids.items() if len(found) >= MIN_PLACES}


def context_places(mentions: list[Mention], about: set[str], seg: Segmented, b, lang: str,
                   countries: dict[str, str] | None = None, kinds: dict[str, str] | None = None,
                   ev: PlaceEvidence | None = None, local: LocalPlaces | None = None) -> list[Mention]:
    """Add the unlisted places the context vouches for; each replaces the model PERSON/ORG spans inside it.

    mentions: the document's mentions so far.  about: its countries (local.document_countries).
    seg: its segmentation (location field, participants).  b: the stage's mention builder.  lang: its language.
    RETURNS: the mentions with the places added.
    """
    ev = ev or place_evidence()
    text = b.doc.text
    location = seg.header.location or ""
    location_parts = {p.strip() for p in re.split(r"[,;/]", location) if p.strip()}
    people = {p.name for p in seg.participants if p.kind == "person" and p.name} \
        | {m.text for m in mentions if m.label == "PERSON" and m.source != "model"}
    # a word inside a listed person's name is part of the name (as places_in_names reads listed towns)
    named = _name_spans(seg, text)
    out = list(mentions)
    runs = [(s, e, w) for s, e, w in _runs(text) if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in named)]
    for _ in range(PASSES):
        places = SpanIndex([(m.start_char, m.end_char) for m in out if m.label == "PLACE"])
        # one word the model alone calls a person is no evidence against its neighbour ("de Tabarey et Inwelane")
        persons = SpanIndex([(m.start_char, m.end_char) for m in out if m.label == "PERSON"
                             and (m.source != "model" or " " in m.text.strip())])
        here = set(about) | _countries_of_places(out, countries or {}, kinds or {})
        added = []
        for start, end, words in runs:
            if any(w.endswith(("'s", "’s")) for w in words):
                continue  # "Mark's": a person's, not a place
            name = text[start:end]
            known = frozenset([name]) if entity_key("PLACE", name) in b.known else frozenset()
            features = place_features(start, end, words, text, places, persons, here, location_parts, people, lang, known,
                                      ev, local)
            if ev.score(features) <= ev.threshold:
                continue
            over = [m for m in out if m.start_char < end and start < m.end_char]
            # the model's span may hold the noun written before the name ("tehsil X" as a person): the place is X
            lo = designator_start(text, start, ev) if features.get("designator_before") else None
            # a capitals rule's guess at a body ("KORVAL" as an ORG) is replaceable like the model's
            if any((m.source != "model" and not (m.source == "rule" and m.label == "ORG" and features.get("all_capitals")))
                   or m.label not in REPLACEABLE or m.start_char < (start if lo is None else lo)
                   or m.end_char > end for m in over):
                continue
            m = b.mention(start, end, "PLACE", "rule")
            if m is not None:
                out = [x for x in out if x not in over] + [m]
                added.append(m)
        if not added:
            break
    return out


def _name_spans(seg: Segmented, text: str) -> list[tuple[int, int]]:
    """Where the attendance list writes each person's name of two words or more."""
    return [(at, at + len(p.name)) for p in seg.participants if p.kind == "person" and len(p.name.split()) > 1
            for at in [text.find(p.name, p.start_char, p.end_char)] if at >= 0]


def places_in_names(mentions: list[Mention], seg: Segmented, b, kinds: dict[str, str] | None = None) -> list[Mention]:
    """A listed town inside a person's name is part of the name: the attendance list says "Irina Lakeport",
    "Tavora Lin", so neither "Lakeport" nor "Tavora" is a place there; nor is a town written right beside a
    person the model found on the same line ("Tavora" + "Lin"). Countries and states stay places
    ("Ana Peru" is rarer than "Lima, Peru"); the freed name becomes a PERSON.

    mentions: the document's mentions.  seg: its segmentation (participants).  b: the stage's mention builder.
    kinds: place entity_id -> kind ("country", "subdivision", "city"...).
    RETURNS: the mentions without those places.
    """
    kinds = kinds or {}
    text = b.doc.text
    names = _name_spans(seg, text)
    persons = [(m.start_char, m.end_char) for m in mentions if m.label == "PERSON"]

    def beside_person(m: Mention) -> bool:
        return any((e < m.start_char and text[e:m.start_char] == " ") or (m.end_char < s and text[m.end_char:s] == " ")
                   for s, e in persons)

    out, freed = [], []
    for m in mentions:
        if m.label == "PLACE" and kinds.get(m.entity_id or "") not in ("country", "subdivision", "mm_state"):
            inside = [(s, e) for s, e in names if s <= m.start_char and m.end_char <= e and (s, e) != (m.start_char, m.end_char)]
            if inside or beside_person(m):
                freed += inside
                continue
        out.append(m)
    for s, e in set(freed):
        if not any(m.start_char < e and s < m.end_char for m in out):
            person = b.mention(s, e, "PERSON", "participant")
            if person is not None:
                out.append(person)
    return out


def named_things(mentions: list[Mention], about: set[str], b, lang: str, ev: PlaceEvidence | None = None) -> list[Mention]:
    """A name of several words that the model alone read as a place, and that ends in an everyday word other than a
    place's ("Kelby Sidewalk Project", "Norrow Data Vault", "Kelby County Comprehensive"), names a thing named after
    a place (a project, a product, a plan cut mid-title), or a facility: no place, outside minutes about a country
    where clusters work, whose villages may end in anything ("Mong Saw"); there, only a name made wholly of everyday
    words and given names, listed nowhere ("Sacred Gita", "El Bruno" read as places), is dropped. A place's own last
    words stay places:
    administrative nouns, compass words, natural features and town areas ("Brenmoor Hills", "Tolver Square"),
    and so do names that open with one ("Région du Centre", "Lake Orrin") and catalogued places in any case ("NEW YORK").

    mentions: the document's mentions.  about: its countries (local.document_countries).
    b: the stage's mention builder (b.known: the catalog's entity keys).  lang: its language.
    RETURNS: the mentions without those places.
    """
    response = bool(about & response_countries())
    ev, lex, cues = ev or place_evidence(), lexicons(), entity_words()
    place_words = cues.place_designators | cues.place_before | {w.lower() for w in cues.place_after} | ev.geo | ev.areas
    local = local_list.local_places_list() if response else None

    def everyday(w: str) -> bool:
        return w in lex["common"] or max(word_zipf(w, "en"), word_zipf(w, lang)) >= ev.everyday_zipf

    def thing(m: Mention) -> bool:
        words = [w.strip(".,;:()").lower() for w in m.text.split()]
        if m.source != "model" or m.label != "PLACE" or len(words) < 2 or not words[-1].isalpha() \
                or entity_key("PLACE", m.text.title()) in b.known:
            return False
        if response:  # villages may end in any word: only a name wholly of everyday words and given names
            return m.text not in local.by_name and not any(w in place_words or w in lex["streets"] for w in words) \
                and all(everyday(w) or w.title() in lex["given_names"] for w in words)
        if words[0] in place_words or words[-1] in place_words or words[-1] in lex["streets"]:
            return False
        return everyday(words[-1])

    return [m for m in mentions if not thing(m)]
