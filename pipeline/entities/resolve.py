"""The spaCy component that merges model entities, gazetteer matches and rule matches into doc.ents.

Policy (one place, data-driven by the lexicons in models/gazetteers/):
- a gazetteer or rule span beats the model span it covers or crosses; a longer model ORG/PLACE/PERSON that
  contains a gazetteer name keeps its extent ("Mercy Corps Myanmar", "University of Westmarch");
- a gazetteer place is never PERSON; context-needing names (Chin, Mon, Pale) are PLACE only in place context,
  and otherwise remove what the model made of them;
- model ORGs that are tools/products, job titles or comma-joined lists are dropped or split; so are runs of
  dictionary words without an organisation head ("Weekly Reporting"), fragments, streets and addresses;
- model ORG/PLACE spans shaped like people's names (given names from many countries, a family name right after
  a given name, honorific or person, a roll call in capitals) are PERSON;
- capitalised codes become ORG unless they are words, shorthand, dates, products' neighbours or names;
- a DATE inside a place is dropped; durations and frequencies become TIME; ages and item numbers are no dates.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.dates import calendar
from pipeline.dates.find import date_spans, is_duration, not_a_date, trim_date
from pipeline.entities.gazetteer import lexicons
from pipeline.entities.words import entity_words
from pipeline.language import word_zipf

MODEL_LABELS = {"ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "PERSON": "PERSON", "PER": "PERSON",
                "DATE": "DATE", "TIME": "TIME"}
DURATION = re.compile(
    r"^(about |around |approximately |over |for |within |the |another |next |past |last |first |"
    r"coming |following )*((\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|a few|few|several|a couple of|couple of|many|some|half an?|a|an)[\s-]*)"
    r"(-?\s*(to|or|-|–)\s*(\d+|one|two|three|four|five|six))?\s*"
    r"(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|sprints?)( long| time)?$",
    re.I)
# "weekly", "bi-monthly"; "every 2nd Tuesday", "chaque lundi": a frequency (the calendar's words, written as listed)
FREQUENCY = re.compile(rf"^(bi-?)?({'|'.join(map(re.escape, sorted(calendar().frequencies, key=len, reverse=True)))})$", re.I)
RECURRING = re.compile(rf"^({'|'.join(map(re.escape, sorted(calendar().recurring, key=len, reverse=True)))})\s", re.I)
CLOCK_IN = re.compile(r"\d{1,2}(?:h:?|:)\d{2}\b")
AGE_PLUS = re.compile(r"\d{1,3}\s*\+")  # "65+", "18 +": an age group
ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{2,7}")
MINISTRY = re.compile(r"Mo[A-Z]{1,6}")  # ministries' conventional short forms: MoE, MoHS, MoALI (not MoSCoW)
ROMAN = re.compile(r"[IVXLCDM]+")
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(am|pm|h)?|\d{1,2}(am|pm|h)", re.I)
AGE = re.compile(r"\byears?[\s-]+olds?\b|\b(year|yr)s?[\s-]+(rep|student|project|plan|group)s?\b", re.I)  # "12-year-olds", "final year student"
LINK_WORDS = {"and", "&", "of", "for", "the"}
SHOUTED_WORD = 6  # an upper-case dictionary word this long is emphasis ("PRODUCTION"), not an acronym
NOT_DATE = re.compile(r"^(v?\d+(\.\d+)+(\.x)?|\d{1,3}|\d{5,}|[\d,.]+%?)$", re.I)
# A run of five to seven or of nine and more digits is a phone, account or reference number: a date's digits come
# in groups of at most four, or as eight (20101020); eight that read as no year, month and day are a number too.
LONG_DIGITS = re.compile(r"(?<!\d)(\d{5,7}|\d{9,}|(?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\d{8})(?!\d)")
# "E. 16th", "S.E. 8th", "NW 23rd": an ordinal after a compass point is a street, not a day.
COMPASS_ORDINAL = re.compile(rf"(?:[NSEW]\.?){{1,2}}\s*\d{{1,4}}(?:{calendar().day_suffix_pattern('en')})", re.I)
# "flu-21", "mesh-04", "node 64", "IPv6": a word of three letters or more with a short number glued, hyphened or
# spaced after it is a name or a code, unless the word is a month, weekday or calendar unit ("Jan-19", "week 7").
WORD_NUMBER = re.compile(r"([^\W\d_]{3,})(?:-|\s)?(\d{1,3})")
FOLLOWING = 40  # characters after a date-shaped span that tell what it counts ("2nd run", "1910 Ashcombe Avenue")
NATIVE_WORD_ZIPF = 3.0  # wordfreq's Zipf scale: once per million words; names of people and bodies sit below
# a word in capitals must be commoner to count as the language's own ("SUD", "FAIT"): "PAM" (3.3) and "CARE" (3.4)
# are agencies' acronyms in French minutes, and the everyday threshold of place_evidence.json (3.5) sits above them
NATIVE_CAPS_ZIPF = 3.5


def _code(text: str) -> bool:
    """A technical identifier (protocol, RFC, ticket or form number), never an organisation."""
    return any(rx.match(text) for rx in entity_words().code_shapes)


ADMIN_KINDS = {"country", "subdivision", "mm_state"}
CLOCK_WORDS = {"am", "pm", "a.m.", "p.m."}
CAPS_LED_WORDS = 4  # "MINISTRY OF LOCAL GOVERNMENT": the words a capitals name may hold after its head and 'of'
CAPS_NAME_BREAKS = {"of", "for", "the", "at", "to", "in", "on", "by", "from", "with", "summary", "minutes"}


def _contains(a: Span, b: Span) -> bool:
    return a.start <= b.start and b.end <= a.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class EntityResolver:
    """Merge doc.ents (the model's), doc.spans['gazetteer'] and doc.spans['rules'] into final doc.ents."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lex = lexicons()
        words = entity_words()
        self.before, self.after, self.not_after = words.place_before, words.place_after, words.place_not_after
        self.joiners = words.list_joiners
        words = self.lex["dates"]
        self.date_words = set(words["words"])
        self.date_regex = [re.compile(r, re.I) for r in words["regex"]]
        self.catalog: dict = {}  # entity_id -> CatalogEntry, set by build_nlp; tag_entities names mentions with it
        self.lang = nlp.lang
        self.country_names = (re.compile(r"(?!)"), {})  # (regex, name -> ISO code): set by add_entity_components
        self.state_codes: dict[str, str] = {}  # "NC" -> entity_id of North Carolina: set by add_entity_components
        self.state_ids: dict[str, tuple[str, str]] = {}  # entity_id of Iowa -> ("US", "IA"): set by add_entity_components
        self.state_towns: dict[tuple[str, str], frozenset[str]] = {}  # ("US", "NY") -> its towns: set there too
        self.countries: dict[str, str] = {}  # place entity_id -> ISO country code: set by add_entity_components
        self.kinds: dict[str, str] = {}  # entity_id -> "country", "subdivision", "city"...: set by add_entity_components
        self.words_and_dictionary = frozenset(self.lex["common"] | self.lex["dictionary"])
        self.settings = None  # set by build_nlp, so that a document in another language can get its own pipeline
        self.user_gazetteer_dir = None
        self._last_text: tuple[Doc | None, str] = (None, "")  # the document being resolved and its text
        self._last_things: tuple[Doc | None, set[str]] = (None, set())  # the document and its codes of things

    def _native_word(self, low: str) -> bool:
        """An everyday word of the pipeline's own language when it is not English ("calcul", "donner"): the English
        lists cannot tell, and a French model takes capitalised ones in headings for names."""
        return self.lang != "en" and word_zipf(low, self.lang) >= NATIVE_WORD_ZIPF

    def _native_caps(self, text: str) -> bool:
        """One word in capitals that is an everyday word of the pipeline's own language when it is not English
        ("SUD", "FAIT", "REMPLIS" in French minutes): a heading's or a form's word, not an acronym."""
        return self.lang != "en" and text.isupper() and word_zipf(text.lower(), self.lang) >= NATIVE_CAPS_ZIPF

    def _native_noun(self, span: Span) -> bool:
        """One word that the pipeline's own non-English model parses as a common noun here and its language uses
        every day: French minutes open with "Réunion de ..." (a meeting, not the island), and the model, which
        tags "Mali" or "Dori" as proper nouns, says so. English pipelines keep their word lists."""
        return len(span) == 1 and span[0].pos_ == "NOUN" and self._native_word(span[0].lower_)

    # --- context for names that are also words or peoples -------------------------------------------------
    def _in_place_context(self, span: Span) -> bool:
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        prev = doc[span.start - 1] if span.start > 0 else None
        if nxt is not None and nxt.text in self.not_after:
            return False
        if nxt is not None and nxt.text in self.after:
            return True
        return prev is not None and prev.lower_ in self.before

    def _near_place_word(self, span: Span) -> bool:
        prev = span.doc[span.start - 1] if span.start > 0 else None
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return (prev is not None and prev.lower_ in entity_words().place_prepositions) or (nxt is not None and nxt.text in self.after)

    def _list_neighbours(self, span: Span, accepted: list[Span]) -> bool:
        """True when the span is joined by ',', 'and', '/'... to an accepted place (a list of places)."""
        doc = span.doc
        for other in accepted:
            if other.end <= span.start:
                gap = doc[other.end:span.start]
            elif span.end <= other.start:
                gap = doc[span.end:other.start]
            else:
                continue
            words = [t for t in gap if t.text not in self.joiners]
            if len(gap) and len(gap) <= 4 and len(words) <= 2 and any(t.text in self.joiners for t in gap) \
                    and all(t.lower_ in {"some", "parts", "part", "of", "the", "northern", "southern", "eastern",
                                         "western", "central"} for t in words):
                return True
        return False

    def _context_places(self, ctx_spans: list[Span], places: list[Span]) -> tuple[list[Span], list[Span]]:
        accepted = [s for s in ctx_spans if self._in_place_context(s)]
        pending = [s for s in ctx_spans if s not in accepted]
        changed = True
        while changed and pending:
            changed = False
            for s in list(pending):
                if self._list_neighbours(s, places + accepted):
                    accepted.append(s)
                    pending.remove(s)
                    changed = True
        return accepted, pending

    # --- model span filters --------------------------------------------------------------------------------
    def _split_list(self, span: Span) -> list[Span]:
        """'Helvetas, Mercy Corps Myanmar' -> two spans; keeps pieces that still look like names."""
        if not any(t.text in {",", ";", "/", ":"} for t in span):
            return [span]
        out, start = [], span.start
        for tok in [*span, None]:
            if tok is None or tok.text in {",", ";", "/", ":"}:
                end = tok.i if tok is not None else span.end
                piece = span.doc[start:end]
                if len(piece) and piece[0].text[:1].isupper():
                    out.append(Span(span.doc, piece.start, piece.end, label=span.label_))
                start = end + 1
        return out

    def _person_shape(self, span: Span) -> bool:
        """Given names, each followed by at most two family-name words: 'Svetlana Korvalis', 'Radomir',
        'Joaquim & Ingrid', 'Oksana & Zabdiel' (one unknown name beside a known one)."""
        lex = self.lex
        parts: list[list] = [[]]
        for t in span:
            if t.lower_ in {"&", "and", "und", "et", "y"}:
                parts.append([])
            elif not t.is_space:
                parts[-1].append(t)
        if not all(parts) or any(len(p) > 3 for p in parts):
            return False

        given = self._given_name
        if not any(given(p[0]) for p in parts):
            return False
        # Beside a known given name, an unknown one need only not be an everyday word ("Oksana & Zabdiel").
        return all((given(p[0]) or (len(parts) > 1 and len(p) == 1 and self._family_name(p[0], lex["common"])))
                   and all(self._family_name(t) for t in p[1:]) for p in parts)

    def _given_name(self, tok) -> bool:
        return tok.is_title and tok.text in self.lex["given_names"]

    def _family_name(self, tok, words: set[str] | None = None) -> bool:
        """A known family name, or a capitalised word that is not a dictionary word; never an organisation's head,
        a street or a product ("Oswin Street" is no person)."""
        lex = self.lex
        if tok.lower_ in entity_words().org_heads or tok.lower_ in lex["streets"] or tok.lower_ in lex["not_org"] or tok.text in lex["ethnic"]:
            return False
        return tok.text in lex["surnames"] or (tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper
                                               and tok.lower_ not in (lex["dictionary"] if words is None else words))

    def _in_full_name(self, span: Span) -> bool:
        """'Lucía Loikaw Pereda': a place name between a given name and another capitalised word on the same
        line is a family name (Spanish and Portuguese names carry two)."""
        prev, nxt = _next_word(span.doc, span.start, -1), _next_word(span.doc, span.end - 1, 1)
        same_line = prev is not None and "\n" not in span.doc[prev.i:span.start].text
        return (same_line and self._given_name(prev) and len(span) == 1
                and nxt is not None and nxt.is_title and nxt.is_alpha and "\n" not in span.doc[span.end:nxt.i + 1].text)

    def _caps_beside_name(self, span: Span) -> bool:
        """'KHOR TAN WEI' in a roll call: a place name in capitals written right beside a given or family name in
        capitals, on the same line, is part of a person's name."""
        if not span.text.isupper():
            return False
        names = self.lex["given_names"] | self.lex["surnames"]
        for i in (span.start - 1, span.end):
            if 0 <= i < len(span.doc):
                tok = span.doc[i]
                if tok.is_upper and tok.is_alpha and len(tok) > 1 and tok.text.title() in names:
                    return True
        return False

    def _after_person(self, span: Span, person_ends: set[int]) -> bool:
        """'Kenji Oyelaran', 'Radmila\nPetrescu', 'Dr Korvalis': a family name the model cut off from the given
        name, honorific or person just before it (table cells often wrap names across lines)."""
        if len(span) > 2 or not all(self._family_name(t) for t in span):
            return False
        prev = _next_word(span.doc, span.start, -1)
        return prev is not None and (prev.i in person_ends or prev.lower_.rstrip(".") in entity_words().honorifics
                                     or self._given_name(prev))

    def _keep_model(self, span: Span, label: str, shaped: bool = False) -> str | None:
        """The label a model span keeps, or None to drop it."""
        text = span.text.strip()
        low = text.lower()
        lex = self.lex
        if not re.search(r"[A-Za-z0-9]", text):
            return None
        if label in ("ORG", "PLACE"):
            if not shaped and (re.fullmatch(r"[A-Z]{1,2}\d?", text) or (label == "PLACE" and re.fullmatch(r"[A-Z]{2,4}", text))):
                return None  # initials, country codes, "ICT": too short to trust the model on
            if _org_lead(span):
                return "ORG"  # "Office of the Water Commissioner", "University of Westmarch" (the model may say GPE)
            if span[0].text in lex["first_names"] and _head(span) not in entity_words().org_heads and _head(span) not in lex["streets"]:
                return "PERSON"  # but "Oswin Street" is a street
            if any(t.lower_.rstrip(".") in entity_words().honorifics for t in span):
                return "PERSON"  # "Prof Leontina ...", "Ms Oksana ..."
            if _head(span) not in entity_words().org_heads and any(t.lower_ in lex["job_titles"] and t.text[:1].isupper() for t in span):
                return None  # "Outreach Coordinator Oksana": a role and a name, not an organisation
            alpha = [t.text for t in span if t.is_alpha and t.text not in {"&", "and"}]
            if len(alpha) > 1 and _head(span) not in lex["streets"] \
                    and all(w in lex["first_names"] or w in lex["surnames"] or len(w) == 1 for w in alpha):
                return "PERSON"  # "Emeka Adeyemi", "Priya K Lindqvist" (not "Wendell Street")
            syllables = entity_words().name_syllables
            names = [t for t in span if t.is_alpha]
            if not shaped and label == "ORG" and len(names) >= 2 and all(t.is_title and t.lower_ in syllables for t in names):
                return "PERSON"  # "Thaung Nyunt", "Ye' Lwin Htay": a Burmese name, not a body
            if not shaped and self._person_shape(span):
                return "PERSON"  # "Svetlana Korvalis", "Radomir", "Joaquim & Ingrid"
            if len(alpha) > 1 and all(len(w) <= 2 for w in alpha):
                return None  # "SE Y F": codes and initials from a table row
            if not shaped and len(span) > 1 and span[-1].is_stop and span[-1].is_alpha and _head(span) not in entity_words().org_heads:
                return None  # "ROWAN PARK ON", "Riverton Parks and": cut mid-phrase
            words = [t for t in span if t.is_alpha and t.lower_ not in lex["not_org"]]
            # "Friends of the Harbour", "Bridges for Peace": capitals around a small word are a name's shape.
            named = any(t.lower_ in {"the", "of", "for"} and t.is_lower and 0 < t.i - span.start < len(span) - 1 for t in span)
            ordinary = lex["common"] if label == "PLACE" else self.words_and_dictionary
            if words and not shaped and not named and not text.isupper() and _head(span) not in entity_words().org_heads \
                    and all(t.lower_ in ordinary or t.lower_ in LINK_WORDS or t.text in lex["not_org_acronyms"]
                            or self._native_word(t.lower_) for t in words):
                return None  # "Volunteer Scheduling", "Weekly Reporting", "MVP Login Page": words, not a name
        if label == "ORG":
            undotted = re.sub(r"(?<=[A-Z])\.(?=[A-Z]|$)", "", text)  # "A.O.B" is AOB
            if text in lex["not_org_acronyms"] or text.upper() in lex["not_org_acronyms"] and text.isupper() \
                    or (undotted != text and undotted.isupper() and undotted in lex["not_org_acronyms"]):
                return None
            if _code(text):
                return None  # "RFC7231", "EIP1", "PR112", "CT2545": a document or ticket number
            if len(span) == 1 and text in self._things(span.doc):
                return None  # "the QTF editor": a code the document only writes before a thing's head word
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and nxt.lower_ in lex["job_titles"] and nxt.text[:1].isupper():
                return None  # "Data Quality" + "Officer": a role, not an organisation
            if low in lex["not_org"] or low.removeprefix("the ") in lex["not_org"]:
                return None
            if span[-1].lower_ in lex["job_titles"] or not text[:1].isupper() and not text[:1].isdigit():
                return None
            if len(span) == 1 and (low in lex["common"] or text.isupper() and low in lex["dictionary"]):
                return None  # "Update", "PRODUCTION"; short capitals such as "CARE" may be names
            if len(span) == 1 and self._native_caps(text):
                return None  # "NOURRI" in French minutes: the language's own word in capitals
            if not shaped and len(span) == 1 and text.istitle() and (low in lex["dictionary"] or word_zipf(low, "en") >= NATIVE_WORD_ZIPF):
                return None  # "Downtime", "Landmine": a rarer word the model took for a name
            if not shaped and len(span) > 1 and _singular(_head(span)) in entity_words().thing_heads:
                return None  # "Flood Control Project", "Services Agreement": a thing the bodies make, not a body
            if not shaped and _thing_first(span):
                return None  # "Schedule of Works", "Phase III": a thing named before what it is of, or numbered
            if CLOCK_IN.search(text) or (any(t.like_num for t in span)
                                         and all(t.like_num or t.text in lex["not_org_acronyms"] for t in span)):
                return None  # "Item15h:30", "EUR 5000": a time or an amount glued to a word
            if not re.search(r"[^\W\d_]", text) or (len(span) == 1 and _head(span) in entity_words().lone_forms):
                return None  # "10:47:05", a lone "Inc."
            if not shaped and (span[0].is_digit or (len(span) > 1 and _head(span) in lex["streets"])):
                return None  # "5127 University", "Ostrander Drive": addresses and streets
            if not shaped and span[-1].is_lower and span[-1].lower_ not in entity_words().org_heads:
                return None  # "Die Erneuerung der": a fragment cut mid-phrase
            if not shaped and len(span) > 1 and span[0].tag_ == "VB" and span[0].lower_ in lex["dictionary"]:
                return None  # "Prepare Miro Board": an instruction, not a name
            if len(span) > 1 and span[-1].lower_ in lex["not_org"] and span[-1].lower_ not in lex["common"]:
                return None  # "Django Jira": a product, whatever precedes it
            if text in lex["ethnic"]:
                return None
        if label == "PLACE":
            if len(span) == 1 and not self._near_place_word(span):
                return None  # a lone unknown capitalised word is a place only after "in", "to", "from"...
            if not shaped and not re.fullmatch(r"[^\W\d_]+(?:[\s'’.-]+[^\W\d_]+)*\.?", text):
                return None  # "C++", "Item 4": a place's name is made of letters
            if re.search(r"\d", text):
                return None
            if low in lex["common"] or low in lex["not_org"] or text in lex["ethnic"] or not text[:1].isupper():
                return None
        if label == "PERSON" and (text in lex["ethnic"] or low in lex["not_org"]):
            return None
        if label == "PERSON" and len(span) > 1 and span[-1].is_title and _head(span) in entity_words().org_heads \
                and span[-1].text not in lex["surnames"] and _head(span) not in lex["streets"]:
            return "ORG"  # "Quillon Labs", "Ardent Systems": a company's name the model took for a person's
        if label in ("DATE", "TIME"):
            if FREQUENCY.match(text) or RECURRING.match(text) or DURATION.match(text) or is_duration(text) or low in {"day", "days", "week", "weeks", "month",
                                                                       "months", "year", "years"}:
                return "TIME"
            if NOT_DATE.match(text) or LONG_DIGITS.search(text) or COMPASS_ORDINAL.fullmatch(text) or AGE_PLUS.fullmatch(text) \
                    or (len(span) > 1 and _head(span) in lex["streets"]) or re.fullmatch(r"\d{1,2}\s*[-–]\s*\d{1,2}", text) or AGE.search(text) or _numbered(span) \
                    or not_a_date(text, self._text(span.doc)[span.end_char:span.end_char + FOLLOWING]) or self._word_and_number(text):
                return None
            if label == "DATE" and not (re.search(r"\d", text) or any(t.lower_.rstrip(".") in self.date_words for t in span)):
                return None  # "the end of this agenda": no calendar word in it
        return label

    def _word_and_number(self, text: str) -> bool:
        """A name or code made of a word and a short number (WORD_NUMBER), not a date."""
        m = WORD_NUMBER.fullmatch(text)
        if m is None:
            return False
        word, cal = m.group(1).lower(), calendar()
        return not (word in cal.months or word in cal.weekdays or word in cal.units or word in cal.day_words
                    or word in self.date_words)

    def _caps_acronyms(self, doc: Doc) -> list[Span]:
        """Stand-alone capitalised acronyms (KDRN, XJ42) that are not words, shorthand, codes or shouting."""
        lex = self.lex
        out = []
        things = self._things(doc)
        for tok in doc:
            text = tok.text
            if MINISTRY.fullmatch(text) and text.upper() not in lex["not_org_acronyms"]:
                out.append(Span(doc, tok.i, tok.i + 1, label="ORG", kb_id="rule"))  # "MoE", "MoHS": Ministry of ...
                continue
            if not ACRONYM.fullmatch(text) or sum(c.isalpha() for c in text) < 2:
                continue
            low = text.lower()
            if low in lex["common"] or text in lex["not_org_acronyms"] or low in lex["not_org"] or _code(text) \
                    or low in entity_words().lone_forms \
                    or ROMAN.fullmatch(text) or low in self.date_words \
                    or (len(text) >= SHOUTED_WORD and low in lex["dictionary"]) or text in things:
                continue  # words, shorthand, products, "OCTOBER", "PAYMENTS", "the QTF editor"
            neighbours = [n for n in (_next_word(doc, tok.i, -1), _next_word(doc, tok.i, 1)) if n is not None]
            if any(n.is_upper and n.is_alpha and (len(n) > 1 or n.text not in {"A", "I"}) for n in neighbours):
                continue  # a run of capitals ("DUDS N SUDS") is a heading, a shop's name or shouting, not acronyms
            if self._listed_with_product(doc, tok) or self._in_name_list(doc, tok):
                continue
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG", kb_id="rule"))
        # the language's own words in capitals ("SUD", "FAIT") are no acronyms, unless joined to one ("KDRN-SUD")
        return [s for s in _hyphen_joined(out) if len(s) > 1 or not self._native_caps(s.text)]

    def _listed_with_product(self, doc: Doc, tok) -> bool:
        """'QGIS, RGIS', 'Excel or SPSS': a code listed beside a known product is a product too."""
        for step in (-1, 1):
            joiner = _next_word(doc, tok.i, step)
            if joiner is None or joiner.lower_ not in {",", "and", "or", "/", "&"}:
                continue
            other = _next_word(doc, joiner.i, step)
            if other is not None and other.lower_ in self.lex["not_org"]:
                return True
        return False

    def _in_name_list(self, doc: Doc, tok) -> bool:
        """A roll call in capitals ('HARRIS, NGUYEN, PATEL, KOWALSKI'): a comma list of three or more capitalised items,
        at least half of them known given or family names."""
        text = self._text(doc)
        start = text.rfind("\n", 0, tok.idx) + 1
        end = text.find("\n", tok.idx)
        items = [i.strip() for i in re.split(r"[,;:]", text[start:end if end >= 0 else len(text)]) if i.strip()]
        if len(items) < 3 or not all(re.fullmatch(r"[A-Z][A-Z.\s'-]*", i) for i in items):
            return False
        names = self.lex["given_names"] | self.lex["surnames"]
        known = sum(any(w.title() in names for w in re.findall(r"[A-Z]{2,}", i)) for i in items)
        return known * 2 >= len(items)

    def _things(self, doc: Doc) -> set[str]:
        """_things_named(doc), computed once per document."""
        if self._last_things[0] is not doc:
            self._last_things = (doc, _things_named(doc))
        return self._last_things[1]

    def _text(self, doc: Doc) -> str:
        """doc.text, joined once per document: spaCy joins every token's text each time it is read."""
        if self._last_text[0] is not doc:
            self._last_text = (doc, doc.text)
        return self._last_text[1]

    # --- merge ---------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = list(doc.spans.get("gazetteer", []))
        rules = list(doc.spans.get("rules", []))
        lex = self.lex

        plain = [s for s in gaz if not s.label_.endswith(("_CTX", "_SHORT"))]
        # A gazetteer place whose name is also a people (Naga, Shan), a product (Java) or an everyday noun of the
        # document's language (Réunion) needs context like the listed ones.
        def needs_context(s: Span) -> bool:
            return s.label_ == "PLACE" and (s.text in lex["ethnic"] or s.text.lower() in lex["not_org"]
                                            or self._native_noun(s))

        ctx = [s for s in gaz if s.label_ == "PLACE_CTX"] + [s for s in plain if needs_context(s)]
        plain = [s for s in plain if not needs_context(s)]
        places = [s for s in plain if s.label_ == "PLACE"]
        accepted, rejected = self._context_places(ctx, places)
        strong = [Span(doc, s.start, s.end, label=s.label_.split("_")[0], span_id=s.id_, kb_id="gazetteer")
                  for s in plain + accepted]
        strong = _longest_first([g for g in strong if not (g.label_ == "PLACE" and (self._in_full_name(g) or self._caps_beside_name(g)))])

        model: list[Span] = []
        person_ends = {e.end - 1 for e in doc.ents if e.label_ == "PERSON"}
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            for piece in self._split_list(ent) if label in ("ORG", "DATE", "PLACE") else [ent]:
                if label != "DATE":
                    piece = _outside_parens(piece)
                if len(piece) > 1 and piece[0].lower_ == "the" and label in ("ORG", "PLACE"):
                    piece = piece[1:]
                while len(piece) > 1 and (piece[-1].is_punct or piece[-1].is_space):
                    piece = piece[:-1]
                if label == "DATE":  # "5:15 Tuesday", "9 March at 2 pm": the clock time is not the date
                    while len(piece) > 1 and (CLOCK.fullmatch(piece[0].text) or piece[0].lower_ in {"at", "am", "pm", "p.m.", "a.m."}):
                        piece = piece[1:]
                    while len(piece) > 1 and (CLOCK.fullmatch(piece[-1].text) or piece[-1].lower_ in {"at", "am", "pm", "p.m.", "a.m.", ","}):
                        piece = piece[:-1]
                if label == "DATE":  # "22/01/26 - Week 1": the week label after a date is not part of it
                    kept_chars = trim_date(piece.text)
                    if kept_chars is not None:
                        piece = piece.doc.char_span(piece.start_char + kept_chars[0], piece.start_char + kept_chars[1],
                                                    alignment_mode="contract") or piece
                if not len(piece) or any(t.text in {"](", "]", "[", "|"} for t in piece):
                    continue
                if label == "ORG":
                    piece = _with_following_head(piece)
                if label not in ("DATE", "TIME") and any(_contains(r, piece) for r in rejected):
                    continue  # "Chin" out of place context: neither a place nor the model's PERSON
                kept = self._keep_model(piece, label)
                if kept in ("PERSON", "ORG") and self._before_designator(piece):
                    kept = "PLACE"  # "Mong Kaing township", "Jalozai camp": a named place the model took for a name
                if kept in ("ORG", "PLACE") and (self._after_person(piece, person_ends)
                                                 or (piece.text.isupper() and self._in_name_list(doc, piece[0]))):
                    kept = "PERSON"
                if kept:
                    model.append(Span(doc, piece.start, piece.end, label=kept, kb_id="model"))

        rule_orgs = [Span(doc, s.start + (s[0].lower_ == "the" and len(s) > 2), s.end, label="ORG", kb_id="rule")
                     for s in rules if s.label_ == "ORG" and self._keep_model(s, "ORG", shaped=True)]
        rule_orgs = [s for s in rule_orgs if self._named_body(s, strong + rule_orgs)]
        rule_dates = [Span(doc, s.start, s.end, label="DATE", kb_id="rule") for s in rules if s.label_ == "DATE"]
        text = self._text(doc)
        found = [(m.start(), m.end()) for rx in self.date_regex for m in rx.finditer(text)] \
            + date_spans(text, (doc.lang_, "en"))
        for start, end in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                rule_dates.append(Span(doc, span.start, span.end, label="DATE", kb_id="rule"))
        rule_dates = [s for s in rule_dates if not _numbered(s) and not not_a_date(s.text, text[s.end_char:s.end_char + FOLLOWING])]

        rule_orgs += self._caps_names(doc) + self._caps_acronyms(doc)
        final: list[Span] = []
        taken: set[int] = set()

        def free(span: Span) -> bool:
            return not any(i in taken for i in range(span.start, span.end))

        def take(span: Span) -> None:
            final.append(span)
            taken.update(range(span.start, span.end))

        # 1. Model ORG/PLACE/PERSON spans that strictly contain a gazetteer name keep their longer extent.
        for m in sorted(model, key=lambda s: s.start - s.end):
            if m.label_ not in ("ORG", "PLACE", "PERSON"):
                continue
            if any((g.start, g.end) == (m.start, m.end) and g.label_ != m.label_ for g in strong):
                continue  # "Norte de Santander" the model calls a person: a known name of just that extent wins
            inner = [g for g in strong if _contains(m, g) and (g.start, g.end) != (m.start, m.end)]
            crossing = [g for g in strong if _overlaps(m, g) and not _contains(m, g)]
            if self._body_and_town(m, strong, rule_orgs):
                continue  # "UNICEF Islamabad", "Lashio-KMSS": an organisation and where its office is, two names
            if inner and not crossing and free(m) and not (m.label_ == "PERSON" and any(g.label_ == "ORG" for g in inner)):
                if m.label_ == "ORG" and any(t.lower_ in {"and", "&"} for t in m) and any(g.label_ == "ORG" for g in inner):
                    continue  # "UNHCR and UNICEF", "Ministry of Health and UNFPA": names stand alone
                take(Span(doc, m.start, m.end, label=m.label_, span_id=_inherited_id(m, inner), kb_id="model"))
        # 2. Gazetteer names and organisation shapes.
        for g in _longest_first(strong + rule_orgs):
            if free(g):
                take(g)
        # 3. Model spans: dates merge with rule dates (the longer wins), others fill what is left.
        dates = [s for s in model if s.label_ == "DATE"] + rule_dates
        others = [s for s in model if s.label_ not in ("DATE", "TIME")]
        for s in _longest_first(dates) + _longest_first([s for s in model if s.label_ == "TIME"]):
            if free(s):
                take(s)
        for s in _longest_first(others):
            if free(s):
                take(s)
        final = self._place_lists(doc, final)
        final = self._towns_before_states(doc, final)
        final = self._state_after_town(doc, final)
        doc.ents = self._bodies_with_place(sorted(final, key=lambda s: s.start))
        return doc

    def _named_body(self, span: Span, names: list[Span]) -> bool:
        """False for a name made of capitalised words and a body word in lower case ('lower_heads': "Docs team")
        when the words are a known organisation or place or hold one ("UNICEF team", "Lakeport team": that body's
        own staff, the team in that town), or are one acronym or one everyday word ("KMSS team", "Age group")."""
        head = next((h for h in entity_words().lower_heads if len(span) > len(h)
                     and tuple(t.lower_ for t in span[-len(h):]) == h and span[-1].is_lower), None)
        if head is None:
            return True
        words = span[:len(span) - len(head)]
        if any(g is not span and g.label_ in ("ORG", "PLACE") and words.start <= g.start and g.end <= words.end
               for g in names):
            return False  # "UNICEF team", "Lakeport team": a known body's staff, the team of a known town
        return not (len(words) == 1 and (words[0].is_upper or words[0].lower_ in self.lex["common"]))

    # --- organisations and places side by side -------------------------------------------------------------
    def _kind(self, span: Span) -> str | None:
        return self.kinds.get(span.id_) if span.id_ else None

    def _body_and_town(self, m: Span, strong: list[Span], rule_orgs: list[Span]) -> bool:
        """A model span made of a known organisation and a known town or district, nothing else but '-', 'the' or
        words of an office between them ('office_words': "UNICEF Country Office Lakeport"): the office's
        location, not part of the name (a country is: "Mercy Corps Myanmar")."""
        orgs = [g for g in strong + rule_orgs if g.label_ == "ORG" and _contains(m, g)]
        towns = [g for g in strong if g.label_ == "PLACE" and _contains(m, g) and self._kind(g) != "country"]
        if not orgs or not towns:
            return False
        covered = {i for g in orgs + towns for i in range(g.start, g.end)}
        first_town = min(g.start for g in towns)
        office = entity_words().office_words
        return all(t.i in covered or t.text in {"-", "–", "/", "the", "The"}
                   or (t.lower_ in office and t.i < first_town) for t in m)

    def _bodies_with_place(self, ents: list[Span]) -> list[Span]:
        """'Shelter Cluster Cameroon', 'Protection Working Group Somalia': a coordination body followed by the
        country or region it covers is one organisation."""
        bodies = entity_words().coordination_bodies
        out: list[Span] = []
        for span in ents:
            prev = out[-1] if out else None
            if (prev is not None and prev.label_ == "ORG" and span.label_ == "PLACE"
                    and self._kind(span) in ADMIN_KINDS and span.start - prev.end <= 1
                    and all(t.text in {"-", "–"} for t in span.doc[prev.end:span.start])
                    and "\n" not in span.doc[prev.start:span.end].text
                    and any(prev.text.lower().endswith(b) for b in bodies)):
                out[-1] = Span(span.doc, prev.start, span.end, label="ORG", span_id=0, kb_id=prev.kb_id_ or "rule")
                continue
            out.append(span)
        return out

    def _towns_before_states(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """'Mystic, CT', 'Spring Green, Wisconsin', 'Grand Rapids, MI': capitalised words right before a state's postal code
        or name, on one line, are a town when GeoNames lists a town of that name in that state (state_towns.json),
        and the code is the state. The world list leaves many such towns out (their names are words or people's
        names); the state beside them is the evidence. What the model made of the words gives way; another list's
        or a rule's name stays."""
        if not self.state_towns:
            return ents
        taken = {i: e for e in ents for i in range(e.start, e.end)}
        states = [(e.start, self.state_ids[e.id_], None) for e in ents
                  if e.label_ == "PLACE" and self.state_ids.get(e.id_) in self.state_towns]
        states += [(t.i, key, t) for t in doc if t.is_upper and len(t) == 2 and t.i not in taken
                   for key in self.state_towns if key[1] == t.text]
        added: list[Span] = []
        for i, key, code in states:
            j = i - 1 if i > 0 and doc[i - 1].text == "," else i
            run: list = []
            while j - 1 >= 0 and len(run) < 3 and doc[j - 1].is_title and doc[j - 1].is_alpha \
                    and "\n" not in doc[j - 1].whitespace_:
                j -= 1
                run.insert(0, doc[j])
            for k in range(len(run)):  # the longest name first: "Cedar Falls" before "Falls"
                start, end = run[k].i, run[-1].i + 1
                if start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text in {"-", "–", ".", "'", "’"}:
                    continue  # "Winston-Salem", "St.Paul": the end of a longer name is not the town
                if doc[start:end].text not in self.state_towns[key]:
                    continue
                over = list({id(taken[t]): taken[t] for t in range(start, end) if t in taken}.values())
                same = [o for o in over if o.label_ == "PLACE" and (o.start, o.end) == (start, end)]
                if not same and any(o.kb_id_ != "model" or o.start < start or o.end > end for o in over):
                    break
                if not same:
                    ents = [e for e in ents if e not in over]
                    town = Span(doc, start, end, label="PLACE", kb_id="gazetteer")
                    added.append(town)
                    taken.update({t: town for t in range(start, end)})
                if code is not None and code.i not in taken:
                    eid = self.state_codes.get(code.text)
                    state = Span(doc, code.i, code.i + 1, label="PLACE", kb_id="gazetteer",
                                 span_id=eid if eid and self.state_ids.get(eid) == key else 0)
                    added.append(state)
                    taken[code.i] = state
                break
        return sorted(ents + added, key=lambda s: s.start) if added else ents

    def _state_after_town(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """'Raleigh, NC', 'Des Moines IA 50309': a state or province code right after a town is a place."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        added, out = [], []
        for e in ents:
            i = e.end + (e.end < len(doc) and doc[e.end].text == ",")
            code = doc[i].text if i < len(doc) and i not in taken and "\n" not in doc[e.end - 1:i].text else ""
            after = doc[i + 1] if code and i + 1 < len(doc) else None
            bare_ok = i > e.end or after is None or after.like_num or after.is_punct or "\n" in doc[i].whitespace_
            if code in self.state_codes and bare_ok and not e.text.isupper() and (e.label_ == "PLACE" or (
                    e.label_ == "PERSON" and e.kb_id_ == "model" and i > e.end and len(e) <= 2
                    and code not in self.lex["not_org_acronyms"])):
                if e.label_ != "PLACE":  # "Raleigh, NC": a town named like a person
                    e = Span(doc, e.start, e.end, label="PLACE", kb_id="model")
                added.append(Span(doc, i, i + 1, label="PLACE", span_id=self.state_codes[code], kb_id="gazetteer"))
                taken.add(i)
            out.append(e)
        for tok in doc:  # "a beverage in DC": a state code after "in", "to", "from" names the state
            if tok.text not in self.state_codes or tok.i in taken:
                continue
            prev, nxt = _next_word(doc, tok.i, -1), _next_word(doc, tok.i, 1)
            if prev is not None \
                    and prev.lower_ in entity_words().place_prepositions and prev.is_lower \
                    and tok.text not in self.lex["not_org_acronyms"] and not (nxt is not None and nxt.is_title):
                added.append(Span(doc, tok.i, tok.i + 1, label="PLACE", span_id=self.state_codes[tok.text], kb_id="gazetteer"))
                taken.add(tok.i)
        return sorted(out + added, key=lambda s: s.start) if added else ents

    def _before_designator(self, span: Span) -> bool:
        """The next word is an administrative noun ("township", "camp", "commune") and the span holds no
        organisation head."""
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return (nxt is not None and nxt.lower_ in entity_words().place_designators and not nxt.is_upper
                and _head(span) not in entity_words().org_heads)

    def _place_lists(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Items of a list that holds a known place are places too ("Hangu/Kohat, Jalozai", "Namtu, Mung Hom and
        Lashio"): capitalised words, not everyday words, not already a gazetteer or rule name."""
        by_token = {i: e for e in ents for i in range(e.start, e.end)}
        places = [e for e in ents if e.label_ == "PLACE"]
        added: list[Span] = []
        while places:
            nxt_places = []
            for p in places:
                for cand in (self._list_item(doc, p, 1), self._list_item(doc, p, -1)):
                    if cand is None:
                        continue
                    hits = {id(by_token[i]): by_token[i] for i in range(cand.start, cand.end) if i in by_token}
                    if any(h.kb_id_ != "model" or h.label_ == "PLACE" or not _contains(cand, h) for h in hits.values()):
                        continue  # a known name, a place already, or a model span reaching further
                    for h in hits.values():
                        ents.remove(h)
                    span = Span(doc, cand.start, cand.end, label="PLACE", kb_id="rule")
                    for i in range(span.start, span.end):
                        by_token[i] = span
                    ents.append(span)
                    added.append(span)
                    nxt_places.append(span)
            places = nxt_places
        return sorted(ents, key=lambda s: s.start) if added else ents

    def _list_item(self, doc: Doc, place: Span, step: int) -> Span | None:
        """The capitalised run of one to three words on the other side of a list joiner next to `place`."""
        joiner_i = place.end if step == 1 else place.start - 1
        if not 0 <= joiner_i < len(doc) or doc[joiner_i].lower_ not in self.joiners or "\n" in doc[joiner_i].whitespace_:
            return None
        i, toks = joiner_i + step, []
        while 0 <= i < len(doc) and len(toks) < 4:
            t = doc[i]
            hyphened = toks and (toks[-1].text in {"-", "'", "’"} if step == 1 else t.text in {"-", "'", "’"})
            if t.is_alpha and (t.text[:1].isupper() or hyphened) or (toks and t.text in {"-", "'", "’"}):
                toks.append(t)
                if "\n" in (t.whitespace_ if step == 1 else doc[i - 1].whitespace_ if i > 0 else ""):
                    break
                i += step
            else:
                break
        while toks and not toks[-1].is_alpha:
            toks.pop()
        if not toks or len(toks) > 3:
            return None
        start, end = (toks[0].i, toks[-1].i + 1) if step == 1 else (toks[-1].i, toks[0].i + 1)
        after = doc[end] if end < len(doc) else None
        if doc[joiner_i].text == "," and after is not None and not (after.is_punct or after.lower_ in self.joiners
                                                                   or "\n" in doc[end - 1].whitespace_):
            return None  # "Yangon, Ko Aung said": a list item ends at a joiner, a bracket or the line's end
        span = doc[start:end]
        lex = self.lex
        words = [t for t in span if t.is_alpha]
        words_of = self.words_and_dictionary if len(words) == 1 else lex["common"]
        if any(t.lower_ in words_of or t.lower_ in entity_words().org_heads or self._native_word(t.lower_)
               or t.text in lex["ethnic"] or t.lower_ in lex["not_org"] or self._given_name(t)
               or t.lower_ in self.date_words or (t.text[1:2].isupper() and not t.is_upper) for t in words):
            return None  # words, bodies, people, weekdays, "UNICEFoffice"
        if len(words) == 1 and (words[0].is_upper or len(words[0]) < 3):
            return None  # "WHO", "RI": acronyms are bodies more often than places
        return span

    def _caps_names(self, doc: Doc) -> list[Span]:
        """Names written in capitals that end in an organisation's head ("CITY COUNCIL", "HICKMAN PUB",
        "GREEK ORTHODOX CHURCH"): one organisation, not a run of acronyms; it starts after 'of', 'for', 'the'."""
        heads, out = entity_words().org_heads, []
        run: list = []
        for tok in [*doc, None]:
            if tok is not None and (tok.is_upper and (tok.is_alpha or tok.text in {"&", "'S", "’S"})) \
                    and not (run and "\n" in run[-1].whitespace_):
                run.append(tok)
                continue
            led = self._caps_led_name(run)
            while run and run[-1].lower_ not in heads:
                run.pop()
            lead = max((k + 1 for k, t in enumerate(run) if t.lower_ in CAPS_NAME_BREAKS), default=0)
            name = run[lead:]
            while name and name[0].lower_ in CLOCK_WORDS:
                name = name[1:]  # "2:00 PM MINISTRY": the clock's "PM" is no part of the name
            if led is not None:
                out.append(led)
            elif 2 <= len(name) <= 6 and sum(t.is_alpha for t in name) >= 2 and name[0].is_alpha \
                    and not any(t.lower_ in self.lex["job_titles"] for t in name[:-1]):
                # "TOWN CLERK COMMUNICATIONS": a role's papers, a heading, not a body
                out.append(Span(doc, name[0].i, name[-1].i + 1, label="ORG", kb_id="rule"))
            run = [tok] if tok is not None and tok.is_upper and tok.is_alpha else []
        return out


    def _caps_led_name(self, run: list) -> Span | None:
        """'MINISTRY OF WATER RESOURCES', 'BOARD OF HEALTH': in capitals, a head word, 'of' or 'for' and one to
        CAPS_LED_WORDS words that are no break words name one body."""
        words = entity_words()
        for k in range(len(run) - 2):
            if run[k].lower_ in words.org_heads and run[k + 1].lower_ in words.lead_links \
                    and (k == 0 or run[k - 1].lower_ in CAPS_NAME_BREAKS | CLOCK_WORDS):  # not "VICE SQUAD FOR REVIEW"
                after = run[k + 2 + (run[k + 2].lower_ == "the"):]  # "OFFICE OF THE CITY CLERK"
                tail = after[:CAPS_LED_WORDS]
                cut = next((j for j, t in enumerate(tail) if t.lower_ in CAPS_NAME_BREAKS), len(tail))
                tail = tail[:cut]
                if tail and tail[-1].is_alpha and len(after) <= CAPS_LED_WORDS:
                    return Span(run[k].doc, run[k].i, tail[-1].i + 1, label="ORG", kb_id="rule")
                return None
        return None


def _hyphen_joined(spans: list[Span]) -> list[Span]:
    """'KBC-HDD-NSS': acronyms joined by hyphens without spaces name one body (a department of KBC)."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        doc = span.doc
        if prev is not None and span.start == prev.end + 1 and doc[prev.end].text == "-" \
                and not doc[prev.end - 1].whitespace_ and not doc[prev.end].whitespace_:
            out[-1] = Span(doc, prev.start, span.end, label="ORG", kb_id="rule")
            continue
        out.append(span)
    return out


def _outside_parens(span: Span) -> Span:
    """'F) McAninch Corporation', 'Save the Children) Abdullahi': a bracket the span does not close cuts it;
    the side that holds a capitalised name is kept."""
    opens = [t.i for t in span if t.text == "("]
    closes = [t.i for t in span if t.text == ")"]
    if not opens and not closes or (opens and closes and opens[0] < closes[0] and len(opens) == len(closes)):
        return span
    cut = closes[0] if closes and (not opens or closes[0] < opens[0]) else opens[0]
    before, after = span.doc[span.start:cut], span.doc[cut + 1:span.end]
    keep = before if len(before) >= len(after) or not after.text[:1].isupper() else after
    return Span(span.doc, keep.start, keep.end, label=span.label_) if len(keep) else span


def _inherited_id(outer: Span, inner: list[Span]) -> int:
    """'Mercy Corps Myanmar' is Mercy Corps: one known name of the same label plus only places and 'the'."""
    same = [g for g in inner if g.label_ == outer.label_]
    if len(same) != 1:
        return 0
    covered = {i for g in inner for i in range(g.start, g.end)}
    rest = [t for t in outer if t.i not in covered and t.lower_ not in {"the", "-", "(", ")"}]
    return same[0].id if not rest and outer.label_ == "ORG" else 0


def _things_named(doc: Doc) -> set[str]:
    """Codes that the document only ever writes right before a thing's or a technical term's head word ("the QTF
    editor", "a KRS grant", "DRP server logs"): a name for a kind of thing, not for a body, which minutes also write
    alone or before what it does. A code written alone even once, or before any other word, is left out."""
    heads = entity_words().technical_heads | entity_words().thing_heads
    seen: dict[str, bool] = {}
    for tok in doc:
        if not tok.is_upper or len(tok) < 2:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        before_thing = nxt is not None and nxt.is_alpha and nxt.lower_ in heads and tok.whitespace_ == " "
        seen[tok.text] = seen.get(tok.text, True) and before_thing
    return {text for text, always in seen.items() if always}


def _head(span: Span) -> str:
    """The last word, lower-cased, without a full stop ("Inc." -> "inc")."""
    return span[-1].lower_.rstrip(".")


def _singular(word: str) -> str | None:
    """The word, or its singular when the head lists know only that ("assessments" -> "assessment", "surveys" ->
    "survey", "strategies" -> "strategy"): one entry per head word, not two."""
    heads = entity_words().thing_heads
    if word in heads or not word.endswith("s"):
        return word
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(cut) and word[: -len(cut)] + add in heads:
            return word[: -len(cut)] + add
    return word


def _thing_first(span: Span) -> bool:
    """'Certificate of Occupancy', 'Release of Funds', 'Phase II': a thing head ('thing_heads') opens the span and
    'of'/'for' and a capitalised word, or only a number or numeral, follow: the name of a document or act."""
    if len(span) < 2 or not span[0].is_title or _singular(span[0].lower_) not in entity_words().thing_heads:
        return False
    rest = [t for t in span[1:] if not t.is_space]
    if all(t.like_num or ROMAN.fullmatch(t.text) or (len(t.text) == 1 and t.is_upper) for t in rest):
        return True
    return len(rest) > 1 and rest[0].lower_ in entity_words().lead_links and rest[-1].text[:1].isupper()


def _org_lead(span: Span) -> bool:
    """'Office of the Water Commissioner', 'Ministerio de Salud': an organisation head followed by 'of' and a name."""
    return len(span) > 2 and span[0].is_title and span[0].lower_ in entity_words().org_heads and span[1].lower_ in entity_words().lead_links \
        and span[-1].text[:1].isupper()


def _numbered(span: Span) -> bool:
    """'#1997', 'No. 2016': a bare number after a number sign is an issue or item number, not a year."""
    i = span.start - 1
    if i > 0 and span.doc[i].text == ".":
        i -= 1  # "No. 2015" is three tokens
    return len(span) == 1 and span[0].is_digit and i >= 0 and span.doc[i].lower_ in {"#", "no", "no.", "nº", "n°", "nr", "nr."}


def _with_following_head(span: Span) -> Span:
    """'Riverside Anglers’' + 'Club': the model sometimes stops one word before the head."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].text in {"’", "'", "’s", "'s"} and doc[end].idx == doc[end - 1].idx + len(doc[end - 1]):
        end += 1  # the possessive the model left out: "Anglers’ Club"
    head = end
    while end < len(doc) and doc[end].is_title and doc[end].lower_ in entity_words().org_heads and end - head < 2:
        end += 1
    return span if end == head else Span(doc, span.start, end, label=span.label_)


def _next_word(doc: Doc, i: int, step: int):
    """The nearest token before (step -1) or after (step 1) token i that is not white space, or None."""
    i += step
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return doc[i] if 0 <= i < len(doc) else None


def _longest_first(spans: list[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start - s.end, s.start))


@Language.factory("minutes_entity_resolver")
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    """Create the resolver that settles model, gazetteer and rule spans into doc.ents.

    nlp (Language): the pipeline it belongs to.
    name (str): the component name.
    RETURNS (EntityResolver): the component.
    """
    return EntityResolver(nlp, name)
