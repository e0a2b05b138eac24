"""The entities stage: one document's blocks through the pipeline, then document-level acronym linking."""
from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from functools import lru_cache
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import Settings
from pipeline.dates import DateContext, DateSpan, calendar, guess_date_order, resolve_date
from pipeline.entities.acronyms import LINKERS, find_definitions, is_short_form, names_a_thing
from pipeline.entities.gazetteer import country_variant, lexicons
from pipeline.entities.bodies import local_governments
from pipeline.entities.legal import with_company_names
from pipeline.entities.local import document_countries, local_places, local_places_list, misspelt_places
from pipeline.entities.minutes_words import acronym_shaped, pieces_without_page_words
from pipeline.entities.nlp import pipeline_for
from pipeline.entities.place_evidence import context_places, named_things, places_in_names
from pipeline.entities.words import entity_words
from pipeline.language import detect_language
from pipeline.markup import ADDRESS
from pipeline.model import CatalogEntry, Document, Mention, Segmented, entity_key

CHUNK_CHARS = 20_000  # blocks longer than this are fed in pieces cut at line or sentence ends
BATCH_CHARS = 100_000  # characters per nlp.pipe batch: bounds the tagger's memory on huge documents
DATE_LABELS = {"DATE", "TIME"}


def _pieces(text: str, offset: int) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of at most CHUNK_CHARS, cut after a newline or a full stop when possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        yield offset + start, text[start:end]
        start = end


def _units(doc: Document, seg: Segmented) -> list[tuple[int, str]]:
    blocks = seg.blocks or doc.blocks
    if not blocks:
        return list(_pieces(doc.text, 0))
    return [p for b in blocks if b.text.strip() for p in _pieces(b.text, b.start_char)]


def document_language(doc: Document, seg: Segmented, languages: tuple[str, ...] = ("en",)) -> str:
    """The header's language when segment set it, else the same langid guess segment makes."""
    return seg.header.language or detect_language(doc.text, languages)


def date_norm(span: DateSpan) -> str:
    """ISO text for a resolved date: 2017-12-06, 2017-W49, 2017-12, 2017-Q3, 2017, or an interval start/end."""
    s, e, g = span.start, span.end, span.granularity
    if g == "day" and s == e:
        return s.isoformat()
    if g == "week" and (e - s).days == 6 and s.weekday() == 0:
        y, w, _ = s.isocalendar()
        return f"{y}-W{w:02d}"
    if g == "month" and s.day == 1 and (e.month == s.month and e.year == s.year) and (e.replace(day=28) < e or e.day >= 28):
        return f"{s.year}-{s.month:02d}"
    if g == "quarter" and s.month in (1, 4, 7, 10) and (e.month - s.month) == 2:
        return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if g == "year" and s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year:
        return str(s.year)
    return f"{s.isoformat()}/{e.isoformat()}"


def clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t.,;:()[]\"'")
    text = re.sub(r"^(the|The|THE)\s+", "", text)
    return re.sub(r"['’]s$", "", text)


def _initials(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    content = [w for w in words if w.lower() not in LINKERS]
    if len(content) < 2:
        return set()
    out = {"".join(w[0] for w in content), "".join(w[0] for w in words if w[:1].isalpha())}
    return {x.upper() for x in out if len(x) >= 2}


class _Builder:
    """Collects mentions for one document, with the catalog to name them."""

    def __init__(self, doc: Document, seg: Segmented, known: dict[str, CatalogEntry], lang: str):
        self.doc, self.seg, self.known, self.lang = doc, seg, known, lang
        base = seg.header.meeting_date
        langs = tuple(dict.fromkeys([lang, "en"]))
        self.ctx = DateContext(languages=langs, date_order=guess_date_order(doc.text),
                               relative_base=datetime.combine(base, datetime.min.time()) if base else None)
        self.sections = sorted(seg.sections, key=lambda s: (s.end_char - s.start_char))

    def section(self, start: int, end: int) -> int | None:
        for s in self.sections:  # innermost first
            if s.start_char <= start and end <= s.end_char:
                return s.ordinal
        return None

    def mention(self, start: int, end: int, label: str, source: str, eid: str | None = None,
                norm: str | None = None) -> Mention | None:
        text = self.doc.text[start:end]
        if not text.strip():
            return None
        kw: dict = {}
        if label == "DATE":
            span = resolve_date(text, self.seg.header.meeting_date, self.ctx)
            if span is not None:
                kw = {"date_start": span.start, "date_end": span.end, "granularity": span.granularity}
                norm = date_norm(span)
            return Mention(start, end, text, label, norm or clean_name(text), None, source,
                           self.section(start, end), **kw)
        if label == "TIME":
            return Mention(start, end, text, label, clean_name(text), None, source, self.section(start, end))
        entry = self.known.get(eid) if eid else None
        name = entry.name if entry else (norm or clean_name(text))
        if entry and entry.label != label:
            label = entry.label
        return Mention(start, end, text, label, name, entry.entity_id if entry else entity_key(label, name), source,
                       self.section(start, end))


# Link targets, bare URLs and markdown emphasis carry no entities but confuse the tagger; they are blanked
# with spaces of the same length, so every offset still points into doc.text.
MASK = re.compile(rf"\]{ADDRESS}|(?:https?://|www\.)\S+|\*\*|__|`+|(?<!\w)#+(?=\s)")


def mask(text: str) -> str:
    return MASK.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 1) if m.group(0).startswith("]") else " " * len(m.group(0)), text)


@dataclass(frozen=True)
class _Tagged:
    """What the entities stage reads from one tagged unit: its entities and its short-form gazetteer spans,
    as (start_char, end_char, label, kb_id, id) within the unit."""

    ents: tuple[tuple[int, int, str, str, str], ...]
    short_forms: tuple[tuple[int, int, str], ...]


def _tagged(sdoc) -> _Tagged:
    return _Tagged(tuple((e.start_char, e.end_char, e.label_, e.kb_id_, e.id_) for e in sdoc.ents),
                   tuple((s.start_char, s.end_char, s.id_) for s in sdoc.spans.get("gazetteer", [])
                         if s.label_ == "ORG_SHORT"))


# Minutes repeat whole blocks (standing agenda items, attendance rows, action tables restated in the next meeting):
# a block's tags depend on its text alone, so each pipeline keeps the tags of the texts it saw last.
TAG_CACHE_SIZE = 8_000
_TAG_CACHE: WeakKeyDictionary[Language, dict[tuple[str, ...], OrderedDict[str, _Tagged]]] = WeakKeyDictionary()


def _ents_from_blocks(units: list[tuple[int, str]], nlp: Language,
                      keep: dict[str, Doc] | None = None) -> Iterator[tuple[int, _Tagged]]:
    cache = _TAG_CACHE.setdefault(nlp, {}).setdefault(tuple(nlp.pipe_names), OrderedDict())
    for batch in _batches(units):
        texts = [mask(t) for _, t in batch]
        todo = list(dict.fromkeys(t for t in texts if t not in cache))
        fresh = {}
        for text, sdoc in zip(todo, nlp.pipe(todo, batch_size=max(1, len(todo))) if todo else ()):
            fresh[text] = _tagged(sdoc)
            if keep is not None:
                keep[text] = sdoc
        for (offset, _), text in zip(batch, texts):
            tagged = fresh[text] if text in fresh else cache[text]
            cache[text] = tagged
            cache.move_to_end(text)
            yield offset, tagged
        while len(cache) > TAG_CACHE_SIZE:
            cache.popitem(last=False)


def _batches(units: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Runs of units of at most BATCH_CHARS characters (many short blocks, or one long piece)."""
    batch: list[tuple[int, str]] = []
    size = 0
    for unit in units:
        if batch and size + len(unit[1]) > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(unit)
        size += len(unit[1])
    if batch:
        yield batch


def tag_entities(doc: Document, seg: Segmented, *, nlp: Language, settings: Settings,
                 encoded: dict[str, Doc] | None = None) -> tuple[Mention, ...]:
    """Mentions of organisations, places, dates, persons and times, with offsets into doc.text.

    Blocks go through nlp.pipe; then acronyms defined anywhere in the document ("Blue River
    Alliance (BRA)", "BRA (Blue River Alliance)") and short forms of names found (GV after Green Valley Trust) link
    every occurrence to one entity. encoded: when given, filled with (tagged text -> its spaCy Doc) for the texts
    `nlp` itself tagged, so that the action stage parses them without encoding them again.
    """
    lang = document_language(doc, seg, settings.languages)
    # French minutes get the French model; a language without a model of its own keeps only the English
    # model's dates (gazetteers and rules still run).
    routed = pipeline_for(nlp, lang)
    if routed is not nlp:
        encoded = None  # another model's Docs: nothing the English parse can reuse
    nlp = routed
    known: dict[str, CatalogEntry] = nlp.get_pipe("minutes_entity_resolver").catalog
    b = _Builder(doc, seg, known, lang)
    mentions: list[Mention] = []
    short_forms: list[tuple[int, int, str]] = []
    for offset, tagged in _ents_from_blocks(_units(doc, seg), nlp, encoded):
        for start, end, label, kb_id, eid in tagged.ents:
            source = kb_id or "model"
            if source == "model" and lang != nlp.lang and label not in DATE_LABELS:
                continue
            m = b.mention(offset + start, offset + end, label, source, eid or None)
            if m:
                mentions.append(m)
        short_forms += [(offset + start, offset + end, eid) for start, end, eid in tagged.short_forms]
    mentions = _foreign_months(mentions, lang)
    mentions = _people_first(mentions, seg, doc.text)
    mentions = _drop_countable_acronyms(mentions, doc.text)
    mentions = _determiner_phrases(mentions)
    mentions = _header_label_tails(mentions, b)
    mentions = _page_words_in_orgs(mentions, b)
    mentions = _acronyms_of_named_bodies(mentions, b)
    mentions = _link_acronyms(doc, b, mentions, short_forms)
    mentions = _acronyms_opening_names(mentions, b)
    mentions = _speaker_initials(mentions, doc.text)
    mentions = _affiliations(mentions, seg, b)
    mentions = _organisation_lists(mentions, b)
    mentions = _role_slash_org(mentions, b)
    mentions = _spelling_variants(mentions, b)
    mentions = _hyphen_compounds(mentions, b)
    mentions = with_company_names(mentions, doc.text, lambda s, e: b.mention(s, e, "ORG", "rule", _known_id(b, doc.text[s:e])),
                                  _stop_words())
    mentions = _location_cells(mentions, seg, b)
    resolver = nlp.get_pipe("minutes_entity_resolver")
    rx, codes = resolver.country_names
    named = {codes[hit.group(0)] for hit in rx.finditer(doc.text)}
    about = document_countries(mentions, named, resolver.countries, resolver.kinds, doc.text)
    mentions = local_places(mentions, about, b)
    people = {w for p in seg.participants if p.kind == "person" for w in p.name.split()}
    mentions = misspelt_places(mentions, about, b, resolver.countries, people)
    mentions = _glued_place_names(mentions, b, about)
    mentions = _one_sense_for_places(mentions)
    mentions = _places_written_as_words(mentions, doc.text)
    mentions = places_in_names(mentions, seg, b, resolver.kinds)
    mentions = context_places(mentions, about, seg, b, lang, resolver.countries, resolver.kinds)
    mentions = named_things(mentions, about, b, lang)
    mentions = _in_document_countries(mentions, b, about, named, resolver.countries, resolver.kinds)
    mentions = _given_names_of_people(mentions, seg, b, resolver.kinds)
    mentions = local_governments(mentions, doc.text, lambda s, e: b.mention(s, e, "ORG", "rule", _known_id(b, doc.text[s:e])))
    mentions = _places_of_coordination_bodies(mentions, b)
    return tuple(sorted(set(mentions), key=lambda m: (m.start_char, m.end_char, m.label)))


def _one_sense_for_places(mentions: list[Mention]) -> list[Mention]:
    """A name the document's lists or rules show as a place elsewhere in it is that place wherever the model
    alone calls it an organisation ("on Velmo Island ... throughout Velmo"): one name, one sense per document."""
    places = {}
    for m in mentions:
        if m.label == "PLACE" and m.source != "model":
            places.setdefault(m.text, m)
    return [replace(m, label="PLACE", norm=places[m.text].norm, entity_id=places[m.text].entity_id)
            if m.label == "ORG" and m.source == "model" and m.text in places else m for m in mentions]


def _folded(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


WORD_EDGES = ".,;:!?()[]«»\"'“”‘’"
MIN_WORD_SENSE = 3  # shorter pieces ("N" of "N’Djamena") are no words to read a name as


def _places_written_as_words(mentions: list[Mention], text: str) -> list[Mention]:
    """A place name the same document also writes as a lower-case word is that word where it is capitalised too:
    "Réunion" heading French minutes that speak of "la réunion" is the meeting, not the island. Accents are
    ignored ("Reunion" / "réunion"), and so are stop words around the name ("LA RÉUNION"); a place in lists
    or rules elsewhere keeps its other mentions."""
    words_alone = (w.strip(WORD_EDGES) for w in text.split())  # not the "ndjamena" of an address or a link
    lower = {_folded(w) for w in words_alone if w.isalpha() and w.islower()}
    stop = _stop_words()

    def a_word(m: Mention) -> bool:
        words = [_folded(w) for w in re.findall(r"[^\W\d_]+", m.text)]
        content = [w for w in words if w not in stop and len(w) >= MIN_WORD_SENSE]
        return m.label == "PLACE" and bool(content) and all(w in lower for w in content)

    return [m for m in mentions if not a_word(m)]


GLUED_NAME = re.compile(r"(?<![\w@#/.-])[A-Z][a-zà-ÿ]{2,}(?:[A-Z][a-zà-ÿ]{2,})+(?![\w@/-])")


def _glued_place_names(mentions: list[Mention], b: _Builder, about: set[str]) -> list[Mention]:
    """A known place of several words written without its spaces ("SouthPort", "DeraBugti" for Dera Bugti)
    is that place: lists typed in a hurry glue the words, and the model reads the one token as a body or a
    person. The words are split at each capital; the place is a gazetteer place, or a local one of the
    document's countries."""
    by_name = _names_index(b.known)
    local = local_places_list() if about else None
    out = list(mentions)
    for hit in GLUED_NAME.finditer(b.doc.text):
        spaced = re.sub(r"(?<=[a-zà-ÿ])(?=[A-Z])", " ", hit.group(0))
        entry = by_name.get(spaced.lower())
        place = local.by_name.get(spaced) if local is not None else None
        if (entry is None or entry.label != "PLACE") and (place is None or not place.countries & about
                                                          or place.needs_cue):
            continue
        over = [m for m in out if m.start_char < hit.end() and hit.start() < m.end_char]
        if any(m.source not in ("model", "rule") or (m.start_char, m.end_char) != hit.span() for m in over):
            continue
        if entry is not None and entry.label == "PLACE":
            m = b.mention(hit.start(), hit.end(), "PLACE", "gazetteer", entry.entity_id, norm=entry.name)
        else:
            m = b.mention(hit.start(), hit.end(), "PLACE", "gazetteer", place.entity_id(about), norm=place.name)
        if m is not None:
            out = [x for x in out if x not in over] + [m]
    return out


PLACE_KINDS_KEPT = {"country", "subdivision", "mm_state"}  # "Ana Peru" is rarer than "Lima, Peru"


def _given_names_of_people(mentions: list[Mention], seg: Segmented, b: _Builder, kinds: dict[str, str]) -> list[Mention]:
    """A one-word town that is a given name, in a document that names a person with that first name ("Observers:
    Dana Lorne" ... "Dana: my first week"), is that person: lists of towns hold many given names, and notes of
    meetings call people by their first name once they have named them in full. Countries and regions stay."""
    given = lexicons()["given_names"]
    # any word of a listed full name: lists in capitals ("LIM KAI MARLON") put the given name anywhere
    firsts = {w.casefold() for p in _full_names(seg) for w in p.name.split()} \
        | {m.text.split()[0].casefold() for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    out = []
    for m in mentions:
        if m.label == "PLACE" and " " not in m.text and m.text.casefold() in firsts and m.text in given \
                and kinds.get(m.entity_id or "") not in PLACE_KINDS_KEPT:
            person = b.mention(m.start_char, m.end_char, "PERSON", m.source)
            if person is not None:
                out.append(person)
            continue
        out.append(m)
    return out


# A location column's cell lists places: "Kouré, Dalam / Zango".
LOCATION_PIECE = re.compile(r"[^,;/&\n]+")


def _location_cells(mentions: list[Mention], seg: Segmented, b: _Builder) -> list[Mention]:
    """Each place a table's location column names, as PLACE where nothing else was found there.

    The column's header says what its cells hold, so a village no gazetteer knows is still a place; a piece of
    more than four words or without a capital is a note, not a name; the model's person or organisation guess
    in such a cell gives way, a gazetteer's or a rule's does not.
    """
    # the header row names the column ("Location"), not a place
    cells = [blk for blk in seg.blocks if blk.column_role == "location" and blk.kind == "table_cell"
             and blk.row and blk.text.strip() != (blk.column_header or "").strip()]
    if not cells:
        return mentions
    # the model's guess of a person or an organisation in a location cell ("Garin" as a surname) gives way
    inside = lambda m: any(c.start_char <= m.start_char and m.end_char <= c.end_char for c in cells)  # noqa: E731
    out = [m for m in mentions if not (m.source == "model" and m.label in ("PERSON", "ORG") and inside(m))]
    taken = [(m.start_char, m.end_char) for m in out]
    for blk in cells:
        for hit in LOCATION_PIECE.finditer(b.doc.text, blk.start_char, blk.end_char):
            piece = hit.group(0)
            start = hit.start() + len(piece) - len(piece.lstrip())
            end = hit.end() - (len(piece) - len(piece.rstrip()))
            words = b.doc.text[start:end].split()
            if not words or len(words) > 4 or not words[0][:1].isupper():
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            m = b.mention(start, end, "PLACE", "rule")
            if m:
                out.append(m)
    return out


def _foreign_months(mentions: list[Mention], lang: str) -> list[Mention]:
    """A lone month name of another language than the document's (or English) is a word of a name: "Mai" in
    "Jan Mai Kawng" or "Marzo" in a Spanish surname, in English minutes, is no date."""
    known = calendar().month_languages
    ours = {lang, "en"}

    def foreign(m: Mention) -> bool:
        word = m.text.strip().lower().rstrip(".")
        return m.label == "DATE" and " " not in m.text.strip() and word in known and not known[word] & ours

    return [m for m in mentions if not foreign(m)]


def _family_words(text: str) -> bool:
    """One or two capitalised words that are not dictionary words, organisation heads or products ("Petrescu")."""
    lex = lexicons()
    words = text.split()
    return 0 < len(words) <= 2 and all(
        w.replace("-", "").isalpha() and w[:1].isupper() and not w.isupper() and w.lower() not in lex["dictionary"]
        and w.lower() not in entity_words().org_heads and w.lower() not in lex["not_org"] for w in words)


def _after_name(text: str, start: int, person_ends: set[int]) -> bool:
    """True when only spaces and one line break separate `start` from a person or a given name before it:
    table cells and PDF lines wrap names ("Radmila\nPetrescu"), and each block is tagged on its own."""
    before = text[max(0, start - 200):start]
    stripped = before.rstrip()
    gap = before[len(stripped):]
    if not gap or gap.count("\n") > 1:
        return False
    if start - len(gap) in person_ends:
        return True
    given = lexicons()["given_names"]
    last = re.search(r"(?:(\w+)[ \t]+)?(\w+)$", stripped)  # "Radmila", or "Leontina Petrescu" before "Ostrowe"
    if last is None:
        return False
    first, word = last.groups()
    return (word.istitle() and word in given) or (first is not None and first.istitle() and first in given
                                                  and _family_words(word))


def _spacy_stop_words(lang: str) -> set[str]:
    """spaCy's stop words of one language, read from its stop_words module alone: importing
    spacy.lang.fr.stop_words the usual way runs the package's __init__, which spends seconds building the
    French tokenizer exceptions a worker never needs unless a French document arrives."""
    import importlib.util

    import spacy

    path = Path(spacy.__file__).parent / "lang" / lang / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_minutes_stop_words_{lang}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return set(module.STOP_WORDS)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(set().union(*(_spacy_stop_words(lang) for lang in ("en", "es", "fr"))))


HEADER_LABEL_KINDS = ("meeting_date", "meeting_time", "location", "chair", "participants", "apologies", "title",
                      "next_meeting")
SPACED_DASH = re.compile(r"[ \t]+[-–—][ \t]+")


@lru_cache(maxsize=1)
def _header_labels() -> frozenset[str]:
    """Lower-case header labels of every language ("date", "venue", "lieu", "fecha"), read from the one list
    segment reads them from (models/segment/labels.json, through segment's own loader)."""
    from pipeline.segment.labels import load_labels

    fields = load_labels().fields
    return frozenset(w.lower() for kind in HEADER_LABEL_KINDS for w in fields.get(kind, ()))


def _header_label_tails(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """A page printed on one line runs each header field into the next ("Location: Kessa Town - Velmo Date:
    Monday"): a name the model read up to the next field's label stops before the label, and a place written
    as town - province is two places."""
    text, labels, out = b.doc.text, _header_labels(), []
    for m in mentions:
        words = m.text.split()
        if m.source != "model" or m.label not in ("ORG", "PLACE", "PERSON") or len(words) < 2 \
                or not re.match(r"[ \t]*:", text[m.end_char:m.end_char + 3]):
            out.append(m)
            continue
        cut = next((n for n in (2, 1) if len(words) > n and " ".join(words[-n:]).lower() in labels), 0)
        if not cut:
            out.append(m)
            continue
        end = m.start_char + len(m.text.rstrip()) - len(" ".join(words[-cut:]))
        end = m.start_char + len(text[m.start_char:end].rstrip(" \t-–—,;"))
        parts = [(m.start_char, end)]
        if m.label == "PLACE":
            parts, pos = [], m.start_char
            for hit in list(SPACED_DASH.finditer(text, m.start_char, end)) + [None]:
                parts.append((pos, hit.start() if hit else end))
                pos = hit.end() if hit else end
        for s, e in parts:
            new = b.mention(s, e, m.label, "model") if e > s else None
            if new is not None:
                out.append(new)
    return out


def _page_words_in_orgs(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """An organisation the model or a rule read across a word of the page itself ("Updates / Kessa WASH Cluster",
    "ORDRE DU JOUR", "Velmo Time") keeps only its pieces that still name something (minutes_words): a piece the
    catalog knows as a place becomes that place, a lone word that is no acronym is dropped."""
    heads, text, out = entity_words().org_heads, b.doc.text, []
    for m in mentions:
        pieces = pieces_without_page_words(m.text, heads) if m.label == "ORG" and m.source in ("model", "rule") else None
        if pieces is None:
            out.append(m)
            continue
        for s, e in pieces:
            s, e = m.start_char + s, m.start_char + e
            name = clean_name(text[s:e])
            place = entity_key("PLACE", name)
            if place in b.known:
                new = b.mention(s, e, "PLACE", "gazetteer", place)
            elif " " in name or acronym_shaped(name):
                new = b.mention(s, e, "ORG", m.source, _known_id(b, name))
            else:
                new = None
            if new is not None:
                out.append(new)
    return out


def _places_of_coordination_bodies(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """A cluster, working group or government named after its place ("Shelter Cluster Freedonia", "Lakeport Regional
    Health Cluster", "Velmo State Government") names that place too: the catalogued place that opens or closes the
    body's name is also a PLACE mention, over the same characters. An agency with a country in its name ("Care
    Freedonia") is no coordination body and names no place."""
    body = entity_words().place_naming_body
    added = []
    for m in mentions:
        if m.label != "ORG" or not body.search(m.text.lower()):
            continue
        words = list(re.finditer(r"[^\s,;:()]+", m.text))
        for n in (3, 2, 1):
            for run in ([words[:n]] if len(words) > n else []) + ([words[-n:]] if len(words) > n else []):
                s, e = m.start_char + run[0].start(), m.start_char + run[-1].end()
                eid = entity_key("PLACE", clean_name(b.doc.text[s:e]))
                entry = b.known.get(eid)
                if entry is not None and entry.label == "PLACE" and not any(a.start_char < e and s < a.end_char for a in added):
                    new = b.mention(s, e, "PLACE", "gazetteer", eid)
                    if new is not None:
                        added.append(new)
    have = {(m.start_char, m.end_char, m.label) for m in mentions}
    return mentions + [a for a in added if (a.start_char, a.end_char, a.label) not in have]


def _determiner_phrases(mentions: list[Mention]) -> list[Mention]:
    """A determiner or quantifier before a common noun names no body ("Each cluster", "All Sector", "Same working
    group", "A Holdings Corporation"): the first word is a stop word (not in capitals: "US Army") and every other
    word is lower-case or an organisation head. "First Harbour Bank" keeps its name."""
    stop, heads = _stop_words(), entity_words().org_heads

    def phrase(m: Mention) -> bool:
        words = m.text.split()
        return (m.label == "ORG" and m.source in ("rule", "model") and len(words) > 1 and words[0].lower() != "the"
                and words[0].lower() in stop and (words[0].istitle() or words[0].islower())
                and all(w.islower() or w.lower() in heads for w in words[1:]))
    return [m for m in mentions if not phrase(m)]


def _drop_countable_acronyms(mentions: list[Mention], text: str) -> list[Mention]:
    """Capitalised codes the text counts like things ("write an XRP.", "un KRX du client") are terms of the
    trade, not organisations: drop their rule and model ORG mentions across the document."""
    candidates = {m.text for m in mentions if m.label == "ORG" and m.source in ("rule", "model")
                  and re.fullmatch(r"[A-Z][A-Z0-9&]+", m.text)}
    countable = set()
    stop = _stop_words() if candidates else frozenset()
    # before a countable noun, not before a name: "an XRP so", "un KRX du" (but "a TF2 meeting" is about a meeting)
    indefinite = f"(?:{entity_words().indefinites})"  # models/gazetteers/org_words.json
    for acr in candidates:
        for hit in re.finditer(rf"(?i:\b{indefinite})\s+{re.escape(acr)}(?![\w&])\s*([^\s\w]|\w+|$)", text):
            after = hit.group(1)
            if not after[:1].isalnum() or after.lower() in stop:
                countable.add(acr)
                break
    return [m for m in mentions if not (m.label == "ORG" and m.source in ("rule", "model") and m.text in countable)]


# "- KLM: we can ship it", "**RDT**: agreed": a code in capitals opening a speaker's turn
SPEAKER_CODE = re.compile(r"(?m)^[ \t]*(?:[-*•>]+[ \t]*)?[*_]{0,2}([A-Z][A-Z0-9&]{1,7})[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]+\S")
MIN_SPEAKER_CODES = 3


def _speaker_initials(mentions: list[Mention], text: str) -> list[Mention]:
    """Codes that open speaker turns are the speakers' initials when the document has three or more of them and
    none is an organisation a list knows or the text defines: notes of calls write "KLM: ..." for a person. In
    cluster minutes, where agencies report in turn, the labels include known bodies ("UNHCR: ...") and stay."""
    labels = {hit.group(1) for hit in SPEAKER_CODE.finditer(text)}
    if len(labels) < MIN_SPEAKER_CODES:
        return mentions
    known = {m.text for m in mentions if m.label == "ORG" and m.source in ("gazetteer", "acronym")}
    if labels & known:
        return mentions
    return [m for m in mentions if not (m.label == "ORG" and m.source in ("rule", "model") and m.text in labels)]


def _acronyms_of_named_bodies(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """'TRUST Association' names a body, so a bare 'TRUST' elsewhere is that body too, even though 'trust' is a word."""
    not_acronyms = lexicons()["not_org_acronyms"]
    shorts = {}
    for m in mentions:
        hit = re.fullmatch(r"([A-Z][A-Z0-9&]{2,9}) (\w+)", m.text)
        if m.label == "ORG" and hit and hit.group(2).lower() in entity_words().org_heads and hit.group(1) not in not_acronyms:
            shorts.setdefault(hit.group(1), m)
    if not shorts:
        return mentions
    taken = sorted((m.start_char, m.end_char) for m in mentions)
    added = []
    for short in shorts:
        for hit in re.finditer(rf"(?<![\w&-]){re.escape(short)}(?![\w&]|-\w)", b.doc.text):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                m = b.mention(hit.start(), hit.end(), "ORG", "rule")
                if m:
                    added.append(m)
    return mentions + added


def _people_first(mentions: list[Mention], seg: Segmented, text: str = "") -> list[Mention]:
    """Model ORG/PLACE spans made only of words of people's names (participants, model PERSONs) are persons,
    and so are family names right after a person or a given name.

    "Oksana & Ingrid", "Radomir": the model reads lone given names as organisations or places. A family name in
    capitals ("Halima KORVEN", "Dr / Imani / VESTOLAN" in a table) is no code of a body either: the capitals rule
    takes it for one, so a capitals word the document spells as a person's name, or writes right after a given
    name, is that person.
    """
    names = {w for p in seg.participants if p.kind == "person" for w in re.findall(r"\w+", p.name)}
    persons = _full_names(seg)
    dictionary = lexicons()["dictionary"]  # "Oswin Street" as PERSON must not make "Street" a name
    spelled = {w for m in mentions if m.label == "PERSON" for w in re.findall(r"\w+", m.text)
               if w[:1].isupper() and w.lower() not in dictionary}
    # a code matches a name in any case, but only a name written in lower case somewhere ("Tobb" for "TOBB"):
    # the model also calls bare codes persons
    caps_names = {w.upper() for p in persons for w in re.findall(r"\w+", p.name)} \
        | {w.upper() for w in spelled if not w.isupper()}
    names |= spelled
    person_ends = {m.end_char for m in mentions if m.label == "PERSON"}
    out = []
    for m in mentions:
        words = re.findall(r"\w+", m.text)
        if m.label in ("ORG", "PLACE") and words and (
                (m.source == "model" and (
                    all(w in names for w in words if w.lower() != "and")
                    or (_family_words(m.text) and (_after_name(text, m.start_char, person_ends)
                                                   or entity_words().mover.search(text, max(0, m.start_char - 40), m.start_char)))))
                or (m.source in ("model", "rule") and _caps_family_name(m.text)
                    and (m.text in caps_names or _beside_given_name(text, m.start_char, m.end_char)))):
            m = Mention(m.start_char, m.end_char, m.text, "PERSON", clean_name(m.text), entity_key("PERSON", clean_name(m.text)),
                        m.source, m.section_ordinal)
        out.append(m)
    return out


def _full_names(seg: Segmented) -> list:
    """Listed people whose entry is a full name: two words or more, one of them a given name in any case. Entries
    the attendance reader takes for people can be bodies (a heading of bodies, a code alone)."""
    given = lexicons()["given_names"]
    return [p for p in seg.participants if p.kind == "person" and len(p.name.split()) > 1
            and any(w.capitalize() in given or w in given for w in p.name.split())]


def _caps_family_name(text: str) -> bool:
    """One word in capitals shaped like a family name, not like a code: three letters or more with a vowel, no
    digit, no dictionary word ("KORVEN", "OSTAVIR"; not "KRC", "WASH", "UN")."""
    low = text.lower()
    return (len(text) >= 3 and text.isupper() and bool(re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)?", text))
            and bool(re.search(r"[aeiouyàâéèêëîïôöûü]", low)) and low not in lexicons()["dictionary"]
            and low not in entity_words().org_heads and text not in lexicons()["not_org_acronyms"])


def _beside_given_name(text: str, start: int, end: int) -> bool:
    """A given name in title case is the word right before `start` (across spaces and at most one line break:
    "Imani\nVESTOLAN") or right after `end` on the same line ("KORVEN Halima"), or an honorific opens the name
    ("Mme KORVEN", "Dr. Imani Lund KORVEN"). Not any person the model found: it also calls headings persons."""
    given = lexicons()["given_names"]
    before = re.search(r"(?:^|[^\w.])(\w+)\.?((?:[ \t]+[A-Z][\w'’-]*){0,3})[ \t]*\n?[ \t]*$", text[max(0, start - 80):start])
    if before is not None:
        first, names = before.group(1), before.group(2).split()
        if (first.istitle() or first.isupper()) and first.lower() in entity_words().honorifics:
            return True
        last = names[-1] if names else first
        if last.istitle() and last in given:
            return True
    after = re.match(r"[ \t]+([A-Z][a-z]+)\b", text[end:end + 40])
    return after is not None and after.group(1) in given


def _names_a_person(long_form: str, people_seen: set[str]) -> bool:
    """A long form the model tagged as a person, or two to four capitalised words that start with a given name."""
    words = long_form.split()
    return long_form in people_seen or (
        2 <= len(words) <= 4 and words[0] in lexicons()["given_names"]
        and all(w[:1].isupper() and w.lower() not in entity_words().org_heads for w in words))


def _defines_term(long_form: str, named_orgs: set[str]) -> bool:
    """A long form made of everyday words, none an organisation's head, that nothing tagged as an organisation
    names a thing or a role ("Early Career Researcher", "Minimum Viable Product"), not a body."""
    words = [w.lower() for w in re.split(r"[\s\-]+", long_form) if w and w.lower() not in LINKERS]
    dictionary = lexicons()["dictionary"]
    return (bool(words) and clean_name(long_form) not in named_orgs
            and all(w in dictionary and w not in entity_words().org_heads for w in words))


# id(catalog) -> (the catalog, its size, its names index); the catalog is held so that its id is not reused
_NAMES_INDEX: dict[int, tuple[dict, int, dict]] = {}


def _names_index(known: dict[str, CatalogEntry]) -> dict[str, CatalogEntry]:
    """Lower-cased name or alias -> the first catalog entry that has it; built once per catalog, not per document."""
    hit = _NAMES_INDEX.get(id(known))
    if hit is not None and hit[0] is known and hit[1] == len(known):
        return hit[2]
    by_name: dict[str, CatalogEntry] = {}
    for e in known.values():
        for n in (e.name, *e.aliases):
            by_name.setdefault(n.lower(), e)
    if len(_NAMES_INDEX) >= 4:  # one catalog per loaded pipeline; tests build many
        _NAMES_INDEX.clear()
    _NAMES_INDEX[id(known)] = (known, len(known), by_name)
    return by_name


def _link_acronyms(doc: Document, b: _Builder, mentions: list[Mention],
                   short_forms: list[tuple[int, int, str]]) -> list[Mention]:
    """Definitions in the text, known short forms whose long form is present, and initials of names found."""
    by_name = _names_index(b.known)
    added: list[Mention] = []
    expansions: dict[str, tuple[str, str | None, str]] = {}  # short -> (label, entity_id, name)
    orgs_seen = {m.text for m in mentions if m.label == "ORG"}
    people_seen = {m.text for m in mentions if m.label == "PERSON"}
    named_orgs = {m.text for m in mentions if m.label == "ORG" and m.source != "rule"}
    not_acronyms = lexicons()["not_org_acronyms"]
    terms: set[str] = set()
    for d in find_definitions(doc.text):
        entry = by_name.get(clean_name(d.long).lower())
        label = entry.label if entry else "ORG"
        if label not in ("ORG", "PLACE") or d.short in not_acronyms:
            continue
        if d.long.split()[-1].lower() in lexicons()["job_titles"]:
            continue  # "FSC Coordinator (FAO)": a role and the body it works for, no definition
        known_short = by_name.get(d.short.lower())
        if known_short is not None and known_short is not entry and known_short.acronym == d.short:
            continue  # a well-known acronym keeps its own expansion
        if entry is None and _names_a_person(d.long, people_seen):
            terms.add(d.short)  # "Teodora Vasquez-Lind (TVL)": a person's initials, used as a speaker label
            continue
        if entry is None and names_a_thing(d.long):
            terms.update((d.short, d.long))  # "Relay Handshake Protocol (RHP)": its head says it is a thing, not a body
            continue
        if entry is None and _defines_term(d.long, named_orgs) and d.short not in named_orgs:
            terms.add(d.short)  # "Early Career Researcher (ECR)": a term, so ECR is no organisation
            continue
        # "Minimum Viable Product (MVP)" defines a term: only a name the text treats as an organisation links.
        if entry is None and not (d.short in orgs_seen or clean_name(d.long) in orgs_seen
                                  or d.long.split()[-1].lower() in entity_words().org_heads):
            continue
        long_m = b.mention(d.long_start, d.long_end, label, "acronym", entry.entity_id if entry else None,
                           norm=clean_name(d.long))
        if long_m:
            added.append(long_m)
            expansions[d.short] = (label, long_m.entity_id, long_m.norm)
    present = {m.entity_id for m in mentions + added if m.entity_id}
    for start, end, eid in short_forms:
        if eid in present:
            entry = b.known[eid]
            expansions.setdefault(doc.text[start:end], ("ORG", eid, entry.name))
    for m in mentions:
        if m.label == "ORG" and m.entity_id and m.source in ("gazetteer", "rule", "acronym") and " " in m.norm:
            for ini in _initials(m.norm):
                expansions.setdefault(ini, ("ORG", m.entity_id, m.norm))
    for short, (label, eid, name) in expansions.items():
        if not is_short_form(short):
            continue
        for hit in re.finditer(rf"(?<![\w&-]){re.escape(short)}(?![\w&]|-\w)", doc.text):
            m = Mention(hit.start(), hit.end(), short, label, name, eid, "acronym", b.section(hit.start(), hit.end()))
            added.append(m)
    mentions = [m for m in mentions if not (m.label == "ORG" and m.source in ("rule", "model") and m.text in terms)]
    if not added:
        return mentions
    # An acronym or definition replaces what the model made of the same characters.
    out = [m for m in mentions if not any(a.start_char < m.end_char and m.start_char < a.end_char
                                          and (m.source == "model" or (a.start_char, a.end_char) == (m.start_char, m.end_char)
                                               or a.end_char - a.start_char > m.end_char - m.start_char)
                                          for a in added)]
    kept = []
    for a in sorted(added, key=lambda m: (m.start_char - m.end_char)):
        if not any(k.start_char < a.end_char and a.start_char < k.end_char for k in kept + out):
            kept.append(a)
    return out + kept


GLUED_WORD = re.compile(r"[ \t]*([-–—])[ \t]*([A-Z][\w]+)|[ \t]+([A-Z][\w]+)")


def _acronyms_opening_names(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """An acronym followed by the rest of a known organisation's name is that organisation ("UN Women", "UN
    - Habitat" for UN-Habitat): the gazetteer and the acronym links see the acronym alone when the spacing differs
    from the list's, or when the acronym is defined elsewhere in the document."""
    by_name = _names_index(b.known)
    out = list(mentions)
    for m in mentions:
        if m.label != "ORG" or not is_short_form(m.text):
            continue
        whole = _glued_known_name(b.doc.text, m.start_char, m.end_char, by_name)
        if whole is None:
            continue
        end, entry = whole
        over = [x for x in out if x.start_char < end and m.start_char < x.end_char]
        if any(x.start_char < m.start_char or x.end_char > end for x in over):
            continue  # a longer name holds part of it
        new = b.mention(m.start_char, end, "ORG", "gazetteer", entry.entity_id, norm=entry.name)
        if new is not None:
            out = [x for x in out if x not in over] + [new]
    return out


def _glued_known_name(text: str, start: int, end: int, by_name: dict[str, CatalogEntry]) -> tuple[int, CatalogEntry] | None:
    """(end, entry) when the acronym at text[start:end] and the capitalised word after it, across a space or a dash
    written with spaces, make a known organisation's name ("UN Women", "UN - Habitat" for "UN-Habitat")."""
    hit = GLUED_WORD.match(text, end)
    if hit is None:
        return None
    short, word = text[start:end], hit.group(2) or hit.group(3)
    for joined in (f"{short} {word}", f"{short}-{word}"):
        entry = by_name.get(joined.lower())
        if entry is not None and entry.label == "ORG":
            return hit.end(), entry
    return None


VARIANT_RATIO = 80  # rapidfuzz ratio: "Bahmo" for "Bhamo", "Sittway" for "Sittwe"; "Mandalay"/"Manila" stay apart
MIN_VARIANT = 4
CAPITALISED = re.compile(r"(?<![\w@#/.-])[A-Z][a-zà-ÿ]{3,}(?:[ -][A-Z][a-zà-ÿ]+)?(?![\w@/-])")


def _spelling_variants(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """Another spelling of a known place found in the same document is that place: minutes spell the same town
    two ways ("Bhamo" and "Bahmo"); the model reads the unfamiliar one as a person or a body, or misses it."""
    from rapidfuzz import fuzz, process

    places = {m.text: m for m in mentions if m.label == "PLACE" and m.source == "gazetteer" and len(m.text) >= MIN_VARIANT}
    if not places:
        return mentions
    lex = lexicons()
    names = list(places)

    def variant_of(text: str) -> Mention | None:
        if text in places or len(text) < MIN_VARIANT or text.lower() in lex["dictionary"] or text in lex["given_names"]:
            return None
        hit = process.extractOne(text, names, scorer=fuzz.ratio, score_cutoff=VARIANT_RATIO)
        if hit is None or hit[0][:1] != text[:1] or abs(len(hit[0]) - len(text)) > 2:
            return None
        return places[hit[0]]

    out, taken = [], []
    for m in mentions:
        place = variant_of(m.text) if m.label in ("ORG", "PERSON", "PLACE") and m.source in ("model", "rule") \
            and not m.text.isupper() else None
        if place is not None:
            m = Mention(m.start_char, m.end_char, m.text, "PLACE", place.norm, place.entity_id, "variant", m.section_ordinal)
        out.append(m)
        taken.append((m.start_char, m.end_char))
    for hit in CAPITALISED.finditer(b.doc.text):
        if any(s < hit.end() and hit.start() < e for s, e in taken):
            continue
        place = variant_of(hit.group(0))
        if place is not None:
            out.append(Mention(hit.start(), hit.end(), hit.group(0), "PLACE", place.norm, place.entity_id, "variant",
                               b.section(hit.start(), hit.end())))
    return out


AFFILIATION = re.compile(r"[ \t]*\(([^()\n]{2,80})\)")
# "* Dana Ruiz (Northwind, TAC)": a list line that is a name and its affiliations, whatever the model made of the name
NAME_LINE = re.compile(r"(?m)^[ \t]*(?:[*•\-–]|\d+[.)])?[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3}(?=[ \t]*\([^()\n]{2,80}\)[ \t]*$)")


def _affiliations(mentions: list[Mention], seg: Segmented, b: _Builder) -> list[Mention]:
    """Organisations people are listed with: "Dana Ruiz (Northwind, TAC)" in the text and the organisation
    segment read from an attendance entry ("Dana Ruiz, Northwind"). Roles, places and words stay out."""
    text = b.doc.text
    spans: list[tuple[int, int]] = []
    ends = {m.end_char for m in mentions if m.label == "PERSON"} | {hit.end() for hit in NAME_LINE.finditer(text)}
    for end in sorted(ends):
        hit = AFFILIATION.match(text, end)
        if hit is None:
            continue
        pos = hit.start(1)
        for part in re.split(r"([,;/])", hit.group(1)):
            if part not in ",;/":
                lead = len(part) - len(part.lstrip(" *_"))
                core = part.strip(" *_")
                spans.append((pos + lead, pos + lead + len(core)))
            pos += len(part)
    row_of = {c.start_char: (c.table_id, c.row) for c in seg.blocks if c.table_id is not None}
    rows: dict[tuple[int, int | None], list[tuple[int, int]]] = {}
    for c in seg.blocks:
        if c.table_id is not None:
            rows.setdefault((c.table_id, c.row), []).append((c.start_char, c.end_char))
    for p in seg.participants:
        if p.organisation and p.kind == "person":
            # an attendance table gives the organisation in another cell of the person's row
            where = [(p.start_char, p.end_char)] + rows.get(row_of.get(p.start_char), [])
            at = next((i for s, e in where for i in [text.find(p.organisation, s, e)] if i >= 0), -1)
            if at >= 0:
                spans.append((at, at + len(p.organisation)))
    taken = [(m.start_char, m.end_char) for m in mentions]
    added = []
    for start, end in sorted(set(spans)):
        name = text[start:end]
        if not _affiliation_name(name):
            continue
        over = [m for m in mentions if m.start_char < end and start < m.end_char]
        if over and all(m.label == "PERSON" and m.source == "model" and (m.start_char, m.end_char) == (start, end)
                        for m in over) and name.split()[-1].lower() in entity_words().org_heads:
            mentions = [m for m in mentions if m not in over]  # "(Northwind Labs)": a body the model took for a person
            taken = [t for t in taken if t != (start, end)]
        if any(s < end and start < e for s, e in taken):
            continue
        m = b.mention(start, end, "ORG", "participant", _known_id(b, name))
        if m:
            added.append(m)
            taken.append((start, end))
    return mentions + added


ORG_LIST_MIN = 3  # organisations a list must hold before its other items are taken for organisations too
ORG_LIST_SHARE = 0.5
LIST_ITEM = re.compile(r"[^,;/\n]+")
LAST_JOIN = re.compile(r"[ \t]+(?:&|and|et|y)[ \t]+")  # "UNFPA & Kessa", "CARE and NRC": the last item's joiner
# One item on a line of its own, bulleted or numbered: a list written down the page ("1.  Open Hands")
VERTICAL_ITEM = re.compile(r"(?m)^[ \t]*(?:[*•·\-–]|\d{1,3}[.)])[ \t]+([^\n]{2,60}?)[ \t]*$")
ACRONYM_ITEM = re.compile(r"[A-Z][A-Z&-]{1,7}")
MAX_ITEM_WORDS = 4


def _list_items(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the items of text[lo:hi], cut at commas, semicolons and slashes and at the joiner
    before the last item."""
    items = []
    for hit in LIST_ITEM.finditer(text, lo, hi):
        pos = hit.start()
        for piece in LAST_JOIN.split(hit.group(0)):
            at = text.index(piece, pos, hit.end()) if piece else pos
            core = piece.strip(" \t*•-–")
            if core:
                start = at + piece.index(core)
                items.append((start, start + len(core), core))
            pos = at + len(piece)
    return items


def _candidate_lists(text: str) -> list[tuple[tuple[int, int] | None, list[tuple[int, int, str]]]]:
    """(label span, items) of each list: a line of items after its label ('Participants: A, B, C'), and a run
    of bulleted or numbered one-item lines under a line ending in a colon, whose text is the label."""
    out = []
    line_start = 0
    for line in text.split("\n"):
        colon = line.find(":", 0, 40)
        body = line_start + (colon + 1 if colon >= 0 else 0)
        label = (line_start, line_start + colon) if colon > 0 else None
        out.append((label, _list_items(text, body, line_start + len(line))))
        line_start += len(line) + 1
    run: list = []
    for hit in list(VERTICAL_ITEM.finditer(text)) + [None]:
        if hit is not None and (not run or text.count("\n", run[-1].end(), hit.start()) <= 2) \
                and not re.search(r"[.!?;:]$", hit.group(1)):
            run.append(hit)
            continue
        if len(run) >= ORG_LIST_MIN:
            head = text.rfind("\n", 0, max(0, run[0].start() - 1))
            above = text[head + 1:run[0].start()].strip()
            at = text.find(above, head + 1) if above.endswith(":") else -1
            out.append(((at, at + len(above) - 1) if at >= 0 else None,
                        [item for h in run for item in _list_items(text, h.start(1), h.end(1))]))
        run = [hit] if hit is not None and not re.search(r"[.!?;:]$", hit.group(1)) else []
    return out


def _organisation_lists(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """'Participants: NRC, Oxfam, Tessaly, UNICEF & Velmor Aid', or the same down the page as numbered lines: in a
    list made mostly of organisations, an item the model took for a person, or left untagged, is an organisation
    too, and so is an item written as an acronym (even one spelled like a word: "REACH"); an item shaped like a
    full name stays. What the model tagged as a body in the list's own label ("Partner agencies:") is a label."""
    text = b.doc.text
    by_span = {(m.start_char, m.end_char): m for m in mentions}
    lex = lexicons()
    changed: dict[tuple[int, int], Mention] = {}
    labels: list[tuple[int, int]] = []
    merged: set[tuple[int, int]] = set()
    for label, items in _candidate_lists(text):
        if len(items) < ORG_LIST_MIN:
            continue
        orgs = [it for it in items if (by_span.get(it[:2]) or Mention(0, 0, "", "", "", None, "", None)).label == "ORG"]
        if len(orgs) < ORG_LIST_MIN or len(orgs) < ORG_LIST_SHARE * len(items):
            continue
        if label is not None:
            labels.append(label)
        for m in mentions:  # "OCHA,ASA": one mention over two items of the list is two organisations
            if m.label == "ORG" and m.source in ("rule", "model") \
                    and sum(m.start_char <= s and e <= m.end_char for s, e, _ in items) > 1:
                merged.add((m.start_char, m.end_char))
                by_span.pop((m.start_char, m.end_char), None)
        live = [o for o in mentions if (o.start_char, o.end_char) not in merged]
        for start, end, core in items:
            m = by_span.get((start, end))
            words = core.split()
            if m is not None and not (m.label == "PERSON" and m.source == "model"):
                continue
            if m is None and any(o.start_char < end and start < o.end_char for o in live):
                continue
            headed = any(w.lower() in entity_words().org_heads for w in words)
            acronym = ACRONYM_ITEM.fullmatch(core) is not None and core not in lex["not_org_acronyms"]
            if len(words) > MAX_ITEM_WORDS or not core[:1].isupper() or any(c.isdigit() for c in core) \
                    or (len(words) > 1 and words[0] in lex["given_names"] and not headed) \
                    or (m is None and not acronym and all(w.lower() in lex["dictionary"] for w in words)):
                continue  # a full name, a count, or everyday words the model saw no name in ("Others")
            new = b.mention(start, end, "ORG", "rule", _known_id(b, core))
            if new is not None:
                changed[(start, end)] = new
    in_label = lambda m: m.source == "model" and m.label == "ORG" and any(  # noqa: E731
        s <= m.start_char and m.end_char <= e for s, e in labels)
    if not changed and not labels:
        return mentions
    return [m for m in mentions if (m.start_char, m.end_char) not in changed and not in_label(m)
            and (m.start_char, m.end_char) not in merged] + list(changed.values())


# "Field Officer/UNICEF", "Logistics Manager/ Velmor Aid", "HPS/KX": a role, a slash and the body the person works for.
ROLE_SLASH_ORG = re.compile(r"(?<![\w/])([A-Za-z][\w.&-]*)[ \t]*/[ \t]*([A-Z](?:[A-Za-z&.-]{0,14}[A-Za-z]))(?![\w/])")


def _role_slash_org(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """The organisation after a role and a slash in attendance rows ("Site Coordinator/ORVAK", "Cluster PM/ZT"):
    the word before the slash is a job title or a role's short form, the word after it a name, not a word."""
    lex = lexicons()
    roles = lex["job_titles"]
    added: list[Mention] = []
    for hit in ROLE_SLASH_ORG.finditer(b.doc.text):
        role, org = hit.group(1), hit.group(2)
        if role.lower().rstrip(".") not in roles and not (role.isupper() and role in lex["not_org_acronyms"]):
            continue
        if org.upper() in lex["not_org_acronyms"] or (org.lower() in lex["dictionary"] and not org.isupper()) \
                or org.lower() in roles:
            continue
        start, end = hit.span(2)
        over = [m for m in mentions + added if m.start_char < end and start < m.end_char]
        if any(m.source != "model" or m.start_char < start or m.end_char > end for m in over):
            continue
        m = b.mention(start, end, "ORG", "rule", _known_id(b, org))
        if m is not None:
            mentions = [x for x in mentions if x not in over]
            added.append(m)
    return mentions + added


# "Quality-TWG", "ORVA-DRT": a capitalised word or acronym glued by a hyphen to an organisation's acronym
HYPHEN_LEFT = re.compile(r"(?<![\w&/-])([A-Z][A-Za-z]{1,15})-$")
HYPHEN_RIGHT = re.compile(r"^-([A-Z][A-Za-z]{1,15})(?![\w&-])")


def _hyphen_compounds(mentions: list[Mention], b: _Builder) -> list[Mention]:
    """An organisation acronym and a capitalised word or another acronym joined by a hyphen, without spaces, name
    one body ("Quality-TWG", "ORVA-DRT"): minutes name working groups and departments so, and the tokenizer cuts
    them in two. A place on either side is the office's town instead ("Lakeport-ORVA"), and stays apart; so does a
    word the model or a list took for anything but an organisation, or one that belongs to a longer name of
    capitalised words ("Noise Control-DRT", "Nam Kelso-ORVA Church")."""
    text = b.doc.text
    lex = lexicons()
    out = sorted(mentions, key=lambda m: m.start_char)
    changed = True
    while changed:
        changed = False
        for m in out:
            if m.label != "ORG" or not re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", m.text):
                continue
            left = HYPHEN_LEFT.search(text, max(0, m.start_char - 17), m.start_char)
            right = HYPHEN_RIGHT.match(text, m.end_char)
            for hit, start, end in ((left, left.start(1) if left else 0, m.end_char),
                                    (right, m.start_char, right.end(1) if right else 0)):
                if hit is None:
                    continue
                word = hit.group(1)
                if hit is left and re.search(r"[A-Z][\w'’]*[ \t]+$", text[max(0, start - 30):start]) \
                        or hit is right and re.match(r"[ \t]+[A-Z]", text[end:end + 2]):
                    continue  # "Nam Kelso-ORVA Church": the word ends or starts a longer name (a place's, a church's)
                over = [x for x in out if x is not m and x.start_char < end and start < x.end_char]
                if any(x.label != "ORG" or not re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", x.text) for x in over) \
                        or (not over and (word.isupper() or entity_key("PLACE", word) in b.known
                                          or word.lower() in lex["not_org"])):
                    continue  # a place, a person or a longer name beside it; an untagged acronym, a town, a product
                joined = b.mention(start, end, "ORG", "rule", _known_id(b, text[start:end]))
                if joined is not None:
                    out = [x for x in out if x is not m and x not in over] + [joined]
                    changed = True
                    break
            if changed:
                out.sort(key=lambda x: x.start_char)
                break
    return out


def _known_id(b: _Builder, name: str) -> str | None:
    eid = entity_key("ORG", clean_name(name))
    return eid if eid in b.known else None


def _affiliation_name(name: str) -> bool:
    """One to four words shaped like a body's name, none a role, a date or an everyday word alone."""
    lex = lexicons()
    words = re.findall(r"[^\W_]+(?:[&'’.-][^\W_]+)*", name)
    if not 1 <= len(words) <= 4 or not name[:1].isalpha() or not name[:1].isupper() and not name[:1].islower():
        return False
    if any(w.lower() in lex["job_titles"] or w.lower() in lex["dates"]["words"] for w in words):
        return False  # "TAC Chair", "since March"
    if any(ch.isdigit() for ch in name) or name.upper() in lex["not_org_acronyms"] or name.lower() in lex["not_org"]:
        return False
    if len(words) == 1:
        w = words[0]
        if len(w) <= 2 or (w.lower() in lex["dictionary"] and not w.isupper()) or w in lex["given_names"]:
            return False
        return w[:1].isupper() or any(c.isupper() for c in w[1:])  # "ostif" no, "JFrog", "Wipro" yes
    content = [w for w in words if w.lower() not in LINKERS]
    return all(w[:1].isupper() for w in content) and not all(w in lex["given_names"] or w in lex["surnames"] for w in content)


def _in_document_countries(mentions: list[Mention], b: _Builder, about: set[str], named: set[str],
                           countries: dict[str, str], kinds: dict[str, str]) -> list[Mention]:
    """Places named in several countries ("South-West", "Centre", "Gaza") take the entry of a country the
    document is about (`about`, ISO codes: those it names or two of whose known places it names, see
    local.document_countries), the named ones first. When none has one and the document names a country, the place
    keeps its name but no codes; a foreign city in minutes that only name places elsewhere keeps its own."""
    if not about:
        return mentions
    order = sorted(named & about) + sorted(about - named)
    out = []
    for m in mentions:
        home = countries.get(m.entity_id or "")
        if m.label == "PLACE" and home and home not in about and kinds.get(m.entity_id) != "country":
            local = [b.known[k] for cc in order
                     for k in (country_variant(entity_key("PLACE", clean_name(m.text)), cc),
                               country_variant(entity_key("PLACE", m.norm), cc)) if k in b.known]
            if local:
                m = replace(m, norm=local[0].name, entity_id=local[0].entity_id)
            elif named:
                name = clean_name(m.text)
                m = replace(m, norm=name, entity_id=country_variant(entity_key("PLACE", name), order[0]))
        out.append(m)
    return out
