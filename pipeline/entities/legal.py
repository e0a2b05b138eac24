"""Companies named with their legal form: "Brookfield Paving, Inc.", "Hale & Orme, P.C.", "Nordlys AB", "Vantre S.A.R.L.".

A legal form after a capitalised name is evidence of a company in any country's minutes (contract lists, vendors
and funders in attendance lists), whatever the model made of the name. The forms come from cleanco's term tables
(models/gazetteers/legal_forms.json, built by scripts/build_legal_forms.py); the small words a name holds between
its capitalised words are `company_joiners` in org_words.json. The span is the whole name with its form, as written.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Callable
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.entities.gazetteer import lexicons
from pipeline.entities.place_evidence import place_evidence
from pipeline.entities.words import entity_words
from pipeline.language import word_zipf
from pipeline.model import Mention

LEGAL_FORMS = MODELS_DIR / "gazetteers" / "legal_forms.json"
MAX_NAME_WORDS = 8
WORD_LANGUAGES = ("en", "fr", "es")
# Company types whose names are partner lists ("Orme, Tabb, Lisle & Ware, P.C."): commas join the partners' names.
PARTNERSHIP_TYPES = ("Partnership", "Professional")
TOKEN = re.compile(r"\S+")
ITEM_NUMBER = re.compile(r"\d+[A-Za-z]?[.)]")
NUMBER = re.compile(r"#?\d[\d,.-]*")  # "Club 2000", "#4160" inside a name
SHORT_CODE = 2  # letters: a form this short, written in capitals without dots, may be a country's code


@dataclass(frozen=True)
class LegalForms:
    """The compiled legal forms: a regex of one form or a chain of them ("Co., Inc."), and what each form needs."""

    chain: re.Pattern  # at a separator (", " or " "), one form or several joined by commas
    word_like: frozenset[str]  # forms that are words or short codes: only with their dots or in capitals
    partnership: frozenset[str]  # forms of partnerships and professional firms: partner lists before them
    forms: frozenset[str]
    form_words: frozenset[str]  # a form's words without their dots ("pvt" of "pvt. ltd."): "(Pvt) Ltd" is one form


def _form_rx(form: str) -> str:
    return r"\s*".join(re.escape(part) for part in form.split(" "))


def load_legal_forms(path: Path = LEGAL_FORMS) -> LegalForms:
    raw = json.loads(path.read_text(encoding="utf-8"))["forms"]
    alts = "|".join(_form_rx(f) for f in sorted(raw, key=len, reverse=True))
    one = rf"(?:{alts})"
    # a comma with no space before a word in capitals joins a list ("OCHA,ASA"), not a name and its form
    chain = re.compile(rf"(?i)(,[ \t]+|,(?!(?-i:[A-Z]+)(?![\w&.]))|[ \t]+)(?=(?-i:[A-Z&]))({one}(?:,?[ \t]+(?=(?-i:[A-Z&])){one})*)(?![\w&])")
    return LegalForms(
        chain=chain,
        word_like=frozenset(f for f, v in raw.items() if v["word_like"]),
        partnership=frozenset(f for f, v in raw.items() if any(k in t for t in v["types"] for k in PARTNERSHIP_TYPES)),
        forms=frozenset(raw),
        form_words=frozenset(w.strip(".") for f in raw for w in f.split(" ")),
    )


@lru_cache(maxsize=1)
def legal_forms() -> LegalForms:
    return load_legal_forms()


def _key(written: str) -> str:
    return re.sub(r"\s+", " ", written.lower())


def written_as_form(written: str, lf: LegalForms, standalone: set[str], after: str = "") -> bool:
    """'Inc.', 'LLC', 'GmbH', 'Company' yes; 'co', 'As', 'Sep 12' no: a form that is also a word or a code counts
    with its dots, in capitals (and then not a code the document also writes alone), as a long word capitalised, or
    capitalised with three letters at the end of its clause ("Tarn Ltd", "Tarn Ltd,")."""
    key = _key(written)
    letters = re.sub(r"[^\w]", "", written)
    first = next((c for c in written.lstrip("&+ ") if c.isalpha()), "")
    if not first.isupper() and not key.startswith("and "):
        return False
    if key not in lf.word_like:
        return True
    if "." in written and "." in key:
        return True
    if len(letters) >= 4:
        return True  # "Company", "COMPANY", "GmbH"
    if len(letters) == 3 and letters.istitle() and re.match(r"\s*(?:$|[,;:)\n])", after):
        return True
    return letters.isupper() and len(letters) >= 2 and letters not in standalone  # "Nordlys AB", not "UK" or "OK"


def _name_token(tok: str) -> bool:
    core = tok.strip("\"“”")
    return bool(core) and (core[0].isupper() or core[0].isdigit()) and re.search(r"[^\W\d_]", core) is not None \
        and not core.endswith((":", ";")) and core[0] not in "([{" and not (core.endswith(")") and "(" not in core)


def _walk_back(tokens: list[re.Match], lf: LegalForms, joiners: frozenset[str], stop: frozenset[str]) -> int:
    """Index of the first token of the name that ends the token list, or len(tokens) when there is none."""
    i = len(tokens)
    words = 0
    while i > 0 and words < MAX_NAME_WORDS:
        tok = tokens[i - 1].group(0)
        low = tok.lower()
        if i < len(tokens) and tok.endswith(","):
            break  # an earlier item of a list ends here
        if i == len(tokens) and re.fullmatch(r"\([^()\s]+\)", tok) and low.strip("().") in lf.form_words:
            i -= 1  # "Qaseem Agro (Pvt) Ltd": the bracketed word is part of the form
            continue
        if tok in joiners or tok.isupper() and low in joiners:
            i -= 1
            continue
        if low in stop and tok.isupper():
            break  # "REQUEST FROM ...": a function word in capitals opens no company's name
        if ITEM_NUMBER.fullmatch(tok):
            break  # "4B.", "12)": an agenda item's number
        if NUMBER.fullmatch(tok):
            i -= 1  # "Club 2000", "#4160" inside a name
            continue
        if not _name_token(tok) or _key(tok.rstrip(",")) in lf.forms and i < len(tokens):
            break  # a lower-case word, a label, an item number, or the end of an earlier company's name
        i -= 1
        words += 1
    while i < len(tokens) and (tokens[i].group(0) in joiners or not _name_token(tokens[i].group(0))):
        i += 1  # a name opens with a capitalised word
    return i


def _partners(tokens: list[re.Match], first: int, surname: Callable[[str], bool]) -> int:
    """'Orme, Tabb, Lisle & Ware': extend a partnership's name over the single capitalised names listed before it."""
    i = first
    while i > 0:
        tok = tokens[i - 1].group(0)
        if not tok.endswith(",") or not _name_token(tok) or not surname(tok.rstrip(",")):
            break
        i -= 1
    return i


def weak_form(written: str, lf: LegalForms) -> bool:
    """A form that is also a word or a code, written without dots ("Company", "Limited", "AB", "LLC")."""
    return _key(written) in lf.word_like and "." not in written


def company_names(text: str, is_word: Callable[[str], bool] = lambda w: False,
                  surname: Callable[[str], bool] = lambda w: True,
                  stop_words: frozenset[str] = frozenset()) -> list[tuple[int, int, bool]]:
    """Spans of capitalised names followed by a legal form in text, each with its form(s): [(start, end, short), ...];
    short: the form is a code of two capitals ("AB"), which a person's name before it outweighs ("Dana Ruiz UK").

    is_word: whether a lower-cased word is an everyday word: before a weak form ("Company", "AB") a name of one word
    must not be one ("Both Company", "Sounds OK"); surname: whether a capitalised word may be a partner's name in a
    list before a partnership's form ("Orme, Tabb & Ware, P.C."); stop_words: function words, which end the name
    leftwards unless they are company_joiners."""
    lf = legal_forms()
    joiners = entity_words().company_joiners
    hits = [(hit, _split_chain(hit.group(2), lf)) for hit in lf.chain.finditer(text)]
    # A short code in capitals is a form only when the document never writes it alone ("UK", "OK" elsewhere).
    as_form: dict[str, int] = {}
    for hit, forms in hits:
        before = text[text.rfind(" ", 0, hit.start()) + 1:hit.start()]
        if not _name_token(before):
            continue
        for f in forms:
            as_form[f] = as_form.get(f, 0) + 1
    alone = {f for f, n in as_form.items() if f.isupper() and len(f) <= 3
             and len(re.findall(rf"(?<![\w.]){re.escape(f)}(?![\w.])", text)) > n}
    spans = []
    for hit, forms in hits:
        if not all(written_as_form(f, lf, alone, text[hit.end(2):hit.end(2) + 3]) for f in forms):
            continue
        end = hit.end(2)
        after = text[end:end + 40]
        last = forms[-1]
        if not last.endswith(".") and re.match(r" [A-Z][a-z]", after) and not re.match(r" (?:of|and|&) ", after):
            continue  # "... Corporation Foundation": the name goes on, the model's span stands
        of = re.match(r" of(?: [A-Z][\w'’-]*)+", after)
        if of and not last.endswith("."):
            end += of.end()  # "... Loan Company of Dunmore"
        line_start = text.rfind("\n", 0, hit.start()) + 1
        tokens = list(TOKEN.finditer(text, line_start, hit.start()))
        first = _walk_back(tokens, lf, joiners, stop_words)
        if first >= len(tokens):
            continue
        name = [t.group(0) for t in tokens[first:] if t.group(0) not in joiners]
        weak = weak_form(last, lf)
        if weak and len(name) < 2 and all(is_word(w.lower().strip(",")) for w in name):
            continue
        short = weak and len(re.sub(r"\W", "", last)) <= SHORT_CODE and last.isupper()
        if short and all(w.isupper() for w in name):
            continue  # "MINUTES, AS", "HELD AT": a line in capitals, not a company
        if hit.group(1).startswith(",") and _key(last) in lf.partnership:
            first = _partners(tokens, first, surname)
        spans.append((tokens[first].start(), end, short))
    return spans


def _split_chain(chain: str, lf: LegalForms) -> list[str]:
    """'Co., Inc.' -> ['Co.', 'Inc.']; 'Pty. Ltd.' stays one form."""
    if _key(chain) in lf.forms:
        return [chain]
    parts = re.split(r",\s*|\s+", chain)
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            cand = " ".join(parts[i:j])
            if _key(cand) in lf.forms:
                out.append(cand)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return out


@lru_cache(maxsize=1)
def _everyday() -> frozenset[str]:
    lex = lexicons()
    return frozenset(lex["dictionary"] | lex["common"])


def with_company_names(mentions: list[Mention], text: str, make: Callable[[int, int], Mention | None],
                       stop_words: frozenset[str] = frozenset()) -> list[Mention]:
    """Add the companies named with their legal form; they replace the mentions they overlap (the model's "Brookfield
    Paving" or a town inside the name), unless an organisation already spans the whole name and more.

    make(start, end): the organisation mention for that span, or None; stop_words: as for company_names."""
    lex = lexicons()
    everyday = _everyday()
    # a one-word name as frequent as an everyday word ("Sujet", "Sounds") takes no weak form: place evidence's bar
    bar = place_evidence().everyday_zipf
    spans = company_names(text, is_word=lambda w: w in everyday or any(word_zipf(w, lang) >= bar for lang in WORD_LANGUAGES),
                          surname=lambda w: w in lex["surnames"] or w.lower() not in everyday, stop_words=stop_words)
    for start, end, short in spans:
        over = [m for m in mentions if m.start_char < end and start < m.end_char]
        name = text[start:end].split()
        if short and (any(m.label == "PERSON" for m in over) or len(name) == 3 and name[0] in lex["given_names"]):
            continue  # "Dana Ruiz UK": a person and a country code
        if any(m.label == "ORG" and m.start_char <= start and end <= m.end_char and (m.start_char, m.end_char) != (start, end)
               for m in over):
            continue
        new = make(start, end)
        if new is not None:
            mentions = [m for m in mentions if m not in over] + [new]
    return mentions
