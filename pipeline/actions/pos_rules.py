"""The model's attribute ruler, for what the action stage reads of it (coarse POS and the tag it may rewrite),
as a lookup instead of a Matcher run.

spaCy's `attribute_ruler` matches every one of its ~180 patterns against every token of every candidate line:
as much time as the parser itself. Its patterns test a token and its neighbours for equality or membership
(TAG, LOWER, DEP, IS_SPACE...), so what it assigns to a token is a function of that small window alone: the
rules are evaluated once per distinct window and remembered. Matches are taken on the parsed Doc before any
change, and later patterns win, as in spaCy. MORPH and LEMMA are not set: nothing downstream reads them.
A ruler holding a pattern of another form is not compiled (`compile_rules` returns None), and the caller
keeps spaCy's component.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Token attributes a compiled pattern may test, read from each token of the window.
ATTR_IDS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE,
            "IS_PUNCT": IS_PUNCT}
FLAGS = {"IS_SPACE", "IS_PUNCT"}  # read as 0/1, tested as booleans
SET = ("POS", "TAG")  # what the action stage reads of the ruler's output


def _test(spec) -> callable | None:
    """A predicate for one attribute's value in a Matcher pattern, or None for a form not handled here."""
    if isinstance(spec, (str, bool)):
        return lambda v, s=spec: v == s
    if isinstance(spec, dict) and len(spec) == 1:
        (op, values), = spec.items()
        if op == "IN" and isinstance(values, list):
            return lambda v, s=frozenset(values): v in s
        if op == "NOT_IN" and isinstance(values, list):
            return lambda v, s=frozenset(values): v not in s
    return None


@dataclass(frozen=True)
class _Rule:
    tokens: tuple[tuple[tuple[str, callable], ...], ...]  # per pattern token: (attribute, predicate)
    index: int  # which token of the match gets the attributes (may be negative)
    attrs: tuple[tuple[str, str], ...]  # (POS or TAG, value)


@dataclass
class PosRules:
    """Compiled attribute-ruler rules: `apply(doc)` sets each token's POS (and TAG) as the ruler would."""

    rules: tuple[_Rule, ...]
    attrs: tuple[str, ...]  # the token attributes the rules read, in the order they are read from the Doc
    reads: tuple[tuple[str, ...], ...]  # per offset -reach..reach from a token: the attributes rules test there
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def reach(self) -> int:
        return len(self.reads) // 2

    def _evaluate(self, key: tuple) -> dict[str, str]:
        """What the rules assign to the token at the centre of a window (key: per offset, the values in `reads`)."""
        out: dict[str, str] = {}
        for rule in self.rules:
            length = len(rule.tokens)
            start = self.reach - rule.index % length  # the window offset of the match's first token
            ok = True
            for k, tests in enumerate(rule.tokens):
                values = key[start + k]
                if values is None:
                    ok = False
                    break
                named = dict(zip(self.reads[start + k], values))
                if not all(test(named[a]) for a, test in tests):
                    ok = False
                    break
            if ok:
                out.update(rule.attrs)
        return out

    def apply(self, doc: Doc) -> Doc:
        """Set POS (and TAG) on every token; all windows are read before any token changes, as spaCy matches first.

        Attributes are read as hashes (`Doc.to_array`), only those some rule tests at each offset make the window's
        key, and the result is written back in one `from_array`: per token, a dictionary look-up runs in Python.
        """
        n = len(doc)
        if not n:
            return doc
        current = doc.to_array([POS, TAG])
        table = doc.to_array([ATTR_IDS[a] for a in self.attrs]).tolist()
        reach = self.reach
        shifted = []  # per offset: for each token, the values tested there of the token at that offset
        for o, names in enumerate(self.reads):
            idx = [self.attrs.index(a) for a in names]
            col = [tuple(row[j] for j in idx) for row in table] if idx else [()] * n
            d, edge = o - reach, (None if idx else ())
            shifted.append([edge] * -d + col[:n + d] if d < 0 else col[d:] + [edge] * d)
        memo = self._memo
        out = current.copy()
        for i, key in enumerate(zip(*shifted)):
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self._hashed(self._evaluate(self._strings(doc, key)), doc)
            pos, tag = hit
            if pos is not None:
                out[i, 0] = pos
            if tag is not None:
                out[i, 1] = tag
        if (out != current).any():
            doc.from_array([POS, TAG], out)
        if len(memo) > 200_000:  # bound the long tail of rare windows
            memo.clear()
        return doc

    def _strings(self, doc: Doc, key: tuple) -> tuple:
        """A window of attribute hashes as the strings and booleans the patterns test."""
        strings = doc.vocab.strings
        return tuple(None if values is None else tuple(bool(v) if a in FLAGS else (strings[v] if v else "")
                                                       for a, v in zip(names, values))
                     for names, values in zip(self.reads, key))

    @staticmethod
    def _hashed(attrs: dict[str, str], doc: Doc) -> tuple[int | None, int | None]:
        pos, tag = attrs.get("POS"), attrs.get("TAG")
        return (POS_IDS[pos] if pos is not None else None, doc.vocab.strings.add(tag) if tag is not None else None)


def compile_rules(ruler: AttributeRuler) -> PosRules | None:
    """The ruler's POS/TAG rules as a PosRules, or None when a pattern has a form this module does not handle."""
    rules, reach = [], 0
    for pattern in ruler.patterns:
        attrs = tuple((k, v) for k, v in pattern["attrs"].items() if k in SET)
        if not attrs:
            continue  # a MORPH or LEMMA rule
        for alternative in pattern["patterns"]:
            tokens = []
            for spec in alternative:
                tests = []
                for attr, value in spec.items():
                    test = _test(value)
                    if attr not in ATTR_IDS or test is None:
                        return None
                    tests.append((attr, test))
                tokens.append(tuple(tests))
            if not tokens or any(not t for t in tokens):
                return None  # an empty token spec, or operators ("OP"): not a fixed-width window
            if not -len(tokens) <= pattern.get("index", 0) < len(tokens):
                return None
            rules.append(_Rule(tuple(tokens), pattern.get("index", 0), attrs))
            reach = max(reach, len(tokens) - 1)
    reads: list[set[str]] = [set() for _ in range(2 * reach + 1)]
    for rule in rules:
        start = reach - rule.index % len(rule.tokens)
        for k, tests in enumerate(rule.tokens):
            reads[start + k].update(a for a, _ in tests)
    attrs = tuple(sorted(set().union(*reads)))
    return PosRules(tuple(rules), attrs, tuple(tuple(sorted(r)) for r in reads))
