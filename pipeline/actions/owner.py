"""Who owes an action: named explicitly, the sentence's subject, or the organisation reporting the section."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.actions.patterns import Patterns
from pipeline.model import Mention, Participant

OWNER_LABELS = ("ORG", "PERSON")
SPLIT_NAMES = re.compile(r"\s*(?:,|&|\+|/|;|\band\b|\by\s+a\b|\by\b|\bet\b)\s*")
CAPITALISED_RUN = re.compile(r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]*(?:\s+[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]*)*")
INITIALS = re.compile(r"\(\s*([A-Z]{2,4})\s*\)")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def fold(s: str) -> str:
    """Lower case without accents, for matching 'Ramon' with 'Ramón'."""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()


@dataclass(frozen=True)
class Owner:
    name: str
    entity_id: str | None = None


class OwnerIndex:
    """The document's named people and organisations: mentions, participants and their initials."""

    def __init__(self, mentions: tuple[Mention, ...], participants: tuple[Participant, ...]):
        self.mentions = sorted((m for m in mentions if m.label in OWNER_LABELS), key=lambda m: m.start_char)
        self.by_text: dict[str, Mention] = {}
        for m in self.mentions:
            self.by_text.setdefault(fold(m.text), m)
            self.by_text.setdefault(fold(m.norm), m)
        self.people: dict[str, str] = {}  # first name, full name or initials -> participant name
        ambiguous: set[str] = set()
        for p in participants:
            name = p.name.strip()
            if not name:
                continue
            keys = {fold(name)}
            first = name.split()[0]
            if p.kind == "person" and len(name.split()) > 1:
                keys.add(fold(first))
            keys.update(fold(i) for i in INITIALS.findall(p.text))
            for k in keys:
                if k in self.people and self.people[k] != name:
                    ambiguous.add(k)
                self.people[k] = name
        for k in ambiguous:
            self.people.pop(k, None)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start_char < end and m.end_char > start]

    def known(self, name: str) -> bool:
        return fold(name) in self.by_text or fold(name) in self.people

    def resolve(self, text: str) -> Owner | None:
        """Canonical owner for a written name or list of names; names kept as written when nothing is known."""
        text = text.strip(" .,:;-\u2013()[]")
        if not text:
            return None
        m = self.by_text.get(fold(text))
        if m is not None:
            return Owner(m.norm, m.entity_id)
        if fold(text) in self.people:
            return Owner(self.people[fold(text)], self._entity_id(self.people[fold(text)]))
        parts = [x for x in SPLIT_NAMES.split(text) if x]
        if len(parts) > 1:
            resolved = [self.resolve(x) for x in parts]
            if any(r is not None and r.name != x for r, x in zip(resolved, parts)):
                return Owner(", ".join(r.name if r else x for r, x in zip(resolved, parts)))
        return Owner(text)

    def _entity_id(self, name: str) -> str | None:
        m = self.by_text.get(fold(name))
        return m.entity_id if m else None


def names_in_value(value: str, p: Patterns) -> str | None:
    """The assignee in an attribute value: 'Se le asigna la tarea a Tomás y a Lucía' -> 'Tomás, Lucía'."""
    m = p.assignee_in_value.search(value)
    if m:
        runs = CAPITALISED_RUN.findall(m.group(1))
        return ", ".join(runs) if runs else m.group(1).strip()
    return value.strip() or None


def subject_owner(sent: Span, offset: int, index: OwnerIndex, p: Patterns) -> str | None:
    """The written subject of the sentence's main verb when it names someone (a mention or a proper noun).

    sent: the parsed sentence; offset: the doc offset of the parsed text, to look up mentions.
    """
    m = p.infinitive_task.match(sent.text)  # "Ilse and Corin to buy ...": the parser makes a noun the root
    if m:
        names = re.sub(r"\s+to\s+[a-z]+$", "", m.group(0))
        if names.lower() not in p.pronoun_subjects:
            return names
    verbs = [sent.root] + [t for t in sent if t.pos_ in ("VERB", "AUX") and t is not sent.root]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in p.pronoun_subjects:
                named = _named(child, offset, index)
                if named:
                    return named
    return None


def _named(head, offset: int, index: OwnerIndex) -> str | None:
    """The name a subject's head word belongs to: its mention, its proper-noun phrase, or a named apposition."""
    start = offset + head.idx
    for m in index.mentions_in(start, start + len(head.text)):
        return m.text
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


def label_names_someone(label: str, style: str, parsed_label: Span | None, index: OwnerIndex) -> bool:
    """Brackets and 'Name - task' name a person by form; 'Label:' only if it is a known name or a proper noun."""
    if style in ("bracket", "paren", "dash"):
        return True
    if index.known(label) or all(index.known(x) for x in SPLIT_NAMES.split(label) if x):
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
