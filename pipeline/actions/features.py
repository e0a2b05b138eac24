"""What the classifier reads: a sentence with content words replaced by their part-of-speech tag.

"WFP will share the map by Friday" -> "BOS TNNP will TVB the TNN by DATE LEN2 EOS". Tense, modality, imperative
and infinitive shapes carry over to minutes on any subject, where the content words would not; function
and cue words (kept_words in patterns.json) stay as written.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

DAY_OR_MONTH = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?$|^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$"
    r"|^(?:january|february|march|april|june|july|august|september|october|november|december)$",
    re.IGNORECASE,
)
# The fragment rule, read by detect (units) and the scorer (link-only sentences): fewer words than MIN_WORDS is a
# fragment (a cell cut from a PDF table, "RI", "Status: Done"), never an action. "Can't" is one word, "4W" one, "I" one.
MIN_WORDS = 3
ANY_WORD = re.compile(r"\w*[^\W\d_]\w*(?:['\u2019][^\W\d_]+)?")
# Where something is, not what to do: an <autolink>, a Markdown link's target, a web or an e-mail address.
LINK = re.compile(r"<[^<>\s]+>|\]\([^()\s]*\)|\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SAFE = re.compile(r"[^a-z0-9?]+")
TAG_SAFE = re.compile(r"[^A-Za-z0-9]+")


def without_links(text: str) -> str:
    """The text with its links and e-mail addresses blanked out (the same length)."""
    return LINK.sub(lambda m: " " * len(m.group()), text)


def length_token(n: int) -> str:
    return "LEN1" if n <= 3 else "LEN2" if n <= 8 else "LEN3" if n <= 20 else "LEN4"


def main_clause(span: Span | Doc, keep: frozenset[str]) -> list[str]:
    """Tokens for the shape of the main clause, which a flat bag of tags cannot see.

    "This will let partners plan" and "partners will plan" share their tags; what differs is who the
    subject of the main verb is. Adds the root's tag (RT), the root verb (RV), its auxiliaries and modals (RA),
    its subject's kind (RS: a pronoun as written, PROPN, NOUN or NONE), passive voice (RPASS) and negation
    (RNEG); the same with C for the clause a reporting verb introduces ("It was agreed that ...").
    """
    sent = span if isinstance(span, Span) else next(iter(span.sents), None)
    if sent is None or not len(sent):
        return []
    out = _clause(sent.root, keep, "R")
    # "It was noted that the prototype is scheduled for June": what was noted is the clause that counts.
    said = next((c for c in sent.root.children if c.dep_ == "ccomp"), None)
    if said is not None:
        out += _clause(said, keep, "C")
    return list(dict.fromkeys(out))


def _clause(verb, keep: frozenset[str], prefix: str) -> list[str]:
    out = [prefix + "T" + (TAG_SAFE.sub("", verb.tag_ or verb.pos_) or "X")]
    if verb.pos_ in ("VERB", "AUX"):
        out.append(prefix + "V" + (SAFE.sub("", verb.lower_) or "X"))
    subject = None
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in keep:
            out.append(prefix + "A" + (SAFE.sub("", c.lower_) or "X"))
        elif c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and subject is None:
            subject = c
        if c.dep_ in ("nsubjpass", "auxpass"):
            out.append(prefix + "PASS")
        elif c.dep_ == "neg":
            out.append(prefix + "NEG")
    if subject is None:
        out.append(prefix + "SNONE")
    elif subject.pos_ == "PRON" or subject.lower_ in ("this", "that", "there"):
        out.append(prefix + "S" + (SAFE.sub("", subject.lower_) or "X"))
    else:
        out.append(prefix + "S" + ("PROPN" if subject.pos_ == "PROPN" else "NOUN"))
    return out


def delexicalise(span: Span | Doc, keep: frozenset[str], *, imperative: re.Pattern | None = None,
                 labelled: bool = False, marked: bool = False, context: tuple[str, ...] = ()) -> str:
    """Feature string of a parsed sentence: kept words, tags for the rest, date words and numbers abstracted.

    imperative: task verbs that make a line-initial word an order ("send ...", "renew ..."), which a
        tagger often misses on short lower-case lines; adds IMP.
    labelled: the line is attributed to someone ("[Wenke] ...", "Ottilie - ..."); adds LBL.
    marked: the line is marked as an action ("Action:", "[ ]", an item of a "Next steps" list or column); adds MRK.
    context: document-level tokens, the same for every sentence of a document (DTRANS: a transcript of
        speaker turns, see detect.document_context).
    """
    out = ["BOS", *context] + (["LBL"] if labelled else []) + (["MRK"] if marked else [])
    first = next((t for t in span if not (t.is_punct or t.is_space)), None)
    if first is not None and ((imperative is not None and imperative.match(first.text)) or
                              (first.tag_ == "VB" and first.i == span[0].i)):
        out.append("IMP")
    out += main_clause(span, keep)
    words = 0
    for t in span:
        if t.is_space:
            continue
        low = t.lower_
        if t.is_punct:
            if low in ("?", "!", ":"):
                out.append({"?": "QMARK", "!": "EXCL", ":": "COLON"}[low])
            continue
        words += 1
        if DAY_OR_MONTH.match(low):
            out.append("DATE")
        elif t.like_num:
            out.append("NUM")
        elif low in keep:
            out.append(SAFE.sub("", low) or "X")
        else:
            out.append("T" + (TAG_SAFE.sub("", t.tag_ or t.pos_) or "X"))
    out.append(length_token(words))
    out.append("EOS")
    return " ".join(out)
