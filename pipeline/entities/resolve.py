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

from pipeline.dates.find import date_spans, is_duration, not_a_date, trim_date
from pipeline.entities.gazetteer import lexicons

MODEL_LABELS = {"ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "PERSON": "PERSON",
                "DATE": "DATE", "TIME": "TIME"}
DURATION = re.compile(
    r"^(about |around |approximately |over |for |within |the |another |next |past |last |first |"
    r"coming |following )*((\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|a few|few|several|a couple of|couple of|many|some|half an?|a|an)[\s-]*)"
    r"(-?\s*(to|or|-|–)\s*(\d+|one|two|three|four|five|six))?\s*"
    r"(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|sprints?)( long| time)?$",
    re.I)
FREQUENCY = re.compile(r"^(bi-?)?(daily|weekly|monthly|quarterly|yearly|annually|annual|fortnightly|biweekly)$", re.I)
ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{2,7}")
MINISTRY = re.compile(r"Mo[A-Z]{1,6}")  # ministries' conventional short forms: MoE, MoHS, MoALI (not MoSCoW)
ROMAN = re.compile(r"[IVXLCDM]+")
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(am|pm|h)?|\d{1,2}(am|pm|h)", re.I)
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx", "sr", "sra", "mme", "m"}
PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "around", "across", "via", "outside", "inside", "within",
                      "into", "throughout", "towards", "en", "à", "de", "desde", "hacia", "nach", "aus", "bei"}
AGE = re.compile(r"\byears?[\s-]+olds?\b|\b(year|yr)s?[\s-]+(rep|student|project|plan|group)s?\b", re.I)  # "12-year-olds", "final year student"
LINK_WORDS = {"and", "&", "of", "for", "the"}
SHOUTED_WORD = 6  # an upper-case dictionary word this long is emphasis ("PRODUCTION"), not an acronym
NOT_DATE = re.compile(r"^(v?\d+(\.\d+)+(\.x)?|\d{1,3}|\d{5,}|[\d,.]+%?)$", re.I)
# Last words that make a span an organisation whatever its other words are.
ORG_HEADS = {"agency", "alliance", "association", "authority", "bank", "board", "bureau", "centre", "center",
             "cluster", "coalition", "college", "commission", "committee", "company", "consortium", "corporation",
             "council", "department", "directorate", "federation", "forum", "foundation", "fund", "group", "inc",
             "institute", "institution", "league", "ltd", "llc", "ministry", "network", "office", "organisation",
             "organization", "partnership", "programme", "program", "secretariat", "school", "sector", "services",
             "society", "team", "trust", "union", "unit", "university", "wg", "working",
             # legal forms and the words businesses and public bodies end their names with
             "co", "corp", "plc", "gmbh", "ag", "sa", "sarl", "bv", "pty", "limited", "incorporated", "llp",
             "associates", "partners", "enterprises", "industries", "holdings", "productions", "technologies",
             "laboratory", "laboratories", "labs", "studios", "academy", "club", "church", "hospital",
             "clinic", "police", "court", "parliament", "assembly", "senate", "congress", "party", "cooperative",
             "collective", "caucus", "guild", "ngo", "taskforce", "subcommittee"}
LEGAL_FORMS = {"inc", "ltd", "llc", "llp", "plc", "gmbh", "corp", "co", "sa", "sarl", "bv", "pty", "ag"}
ORG_LEAD_LINKS = {"of", "for", "de", "du", "des", "del", "della", "für"}


def _contains(a: Span, b: Span) -> bool:
    return a.start <= b.start and b.end <= a.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class EntityResolver:
    """Merge doc.ents (the model's), doc.spans['gazetteer'] and doc.spans['rules'] into final doc.ents."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lex = lexicons()
        ctx = self.lex["context"]
        self.before = set(ctx["before"])
        self.after = set(ctx["after"])
        self.not_after = set(ctx["not_after"])
        self.joiners = set(ctx["list_joiners"])
        words = self.lex["dates"]
        self.date_words = set(words["words"])
        self.date_regex = [re.compile(r, re.I) for r in words["regex"]]
        self.catalog: dict = {}  # entity_id -> CatalogEntry, set by build_nlp; tag_entities names mentions with it

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
        return (prev is not None and prev.lower_ in PLACE_PREPOSITIONS) or (nxt is not None and nxt.text in self.after)

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
        if tok.lower_ in ORG_HEADS or tok.lower_ in lex["streets"] or tok.lower_ in lex["not_org"] or tok.text in lex["ethnic"]:
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

    def _after_person(self, span: Span, person_ends: set[int]) -> bool:
        """'Kenji Oyelaran', 'Radmila\nPetrescu', 'Dr Korvalis': a family name the model cut off from the given
        name, honorific or person just before it (table cells often wrap names across lines)."""
        if len(span) > 2 or not all(self._family_name(t) for t in span):
            return False
        prev = _next_word(span.doc, span.start, -1)
        return prev is not None and (prev.i in person_ends or prev.lower_.rstrip(".") in HONORIFICS
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
            if span[0].text in lex["first_names"] and _head(span) not in ORG_HEADS and _head(span) not in lex["streets"]:
                return "PERSON"  # but "Oswin Street" is a street
            if any(t.lower_.rstrip(".") in HONORIFICS for t in span):
                return "PERSON"  # "Prof Leontina ...", "Ms Oksana ..."
            if _head(span) not in ORG_HEADS and any(t.lower_ in lex["job_titles"] and t.text[:1].isupper() for t in span):
                return None  # "Outreach Coordinator Oksana": a role and a name, not an organisation
            alpha = [t.text for t in span if t.is_alpha and t.text not in {"&", "and"}]
            if len(alpha) > 1 and _head(span) not in lex["streets"] \
                    and all(w in lex["first_names"] or w in lex["surnames"] or len(w) == 1 for w in alpha):
                return "PERSON"  # "Emeka Adeyemi", "Priya K Lindqvist" (not "Wendell Street")
            if not shaped and self._person_shape(span):
                return "PERSON"  # "Svetlana Korvalis", "Radomir", "Joaquim & Ingrid"
            if len(alpha) > 1 and all(len(w) <= 2 for w in alpha):
                return None  # "SE Y F": codes and initials from a table row
            if not shaped and len(span) > 1 and span[-1].is_stop and span[-1].is_alpha and _head(span) not in ORG_HEADS:
                return None  # "ROWAN PARK ON", "Riverton Parks and": cut mid-phrase
            words = [t for t in span if t.is_alpha and t.lower_ not in lex["not_org"]]
            # "Friends of the Harbour", "Bridges for Peace": capitals around a small word are a name's shape.
            named = any(t.lower_ in {"the", "of", "for"} and t.is_lower and 0 < t.i - span.start < len(span) - 1 for t in span)
            ordinary = lex["common"] if label == "PLACE" else lex["common"] | lex["dictionary"]
            if words and not shaped and not named and not text.isupper() and _head(span) not in ORG_HEADS \
                    and all(t.lower_ in ordinary or t.lower_ in LINK_WORDS or t.text in lex["not_org_acronyms"]
                            for t in words):
                return None  # "Volunteer Scheduling", "Weekly Reporting", "MVP Login Page": words, not a name
        if label == "ORG":
            if text in lex["not_org_acronyms"] or text.upper() in lex["not_org_acronyms"] and text.isupper():
                return None
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and nxt.lower_ in lex["job_titles"] and nxt.text[:1].isupper():
                return None  # "Data Quality" + "Officer": a role, not an organisation
            if low in lex["not_org"] or low.removeprefix("the ") in lex["not_org"]:
                return None
            if span[-1].lower_ in lex["job_titles"] or not text[:1].isupper() and not text[:1].isdigit():
                return None
            if len(span) == 1 and low in lex["common"] and (not text.isupper() or len(text) >= SHOUTED_WORD):
                return None  # "Update", "PRODUCTION"; short capitals such as "CARE" may be names
            if not re.search(r"[^\W\d_]", text) or (len(span) == 1 and _head(span) in LEGAL_FORMS):
                return None  # "10:47:05", a lone "Inc."
            if not shaped and (span[0].is_digit or (len(span) > 1 and _head(span) in lex["streets"])):
                return None  # "5127 University", "Ostrander Drive": addresses and streets
            if not shaped and span[-1].is_lower and span[-1].lower_ not in ORG_HEADS:
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
            if re.search(r"\d", text):
                return None
            if low in lex["common"] or low in lex["not_org"] or text in lex["ethnic"] or not text[:1].isupper():
                return None
        if label == "PERSON" and (text in lex["ethnic"] or low in lex["not_org"]):
            return None
        if label in ("DATE", "TIME"):
            if FREQUENCY.match(text) or DURATION.match(text) or is_duration(text) or low in {"day", "days", "week", "weeks", "month",
                                                                       "months", "year", "years"}:
                return "TIME"
            if NOT_DATE.match(text) or re.fullmatch(r"\d{1,2}\s*[-–]\s*\d{1,2}", text) or AGE.search(text) or _numbered(span) \
                    or not_a_date(text, span.doc.text[span.end_char:span.end_char + 20]):
                return None
            if label == "DATE" and not (re.search(r"\d", text) or any(t.lower_.rstrip(".") in self.date_words for t in span)):
                return None  # "the end of this agenda": no calendar word in it
        return label

    def _caps_acronyms(self, doc: Doc) -> list[Span]:
        """Stand-alone capitalised acronyms (KDRN, XJ42) that are not words, shorthand, codes or shouting."""
        lex = self.lex
        out = []
        for tok in doc:
            text = tok.text
            if MINISTRY.fullmatch(text) and text.upper() not in lex["not_org_acronyms"]:
                out.append(Span(doc, tok.i, tok.i + 1, label="ORG", kb_id="rule"))  # "MoE", "MoHS": Ministry of ...
                continue
            if not ACRONYM.fullmatch(text) or sum(c.isalpha() for c in text) < 2:
                continue
            low = text.lower()
            if low in lex["common"] or text in lex["not_org_acronyms"] or low in lex["not_org"] \
                    or ROMAN.fullmatch(text) or low in self.date_words \
                    or (len(text) >= SHOUTED_WORD and low in lex["dictionary"]):
                continue  # words, shorthand, products, "OCTOBER", "PAYMENTS"
            neighbours = [n for n in (_next_word(doc, tok.i, -1), _next_word(doc, tok.i, 1)) if n is not None]
            if any(n.is_upper and n.is_alpha and len(n) > 1 for n in neighbours):
                continue  # a run of capitals is a heading or shouting, not an acronym
            if self._listed_with_product(doc, tok) or self._in_name_list(doc, tok):
                continue
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG", kb_id="rule"))
        return out

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
        start = doc.text.rfind("\n", 0, tok.idx) + 1
        end = doc.text.find("\n", tok.idx)
        items = [i.strip() for i in re.split(r"[,;:]", doc.text[start:end if end >= 0 else len(doc.text)]) if i.strip()]
        if len(items) < 3 or not all(re.fullmatch(r"[A-Z][A-Z.\s'-]*", i) for i in items):
            return False
        names = self.lex["given_names"] | self.lex["surnames"]
        known = sum(any(w.title() in names for w in re.findall(r"[A-Z]{2,}", i)) for i in items)
        return known * 2 >= len(items)

    # --- merge ---------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = list(doc.spans.get("gazetteer", []))
        rules = list(doc.spans.get("rules", []))
        lex = self.lex

        plain = [s for s in gaz if not s.label_.endswith(("_CTX", "_SHORT"))]
        # A gazetteer place whose name is also a people (Naga, Shan) or a product (Java) needs context like the
        # listed ones.
        def needs_context(s: Span) -> bool:
            return s.label_ == "PLACE" and (s.text in lex["ethnic"] or s.text.lower() in lex["not_org"])

        ctx = [s for s in gaz if s.label_ == "PLACE_CTX"] + [s for s in plain if needs_context(s)]
        plain = [s for s in plain if not needs_context(s)]
        places = [s for s in plain if s.label_ == "PLACE"]
        accepted, rejected = self._context_places(ctx, places)
        strong = [Span(doc, s.start, s.end, label=s.label_.split("_")[0], span_id=s.id_, kb_id="gazetteer")
                  for s in plain + accepted]
        strong = _longest_first([g for g in strong if not (g.label_ == "PLACE" and self._in_full_name(g))])

        model: list[Span] = []
        person_ends = {e.end - 1 for e in doc.ents if e.label_ == "PERSON"}
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            for piece in self._split_list(ent) if label in ("ORG", "DATE") else [ent]:
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
                if kept in ("ORG", "PLACE") and (self._after_person(piece, person_ends)
                                                 or (piece.text.isupper() and self._in_name_list(doc, piece[0]))):
                    kept = "PERSON"
                if kept:
                    model.append(Span(doc, piece.start, piece.end, label=kept, kb_id="model"))

        rule_orgs = [Span(doc, s.start, s.end, label="ORG", kb_id="rule") for s in rules
                     if s.label_ == "ORG" and self._keep_model(s, "ORG", shaped=True)]
        rule_dates = [Span(doc, s.start, s.end, label="DATE", kb_id="rule") for s in rules if s.label_ == "DATE"]
        found = [(m.start(), m.end()) for rx in self.date_regex for m in rx.finditer(doc.text)] \
            + date_spans(doc.text, (doc.lang_, "en"))
        for start, end in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                rule_dates.append(Span(doc, span.start, span.end, label="DATE", kb_id="rule"))
        rule_dates = [s for s in rule_dates if not _numbered(s)]

        rule_orgs += self._caps_acronyms(doc)
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
            inner = [g for g in strong if _contains(m, g) and (g.start, g.end) != (m.start, m.end)]
            crossing = [g for g in strong if _overlaps(m, g) and not _contains(m, g)]
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
        doc.ents = sorted(final, key=lambda s: s.start)
        return doc


def _inherited_id(outer: Span, inner: list[Span]) -> int:
    """'Mercy Corps Myanmar' is Mercy Corps: one known name of the same label plus only places and 'the'."""
    same = [g for g in inner if g.label_ == outer.label_]
    if len(same) != 1:
        return 0
    covered = {i for g in inner for i in range(g.start, g.end)}
    rest = [t for t in outer if t.i not in covered and t.lower_ not in {"the", "-", "(", ")"}]
    return same[0].id if not rest and outer.label_ == "ORG" else 0


def _head(span: Span) -> str:
    """The last word, lower-cased, without a full stop ("Inc." -> "inc")."""
    return span[-1].lower_.rstrip(".")


def _org_lead(span: Span) -> bool:
    """'Office of the Water Commissioner', 'Ministerio de Salud': an organisation head followed by 'of' and a name."""
    return len(span) > 2 and span[0].is_title and span[0].lower_ in ORG_HEADS and span[1].lower_ in ORG_LEAD_LINKS \
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
    while end < len(doc) and doc[end].is_title and doc[end].lower_ in ORG_HEADS and end - head < 2:
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
