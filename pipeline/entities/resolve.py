"""The spaCy component that merges model entities, gazetteer matches and rule matches into doc.ents.

Policy (one place, data-driven by the lexicons in models/gazetteers/):
- a gazetteer or rule span beats the model span it covers or crosses; a longer model ORG/PLACE/PERSON that
  contains a gazetteer name keeps its extent ("World Vision Myanmar", "University of Edinburgh");
- a gazetteer place is never PERSON; context-needing names (Chin, Mon, Pale) are PLACE only in place context,
  and otherwise remove what the model made of them;
- model ORGs that are tools/products, job titles or comma-joined lists are dropped or split;
- a DATE inside a place is dropped; durations and frequencies become TIME.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

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
ROMAN = re.compile(r"[IVXLCDM]+")
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(am|pm|h)?|\d{1,2}(am|pm|h)", re.I)
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx", "sr", "sra", "mme", "m"}
PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "around", "across", "via", "outside", "inside", "within",
                      "into", "throughout", "towards", "en", "à", "de", "desde", "hacia", "nach", "aus", "bei"}
NOT_DATE = re.compile(r"^(v?\d+(\.\d+)+(\.x)?|\d{1,3}|\d{5,}|[\d,.]+%?)$", re.I)
# Last words that make a span an organisation whatever its other words are.
ORG_HEADS = {"agency", "alliance", "association", "authority", "bank", "board", "bureau", "centre", "center",
             "cluster", "coalition", "college", "commission", "committee", "company", "consortium", "corporation",
             "council", "department", "directorate", "federation", "forum", "foundation", "fund", "group", "inc",
             "institute", "institution", "league", "ltd", "llc", "ministry", "network", "office", "organisation",
             "organization", "partnership", "programme", "program", "secretariat", "school", "sector", "services",
             "society", "team", "trust", "union", "unit", "university", "wg", "working"}


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
        """'Phandeeyar, World Vision Myanmar' -> two spans; keeps pieces that still look like names."""
        if not any(t.text in {",", ";", "/"} for t in span):
            return [span]
        out, start = [], span.start
        for tok in [*span, None]:
            if tok is None or tok.text in {",", ";", "/"}:
                end = tok.i if tok is not None else span.end
                piece = span.doc[start:end]
                if len(piece) and piece[0].text[:1].isupper():
                    out.append(Span(span.doc, piece.start, piece.end, label=span.label_))
                start = end + 1
        return out

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
            if span[0].text in lex["first_names"] and span[-1].lower_ not in ORG_HEADS:
                return "PERSON"
            if any(t.lower_.rstrip(".") in HONORIFICS for t in span):
                return "PERSON"  # "Prof Marija ...", "Ms Anja ..."
            if span[-1].lower_ not in ORG_HEADS and any(t.lower_ in lex["job_titles"] and t.text[:1].isupper() for t in span):
                return None  # "Gender Balance Coordinator Anja": a role and a name, not an organisation
            alpha = [t.text for t in span if t.is_alpha and t.text not in {"&", "and"}]
            if len(alpha) > 1 and all(w in lex["first_names"] or w in lex["surnames"] or len(w) == 1 for w in alpha):
                return "PERSON"  # "Deb Nicholson", "Steven R Loomis"
            words = [t for t in span if t.is_alpha and t.lower_ not in lex["not_org"]]
            # "Hack the Borough", "Search for Common Ground": capitals around a small word are a name's shape.
            named = any(t.lower_ in {"the", "of", "for"} and t.is_lower and 0 < t.i - span.start < len(span) - 1 for t in span)
            if words and not shaped and not named and not text.isupper() and span[-1].lower_ not in ORG_HEADS \
                    and all(t.lower_ in lex["common"] or t.lower_ in {"and", "&", "of", "for", "the"} for t in words):
                return None  # "Sound Site", "Initial Review": title-case words, not a name
        if label == "ORG":
            if text in lex["not_org_acronyms"] or text.upper() in lex["not_org_acronyms"] and text.isupper():
                return None
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and nxt.lower_ in lex["job_titles"] and nxt.text[:1].isupper():
                return None  # "Information Management" + "Officer": a role, not an organisation
            if low in lex["not_org"] or low.removeprefix("the ") in lex["not_org"]:
                return None
            if span[-1].lower_ in lex["job_titles"] or not text[:1].isupper() and not text[:1].isdigit():
                return None
            if len(span) == 1 and low in lex["common"] and not text.isupper():
                return None
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
            if FREQUENCY.match(text) or DURATION.match(text) or low in {"day", "days", "week", "weeks", "month",
                                                                       "months", "year", "years"}:
                return "TIME"
            if NOT_DATE.match(text) or re.fullmatch(r"\d{1,2}\s*[-–]\s*\d{1,2}", text):
                return None
            if label == "DATE" and not (re.search(r"\d", text) or any(t.lower_.rstrip(".") in self.date_words for t in span)):
                return None  # "the end of these minutes": no calendar word in it
        return label

    def _caps_acronyms(self, doc: Doc) -> list[Span]:
        """Stand-alone capitalised acronyms (ICBL, TC39) that are not words, shorthand, codes or shouting."""
        lex = self.lex
        out = []
        for tok in doc:
            text = tok.text
            if not ACRONYM.fullmatch(text) or sum(c.isalpha() for c in text) < 2:
                continue
            if text.lower() in lex["common"] or text in lex["not_org_acronyms"] or text.lower() in lex["not_org"] \
                    or ROMAN.fullmatch(text):
                continue
            neighbours = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
            if any(n.is_upper and n.is_alpha and len(n) > 1 for n in neighbours):
                continue  # a run of capitals is a heading or shouting, not an acronym
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG", kb_id="rule"))
        return out

    # --- merge ---------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = list(doc.spans.get("gazetteer", []))
        rules = list(doc.spans.get("rules", []))
        lex = self.lex

        plain = [s for s in gaz if not s.label_.endswith(("_CTX", "_SHORT"))]
        # A gazetteer place whose name is also a people (Naga, Shan) needs context like the listed ones.
        ctx = [s for s in gaz if s.label_ == "PLACE_CTX"] + [s for s in plain if s.label_ == "PLACE" and s.text in lex["ethnic"]]
        plain = [s for s in plain if not (s.label_ == "PLACE" and s.text in lex["ethnic"])]
        places = [s for s in plain if s.label_ == "PLACE"]
        accepted, rejected = self._context_places(ctx, places)
        strong = [Span(doc, s.start, s.end, label=s.label_.split("_")[0], span_id=s.id_, kb_id="gazetteer")
                  for s in plain + accepted]
        strong = _longest_first(strong)

        model: list[Span] = []
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            for piece in self._split_list(ent) if label in ("ORG", "DATE") else [ent]:
                if len(piece) > 1 and piece[0].lower_ == "the" and label in ("ORG", "PLACE"):
                    piece = piece[1:]
                while len(piece) > 1 and (piece[-1].is_punct or piece[-1].is_space):
                    piece = piece[:-1]
                if label == "DATE":  # "4:30 Friday", "7 February at 3 pm": the clock time is not the date
                    while len(piece) > 1 and (CLOCK.fullmatch(piece[0].text) or piece[0].lower_ in {"at", "am", "pm", "p.m.", "a.m."}):
                        piece = piece[1:]
                    while len(piece) > 1 and (CLOCK.fullmatch(piece[-1].text) or piece[-1].lower_ in {"at", "am", "pm", "p.m.", "a.m.", ","}):
                        piece = piece[:-1]
                if not len(piece) or any(t.text in {"](", "]", "[", "|"} for t in piece):
                    continue
                if label not in ("DATE", "TIME") and any(_contains(r, piece) for r in rejected):
                    continue  # "Chin" out of place context: neither a place nor the model's PERSON
                kept = self._keep_model(piece, label)
                if kept:
                    model.append(Span(doc, piece.start, piece.end, label=kept, kb_id="model"))

        rule_orgs = [Span(doc, s.start, s.end, label="ORG", kb_id="rule") for s in rules
                     if s.label_ == "ORG" and self._keep_model(s, "ORG", shaped=True)]
        rule_dates = [Span(doc, s.start, s.end, label="DATE", kb_id="rule") for s in rules if s.label_ == "DATE"]
        for rx in self.date_regex:
            for m in rx.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    rule_dates.append(Span(doc, span.start, span.end, label="DATE", kb_id="rule"))

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
                    continue  # "UNHCR and UNICEF", "Department of Population and UNFPA": names stand alone
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
    """'World Vision Myanmar' is World Vision: one known name of the same label plus only places and 'the'."""
    same = [g for g in inner if g.label_ == outer.label_]
    if len(same) != 1:
        return 0
    covered = {i for g in inner for i in range(g.start, g.end)}
    rest = [t for t in outer if t.i not in covered and t.lower_ not in {"the", "-", "(", ")"}]
    return same[0].id if not rest and outer.label_ == "ORG" else 0


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
