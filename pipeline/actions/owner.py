"""Who owes an action: named explicitly, the sentence's subject, or the organisation reporting the section."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from pipeline.actions.patterns import Patterns
from pipeline.config import MODELS_DIR
from pipeline.model import Mention, Participant

OWNER_LABELS = ("ORG", "PERSON")
NOT_OWNER_LABELS = ("PLACE", "DATE", "TIME")  # a subject tagged as one of these names no one
PERSON_AGENCY = re.compile(r"([^/,;&]+?)\s*/\s*([^/,;&]+)")
SPLIT_NAMES = re.compile(r"\s*(?:,|&|\+|/|;|\band\b|\by\s+a\b|\by\b|\bet\b)\s*")
CAPITALISED_RUN = re.compile(r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]*(?:\s+[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]*)*")
INITIALS = re.compile(r"\(\s*([A-Z]{2,4})\s*\)")
HANDLE = re.compile(r"(?<![\w.])(@[A-Za-z0-9][\w-]*(?:\.[\w-]+)*)(?![\w@])")  # "Orla Venn @orlav": a chat or forge handle
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass", "csubj")  # English (ClearNLP) and French (UD) labels
PASSIVE_SUBJECTS = ("nsubjpass", "nsubj:pass")
OBJECTS = ("dobj", "dative", "obj", "iobj", "obl:arg")  # "asked UNICEF to", "demandé à OCHA de"
CLAUSES = ("xcomp", "ccomp")
NAME_WORD = r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]+"
# "Imran(IK)", "Maren Dahl (MD)": a name defined with its initials anywhere in the text.
DEFINED_INITIALS = re.compile(rf"(?<![\w-])({NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})[ \t]*\([ \t]*([A-Z]{{2,4}})[ \t]*\)")
ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
MIXED_ACRONYM = re.compile(r"(?=\w*[A-Z]\w*[A-Z])[A-Z][A-Za-z]{1,5}")  # "CwC", "WaSH", "GoN": short, two capitals
PERSONAL_PRONOUNS = frozenset({"he", "she"})  # when no patterns are given (pronoun_subject)
GAZETTEERS = MODELS_DIR / "gazetteers"


def _word_list(name: str) -> frozenset[str]:
    path = GAZETTEERS / name
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words: a capitalised one after a first name starts a sentence, not a surname."""
    return _word_list("common_words.txt")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _word_list("first_names.txt")


def fold(s: str) -> str:
    """Lower case without accents, for matching 'Ramon' with 'Ramón'."""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()


@dataclass(frozen=True)
class Owner:
    name: str
    entity_id: str | None = None


class OwnerIndex:
    """The document's named people and organisations: mentions, participants and their initials."""

    def __init__(self, mentions: tuple[Mention, ...], participants: tuple[Participant, ...], text: str = ""):
        self.text = text
        self.mentions = sorted((m for m in mentions if m.label in OWNER_LABELS), key=lambda m: m.start_char)
        self.not_owners = sorted(((m.start_char, m.end_char) for m in mentions if m.label in NOT_OWNER_LABELS))
        self.by_text: dict[str, Mention] = {}
        for m in self.mentions:
            self.by_text.setdefault(fold(m.text), m)
            self.by_text.setdefault(fold(m.norm), m)
        # the attendance list's names and their first names: people the minutes themselves list
        self.listed = {fold(x) for p in participants if p.name.strip()
                       for x in {p.name.strip(), *(p.name.split()[:1] if p.kind == "person" else [])}}
        self.people: dict[str, str] = {}  # first name, full name or initials -> participant name
        ambiguous: set[str] = set()
        named = [(p.name.strip(), p.kind == "person", INITIALS.findall(p.text) + HANDLE.findall(p.text))
                 for p in participants]
        # Full names of people the text mentions, and names it defines with initials: "Rafiq(RQ)".
        named += [(m.norm, True, []) for m in self.mentions if m.label == "PERSON" and _full_name_like(m.norm)]
        named += [(n, False, [i]) for n, i in DEFINED_INITIALS.findall(text) if fold(i)[0] == fold(n)[0]]
        for name, person, initials in named:
            if not name:
                continue
            keys = {fold(name)}
            first = name.split()[0]
            if person and len(name.split()) > 1:
                keys.add(fold(first))
            keys.update(fold(i) for i in initials)
            for k in keys:
                if k in self.people and self.people[k] != name:
                    ambiguous.add(k)
                self.people[k] = name
        for k in ambiguous:
            self.people.pop(k, None)
        # first name -> the names of people listed or tagged in the text, for short forms ("Leo" for "Leopold Okafor")
        self.firsts: dict[str, set[str]] = {}
        for name in [x.name.strip() for x in participants if x.kind == "person"] + [
                m.norm for m in self.mentions if m.label == "PERSON"]:
            words = name.split()
            if 1 <= len(words) <= 4 and all(re.fullmatch(NAME_WORD, w) and not ACRONYM.fullmatch(w)
                                            and not re.search(r"['\u2019]s$", w) for w in words):
                self.firsts.setdefault(fold(words[0]), set()).add(name)
        for first, names in self.firsts.items():  # "Leopold" and "Leopold Okafor": one person, the fuller name
            full = max(names, key=len)
            if all(full.startswith(n) for n in names):
                self.firsts[first] = {full}

    def listed_name_at(self, text: str, pos: int) -> int | None:
        """End of the longest run of 1-4 capitalised words at text[pos:] that the attendance list names: a participant's
        full name, or the first name of one participant ("Rocío" for "Rocío Benítez Lara"); None if there is none."""
        m = re.match(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}}", text[pos:])
        if not m:
            return None
        words = list(re.finditer(NAME_WORD, m.group(0)))
        for k in range(len(words), 0, -1):
            run = m.group(0)[:words[k - 1].end()]
            if fold(run) in self.listed and fold(run) in self.people:
                return pos + len(run)
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start_char < end and m.end_char > start]

    def names_no_one(self, start: int, end: int) -> bool:
        """Whether [start, end) lies in a date, time or place mention."""
        return any(a < end and b > start for a, b in self.not_owners)

    def known(self, name: str) -> bool:
        return fold(name) in self.by_text or fold(name) in self.people or self.short_form(name) is not None

    def resolve(self, text: str, *, in_list: bool = False) -> Owner | None:
        """Canonical owner for a written name or list of names; names kept as written when nothing is known.

        A lone acronym becomes "Full Name (ACRONYM)": what it stands for, and what the minutes wrote; so does any other
        written form of a catalogued organisation ("Health Cluster (Health sector)", "UNHCR (HCR)").
        """
        text = _trim(text)
        if not text:
            return None
        m = self.by_text.get(fold(text))
        if m is not None and m.label == "ORG":
            if in_list and ACRONYM.fullmatch(text):
                return Owner(text, m.entity_id)  # "SCF/TARA/KWD": a list of acronyms stays as the minutes wrote it
            if not in_list and ACRONYM.fullmatch(text) and fold(m.norm) != fold(text) and len(m.norm.split()) > 1:
                return Owner(f"{m.norm} ({text})", m.entity_id)
            if not in_list and fold(m.norm) != fold(text):
                # "Health sector" -> "Health Cluster (Health sector)": the catalogued name, and what the minutes wrote
                return Owner(f"{m.norm} ({text})", m.entity_id)
            return Owner(m.norm, m.entity_id)
        if fold(text) in self.people:
            name = self.people[fold(text)]
            # "@orlav" -> "Orla Venn (@orlav)": who the handle is, and what the minutes wrote
            return Owner(f"{name} ({text})" if HANDLE.fullmatch(text) else name, self._entity_id(name))
        if m is not None:
            single = len(m.norm.split()) == 1
            return Owner((self.full_name(m.norm) or self.short_form(m.norm) if single else None) or m.norm, m.entity_id)
        short = self.short_form(text)
        if short:
            return Owner(short, self._entity_id(short))
        pair = PERSON_AGENCY.fullmatch(text)
        if pair and self._person_like(pair.group(1)) and self._org_like(pair.group(2)):
            # "Jane Doe / ACME Relief": one person and the agency they speak for, kept as written
            return Owner(text, self._entity_id(pair.group(2)))
        parts = split_names(text)
        if len(parts) > 1:
            resolved = [self.resolve(x, in_list=True) for x in parts]
            if any(r is not None and fold(r.name) != fold(x) for r, x in zip(resolved, parts)):
                # "Ysolde/Piet" -> "Ysolde Marr, Piet (Ysolde/Piet)": who they are, and the list as the minutes wrote it
                return Owner(f"{', '.join(r.name if r else x for r, x in zip(resolved, parts))} ({text})")
        if re.fullmatch(rf"{NAME_WORD}(?: {NAME_WORD})?", text) and not ACRONYM.fullmatch(text):
            return Owner(self.full_name(text) or text)
        return Owner(text)

    def _org_like(self, name: str) -> bool:
        m = self.by_text.get(fold(name))
        return (m is not None and m.label == "ORG") or bool(ACRONYM.fullmatch(name))

    def _person_like(self, name: str) -> bool:
        """A participant, a PERSON mention, or a first name followed by a capitalised word (not an organisation)."""
        m = self.by_text.get(fold(name))
        if m is not None:
            return m.label == "PERSON"
        if fold(name) in self.people:
            return True
        words = name.split()
        return (not ACRONYM.fullmatch(name) and 1 <= len(words) <= 3 and words[0] in first_names()
                and all(re.fullmatch(NAME_WORD, w) for w in words))

    def plausible(self, name: str) -> bool:
        """Whether a written one-word owner can be a name: 'According' or 'Want' at a sentence start is not."""
        words = name.split()
        if len(words) != 1 or self.known(name) or name in first_names() or ACRONYM.fullmatch(name):
            return True
        return name.lower() not in common_words()

    def full_name(self, first: str) -> str | None:
        """The fuller name a first name stands for in this text: 'Lucía' -> 'Lucía Ferrer Ortiz'.

        The capitalised words that follow the first name wherever it is written, cut at the first common
        word ('Gareth Will ...'); the most frequent such run wins, the shorter on a tie.
        """
        runs: Counter = Counter()
        for m in re.finditer(rf"(?<![\w-]){re.escape(first)}((?:[ \t]+{NAME_WORD}){{1,3}})", self.text):
            words = []
            for w in m.group(1).split():
                if w.lower() in common_words() or ACRONYM.fullmatch(w):
                    break
                words.append(w)
            if words:
                runs[" ".join([first, *words])] += 1
        if not runs:
            return None
        return sorted(runs.items(), key=lambda kv: (-kv[1], len(kv[0])))[0][0]

    def short_form(self, word: str) -> str | None:
        """The one participant whose first name a short form begins: 'Leo' -> 'Leopold Okafor', 'Theo' -> 'Theodora Lund'.

        Only a capitalised word of 3+ letters that is a first name or no common word ("Will" is not), and only
        when one participant fits.
        """
        k = fold(word)
        if len(k) < 3 or not re.fullmatch(NAME_WORD, word) or k in self.people or (
                word.lower() in common_words() and word not in first_names()):
            return None
        hits = {n for first, names in self.firsts.items() if first.startswith(k) and len(first) >= len(k) + 2
                for n in names}  # "Leo" for "Leopold", not "Olav" for "Olavs"
        return hits.pop() if len(hits) == 1 else None

    def antecedent(self, start: int, end: int) -> str | None:
        """The last person named in [start, end): who 'he' or 'she' most likely is.

        A PERSON mention, or a participant's first or full name the recogniser did not tag there.
        """
        named = [(m.start_char, m.text) for m in self.mentions_in(start, end) if m.label == "PERSON" and m.end_char <= end]
        for w in re.finditer(NAME_WORD, self.text[start:end]):
            name = self.people.get(fold(w.group(0)))
            if (name and fold(w.group(0)) != fold(name) and w.group(0) in name.split()) or self.short_form(w.group(0)):
                named.append((start + w.start(), w.group(0)))  # a first name or short form that stands for one participant
        return max(named)[1] if named else None

    def _entity_id(self, name: str) -> str | None:
        m = self.by_text.get(fold(name))
        return m.entity_id if m else None


NAME_EDGES = " .,:;-\u2013[]*_/|\u2022\u25aa"  # punctuation, and the cell separators of a flattened row ("/ IOM /")


def _trim(text: str) -> str:
    """Surrounding punctuation off a written name, keeping a closing bracket that closes one ("IOM (Yusuf)")."""
    text = text.strip(NAME_EDGES)
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:] and ")" not in text[:-1]:
        text = text[1:-1]
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip()
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip()
    while text.endswith("("):
        text = text[:-1].strip()
    return text.strip(NAME_EDGES)


def split_names(text: str) -> list[str]:
    """'Ilse, Corin and Bram' -> three names; a list inside brackets ("Co-chairs (FAO, WFP)") stays whole."""
    parts, start = [], 0
    for m in SPLIT_NAMES.finditer(text):
        if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
            continue
        parts.append(text[start:m.start()])
        start = m.end()
    parts.append(text[start:])
    return [x.strip() for x in parts if x.strip()]


def _full_name_like(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(re.fullmatch(NAME_WORD, w) for w in words)


def names_in_value(value: str, p: Patterns) -> str | None:
    """The assignee in an attribute value: 'Se le asigna la tarea a Tomás y a Lucía' -> 'Tomás, Lucía'."""
    m = p.assignee_in_value.search(value)
    if m:
        runs = CAPITALISED_RUN.findall(m.group(1))
        return ", ".join(runs) if runs else m.group(1).strip()
    return value.strip() or None


def subject_owner(sent: Span, offset: int, index: OwnerIndex, p: Patterns) -> str | None:
    """Who the parse says acts, when it names someone (a mention or a proper noun).

    sent: the parsed sentence; offset: the doc offset of the parsed text, to look up mentions.
    In order: the one a delegating verb hands the task to ("asked UNICEF to share"), the subject or passive
    agent of the verb that carries the action (a modal or "to": "Odile says she will check", "will be sent
    by OCHA"), then the main verb's subject. A personal pronoun acting stops the search: "he" or "she" is
    resolved from the people named before it (detect), not from another clause's subject.
    The first candidate that can be a name wins ("According to ..." is not one). A sentence that opens with its
    modal and has no subject ("...; will be helping with the tests") goes on with the sentence before it.
    """
    for n in _subject_candidates(sent, offset, index, p):
        if n is None:
            return None
        if _role_head(n.split()[-1], p) or HANDLE.fullmatch(n) or (index.plausible(n) and _capitalised(n, index)):
            return n  # a role is a common word by nature ("the secretariat will ..."), a handle lower case
    if _elided_subject(sent, p) and sent.start > 0:
        prev = sent.doc[sent.doc[sent.start - 1].sent.start: sent.start]  # the sentence (or clause) just before
        if len(prev) and not _elided_subject(prev, p):
            return subject_owner(prev, offset, index, p)
    return None


ITEM_LEAD_IN = re.compile(r"(?:[^\s:]+[ \t]+){0,3}[^\s:]+[ \t]*:[ \t]+")  # "7º punto del día: ", "Point 2 : "


def opening_names(text: str, start: int, index: OwnerIndex, p: Patterns) -> str | None:
    """The names a sentence opens with, before a lower-case word: "El PMA compartirá ...", "FAO y ACNUR van a ...".

    text: the sentence; start: its doc offset. Read by form, from the document's mentions and its attendance list (a
    participant's full or first name), where no parser of the language reads who acts; an article may come first,
    names may be joined by "y", "et", "and", "," or "/". A short lead-in closed by a colon may come first ("Punto 7:
    Rocío se ha encargado ...").
    """
    lead = ITEM_LEAD_IN.match(text)
    if lead and not any(start <= x.start_char < start + lead.end() for x in index.mentions):
        found = opening_names(text[lead.end():], start + lead.end(), index, p)
        if found:
            return found
    pos = 0
    m = re.match(r"([^\W\d_]+['\u2019]?)\s*", text)
    if m and m.group(1).lower().replace("\u2019", "'") in p.determiners:
        pos = m.end()
    first, end = None, None
    while True:
        at = [x.end_char - start for x in index.mentions if x.start_char == start + pos]
        listed = index.listed_name_at(text, pos)  # "Rocío se ha encargado ...": a participant the tagger did not tag
        if listed:
            at.append(listed)
        if not at:
            break
        first = pos if first is None else first
        pos = end = max(at)
        glue = re.match(r"\s*(,|/|&|\band\b|\bet\b|\by\b)\s*", text[pos:])
        if not glue:
            break
        pos += glue.end()
    if first is None or not re.match(r"\s+[a-z\u00e0-\u00ff]", text[end:]):
        return None
    return text[first:end]


def _elided_subject(sent: Span, p: Patterns) -> bool:
    """Minutes' telegraphic style: the sentence opens with its modal ("Will also review ...", "...; and to draw
    the checks") and names no subject."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if words and words[0].lower_ in COORDINATION_GLUE:
        words = words[1:]
    first = words[0] if words else None
    return (first is not None and (first.lower_ in p.action_modals or first.tag_ == "TO") and first.dep_.startswith("aux")
            and not any(t.dep_ in SUBJECT_DEPS or t.dep_ == "expl" for t in sent))


def _capitalised(name: str, index: OwnerIndex) -> bool:
    """A subject written all in lower case (a URL, "decidimos preparar", misparsed) names no one unless known."""
    return any(w[:1].isupper() for w in name.split()) or index.known(name)


def _subject_candidates(sent: Span, offset: int, index: OwnerIndex, p: Patterns):
    """Names that may own the sentence's action, best first; None where a pronoun acts and the search must stop."""
    m = HANDLE.match(sent.text)  # "@orlav to open an issue", "@orlav will ...": the handle acts
    if m and re.match(r"\s+(\S+)", sent.text[m.end():]) and (
            sent.text[m.end():].split()[0].lower() in p.action_modals | {"to"}):
        yield m.group(1)
    m = p.infinitive_task.match(sent.text)  # "Ilse and Corin to buy ...": the parser makes a noun the root
    if m:
        names = re.sub(r"\s+to\s+[a-z]+$", "", m.group(0))
        if not _pronoun(names, p):
            yield names
    verbs = [sent.root] + [t for t in sent if t.pos_ in ("VERB", "AUX") and t is not sent.root]
    for verb in verbs:
        if verb.lower_ in p.delegating_to:  # "moved to refer the request to the Town Engineer": the one it goes to
            for agent in _handed_to(verb):
                named = _named(agent, offset, index) or _role(agent, p)
                if named:
                    yield named
    for verb in verbs:
        # "Ines will invite Pavel to ...": Ines; "Partners will be invited to ...": the one invited, as when no modal
        if verb.lower_ in p.delegating_verbs and (not _carries_action(verb, p) or _passive(verb)):
            for agent in _delegated_to(verb):
                named = _named(agent, offset, index) or _role(agent, p)
                if named:
                    yield named
    collective = False  # "we should ... - Ines will write ...": the meeting commits, a named actor of another clause owns
    for verb in verbs:
        if not _carries_action(verb, p):
            continue
        agent = _passive_agent(verb)
        stranded = _stranded_subject(verb, p.action_modals)
        if stranded is not None and agent is None:
            # "... on the board Tamsin will write": the name the document knows, not the run the parser glued it to
            named = stranded.text if index.known(stranded.text) else _named(stranded, offset, index)
            if named:
                yield named
        subj = _subject_of(verb, (p.plan_nouns, p.plan_holders))
        if agent is not None:  # "will be circulated by OCHA", "sera partagé par OCHA"
            named = _named(agent, offset, index)
            if named:
                yield named
        elif subj is not None and subj.dep_ not in PASSIVE_SUBJECTS:
            if subj.lower_ in p.collective_pronouns and not ACRONYM.fullmatch(subj.text):
                governing = _governing_subject(subj.head, offset, index, p)
                if governing:
                    yield governing
                collective = True
                continue
            if subj.lower_ in p.personal_pronouns or subj.lower_ in p.acting_pronouns:
                # "... says she will check": the person named before "she" (detect), not an agency named in between;
                # "UNICEF said they will share the data": the subject of the clause it hangs from
                # from the verb the pronoun is the subject of: "they are going to repair" hangs from "going"
                governing = None if subj.lower_ in p.personal_pronouns else _governing_subject(subj.head, offset, index, p)
                if governing:
                    yield governing
                yield None
            named = None if _pronoun(subj.text, p) else _named(subj, offset, index) or _role(subj, p)
            if named:
                yield named
    if collective:
        yield None  # no named actor commits beside "we": the meeting as a whole, no one in particular
    for verb in verbs:
        for child in verb.children:
            # what a passive is done to ("CVE Services will be taken down", "ICRC will be consulted") owns nothing,
            # nor who is told: "let Ines know about ..." (the subject of a causative verb's clause)
            # nor the subject of a condition or an open question: "Discuss if X should continue", "if X comes"
            if (child.dep_ in SUBJECT_DEPS and child.dep_ not in PASSIVE_SUBJECTS and not _pronoun(child.text, p)
                    and not (verb.dep_ in CLAUSES and verb.head.lower_ in p.causative_verbs)
                    and not _in_condition(verb, p)):
                named = _named(child, offset, index)
                if named:
                    yield named
    toks = list(sent)  # "... Gareth to get the form signed": a run-together line; the parser attaches the name elsewhere
    for a, b, c in zip(toks, toks[1:], toks[2:]):
        head = a
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if a.pos_ == "PROPN" and b.tag_ == "TO" and c.tag_ == "VB" and head.dep_ != "pobj":  # not "with X and Y to ..."
            named = _named(a, offset, index)
            if named:
                yield named


@lru_cache(maxsize=4)
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _role_head(word: str, p: Patterns) -> bool:
    """Whether a word heads a role or group; accents aside, as fold reads both ("comité", "equipe")."""
    return fold(word) in _folded(p.role_heads)


def _role(head, p: Patterns) -> str | None:
    """A role or group written as a common noun phrase: "the cluster coordinator", "WASH partners", "les partenaires".

    Determiners go ("the", "les"), a quantifier stays ("All partners"); a long phrase is a description, not a role.
    """
    if head.pos_ not in ("NOUN", "PROPN") or not _role_head(head.text, p):
        return None
    words = [t for t in head.doc[head.left_edge.i: head.i + 1]
             if not (t.pos_ == "DET" and t.lower_ not in ("all", "tous", "toutes", "todos", "todas"))]
    first = words[0].lower_ if words else ""
    if first and words[0].is_sent_start and words[0] is not head and (
            first in p.delegating_verbs or p.imperative_start.fullmatch(first)):
        words = words[1:]  # "Direct city staff to ...": the order, misread as an adjective, is not part of the role
    if not words or len(words) > 4 or any(t.pos_ in ("PUNCT", "ADP", "VERB", "PRON") for t in words):
        return None
    return head.doc[words[0].i: words[-1].i + 1].text


def _carries_action(verb, p: Patterns) -> bool:
    """A verb with a modal of future or duty or an infinitive 'to' ("will check", "should be signed", "agreed to
    share"; "va partager", "devra envoyer", a French future), outside a condition: "can choose" is a capacity,
    "if the MC decides to change" a condition."""
    french_future = verb.lang_ == "fr" and any("Fut" in t.morph.get("Tense") for t in (verb, *verb.children)
                                               if t is verb or t.dep_.startswith("aux"))  # "sera partagé"
    if not (french_future or (verb.lang_ == "fr" and verb.lower_ in p.action_modals) or any(
            (c.tag_ in ("MD", "AUX", "VERB") and c.dep_.startswith("aux") and c.lower_ in p.action_modals)
            or (c.dep_ == "aux" and c.tag_ == "TO") for c in verb.children)):
        return False
    return not _in_condition(verb, p)


def _in_condition(verb, p: Patterns) -> bool:
    """Whether the verb lies in a clause a condition word opens: "if the MC decides", "Discuss whether X should ..."."""
    v = verb
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in p.conditions for c in v.children):
            return True
        if v.head is v:
            break
        v = v.head
    return False


def _subject_of(verb, plans: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())):
    """The verb's subject, or the subject of the verb a conjoined or controlled verb leans on ("will check and inform"),
    or of the one who has the plan it completes ("the water board has a plan to repair ...": plans, the nouns and the verbs
    that hold them)."""
    nouns, holders = plans
    v = verb
    for _ in range(4):
        s = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if s is not None:
            return s
        if (v.dep_ == "acl" and v.head.lower_ in nouns and v.head.dep_ in ("dobj", "obj") and v.head.head.lower_ in holders
                and any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "de") for c in v.children)):
            v = v.head.head  # "has a plan to support": the plan -> the verb that holds it; not "has sent a plan to X"
            continue
        if v.dep_ not in ("conj", "xcomp") or v.head is v:
            return None
        v = v.head
    return None


def _stranded_subject(verb, modals: frozenset[str] = frozenset()):
    """A name written just before the verb's modal that the parser hung elsewhere: in a run-on line ("... put them on
    the noticeboard Tamsin will write to ...") it reads "Tamsin" as the end of the object before; the verb, left with
    no subject of its own, would lean on the first clause's."""
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("auxpass", "aux:pass") for c in verb.children):
        return None  # a verb with its own subject, or a passive ("ICRC/PRCS will be consulted"): what it is done to
    aux = [c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD" and c.i < verb.i]
    # French writes the modal as the verb itself ("... et ACF va partager"), English as its auxiliary
    anchor = aux[0] if aux else verb if verb.lang_ == "fr" and verb.lower_ in modals else None
    if anchor is None or anchor.i == verb.sent.start:
        return None
    before = verb.doc[anchor.i - 1]
    if before.pos_ == "PROPN" and before.head is not verb and before.dep_ in ("pobj", "dobj", "compound", "appos", "conj"):
        return before
    return None


def _passive_agent(verb):
    """The agent of a passive verb: "by OCHA" (English "agent"), "par OCHA" (French "obl:agent", or an oblique
    introduced by "par" under a passive auxiliary)."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ == "obl:agent" or (c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children)
                                     and any(a.dep_ == "aux:pass" for a in verb.children)):
            return c
    return None


def _passive(verb) -> bool:
    """Whether the verb is in the passive voice ("will be invited", "sont invités"): its subject is done to."""
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ in ("auxpass", "aux:pass") for c in verb.children)


def _delegated_to(verb):
    """Who a delegating verb hands the task to: 'W.H.O. was requested to', 'asked UNICEF to', 'suggests Ilse call',
    'il a été demandé à OCHA de'."""
    for c in verb.children:
        if c.dep_ in PASSIVE_SUBJECTS:
            yield c
    for c in verb.children:
        if c.dep_ in OBJECTS and any(x.dep_ in CLAUSES for x in verb.children):
            yield c
        if c.dep_ in CLAUSES and c.i > verb.i and not any(x.tag_ == "MD" for x in c.children):
            # "suggests Ilse call": a bare clause after the verb; "reminded that the MC can choose" states, it does
            # not hand over, and a clause before the verb is what was said, not who is asked
            yield from (x for x in c.children if x.dep_ in ("nsubj", "dobj") and x.i < c.i)


HANDED_TO = ("to", "à", "a", "au", "aux", "al")  # the preposition that names who a matter is handed to


def _handed_to(verb):
    """Who a matter is handed to: the object of 'to' after the verb ("refer it to the Parks Department"; English
    "prep" + "pobj"), or a French/Spanish oblique or indirect object introduced by "à" / "a" ("confié à ACF").
    The parser often hangs the "to" inside the object ("refer [the petition to the City Engineer]", "confié
    [l'évaluation des latrines à ACF]"): it counts there too."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i]
    for c in [*verb.children, *(t for o in objects for t in o.subtree if t is not o)]:
        if c.i < verb.i:
            continue
        if c.dep_ == "prep" and c.lower_ in HANDED_TO:
            yield from (g for g in c.children if g.dep_ == "pobj")
        elif c.dep_.startswith(("obl", "iobj", "nmod")) and any(g.dep_ == "case" and g.lower_ in HANDED_TO
                                                               for g in c.children):
            yield c


def _governing_subject(verb, offset: int, index: OwnerIndex, p: Patterns | None = None) -> str | None:
    """The named subject of the verb a clause hangs from: who 'they' or 'we' is in "UNICEF said they will share",
    or a role ("the shelter team said they are going to repair ...")."""
    v = verb
    for _ in range(4):
        if v.dep_ not in ("ccomp", "conj", "advcl") or v.head is v:
            return None
        v = v.head
        s = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if s is not None:
            return _named(s, offset, index) or (_role(s, p) if p is not None else None)
    return None


def _pronoun(word: str, p: Patterns) -> bool:
    """'who', 'it', 'on' as pronouns; written in capitals they are agencies ("WHO to share ...")."""
    return word.lower() in p.pronoun_subjects and not ACRONYM.fullmatch(word)


def pronoun_subject(sent: Span, offset: int, p: Patterns | None = None) -> int | None:
    """Doc offset of a 'he' or 'she' ('il', 'elle') that is the subject of one of the sentence's verbs."""
    personal = p.personal_pronouns if p is not None and p.personal_pronouns else PERSONAL_PRONOUNS
    verbs = [sent.root] + [t for t in sent if t.pos_ in ("VERB", "AUX") and t is not sent.root]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ not in PASSIVE_SUBJECTS and child.lower_ in personal:
                return offset + child.idx
    return None


def _pronoun_acts(sent: Span, pronouns: frozenset[str]) -> bool:
    """Whether one of `pronouns` is the active subject of the sentence's root or of one of its verbs."""
    verbs = [sent.root] + [t for t in sent if t.pos_ in ("VERB", "AUX") and t is not sent.root]
    return any(c.dep_ in SUBJECT_DEPS and c.dep_ not in PASSIVE_SUBJECTS and c.lower_ in pronouns
               for v in verbs for c in v.children)


def plural_pronoun_acts(sent: Span, p: Patterns) -> bool:
    """Whether 'they' ('ils', 'elles') is the active subject of one of the sentence's verbs."""
    return _pronoun_acts(sent, p.plural_pronouns)


def previous_subject(sent: Span, offset: int, index: OwnerIndex, p: Patterns) -> str | None:
    """Who 'they' are when no clause of their sentence says: the subject the sentence before names, in the same line.

    "ACF and MSF assessed the camps. They will send the findings": ACF and MSF. Only names the document knows
    (mentions, participants) or acronyms count: "Prices rose. They will ..." names no one.
    """
    if sent.start == 0:
        return None
    prev = sent.doc[sent.doc[sent.start - 1].sent.start: sent.start]  # one token at least
    named = subject_owner(prev, offset, index, p)
    if not _names_actors(named, index):  # the parse found no known subject: the names the sentence opens with
        named = opening_names(prev.text, offset + prev.start_char, index, p)
    return named if _names_actors(named, index) else None


def _names_actors(named: str | None, index: OwnerIndex) -> bool:
    """Whether every name of a written owner is one the document knows, or an acronym."""
    parts = split_names(named) if named else []
    return bool(parts) and all(index.known(x) or ACRONYM.fullmatch(x) for x in parts)


# A speaker's turn opening a line: "Ysolde: ...", "**Ysolde:** ...", "**Corwin Bale**: ...".
TURN = re.compile(r"[*_]{0,2}([^\W\d_][\w'.\u2019-]*(?: [^\W\d_][\w'.\u2019-]*){0,2})[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]+\S")


def turn_speaker(line_text: str, index: OwnerIndex, p: Patterns) -> str | None:
    """Who speaks in a line that opens with a turn ("**Ysolde:** ..."): a capitalised or known name, not a field."""
    m = TURN.match(line_text)
    if not m:
        return None
    name = m.group(1)
    low = name.lower()
    if low in p.field_labels or low in p.descriptive_fields:
        return None
    return name if (name[:1].isupper() and index.plausible(name)) or index.known(name) else None


def speaker_subject(sent: Span, p: Patterns) -> bool:
    """Whether the speaker acts in the sentence: 'I' ('je') is the subject of one of its verbs ("Yes I can link it")."""
    return _pronoun_acts(sent, p.speaker_pronouns)


def _named(head, offset: int, index: OwnerIndex) -> str | None:
    """The name a subject's head word belongs to: its mention, its proper-noun phrase, or a named apposition.

    Coordinated names own together, as written: "Marisol and Teodor to buy ..." is both of them, not the last one.
    """
    together = _coordinated_names(head, offset, index)
    if together:
        return together
    start = offset + head.idx
    for m in index.mentions_in(start, start + len(head.text)):
        return m.text
    if index.names_no_one(start, start + len(head.text)):
        return None  # "Monday or Tuesday ...", "London": a date or a place, whatever the tagger calls it
    if head.pos_ != "PROPN" and head.text[:1].isupper() and fold(head.text) in index.people:
        return head.text  # a participant's name the tagger misread ("Ottavio" as an adjective)
    if head.pos_ == "PROPN":
        words = sorted([head] + [c for c in head.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] +
                       [c for c in head.conjuncts if c.pos_ == "PROPN"], key=lambda t: t.i)
        return head.doc[words[0].i: words[-1].i + 1].text
    for c in head.children:
        if c.dep_ == "appos":
            inner = head.doc[c.left_edge.i: c.right_edge.i + 1]
            if index.mentions_in(offset + inner.start_char, offset + inner.end_char) or any(t.pos_ == "PROPN" for t in inner):
                return inner.text
    return None


COORDINATION_GLUE = frozenset({",", "/", "&", "+", "and", "et", "y"})  # the joins split_names reads; "or" is a choice
LIST_JOINS = frozenset({"&", "+", "and", "et", "y"})  # a word that joins two members of a written list


def _coordinated_names(head, offset: int, index: OwnerIndex) -> str | None:
    """The written list a name heads or belongs to ("Marisol and Teodor", "UNICEF, WHO and IOM"), when every member
    of the coordination is a name (a mention or a proper noun) and nothing but names, their compounds and the
    joining words lie between them; None for a single name or a list that mixes in a common noun."""
    group = sorted([head, *head.conjuncts], key=lambda t: t.i)
    if len(group) < 2:
        return None
    members = set()
    for t in group:
        if index.names_no_one(offset + t.idx, offset + t.idx + len(t.text)):
            return None
        if t.pos_ != "PROPN" and not index.mentions_in(offset + t.idx, offset + t.idx + len(t.text)):
            return None
        members.update(c.i for c in t.children if c.dep_ in ("compound", "flat", "flat:name") and c.pos_ == "PROPN")
        members.add(t.i)
        for m in index.mentions_in(offset + t.idx, offset + t.idx + len(t.text)):
            # the whole mention, whatever the tagger made of its words ("Harbour" read as a verb in "Harbour Aid")
            members.update(x.i for x in head.doc if m.start_char <= offset + x.idx < m.end_char)
    first, last = min(members), max(members)
    for t in head.doc[first:last + 1]:
        if t.i not in members and t.lower_ not in COORDINATION_GLUE:
            return None
    return head.doc[first:last + 1].text


HEADING_NUMBER = re.compile(r"^(?:[\dIVXivx]+[.)]?\s*)+")
OWNER_HEADING_KINDS = ("agenda_item", "sub_topic", "update")  # not the title block, an attendance list or AOB
OWNER_HEADING_SOURCES = ("gazetteer",)  # a listed organisation, not any capitalised phrase the model or a rule tags


def heading_owner(heading: str, kind: str, index: OwnerIndex) -> str | None:
    """The organisation or people a section heading consists of ("UNICEF", "3.2 Norwegian Refugee Council",
    "Ysolde/Piet"): under it, the lines are their updates and plans. Only an organisation the gazetteer lists or
    names of people (participants, or a first name the text tags as a person) count; a topic the model tags as a
    name ("Roadmap", "Release Checklist") does not."""
    if kind not in OWNER_HEADING_KINDS:
        return None
    h = _trim(HEADING_NUMBER.sub("", heading.strip(" #*_")))
    if not h or len(h.split()) > 5:
        return None
    m = index.by_text.get(fold(h))
    if m is not None and m.label == "ORG":
        return h if m.source in OWNER_HEADING_SOURCES else None
    parts = split_names(h)
    if parts and all(fold(x) in index.listed or (x in first_names() and fold(x) in index.by_text) for x in parts):
        return h
    return None


def speaker_names_someone(speaker: str, index: OwnerIndex) -> bool:
    """Whether a section's speaker ("Fergus", "UNICEF", "Paolo & Jeff", from "<X> updates") can own its lines.

    A one-word speaker must be a name by evidence: one the document names or lists, a first name, or an acronym.
    A lone word that is none of those ("Winterisation", the "Sectoral" of "Sectoral updates") is a topic, no actor.
    """
    words = speaker.strip(" .:*_").split()
    if len(words) != 1:
        return True
    word = words[0]
    return (index.known(word) or word in first_names() or bool(ACRONYM.fullmatch(word))
            or bool(MIXED_ACRONYM.fullmatch(word)))


def label_names_someone(label: str, style: str, parsed_label: Span | None, index: OwnerIndex) -> bool:
    """Brackets and 'Name - task' name a person by form; 'Label:' only if it is a known name or a proper noun."""
    if style in ("bracket", "paren", "dash"):
        return True
    if index.known(label) or all(index.known(x) for x in split_names(label)):
        return True
    if re.fullmatch(r"[A-Z]{2,6}", label):
        return True
    if parsed_label is not None:
        alpha = [t for t in parsed_label if t.is_alpha and t.lower_ not in ("and", "y", "et")]
        return bool(alpha) and all(t.pos_ == "PROPN" for t in alpha)
    return False


def acronym_of(short: str, long: str) -> bool:
    """'HR' for 'Hope Relief': initials of the long name's capitalised words."""
    letters = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", long) if w[0].isupper())
    return len(short) >= 2 and short.isupper() and short == letters


TRAILING_PAREN = re.compile(r"\(([^()\d]{2,60})\)\s*[.;]?\s*$")
TRAILING_DASH = re.compile(r"\s(?:[-\u2013\u2014]|\s{1,})\s*([^-\u2013\u2014]{2,60}?)\s*[.;]?\s*$")


def _name_part(part: str, index: "OwnerIndex", p: Patterns, lenient: bool = False) -> bool:
    """A piece of a written owner list: a known name, a role ("Clerk", "All"), an acronym or capitalised words.

    lenient: inside brackets, capitalised common words count too ("Direction Régionale").
    """
    bare = part.strip(" .*_")
    low = fold(bare)
    if not bare or low in {fold(r) for r in p.owner_roles} or index.known(bare) or ACRONYM.fullmatch(bare):
        return True
    words = re.sub(rf"^(?:{p.owner_title})\.?\s+", "", bare, flags=re.IGNORECASE).split()
    return 1 <= len(words) <= 3 and all(re.fullmatch(NAME_WORD, w) and (lenient or w.lower() not in common_words())
                                        for w in words)


def _names_list(text: str, index: "OwnerIndex", p: Patterns, lenient: bool = False) -> bool:
    parts = split_names(text)
    return bool(parts) and len(parts) <= 6 and all(_name_part(x, index, p, lenient) for x in parts)


def trailing_paren_owner(text: str, index: "OwnerIndex", p: Patterns) -> str | None:
    """Names in brackets closing a line of 3+ words: "Follow up with the district (Kate and Robert)"."""
    body = text.rstrip()
    m = TRAILING_PAREN.search(body)
    if m and _names_list(m.group(1), index, p, lenient=True) and len(body[:m.start()].split()) >= 3:
        return m.group(1).strip()
    return None


def trailing_owner(text: str, index: "OwnerIndex", p: Patterns) -> str | None:
    """The owner written after the task: "(Kate and Robert)", "... - Clerk", "...  Cllr. Jones/Clerk", "... UNICEF 15 March".

    Councils and flattened tables put the owner at the end of the line; the task before it must keep 3+ words.
    """
    body = text.rstrip()
    found = trailing_paren_owner(body, index, p)
    if found:
        return found
    body = p.owner_trailing_date.sub("", body).rstrip(" .;,")
    m = TRAILING_DASH.search(body)
    # a dash sets the owner apart, so a two-word task will do ("Kite repair - Ysolde"); without one, three words
    if m and _names_list(m.group(1), index, p) and len(body[:m.start()].split()) >= (2 if m.group(0).strip() else 3):
        return m.group(1).strip()
    # No separator left (a converter ran the cells together): the longest run of final words that names someone.
    words = body.split()
    for k in range(min(6, len(words) - 3), 0, -1):
        tail = " ".join(words[-k:])
        head = words[-k - 1] if len(words) > k else ""
        if head.lower() in p.object_heads or re.search(r"\d", head):
            continue  # "... share it with the cluster", "... at 4pm CET": an object or a time zone, not an owner
        if {head.lower(), words[-k].lower()} & LIST_JOINS:
            continue  # "... between the logs team and WFP": the end of a list whose start names no one, not an owner
        if any(index.known(_trim(" ".join(words[-j:]))) for j in range(k + 1, min(len(words), k + 4) + 1)):
            continue  # "for the Steering Council": the end of a longer name, which was not the owner either
        if (_names_list(tail, index, p) and any(index.known(x) or fold(x) in {fold(r) for r in p.owner_roles}
                                                or ACRONYM.fullmatch(x.strip()) for x in split_names(tail))):
            return tail
    return None


def names_only(text: str, index: "OwnerIndex", p: Patterns) -> str | None:
    """A line that holds nothing but owners: "WFP, IRC et ACTED", "Harbour Aid:", "DRS/SE".

    A converter that flattens a "Responsible | Action" table puts the responsible cell on a line of its own,
    before the task it owns. Every name must be one the document knows or an acronym, so a topic ("Water
    trucking:") or a sector word on its own line names no one.
    """
    body = text.strip().rstrip(":").strip(" *_")
    parts = split_names(body)
    if not parts or len(parts) > 6:
        return None
    if all(index.known(x) or ACRONYM.fullmatch(x) or MIXED_ACRONYM.fullmatch(x) for x in parts):
        return body
    return None


def group_owner(text: str, p: Patterns) -> str | None:
    """'All partners to ...', 'Tous les partenaires doivent ...', 'Logistics support team to ...': the group as written.

    An order opening the line is not part of the group: "Direct city staff to ..." hands the task to the staff
    (the delegating verb's object, read from the parse), it does not name a "Direct city staff".
    """
    m = p.group_owner.match(text.strip(" *_-"))
    if not m:
        return None
    return None if _is_order(m.group(0).split()[0], p) else m.group(0)


def _is_order(word: str, p: Patterns) -> bool:
    """Whether a line's first word gives an order ("Direct", "Ask"): a delegating or imperative verb. An acronym is
    no order ("WASH partners to ..." is a group)."""
    low = word.lower()
    return not ACRONYM.fullmatch(word) and (low in p.delegating_verbs or p.imperative_start.fullmatch(low) is not None)


ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Za-z&-]{1,9})\)$")


def assigned_actor(text: str, index: OwnerIndex, p: Patterns) -> str | None:
    """The actor a line hands its task to by form, when the document knows it: "Kits – FMT to phone ...",
    "2: GoN to send ...", "Harbor Relief Team (HRT) to summarise ...".

    text: the sentence; every name of the actor must be an acronym, a mention or a participant, or end in a role head
    ("Partners", "Site team"): "Continue to monitor" and "Plans to build" name no one.
    """
    m = p.actor_task.match(text)
    if not m:
        return None
    actor = m.group("actor")
    if actor.split()[0].lower() in p.actor_not_first:
        return None  # "Moved Quorvel to adopt ...": a motion, not a task handed to someone
    for name in split_names(actor):
        last = name.split()[-1]
        if not (ACRONYM.fullmatch(name) or MIXED_ACRONYM.fullmatch(name) or ACRONYM_IN_BRACKETS.search(name)
                or index.known(name) or _role_head(last, p)):
            return None
    return actor
